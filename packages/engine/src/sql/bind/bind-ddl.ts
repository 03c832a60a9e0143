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
import { resolveTypeNode } from './bind-type.js'
import type { BoundCreateSchema, BoundCreateTable } from './bound.js'

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
  for (const element of create.tableElts ?? []) {
    if ('ColumnDef' in element) {
      const column = bindColumn(context, element.ColumnDef, columns)
      columns.push(column.draft)
      if (column.isPrimaryKey) setPrimaryKey([columns.length - 1], column.primaryKeyLocation)
    } else if ('Constraint' in element) {
      const keys = bindTableConstraint(context, element.Constraint, columns)
      setPrimaryKey(keys, element.Constraint.location)
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
  }
}

function bindColumn(
  context: BindContext,
  definition: ColumnDef,
  existing: readonly ColumnDraft[],
): { draft: ColumnDraft; isPrimaryKey: boolean; primaryKeyLocation: number | undefined } {
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
      default:
        throw notYet(constraintLabel(constraint), context.position(constraint.location))
    }
  }
  return { draft, isPrimaryKey, primaryKeyLocation }
}

function bindTableConstraint(
  context: BindContext,
  constraint: Constraint,
  columns: readonly ColumnDraft[],
): number[] {
  if (constraint.contype !== 'CONSTR_PRIMARY') {
    throw notYet(constraintLabel(constraint), context.position(constraint.location))
  }
  const keys = stringsOf(constraint.keys)
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i)
  if (repeated !== undefined) {
    const position = context.position(constraint.location)
    throw new SqlError(
      SqlState.duplicateColumn,
      `column "${repeated}" appears twice in primary key constraint`,
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
