/**
 * DDL binding: CREATE TABLE (columns, NOT NULL, PRIMARY KEY as a column or table constraint)
 * and DROP TABLE. Names follow PostgreSQL: unquoted identifiers arrive lower-cased from the
 * parser, the primary key constraint is `<table>_pkey`, and duplicates raise 42701 / 42P16.
 */
import { defaultSchema, type Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { identifierBytesMax, tableColumnsMax } from '../../limits.js'
import type { SqlType } from '../../types/index.js'
import {
  type ColumnDef,
  type Constraint,
  type CreateStmt,
  type DropStmt,
  type Node,
  stringOf,
  stringsOf,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundCreateTable, BoundDropTable } from './bound.js'

interface ColumnDraft {
  readonly name: string
  readonly type: SqlType
  isNotNull: boolean
}

export function bindCreateTable(context: BindContext, create: CreateStmt): BoundCreateTable {
  const relation = create.relation
  const schema = relation?.schemaname ?? defaultSchema
  if (schema !== defaultSchema) throw schemaNotFound(schema, context.position(relation?.location))
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

export function bindDropTable(context: BindContext, drop: DropStmt): BoundDropTable {
  if (drop.removeType !== 'OBJECT_TABLE') {
    throw new SqlError(
      SqlState.featureNotSupported,
      `DROP ${describeObject(drop.removeType)} is not supported yet`,
    )
  }
  // CASCADE and RESTRICT drop the same set: nothing can depend on a table yet (no views or
  // foreign keys).
  const tables: Table[] = []
  const missing: string[] = []
  for (const object of drop.objects ?? []) {
    const names = 'List' in object ? stringsOf(object.List.items) : [stringOf(object as Node) ?? '']
    const name = names[names.length - 1] ?? ''
    const schema = names.length > 1 ? names[names.length - 2] : undefined
    const table = context.catalog.findTable(schema ?? defaultSchema, name)
    const shown = names.join('.')
    if (table === undefined && context.catalog.hasRelation(schema ?? defaultSchema, name)) {
      throw new SqlError(SqlState.wrongObjectType, `"${shown}" is not a table`, {
        hint: 'Use DROP INDEX to remove an index.',
      })
    }
    if (table === undefined) {
      if (drop.missing_ok === true) {
        missing.push(shown)
        continue
      }
      throw new SqlError(SqlState.undefinedTable, `table "${shown}" does not exist`)
    }
    if (!tables.includes(table)) tables.push(table)
  }
  return { kind: 'DropTable', tables, missing }
}

function describeObject(removeType: string | undefined): string {
  return (removeType ?? 'OBJECT_UNKNOWN').replace('OBJECT_', '').replaceAll('_', ' ')
}

function schemaNotFound(schema: string, position: number | undefined): SqlError {
  return new SqlError(
    SqlState.invalidSchemaName,
    `schema "${schema}" does not exist`,
    position === undefined ? {} : { position },
  )
}

function notYet(feature: string, position?: number): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    `${feature} are not supported yet`,
    position === undefined ? {} : { position },
  )
}
