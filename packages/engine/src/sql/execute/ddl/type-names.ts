/**
 * pg_type's name space: user types, and the row types of tables and views (PostgreSQL creates
 * one per relation, named like it). A new type may not take a table's or view's name, and a new
 * table or view may not take a type's (42710, with PostgreSQL's hint for the relation case).
 */
import type { Catalog } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'

/** CREATE TYPE, ALTER TYPE ... RENAME TO: 42710 when the schema has a type of that name, or a
 * table or view (whose row type it is). */
export function checkTypeNameFree(catalog: Catalog, schema: string, name: string): void {
  const relation = catalog.findRelation(schema, name)
  const isRowType = relation?.kind === 'table' || relation?.kind === 'view'
  if (catalog.findType(schema, name) !== undefined || isRowType) {
    throw new SqlError(SqlState.duplicateObject, `type "${name}" already exists`)
  }
}

/** CREATE TABLE / VIEW: the relation's row type would take a user type's name. */
export function checkRowTypeNameFree(catalog: Catalog, schema: string, name: string): void {
  if (catalog.findType(schema, name) === undefined) return
  throw new SqlError(SqlState.duplicateObject, `type "${name}" already exists`, {
    hint: "A relation has an associated type of the same name, so you must use a name that doesn't conflict with any existing type.",
  })
}
