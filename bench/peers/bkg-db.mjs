// Peer: bkg-db's embedded engine (@bkg-db/engine), in memory or on disk. Every statement goes
// through `session.execute` with parameters (parse trees are cached per statement string).
// The engine is imported from `options.enginePath` (default: the workspace build), so a run can
// measure a frozen build while the engine is being edited.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { directoryBytes } from '../lib/directory-bytes.mjs'

export const defaultEnginePath = new URL('../../packages/engine/dist/index.js', import.meta.url)
  .pathname

async function loadEngine(enginePath) {
  return import(pathToFileURL(enginePath ?? defaultEnginePath).href)
}

function sessionRunner(session) {
  return async (sql, params) => {
    const { results, error } = await session.execute(sql, params)
    if (error) throw error
    return results[results.length - 1]?.rows ?? []
  }
}

export const bkgDbPeer = {
  id: 'bkg-db',
  label: 'bkg-db',
  /** Commits are durable (group commit: one fsync serves every commit waiting for it). */
  isDurable: true,
  /** Concurrent sessions' commits can share an fsync. */
  canOverlapCommits: true,
  canRecover: true,
  /** Whether its work runs in this process (so this process's CPU time measures it). */
  isInProcess: true,
  /** What bytesOnDisk counts: the data files, or the table's relation size. */
  sizeSource: 'files',
  durability: 'WAL fsync per commit group (synchronous_commit = on)',

  /**
   * Opens a database. `directory` undefined: ':memory:'. `isCheckpointDisabled`: no timed
   * checkpoint (the kernel still checkpoints when the WAL passes 64 MiB).
   */
  async open({ directory, cacheBytes, isCheckpointDisabled, enginePath } = {}) {
    const { openDatabase } = await loadEngine(enginePath)
    const openOptions = {
      path: directory ?? ':memory:',
      ...(cacheBytes === undefined ? {} : { cacheBytes }),
      ...(isCheckpointDisabled ? { checkpointIntervalMs: 0 } : {}),
    }
    let db = await openDatabase(openOptions)
    let session = db.createSession({ user: 'postgres' })
    let run = sessionRunner(session)
    return {
      run: (sql, params) => run(sql, params),
      /** A prepared statement: session.prepare once, then statement.execute per run. */
      async prepare(sql) {
        const statement = await session.prepare(sql)
        return { run: async (params) => (await statement.execute(params)).rows }
      },
      /** Another session on the same database (its own transactions). */
      connect() {
        const other = db.createSession({ user: 'postgres' })
        return { run: sessionRunner(other), close: async () => other.close() }
      },
      /** Closes (checkpointing), runs `whileClosed`, opens the directory again: an empty cache. */
      async reopen(whileClosed = async () => {}) {
        await db.close()
        await whileClosed()
        db = await openDatabase(openOptions)
        session = db.createSession({ user: 'postgres' })
        run = sessionRunner(session)
      },
      /** The whole data directory: main.db plus WAL segments. */
      bytesOnDisk: () => (directory === undefined ? undefined : directoryBytes(directory)),
      close: () => db.close(),
    }
  },

  /** Bytes of WAL in a data directory (recovery workload). */
  walBytes(directory) {
    return directoryBytes(join(directory, 'wal'))
  },

  /** Opens after a crash: the time of this call is the recovery time. */
  async recover({ directory, enginePath }) {
    return this.open({ directory, isCheckpointDisabled: true, enginePath })
  },
}
