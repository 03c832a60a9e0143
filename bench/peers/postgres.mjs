// Peer: PostgreSQL 15 at 127.0.0.1:5432 through node-postgres, durable by its defaults
// (fsync = on, synchronous_commit = on, wal_sync_method = fdatasync). Every query pays a TCP
// round trip. Each open uses a fresh schema, dropped at close. PostgreSQL does its own group
// commit across backends, so N concurrent committers are N client connections.
const connection = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' }

async function connectClient(schema) {
  const { default: pg } = await import('pg')
  const client = new pg.Client(connection)
  await client.connect()
  await client.query(`SET search_path = ${schema}`)
  const run = async (sql, params) =>
    (await client.query({ text: sql, values: params, rowMode: 'array' })).rows
  return { client, run }
}

export const postgresPeer = {
  id: 'postgres',
  label: 'PostgreSQL 15',
  isDurable: true,
  canOverlapCommits: true,
  canRecover: false,
  /** Whether its work runs in this process (so this process's CPU time measures it). */
  isInProcess: false,
  /** What bytesOnDisk counts: the data files, or the table's relation size. */
  sizeSource: 'relation',
  durability: 'fsync = on, synchronous_commit = on (server-side group commit)',

  async open() {
    const { default: pg } = await import('pg')
    const schema = `bkg_bench_${process.pid}_${Date.now()}`
    const admin = new pg.Client(connection)
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    await admin.end()
    let main = await connectClient(schema)
    const others = new Set()
    let statementCount = 0
    return {
      run: (sql, params) => main.run(sql, params),
      /** A named prepared statement: Parse once per connection, then Bind/Execute per run. */
      async prepare(sql) {
        const name = `bench_${++statementCount}`
        return {
          run: async (params) =>
            (await main.client.query({ name, text: sql, values: params, rowMode: 'array' })).rows,
        }
      },
      async connect() {
        const other = await connectClient(schema)
        others.add(other)
        return {
          run: other.run,
          close: async () => {
            others.delete(other)
            await other.client.end()
          },
        }
      },
      /** A new connection; the server's caches stay warm (it is not restarted). */
      async reopen(whileClosed = async () => {}) {
        await main.client.end()
        await whileClosed()
        main = await connectClient(schema)
      },
      /** Heap, indexes and TOAST of table t (WAL is not counted). */
      async bytesOnDisk() {
        const rows = await main.run("SELECT pg_total_relation_size('t')::int8")
        return Number(rows[0][0])
      },
      async close() {
        for (const other of others) await other.client.end()
        await main.run(`DROP SCHEMA ${schema} CASCADE`)
        await main.client.end()
      },
    }
  },
}
