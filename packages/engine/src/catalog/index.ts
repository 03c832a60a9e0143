/**
 * Catalog: schemas, tables, columns and constraints as immutable values; DDL produces new
 * versions. Not here: row storage (access/), pg_catalog views (issue #6).
 * Imports: lib, errors, types. Tests: catalog.test.ts.
 */
export { Catalog, defaultSchema, firstUserOid } from './catalog.js'
export { loadCatalog, removeTable, storeTable, tableKey } from './catalog-store.js'
export type { Column, PrimaryKey, Table } from './table.js'
