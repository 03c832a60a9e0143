/**
 * Database: the composition root. It opens the kernel, holds the catalog, and creates sessions.
 * Interface first (so faces can be tested against doubles); `openDatabase` builds the real one.
 */
import type { RoleLogin } from './catalog/index.js'
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
  /** WAL growth since the last checkpoint that starts the next one (bounds recovery time);
   * at least checkpointWalBytesMin. Default limits.checkpointWalBytes (64 MiB). */
  readonly checkpointWalBytes?: number
  /** File I/O to use instead of the path's (tests: a simulated, fault-injecting disk). */
  readonly vfs?: Vfs
}

/** Counters and positions of the storage kernel, for monitoring (/metrics). LSNs are byte
 * positions in the log since the database was created. */
export interface StorageStatistics {
  /** Checkpoints completed since open (including the one after recovery). */
  readonly checkpointsCompleted: number
  /** End of the log written (PostgreSQL's insert LSN) and how far it is durable. */
  readonly walInsertLsn: number
  readonly walFlushLsn: number
  /** Where recovery would start replaying: the last checkpoint's redo LSN. */
  readonly redoLsn: number
  /** Vacuum passes since open and row versions they removed. */
  readonly vacuumPasses: number
  readonly vacuumRemovedVersions: number
}

export interface Database {
  readonly path: string
  createSession(options: SessionOptions): Session
  /** Number of open sessions. */
  readonly sessionCount: number
  storageStatistics(): StorageStatistics
  /**
   * What password authentication needs about `user` (the committed catalog's role): whether it
   * may log in and its stored SCRAM-SHA-256 verifier; undefined when no such role exists.
   * pgwire's SCRAM exchange reads the verifier here; the engine does no network I/O.
   */
  findLogin(user: string): RoleLogin | undefined
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
