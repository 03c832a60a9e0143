/**
 * applyPolicies: runs compiled policies in one transaction, so a failure (a role that does not
 * exist, a policy name taken) leaves the database as it was. In a session inside a transaction
 * block the statements join that transaction and the caller commits or rolls back.
 */
import { SqlState } from '../errors/index.js'
import type { CompiledPolicies } from './compile-policies.js'
import { notationError } from './policy-document.js'
import type { PolicySession } from './policy-session.js'

/** What applying needs of a database: an engine Session, or an adapter over a PostgreSQL
 * connection (the PostgreSQL backend installs the same statements as native policies). */
export type PolicyTarget = Pick<PolicySession, 'transactionStatus' | 'execute'>

export async function applyPolicies(
  session: PolicyTarget,
  compiled: CompiledPolicies,
): Promise<void> {
  if (compiled.statements.length === 0) return
  if (session.transactionStatus === 'failed') {
    throw notationError(
      'applyPolicies',
      'current transaction is aborted, commands ignored until end of transaction block',
      SqlState.inFailedSqlTransaction,
    )
  }
  const isOwnTransaction = session.transactionStatus === 'idle'
  if (isOwnTransaction) await runOrThrow(session, 'BEGIN')
  // One statement at a time: the failing one is named in the error.
  for (const [index, statement] of compiled.statements.entries()) {
    const { error } = await session.execute(statement)
    if (error === undefined) continue
    if (isOwnTransaction) await session.execute('ROLLBACK')
    throw notationError(`statement ${index + 1} (${statement})`, error.message, error.code, error)
  }
  if (isOwnTransaction) await runOrThrow(session, 'COMMIT')
}

async function runOrThrow(session: PolicyTarget, sql: string): Promise<void> {
  const { error } = await session.execute(sql)
  if (error !== undefined) throw error
}
