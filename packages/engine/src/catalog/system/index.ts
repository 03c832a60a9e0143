/**
 * System catalogs (pg_catalog, information_schema) as relations computed from the catalog
 * (system-relation.ts). Found by name like any relation: pg_catalog's before the search path,
 * as PostgreSQL searches pg_catalog first; information_schema's when qualified or on the path.
 */
import type { SearchPath } from '../catalog.js'
import { informationSchemaViews } from './information-schema.js'
import { pgAttrdef, pgAttribute, pgConstraint, pgIndex } from './pg-attribute.js'
import { pgClass, pgInherits, pgNamespace, pgPartitionedTable } from './pg-class.js'
import {
  emptyCatalogs,
  pgDescription,
  pgIndexes,
  pgPolicies,
  pgPolicy,
  pgProc,
  pgSequence,
  pgSequences,
  pgTables,
  pgViews,
} from './pg-objects.js'
import {
  pgAm,
  pgAuthid,
  pgAuthMembers,
  pgCollation,
  pgDatabase,
  pgExtension,
  pgLanguage,
  pgRoles,
  pgSettings,
  pgStatActivity,
  pgTablespace,
  pgUser,
} from './pg-roles.js'
import { pgEnum, pgType } from './pg-type.js'
import type { SystemRelation } from './system-relation.js'

export { type CatalogAnswers, catalogAccessOf } from './catalog-access.js'
export {
  type BackendActivity,
  type SystemColumn,
  type SystemRelation,
  type SystemSource,
  systemRows,
} from './system-relation.js'

const all: SystemRelation[] = []
all.push(
  pgNamespace,
  pgClass(() => all),
  pgAttribute(() => all),
  pgAttrdef,
  pgIndex,
  pgConstraint,
  pgType,
  pgEnum,
  pgProc,
  pgDescription,
  pgSequence,
  pgSequences,
  pgTables,
  pgViews,
  pgIndexes,
  pgPolicy,
  pgPolicies,
  pgAuthid,
  pgRoles,
  pgUser,
  pgAuthMembers,
  pgDatabase,
  pgSettings,
  pgStatActivity,
  pgTablespace,
  pgAm,
  pgCollation,
  pgExtension,
  pgLanguage,
  pgInherits,
  pgPartitionedTable,
  ...emptyCatalogs,
  ...informationSchemaViews,
)

const byName = new Map(all.map((relation) => [`${relation.schema}.${relation.name}`, relation]))
const byOid = new Map(all.map((relation) => [relation.oid, relation]))

/** Every system relation. */
export function systemRelations(): readonly SystemRelation[] {
  return all
}

/** The system relation a possibly qualified name denotes, undefined when none. Unqualified:
 * pg_catalog's, else information_schema's when `searchPath` names it (callers pass an empty
 * path when a user relation of that name was found: it wins over information_schema's). */
export function findSystemRelation(
  schema: string | undefined,
  name: string,
  searchPath: SearchPath,
): SystemRelation | undefined {
  if (schema !== undefined) return byName.get(`${schema}.${name}`)
  const inCatalog = byName.get(`pg_catalog.${name}`)
  if (inCatalog !== undefined) return inCatalog
  return searchPath.includes('information_schema')
    ? byName.get(`information_schema.${name}`)
    : undefined
}

export function findSystemRelationByOid(oid: number): SystemRelation | undefined {
  return byOid.get(oid)
}
