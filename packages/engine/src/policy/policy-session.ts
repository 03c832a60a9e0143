/**
 * What the policy compiler needs of a database: an engine Session satisfies it (as does any
 * adapter with the same calls). Expressions are checked by preparing a statement that uses them,
 * so the engine's own parser and binder decide what is valid; nothing is executed. Compile with
 * a session outside a transaction block: inside one, the first invalid expression aborts the
 * caller's transaction, as any failed statement does.
 */
import { type SqlError, SqlState } from '../errors/index.js'
import { quoteIdent } from '../sql/functions/index.js'
import { notationError } from './policy-document.js'

export interface PolicySession {
  readonly transactionStatus: 'idle' | 'transaction' | 'failed'
  execute(sql: string): Promise<{ readonly error: SqlError | undefined }>
  prepare(
    sql: string,
    options?: { readonly paramTypes?: readonly number[] },
  ): Promise<{ readonly paramTypes: readonly number[]; close(): void }>
}

/** `schema.table`, each part quoted only where PostgreSQL needs it (quote_ident). */
export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`
}

/**
 * Prepares `sql` and returns its parameter types, or the engine's error. Refuses to run inside
 * a failed transaction block (everything would fail with 25P02, naming the wrong problem).
 */
export async function tryPrepare(
  session: PolicySession,
  sql: string,
): Promise<{ paramTypes: readonly number[] } | { error: SqlError }> {
  try {
    const statement = await session.prepare(sql)
    const { paramTypes } = statement
    statement.close()
    return { paramTypes }
  } catch (error: unknown) {
    if (isSqlError(error)) return { error }
    throw error
  }
}

function isSqlError(error: unknown): error is SqlError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

/** Whether `schema.table` names a relation the session can read. */
export async function findTableError(
  session: PolicySession,
  schema: string,
  table: string,
): Promise<SqlError | undefined> {
  const outcome = await tryPrepare(session, `SELECT 1 FROM ${qualifiedName(schema, table)}`)
  return 'error' in outcome ? outcome.error : undefined
}

/** Checks that `expression` binds as a boolean condition over the table's rows; returns the
 * types of its `$n` parameters. `label` and `field` name it in the error. */
export async function checkExpression(
  session: PolicySession,
  target: { readonly schema: string; readonly table: string },
  expression: string,
  where: { readonly label: string; readonly field: string },
): Promise<readonly number[]> {
  const sql = `SELECT 1 FROM ${qualifiedName(target.schema, target.table)} WHERE (${expression})`
  const outcome = await tryPrepare(session, sql)
  if ('error' in outcome) {
    const { error } = outcome
    throw notationError(where.label, `${where.field}: ${error.message}`, error.code, error)
  }
  return outcome.paramTypes
}

/** Refuses a session that cannot prepare statements (a failed transaction block). */
export function checkSessionUsable(session: PolicySession): void {
  if (session.transactionStatus === 'failed') {
    throw notationError(
      'policy compiler',
      'current transaction is aborted, commands ignored until end of transaction block',
      SqlState.inFailedSqlTransaction,
    )
  }
}
