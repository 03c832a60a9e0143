/**
 * Assertions over a session for tests that drive the engine with SQL (persistence tests of
 * DDL, reopen tests): run a statement that must succeed, one that must fail with a SQLSTATE,
 * or read a result's rows.
 */
import assert from 'node:assert/strict'
import type { ExecuteOutcome } from '../sql/execute/statement-result.js'

/** What the helpers need of a session. */
export interface Executor {
  execute(sql: string): Promise<ExecuteOutcome>
}

/** Runs `sql`, which must succeed. */
export async function run(session: Executor, sql: string): Promise<void> {
  const { error } = await session.execute(sql)
  assert.equal(error, undefined, `${sql}: ${error?.message}`)
}

/** Runs `sql`, which must fail with SQLSTATE `code`. */
export async function fails(session: Executor, sql: string, code: string): Promise<void> {
  const { error } = await session.execute(sql)
  assert.equal(error?.code, code, sql)
}

/** The rows of the last statement of `sql`, which must succeed. */
export async function rows(session: Executor, sql: string): Promise<readonly unknown[]> {
  const outcome = await session.execute(sql)
  assert.equal(outcome.error, undefined, `${sql}: ${outcome.error?.message}`)
  return outcome.results.at(-1)?.rows ?? []
}
