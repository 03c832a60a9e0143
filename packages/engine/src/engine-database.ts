/**
 * The engine's Database: loads the parser, opens the kernel on a directory (or in memory),
 * loads the catalog, and hands out sessions. See database.ts for the interface.
 */
import { resolve } from 'node:path'
import {
  type Catalog,
  loadCatalog,
  loginOf,
  type RoleLogin,
  storeRolesIfMissing,
} from './catalog/index.js'
import type { Database, DatabaseOptions, StorageStatistics } from './database.js'
import { SqlError, SqlState } from './errors/index.js'
import { DurableKernel, MemoryVfs, NodeVfs, type Vfs } from './kernel/index.js'
import { checkpointWalBytes, checkpointWalBytesMin } from './limits.js'
import { installAuthHelpers, missingAuthHelperStatements } from './session/auth-helpers.js'
import { DatabaseCore } from './session/database-core.js'
import { defaultPrivilegeStatements, needsDefaultPrivileges } from './session/default-privileges.js'
import { EngineSession } from './session/engine-session.js'
import type { Session, SessionOptions } from './session/session.js'
import { type ChangeBatchListener, toChangeBatch } from './sql/execute/index.js'
import { loadParser } from './sql/parse/index.js'

/** Defaults of the storage settings a caller may leave out. */
const defaultCacheBytes = 64 * 1024 * 1024
const defaultCheckpointIntervalMs = 5 * 60 * 1000

class EngineDatabase implements Database {
  readonly path: string
  readonly #core: DatabaseCore
  readonly #kernel: DurableKernel
  #nextSessionId = 1
  #isClosed = false

  constructor(path: string, core: DatabaseCore, kernel: DurableKernel) {
    this.path = path
    this.#core = core
    this.#kernel = kernel
  }

  get sessionCount(): number {
    return this.#core.sessions.size
  }

  get kernel(): DurableKernel {
    return this.#kernel
  }

  storageStatistics(): StorageStatistics {
    const kernel = this.#kernel
    return {
      checkpointsCompleted: kernel.checkpointsCompleted,
      walInsertLsn: kernel.lsnEnd,
      walFlushLsn: kernel.lsnDurable,
      redoLsn: kernel.redoLsn,
      vacuumPasses: kernel.vacuumPasses,
      vacuumRemovedVersions: kernel.vacuumRemovedTotal,
    }
  }

  createSession(options: SessionOptions): Session {
    if (this.#isClosed) throw new Error('database is closed')
    checkLogin(this.#core.catalog, options.user)
    const session = new EngineSession(this.#core, this.#nextSessionId++, options.user)
    this.#core.sessions.add(session)
    return session
  }

  findLogin(user: string): RoleLogin | undefined {
    return loginOf(this.#core.catalog, user)
  }

  subscribeChanges(
    listener: ChangeBatchListener,
    options: { readonly fromLsn?: number } = {},
  ): () => void {
    return this.#kernel.subscribeChanges((event) => {
      const batch = toChangeBatch(event, this.#core.catalog)
      if (batch.changes.length > 0) listener(batch)
    }, options.fromLsn)
  }

  async close(): Promise<void> {
    if (this.#isClosed) return
    this.#isClosed = true
    for (const session of [...this.#core.sessions]) session.close()
    if (this.#kernel.failure === undefined) this.#core.sequences.saveExact(this.#core.catalog)
    await this.#kernel.close()
  }
}

/** PostgreSQL's checks when a session starts: the role exists and may log in (28000). */
function checkLogin(catalog: Catalog, user: string): void {
  const role = catalog.findRole(user)
  if (role === undefined) {
    throw new SqlError(SqlState.invalidAuthorizationSpecification, `role "${user}" does not exist`)
  }
  if (!role.canLogin) {
    throw new SqlError(
      SqlState.invalidAuthorizationSpecification,
      `role "${user}" is not permitted to log in`,
    )
  }
}

function checkedCheckpointWalBytes(bytes: number | undefined): number {
  if (bytes === undefined) return checkpointWalBytes
  if (!Number.isSafeInteger(bytes) || bytes < checkpointWalBytesMin) {
    throw new RangeError(
      `checkpointWalBytes must be an integer of at least ${checkpointWalBytesMin}`,
    )
  }
  return bytes
}

export async function openEngineDatabase(options: DatabaseOptions): Promise<Database> {
  await loadParser()
  const vfs = options.vfs ?? openVfs(options.path)
  const kernel = await DurableKernel.open({
    vfs,
    cacheBytes: options.cacheBytes ?? defaultCacheBytes,
    checkpointIntervalMs: options.checkpointIntervalMs ?? defaultCheckpointIntervalMs,
    checkpointWalBytes: checkedCheckpointWalBytes(options.checkpointWalBytes),
  })
  const loader = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
  const catalog = loadCatalog(loader)
  // Data directories from before roles get the built-in roles now (new ones too).
  storeRolesIfMissing(loader, catalog)
  const core = new DatabaseCore(kernel, catalog)
  core.sequences.load(loader, catalog)
  await loader.commit()
  const database = new EngineDatabase(options.path, core, kernel)
  await installAuthHelpersAtOpen(database, core)
  return database
}

/** Completes schema `auth` (session/auth-helpers.ts) and grants the starting privileges
 * (session/default-privileges.ts); the database closes if that fails. */
async function installAuthHelpersAtOpen(database: Database, core: DatabaseCore): Promise<void> {
  if (
    missingAuthHelperStatements(core.catalog).length === 0 &&
    !needsDefaultPrivileges(core.catalog)
  ) {
    return
  }
  const session = database.createSession({ user: 'postgres' })
  try {
    const catalog = core.catalog
    const grants = needsDefaultPrivileges(catalog) ? defaultPrivilegeStatements(catalog) : []
    await installAuthHelpers(session, catalog, grants)
  } catch (error: unknown) {
    session.close()
    await database.close()
    throw error
  }
  session.close()
}

/** `:memory:` keeps everything in memory; any other path is a data directory, created 0700. */
function openVfs(path: string): Vfs {
  if (path === ':memory:') return new MemoryVfs()
  const vfs = new NodeVfs({ root: resolve(path) })
  vfs.mkdir('')
  return vfs
}
