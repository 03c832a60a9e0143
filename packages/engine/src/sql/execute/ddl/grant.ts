/**
 * GRANT / REVOKE on objects and ALTER DEFAULT PRIVILEGES, with PostgreSQL 15's rules
 * (src/backend/catalog/aclchk.c): the grantor is the owner when the current role has the
 * owner's privileges, else the role's own grant options decide what it may grant (01007 / 01006
 * warnings for what it may not, 42501 when it holds nothing); revoking a grant option that
 * others' grants depend on needs CASCADE (2BP01). ACLs are catalog values (catalog/acl.ts), so
 * this is transactional DDL.
 */
import {
  type Acl,
  type AclTarget,
  aclDefault,
  aclGrant,
  aclKeyOf,
  aclKindOf,
  aclMask,
  aclRevoke,
  allPrivileges,
  type Catalog,
  type DefaultAclKind,
  databaseName,
  defaultAclKey,
  effectiveAcl,
  hasPrivileges,
  isMemberOf,
  ownerRoleOf,
  Privilege,
  privilegeNames,
  publicRoleOid,
  type Relation,
  type Role,
  relationWord,
  roleNotFound,
  sameAcl,
  storeAcls,
  withDefaultAclsApplied,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import type {
  DefaultPrivilegesCommand,
  GrantObjectName,
  PrivilegeCommand,
  RoleName,
} from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import { resolveFunctionNamed } from './function-names.js'

/** What one GRANT / REVOKE does to one object (or to a column of it). */
interface GrantWork {
  readonly target: AclTarget
  /** How warnings name it: `"t"`, `column "a" of relation "t"`. */
  readonly display: string
  /** The privileges asked for (ALL: every privilege of the kind). */
  readonly privileges: number
  readonly isAll: boolean
}

export function runPrivilegeCommand(command: PrivilegeCommand, context: ExecutionContext): void {
  const actor = context.catalog.getRole(currentRoleOf(context))
  if (command.grantor !== undefined) {
    const grantor = grantorRole(context, command.grantor)
    if (grantor.oid !== actor.oid) {
      throw new SqlError(SqlState.featureNotSupported, 'grantor must be current user')
    }
  }
  const grantees = command.grantees.map((name) => granteeOid(context, name))
  if (command.isGrant && command.grantOption && grantees.includes(publicRoleOid)) {
    throw new SqlError(SqlState.invalidGrantOperation, 'grant options can only be granted to roles')
  }
  for (const work of worksOf(command, context)) {
    applyWork(context, actor, command, grantees, work)
  }
}

function grantorRole(context: ExecutionContext, name: RoleName): Role {
  if (name.kind === 'public') throw roleNotFound('public')
  return context.catalog.getRole(name.name)
}

function granteeOid(context: ExecutionContext, name: RoleName): number {
  if (name.kind === 'public') return publicRoleOid
  return context.catalog.getRole(name.name).oid
}

/** The privilege bits a statement names for objects of `kind`, or 0LP01. */
function privilegeMask(
  names: readonly string[],
  kind: 'table' | 'sequence' | 'column' | 'function' | 'schema' | 'database',
): number {
  let mask = 0
  for (const name of names) {
    const bit = privilegeNames[name]
    if (bit === undefined) {
      throw new SqlError(SqlState.syntaxError, `unrecognized privilege type "${name}"`)
    }
    if ((allPrivileges[kind] & bit) === 0) {
      throw new SqlError(
        SqlState.invalidGrantOperation,
        `invalid privilege type ${name.toUpperCase()} for ${kind}`,
      )
    }
    mask |= bit
  }
  return mask
}

/** The objects (and columns) the statement changes, each with the privileges it names. */
function worksOf(command: PrivilegeCommand, context: ExecutionContext): GrantWork[] {
  const catalog = context.catalog
  const target = command.target
  const works: GrantWork[] = []
  if (target.kind === 'defaults') return works
  const addRelation = (relation: Relation): void => {
    const kind = relation.kind === 'sequence' ? 'sequence' : 'table'
    const whole = (command.privileges ?? []).filter((p) => p.columns === undefined)
    const isAll = command.privileges === undefined
    let mask = isAll ? allPrivileges[kind] : 0
    if (!isAll && kind === 'sequence' && target.word === 'table') {
      // GRANT ... ON TABLE naming a sequence keeps the privileges a sequence has.
      const names = whole.map((p) => p.name)
      mask = privilegeMask(
        names.filter((n) => (allPrivileges.sequence & (privilegeNames[n] ?? 0)) !== 0),
        'sequence',
      )
      if (names.some((n) => (allPrivileges.sequence & (privilegeNames[n] ?? 0)) === 0)) {
        context.notices.push({
          severity: 'WARNING',
          code: SqlState.warning,
          message: `sequence "${relation.name}" only supports USAGE, SELECT, and UPDATE privileges`,
        })
      }
    } else if (!isAll) {
      mask = privilegeMask(
        whole.map((p) => p.name),
        kind,
      )
    }
    if (isAll || whole.length > 0) {
      works.push({
        target: { kind: 'relation', relation },
        display: `"${relation.name}"`,
        privileges: mask,
        isAll,
      })
    }
    for (const privilege of command.privileges ?? []) {
      if (privilege.columns === undefined) continue
      if (relation.kind === 'sequence') {
        throw new SqlError(SqlState.invalidGrantOperation, 'invalid privilege type for column')
      }
      const bit =
        privilege.name === 'all' ? allPrivileges.column : privilegeMask([privilege.name], 'column')
      for (const columnName of privilege.columns) {
        const index = relation.columns.findIndex((c) => c.name === columnName)
        if (index < 0) {
          throw new SqlError(
            SqlState.undefinedColumn,
            `column "${columnName}" of relation "${relation.name}" does not exist`,
          )
        }
        works.push({
          target: { kind: 'column', relation, column: index + 1 },
          display: `column "${columnName}" of relation "${relation.name}"`,
          privileges: bit,
          isAll: privilege.name === 'all',
        })
      }
    }
  }
  if (target.kind === 'all') {
    for (const schemaName of target.schemas) {
      catalog.getSchema(schemaName)
      if (target.word === 'function') {
        for (const fn of catalog.functions()) {
          if (fn.schema === schemaName) works.push(functionWork(command, fn))
        }
        continue
      }
      for (const relation of catalog.relations()) {
        if (relation.schema !== schemaName) continue
        if ((relation.kind === 'sequence') !== (target.word === 'sequence')) continue
        addRelation(relation)
      }
    }
    return works
  }
  for (const object of target.objects) {
    switch (target.word) {
      case 'table':
      case 'sequence': {
        const relation = resolveRelation(context, object)
        if (target.word === 'sequence' && relation.kind !== 'sequence') {
          throw new SqlError(SqlState.wrongObjectType, `"${relation.name}" is not a sequence`)
        }
        addRelation(relation)
        break
      }
      case 'function': {
        const fn = resolveFunctionNamed(context, object.schema, object.name, object.args)
        works.push(functionWork(command, fn))
        break
      }
      case 'schema': {
        const schema = catalog.getSchema(object.name)
        works.push(simpleWork(command, { kind: 'schema', schema }, `"${schema.name}"`))
        break
      }
      case 'database': {
        if (object.name !== databaseName) {
          throw new SqlError(SqlState.undefinedDatabase, `database "${object.name}" does not exist`)
        }
        works.push(simpleWork(command, { kind: 'database' }, `"${databaseName}"`))
        break
      }
    }
  }
  return works
}

function functionWork(
  command: PrivilegeCommand,
  fn: Extract<AclTarget, { kind: 'function' }>['fn'],
): GrantWork {
  return simpleWork(command, { kind: 'function', fn }, `"${fn.name}"`)
}

function simpleWork(command: PrivilegeCommand, target: AclTarget, display: string): GrantWork {
  const kind = aclKindOf(target)
  for (const privilege of command.privileges ?? []) {
    if (privilege.columns !== undefined) {
      throw new SqlError(
        SqlState.invalidGrantOperation,
        `column privileges are only valid for relations`,
      )
    }
  }
  const isAll = command.privileges === undefined
  const privileges = isAll
    ? allPrivileges[kind]
    : privilegeMask(
        (command.privileges ?? []).map((p) => p.name),
        kind,
      )
  return { target, display, privileges, isAll }
}

function resolveRelation(context: ExecutionContext, object: GrantObjectName): Relation {
  const found = context.catalog.resolveRelation(object.schema, object.name, context.searchPath)
  if (found === undefined || found.kind === 'index') {
    if (found?.kind === 'index') {
      throw new SqlError(SqlState.wrongObjectType, `"${object.name}" is an index`)
    }
    const shown = object.schema === undefined ? object.name : `${object.schema}.${object.name}`
    throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
  }
  return found
}

/** PostgreSQL's select_best_grantor: the owner when `actor` has its privileges, else the role
 * (the actor or one it inherits) holding the most of the wanted grant options. */
function bestGrantor(
  catalog: Catalog,
  actor: Role,
  owner: Role | undefined,
  acl: Acl,
  wanted: number,
): { grantor: Role; options: number } {
  if (owner !== undefined && isMemberOf(catalog, actor, owner)) {
    return { grantor: owner, options: wanted }
  }
  let best = { grantor: actor, options: aclMask(catalog, acl, owner, actor, wanted, true) }
  if (best.options === wanted) return best
  for (const role of catalog.roles()) {
    if (role.oid === actor.oid || !isMemberOf(catalog, actor, role)) continue
    const options = aclMask(catalog, acl, owner, role, wanted, true)
    if (bitCount(options) > bitCount(best.options)) best = { grantor: role, options }
    if (options === wanted) break
  }
  return best
}

function bitCount(bits: number): number {
  let count = 0
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++
  return count
}

function deniedFor(target: AclTarget): SqlError {
  return new SqlError(
    SqlState.insufficientPrivilege,
    `permission denied for ${describeTarget(target)}`,
  )
}

/** `table t`, `sequence s`, `schema s`, ... as 42501 messages name objects. */
export function describeTarget(target: AclTarget): string {
  switch (target.kind) {
    case 'relation':
    case 'column':
      return `${relationWord(target.relation)} ${target.relation.name}`
    case 'function':
      return `function ${target.fn.name}`
    case 'schema':
      return `schema ${target.schema.name}`
    case 'database':
      return `database ${databaseName}`
  }
}

function applyWork(
  context: ExecutionContext,
  actor: Role,
  command: PrivilegeCommand,
  grantees: readonly number[],
  work: GrantWork,
): void {
  const catalog = context.catalog
  const owner = ownerRoleOf(catalog, work.target)
  let acl = effectiveAcl(catalog, work.target)
  // Column grants may come from grant options on the table.
  const grantAcl =
    work.target.kind === 'column'
      ? [...acl, ...effectiveAcl(catalog, { kind: 'relation', relation: work.target.relation })]
      : acl
  const { grantor, options } = bestGrantor(catalog, actor, owner, grantAcl, work.privileges)
  if (options === 0) {
    // Holding nothing at all on the object is an error; holding something, a warning.
    const whole = allPrivileges[aclKindOf(work.target)]
    const held =
      aclMask(catalog, grantAcl, owner, actor, whole) |
      aclMask(catalog, grantAcl, owner, actor, whole, true)
    if (held === 0) throw deniedFor(work.target)
  }
  const privileges = work.privileges & options
  if (privileges !== work.privileges || privileges === 0) {
    const none = privileges === 0
    if (none || !work.isAll) {
      const message = command.isGrant
        ? `${none ? 'no' : 'not all'} privileges were granted for ${work.display}`
        : `${none ? 'no' : 'not all'} privileges could be revoked for ${work.display}`
      context.notices.push({
        severity: 'WARNING',
        code: command.isGrant
          ? SqlState.warningPrivilegeNotGranted
          : SqlState.warningPrivilegeNotRevoked,
        message,
      })
    }
  }
  for (const grantee of grantees) {
    acl = command.isGrant
      ? aclGrant(acl, grantee, grantor.oid, privileges, command.grantOption)
      : aclRevoke(
          catalog,
          acl,
          owner,
          grantee,
          grantor.oid,
          privileges,
          command.grantOption,
          command.cascade,
        )
  }
  context.catalog = context.catalog.withAcl(aclKeyOf(work.target), acl)
  // REVOKE on a table revokes the same privileges on its columns too.
  if (
    !command.isGrant &&
    work.target.kind === 'relation' &&
    work.target.relation.kind !== 'sequence'
  ) {
    const relation = work.target.relation
    const columnPrivileges = privileges & allPrivileges.column
    for (let column = 1; column <= relation.columns.length && columnPrivileges !== 0; column++) {
      const target: AclTarget = { kind: 'column', relation, column }
      const stored = context.catalog.aclOf(aclKeyOf(target))
      if (stored === undefined) continue
      let next = stored
      for (const grantee of grantees) {
        next = aclRevoke(
          context.catalog,
          next,
          owner,
          grantee,
          grantor.oid,
          columnPrivileges,
          command.grantOption,
          command.cascade,
        )
      }
      context.catalog = context.catalog.withAcl(
        aclKeyOf(target),
        next.length === 0 ? undefined : next,
      )
    }
  }
}

const defaultKinds: Readonly<Record<DefaultAclKind, DefaultAclKind>> = {
  table: 'table',
  sequence: 'sequence',
  function: 'function',
  schema: 'schema',
}

/** ALTER DEFAULT PRIVILEGES: changes pg_default_acl-like entries that CREATE reads. */
export function runDefaultPrivilegesCommand(
  command: DefaultPrivilegesCommand,
  context: ExecutionContext,
): void {
  const actor = context.catalog.getRole(currentRoleOf(context))
  const roles =
    command.roles.length === 0 ? [actor] : command.roles.map((r) => grantorRole(context, r))
  for (const role of roles) {
    if (!isMemberOf(context.catalog, actor, role)) {
      throw new SqlError(SqlState.insufficientPrivilege, `must be member of role "${role.name}"`)
    }
  }
  const schemaOids = command.schemas.map((name) => context.catalog.getSchema(name).oid)
  const action = command.action
  if (action.target.kind !== 'defaults') return
  const kind = defaultKinds[action.target.word]
  const mask =
    action.privileges === undefined
      ? allPrivileges[kind]
      : privilegeMask(
          action.privileges.map((p) => p.name),
          kind,
        )
  const grantees = action.grantees.map((name) => granteeOid(context, name))
  if (action.isGrant && action.grantOption && grantees.includes(publicRoleOid)) {
    throw new SqlError(SqlState.invalidGrantOperation, 'grant options can only be granted to roles')
  }
  for (const role of roles) {
    for (const schema of schemaOids.length === 0 ? [0] : schemaOids) {
      const key = defaultAclKey(role.oid, schema, kind)
      const builtin = schema === 0 ? aclDefault(kind, role.oid) : []
      let acl = context.catalog.aclOf(key) ?? builtin
      for (const grantee of grantees) {
        acl = action.isGrant
          ? aclGrant(acl, grantee, role.oid, mask, action.grantOption)
          : aclRevoke(
              context.catalog,
              acl,
              role,
              grantee,
              role.oid,
              mask,
              action.grantOption,
              action.cascade,
            )
      }
      const isDefault = schema === 0 ? sameAcl(acl, builtin) : acl.length === 0
      context.catalog = context.catalog.withAcl(key, isDefault ? undefined : acl)
    }
  }
}

/**
 * Objects created since `before` need CREATE on their schema (schemas: CREATE on the database)
 * for the current role: 42501 `permission denied for schema s`, checked once per statement
 * for every kind of CREATE (and failing the statement, so nothing is kept).
 */
function checkCreatePrivileges(context: ExecutionContext, before: Catalog): void {
  const catalog = context.catalog
  if (catalog.nextOid === before.nextOid) return
  const actor = catalog.findRole(currentRoleOf(context))
  if (actor === undefined || actor.isSuperuser) return
  const checked = new Set<string>()
  for (let oid = before.nextOid; oid < catalog.nextOid; oid++) {
    const schemaName =
      catalog.findRelationByOid(oid)?.schema ?? catalog.findFunctionByOid(oid)?.schema
    if (schemaName !== undefined) {
      if (checked.has(schemaName)) continue
      checked.add(schemaName)
      const schema = catalog.findSchema(schemaName)
      if (schema === undefined) continue
      if (!hasPrivileges(catalog, { kind: 'schema', schema }, actor, Privilege.create)) {
        throw new SqlError(
          SqlState.insufficientPrivilege,
          `permission denied for schema ${schemaName}`,
        )
      }
      continue
    }
    const isSchema = [...catalog.schemas()].some((s) => s.oid === oid)
    if (isSchema && !hasPrivileges(catalog, { kind: 'database' }, actor, Privilege.create)) {
      throw new SqlError(
        SqlState.insufficientPrivilege,
        `permission denied for database ${databaseName}`,
      )
    }
  }
}

/**
 * After a statement changed the catalog: default privileges for the objects it created, and
 * the ACLs stored in the statement's transaction when they changed (one place for every DDL
 * path, so CREATE TABLE and GRANT alike leave stored ACLs consistent with the catalog).
 */
export function persistAcls(context: ExecutionContext, before: Catalog): void {
  checkCreatePrivileges(context, before)
  context.catalog = withDefaultAclsApplied(context.catalog, before)
  if (context.catalog.acls !== before.acls) storeAcls(context.transaction, context.catalog)
}

/** DROP OWNED's privilege part: every privilege granted to `role` is revoked, and its default
 * privileges are dropped. */
export function revokeAllFrom(context: ExecutionContext, role: Role): void {
  for (const [key, acl] of [...context.catalog.acls]) {
    if (key.startsWith(`default:${role.oid}:`)) {
      context.catalog = context.catalog.withAcl(key, undefined)
      continue
    }
    const kept = acl.filter((item) => item.grantee !== role.oid)
    if (kept.length !== acl.length) context.catalog = context.catalog.withAcl(key, kept)
  }
}
