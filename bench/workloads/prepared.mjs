// Workload "prepared": the prepared point select. Every peer in memory (PostgreSQL: its usual
// server): N rows (default 1,000,000) of t (id int PRIMARY KEY, k int, pad text), loaded as the
// `index` workload loads them; then `SELECT id, k, pad FROM t WHERE id = $1` prepared once and
// executed Q times (default 100,000) with a pseudo-random id, each result checked (one row, its
// id, k and pad). Each peer's prepared path: bkg-db `session.prepare` → `statement.execute`,
// better-sqlite3 `db.prepare` → `.raw().all`, PGlite `pg.query` with parameters (its prepared
// path), PostgreSQL a named prepared statement through node-postgres (one round trip each).
import { rateMeasurement, startStopwatch } from '../lib/stopwatch.mjs'
import { load } from './index-range.mjs'

const pointSelect = 'SELECT id, k, pad FROM t WHERE id = $1'

export const preparedWorkload = {
  id: 'prepared',
  title: 'Prepared point select',
  peerIds: ['bkg-db', 'better-sqlite3', 'pglite', 'postgres'],
  describe: (options) =>
    `${options.preparedRows} rows of t (id int PRIMARY KEY, k int, pad text) in memory; ` +
    `${options.preparedQueries} executions of a prepared \`${pointSelect}\`, random ids, each checked`,

  async run({ peer, options }) {
    const { preparedRows: rowCount, preparedQueries: queries } = options
    const handle = await peer.open({ enginePath: options.enginePath })
    try {
      await handle.run('CREATE TABLE t (id int PRIMARY KEY, k int, pad text)')
      await load(handle, rowCount)
      const statement = await handle.prepare(pointSelect)
      // Warm-up: JIT, caches, and (bkg-db) the first execution that makes the plan.
      await pointSelects(statement, peer, rowCount, Math.min(queries, 2_000), 7)
      const stopwatch = startStopwatch()
      await pointSelects(statement, peer, rowCount, queries, 12_345)
      const time = stopwatch.stop()
      return [
        rateMeasurement({
          key: 'point',
          label: 'prepared point select',
          unit: 'queries/s',
          operations: queries,
          time,
          peer,
        }),
      ]
    } finally {
      await handle.close()
    }
  },
}

async function pointSelects(statement, peer, rowCount, queries, seed) {
  let state = seed
  for (let i = 0; i < queries; i++) {
    // A linear congruential sequence: the same ids for every peer, scattered over the table.
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    const id = state % rowCount
    const rows = await statement.run([id])
    const row = rows[0]
    if (
      rows.length !== 1 ||
      Number(row[0]) !== id ||
      Number(row[1]) !== (id * 7919) % rowCount ||
      row[2] !== `row ${id}`
    ) {
      throw new Error(`${peer.label}: wrong row for id ${id}: ${JSON.stringify(rows)}`)
    }
  }
}
