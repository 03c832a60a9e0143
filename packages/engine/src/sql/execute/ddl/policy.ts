/**
 * CREATE / ALTER / DROP POLICY, ALTER POLICY ... RENAME and the owner check that also guards
 * ALTER TABLE ... ENABLE / FORCE ROW LEVEL SECURITY: only the table's owner (a member of the
 * owning role) or a superuser may change either, 42501 `must be owner of table t` as in
 * PostgreSQL. Policies are part of the table's catalog value (catalog/policies.ts), so the change
 * is transactional and persisted with the table.
 */
import {
  isMemberOf,
  type Policy,
  policiesOf,
  storeObject,
  type Table,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { policiesPerTableMax } from '../../../limits.js'
import type { BoundPolicyStatement } from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'

export function executePolicy(
  statement: BoundPolicyStatement,
  context: ExecutionContext,
): StatementResult {
  const { change } = statement
  const table =
    statement.table === undefined ? undefined : context.catalog.findTableByOid(statement.table.oid)
  if (table === undefined) {
    if (change.action === 'drop') {
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.successfulCompletion,
        message: `relation "${change.relation}" does not exist, skipping`,
      })
      return ddlResult(statement.tag, context)
    }
    throw new SqlError(SqlState.undefinedTable, 'relation does not exist')
  }
  // PostgreSQL words DROP POLICY's refusal by the relation, the others by the table.
  requireTableOwner(context, table, change.action === 'drop' ? 'relation' : 'table')
  const policies = policiesOf(table)
  switch (change.action) {
    case 'create': {
      if (policies.some((p) => p.name === change.policy.name))
        throw policyExists(change.policy.name, table)
      if (policies.length >= policiesPerTableMax) {
        throw new SqlError(
          SqlState.programLimitExceeded,
          `table "${table.name}" has more than ${policiesPerTableMax} policies`,
        )
      }
      const policy: Policy = { ...change.policy, oid: context.catalog.nextOid }
      replaceTable(context, table, { ...table, policies: [...policies, policy] }, 1)
      break
    }
    case 'alter': {
      const current = findPolicy(table, change.name)
      if (current.command === 'insert' && change.using !== undefined) {
        throw new SqlError(SqlState.syntaxError, 'only WITH CHECK expression allowed for INSERT')
      }
      if (
        (current.command === 'select' || current.command === 'delete') &&
        change.check !== undefined
      ) {
        throw new SqlError(SqlState.syntaxError, 'WITH CHECK cannot be applied to SELECT or DELETE')
      }
      const next: Policy = {
        ...current,
        roles: change.roles ?? current.roles,
        using: change.using ?? current.using,
        check: change.check ?? current.check,
      }
      replacePolicy(context, table, current, next)
      break
    }
    case 'rename': {
      const current = findPolicy(table, change.name)
      if (policies.some((p) => p.name === change.newName)) throw policyExists(change.newName, table)
      replacePolicy(context, table, current, { ...current, name: change.newName })
      break
    }
    case 'drop': {
      const current = policies.find((p) => p.name === change.name)
      if (current === undefined) {
        if (!change.isMissingOk) throw policyMissing(change.name, table)
        context.notices.push({
          severity: 'NOTICE',
          code: SqlState.successfulCompletion,
          message: `policy "${change.name}" for relation "${table.name}" does not exist, skipping`,
        })
        break
      }
      replaceTable(context, table, { ...table, policies: policies.filter((p) => p !== current) }, 0)
      break
    }
  }
  return ddlResult(statement.tag, context)
}

/** 42501 unless the current role has the privileges of the table's owner (superusers do). */
export function requireTableOwner(
  context: ExecutionContext,
  table: Table,
  word: 'table' | 'relation' = 'table',
): void {
  const actor = context.catalog.getRole(currentRoleOf(context))
  const owner = context.catalog.findRole(table.owner)
  if (owner !== undefined && isMemberOf(context.catalog, actor, owner)) return
  throw new SqlError(SqlState.insufficientPrivilege, `must be owner of ${word} ${table.name}`)
}

function findPolicy(table: Table, name: string): Policy {
  const found = policiesOf(table).find((p) => p.name === name)
  if (found === undefined) throw policyMissing(name, table)
  return found
}

function policyExists(name: string, table: Table): SqlError {
  return new SqlError(
    SqlState.duplicateObject,
    `policy "${name}" for table "${table.name}" already exists`,
  )
}

function policyMissing(name: string, table: Table): SqlError {
  return new SqlError(
    SqlState.undefinedObject,
    `policy "${name}" for table "${table.name}" does not exist`,
  )
}

function replacePolicy(
  context: ExecutionContext,
  table: Table,
  current: Policy,
  next: Policy,
): void {
  const policies = policiesOf(table).map((p) => (p === current ? next : p))
  replaceTable(context, table, { ...table, policies }, 0)
}

function replaceTable(
  context: ExecutionContext,
  previous: Table,
  next: Table,
  oidsUsed: number,
): void {
  context.catalog = context.catalog.replacingRelation(previous, next, oidsUsed)
  storeObject(context.transaction, next, context.catalog.nextOid)
}
