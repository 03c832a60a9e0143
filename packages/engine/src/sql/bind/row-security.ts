/**
 * Row-level security at bind time, as PostgreSQL's rewriter applies it (rowsecurity.c): for a
 * table with RLS enabled, read or written by a role that does not bypass it, the policies that
 * apply to the role and the command are combined: permissive ones ORed, restrictive ones ANDed
 * on top, and no permissive policy means no row (default deny).
 *
 *   SELECT          USING of SELECT policies filters the rows read.
 *   INSERT          WITH CHECK of INSERT policies on each new row (42501 when it fails); with
 *                   RETURNING also the USING of SELECT policies.
 *   UPDATE          USING of UPDATE policies picks the rows (plus SELECT policies' USING when
 *                   the statement reads columns: WHERE, RETURNING); WITH CHECK (defaulting to
 *                   USING) of UPDATE policies on the new row (and SELECT's USING when reading).
 *   DELETE          USING of DELETE policies (plus SELECT's when reading).
 *
 * Who is checked: the current role, or inside a view without security_invoker the view's
 * owner. Bypass: superusers, BYPASSRLS roles, the table's owner (members of the owning role)
 * unless FORCE ROW LEVEL SECURITY.
 *
 * Security barrier: the filter sits directly over the table's scan, under every condition the
 * statement itself adds; filters are merged inner conditions first and evaluated left to right,
 * so a function in the user's WHERE only ever sees rows the policies let through.
 */
import {
  bypassesRls,
  isMemberOf,
  type Policy,
  type PolicyCommand,
  policiesOf,
  publicRoleOid,
  rowSecurityOf,
  type StoredExpression,
  type Table,
  type View,
} from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { rowSecurityNestingMax } from '../../limits.js'
import { sqlTypes } from '../../types/index.js'
import { tableRowScope } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindExpression } from './bind-expression.js'
import { asPolicyCondition } from './bind-policy.js'
import type { BoundExpr, BoundOnConflict, BoundViewChecks, ColumnId } from './bound.js'

export type RowSecurityCommand = 'select' | 'insert' | 'update' | 'delete'

interface RowSecurityState {
  /** Owners of the views being expanded whose rights apply, innermost last. */
  readonly users: string[]
  /** FROM lists of SELECT ... FOR UPDATE / SHARE being bound (their rows need UPDATE's
   * policies too, as in PostgreSQL). */
  locking: number
  /** Tables whose policies are being bound, innermost last (a cycle is 42P17). */
  readonly tables: number[]
}

const states = new WeakMap<BindContext, RowSecurityState>()

function stateOf(context: BindContext): RowSecurityState {
  let state = states.get(context)
  if (state === undefined) {
    state = { users: [], tables: [], locking: 0 }
    states.set(context, state)
  }
  return state
}

/** The role whose policies apply: the current role, or the owner of the view being expanded. */
export function rowSecurityUser(context: BindContext): string {
  const users = stateOf(context).users
  return users[users.length - 1] ?? context.user
}

/** Runs `bind` (binding a view's query) with the rights RLS uses inside it: the view owner's,
 * unless the view is security_invoker. */
export function withViewRights<T>(context: BindContext, view: View, bind: () => T): T {
  if (view.securityInvoker) return bind()
  const users = stateOf(context).users
  users.push(view.owner)
  try {
    return bind()
  } finally {
    users.pop()
  }
}

/** Binds the FROM list of a SELECT with `isLocking` (FOR UPDATE / SHARE): tables read there
 * are filtered by their UPDATE policies as well. */
export function withRowLocking<T>(context: BindContext, isLocking: boolean, bind: () => T): T {
  if (!isLocking) return bind()
  const state = stateOf(context)
  state.locking++
  try {
    return bind()
  } finally {
    state.locking--
  }
}

/** The filter over a scan of `table` in a query's FROM (undefined when RLS does not apply):
 * SELECT policies, and UPDATE policies too under FOR UPDATE / SHARE. */
export function scanRowSecurityFilter(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
): BoundExpr | undefined {
  const filters = [...rowSecurityQuals(context, table, columns, 'select', true).filters]
  if (filters.length === 0) return undefined
  if (stateOf(context).locking > 0) {
    filters.push(...rowSecurityQuals(context, table, columns, 'update', false).filters)
  }
  if (filters.length === 1) return filters[0]
  return { kind: 'Logical', type: sqlTypes.bool, operator: 'and', args: filters }
}

/** Whether RLS applies to `table` for the role `user` (PostgreSQL's check_enable_rls). */
export function isRowSecurityActive(context: BindContext, table: Table, user: string): boolean {
  const flags = rowSecurityOf(table)
  if (!flags.isEnabled) return false
  const role = context.catalog.findRole(user)
  if (role === undefined) return true
  if (bypassesRls(role)) return false
  if (flags.isForced) return true
  const owner = context.catalog.findRole(table.owner)
  return !(owner !== undefined && isMemberOf(context.catalog, role, owner))
}

/** The policies of `table` that apply to `user` for `command` (FOR ALL ones included). */
function applicablePolicies(
  context: BindContext,
  table: Table,
  user: string,
  command: RowSecurityCommand,
): Policy[] {
  const role = context.catalog.findRole(user)
  return policiesOf(table).filter((policy) => {
    if (policy.command !== 'all' && policy.command !== (command as PolicyCommand)) return false
    return policy.roles.some((oid) => {
      if (oid === publicRoleOid) return true
      const target = context.catalog.findRoleByOid(oid)
      return role !== undefined && target !== undefined && isMemberOf(context.catalog, role, target)
    })
  })
}

/** What RLS adds to one use of a table: conditions rows must meet to be seen (`filters`) and
 * to be written (`checks`); both empty when RLS does not apply. */
export interface RowSecurityQuals {
  readonly filters: readonly BoundExpr[]
  readonly checks: readonly RowSecurityCheck[]
}

export interface RowSecurityCheck {
  readonly condition: BoundExpr
  /** 'using': PostgreSQL's `(USING expression)` variant of the error (ON CONFLICT DO UPDATE). */
  readonly kind: 'check' | 'using'
}

export const noRowSecurityQuals: RowSecurityQuals = { filters: [], checks: [] }

/**
 * The RLS conditions for `command` on `table`, bound over `columns` (a row of the table).
 * `readsColumns`: the statement reads the table's columns (WHERE, RETURNING), which for
 * UPDATE and DELETE brings in the SELECT policies; for INSERT, RETURNING does.
 */
export function rowSecurityQuals(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
  command: RowSecurityCommand,
  readsColumns: boolean,
): RowSecurityQuals {
  const user = rowSecurityUser(context)
  if (!isRowSecurityActive(context, table, user)) return noRowSecurityQuals
  if (context.isRowSecurityOff) {
    throw new SqlError(
      SqlState.insufficientPrivilege,
      `query would be affected by row-level security policy for table "${table.name}"`,
    )
  }
  const state = stateOf(context)
  if (state.tables.includes(table.oid)) {
    throw new SqlError(
      SqlState.invalidObjectDefinition,
      `infinite recursion detected in policy for relation "${table.name}"`,
    )
  }
  if (state.tables.length >= rowSecurityNestingMax) {
    throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded')
  }
  state.tables.push(table.oid)
  try {
    const combine = (
      policyCommand: RowSecurityCommand,
      pick: (p: Policy) => StoredExpression | undefined,
    ) =>
      combinedCondition(
        context,
        table,
        columns,
        applicablePolicies(context, table, user, policyCommand),
        pick,
      )
    const usingOf = (p: Policy): StoredExpression | undefined => p.using
    const checkOf = (p: Policy): StoredExpression | undefined => p.check ?? p.using
    switch (command) {
      case 'select':
        return { filters: [combine('select', usingOf)], checks: [] }
      case 'insert': {
        const checks: RowSecurityCheck[] = [
          { condition: combine('insert', checkOf), kind: 'check' },
        ]
        if (readsColumns) checks.push({ condition: combine('select', usingOf), kind: 'check' })
        return { filters: [], checks }
      }
      case 'update': {
        const filters = [combine('update', usingOf)]
        const checks: RowSecurityCheck[] = [
          { condition: combine('update', checkOf), kind: 'check' },
        ]
        if (readsColumns) {
          const select = combine('select', usingOf)
          filters.unshift(select)
          checks.push({ condition: select, kind: 'check' })
        }
        return { filters, checks }
      }
      case 'delete': {
        const filters = [combine('delete', usingOf)]
        if (readsColumns) filters.unshift(combine('select', usingOf))
        return { filters, checks: [] }
      }
    }
  } finally {
    state.tables.pop()
  }
}

/** (permissive OR ...) AND restrictive AND ...; FALSE without a permissive expression. */
function combinedCondition(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
  policies: readonly Policy[],
  pick: (policy: Policy) => StoredExpression | undefined,
): BoundExpr {
  const scope = tableRowScope(context, table, columns)
  const bind = (policy: Policy): BoundExpr | undefined => {
    const stored = pick(policy)
    if (stored === undefined) return undefined
    return asPolicyCondition(context, bindExpression(context, scope, stored.node))
  }
  const permissive = policies.filter((p) => p.isPermissive).flatMap((p) => bind(p) ?? [])
  const restrictive = policies.filter((p) => !p.isPermissive).flatMap((p) => bind(p) ?? [])
  const anyPermissive: BoundExpr =
    permissive.length === 0
      ? { kind: 'Constant', type: sqlTypes.bool, value: false }
      : permissive.length === 1
        ? (permissive[0] as BoundExpr)
        : { kind: 'Logical', type: sqlTypes.bool, operator: 'or', args: permissive }
  if (restrictive.length === 0) return anyPermissive
  return {
    kind: 'Logical',
    type: sqlTypes.bool,
    operator: 'and',
    args: [anyPermissive, ...restrictive],
  }
}

/** The row-level security of INSERT ... ON CONFLICT DO UPDATE on `table` (undefined when RLS
 * does not apply): PostgreSQL always applies the SELECT policies there, the existing row being
 * read. `readsColumns`: the INSERT has RETURNING. */
export function conflictRowSecurity(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
  readsColumns: boolean,
): BoundOnConflict['rowSecurity'] {
  const insert = rowSecurityQuals(context, table, columns, 'insert', readsColumns)
  if (insert.checks.length === 0) return undefined
  const update = rowSecurityQuals(context, table, columns, 'update', true)
  const checks = (
    list: readonly { readonly condition: BoundExpr }[],
    kind: 'check' | 'using',
  ): BoundViewChecks => ({
    columns,
    checks: list.map((item) => ({
      view: table.name,
      condition: item.condition,
      rowSecurity: kind,
    })),
  })
  return {
    proposed: checks(insert.checks, 'check'),
    existing: checks(
      update.filters.map((condition) => ({ condition })),
      'using',
    ),
    updated: checks(update.checks, 'check'),
  }
}

/** COPY FROM into a table whose policies apply to the role: 0A000, as PostgreSQL (COPY TO
 * reads through a SELECT, which policies filter). */
export function refuseCopyFromWithRowSecurity(context: BindContext, table: Table): void {
  if (!isRowSecurityActive(context, table, rowSecurityUser(context))) return
  throw new SqlError(
    SqlState.featureNotSupported,
    'COPY FROM not supported with row-level security',
    {
      hint: 'Use INSERT statements instead.',
    },
  )
}
