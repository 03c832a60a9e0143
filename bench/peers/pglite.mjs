// Peer: PGlite 0.5 (PostgreSQL compiled to WASM), in memory or on disk (a data directory
// through Emscripten's NODEFS). PGlite runs PostgreSQL with fsync = off, so on disk it is not
// durable against power loss: it takes part in load, lookup and size workloads, not in the
// durable-commit or recovery ones.
export const pgLitePeer = {
  id: 'pglite',
  label: 'PGlite',
  isDurable: false,
  canOverlapCommits: false,
  canRecover: false,
  /** Whether its work runs in this process (so this process's CPU time measures it). */
  isInProcess: true,
  /** What bytesOnDisk counts: the data files, or the table's relation size. */
  sizeSource: 'relation',
  durability: 'fsync = off (not durable)',

  async open({ directory } = {}) {
    const { PGlite } = await import('@electric-sql/pglite')
    const create = () => (directory === undefined ? PGlite.create() : PGlite.create(directory))
    let db = await create()
    const run = async (sql, params) => (await db.query(sql, params, { rowMode: 'array' })).rows
    return {
      run,
      /** PGlite's prepared path is `query` with parameters (extended protocol inside). */
      prepare: async (sql) => ({ run: (params) => run(sql, params) }),
      // PGlite is one single-user backend: queries from "other sessions" queue on it.
      connect: () => ({ run, close: async () => {} }),
      async reopen(whileClosed = async () => {}) {
        await db.close()
        await whileClosed()
        db = await create()
      },
      /** Heap, indexes and TOAST of table t (the catalog and WAL are not counted). */
      async bytesOnDisk() {
        const rows = await run("SELECT pg_total_relation_size('t')::int8")
        return Number(rows[0][0])
      },
      close: () => db.close(),
    }
  },
}
