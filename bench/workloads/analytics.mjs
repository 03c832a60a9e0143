// Workload "analytics": analytical queries over a million rows, every peer in memory
// (PostgreSQL: its usual server, a fresh schema). Tables, loaded with INSERT ... SELECT over a
// generated series (generate_series; a recursive CTE on SQLite), since loading is not what is
// measured here:
//   t (id int PRIMARY KEY, g int, v int)   N rows (default 1,000,000): g = id % 1,000 (1,000
//                                          groups), v = id * 2039 % N (a permutation of 0..N-1)
//   a (id int PRIMARY KEY, bid int, v int) N / 5 rows: bid = id * 7 % (N / 100), v = id % 1,000
//   b (id int PRIMARY KEY, w int)          N / 100 rows: w = id % 100
// then, each query `--analytics-queries` times after one untimed run:
//   group   SELECT g, count(*), sum(v), avg(v) FROM t GROUP BY g          (a hash aggregate)
//   join    SELECT count(*), sum(a.v + b.w) FROM a JOIN b ON a.bid = b.id  (200k × 10k: hash
//           join with b as the build side on PostgreSQL; SQLite probes b's primary key per row)
//   topk    SELECT * FROM t ORDER BY v DESC LIMIT 100                      (top-k, v unindexed)
// Every result is checked against values computed here.
import { rateMeasurement, startStopwatch } from '../lib/stopwatch.mjs'

const groupCount = 1000
const topCount = 100
const vMultiplier = 2039 // prime, coprime with 10^n: id * 2039 % N is a permutation

const queries = {
  group: 'SELECT g, count(*), sum(v), avg(v) FROM t GROUP BY g',
  join: 'SELECT count(*), sum(a.v + b.w) FROM a JOIN b ON a.bid = b.id',
  topk: `SELECT * FROM t ORDER BY v DESC LIMIT ${topCount}`,
}

export const analyticsWorkload = {
  id: 'analytics',
  title: 'Analytical queries: GROUP BY, hash join, top-k',
  peerIds: ['bkg-db', 'better-sqlite3', 'pglite', 'postgres'],
  describe: (options) =>
    `t: ${options.analyticsRows} rows (${groupCount} groups), a: ${options.analyticsRows / 5} rows, ` +
    `b: ${options.analyticsRows / 100} rows, in memory; each query ${options.analyticsQueries} ` +
    `times after one untimed run. group: \`${queries.group}\`; join: \`${queries.join}\`; ` +
    `topk: \`${queries.topk}\``,

  async run({ peer, options }) {
    const { analyticsRows: rowCount, analyticsQueries: repeat } = options
    if (rowCount % 1000 !== 0) throw new Error('--analytics-rows must be a multiple of 1000')
    const expected = expectedResults(rowCount)
    const handle = await peer.open({ enginePath: options.enginePath })
    try {
      await load(handle, peer, rowCount)
      const measure = async (key, label, check) => {
        check(await handle.run(queries[key]))
        const stopwatch = startStopwatch()
        for (let i = 0; i < repeat; i++) check(await handle.run(queries[key]))
        return rateMeasurement({
          key,
          label,
          unit: 'queries/s',
          operations: repeat,
          time: stopwatch.stop(),
          peer,
        })
      }
      return [
        await measure('group', `GROUP BY, ${groupCount} groups`, (rows) =>
          checkGroups(peer, rows, expected),
        ),
        await measure('join', `hash join ${rowCount / 5} × ${rowCount / 100}`, (rows) =>
          checkJoin(peer, rows, expected),
        ),
        await measure('topk', `ORDER BY v DESC LIMIT ${topCount}`, (rows) =>
          checkTop(peer, rows, rowCount),
        ),
      ]
    } finally {
      await handle.close()
    }
  },
}

/** A FROM item of the integers 0..count-1 as column i. */
function series(peer, count) {
  if (peer.id === 'better-sqlite3') {
    return `(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${count - 1}) SELECT i FROM s) AS s`
  }
  return `generate_series(0, ${count - 1}) AS s(i)`
}

async function load(handle, peer, rowCount) {
  const aRows = rowCount / 5
  const bRows = rowCount / 100
  await handle.run('CREATE TABLE t (id int PRIMARY KEY, g int, v int)')
  await handle.run('CREATE TABLE a (id int PRIMARY KEY, bid int, v int)')
  await handle.run('CREATE TABLE b (id int PRIMARY KEY, w int)')
  await handle.run(
    `INSERT INTO t SELECT i, i % ${groupCount}, i * ${vMultiplier} % ${rowCount} FROM ${series(peer, rowCount)}`,
  )
  await handle.run(`INSERT INTO a SELECT i, i * 7 % ${bRows}, i % 1000 FROM ${series(peer, aRows)}`)
  await handle.run(`INSERT INTO b SELECT i, i % 100 FROM ${series(peer, bRows)}`)
  // Planner statistics, as a database in use would have them (PostgreSQL's autovacuum would
  // analyze by itself, later).
  await handle.run(peer.id === 'bkg-db' ? 'SELECT 1' : 'ANALYZE')
}

/** Per group g: count and sum of v; the join's count and sum. */
function expectedResults(rowCount) {
  const sums = new Array(groupCount).fill(0)
  for (let id = 0; id < rowCount; id++) sums[id % groupCount] += (id * vMultiplier) % rowCount
  const bRows = rowCount / 100
  let joinSum = 0
  for (let id = 0; id < rowCount / 5; id++) joinSum += (id % 1000) + (((id * 7) % bRows) % 100)
  return { sums, groupRows: rowCount / groupCount, joinCount: rowCount / 5, joinSum }
}

function fail(peer, what) {
  throw new Error(`${peer.label}: ${what}`)
}

function checkGroups(peer, rows, expected) {
  if (rows.length !== groupCount) fail(peer, `expected ${groupCount} groups, got ${rows.length}`)
  const seen = new Set()
  for (const [g, count, sum, avg] of rows) {
    const group = Number(g)
    const want = expected.sums[group]
    if (want === undefined || seen.has(group)) fail(peer, `unexpected group ${g}`)
    seen.add(group)
    if (Number(count) !== expected.groupRows) fail(peer, `group ${g}: count ${count}`)
    if (Number(sum) !== want) fail(peer, `group ${g}: sum ${sum}, expected ${want}`)
    const wantAvg = want / expected.groupRows
    if (Math.abs(Number(avg) - wantAvg) > 1e-9 * wantAvg) fail(peer, `group ${g}: avg ${avg}`)
  }
}

function checkJoin(peer, rows, expected) {
  const [count, sum] = rows[0] ?? []
  if (Number(count) !== expected.joinCount || Number(sum) !== expected.joinSum) {
    fail(peer, `join: ${count}, ${sum}; expected ${expected.joinCount}, ${expected.joinSum}`)
  }
}

function checkTop(peer, rows, rowCount) {
  if (rows.length !== topCount) fail(peer, `top-k: ${rows.length} rows`)
  rows.forEach(([id, g, v], i) => {
    const want = rowCount - 1 - i
    const idNumber = Number(id)
    if (
      Number(v) !== want ||
      (idNumber * vMultiplier) % rowCount !== want ||
      Number(g) !== idNumber % groupCount
    ) {
      fail(peer, `top-k row ${i}: (${id}, ${g}, ${v}), expected v = ${want}`)
    }
  })
}
