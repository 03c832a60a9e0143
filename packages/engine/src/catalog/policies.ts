/**
 * Row-level security in the catalog: a table's RLS flags (ALTER TABLE ... ENABLE / FORCE ROW
 * LEVEL SECURITY, pg_class.relrowsecurity / relforcerowsecurity) and its policies (CREATE
 * POLICY, pg_policy). Both are part of the table's definition, so they are transactional,
 * stored and loaded with it, and dropped with it. Policy roles are kept by OID (a role rename
 * does not change them); PUBLIC is `publicRoleOid`. Enforcement: sql/bind/row-security.ts.
 */
import type { StoredExpression, Table } from './table.js'

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete'

export interface Policy {
  readonly oid: number
  readonly name: string
  readonly command: PolicyCommand
  /** AS PERMISSIVE (ORed with the other permissive policies) or RESTRICTIVE (ANDed on top). */
  readonly isPermissive: boolean
  /** Role OIDs the policy applies to; `publicRoleOid` stands for PUBLIC. */
  readonly roles: readonly number[]
  /** USING: which existing rows are visible / may be changed. */
  readonly using: StoredExpression | undefined
  /** WITH CHECK: which new rows may be written. */
  readonly check: StoredExpression | undefined
}

export interface RowSecurityFlags {
  readonly isEnabled: boolean
  readonly isForced: boolean
}

export const noRowSecurity: RowSecurityFlags = { isEnabled: false, isForced: false }

export function rowSecurityOf(table: Table): RowSecurityFlags {
  return table.rowSecurity ?? noRowSecurity
}

export function policiesOf(table: Table): readonly Policy[] {
  return table.policies ?? []
}
