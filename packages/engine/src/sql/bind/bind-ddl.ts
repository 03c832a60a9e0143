/**
 * DDL binding: CREATE TABLE (columns, NOT NULL, PRIMARY KEY as a column or table constraint)
 * and DROP TABLE. Names follow PostgreSQL: unquoted identifiers arrive lower-cased from the
 * parser, the primary key constraint is `<table>_pkey`, and duplicates raise 42701 / 42P16.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { identifierBytesMax, tableColumnsMax } from '../../limits.js'
import type { SqlType } from '../../types/index.js'
import {
  type ColumnDef,
  type Constraint,
  type CreateSchemaStmt,
  type CreateStmt,
  stringsOf,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { chooseIndexName } from './bind-index.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundCreateSchema, BoundCreateTable, BoundUniqueConstraint } from './bound.js'

interface ColumnDraft {
  readonly name: string
  readonly type: SqlType
  isNotNull: boolean
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
  const uniques: UniqueDraft[] = []
  for (const element of create.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const column = bindColumn(context, element.ColumnDef, columns)
      columns.push(column.draft)
      if (column.isPrimaryKey) setPrimaryKey([columns.length - 1], column.primaryKeyLocation)
      for (const unique of column.uniques) {
        uniques.push({ ...unique, columns: [columns.length - 1] })
      }
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
): {
  draft: ColumnDraft
  isPrimaryKey: boolean
  primaryKeyLocation: number | undefined
  uniques: Omit<UniqueDraft, 'columns'>[]
} {
  const name = definition.colname ?? ''
  if (existing.some((column) => column.name === name)) {
    throw new SqlError(SqlState.duplicateColumn, `column "${name}" specified more than once`)
  }
  const typeName = definition.typeName
  const position = context.position(typeName?.location)
  const type = resolveTypeNode(context, typeName)
  void position
  const draft: ColumnDraft = { name, type, isNotNull: definition.is_not_null === true }
  let isPrimaryKey = false
  let primaryKeyLocation: number | undefined
  const uniques: Omit<UniqueDraft, 'columns'>[] = []
  for (const node of definition.constraints ?? []) {
    if (!('Constraint' in node)) continue
    const constraint = node.Constraint
    switch (constraint.contype) {
      case 'CONSTR_NOTNULL':
        draft.isNotNull = true
        break
      case 'CONSTR_NULL':
        break
      case 'CONSTR_PRIMARY':
        isPrimaryKey = true
        primaryKeyLocation = constraint.location
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
  }
  return { draft, isPrimaryKey, primaryKeyLocation, uniques }
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
