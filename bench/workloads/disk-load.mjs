// Workload "load": bulk load, bytes on disk and point lookups, on disk, on the same data.
//
// Method, per peer, in a fresh temp directory:
//   1. Bulk load: N rows of the benchmark table (lib/row-values.mjs) as parameterised
//      `batch`-row INSERT statements, all in one transaction; the time runs from BEGIN to the
//      end of COMMIT, whose fsync is included.
//   2. Bytes on disk per row right after the load: the data directory's files (bkg-db: main.db
//      and WAL segments; SQLite: file + -wal + -shm). PostgreSQL and PGlite: the table's
//      relation size (heap, index, TOAST); their WAL and catalog are not counted.
//   3. Close (bkg-db checkpoints; SQLite checkpoints the WAL into the file), measure again.
//   4. Reopen, then point lookups by primary key in a scattered order: the first pass is
//      "cold-ish" (the process's caches are empty but the OS page cache is not; PostgreSQL is
//      not restarted, so its pass is warm), the second pass repeats the same keys ("warm").
//      Every returned row is checked against the expected values.
import {
  benchRow,
  benchTableSql,
  insertStatement,
  rowAmount,
  rowName,
  scatteredId,
} from '../lib/row-values.mjs'
import { rateMeasurement, startStopwatch } from '../lib/stopwatch.mjs'
import { withTempDirectory } from '../lib/temp-directory.mjs'

export const diskLoadWorkload = {
  id: 'load',
  title: 'On disk: bulk load, bytes per row, point lookups',
  peerIds: ['bkg-db', 'better-sqlite3', 'pglite', 'postgres'],
  describe: (options) =>
    `${options.loadRows} rows of t (id int PRIMARY KEY, name text, amount int, active bool), ` +
    `${options.batchRows}-row parameterised INSERTs in one transaction; ` +
    `${options.lookups} point lookups per pass`,

  async run({ peer, options }) {
    return withTempDirectory(peer.id, async (directory) => {
      const handle = await peer.open({ directory, enginePath: options.enginePath })
      try {
        await handle.run(benchTableSql)
        const load = await bulkLoad(handle, options.loadRows, options.batchRows)
        const bytesLoaded = await handle.bytesOnDisk()
        let bytesClosed
        await handle.reopen(async () => {
          // Between close and open: the files at rest (for the file-based peers).
          if (peer.sizeSource === 'files') {
            bytesClosed = await handle.bytesOnDisk()
          }
        })
        bytesClosed ??= await handle.bytesOnDisk()
        const cold = await lookups(handle, peer, options)
        const warm = await lookups(handle, peer, options)
        const rows = options.loadRows
        return [
          rate(peer, 'load', 'bulk load (through COMMIT)', 'rows/s', rows, load),
          size('bytes-loaded', 'bytes on disk per row, after load', bytesLoaded / rows),
          size('bytes-closed', 'bytes on disk per row, after close', bytesClosed / rows),
          rate(peer, 'lookup-cold', 'point lookups, cold-ish (after reopen)', 'queries/s', ...cold),
          rate(peer, 'lookup-warm', 'point lookups, warm (same keys again)', 'queries/s', ...warm),
        ]
      } finally {
        await handle.close()
      }
    })
  },
}

function rate(peer, key, label, unit, operations, time) {
  return rateMeasurement({ key, label, unit, operations, time, peer })
}

function size(key, label, bytesPerRow) {
  return { key, label, unit: 'bytes/row', higherIsBetter: false, value: bytesPerRow }
}

/** Loads rows 0..count-1; returns the time from BEGIN to the end of COMMIT. */
async function bulkLoad(handle, count, batchRows) {
  const fullBatch = insertStatement('t', batchRows)
  const stopwatch = startStopwatch()
  await handle.run('BEGIN')
  for (let start = 0; start < count; start += batchRows) {
    const end = Math.min(start + batchRows, count)
    const params = []
    for (let id = start; id < end; id++) params.push(...benchRow(id))
    const sql = end - start === batchRows ? fullBatch : insertStatement('t', end - start)
    await handle.run(sql, params)
  }
  await handle.run('COMMIT')
  return stopwatch.stop()
}

/** One pass of point lookups; returns [queries, time]. Throws on a wrong or missing row. */
async function lookups(handle, peer, options) {
  const count = options.loadRows
  const stopwatch = startStopwatch()
  for (let i = 0; i < options.lookups; i++) {
    const id = scatteredId(i, count)
    const rows = await handle.run('SELECT id, name, amount, active FROM t WHERE id = $1', [id])
    const row = rows[0]
    if (rows.length !== 1 || row[1] !== rowName(id) || Number(row[2]) !== rowAmount(id)) {
      throw new Error(`${peer.label}: lookup of id ${id} returned ${JSON.stringify(rows)}`)
    }
  }
  return [options.lookups, stopwatch.stop()]
}
