/**
 * Catalog: schemas, tables (columns, keys, indexes, constraints), views, sequences, types and
 * roles (roles.ts: membership, RLS bypass, login) as immutable values; DDL produces new versions. Not here: row storage (access/), pg_catalog
 * views (issue #6).
 * Imports: lib, errors, types, kernel, sql/parse (types of stored ASTs). Tests: catalog.test.ts.
 */

export * from './acl.js'
export {
  builtinSchemas,
  Catalog,
  type Dependent,
  defaultSchema,
  defaultSearchPath,
  firstUserOid,
  relationNotFound,
  roleNotFound,
  type SearchPath,
  schemaNotFound,
  wrongRelationKind,
} from './catalog.js'
export {
  areAclsStored,
  type CatalogObject,
  loadCatalog,
  removeObject,
  removeTable,
  storeAcls,
  storeObject,
  storeRolesIfMissing,
  storeTable,
  tableKey,
  withoutLocations,
} from './catalog-store.js'
export type {
  FunctionBody,
  FunctionParameter,
  FunctionResult,
  IndexEntry,
  NamedRelation,
  Relation,
  Schema,
  Sequence,
  SequenceEpoch,
  SqlFunction,
  StoredQuery,
  UserType,
  View,
} from './objects.js'
export {
  noRowSecurity,
  type Policy,
  type PolicyCommand,
  policiesOf,
  type RowSecurityFlags,
  rowSecurityOf,
} from './policies.js'
export * from './privilege-questions.js'
export * from './privileges.js'
export {
  bootstrapRoleOid,
  builtinRoles,
  bypassesRls,
  canSetRole,
  isAdminOf,
  isMemberOf,
  isReservedRoleName,
  loginOf,
  membershipClosure,
  newRole,
  ownerOf,
  publicRoleOid,
  type Role,
  type RoleLogin,
  type RoleMembership,
} from './roles.js'
export {
  isMd5Hash,
  isScramVerifier,
  parseScramVerifier,
  scramIterations,
  scramVerifier,
  verifiesPassword,
} from './scram-verifier.js'
export {
  type CheckConstraint,
  type Column,
  type ForeignKey,
  type IdentityKind,
  type Index,
  type IndexKey,
  type PrimaryKey,
  plainTable,
  type ReferentialAction,
  type StoredExpression,
  type Table,
} from './table.js'
