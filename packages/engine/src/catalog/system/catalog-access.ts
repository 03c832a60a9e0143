/**
 * The catalog questions system information functions ask (sql/functions' CatalogAccess,
 * matched structurally: the catalog does not import sql/functions), answered from the
 * statement's catalog version.
 */
import type { SystemSource } from './system-relation.js'

export interface CatalogAnswers {
  currentSchemas(isImplicit: boolean): readonly string[]
}

/** `source` is read at each call: a statement's DDL changes the catalog it runs against. */
export function catalogAccessOf(source: () => SystemSource): CatalogAnswers {
  return {
    currentSchemas(isImplicit) {
      const { catalog, searchPath } = source()
      const schemas = searchPath.filter((name) => catalog.findSchema(name) !== undefined)
      if (isImplicit && !schemas.includes('pg_catalog')) schemas.unshift('pg_catalog')
      return schemas
    },
  }
}
