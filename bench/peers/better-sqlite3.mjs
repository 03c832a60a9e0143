// Peer: better-sqlite3 12.9 (SQLite, synchronous native binding), prepared statements cached
// per SQL string. On disk it runs as SQLite's durable configuration: journal_mode = WAL and
// synchronous = FULL (an fsync of the WAL at every commit).
//
// Translations, so the same SQL text runs on every peer: `$n` placeholders become `?`; a first
// column declared `int PRIMARY KEY` becomes `INTEGER PRIMARY KEY`, SQLite's rowid-clustered
// layout (its best one, and the analogue of bkg-db's tables clustered on the primary key);
// booleans are bound as 1/0 (SQLite has no boolean type). `SET ...` statements are ignored.
//
// SQLite allows one writer at a time and better-sqlite3 is synchronous, so "N concurrent
// committers" are N loops taking turns in one thread: the same sequential stream of commits,
// one fsync each. It cannot overlap fsyncs; that is the point of comparing with it.
import { join } from 'node:path'
import { fileBytes } from '../lib/directory-bytes.mjs'

const databaseFile = 'bench.sqlite'
const statementCacheMax = 256

function translate(sql) {
  return sql
    .replace(/\$\d+/g, '?')
    .replace(/\(\s*(\w+)\s+int\s+PRIMARY KEY/i, '($1 INTEGER PRIMARY KEY')
}

function bindable(params) {
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value))
}

function openConnection(Sqlite, path, { isCheckpointDisabled }) {
  const db = new Sqlite(path)
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    if (isCheckpointDisabled) db.pragma('wal_autocheckpoint = 0')
  }
  const cache = new Map()
  const prepare = (sql) => {
    let statement = cache.get(sql)
    if (statement === undefined) {
      // Bounded: literal-valued statements (the in-memory insert workload) never repeat.
      if (cache.size >= statementCacheMax) cache.clear()
      statement = db.prepare(translate(sql))
      cache.set(sql, statement)
    }
    return statement
  }
  const run = async (sql, params = []) => {
    if (/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(sql)) {
      db.exec(sql)
      return []
    }
    if (/^\s*SET\b/i.test(sql)) return []
    const statement = prepare(sql)
    if (statement.reader) return statement.raw().all(...bindable(params))
    statement.run(...bindable(params))
    return []
  }
  return { db, run }
}

export const betterSqlite3Peer = {
  id: 'better-sqlite3',
  label: 'better-sqlite3',
  isDurable: true,
  canOverlapCommits: false,
  canRecover: true,
  /** Whether its work runs in this process (so this process's CPU time measures it). */
  isInProcess: true,
  /** What bytesOnDisk counts: the data files, or the table's relation size. */
  sizeSource: 'files',
  durability: 'WAL, synchronous=FULL: fsync of the WAL per commit',

  async open({ directory, isCheckpointDisabled = false } = {}) {
    const { default: Sqlite } = await import('better-sqlite3')
    const path = directory === undefined ? ':memory:' : join(directory, databaseFile)
    let connection = openConnection(Sqlite, path, { isCheckpointDisabled })
    return {
      run: (sql, params) => connection.run(sql, params),
      /** A prepared statement returning rows as arrays. */
      async prepare(sql) {
        const statement = connection.db.prepare(translate(sql)).raw()
        return { run: async (params) => statement.all(...bindable(params)) }
      },
      // One connection serves every "session": SQLite serialises writers anyway, and a second
      // connection would only add SQLITE_BUSY retries to the same sequential stream.
      connect: () => ({ run: (sql, params) => connection.run(sql, params), close: async () => {} }),
      async reopen(whileClosed = async () => {}) {
        connection.db.close()
        await whileClosed()
        connection = openConnection(Sqlite, path, { isCheckpointDisabled })
      },
      /** Database file + WAL + shared-memory index. */
      bytesOnDisk: () =>
        directory === undefined
          ? undefined
          : fileBytes(path) + fileBytes(`${path}-wal`) + fileBytes(`${path}-shm`),
      close: async () => connection.db.close(),
    }
  },

  walBytes(directory) {
    return fileBytes(join(directory, `${databaseFile}-wal`))
  },

  /** Opening after a crash and running one query: SQLite reads the WAL to rebuild its index. */
  async recover({ directory }) {
    return this.open({ directory, isCheckpointDisabled: true })
  },
}
