/**
 * Database: the composition root. It opens the kernel, holds the catalog, and creates sessions.
 * Interface first (so faces can be tested against doubles); `openDatabase` builds the real one.
 */
import { openEngineDatabase } from './engine-database.js'
import type { Vfs } from './kernel/index.js'
import type { Session, SessionOptions } from './session/session.js'
import type { ChangeBatchListener } from './sql/execute/index.js'

export interface DatabaseOptions {
  /** Where the data lives: a directory (created if missing), or ':memory:'. */
  readonly path: string
  /** Buffer pool budget in bytes (storage.cache_bytes); default 64 MiB. */
  readonly cacheBytes?: number
  /** Time between automatic checkpoints; 0 disables the timer. Default 5 minutes. */
  readonly checkpointIntervalMs?: number
  /** File I/O to use instead of the path's (tests: a simulated, fault-injecting disk). */
  readonly vfs?: Vfs
}

export interface Database {
  readonly path: string
  createSession(options: SessionOptions): Session
  /** Number of open sessions. */
  readonly sessionCount: number
  /**
   * Calls `listener` with each committed transaction's row changes, in commit order. With
   * `fromLsn` (a batch's `lsn`), first replays the transactions committed after it that the WAL
   * still holds. Returns the function that unsubscribes.
   */
  subscribeChanges(
    listener: ChangeBatchListener,
    options?: { readonly fromLsn?: number },
  ): () => void
  /** Closes every session (rolling back open transactions) and the kernel. Idempotent. */
  close(): Promise<void>
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return openEngineDatabase(options)
}
