// Workload "memory": the walking skeleton's three in-memory workloads, kept unchanged so their
// figures stay comparable with the first baseline in docs/performance.md:
//   1. insert N rows as 100-row INSERT statements with literal values, in one transaction;
//   2. point selects by primary key;
//   3. range scans `id > $1 ORDER BY id LIMIT 10`.
// Table t (id int primary key, name text); every peer in memory.
import { rateMeasurement, startStopwatch } from '../lib/stopwatch.mjs'

const batchRows = 100

export const memoryCrudWorkload = {
  id: 'memory',
  title: 'In memory: insert, point select, range + LIMIT',
  peerIds: ['bkg-db', 'better-sqlite3', 'pglite', 'postgres'],
  describe: (options) =>
    `${options.rows} rows, table t (id int primary key, name text), every peer in memory ` +
    '(PostgreSQL: its usual server, over TCP)',

  async run({ peer, options }) {
    const { rows: rowCount, pointSelects, rangeQueries } = options
    const handle = await peer.open({ enginePath: options.enginePath })
    try {
      await handle.run('CREATE TABLE t (id int primary key, name text)')
      return [
        await timed(
          peer,
          'insert',
          `insert, ${batchRows}-row INSERTs, one transaction`,
          'rows/s',
          () => insertRows(handle, rowCount),
        ),
        await timed(peer, 'point', 'point select by primary key', 'queries/s', () =>
          pointSelect(handle, peer, rowCount, pointSelects),
        ),
        await timed(peer, 'range', 'range `id > $1 ORDER BY id LIMIT 10`', 'queries/s', () =>
          rangeSelect(handle, peer, rowCount, rangeQueries),
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

async function insertRows(handle, rowCount) {
  await handle.run('BEGIN')
  for (let start = 0; start < rowCount; start += batchRows) {
    const values = []
    for (let id = start; id < Math.min(start + batchRows, rowCount); id++) {
      values.push(`(${id}, 'name ${id}')`)
    }
    await handle.run(`INSERT INTO t VALUES ${values.join(', ')}`)
  }
  await handle.run('COMMIT')
  return rowCount
}

async function pointSelect(handle, peer, rowCount, queries) {
  for (let i = 0; i < queries; i++) {
    const rows = await handle.run('SELECT id, name FROM t WHERE id = $1', [(i * 7919) % rowCount])
    if (rows.length !== 1) throw new Error(`${peer.label}: expected one row`)
  }
  return queries
}

async function rangeSelect(handle, peer, rowCount, queries) {
  for (let i = 0; i < queries; i++) {
    const rows = await handle.run('SELECT id, name FROM t WHERE id > $1 ORDER BY id LIMIT 10', [
      (i * 104729) % (rowCount - 20),
    ])
    if (rows.length !== 10) throw new Error(`${peer.label}: expected ten rows`)
  }
  return queries
}
