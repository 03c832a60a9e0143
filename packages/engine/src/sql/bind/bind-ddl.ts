/**
 * DDL binding: CREATE TABLE (columns, NOT NULL, PRIMARY KEY as a column or table constraint)
 * and DROP TABLE. Names follow PostgreSQL: unquoted identifiers arrive lower-cased from the
 * parser, the primary key constraint is `<table>_pkey`, and duplicates raise 42701 / 42P16.
 */

import type { IdentityKind, StoredExpression } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { identifierBytesMax, tableColumnsMax } from '../../limits.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import {
  type ColumnDef,
  type Constraint,
  type CreateSchemaStmt,
  type CreateStmt,
  type Node,
  stringsOf,
} from '../parse/index.js'
import { bindCheckConstraint, type CheckDraft } from './bind-check.js'
import { checkDefaultExpression, checkGenerationExpression } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindForeignKey, foldConstraintAttributes } from './bind-foreign-key.js'
import { chooseIndexName } from './bind-index.js'
import { bindSequenceOptions } from './bind-sequence-options.js'
import { resolveTypeNode } from './bind-type.js'
import type {
  BoundCreateSchema,
  BoundCreateTable,
  BoundUniqueConstraint,
  ForeignKeyDefinition,
  SequenceOptions,
} from './bound.js'

interface ColumnDraft {
  readonly name: string
  readonly type: SqlType
  isNotNull: boolean
  default?: StoredExpression
  generated?: StoredExpression
  identity?: { readonly kind: IdentityKind; readonly options: SequenceOptions }
  /** serial / bigserial / smallserial: an owned sequence and its nextval default. */
  isSerial?: boolean
}

/** Column expressions are checked once every column is known (generated ones read others). */
interface PendingExpression {
  readonly column: number
  readonly kind: 'default' | 'generated'
  readonly node: Node
  /** Where the clause after the expression starts (the end of its text), if known. */
  readonly end: number | undefined
}

/** CHECK constraints are bound once every column is known (they read any column). */
interface PendingCheck {
  readonly constraint: Constraint
  /** The column of a column constraint (it names the constraint). */
  readonly column: string | undefined
}

/** serial pseudo-types (PostgreSQL accepts them unqualified only). */
const serialTypes: Readonly<Record<string, SqlType>> = {
  serial: sqlTypes.int4,
  serial4: sqlTypes.int4,
  bigserial: sqlTypes.int8,
  serial8: sqlTypes.int8,
  smallserial: sqlTypes.int2,
  serial2: sqlTypes.int2,
}

export function bindCreateTable(context: BindContext, create: CreateStmt): BoundCreateTable {
  const relation = create.relation
  const schema = creationSchema(context, relation?.schemaname, relation?.location)
  const name = relation?.relname ?? ''
  if (relation?.relpersistence === 't') throw notYet('temporary tables')
  if ((create.inhRelations ?? []).length > 0) throw notYet('table inheritance')
  const columns: ColumnDraft[] = []
  let primaryKey: { name: string; columns: number[] } | undefined
  const setPrimaryKey = (indexes: number[], location: number | undefined): void => {
    if (primaryKey !== undefined) {
      const position = context.position(location)
      throw new SqlError(
        SqlState.invalidTableDefinition,
        `multiple primary keys for table "${name}" are not allowed`,
        position === undefined ? {} : { position },
      )
    }
    primaryKey = { name: constraintName(name, 'pkey'), columns: indexes }
    for (const index of indexes) {
      const column = columns[index]
      if (column !== undefined) column.isNotNull = true
    }
  }
  const pending: PendingExpression[] = []
  const uniques: UniqueDraft[] = []
  // Foreign keys are bound once every column is known (a table constraint may name any).
  const foreignKeyClauses: { constraint: Constraint; columns: string[] }[] = []
  const pendingChecks: PendingCheck[] = []
  for (const element of create.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const column = bindColumn(context, element.ColumnDef, columns, name, pending, pendingChecks)
      columns.push(column.draft)
      if (column.isPrimaryKey) setPrimaryKey([columns.length - 1], column.primaryKeyLocation)
      for (const unique of column.uniques) {
        uniques.push({ ...unique, columns: [columns.length - 1] })
      }
      for (const constraint of column.foreignKeys) {
        foreignKeyClauses.push({ constraint, columns: [column.draft.name] })
      }
    } else if ('Constraint' in element && element.Constraint.contype === 'CONSTR_FOREIGN') {
      foreignKeyClauses.push({
        constraint: element.Constraint,
        columns: stringsOf(element.Constraint.fk_attrs),
      })
    } else if ('Constraint' in element && element.Constraint.contype === 'CONSTR_CHECK') {
      pendingChecks.push({ constraint: element.Constraint, column: undefined })
    } else if ('Constraint' in element) {
      const constraint = element.Constraint
      const keys = bindTableConstraint(context, constraint, columns)
      if (constraint.contype === 'CONSTR_UNIQUE') {
        uniques.push({
          name: constraint.conname,
          columns: keys,
          nullsNotDistinct: constraint.nulls_not_distinct === true,
        })
      } else {
        setPrimaryKey(keys, constraint.location)
      }
    } else {
      throw notYet('this table element')
    }
  }
  bindColumnExpressions(context, columns, pending)
  const columnNames = columns.map((column) => column.name)
  const foreignKeys: ForeignKeyDefinition[] = foreignKeyClauses.map((clause) =>
    bindForeignKey(context, clause.constraint, clause.columns, columnNames),
  )
  const checks: CheckDraft[] = []
  for (const { constraint, column } of pendingChecks) {
    const taken = (candidate: string): boolean =>
      candidate === primaryKey?.name || checks.some((check) => check.name === candidate)
    checks.push(
      bindCheckConstraint(context, constraint, name, columns, column, taken, undefined, (n) => {
        return `check constraint "${n}" already exists`
      }),
    )
  }
  if (columns.length > tableColumnsMax) {
    throw new SqlError(
      SqlState.tooManyColumns,
      `tables can have at most ${tableColumnsMax} columns`,
    )
  }
  return {
    kind: 'CreateTable',
    schema,
    name,
    columns: columns.map((column) => ({ ...column })),
    primaryKey,
    foreignKeys,
    checks,
    ifNotExists: create.if_not_exists === true,
    ...(uniques.length === 0
      ? {}
      : { uniques: nameUniques(context, schema, name, columns, primaryKey, uniques) }),
  }
}

interface UniqueDraft {
  readonly name: string | undefined
  readonly columns: readonly number[]
  readonly nullsNotDistinct: boolean
}

/**
 * UNIQUE constraints as PostgreSQL keeps them: one that repeats the primary key's columns or an
 * earlier UNIQUE constraint's is dropped; unnamed ones are named `<table>_<columns>_key`
 * (numbered when the name is taken).
 */
function nameUniques(
  context: BindContext,
  schema: string,
  table: string,
  columns: readonly ColumnDraft[],
  primaryKey: { name: string; columns: number[] } | undefined,
  uniques: readonly UniqueDraft[],
): BoundUniqueConstraint[] {
  const taken = new Set<string>([table])
  if (primaryKey !== undefined) taken.add(primaryKey.name)
  const kept: BoundUniqueConstraint[] = []
  const sameColumns = (a: readonly number[], b: readonly number[]): boolean =>
    a.length === b.length && a.every((column, i) => column === b[i])
  for (const unique of uniques) {
    if (primaryKey !== undefined && sameColumns(unique.columns, primaryKey.columns)) continue
    const isRepeated = kept.some(
      (other) =>
        sameColumns(other.columns, unique.columns) &&
        other.nullsNotDistinct === unique.nullsNotDistinct,
    )
    if (isRepeated) continue
    const name =
      unique.name ??
      chooseIndexName(
        context.catalog,
        schema,
        table,
        unique.columns.map((column) => columns[column]?.name ?? '?'),
        'key',
        taken,
      )
    if (taken.has(name)) {
      throw new SqlError(SqlState.duplicateTable, `relation "${name}" already exists`)
    }
    taken.add(name)
    kept.push({ name, columns: unique.columns, nullsNotDistinct: unique.nullsNotDistinct })
  }
  return kept
}

function bindColumn(
  context: BindContext,
  definition: ColumnDef,
  existing: readonly ColumnDraft[],
  tableName: string,
  pending: PendingExpression[],
  pendingChecks: PendingCheck[],
): {
  draft: ColumnDraft
  isPrimaryKey: boolean
  primaryKeyLocation: number | undefined
  uniques: Omit<UniqueDraft, 'columns'>[]
  foreignKeys: Constraint[]
} {
  const name = definition.colname ?? ''
  if (existing.some((column) => column.name === name)) {
    throw new SqlError(SqlState.duplicateColumn, `column "${name}" specified more than once`)
  }
  const typeName = definition.typeName
  const typeNames = stringsOf(typeName?.names)
  const serialType =
    typeNames.length === 1 && (typeName?.arrayBounds ?? []).length === 0
      ? serialTypes[typeNames[0] ?? '']
      : undefined
  const type = serialType ?? resolveTypeNode(context, typeName)
  const draft: ColumnDraft = { name, type, isNotNull: definition.is_not_null === true }
  if (serialType !== undefined) {
    draft.isSerial = true
    draft.isNotNull = true
  }
  let isPrimaryKey = false
  let primaryKeyLocation: number | undefined
  const uniques: Omit<UniqueDraft, 'columns'>[] = []
  const foreignKeys: Constraint[] = []
  let isNullDeclared = false
  let hasDefault = draft.isSerial === true
  const conflict = (message: string, location: number | undefined): SqlError => {
    const position = context.position(location)
    return new SqlError(
      SqlState.syntaxError,
      `${message} for column "${name}" of table "${tableName}"`,
      position === undefined ? {} : { position },
    )
  }
  const constraints = foldConstraintAttributes(
    context,
    (definition.constraints ?? []).flatMap((node) =>
      'Constraint' in node ? [node.Constraint] : [],
    ),
  )
  constraints.forEach((constraint, index) => {
    const end = constraints[index + 1]?.location
    switch (constraint.contype) {
      case 'CONSTR_NOTNULL':
        if (isNullDeclared)
          throw conflict('conflicting NULL/NOT NULL declarations', constraint.location)
        draft.isNotNull = true
        break
      case 'CONSTR_NULL':
        if (draft.isNotNull && draft.identity !== undefined) {
          throw conflict('conflicting NULL/NOT NULL declarations', constraint.location)
        }
        isNullDeclared = true
        break
      case 'CONSTR_CHECK':
        pendingChecks.push({ constraint, column: name })
        break
      case 'CONSTR_PRIMARY':
        isPrimaryKey = true
        primaryKeyLocation = constraint.location
        break
      case 'CONSTR_FOREIGN':
        foreignKeys.push(constraint)
        break
      case 'CONSTR_DEFAULT':
        if (pending.some((p) => p.column === existing.length && p.kind === 'generated')) {
          throw conflict('both default and generation expression specified', constraint.location)
        }
        if (draft.identity !== undefined) {
          throw conflict('both default and identity specified', constraint.location)
        }
        if (hasDefault) throw conflict('multiple default values specified', constraint.location)
        hasDefault = true
        if (constraint.raw_expr !== undefined) {
          pending.push({ column: existing.length, kind: 'default', node: constraint.raw_expr, end })
        }
        break
      case 'CONSTR_IDENTITY':
        if (draft.identity !== undefined) {
          throw conflict('multiple identity specifications', constraint.location)
        }
        if (hasDefault) throw conflict('both default and identity specified', constraint.location)
        if (isNullDeclared) {
          throw conflict('conflicting NULL/NOT NULL declarations', constraint.location)
        }
        draft.identity = {
          kind: constraint.generated_when === 'a' ? 'always' : 'by default',
          options: bindSequenceOptions(context, constraint.options ?? [], 'identity'),
        }
        draft.isNotNull = true
        break
      case 'CONSTR_GENERATED':
        if (constraint.generated_kind === 'v') {
          throw notYet('virtual generated columns', context.position(constraint.location))
        }
        if (hasDefault) {
          throw conflict('both default and generation expression specified', constraint.location)
        }
        if (draft.identity !== undefined) {
          throw conflict('both identity and generation expression specified', constraint.location)
        }
        if (constraint.raw_expr !== undefined) {
          hasDefault = true
          pending.push({
            column: existing.length,
            kind: 'generated',
            node: constraint.raw_expr,
            end,
          })
        }
        break
      case 'CONSTR_UNIQUE':
        uniques.push({
          name: constraint.conname,
          nullsNotDistinct: constraint.nulls_not_distinct === true,
        })
        break
      default:
        throw notYet(constraintLabel(constraint), context.position(constraint.location))
    }
  })
  return { draft, isPrimaryKey, primaryKeyLocation, uniques, foreignKeys }
}

/** DEFAULT and generation expressions, checked now that every column is known. */
function bindColumnExpressions(
  context: BindContext,
  columns: ColumnDraft[],
  pending: readonly PendingExpression[],
): void {
  const generated = new Set(pending.filter((p) => p.kind === 'generated').map((p) => p.column))
  const infos = columns.map((c, i) => ({
    name: c.name,
    type: c.type,
    isGenerated: generated.has(i),
  }))
  for (const expression of pending) {
    const column = columns[expression.column]
    if (column === undefined) continue
    if (expression.kind === 'default') {
      column.default = checkDefaultExpression(context, expression.node, column, expression.end)
    } else {
      column.generated = checkGenerationExpression(
        context,
        expression.node,
        column,
        infos,
        expression.end,
      )
    }
  }
}

function bindTableConstraint(
  context: BindContext,
  constraint: Constraint,
  columns: readonly ColumnDraft[],
): number[] {
  if (constraint.contype !== 'CONSTR_PRIMARY' && constraint.contype !== 'CONSTR_UNIQUE') {
    throw notYet(constraintLabel(constraint), context.position(constraint.location))
  }
  if ((constraint.including ?? []).length > 0) throw notYet('INCLUDE in constraints')
  const kind = constraint.contype === 'CONSTR_UNIQUE' ? 'unique' : 'primary key'
  const keys = stringsOf(constraint.keys)
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i)
  if (repeated !== undefined) {
    const position = context.position(constraint.location)
    throw new SqlError(
      SqlState.duplicateColumn,
      `column "${repeated}" appears twice in ${kind} constraint`,
      position === undefined ? {} : { position },
    )
  }
  return keys.map((key) => {
    const index = columns.findIndex((column) => column.name === key)
    if (index < 0) {
      const position = context.position(constraint.location)
      throw new SqlError(
        SqlState.undefinedColumn,
        `column "${key}" named in key does not exist`,
        position === undefined ? {} : { position },
      )
    }
    return index
  })
}

function constraintLabel(constraint: Constraint): string {
  const kind = (constraint.contype ?? 'CONSTR_UNKNOWN').replace('CONSTR_', '').replaceAll('_', ' ')
  return `${kind} constraints`
}

/** `<table>_<suffix>`, truncating the table part so the name fits an identifier (PostgreSQL's
 * makeObjectName does the same). */
function constraintName(table: string, suffix: string): string {
  const room = identifierBytesMax - suffix.length - 1
  let base = table
  while (Buffer.byteLength(base) > room) base = base.slice(0, -1)
  return `${base}_${suffix}`
}

/** The schema a CREATE puts its object in: the named one (3F000 when missing), else the
 * first existing schema of the search path. */
export function creationSchema(
  context: BindContext,
  schema: string | undefined,
  location: number | undefined,
): string {
  if (schema === undefined) {
    return context.catalog.creationSchema(context.searchPath, context.position(location)).name
  }
  return context.catalog.getSchema(schema, context.position(location)).name
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]; schema elements are not yet. */
export function bindCreateSchema(
  context: BindContext,
  create: CreateSchemaStmt,
): BoundCreateSchema {
  const owner = create.authrole?.rolename
  const name = create.schemaname ?? owner
  if (name === undefined) throw notYet('CREATE SCHEMA without a name or role')
  if ((create.schemaElts ?? []).length > 0) throw notYet('schema elements in CREATE SCHEMA')
  if (name.startsWith('pg_')) {
    throw new SqlError(SqlState.reservedName, `unacceptable schema name "${name}"`, {
      detail: 'The prefix "pg_" is reserved for system schemas.',
    })
  }
  return {
    kind: 'CreateSchema',
    name,
    owner: owner ?? context.user,
    ifNotExists: create.if_not_exists === true,
  }
}

function notYet(feature: string, position?: number): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    `${feature} are not supported yet`,
    position === undefined ? {} : { position },
  )
}
