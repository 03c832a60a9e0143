/**
 * The catalog's objects as pg_catalog numbers them: schema OIDs by name, owner OIDs, and every
 * relation pg_class lists (tables, views, sequences, indexes of tables, and the system
 * relations themselves), with what pg_class says of each. Shared by pg_class, pg_index,
 * pg_indexes, information_schema.tables and the others.
 */
import type { Catalog } from '../catalog.js'
import type { Relation } from '../objects.js'
import { bootstrapRoleOid } from '../roles.js'
import type { Index, Table } from '../table.js'
import type { SystemRelation } from './system-relation.js'

/** information_schema's OID in PostgreSQL 15 (it varies between builds; this is a common one). */
export const informationSchemaOid = 13207
export const pgToastOid = 99
export const pgCatalogOid = 11

/** The namespace OID of a schema by name (0 when it does not exist). */
export function namespaceOid(catalog: Catalog, schema: string): number {
  if (schema === 'information_schema') return informationSchemaOid
  return catalog.findSchema(schema)?.oid ?? 0
}

/** The OID of a role by name (the bootstrap superuser's when it does not exist). */
export function roleOid(catalog: Catalog, name: string): number {
  return catalog.findRole(name)?.oid ?? bootstrapRoleOid
}

/** A relation as pg_class lists it. */
export type ClassEntry =
  | { readonly kind: 'relation'; readonly relation: Relation }
  | {
      readonly kind: 'index'
      readonly table: Table
      readonly oid: number
      readonly name: string
      /** Undefined for the primary key's index. */
      readonly index: Index | undefined
    }
  | { readonly kind: 'system'; readonly relation: SystemRelation }

/** Every index of `table`: the primary key's first, then the secondary ones. */
export function indexEntriesOf(table: Table): (ClassEntry & { kind: 'index' })[] {
  const entries: (ClassEntry & { kind: 'index' })[] = []
  if (table.primaryKey !== undefined) {
    const key = table.primaryKey
    entries.push({ kind: 'index', table, oid: key.oid, name: key.name, index: undefined })
  }
  for (const index of table.indexes) {
    entries.push({ kind: 'index', table, oid: index.oid, name: index.name, index })
  }
  return entries
}

/** The key columns (1-based attnums, 0 for an expression) of an index entry. */
export function indexKeyNumbers(entry: ClassEntry & { kind: 'index' }): number[] {
  if (entry.index === undefined) {
    return (entry.table.primaryKey?.columns ?? []).map((column) => column + 1)
  }
  return entry.index.keys.map((key) => (key.column === undefined ? 0 : key.column + 1))
}
