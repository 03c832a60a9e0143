/**
 * The engine's Database: loads the parser, creates the kernel and the shared core, and hands
 * out sessions. See database.ts for the interface.
 */
import type { Database, DatabaseOptions } from './database.js'
import { MemoryKernel } from './kernel/index.js'
import { DatabaseCore } from './session/database-core.js'
import { EngineSession } from './session/engine-session.js'
import type { Session, SessionOptions } from './session/session.js'
import { loadParser } from './sql/parse/index.js'

class EngineDatabase implements Database {
  readonly path: string
  readonly #core: DatabaseCore
  #nextSessionId = 1
  #isClosed = false

  constructor(path: string, core: DatabaseCore) {
    this.path = path
    this.#core = core
  }

  get sessionCount(): number {
    return this.#core.sessions.size
  }

  createSession(options: SessionOptions): Session {
    if (this.#isClosed) throw new Error('database is closed')
    const session = new EngineSession(this.#core, this.#nextSessionId++, options.user)
    this.#core.sessions.add(session)
    return session
  }

  async close(): Promise<void> {
    if (this.#isClosed) return
    this.#isClosed = true
    for (const session of [...this.#core.sessions]) session.close()
    await this.#core.kernel.close()
  }
}

export async function openEngineDatabase(options: DatabaseOptions): Promise<Database> {
  await loadParser()
  // Issue #3 replaces MemoryKernel with the paged, logged kernel opened on `options.path`.
  const core = new DatabaseCore(new MemoryKernel())
  return new EngineDatabase(options.path, core)
}
