/**
 * CREATE / ALTER / DROP POLICY and ALTER POLICY ... RENAME: names resolved, roles resolved to
 * OIDs, USING and WITH CHECK bound once over the table's columns (PostgreSQL's errors: 42804 not
 * boolean, 42803 aggregate, 42P20 window function, unknown columns) and kept as stored
 * expressions. The statement runs in sql/execute/ddl/policy.ts (owner check, catalog change).
 */
import {
  type Policy,
  type PolicyCommand,
  publicRoleOid,
  rowSecurityOf,
  type StoredExpression,
  type Table,
} from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import {
  type AlterPolicyStmt,
  type CreatePolicyStmt,
  type DropStmt,
  type Node,
  type RangeVar,
  type RenameStmt,
  stringOf,
} from '../parse/index.js'
import { asBoolean } from './bind-check.js'
import { stored, tableRowScope } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindExpression } from './bind-expression.js'
import { roleNameOf } from './bind-role.js'
import type { BoundExpr } from './bound.js'

export type PolicyChange =
  | { readonly action: 'create'; readonly policy: Omit<Policy, 'oid'> }
  | {
      readonly action: 'alter'
      readonly name: string
      readonly roles: readonly number[] | undefined
      readonly using: StoredExpression | undefined
      readonly check: StoredExpression | undefined
    }
  | { readonly action: 'rename'; readonly name: string; readonly newName: string }
  | {
      readonly action: 'drop'
      readonly name: string
      readonly isMissingOk: boolean
      /** The table as named (for IF EXISTS's notice when there is none). */
      readonly relation: string
    }

export interface BoundPolicyStatement {
  readonly kind: 'Policy'
  /** CREATE POLICY, ALTER POLICY or DROP POLICY. */
  readonly tag: string
  /** undefined: DROP POLICY IF EXISTS named no table (a notice says so). */
  readonly table: Table | undefined
  readonly change: PolicyChange
}

export function bindCreatePolicy(
  context: BindContext,
  create: CreatePolicyStmt,
): BoundPolicyStatement {
  const table = policyTable(context, create.table)
  const command = (create.cmd_name ?? 'all') as PolicyCommand
  if (command === 'insert' && create.qual !== undefined) {
    throw new SqlError(SqlState.syntaxError, 'only WITH CHECK expression allowed for INSERT')
  }
  if ((command === 'select' || command === 'delete') && create.with_check !== undefined) {
    throw new SqlError(SqlState.syntaxError, 'WITH CHECK cannot be applied to SELECT or DELETE')
  }
  return {
    kind: 'Policy',
    tag: 'CREATE POLICY',
    table,
    change: {
      action: 'create',
      policy: {
        name: create.policy_name ?? '',
        command,
        isPermissive: create.permissive === true,
        roles: policyRoles(context, create.roles) ?? [publicRoleOid],
        using: policyExpression(context, table, create.qual),
        check: policyExpression(context, table, create.with_check),
      },
    },
  }
}

export function bindAlterPolicy(
  context: BindContext,
  alter: AlterPolicyStmt,
): BoundPolicyStatement {
  const table = policyTable(context, alter.table)
  return {
    kind: 'Policy',
    tag: 'ALTER POLICY',
    table,
    change: {
      action: 'alter',
      name: alter.policy_name ?? '',
      roles: policyRoles(context, alter.roles),
      using: policyExpression(context, table, alter.qual),
      check: policyExpression(context, table, alter.with_check),
    },
  }
}

export function bindRenamePolicy(context: BindContext, rename: RenameStmt): BoundPolicyStatement {
  return {
    kind: 'Policy',
    tag: 'ALTER POLICY',
    table: policyTable(context, rename.relation),
    change: { action: 'rename', name: rename.subname ?? '', newName: rename.newname ?? '' },
  }
}

/** DROP POLICY [IF EXISTS] name ON table (one policy: PostgreSQL's grammar allows no list). */
export function bindDropPolicy(context: BindContext, drop: DropStmt): BoundPolicyStatement {
  const [object] = drop.objects ?? []
  const names = (object !== undefined && 'List' in object ? (object.List.items ?? []) : []).map(
    (item: Node) => stringOf(item) ?? '',
  )
  const name = names[names.length - 1] ?? ''
  const relname = names[names.length - 2] ?? ''
  const schema = names.length > 2 ? names[names.length - 3] : undefined
  const isMissingOk = drop.missing_ok === true
  const relation = context.findRelation(schema, relname)
  if (relation === undefined && isMissingOk) {
    const change: PolicyChange = { action: 'drop', name, isMissingOk, relation: relname }
    return { kind: 'Policy', tag: 'DROP POLICY', table: undefined, change }
  }
  const table = context.getTable(schema, relname, undefined)
  const change: PolicyChange = { action: 'drop', name, isMissingOk, relation: relname }
  return { kind: 'Policy', tag: 'DROP POLICY', table, change }
}

function policyTable(context: BindContext, range: RangeVar | undefined): Table {
  return context.getTable(range?.schemaname, range?.relname ?? '', range?.location)
}

/** TO roles: OIDs, PUBLIC as `publicRoleOid`; undefined when the clause is absent. */
function policyRoles(
  context: BindContext,
  nodes: readonly Node[] | undefined,
): readonly number[] | undefined {
  if (nodes === undefined || nodes.length === 0) return undefined
  const oids = new Set<number>()
  for (const node of nodes) {
    if (!('RoleSpec' in node)) throw new SqlError(SqlState.syntaxError, 'a role name is required')
    const name = roleNameOf(context, node.RoleSpec, { allowPublic: true })
    oids.add(name.kind === 'public' ? publicRoleOid : context.catalog.getRole(name.name).oid)
  }
  // PUBLIC with other roles is PUBLIC (PostgreSQL warns and ignores the others).
  return oids.has(publicRoleOid) ? [publicRoleOid] : [...oids]
}

function policyExpression(
  context: BindContext,
  table: Table,
  node: Node | undefined,
): StoredExpression | undefined {
  if (node === undefined) return undefined
  const scope = tableRowScope(context, table, [])
  const bound = context.withAggregateBan('policy expressions', () =>
    bindExpression(context, scope, node),
  )
  asPolicyCondition(context, bound)
  return stored(context.source, node, undefined)
}

/** The policy with its expressions following a column rename. */
export function renamePolicyColumn(
  policy: Policy,
  renamed: (expression: StoredExpression) => StoredExpression,
): Policy {
  return {
    ...policy,
    using: policy.using === undefined ? undefined : renamed(policy.using),
    check: policy.check === undefined ? undefined : renamed(policy.check),
  }
}

/** The table after ALTER TABLE ... ENABLE / DISABLE / FORCE / NO FORCE ROW LEVEL SECURITY. */
export function withRowSecurityCommand(table: Table, subtype: string): Table {
  const flags = rowSecurityOf(table)
  const next =
    subtype === 'AT_EnableRowSecurity'
      ? { ...flags, isEnabled: true }
      : subtype === 'AT_DisableRowSecurity'
        ? { ...flags, isEnabled: false }
        : subtype === 'AT_ForceRowSecurity'
          ? { ...flags, isForced: true }
          : { ...flags, isForced: false }
  return { ...table, rowSecurity: next }
}

/** Whether ALTER TABLE changes row-level security flags (only the owner may). */
export function changesRowSecurity(commands: readonly Node[]): boolean {
  return commands.some(
    (command) =>
      'AlterTableCmd' in command && rowSecuritySubtypes.has(command.AlterTableCmd.subtype ?? ''),
  )
}

const rowSecuritySubtypes = new Set([
  'AT_EnableRowSecurity',
  'AT_DisableRowSecurity',
  'AT_ForceRowSecurity',
  'AT_NoForceRowSecurity',
])

export function asPolicyCondition(context: BindContext, bound: BoundExpr): BoundExpr {
  return asBoolean(context, bound, undefined, 'POLICY')
}
