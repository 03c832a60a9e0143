/**
 * Privileges on catalog objects: where an object's ACL lives (its key in Catalog.acls), its
 * owner, the effective ACL (stored, else the owner's default), the question every check asks
 * (`privilegesOf`), default privileges (ALTER DEFAULT PRIVILEGES, applied when objects are
 * created) and what a role holds (DROP ROLE's dependency check).
 *
 * Keys: `relation:<oid>` (tables, views, sequences), `column:<oid>:<attnum>`,
 * `function:<oid>`, `schema:<oid>`, `database`, and `default:<role oid>:<schema oid, 0 for
 * all>:<table|sequence|function|schema>` for default privileges. OIDs are never reused, so an
 * ACL left behind by a dropped object is never read again.
 */
import { type Acl, type AclObjectKind, aclDefault, aclMask, formatAclItem, sameAcl } from './acl.js'
import type { Catalog } from './catalog.js'
import type { Relation, Schema, SqlFunction } from './objects.js'
import { bootstrapRoleOid, type Role } from './roles.js'

/** An object that carries an ACL. */
export type AclTarget =
  | { readonly kind: 'relation'; readonly relation: Relation }
  | { readonly kind: 'column'; readonly relation: Relation; readonly column: number }
  | { readonly kind: 'function'; readonly fn: SqlFunction }
  | { readonly kind: 'schema'; readonly schema: Schema }
  | { readonly kind: 'database' }

/** Object kinds ALTER DEFAULT PRIVILEGES names. */
export type DefaultAclKind = 'table' | 'sequence' | 'function' | 'schema'

/** The name bkg-db's one database has (current_database()). */
export const databaseName = 'postgres'

export function aclKeyOf(target: AclTarget): string {
  switch (target.kind) {
    case 'relation':
      return `relation:${target.relation.oid}`
    case 'column':
      return `column:${target.relation.oid}:${target.column}`
    case 'function':
      return `function:${target.fn.oid}`
    case 'schema':
      return `schema:${target.schema.oid}`
    case 'database':
      return 'database'
  }
}

export function defaultAclKey(role: number, schema: number, kind: DefaultAclKind): string {
  return `default:${role}:${schema}:${kind}`
}

export function aclKindOf(target: AclTarget): AclObjectKind {
  switch (target.kind) {
    case 'relation':
      return target.relation.kind === 'sequence' ? 'sequence' : 'table'
    case 'column':
      return 'column'
    case 'function':
      return 'function'
    case 'schema':
      return 'schema'
    case 'database':
      return 'database'
  }
}

/** The owning role (undefined only if the catalog lost it, which DROP ROLE prevents). */
export function ownerRoleOf(catalog: Catalog, target: AclTarget): Role | undefined {
  switch (target.kind) {
    case 'relation':
    case 'column':
      return catalog.findRole(target.relation.owner)
    case 'function':
      return catalog.findRole(target.fn.owner)
    case 'schema':
      return catalog.findRole(target.schema.owner)
    case 'database':
      return catalog.findRoleByOid(bootstrapRoleOid)
  }
}

/** The ACL that applies: the stored one, else the owner's default. */
export function effectiveAcl(catalog: Catalog, target: AclTarget): Acl {
  const stored = catalog.aclOf(aclKeyOf(target))
  if (stored !== undefined) return stored
  return aclDefault(aclKindOf(target), ownerRoleOf(catalog, target)?.oid ?? bootstrapRoleOid)
}

/** The privileges of `mask` that `role` holds on `target` (grant options with `grantOptions`). */
export function privilegesOf(
  catalog: Catalog,
  target: AclTarget,
  role: Role,
  mask: number,
  grantOptions = false,
): number {
  const owner = ownerRoleOf(catalog, target)
  return aclMask(catalog, effectiveAcl(catalog, target), owner, role, mask, grantOptions)
}

/** Whether `role` holds every privilege of `mask` on `target`. */
export function hasPrivileges(
  catalog: Catalog,
  target: AclTarget,
  role: Role,
  mask: number,
): boolean {
  return privilegesOf(catalog, target, role, mask) === mask
}

/** Whether `role` holds `privilege` on column `column` of `relation`: on the table, or on the
 * column (pg_attribute_aclcheck's rule). */
export function hasColumnPrivilege(
  catalog: Catalog,
  relation: Relation,
  column: number,
  role: Role,
  privilege: number,
): boolean {
  if (hasPrivileges(catalog, { kind: 'relation', relation }, role, privilege)) return true
  return hasPrivileges(catalog, { kind: 'column', relation, column }, role, privilege)
}

/** Whether `role` holds `privilege` on the table or on any of its columns. */
export function hasAnyColumnPrivilege(
  catalog: Catalog,
  relation: Relation,
  role: Role,
  privilege: number,
): boolean {
  if (hasPrivileges(catalog, { kind: 'relation', relation }, role, privilege)) return true
  const count = relation.kind === 'sequence' ? 0 : relation.columns.length
  for (let column = 1; column <= count; column++) {
    const acl = catalog.aclOf(aclKeyOf({ kind: 'column', relation, column }))
    if (acl === undefined) continue
    if (hasPrivileges(catalog, { kind: 'column', relation, column }, role, privilege)) return true
  }
  return false
}

/**
 * The ACL a new object gets from default privileges (get_user_default_acl): the global entry
 * (or the built-in default) merged with the schema's; undefined when that is just the built-in
 * default, so nothing is stored.
 */
export function initialAcl(
  catalog: Catalog,
  kind: DefaultAclKind,
  owner: number,
  schema: number,
): Acl | undefined {
  const global = catalog.aclOf(defaultAclKey(owner, 0, kind))
  const inSchema = kind === 'schema' ? undefined : catalog.aclOf(defaultAclKey(owner, schema, kind))
  if (global === undefined && inSchema === undefined) return undefined
  const builtin = aclDefault(kind, owner)
  let acl: Acl = global ?? builtin
  for (const item of inSchema ?? []) {
    const found = acl.find((a) => a.grantee === item.grantee && a.grantor === item.grantor)
    if (found === undefined) acl = [...acl, item]
    else {
      const merged = {
        ...found,
        privileges: found.privileges | item.privileges,
        grantOptions: found.grantOptions | item.grantOptions,
      }
      acl = acl.map((a) => (a === found ? merged : a))
    }
  }
  return sameAcl(acl, builtin) ? undefined : acl
}

/**
 * `catalog` with default privileges applied to the objects created since `before` (OIDs from
 * before.nextOid on): what CREATE does in PostgreSQL, done once per statement.
 */
export function withDefaultAclsApplied(catalog: Catalog, before: Catalog): Catalog {
  if (catalog.nextOid === before.nextOid) return catalog
  let result = catalog
  const hasDefaults = [...catalog.acls.keys()].some((key) => key.startsWith('default:'))
  if (!hasDefaults) return catalog
  const schemaOids = new Map<string, number>()
  for (const schema of catalog.schemas()) schemaOids.set(schema.name, schema.oid)
  for (let oid = before.nextOid; oid < catalog.nextOid; oid++) {
    const relation = catalog.findRelationByOid(oid)
    const fn = relation === undefined ? catalog.findFunctionByOid(oid) : undefined
    const schema =
      relation === undefined && fn === undefined
        ? [...catalog.schemas()].find((s) => s.oid === oid)
        : undefined
    let target: AclTarget | undefined
    let kind: DefaultAclKind | undefined
    let schemaName = ''
    if (relation !== undefined) {
      target = { kind: 'relation', relation }
      kind = relation.kind === 'sequence' ? 'sequence' : 'table'
      schemaName = relation.schema
    } else if (fn !== undefined) {
      target = { kind: 'function', fn }
      kind = 'function'
      schemaName = fn.schema
    } else if (schema !== undefined) {
      target = { kind: 'schema', schema }
      kind = 'schema'
    }
    if (target === undefined || kind === undefined) continue
    if (result.aclOf(aclKeyOf(target)) !== undefined) continue
    const owner = ownerRoleOf(result, target)
    if (owner === undefined) continue
    const acl = initialAcl(result, kind, owner.oid, schemaOids.get(schemaName) ?? 0)
    if (acl !== undefined) result = result.withAcl(aclKeyOf(target), acl)
  }
  return result
}

/** Where `role` appears in a stored ACL of an existing object, as DROP ROLE's detail lines
 * (`privileges for table t`). */
export function privilegesHeldBy(catalog: Catalog, role: Role): string[] {
  const lines: string[] = []
  for (const [key, acl] of catalog.acls) {
    if (!acl.some((item) => item.grantee === role.oid || item.grantor === role.oid)) continue
    const description = describeAclKey(catalog, key)
    if (description !== undefined) lines.push(`privileges for ${description}`)
  }
  return lines
}

/** `table t`, `column a of table t`, `schema s`, ... for an ACL key of an existing object. */
export function describeAclKey(catalog: Catalog, key: string): string | undefined {
  const [kind, first, second, third] = key.split(':')
  const oid = Number(first)
  switch (kind) {
    case 'relation': {
      const relation = catalog.findRelationByOid(oid)
      return relation === undefined
        ? undefined
        : `${relationWord(relation)} ${qualified(relation.schema, relation.name)}`
    }
    case 'column': {
      const relation = catalog.findRelationByOid(oid)
      if (relation === undefined || relation.kind === 'sequence') return undefined
      const column = relation.columns[Number(second) - 1]
      return column === undefined
        ? undefined
        : `column ${column.name} of ${relationWord(relation)} ${qualified(relation.schema, relation.name)}`
    }
    case 'function': {
      const fn = catalog.findFunctionByOid(oid)
      if (fn === undefined) return undefined
      const types = fn.parameters.map((p) => p.type.name).join(',')
      return `function ${qualified(fn.schema, fn.name)}(${types})`
    }
    case 'schema': {
      const schema = [...catalog.schemas()].find((s) => s.oid === oid)
      return schema === undefined ? undefined : `schema ${schema.name}`
    }
    case 'database':
      return `database ${databaseName}`
    case 'default': {
      const schemaOid = Number(second)
      const schema = [...catalog.schemas()].find((s) => s.oid === schemaOid)
      const word = third === 'table' ? 'relations' : `${third}s`
      if (schemaOid === 0)
        return `default privileges on new ${word} belonging to role ${catalog.findRoleByOid(oid)?.name ?? oid}`
      if (schema === undefined) return undefined
      return `default privileges on new ${word} belonging to role ${catalog.findRoleByOid(oid)?.name ?? oid} in schema ${schema.name}`
    }
    default:
      return undefined
  }
}

/** A name as DROP ROLE's detail prints it: qualified unless in public. */
function qualified(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`
}

export function relationWord(relation: Relation): string {
  return relation.kind === 'sequence' ? 'sequence' : relation.kind === 'view' ? 'view' : 'table'
}

/**
 * An object's ACL as pg_class.relacl / pg_namespace.nspacl / pg_proc.proacl show it: aclitem
 * texts (`postgres=arwdDxt/postgres`), or undefined (SQL NULL) while the object has its owner's
 * default. For pg_catalog views: `catalogAcl(catalog, { kind: 'relation', relation })`.
 */
export function catalogAcl(catalog: Catalog, target: AclTarget): string[] | undefined {
  const stored = catalog.aclOf(aclKeyOf(target))
  return stored?.map((item) => formatAclItem(catalog, item))
}
