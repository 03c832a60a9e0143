/**
 * Database: the composition root. It opens the kernel, holds the catalog, and creates sessions.
 * Interface first (so faces can be tested against doubles); `openDatabase` builds the real one.
 */
import { openEngineDatabase } from './engine-database.js'
import type { Session, SessionOptions } from './session/session.js'

export interface DatabaseOptions {
  /**
   * Where the data lives: a directory, or ':memory:'. Until the storage kernel lands (issue #3)
   * every database is held in memory and a directory is only recorded, not written.
   */
  readonly path: string
}

export interface Database {
  readonly path: string
  createSession(options: SessionOptions): Session
  /** Number of open sessions. */
  readonly sessionCount: number
  /** Closes every session (rolling back open transactions) and the kernel. Idempotent. */
  close(): Promise<void>
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return openEngineDatabase(options)
}
