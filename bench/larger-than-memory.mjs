#!/usr/bin/env node
import { join } from 'node:path'
// Larger-than-memory check (issue #3, Tests): a database many times its buffer-pool budget is
// loaded, changed, reopened and read back, and every result is checked against values computed
// from the row id. Timing and memory (peak RSS) are reported; a wrong or missing row fails it.
//
//   npm run test:large                       16 MiB cache, 300 MiB data file (a few minutes)
//   node bench/larger-than-memory.mjs --cache-mib 2 --table-mib 30   (the `npm test` variant,
//                                            tests/large/larger-than-memory.test.ts)
//   options: --engine PATH (engine build), --json (last line: `RESULT {...}` for a test to parse)
//
// Method:
//   1. Open a fresh temp directory with cacheBytes = --cache-mib; create
//      big (id int PRIMARY KEY, payload text, n int). Load rows 0, 1, 2, … in transactions of
//      2,000 rows (100-row parameterised INSERTs) until main.db holds --table-mib MiB. A payload
//      is 200–399 bytes cut from a fixed pseudo-random text at an id-determined offset, ending
//      in `#<id>`; n is a hash of the id.
//   2. Change it where a small cache hurts: delete one block of 1,000 ids in the middle, negate
//      n over a block of 5,000 ids, and set n on 1,000 scattered ids (one UPDATE each, so the
//      pages they touch are all over the file).
//   3. Close (checkpoint) and reopen: what follows reads from disk through the small cache.
//   4. Verify: every id in chunks of 10,000 (`id >= $1 AND id < $2 ORDER BY id`: count, order,
//      payload, n); a scan of the whole table on a non-key predicate (`n < 0`: exactly the
//      negated block); point lookups of scattered ids, deleted ids and ids past the end.
// Every loop is bounded: the load stops at --rows-max rows whatever the file size.
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { fileBytes } from './lib/directory-bytes.mjs'
import { hash32, insertStatement, scatteredId } from './lib/row-values.mjs'
import { makeTempDirectory, removeTempDirectory } from './lib/temp-directory.mjs'
import { defaultEnginePath } from './peers/bkg-db.mjs'

const { values: flags } = parseArgs({
  options: {
    'cache-mib': { type: 'string', default: '16' },
    'table-mib': { type: 'string', default: '300' },
    'rows-max': { type: 'string', default: '5000000' },
    lookups: { type: 'string', default: '20000' },
    engine: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const mebibyte = 1024 * 1024
const cacheBytes = Number(flags['cache-mib']) * mebibyte
const tableBytesTarget = Number(flags['table-mib']) * mebibyte
const rowsMax = Number(flags['rows-max'])
const batchRows = 100
const transactionRows = 2_000
const verifyChunkRows = 10_000

// ---- Expected contents: everything follows from the id and the count of rows loaded. ----

/** 64 KiB of pseudo-random letters; payloads are slices of it. */
const text = (() => {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '
  let out = ''
  for (let i = 0; i < 65_536; i++) out += letters[hash32(i + 0x9e3779b9) % letters.length]
  return out
})()

function payloadOf(id) {
  const length = 200 + (hash32(id) % 200)
  const start = hash32(id ^ 0x51ed270b) % (text.length - length)
  return `${text.slice(start, start + length)}#${id}`
}

function loadedN(id) {
  return hash32(id ^ 0x2545f491) % 1_000_000
}

/** The changes of step 2, as plain data, so `expectedRow` can apply them. */
function planChanges(rowCount) {
  const deleted = { start: Math.floor(rowCount / 2), end: Math.floor(rowCount / 2) + 1_000 }
  const negated = { start: Math.floor(rowCount / 4), end: Math.floor(rowCount / 4) + 5_000 }
  const scattered = new Map()
  for (let i = 0; i < 1_000; i++) {
    const id = scatteredId(i * 7 + 3, rowCount)
    const isUntouched =
      !(id >= deleted.start && id < deleted.end) && !(id >= negated.start && id < negated.end)
    if (isUntouched) scattered.set(id, 1_000_000 + i)
  }
  return { deleted, negated, scattered }
}

/** [payload, n] of row `id`, or undefined when it should not exist. */
function expectedRow(id, rowCount, changes) {
  if (id < 0 || id >= rowCount) return undefined
  if (id >= changes.deleted.start && id < changes.deleted.end) return undefined
  const isNegated = id >= changes.negated.start && id < changes.negated.end
  const n = changes.scattered.get(id) ?? (isNegated ? -loadedN(id) : loadedN(id))
  return [payloadOf(id), n]
}

// ---- Steps ----

async function load(session, dataFile) {
  const insert = insertStatement('big', batchRows, 3)
  let rows = 0
  while (rows < rowsMax && fileBytes(dataFile) < tableBytesTarget) {
    await session.run('BEGIN')
    for (let start = rows; start < rows + transactionRows; start += batchRows) {
      const params = []
      for (let id = start; id < start + batchRows; id++) params.push(id, payloadOf(id), loadedN(id))
      await session.run(insert, params)
    }
    await session.run('COMMIT')
    rows += transactionRows
    if (!flags.json && rows % 100_000 === 0) {
      console.error(
        `  loaded ${rows} rows, main.db ${(fileBytes(dataFile) / mebibyte).toFixed(0)} MiB`,
      )
    }
  }
  return rows
}

async function change(session, changes) {
  await session.run('DELETE FROM big WHERE id >= $1 AND id < $2', [
    changes.deleted.start,
    changes.deleted.end,
  ])
  await session.run('UPDATE big SET n = -n WHERE id >= $1 AND id < $2', [
    changes.negated.start,
    changes.negated.end,
  ])
  for (const [id, n] of changes.scattered) {
    await session.run('UPDATE big SET n = $2 WHERE id = $1', [id, n])
  }
}

/** Compares one returned row with the expectation; records a readable mismatch. */
function check(row, id, rowCount, changes, mismatches) {
  const expected = expectedRow(id, rowCount, changes)
  const actual = row === undefined ? undefined : [row[1], Number(row[2])]
  const isSame =
    expected === undefined
      ? actual === undefined
      : actual !== undefined && actual[0] === expected[0] && actual[1] === expected[1]
  if (!isSame && mismatches.length < 20) {
    mismatches.push(`id ${id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(row)}`)
  }
  return isSame
}

async function verifyChunks(session, rowCount, changes, mismatches) {
  let verified = 0
  for (let start = 0; start < rowCount; start += verifyChunkRows) {
    const end = Math.min(start + verifyChunkRows, rowCount)
    const rows = await session.run(
      'SELECT id, payload, n FROM big WHERE id >= $1 AND id < $2 ORDER BY id',
      [start, end],
    )
    let next = 0
    for (let id = start; id < end; id++) {
      const row = rows[next]
      const isThere = row !== undefined && Number(row[0]) === id
      if (check(isThere ? row : undefined, id, rowCount, changes, mismatches) && isThere) verified++
      if (isThere) next++
    }
    if (next !== rows.length && mismatches.length < 20) {
      mismatches.push(
        `ids ${start}..${end - 1}: ${rows.length - next} unexpected or unordered rows`,
      )
    }
  }
  return verified
}

async function verifyFullScan(session, changes, mismatches) {
  const rows = await session.run('SELECT id FROM big WHERE n < 0')
  const ids = rows.map((row) => Number(row[0])).sort((a, b) => a - b)
  const expectedCount = changes.negated.end - changes.negated.start
  const isExact =
    ids.length === expectedCount && ids.every((id, i) => id === changes.negated.start + i)
  if (!isExact) mismatches.push(`scan n < 0: ${ids.length} rows, expected ${expectedCount}`)
  return ids.length
}

async function verifyLookups(session, rowCount, changes, mismatches) {
  const lookups = Math.min(Number(flags.lookups), rowCount)
  const ids = []
  for (let i = 0; i < lookups; i++) ids.push(scatteredId(i, rowCount))
  for (let id = changes.deleted.start; id < changes.deleted.start + 10; id++) ids.push(id)
  ids.push(rowCount, rowCount + 1_000_000, -1)
  for (const id of ids) {
    const rows = await session.run('SELECT id, payload, n FROM big WHERE id = $1', [id])
    if (rows.length > 1) mismatches.push(`id ${id}: ${rows.length} rows`)
    check(rows[0], id, rowCount, changes, mismatches)
  }
  return ids.length
}

// ---- Driver ----

function memory() {
  return {
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    rssMiB: process.memoryUsage().rss / mebibyte,
    heapUsedMiB: process.memoryUsage().heapUsed / mebibyte,
  }
}

async function timed(label, timings, body) {
  const started = performance.now()
  const result = await body()
  timings[label] = (performance.now() - started) / 1000
  if (!flags.json) console.error(`${label}: ${timings[label].toFixed(1)} s`)
  return result
}

async function main() {
  const { openDatabase } = await import(pathToFileURL(flags.engine ?? defaultEnginePath).href)
  const directory = makeTempDirectory('large')
  const dataFile = join(directory, 'main.db')
  const timings = {}
  const mismatches = []
  const open = async () => {
    const db = await openDatabase({ path: directory, cacheBytes })
    const raw = db.createSession({ user: 'postgres' })
    const run = async (sql, params) => {
      const { results, error } = await raw.execute(sql, params)
      if (error) throw error
      return results[results.length - 1]?.rows ?? []
    }
    return { db, session: { run } }
  }
  try {
    const baseline = memory()
    let { db, session } = await open()
    await session.run('CREATE TABLE big (id int PRIMARY KEY, payload text, n int)')
    const rowCount = await timed('load', timings, () => load(session, dataFile))
    const changes = planChanges(rowCount)
    await timed('change', timings, () => change(session, changes))
    await timed('close', timings, () => db.close())
    const dataFileBytes = fileBytes(dataFile)
    ;({ db, session } = await timed('reopen', timings, open))
    const verifiedRows = await timed('verify-chunks', timings, () =>
      verifyChunks(session, rowCount, changes, mismatches),
    )
    const scannedRows = await timed('verify-scan', timings, () =>
      verifyFullScan(session, changes, mismatches),
    )
    const lookedUp = await timed('verify-lookups', timings, () =>
      verifyLookups(session, rowCount, changes, mismatches),
    )
    await db.close()
    const expectedRows = rowCount - (changes.deleted.end - changes.deleted.start)
    if (verifiedRows !== expectedRows) {
      mismatches.push(`verified ${verifiedRows} rows, expected ${expectedRows}`)
    }
    return {
      cacheMiB: cacheBytes / mebibyte,
      dataFileMiB: dataFileBytes / mebibyte,
      cacheMultiple: dataFileBytes / cacheBytes,
      rowsLoaded: rowCount,
      rowsVerified: verifiedRows,
      scannedRows,
      lookups: lookedUp,
      loadRowsPerSecond: rowCount / timings.load,
      lookupsPerSecond: lookedUp / timings['verify-lookups'],
      timingsSeconds: timings,
      memoryBaseline: baseline,
      memory: memory(),
      mismatches,
    }
  } finally {
    removeTempDirectory(directory)
  }
}

const result = await main()
if (flags.json) {
  console.log(`RESULT ${JSON.stringify(result)}`)
} else {
  const m = result.memory
  console.log(
    [
      `larger than memory: ${result.cacheMiB} MiB cache, ${result.dataFileMiB.toFixed(0)} MiB data file ` +
        `(${result.cacheMultiple.toFixed(1)}× the cache)`,
      `  loaded ${result.rowsLoaded} rows in ${result.timingsSeconds.load.toFixed(1)} s ` +
        `(${Math.round(result.loadRowsPerSecond)} rows/s); changes ${result.timingsSeconds.change.toFixed(1)} s; ` +
        `close ${result.timingsSeconds.close.toFixed(1)} s; reopen ${result.timingsSeconds.reopen.toFixed(1)} s`,
      `  verified ${result.rowsVerified} rows in chunks (${result.timingsSeconds['verify-chunks'].toFixed(1)} s), ` +
        `full scan n < 0 → ${result.scannedRows} rows (${result.timingsSeconds['verify-scan'].toFixed(1)} s), ` +
        `${result.lookups} point lookups (${Math.round(result.lookupsPerSecond)}/s)`,
      `  memory: peak RSS ${m.maxRssMiB.toFixed(0)} MiB (at start ${result.memoryBaseline.rssMiB.toFixed(0)} MiB), ` +
        `heap used at end ${m.heapUsedMiB.toFixed(0)} MiB`,
      result.mismatches.length === 0
        ? '  results correct'
        : `  MISMATCHES:\n    ${result.mismatches.join('\n    ')}`,
    ].join('\n'),
  )
}
process.exitCode = result.mismatches.length === 0 ? 0 : 1
