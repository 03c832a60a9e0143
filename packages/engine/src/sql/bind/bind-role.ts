/**
 * Role statements: CREATE / ALTER / DROP ROLE (and USER, GROUP), ALTER ROLE ... RENAME,
 * GRANT / REVOKE role membership, ALTER ... OWNER TO, REASSIGN OWNED and DROP OWNED. Binding
 * checks the options' shape (42601 on a repeated option, as PostgreSQL's grammar actions do) and
 * resolves role specifiers (CURRENT_USER, SESSION_USER); whether the roles exist and whether
 * the current role may do it is the executor's (sql/execute/ddl/roles.ts), against the catalog
 * the statement runs on.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type {
  AlterOwnerStmt,
  AlterRoleStmt,
  CreateRoleStmt,
  DefElem,
  DropOwnedStmt,
  DropRoleStmt,
  GrantRoleStmt,
  Node,
  ReassignOwnedStmt,
  RenameStmt,
  RoleSpec,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { DefaultPrivilegesCommand, PrivilegeCommand } from './bind-grant.js'

/** Role attributes a statement sets; absent ones keep their value (or default on CREATE). */
export interface RoleOptions {
  readonly isSuperuser?: boolean
  readonly inherit?: boolean
  readonly canCreateRole?: boolean
  readonly canCreateDb?: boolean
  readonly canLogin?: boolean
  readonly isReplication?: boolean
  readonly bypassRls?: boolean
  readonly connectionLimit?: number
  /** VALID UNTIL as written (the executor reads it as a timestamptz). */
  readonly validUntil?: string
  /** PASSWORD 'x' (clear text or a verifier), or null for PASSWORD NULL. */
  readonly password?: string | null
}

/** A role as a statement names it; `public` only where PUBLIC is allowed. */
export type RoleName =
  | { readonly kind: 'name'; readonly name: string; readonly position: number | undefined }
  | { readonly kind: 'public'; readonly position: number | undefined }

export type RoleCommand =
  | {
      readonly kind: 'CreateRole'
      readonly name: string
      readonly options: RoleOptions
      /** IN ROLE: the new role becomes a member of these. */
      readonly inRoles: readonly RoleName[]
      /** ROLE / USER: these become members of the new role; ADMIN: the same WITH ADMIN OPTION. */
      readonly members: readonly RoleName[]
      readonly adminMembers: readonly RoleName[]
    }
  | { readonly kind: 'AlterRole'; readonly role: RoleName; readonly options: RoleOptions }
  | { readonly kind: 'RenameRole'; readonly name: string; readonly newName: string }
  | { readonly kind: 'DropRole'; readonly roles: readonly RoleName[]; readonly missingOk: boolean }
  | {
      readonly kind: 'GrantRole'
      readonly isGrant: boolean
      readonly roles: readonly RoleName[]
      readonly grantees: readonly RoleName[]
      /** GRANT: WITH ADMIN OPTION; REVOKE: ADMIN OPTION FOR (only the option is revoked). */
      readonly isAdminOption: boolean
      readonly grantor: RoleName | undefined
    }
  | {
      readonly kind: 'AlterOwner'
      /** The object as ALTER names it; the executor resolves it. */
      readonly object: OwnedObjectName
      readonly newOwner: RoleName
    }
  | {
      readonly kind: 'ReassignOwned'
      readonly roles: readonly RoleName[]
      readonly newOwner: RoleName
    }
  | { readonly kind: 'DropOwned'; readonly roles: readonly RoleName[]; readonly isCascade: boolean }
  | PrivilegeCommand
  | DefaultPrivilegesCommand

/** An object whose owner ALTER ... OWNER TO changes. */
export type OwnedObjectName =
  | {
      readonly kind: 'relation'
      /** What the statement said it is (ALTER TABLE may name a view, as in PostgreSQL). */
      readonly word: 'table' | 'view' | 'sequence'
      readonly schema: string | undefined
      readonly name: string
      readonly missingOk: boolean
    }
  | { readonly kind: 'schema'; readonly name: string }
  | { readonly kind: 'type'; readonly schema: string | undefined; readonly name: string }
  | {
      readonly kind: 'function'
      readonly schema: string | undefined
      readonly name: string
      /** The argument types as written (undefined: no list, the name must be unique). */
      readonly args: readonly Node[] | undefined
    }

export interface BoundRoleCommand {
  readonly kind: 'RoleCommand'
  /** The command tag: CREATE ROLE, ALTER ROLE, DROP ROLE, GRANT ROLE, ... */
  readonly tag: string
  readonly command: RoleCommand
}

/** A role specifier as a name: CURRENT_USER / CURRENT_ROLE the current role, SESSION_USER the
 * session user, PUBLIC where `allowPublic`, else the written name. */
export function roleNameOf(
  context: BindContext,
  spec: RoleSpec | undefined,
  usage: { readonly allowPublic: boolean; readonly statement?: string },
): RoleName {
  const position = context.position(spec?.location)
  switch (spec?.roletype) {
    case 'ROLESPEC_CSTRING':
      return { kind: 'name', name: spec.rolename ?? '', position }
    case 'ROLESPEC_CURRENT_USER':
    case 'ROLESPEC_CURRENT_ROLE':
      if (usage.statement !== undefined) throw specialRole(usage.statement)
      return { kind: 'name', name: context.user, position }
    case 'ROLESPEC_SESSION_USER':
      if (usage.statement !== undefined) throw specialRole(usage.statement)
      return { kind: 'name', name: context.sessionUser, position }
    case 'ROLESPEC_PUBLIC':
      if (usage.statement !== undefined) throw specialRole(usage.statement)
      if (usage.allowPublic) return { kind: 'public', position }
      throw new SqlError(SqlState.undefinedObject, 'role "public" does not exist')
    default:
      throw new SqlError(SqlState.syntaxError, 'a role name is required')
  }
}

function specialRole(statement: string): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    `cannot use special role specifier in ${statement}`,
  )
}

function roleSpecs(nodes: readonly Node[] | undefined): RoleSpec[] {
  const specs: RoleSpec[] = []
  for (const node of nodes ?? []) {
    if ('RoleSpec' in node) specs.push(node.RoleSpec)
    else throw new SqlError(SqlState.syntaxError, 'a role name is required')
  }
  return specs
}

export function bindCreateRole(context: BindContext, create: CreateRoleStmt): BoundRoleCommand {
  const collected = collectOptions(context, create.options ?? [], 'create')
  const isUser = create.stmt_type === 'ROLESTMT_USER'
  const options: RoleOptions =
    isUser && collected.options.canLogin === undefined
      ? { ...collected.options, canLogin: true }
      : collected.options
  const names = (list: readonly Node[] | undefined): RoleName[] =>
    roleSpecs(list).map((spec) => roleNameOf(context, spec, { allowPublic: false }))
  return {
    kind: 'RoleCommand',
    tag: 'CREATE ROLE',
    command: {
      kind: 'CreateRole',
      name: create.role ?? '',
      options,
      inRoles: names(collected.lists.get('addroleto')),
      members: names(collected.lists.get('rolemembers')),
      adminMembers: names(collected.lists.get('adminmembers')),
    },
  }
}

export function bindAlterRole(context: BindContext, alter: AlterRoleStmt): BoundRoleCommand {
  const collected = collectOptions(context, alter.options ?? [], 'alter')
  if (collected.lists.size > 0) {
    throw new SqlError(SqlState.featureNotSupported, 'ALTER GROUP is not supported yet')
  }
  return {
    kind: 'RoleCommand',
    tag: 'ALTER ROLE',
    command: {
      kind: 'AlterRole',
      role: roleNameOf(context, alter.role, { allowPublic: false }),
      options: collected.options,
    },
  }
}

export function bindRenameRole(rename: RenameStmt): BoundRoleCommand {
  return {
    kind: 'RoleCommand',
    tag: 'ALTER ROLE',
    command: { kind: 'RenameRole', name: rename.subname ?? '', newName: rename.newname ?? '' },
  }
}

export function bindDropRole(context: BindContext, drop: DropRoleStmt): BoundRoleCommand {
  const roles = roleSpecs(drop.roles).map((spec) =>
    roleNameOf(context, spec, { allowPublic: false, statement: 'DROP ROLE' }),
  )
  return {
    kind: 'RoleCommand',
    tag: 'DROP ROLE',
    command: { kind: 'DropRole', roles, missingOk: drop.missing_ok === true },
  }
}

export function bindGrantRole(context: BindContext, grant: GrantRoleStmt): BoundRoleCommand {
  const isGrant = grant.is_grant === true
  let isAdminOption = false
  for (const option of grant.opt ?? []) {
    const element = 'DefElem' in option ? option.DefElem : undefined
    if (element?.defname !== 'admin') {
      // INHERIT and SET options of GRANT are PostgreSQL 16.
      throw new SqlError(SqlState.syntaxError, `syntax error at or near "${element?.defname}"`)
    }
    isAdminOption = true
  }
  if ((grant.behavior ?? 'DROP_RESTRICT') === 'DROP_CASCADE') {
    throw new SqlError(SqlState.featureNotSupported, 'REVOKE role ... CASCADE is not supported yet')
  }
  const roles: RoleName[] = []
  for (const node of grant.granted_roles ?? []) {
    const name = 'AccessPriv' in node ? node.AccessPriv.priv_name : undefined
    if (name === undefined) throw new SqlError(SqlState.syntaxError, 'a role name is required')
    roles.push({ kind: 'name', name, position: undefined })
  }
  const grantees = roleSpecs(grant.grantee_roles).map((spec) =>
    roleNameOf(context, spec, { allowPublic: false }),
  )
  const grantor =
    grant.grantor === undefined
      ? undefined
      : roleNameOf(context, grant.grantor, { allowPublic: false })
  return {
    kind: 'RoleCommand',
    tag: isGrant ? 'GRANT ROLE' : 'REVOKE ROLE',
    command: { kind: 'GrantRole', isGrant, roles, grantees, isAdminOption, grantor },
  }
}

/** ALTER SCHEMA / TYPE / FUNCTION ... OWNER TO. */
export function bindAlterOwner(context: BindContext, alter: AlterOwnerStmt): BoundRoleCommand {
  const newOwner = roleNameOf(context, alter.newowner, { allowPublic: false })
  const object = alter.object
  const names = (list: readonly Node[] | undefined): string[] =>
    (list ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : ''))
  let owned: OwnedObjectName
  let tag: string
  if (alter.objectType === 'OBJECT_SCHEMA' && object !== undefined && 'String' in object) {
    owned = { kind: 'schema', name: object.String.sval ?? '' }
    tag = 'ALTER SCHEMA'
  } else if (
    (alter.objectType === 'OBJECT_TYPE' || alter.objectType === 'OBJECT_DOMAIN') &&
    object !== undefined &&
    'List' in object
  ) {
    const parts = names(object.List.items)
    owned = { kind: 'type', ...qualifiedParts(parts) }
    tag = 'ALTER TYPE'
  } else if (
    (alter.objectType === 'OBJECT_FUNCTION' || alter.objectType === 'OBJECT_ROUTINE') &&
    object !== undefined &&
    'ObjectWithArgs' in object
  ) {
    const owa = object.ObjectWithArgs
    owned = {
      kind: 'function',
      ...qualifiedParts(names(owa.objname)),
      args: owa.args_unspecified === true ? undefined : (owa.objargs ?? []),
    }
    tag = alter.objectType === 'OBJECT_ROUTINE' ? 'ALTER ROUTINE' : 'ALTER FUNCTION'
  } else {
    throw new SqlError(
      SqlState.featureNotSupported,
      `ALTER ${(alter.objectType ?? '').replace('OBJECT_', '')} ... OWNER TO is not supported yet`,
    )
  }
  return { kind: 'RoleCommand', tag, command: { kind: 'AlterOwner', object: owned, newOwner } }
}

/** ALTER TABLE / VIEW / SEQUENCE name OWNER TO role (a single-command ALTER TABLE). */
export function bindAlterRelationOwner(
  context: BindContext,
  target: {
    readonly word: 'table' | 'view' | 'sequence'
    readonly schema: string | undefined
    readonly name: string
    readonly missingOk: boolean
    readonly newOwner: RoleSpec | undefined
  },
): BoundRoleCommand {
  const { word, schema, name, missingOk } = target
  return {
    kind: 'RoleCommand',
    tag: `ALTER ${word.toUpperCase()}`,
    command: {
      kind: 'AlterOwner',
      object: { kind: 'relation', word, schema, name, missingOk },
      newOwner: roleNameOf(context, target.newOwner, { allowPublic: false }),
    },
  }
}

export function bindReassignOwned(
  context: BindContext,
  reassign: ReassignOwnedStmt,
): BoundRoleCommand {
  return {
    kind: 'RoleCommand',
    tag: 'REASSIGN OWNED',
    command: {
      kind: 'ReassignOwned',
      roles: roleSpecs(reassign.roles).map((s) => roleNameOf(context, s, { allowPublic: false })),
      newOwner: roleNameOf(context, reassign.newrole, { allowPublic: false }),
    },
  }
}

export function bindDropOwned(context: BindContext, drop: DropOwnedStmt): BoundRoleCommand {
  return {
    kind: 'RoleCommand',
    tag: 'DROP OWNED',
    command: {
      kind: 'DropOwned',
      roles: roleSpecs(drop.roles).map((s) => roleNameOf(context, s, { allowPublic: false })),
      isCascade: drop.behavior === 'DROP_CASCADE',
    },
  }
}

function qualifiedParts(parts: readonly string[]): { schema: string | undefined; name: string } {
  if (parts.length === 1) return { schema: undefined, name: parts[0] ?? '' }
  if (parts.length === 2) return { schema: parts[0], name: parts[1] ?? '' }
  throw new SqlError(
    SqlState.syntaxError,
    `improper qualified name (too many dotted names): ${parts.join('.')}`,
  )
}

/** Options of CREATE / ALTER ROLE, each at most once (42601 at the repeated one). */
function collectOptions(
  context: BindContext,
  elements: readonly Node[],
  statement: 'create' | 'alter',
): { options: RoleOptions; lists: Map<string, readonly Node[]> } {
  const options: { -readonly [K in keyof RoleOptions]: RoleOptions[K] } = {}
  const lists = new Map<string, readonly Node[]>()
  const seen = new Set<string>()
  for (const node of elements) {
    if (!('DefElem' in node)) continue
    const element: DefElem = node.DefElem
    const name = element.defname ?? ''
    if (seen.has(name)) {
      throw new SqlError(SqlState.syntaxError, 'conflicting or redundant options', {
        ...positionOf(context, element.location),
      })
    }
    seen.add(name)
    const arg = element.arg
    const field = booleanOptions[name]
    if (field !== undefined) {
      options[field] = arg !== undefined && 'Boolean' in arg && arg.Boolean.boolval === true
    } else if (name === 'connectionlimit') {
      options.connectionLimit = arg !== undefined && 'Integer' in arg ? (arg.Integer.ival ?? 0) : 0
    } else if (name === 'validUntil') {
      options.validUntil = arg !== undefined && 'String' in arg ? (arg.String.sval ?? '') : ''
    } else if (name === 'password') {
      options.password = arg !== undefined && 'String' in arg ? (arg.String.sval ?? '') : null
    } else if (
      statement === 'create' &&
      (name === 'addroleto' || name === 'rolemembers' || name === 'adminmembers')
    ) {
      lists.set(name, arg !== undefined && 'List' in arg ? (arg.List.items ?? []) : [])
    } else if (name === 'sysid') {
      // SYSID is accepted and ignored, as PostgreSQL does (with a notice it does not send).
    } else {
      throw new SqlError(SqlState.featureNotSupported, `role option "${name}" is not supported`)
    }
  }
  return { options, lists }
}

type BooleanOption =
  | 'isSuperuser'
  | 'inherit'
  | 'canCreateRole'
  | 'canCreateDb'
  | 'canLogin'
  | 'isReplication'
  | 'bypassRls'

const booleanOptions: Readonly<Record<string, BooleanOption | undefined>> = {
  superuser: 'isSuperuser',
  inherit: 'inherit',
  createrole: 'canCreateRole',
  createdb: 'canCreateDb',
  canlogin: 'canLogin',
  isreplication: 'isReplication',
  bypassrls: 'bypassRls',
}

function positionOf(context: BindContext, location: number | undefined): { position?: number } {
  const position = context.position(location)
  return position === undefined ? {} : { position }
}
