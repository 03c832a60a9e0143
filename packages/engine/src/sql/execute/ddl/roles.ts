/**
 * Role DDL: CREATE / ALTER / DROP ROLE, ALTER ROLE ... RENAME, GRANT / REVOKE membership,
 * ALTER ... OWNER TO and REASSIGN OWNED, with PostgreSQL 15's permission rules and messages
 * (src/backend/commands/user.c): CREATEROLE lets a role manage non-superuser roles; only
 * superusers touch superuser, REPLICATION and BYPASSRLS; a role without CREATEROLE may change
 * only its own password. Roles are catalog objects, stored and published like tables, so this
 * DDL is transactional.
 */
import {
  aclKeyOf,
  aclNewOwner,
  bootstrapRoleOid,
  type Catalog,
  type CatalogObject,
  canSetRole,
  isAdminOf,
  isMd5Hash,
  isMemberOf,
  isReservedRoleName,
  isScramVerifier,
  membershipClosure,
  newRole,
  privilegesHeldBy,
  type Relation,
  type Role,
  type RoleMembership,
  removeObject,
  roleNotFound,
  scramVerifier,
  storeObject,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { assertNever } from '../../../lib/assert.js'
import { rolesMax } from '../../../limits.js'
import { formatValue, parseValueText, sqlTypes } from '../../../types/index.js'
import type {
  BoundRoleCommand,
  OwnedObjectName,
  RoleCommand,
  RoleName,
  RoleOptions,
} from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'
import { resolveFunctionNamed } from './function-names.js'
import { revokeAllFrom, runDefaultPrivilegesCommand, runPrivilegeCommand } from './grant.js'

export function executeRoleCommand(
  bound: BoundRoleCommand,
  context: ExecutionContext,
): StatementResult {
  runRoleCommand(bound.command, context)
  return ddlResult(bound.tag, context)
}

function runRoleCommand(command: RoleCommand, context: ExecutionContext): void {
  switch (command.kind) {
    case 'CreateRole':
      createRole(command, context)
      return
    case 'AlterRole':
      alterRole(command, context)
      return
    case 'RenameRole':
      renameRole(command, context)
      return
    case 'DropRole':
      dropRoles(command, context)
      return
    case 'GrantRole':
      grantRoles(command, context)
      return
    case 'AlterOwner':
      alterOwner(command.object, command.newOwner, context)
      return
    case 'ReassignOwned':
      reassignOwned(command, context)
      return
    case 'DropOwned':
      dropOwned(command, context)
      return
    case 'GrantPrivileges':
      runPrivilegeCommand(command, context)
      return
    case 'AlterDefaultPrivileges':
      runDefaultPrivilegesCommand(command, context)
      return
    default:
      assertNever(command, 'role command')
      return
  }
}

/** The role running the statement. */
function actorOf(context: ExecutionContext): Role {
  return context.catalog.getRole(currentRoleOf(context))
}

function roleOf(context: ExecutionContext, name: RoleName): Role {
  // PostgreSQL reports a missing role without a position (get_role_oid).
  if (name.kind === 'public') throw roleNotFound('public')
  return context.catalog.getRole(name.name)
}

function denied(message: string): SqlError {
  return new SqlError(SqlState.insufficientPrivilege, message)
}

function saveRole(context: ExecutionContext, role: Role, oidsUsed: number): void {
  context.catalog = context.catalog.withRole(role, oidsUsed)
  storeObject(context.transaction, role, context.catalog.nextOid)
}

function checkReservedName(name: string): void {
  if (!isReservedRoleName(name)) return
  throw new SqlError(
    SqlState.reservedName,
    `role name "${name}" is reserved`,
    name.startsWith('pg_') ? { detail: 'Role names starting with "pg_" are reserved.' } : {},
  )
}

// --- CREATE ROLE ---

function createRole(
  command: Extract<RoleCommand, { kind: 'CreateRole' }>,
  context: ExecutionContext,
): void {
  const actor = actorOf(context)
  const { options } = command
  if (options.isSuperuser === true && !actor.isSuperuser) {
    throw denied('must be superuser to create superusers')
  }
  if (options.isReplication === true && !actor.isSuperuser) {
    throw denied('must be superuser to create replication users')
  }
  if (options.bypassRls === true && !actor.isSuperuser) {
    throw denied('must be superuser to create bypassrls users')
  }
  if (!actor.isSuperuser && !actor.canCreateRole) throw denied('permission denied to create role')
  checkReservedName(command.name)
  const catalog = context.catalog
  if (catalog.findRole(command.name) !== undefined) {
    throw new SqlError(SqlState.duplicateObject, `role "${command.name}" already exists`)
  }
  let count = 0
  for (const _ of catalog.roles()) count++
  if (count >= rolesMax) {
    throw new SqlError(SqlState.programLimitExceeded, `cannot have more than ${rolesMax} roles`)
  }
  const base = newRole(catalog.nextOid, command.name)
  const role = withOptions(base, options, context)
  saveRole(context, role, 1)
  // IN ROLE: the new role joins those; ROLE / ADMIN: those join the new role.
  for (const name of command.inRoles) {
    addMember(context, actor, roleOf(context, name), newRoleMember(context, role), false)
  }
  for (const name of command.members) {
    addMember(context, actor, newRoleMember(context, role), roleOf(context, name), false)
  }
  for (const name of command.adminMembers) {
    addMember(context, actor, newRoleMember(context, role), roleOf(context, name), true)
  }
}

/** The new role as the catalog now holds it (memberships change it as they are added). */
function newRoleMember(context: ExecutionContext, role: Role): Role {
  const current = context.catalog.findRoleByOid(role.oid)
  if (current === undefined) throw roleNotFound(role.name)
  return current
}

/** `role` with the options applied (the password hashed, VALID UNTIL read as timestamptz). */
function withOptions(role: Role, options: RoleOptions, context: ExecutionContext): Role {
  const next: { -readonly [K in keyof Role]: Role[K] } = { ...role }
  if (options.isSuperuser !== undefined) next.isSuperuser = options.isSuperuser
  if (options.inherit !== undefined) next.inherit = options.inherit
  if (options.canCreateRole !== undefined) next.canCreateRole = options.canCreateRole
  if (options.canCreateDb !== undefined) next.canCreateDb = options.canCreateDb
  if (options.canLogin !== undefined) next.canLogin = options.canLogin
  if (options.isReplication !== undefined) next.isReplication = options.isReplication
  if (options.bypassRls !== undefined) next.bypassRls = options.bypassRls
  if (options.connectionLimit !== undefined) {
    if (options.connectionLimit < -1) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `invalid connection limit: ${options.connectionLimit}`,
      )
    }
    next.connectionLimit = options.connectionLimit
  }
  if (options.validUntil !== undefined) {
    const types = context.environment.types
    const value = parseValueText(options.validUntil, sqlTypes.timestamptz, types)
    next.validUntil = formatValue(value, sqlTypes.timestamptz, types)
  }
  if (options.password !== undefined) next.password = storedPassword(options.password, context)
  return next
}

/** What PASSWORD stores: a verifier as given, else the clear text's SCRAM verifier; an empty
 * password clears it with PostgreSQL's notice. */
function storedPassword(password: string | null, context: ExecutionContext): string | undefined {
  if (password === null) return undefined
  if (password === '') {
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: 'empty string is not a valid password, clearing password',
    })
    return undefined
  }
  if (isScramVerifier(password) || isMd5Hash(password)) return password
  return scramVerifier(password)
}

// --- ALTER ROLE ---

function alterRole(
  command: Extract<RoleCommand, { kind: 'AlterRole' }>,
  context: ExecutionContext,
): void {
  const actor = actorOf(context)
  const role = roleOf(context, command.role)
  const { options } = command
  if (role.isSuperuser || options.isSuperuser !== undefined) {
    if (!actor.isSuperuser) {
      throw denied('must be superuser to alter superuser roles or change superuser attribute')
    }
  } else if (role.isReplication || options.isReplication !== undefined) {
    if (!actor.isSuperuser) {
      throw denied('must be superuser to alter replication roles or change replication attribute')
    }
  } else if (options.bypassRls !== undefined) {
    if (!actor.isSuperuser) throw denied('must be superuser to change bypassrls attribute')
  } else if (!actor.canCreateRole && !actor.isSuperuser) {
    // Without CREATEROLE a role may change only its own password.
    const onlyPassword = Object.keys(options).every((key) => key === 'password')
    if (!onlyPassword || options.password === undefined || role.oid !== actor.oid) {
      throw denied('permission denied')
    }
  }
  saveRole(context, withOptions(role, options, context), 0)
}

function renameRole(
  command: Extract<RoleCommand, { kind: 'RenameRole' }>,
  context: ExecutionContext,
): void {
  const catalog = context.catalog
  const role = catalog.getRole(command.name)
  const sessionUser = context.environment.sessionUser ?? 'postgres'
  if (role.name === sessionUser) {
    throw new SqlError(SqlState.featureNotSupported, 'session user cannot be renamed')
  }
  if (role.name === currentRoleOf(context)) {
    throw new SqlError(SqlState.featureNotSupported, 'current user cannot be renamed')
  }
  if (catalog.findRole(command.newName) !== undefined) {
    throw new SqlError(SqlState.duplicateObject, `role "${command.newName}" already exists`)
  }
  checkReservedName(command.newName)
  const actor = actorOf(context)
  if (role.isSuperuser) {
    if (!actor.isSuperuser) throw denied('must be superuser to rename superusers')
  } else if (!actor.isSuperuser && !actor.canCreateRole) {
    throw denied('permission denied to rename role')
  }
  let password = role.password
  if (password !== undefined && isMd5Hash(password)) {
    // The MD5 hash is salted with the name, so it no longer matches.
    password = undefined
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: 'MD5 password cleared because of role rename',
    })
  }
  saveRole(context, { ...role, name: command.newName, password }, 0)
  changeOwners(context, role.name, command.newName, () => true)
}

// --- DROP ROLE ---

function dropRoles(
  command: Extract<RoleCommand, { kind: 'DropRole' }>,
  context: ExecutionContext,
): void {
  const actor = actorOf(context)
  if (!actor.isSuperuser && !actor.canCreateRole) throw denied('permission denied to drop role')
  const sessionUser = context.environment.sessionUser ?? 'postgres'
  for (const name of command.roles) {
    if (name.kind === 'public') throw roleNotFound('public')
    const role = context.catalog.findRole(name.name)
    if (role === undefined) {
      if (!command.missingOk) throw roleNotFound(name.name)
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.successfulCompletion,
        message: `role "${name.name}" does not exist, skipping`,
      })
      continue
    }
    if (role.name === currentRoleOf(context)) {
      throw new SqlError(SqlState.objectInUse, 'current user cannot be dropped')
    }
    if (role.name === sessionUser) {
      throw new SqlError(SqlState.objectInUse, 'session user cannot be dropped')
    }
    if (role.isSuperuser && !actor.isSuperuser) throw denied('must be superuser to drop superusers')
    dropRole(context, role)
  }
}

/** `target of policy p on table t` for each policy naming the role (PostgreSQL's pg_shdepend
 * policy entries, which DROP ROLE refuses). */
function policyTargetsOf(context: ExecutionContext, role: Role): string[] {
  const found: string[] = []
  for (const relation of context.catalog.relations()) {
    if (relation.kind !== 'table') continue
    for (const policy of relation.policies ?? []) {
      if (policy.roles.includes(role.oid)) {
        found.push(`target of policy ${policy.name} on table ${relation.name}`)
      }
    }
  }
  return found
}

function dropRole(context: ExecutionContext, role: Role): void {
  if (role.oid === bootstrapRoleOid) {
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      `cannot drop role ${role.name} because it is required by the database system`,
    )
  }
  const owned = ownedObjects(context.catalog, role.name)
  const privileges = privilegesHeldBy(context.catalog, role)
  if (owned.length > 0 || privileges.length > 0) {
    const lines = [...owned.map((object) => `owner of ${describeObject(object)}`), ...privileges]
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      `role "${role.name}" cannot be dropped because some objects depend on it`,
      { detail: lines.join('\n') },
    )
  }
  const targets = policyTargetsOf(context, role)
  if (targets.length > 0) {
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      `role "${role.name}" cannot be dropped because some objects depend on it`,
      { detail: targets.join('\n') },
    )
  }
  // Memberships in the role, and its own, go with it (pg_auth_members rows).
  for (const other of [...context.catalog.roles()]) {
    if (other.oid === role.oid) continue
    const memberOf = other.memberOf.filter((m) => m.role !== role.oid)
    if (memberOf.length !== other.memberOf.length) saveRole(context, { ...other, memberOf }, 0)
  }
  const current = context.catalog.findRoleByOid(role.oid)
  if (current === undefined) return
  context.catalog = context.catalog.withoutRole(current)
  removeObject(context.transaction, current)
}

// --- GRANT / REVOKE role ---

function grantRoles(
  command: Extract<RoleCommand, { kind: 'GrantRole' }>,
  context: ExecutionContext,
): void {
  const actor = actorOf(context)
  let grantor = actor
  if (command.grantor !== undefined) {
    grantor = roleOf(context, command.grantor)
    if (grantor.oid !== actor.oid && !actor.isSuperuser) {
      throw denied('must be superuser to set grantor')
    }
  }
  for (const roleName of command.roles) {
    for (const granteeName of command.grantees) {
      const role = roleOf(context, roleName)
      const member = roleOf(context, granteeName)
      if (command.isGrant) addMember(context, grantor, role, member, command.isAdminOption)
      else removeMember(context, grantor, role, member, command.isAdminOption)
    }
  }
}

/** PostgreSQL 15's check before changing membership in `role`. */
function checkMayGrant(context: ExecutionContext, grantor: Role, role: Role): void {
  const actor = actorOf(context)
  if (role.isSuperuser) {
    if (!actor.isSuperuser) throw denied('must be superuser to alter superusers')
  } else if (
    !actor.isSuperuser &&
    !actor.canCreateRole &&
    !isAdminOf(context.catalog, grantor, role)
  ) {
    throw denied(`must have admin option on role "${role.name}"`)
  }
}

/** Makes `member` a member of `role` (invariant 1 of catalog/roles.ts: no cycles). */
function addMember(
  context: ExecutionContext,
  grantor: Role,
  role: Role,
  member: Role,
  isAdmin: boolean,
): void {
  checkMayGrant(context, grantor, role)
  // A cycle: `role` already reaches `member` (or they are the same role).
  if (membershipClosure(context.catalog, role).has(member.oid)) {
    throw new SqlError(
      SqlState.invalidGrantOperation,
      `role "${role.name}" is a member of role "${member.name}"`,
    )
  }
  const existing = member.memberOf.find((m) => m.role === role.oid)
  if (existing !== undefined && (!isAdmin || existing.isAdmin)) {
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: `role "${member.name}" is already a member of role "${role.name}"`,
    })
    return
  }
  const membership: RoleMembership = { role: role.oid, isAdmin, grantor: grantor.oid }
  const memberOf = [...member.memberOf.filter((m) => m.role !== role.oid), membership]
  saveRole(context, { ...member, memberOf }, 0)
}

function removeMember(
  context: ExecutionContext,
  grantor: Role,
  role: Role,
  member: Role,
  isAdminOptionOnly: boolean,
): void {
  checkMayGrant(context, grantor, role)
  const existing = member.memberOf.find((m) => m.role === role.oid)
  if (existing === undefined) {
    context.notices.push({
      severity: 'WARNING',
      code: SqlState.warning,
      message: `role "${member.name}" is not a member of role "${role.name}"`,
    })
    return
  }
  const memberOf = isAdminOptionOnly
    ? member.memberOf.map((m) => (m.role === role.oid ? { ...m, isAdmin: false } : m))
    : member.memberOf.filter((m) => m.role !== role.oid)
  saveRole(context, { ...member, memberOf }, 0)
}

// --- owners ---

/** Objects owned by role `name`, in a stable order (schemas, relations, types, functions). */
export function ownedObjects(catalog: Catalog, name: string): CatalogObject[] {
  const owned: CatalogObject[] = []
  for (const schema of catalog.schemas()) {
    if (!schema.isBuiltin && schema.owner === name) owned.push(schema)
  }
  for (const relation of catalog.relations()) if (relation.owner === name) owned.push(relation)
  for (const type of catalog.types()) if (type.owner === name) owned.push(type)
  for (const fn of catalog.functions()) if (fn.owner === name) owned.push(fn)
  return owned
}

/** How PostgreSQL's dependency messages name an object: `table t`, `schema s`. */
function describeObject(object: CatalogObject): string {
  switch (object.kind) {
    case 'schema':
      return `schema ${object.name}`
    case 'table':
    case 'view':
    case 'sequence':
      return `${object.kind} ${qualifiedName(object.schema, object.name)}`
    case 'type':
      return `type ${qualifiedName(object.schema, object.name)}`
    case 'function':
      return `function ${qualifiedName(object.schema, object.name)}(${object.parameters
        .map((p) => p.type.name)
        .join(',')})`
    case 'role':
      return `role ${object.name}`
    default:
      return assertNever(object, 'owned object')
  }
}

function qualifiedName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`
}

/** Gives every object owned by `from` that `isChosen` accepts to `to` (rename, REASSIGN). */
function changeOwners(
  context: ExecutionContext,
  from: string,
  to: string,
  isChosen: (object: CatalogObject) => boolean,
): void {
  for (const object of ownedObjects(context.catalog, from)) {
    if (isChosen(object)) setOwner(context, object, to)
  }
}

function setOwner(context: ExecutionContext, object: CatalogObject, owner: string): void {
  const catalog = context.catalog
  let next: CatalogObject
  switch (object.kind) {
    case 'schema':
      next = { ...object, owner }
      context.catalog = catalog.replacingSchema(object, next)
      break
    case 'table':
    case 'view':
    case 'sequence': {
      const relation: Relation = { ...object, owner }
      next = relation
      context.catalog = catalog.replacingRelation(object, relation, 0)
      break
    }
    case 'type':
      next = { ...object, owner }
      context.catalog = catalog.replacingType(object, next, 0)
      break
    case 'function':
      next = { ...object, owner }
      context.catalog = catalog.withFunction(next, 0)
      break
    case 'role':
      return
    default:
      assertNever(object, 'owned object')
  }
  storeObject(context.transaction, next, context.catalog.nextOid)
  moveAcls(context, object, next)
}

/** Stored ACLs of an object (and its columns) name the new owner where they named the old
 * one (PostgreSQL's aclnewowner). */
function moveAcls(context: ExecutionContext, before: CatalogObject, after: CatalogObject): void {
  const from = context.catalog.findRole(before.kind === 'role' ? '' : before.owner)
  const to = context.catalog.findRole(after.kind === 'role' ? '' : after.owner)
  if (from === undefined || to === undefined || from.oid === to.oid) return
  const keys: string[] = []
  if (after.kind === 'schema') keys.push(aclKeyOf({ kind: 'schema', schema: after }))
  if (after.kind === 'function') keys.push(aclKeyOf({ kind: 'function', fn: after }))
  if (after.kind === 'table' || after.kind === 'view' || after.kind === 'sequence') {
    keys.push(aclKeyOf({ kind: 'relation', relation: after }))
    const count = after.kind === 'sequence' ? 0 : after.columns.length
    for (let column = 1; column <= count; column++) {
      keys.push(aclKeyOf({ kind: 'column', relation: after, column }))
    }
  }
  for (const key of keys) {
    const acl = context.catalog.aclOf(key)
    if (acl !== undefined)
      context.catalog = context.catalog.withAcl(key, aclNewOwner(acl, from.oid, to.oid))
  }
}

/** The object ALTER ... OWNER TO names, with the word its messages use. */
function resolveOwned(
  context: ExecutionContext,
  object: OwnedObjectName,
): { object: CatalogObject; word: string; display: string } | undefined {
  const catalog = context.catalog
  switch (object.kind) {
    case 'schema': {
      const schema = catalog.getSchema(object.name)
      return { object: schema, word: 'schema', display: schema.name }
    }
    case 'relation': {
      const relation = catalog.resolveRelation(object.schema, object.name, context.searchPath)
      if (relation === undefined || relation.kind === 'index') {
        if (object.missingOk) {
          context.notices.push({
            severity: 'NOTICE',
            code: SqlState.successfulCompletion,
            message: `relation "${object.name}" does not exist, skipping`,
          })
          return undefined
        }
        if (relation === undefined) {
          const shown =
            object.schema === undefined ? object.name : `${object.schema}.${object.name}`
          throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
        }
        throw new SqlError(SqlState.wrongObjectType, `"${relation.name}" is an index`)
      }
      if (object.word !== 'table' && relation.kind !== object.word) {
        throw new SqlError(
          SqlState.wrongObjectType,
          `"${relation.name}" is not a ${object.word}`,
          object.word === 'view'
            ? { hint: `Use ALTER ${relation.kind.toUpperCase()} instead.` }
            : {},
        )
      }
      return { object: relation, word: relation.kind, display: relation.name }
    }
    case 'type': {
      const type = catalog.resolveType(object.schema, object.name, context.searchPath)
      if (type === undefined) {
        throw new SqlError(SqlState.undefinedObject, `type "${object.name}" does not exist`)
      }
      return { object: type, word: 'type', display: type.name }
    }
    case 'function': {
      const fn = resolveFunctionNamed(context, object.schema, object.name, object.args)
      return { object: fn, word: 'function', display: fn.name }
    }
    default:
      return assertNever(object, 'owned object name')
  }
}

function alterOwner(object: OwnedObjectName, newOwner: RoleName, context: ExecutionContext): void {
  const resolved = resolveOwned(context, object)
  if (resolved === undefined) return
  const target = roleOf(context, newOwner)
  const current = resolved.object
  if (!('owner' in current) || current.owner === target.name) return
  if (current.kind === 'sequence' && current.ownedBy !== undefined) {
    const table = context.catalog.findRelationByOid(current.ownedBy.table)
    throw new SqlError(
      SqlState.featureNotSupported,
      `cannot change owner of sequence "${current.name}"`,
      { detail: `Sequence "${current.name}" is linked to table "${table?.name ?? ''}".` },
    )
  }
  const actor = actorOf(context)
  if (!actor.isSuperuser) {
    const owner = context.catalog.findRole(current.owner)
    if (owner === undefined || !isMemberOf(context.catalog, actor, owner)) {
      throw denied(`must be owner of ${resolved.word} ${resolved.display}`)
    }
    if (!canSetRole(context.catalog, actor, target)) {
      throw denied(`must be member of role "${target.name}"`)
    }
  }
  setOwner(context, current, target.name)
  if (current.kind === 'table') {
    // Sequences owned by the table's columns follow it (PostgreSQL's ATExecChangeOwner).
    for (const relation of [...context.catalog.relations()]) {
      if (relation.kind === 'sequence' && relation.ownedBy?.table === current.oid) {
        setOwner(context, relation, target.name)
      }
    }
  }
}

/** DROP OWNED BY: privileges granted to the roles are revoked; dropping the objects they own
 * is not supported yet (0A000 when they own any). */
function dropOwned(
  command: Extract<RoleCommand, { kind: 'DropOwned' }>,
  context: ExecutionContext,
): void {
  const actor = actorOf(context)
  const roles = command.roles.map((name) => roleOf(context, name))
  for (const role of roles) {
    if (!isMemberOf(context.catalog, actor, role)) {
      throw denied('permission denied to drop objects')
    }
    if (ownedObjects(context.catalog, role.name).length > 0) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'DROP OWNED of a role that owns objects is not supported yet',
      )
    }
  }
  for (const role of roles) revokeAllFrom(context, role)
}

function reassignOwned(
  command: Extract<RoleCommand, { kind: 'ReassignOwned' }>,
  context: ExecutionContext,
): void {
  const actor = actorOf(context)
  const target = roleOf(context, command.newOwner)
  const sources = command.roles.map((name) => roleOf(context, name))
  for (const source of sources) {
    if (!isMemberOf(context.catalog, actor, source)) {
      throw denied('permission denied to reassign objects')
    }
  }
  if (!isMemberOf(context.catalog, actor, target)) {
    throw denied('permission denied to reassign objects')
  }
  for (const source of sources) changeOwners(context, source.name, target.name, () => true)
}
