// Workload "index": a secondary index over a large table. Every peer in memory (PostgreSQL: its
// usual server): load N rows (default 1,000,000) of t (id int PRIMARY KEY, k int, pad text) in
// 1,000-row literal INSERTs in one transaction, with k a permutation of 0..N-1 scattered
// against id (k = id * 7919 mod N); then CREATE INDEX t_k ON t (k), timed as rows indexed per
// second; then range counts `SELECT count(*) FROM t WHERE k >= $1 AND k < $2` over 100 keys
// each, which an index answers by reading 100 entries (and rows) instead of the table. Every
// count is checked (it is exactly 100).
import { rateMeasurement, startStopwatch } from '../lib/stopwatch.mjs'

const batchRows = 1000
const rangeWidth = 100

export const indexRangeWorkload = {
  id: 'index',
  title: 'Secondary index: build, range count',
  peerIds: ['bkg-db', 'better-sqlite3', 'pglite', 'postgres'],
  describe: (options) =>
    `${options.indexRows} rows of t (id int PRIMARY KEY, k int, pad text), k scattered; ` +
    `CREATE INDEX ON t (k); ${options.indexQueries} counts of a ${rangeWidth}-key range of k`,

  async run({ peer, options }) {
    const { indexRows: rowCount, indexQueries } = options
    const handle = await peer.open({ enginePath: options.enginePath })
    try {
      await handle.run('CREATE TABLE t (id int PRIMARY KEY, k int, pad text)')
      await load(handle, rowCount)
      return [
        await timed(peer, 'build', 'CREATE INDEX on the loaded table', 'rows/s', async () => {
          await handle.run('CREATE INDEX t_k ON t (k)')
          return rowCount
        }),
        await timed(peer, 'range', `count(*) of a ${rangeWidth}-key range`, 'queries/s', () =>
          rangeCounts(handle, peer, rowCount, indexQueries),
        ),
      ]
    } finally {
      await handle.close()
    }
  },
}

async function timed(peer, key, label, unit, body) {
  const stopwatch = startStopwatch()
  const operations = await body()
  return rateMeasurement({ key, label, unit, operations, time: stopwatch.stop(), peer })
}

/** Loads rows 0..rowCount-1 of t (id, k, pad) in 1,000-row literal INSERTs, one transaction
 * (the `prepared` workload loads the same table). */
export async function load(handle, rowCount) {
  await handle.run('BEGIN')
  for (let start = 0; start < rowCount; start += batchRows) {
    const values = []
    for (let id = start; id < Math.min(start + batchRows, rowCount); id++) {
      values.push(`(${id}, ${(id * 7919) % rowCount}, 'row ${id}')`)
    }
    await handle.run(`INSERT INTO t VALUES ${values.join(', ')}`)
  }
  await handle.run('COMMIT')
}

async function rangeCounts(handle, peer, rowCount, queries) {
  for (let i = 0; i < queries; i++) {
    const low = (i * 104729) % (rowCount - rangeWidth)
    const rows = await handle.run('SELECT count(*) FROM t WHERE k >= $1 AND k < $2', [
      low,
      low + rangeWidth,
    ])
    const count = Number(Array.isArray(rows[0]) ? rows[0][0] : Object.values(rows[0] ?? {})[0])
    if (count !== rangeWidth) throw new Error(`${peer.label}: expected ${rangeWidth}, got ${count}`)
  }
  return queries
}
