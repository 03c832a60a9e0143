/**
 * Roles: PostgreSQL's pg_authid and pg_auth_members as catalog values, the built-in roles every
 * database has, and the questions the rest of the engine asks about them (membership, RLS
 * bypass, login). This is the small API the privilege checks and row-level security build on:
 *
 *   isMemberOf(catalog, role, ofRole)   has `role` the privileges of `ofRole`? (INHERIT honoured;
 *                                       PostgreSQL's has_privs_of_role)
 *   canSetRole(catalog, role, ofRole)   may `role` SET ROLE to `ofRole`? (any membership chain;
 *                                       is_member_of_role)
 *   isAdminOf(catalog, role, ofRole)    may `role` grant `ofRole` to others? (is_admin_of_role)
 *   bypassesRls(role)                   superuser or BYPASSRLS
 *   loginOf(catalog, name)              the stored SCRAM verifier and whether the role may log in
 *   ownerOf(relation)                   the owning role's name
 *
 * Roles are named by name in objects (owners) and by OID in memberships (so a rename keeps
 * memberships; owners are renamed with the role, see Catalog.withRoleRenamed).
 *
 * Invariants:
 *   1. Role names are unique; a membership names existing roles; no role is a member of itself,
 *      directly or through other roles (0LP01 refuses the grant that would close the cycle).
 *   2. `password` is absent or a verifier as PostgreSQL stores it (`SCRAM-SHA-256$...` or an
 *      `md5...` hash given already hashed); a clear-text password is never stored.
 */
import type { Catalog } from './catalog.js'
import type { Relation } from './objects.js'

/** A membership of the role that holds it in `role` (pg_auth_members: member → roleid). */
export interface RoleMembership {
  /** OID of the role granted. */
  readonly role: number
  /** WITH ADMIN OPTION: the member may grant `role` to others. */
  readonly isAdmin: boolean
  /** OID of the role that granted it. */
  readonly grantor: number
}

export interface Role {
  readonly kind: 'role'
  readonly oid: number
  readonly name: string
  readonly isSuperuser: boolean
  /** INHERIT: the role uses the privileges of the roles it is a member of without SET ROLE. */
  readonly inherit: boolean
  readonly canCreateRole: boolean
  readonly canCreateDb: boolean
  readonly canLogin: boolean
  readonly isReplication: boolean
  readonly bypassRls: boolean
  /** CONNECTION LIMIT; -1 is no limit. */
  readonly connectionLimit: number
  /** VALID UNTIL as PostgreSQL prints the timestamptz (undefined: forever). */
  readonly validUntil: string | undefined
  /** The stored verifier (invariant 2); undefined: no password. */
  readonly password: string | undefined
  /** The roles this role is a member of. */
  readonly memberOf: readonly RoleMembership[]
  readonly comment?: string | undefined
}

/** OID of the bootstrap superuser, as in PostgreSQL. */
export const bootstrapRoleOid = 10

/** The pseudo-role PUBLIC in ACLs (aclitem grantee 0); never a Role value. */
export const publicRoleOid = 0

/** Role names PostgreSQL reserves (42939 on CREATE ROLE / RENAME). */
export function isReservedRoleName(name: string): boolean {
  return (
    name.startsWith('pg_') ||
    ['public', 'none', 'current_user', 'current_role', 'session_user'].includes(name)
  )
}

/** A role with PostgreSQL's CREATE ROLE defaults (NOLOGIN, INHERIT, ...) and `options`. */
export function newRole(oid: number, name: string, options: Partial<Role> = {}): Role {
  return {
    kind: 'role',
    oid,
    name,
    isSuperuser: false,
    inherit: true,
    canCreateRole: false,
    canCreateDb: false,
    canLogin: false,
    isReplication: false,
    bypassRls: false,
    connectionLimit: -1,
    validUntil: undefined,
    password: undefined,
    memberOf: [],
    ...options,
  }
}

/**
 * The roles a new database starts with, as Supabase sets them up: `postgres` (the superuser
 * everything runs as by default), the API roles `anon`, `authenticated` and `service_role`
 * (which bypasses RLS), and `authenticator` (logs in, does not inherit, and switches to one of
 * the three with SET ROLE). Their OIDs lie below the first user OID so they never collide with
 * created objects. They are ordinary stored roles afterwards: ALTER and DROP apply.
 */
export const builtinRoles: readonly Role[] = [
  newRole(bootstrapRoleOid, 'postgres', {
    isSuperuser: true,
    canCreateRole: true,
    canCreateDb: true,
    canLogin: true,
    isReplication: true,
    bypassRls: true,
  }),
  newRole(16380, 'anon', {}),
  newRole(16381, 'authenticated', {}),
  newRole(16382, 'service_role', { bypassRls: true }),
  newRole(16383, 'authenticator', {
    canLogin: true,
    inherit: false,
    memberOf: [16380, 16381, 16382].map((oid) => ({
      role: oid,
      isAdmin: false,
      grantor: bootstrapRoleOid,
    })),
  }),
]

/** Whether `role` has the privileges of `ofRole` (PostgreSQL's has_privs_of_role): it is the
 * role, a superuser, or reaches it through memberships, inheriting at every step. */
export function isMemberOf(catalog: Catalog, role: Role, ofRole: Role): boolean {
  if (role.oid === ofRole.oid || role.isSuperuser) return true
  return reaches(catalog, role, ofRole.oid, true)
}

/** Whether `role` may SET ROLE to `ofRole` (PostgreSQL 15's is_member_of_role): it is the
 * role, a superuser, or a member through any chain, INHERIT or not. */
export function canSetRole(catalog: Catalog, role: Role, ofRole: Role): boolean {
  if (role.oid === ofRole.oid || role.isSuperuser) return true
  return reaches(catalog, role, ofRole.oid, false)
}

/** Whether `role` holds ADMIN OPTION on `ofRole` (PostgreSQL 15's is_admin_of_role): a
 * superuser, or a member through any chain whose last step was granted WITH ADMIN OPTION. A
 * role never has it on itself. (CREATEROLE, which also lets a role grant non-superuser roles,
 * is checked by the statements.) */
export function isAdminOf(catalog: Catalog, role: Role, ofRole: Role): boolean {
  if (role.isSuperuser) return true
  if (role.oid === ofRole.oid) return false
  const seen = new Set<number>([role.oid])
  const pending: Role[] = [role]
  while (pending.length > 0) {
    const current = pending.pop() as Role
    for (const membership of current.memberOf) {
      if (membership.role === ofRole.oid && membership.isAdmin) return true
      if (seen.has(membership.role)) continue
      seen.add(membership.role)
      const next = catalog.findRoleByOid(membership.role)
      if (next !== undefined) pending.push(next)
    }
  }
  return false
}

/** Superusers and BYPASSRLS roles are not subject to row-level security. */
export function bypassesRls(role: Role): boolean {
  return role.isSuperuser || role.bypassRls
}

/** What authentication needs to know about a role. */
export interface RoleLogin {
  readonly canLogin: boolean
  /** SUPERUSER: what pgwire reports as `is_superuser` at startup. */
  readonly isSuperuser: boolean
  /** The stored verifier (`SCRAM-SHA-256$...`, or an `md5...` hash); undefined: no password,
   * so password authentication fails, as in PostgreSQL. */
  readonly verifier: string | undefined
  /** VALID UNTIL as PostgreSQL prints it; undefined: forever. */
  readonly validUntil: string | undefined
}

/** What authentication needs to know about a user name (no network code: pgwire's SCRAM
 * exchange reads the verifier from here). Undefined when no such role exists. */
export function loginOf(catalog: Catalog, name: string): RoleLogin | undefined {
  const found = catalog.findRole(name)
  if (found === undefined) return undefined
  return {
    canLogin: found.canLogin,
    isSuperuser: found.isSuperuser,
    verifier: found.password,
    validUntil: found.validUntil,
  }
}

/** The name of the role owning a relation. */
export function ownerOf(relation: Relation): string {
  return relation.owner
}

/** Whether `target` is reachable from `role` through memberships (breadth-first over the
 * catalog's roles, so bounded by their number even if a cycle slipped in). */
function reaches(catalog: Catalog, role: Role, target: number, isInheriting: boolean): boolean {
  if (isInheriting && !role.inherit) return false
  const seen = new Set<number>([role.oid])
  const pending: Role[] = [role]
  while (pending.length > 0) {
    const current = pending.pop() as Role
    for (const membership of current.memberOf) {
      if (membership.role === target) return true
      if (seen.has(membership.role)) continue
      seen.add(membership.role)
      const next = catalog.findRoleByOid(membership.role)
      if (next === undefined) continue
      if (isInheriting && !next.inherit) continue
      pending.push(next)
    }
  }
  return false
}

/** The roles `role` is a member of through any chain, itself included (for DROP's and
 * circularity checks). */
export function membershipClosure(catalog: Catalog, role: Role): Set<number> {
  const seen = new Set<number>([role.oid])
  const pending: Role[] = [role]
  while (pending.length > 0) {
    const current = pending.pop() as Role
    for (const membership of current.memberOf) {
      if (seen.has(membership.role)) continue
      seen.add(membership.role)
      const next = catalog.findRoleByOid(membership.role)
      if (next !== undefined) pending.push(next)
    }
  }
  return seen
}
