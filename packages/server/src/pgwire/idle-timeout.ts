/**
 * idle_in_transaction_session_timeout over pgwire: a connection that sits idle inside a
 * transaction block for longer than the session's setting is ended with FATAL 25P03, and its
 * session closed, which rolls the transaction back and releases its locks (as PostgreSQL).
 */
import type { Session } from '@bkg-db/engine'
import { SqlState } from '@bkg-db/engine'
import type { ReportFields } from './codec/index.js'

export const idleInTransactionTimeout: ReportFields = {
  severity: 'FATAL',
  code: SqlState.idleInTransactionSessionTimeout,
  message: 'terminating connection due to idle-in-transaction timeout',
}

const unitMs: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}

/** The timeout to arm after ReadyForQuery, in ms; 0 when none applies (idle, or setting off). */
export function idleInTransactionTimeoutMs(session: Session): number {
  if (session.transactionStatus === 'idle') return 0
  const shown = session.setting('idle_in_transaction_session_timeout') ?? '0'
  const match = /^(\d+)(ms|s|min|h|d)?$/.exec(shown)
  if (match === null) return 0
  const ms = Number(match[1]) * (unitMs[match[2] ?? 'ms'] ?? 1)
  // setTimeout's largest delay; a longer timeout is the same as none in practice.
  return Math.min(ms, 0x7fff_ffff)
}
