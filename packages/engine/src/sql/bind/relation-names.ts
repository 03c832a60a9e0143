/**
 * RelationNames over a catalog: how regclass reads names ('s', 'public."Mixed"') and prints OIDs
 * (the name, qualified when the search path would not find it, quoted where needed), for the
 * binder's literals and for values converted while a statement runs; and the comments COMMENT
 * ON stored, for obj_description and col_description.
 */
import type { Catalog, SearchPath } from '../../catalog/index.js'
import { findSystemRelation, findSystemRelationByOid } from '../../catalog/system/index.js'
import type { RelationNames } from '../../types/index.js'
import { quoteIdent } from '../functions/index.js'

/** `catalog` is read at each call: a statement's DDL changes the catalog it runs against. */
export function relationNamesOf(catalog: () => Catalog, searchPath: SearchPath): RelationNames {
  return {
    findOid(schema, name) {
      const relation = catalog().resolveRelation(schema, name, searchPath)
      if (relation !== undefined && schema !== 'pg_catalog') return relation.oid
      return findSystemRelation(schema, name, searchPath)?.oid
    },
    nameOf(oid) {
      const current = catalog()
      const relation = current.findRelationByOid(oid)
      if (relation === undefined) {
        const system = findSystemRelationByOid(oid)
        if (system === undefined) return undefined
        const isVisible = findSystemRelation(undefined, system.name, searchPath) === system
        return isVisible ? system.name : `${system.schema}.${system.name}`
      }
      const found = current.resolveRelation(undefined, relation.name, searchPath)
      const name = quoteIdent(relation.name)
      return found?.oid === oid ? name : `${quoteIdent(relation.schema)}.${name}`
    },
    commentOf(oid, catalogName, column) {
      return commentOf(catalog(), oid, catalogName, column)
    },
  }
}

/** What COMMENT ON stored for an object, found by OID the way pg_description keys it. */
function commentOf(
  catalog: Catalog,
  oid: number,
  catalogName: string,
  column: number,
): string | undefined {
  if (catalogName === 'pg_namespace') {
    if (column !== 0) return undefined
    for (const schema of catalog.schemas()) if (schema.oid === oid) return schema.comment
    return undefined
  }
  if (catalogName !== 'pg_class') return undefined
  const relation = catalog.findRelationByOid(oid)
  if (relation !== undefined) {
    if (column === 0) return relation.comment
    if (relation.kind === 'sequence') return undefined
    return relation.columns[column - 1]?.comment
  }
  if (column !== 0) return undefined
  // An index: the primary key's or a secondary one, part of its table's definition.
  for (const table of catalog.tables()) {
    if (table.primaryKey?.oid === oid) return table.primaryKey.comment
    const index = table.indexes.find((i) => i.oid === oid)
    if (index !== undefined) return index.comment
  }
  return undefined
}
