/**
 * GRANT / REVOKE on objects and ALTER DEFAULT PRIVILEGES: the statement's shape (privileges,
 * target objects, grantees, options). Names are resolved and the grantor rules applied by the
 * executor (sql/execute/ddl/grant.ts) against the catalog the statement runs on.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { AlterDefaultPrivilegesStmt, GrantStmt, Node, RoleSpec } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { type BoundRoleCommand, type RoleName, roleNameOf } from './bind-role.js'

/** The object kinds GRANT names. */
export type GrantObjectWord = 'table' | 'sequence' | 'function' | 'schema' | 'database'

export interface GrantObjectName {
  readonly schema: string | undefined
  readonly name: string
  /** A function's argument types as written (undefined: no list given). */
  readonly args: readonly Node[] | undefined
}

export type GrantTarget =
  | {
      readonly kind: 'objects'
      readonly word: GrantObjectWord
      readonly objects: readonly GrantObjectName[]
    }
  /** ALL TABLES / SEQUENCES / FUNCTIONS IN SCHEMA s, ... */
  | {
      readonly kind: 'all'
      readonly word: 'table' | 'sequence' | 'function'
      readonly schemas: readonly string[]
    }
  /** ALTER DEFAULT PRIVILEGES ... ON TABLES | SEQUENCES | FUNCTIONS | SCHEMAS. */
  | { readonly kind: 'defaults'; readonly word: 'table' | 'sequence' | 'function' | 'schema' }

export interface GrantedPrivilege {
  /** select, insert, ...; lower case as the parser gives it. */
  readonly name: string
  /** Column list: a column privilege (undefined: the whole object). */
  readonly columns: readonly string[] | undefined
}

export interface PrivilegeCommand {
  readonly kind: 'GrantPrivileges'
  readonly isGrant: boolean
  readonly target: GrantTarget
  /** undefined: ALL [PRIVILEGES], possibly with columns in `allColumns`. */
  readonly privileges: readonly GrantedPrivilege[] | undefined
  readonly grantees: readonly RoleName[]
  /** GRANT: WITH GRANT OPTION; REVOKE: GRANT OPTION FOR. */
  readonly grantOption: boolean
  readonly grantor: RoleName | undefined
  readonly cascade: boolean
}

export interface DefaultPrivilegesCommand {
  readonly kind: 'AlterDefaultPrivileges'
  /** FOR ROLE / USER (empty: the current role). */
  readonly roles: readonly RoleName[]
  /** IN SCHEMA (empty: all schemas). */
  readonly schemas: readonly string[]
  readonly action: PrivilegeCommand
}

const objectWords: Readonly<Record<string, GrantObjectWord>> = {
  OBJECT_TABLE: 'table',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_FUNCTION: 'function',
  OBJECT_ROUTINE: 'function',
  OBJECT_PROCEDURE: 'function',
  OBJECT_SCHEMA: 'schema',
  OBJECT_DATABASE: 'database',
}

function stringNames(list: readonly Node[] | undefined): string[] {
  return (list ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : ''))
}

function objectName(node: Node, word: GrantObjectWord): GrantObjectName {
  if ('RangeVar' in node) {
    return {
      schema: node.RangeVar.schemaname,
      name: node.RangeVar.relname ?? '',
      args: undefined,
    }
  }
  if ('ObjectWithArgs' in node) {
    const owa = node.ObjectWithArgs
    const parts = stringNames(owa.objname)
    return {
      schema: parts.length > 1 ? parts[parts.length - 2] : undefined,
      name: parts[parts.length - 1] ?? '',
      args: owa.args_unspecified === true ? undefined : (owa.objargs ?? []),
    }
  }
  if ('String' in node) return { schema: undefined, name: node.String.sval ?? '', args: undefined }
  throw new SqlError(SqlState.featureNotSupported, `GRANT on this ${word} name is not supported`)
}

function bindPrivilegeCommand(
  context: BindContext,
  grant: GrantStmt,
  target: GrantTarget,
): PrivilegeCommand {
  const privileges =
    grant.privileges === undefined || grant.privileges.length === 0
      ? undefined
      : grant.privileges.map((node) => {
          const priv = 'AccessPriv' in node ? node.AccessPriv : {}
          const columns = priv.cols === undefined ? undefined : stringNames(priv.cols)
          return { name: (priv.priv_name ?? 'all').toLowerCase(), columns }
        })
  const grantees = (grant.grantees ?? []).map((node) => {
    const spec: RoleSpec | undefined = 'RoleSpec' in node ? node.RoleSpec : undefined
    return roleNameOf(context, spec, { allowPublic: true })
  })
  const grantor =
    grant.grantor === undefined
      ? undefined
      : roleNameOf(context, grant.grantor, { allowPublic: false })
  return {
    kind: 'GrantPrivileges',
    isGrant: grant.is_grant === true,
    target,
    privileges,
    grantees,
    grantOption: grant.grant_option === true,
    grantor,
    cascade: grant.behavior === 'DROP_CASCADE',
  }
}

export function bindGrant(context: BindContext, grant: GrantStmt): BoundRoleCommand {
  const word = objectWords[grant.objtype ?? '']
  if (word === undefined) {
    const what = (grant.objtype ?? '').replace('OBJECT_', '').replaceAll('_', ' ')
    throw new SqlError(SqlState.featureNotSupported, `GRANT ON ${what} is not supported yet`)
  }
  let target: GrantTarget
  if (grant.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
    if (word !== 'table' && word !== 'sequence' && word !== 'function') {
      throw new SqlError(SqlState.syntaxError, 'syntax error at or near "IN"')
    }
    target = { kind: 'all', word, schemas: stringNames(grant.objects) }
  } else {
    target = {
      kind: 'objects',
      word,
      objects: (grant.objects ?? []).map((node) => objectName(node, word)),
    }
  }
  const command = bindPrivilegeCommand(context, grant, target)
  return { kind: 'RoleCommand', tag: command.isGrant ? 'GRANT' : 'REVOKE', command }
}

export function bindAlterDefaultPrivileges(
  context: BindContext,
  statement: AlterDefaultPrivilegesStmt,
): BoundRoleCommand {
  const action = statement.action ?? {}
  const word = objectWords[action.objtype ?? '']
  if (word === undefined || word === 'database') {
    throw new SqlError(
      SqlState.featureNotSupported,
      'ALTER DEFAULT PRIVILEGES on this object type is not supported yet',
    )
  }
  let roles: RoleName[] = []
  let schemas: string[] = []
  for (const option of statement.options ?? []) {
    const element = 'DefElem' in option ? option.DefElem : undefined
    const arg = element?.arg
    const items = arg !== undefined && 'List' in arg ? (arg.List.items ?? []) : []
    if (element?.defname === 'schemas') schemas = stringNames(items)
    else if (element?.defname === 'roles') {
      roles = items.map((node) =>
        roleNameOf(context, 'RoleSpec' in node ? node.RoleSpec : undefined, {
          allowPublic: false,
        }),
      )
    }
  }
  if (word === 'schema' && schemas.length > 0) {
    throw new SqlError(
      SqlState.invalidGrantOperation,
      'cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS',
    )
  }
  const command = bindPrivilegeCommand(context, action, { kind: 'defaults', word })
  return {
    kind: 'RoleCommand',
    tag: 'ALTER DEFAULT PRIVILEGES',
    command: { kind: 'AlterDefaultPrivileges', roles, schemas, action: command },
  }
}
