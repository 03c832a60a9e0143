/**
 * Access control lists: PostgreSQL's aclitem and the rules that read and change ACLs
 * (src/backend/utils/adt/acl.c). An ACL is a list of items {grantee, grantor, privileges,
 * grant options}; grantee 0 is PUBLIC. An object without a stored ACL has its owner's default
 * (`aclDefault`): the owner holds every privilege of the object kind, PUBLIC holds EXECUTE on
 * functions and CONNECT, TEMPORARY on the database.
 *
 * Invariants:
 *   1. An item's grant options are a subset of its privileges; no item has neither.
 *   2. (grantee, grantor) pairs are unique within an ACL.
 *   3. The owner's grant options are implied (never needed in an item): `aclMask` grants them to
 *      any role with the owner's privileges.
 */
import { SqlError, SqlState } from '../errors/index.js'
import type { Catalog } from './catalog.js'
import { isMemberOf, publicRoleOid, type Role } from './roles.js'

/** Privilege bits, in PostgreSQL's order (the order aclitem text prints them). */
export const Privilege = {
  insert: 1 << 0,
  select: 1 << 1,
  update: 1 << 2,
  delete: 1 << 3,
  truncate: 1 << 4,
  references: 1 << 5,
  trigger: 1 << 6,
  execute: 1 << 7,
  usage: 1 << 8,
  create: 1 << 9,
  temporary: 1 << 10,
  connect: 1 << 11,
} as const

/** aclitem letters, bit i ↔ letter i. */
const privilegeLetters = 'arwdDxtXUCTc'

/** Privilege keywords as GRANT spells them. */
export const privilegeNames: Readonly<Record<string, number>> = {
  insert: Privilege.insert,
  select: Privilege.select,
  update: Privilege.update,
  delete: Privilege.delete,
  truncate: Privilege.truncate,
  references: Privilege.references,
  trigger: Privilege.trigger,
  execute: Privilege.execute,
  usage: Privilege.usage,
  create: Privilege.create,
  temporary: Privilege.temporary,
  temp: Privilege.temporary,
  connect: Privilege.connect,
}

/** The kinds of objects that carry ACLs (acldefault's letters: r, s, c, f, n, d). */
export type AclObjectKind = 'table' | 'sequence' | 'column' | 'function' | 'schema' | 'database'

/** Every privilege an object kind has (PostgreSQL's ACL_ALL_RIGHTS_*). */
export const allPrivileges: Readonly<Record<AclObjectKind, number>> = {
  table:
    Privilege.insert |
    Privilege.select |
    Privilege.update |
    Privilege.delete |
    Privilege.truncate |
    Privilege.references |
    Privilege.trigger,
  sequence: Privilege.usage | Privilege.select | Privilege.update,
  column: Privilege.insert | Privilege.select | Privilege.update | Privilege.references,
  function: Privilege.execute,
  schema: Privilege.usage | Privilege.create,
  database: Privilege.create | Privilege.temporary | Privilege.connect,
}

export interface AclItem {
  /** Role OID; 0 is PUBLIC. */
  readonly grantee: number
  readonly grantor: number
  readonly privileges: number
  /** Privileges the grantee may grant on (a subset of `privileges`). */
  readonly grantOptions: number
}

export type Acl = readonly AclItem[]

/** The ACL an object of `kind` owned by `owner` has while none is stored (acldefault). */
export function aclDefault(kind: AclObjectKind, owner: number): Acl {
  if (kind === 'column') return []
  const items: AclItem[] = []
  if (kind === 'function') {
    items.push({
      grantee: publicRoleOid,
      grantor: owner,
      privileges: Privilege.execute,
      grantOptions: 0,
    })
  }
  if (kind === 'database') {
    const publicPrivileges = Privilege.temporary | Privilege.connect
    items.push({
      grantee: publicRoleOid,
      grantor: owner,
      privileges: publicPrivileges,
      grantOptions: 0,
    })
  }
  items.push({ grantee: owner, grantor: owner, privileges: allPrivileges[kind], grantOptions: 0 })
  return items
}

/** Privilege letters of `privileges`, a `*` after each held with grant option. */
export function privilegeText(privileges: number, grantOptions: number): string {
  let text = ''
  for (let bit = 0; bit < privilegeLetters.length; bit++) {
    if ((privileges & (1 << bit)) === 0) continue
    text += privilegeLetters[bit]
    if ((grantOptions & (1 << bit)) !== 0) text += '*'
  }
  return text
}

/** How aclitem prints a role OID: the name, quoted when needed; PUBLIC is empty. */
function roleText(catalog: Catalog, oid: number): string {
  if (oid === publicRoleOid) return ''
  const role = catalog.findRoleByOid(oid)
  if (role === undefined) return String(oid)
  return /^[a-z_][a-z0-9_$]*$/.test(role.name) ? role.name : `"${role.name.replaceAll('"', '""')}"`
}

/** aclitem's text form: `grantee=privileges/grantor` (aclitemout). */
export function formatAclItem(catalog: Catalog, item: AclItem): string {
  const grantee = roleText(catalog, item.grantee)
  return `${grantee}=${privilegeText(item.privileges, item.grantOptions)}/${roleText(catalog, item.grantor)}`
}

/** Reads aclitem text (aclitemin); 22P02 on bad input, 42704 for an unknown role. */
export function parseAclItem(catalog: Catalog, text: string): AclItem {
  const match = /^\s*("(?:[^"]|"")*"|[^=\s]*)=([a-zA-Z*]*)(?:\/("(?:[^"]|"")*"|\S+))?\s*$/.exec(
    text,
  )
  if (match === null) {
    throw new SqlError(SqlState.invalidTextRepresentation, `a name must follow the "/" sign`)
  }
  const roleOid = (name: string | undefined): number => {
    if (name === undefined || name === '') return publicRoleOid
    const unquoted = name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name
    return catalog.getRole(unquoted).oid
  }
  let privileges = 0
  let grantOptions = 0
  let last = 0
  for (const char of match[2] ?? '') {
    if (char === '*') {
      grantOptions |= last
      continue
    }
    const bit = privilegeLetters.indexOf(char)
    if (bit < 0) {
      throw new SqlError(
        SqlState.invalidTextRepresentation,
        `invalid mode character: must be one of "${privilegeLetters}"`,
      )
    }
    last = 1 << bit
    privileges |= last
  }
  const grantor = match[3] === undefined ? 10 : roleOid(match[3])
  return { grantee: roleOid(match[1]), grantor, privileges, grantOptions }
}

/**
 * The privileges of `mask` that `role` holds on an object with `acl` and `owner` (aclmask with
 * ACLMASK_ALL): superusers hold all; roles with the owner's privileges hold the owner's grant
 * options; items for PUBLIC, the role, or roles it inherits count. Grant-option bits are asked
 * for with `grantOptions` set.
 */
export function aclMask(
  catalog: Catalog,
  acl: Acl,
  owner: Role | undefined,
  role: Role,
  mask: number,
  grantOptions = false,
): number {
  if (role.isSuperuser) return mask
  if (grantOptions && owner !== undefined && isMemberOf(catalog, role, owner)) return mask
  let held = 0
  for (const item of acl) {
    const bits = grantOptions ? item.grantOptions : item.privileges
    if ((bits & mask & ~held) === 0) continue
    if (item.grantee === publicRoleOid || item.grantee === role.oid) {
      held |= bits & mask
      continue
    }
    const grantee = catalog.findRoleByOid(item.grantee)
    if (grantee !== undefined && isMemberOf(catalog, role, grantee)) held |= bits & mask
    if (held === mask) break
  }
  return held
}

/** The ACL with `privileges` (and their grant options if `withGrantOption`) added to the
 * item of (grantee, grantor). */
export function aclGrant(
  acl: Acl,
  grantee: number,
  grantor: number,
  privileges: number,
  withGrantOption: boolean,
): Acl {
  const options = withGrantOption ? privileges : 0
  const found = acl.findIndex((item) => item.grantee === grantee && item.grantor === grantor)
  if (found < 0) {
    if (privileges === 0) return acl
    return [...acl, { grantee, grantor, privileges, grantOptions: options }]
  }
  const current = acl[found] as AclItem
  const next = {
    ...current,
    privileges: current.privileges | privileges,
    grantOptions: current.grantOptions | options,
  }
  return acl.map((item, index) => (index === found ? next : item))
}

/**
 * The ACL with `privileges` revoked from (grantee, grantor): only their grant options when
 * `grantOptionOnly`. Grants the grantee made with an option it loses go too with `cascade`,
 * else 2BP01 `dependent privileges exist` (aclupdate's recursive revoke). The owner's implied
 * grant options are never lost.
 */
export function aclRevoke(
  catalog: Catalog,
  acl: Acl,
  owner: Role | undefined,
  grantee: number,
  grantor: number,
  privileges: number,
  grantOptionOnly: boolean,
  cascade: boolean,
  depth = 0,
): Acl {
  if (depth > acl.length + 1) return acl
  const found = acl.findIndex((item) => item.grantee === grantee && item.grantor === grantor)
  if (found < 0) return acl
  const current = acl[found] as AclItem
  const lostOptions = current.grantOptions & privileges
  const next: AclItem = {
    ...current,
    privileges: grantOptionOnly ? current.privileges : current.privileges & ~privileges,
    grantOptions: current.grantOptions & ~privileges,
  }
  let result: Acl =
    next.privileges === 0
      ? acl.filter((_, index) => index !== found)
      : acl.map((item, index) => (index === found ? next : item))
  if (lostOptions === 0 || grantee === publicRoleOid || grantee === owner?.oid) return result
  const granteeRole = catalog.findRoleByOid(grantee)
  const still =
    granteeRole === undefined ? 0 : aclMask(catalog, result, owner, granteeRole, lostOptions, true)
  const gone = lostOptions & ~still
  if (gone === 0) return result
  for (const item of result) {
    if (item.grantor !== grantee || (item.privileges & gone) === 0) continue
    if (!cascade) {
      throw new SqlError(SqlState.dependentObjectsStillExist, 'dependent privileges exist', {
        hint: 'Use CASCADE to revoke them too.',
      })
    }
    result = aclRevoke(catalog, result, owner, item.grantee, grantee, gone, false, true, depth + 1)
  }
  return result
}

/** The ACL with every occurrence of role `from` (grantee or grantor) replaced by `to`, merged
 * (ALTER ... OWNER TO: aclnewowner). */
export function aclNewOwner(acl: Acl, from: number, to: number): Acl {
  let result: Acl = []
  for (const item of acl) {
    const grantee = item.grantee === from ? to : item.grantee
    const grantor = item.grantor === from ? to : item.grantor
    result = aclGrant(result, grantee, grantor, item.privileges, false)
    result = aclGrant(result, grantee, grantor, item.grantOptions, true)
  }
  return result
}

/** Whether two ACLs hold the same items (order aside). */
export function sameAcl(left: Acl, right: Acl): boolean {
  if (left.length !== right.length) return false
  return left.every((item) =>
    right.some(
      (other) =>
        other.grantee === item.grantee &&
        other.grantor === item.grantor &&
        other.privileges === item.privileges &&
        other.grantOptions === item.grantOptions,
    ),
  )
}
