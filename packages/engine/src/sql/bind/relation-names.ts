/**
 * RelationNames over a catalog: how regclass reads names ('s', 'public."Mixed"') and prints OIDs
 * (the name, qualified when the search path would not find it, quoted where needed), for the
 * binder's literals and for values converted while a statement runs.
 */
import type { Catalog, SearchPath } from '../../catalog/index.js'
import type { RelationNames } from '../../types/index.js'
import { quoteIdent } from '../functions/index.js'

/** `catalog` is read at each call: a statement's DDL changes the catalog it runs against. */
export function relationNamesOf(catalog: () => Catalog, searchPath: SearchPath): RelationNames {
  return {
    findOid(schema, name) {
      const relation = catalog().resolveRelation(schema, name, searchPath)
      return relation?.oid
    },
    nameOf(oid) {
      const current = catalog()
      const relation = current.findRelationByOid(oid)
      if (relation === undefined) return undefined
      const found = current.resolveRelation(undefined, relation.name, searchPath)
      const name = quoteIdent(relation.name)
      return found?.oid === oid ? name : `${quoteIdent(relation.schema)}.${name}`
    },
  }
}
