#!/usr/bin/env node
// bkg-db benchmark harness: runs workloads (bench/workloads/) on bkg-db's embedded engine and on
// its peers (bench/peers/: better-sqlite3, PGlite, PostgreSQL 15 at 127.0.0.1:5432) in the same
// run, prints one table per workload — operations per second (or bytes per row) per peer, with
// each peer's ratio to bkg-db — and writes everything to bench/results/latest.json.
//
// Ratio: peer time ÷ bkg-db time for the same work (for sizes: peer bytes ÷ bkg-db bytes), so
// above 1 means bkg-db is better, below 1 that the peer is. A peer that fails (PostgreSQL not
// running, say) is reported as such and the run goes on.
//
// Usage: npm run bench [-- options]      (figures and method: docs/performance.md)
//   --workloads memory,load,commits,recovery,index,analytics,prepared,pgbench   which workloads (default: all)
//   --peers bkg-db,better-sqlite3,pglite,postgres   which peers (default: all; bkg-db is
//                                   always included, ratios need it)
//   --rows N            in-memory workload rows (20000)
//   --load-rows N       on-disk bulk load rows (200000)      --batch-rows N  rows per INSERT (100)
//   --lookups N         point lookups per pass (20000)
//   --index-rows N      rows of the secondary index workload (1000000)
//   --index-queries N   its range counts (2000)
//   --analytics-rows N  rows of the analytics workload's big table (1000000)
//   --analytics-queries N  timed runs of each analytical query (5)
//   --prepared-rows N   rows of the prepared point select workload (1000000)
//   --prepared-queries N  its point selects (100000)
//   --committers 1,8,64 concurrent committers                --commit-seconds S  per level (3)
//   --recovery-mib 8,48,96  MiB of WAL written before the crash (bkg-db checkpoints at 64)
//   --pgbench-scale N   pgbench -i scale (10)    --pgbench-clients N  (8)
//   --pgbench-settle S  unmeasured select-only run after -i (30)
//   --pgbench-seconds S per pgbench run (20)     --pgbench-latency-queries N  point selects timed (20000)
//   --repeat N          rounds per workload, peers taking turns; the median is shown (1)
//   --engine PATH       the engine build to measure (default packages/engine/dist/index.js)
//   --engine-label L    how to name that build in the output (a commit, say)
//   --out PATH          results file (default bench/results/latest.json)
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { peers } from './peers/index.mjs'
import { workloads } from './workloads/index.mjs'

const { values: flags } = parseArgs({
  options: {
    workloads: { type: 'string' },
    peers: { type: 'string' },
    only: { type: 'string' }, // the first harness's flag: peer names, comma-separated
    rows: { type: 'string', default: '20000' },
    'load-rows': { type: 'string', default: '200000' },
    'batch-rows': { type: 'string', default: '100' },
    lookups: { type: 'string', default: '20000' },
    'index-rows': { type: 'string', default: '1000000' },
    'index-queries': { type: 'string', default: '2000' },
    'analytics-rows': { type: 'string', default: '1000000' },
    'analytics-queries': { type: 'string', default: '5' },
    'prepared-rows': { type: 'string', default: '1000000' },
    'prepared-queries': { type: 'string', default: '100000' },
    committers: { type: 'string', default: '1,8,64' },
    'commit-seconds': { type: 'string', default: '3' },
    'recovery-mib': { type: 'string', default: '8,48,96' },
    'pgbench-scale': { type: 'string', default: '10' },
    'pgbench-clients': { type: 'string', default: '8' },
    'pgbench-seconds': { type: 'string', default: '20' },
    'pgbench-settle': { type: 'string', default: '30' },
    'pgbench-latency-queries': { type: 'string', default: '20000' },
    repeat: { type: 'string', default: '1' },
    engine: { type: 'string' },
    'engine-label': { type: 'string' },
    out: { type: 'string' },
  },
})

const numberList = (text) => text.split(',').map(Number)
const options = {
  rows: Number(flags.rows),
  pointSelects: 10_000,
  rangeQueries: 2_000,
  loadRows: Number(flags['load-rows']),
  batchRows: Number(flags['batch-rows']),
  lookups: Number(flags.lookups),
  indexRows: Number(flags['index-rows']),
  indexQueries: Number(flags['index-queries']),
  analyticsRows: Number(flags['analytics-rows']),
  analyticsQueries: Number(flags['analytics-queries']),
  preparedRows: Number(flags['prepared-rows']),
  preparedQueries: Number(flags['prepared-queries']),
  committers: numberList(flags.committers),
  commitSeconds: Number(flags['commit-seconds']),
  recoveryMib: numberList(flags['recovery-mib']),
  pgbenchScale: Number(flags['pgbench-scale']),
  pgbenchClients: Number(flags['pgbench-clients']),
  pgbenchSeconds: Number(flags['pgbench-seconds']),
  pgbenchSettle: Number(flags['pgbench-settle']),
  pgbenchLatencyQueries: Number(flags['pgbench-latency-queries']),
  repeat: Number(flags.repeat),
  enginePath: flags.engine === undefined ? undefined : resolve(flags.engine),
}
for (const [name, value] of Object.entries(options)) {
  const values = Array.isArray(value) ? value : [value]
  if (values.some((v) => typeof v === 'number' && !(v > 0)))
    throw new Error(`bad value for ${name}: ${value}`)
}

const selectedWorkloads = select(workloads, flags.workloads, 'workload')
const peerFilter = flags.peers ?? flags.only
const selectedPeers = peers.filter(
  (peer) =>
    peer.id === 'bkg-db' ||
    peerFilter === undefined ||
    peerFilter.split(',').some((name) => peer.id.includes(name) || peer.label.includes(name)),
)

function select(all, list, what) {
  if (list === undefined) return all
  const ids = list.split(',')
  for (const id of ids) {
    if (!all.some((item) => item.id === id)) throw new Error(`unknown ${what} ${id}`)
  }
  return all.filter((item) => ids.includes(item.id))
}

/**
 * Runs one workload on each selected peer, `repeat` rounds, the peers taking turns within each
 * round (so a slow spell of a shared machine hits every peer alike). Each measurement's value is
 * the median of its rounds; all samples are kept. A peer that throws is reported as failed.
 */
async function runWorkload(workload) {
  const byPeer = selectedPeers
    .filter((peer) => workload.peerIds.includes(peer.id))
    .map((peer) => ({ peer, rounds: [] }))
  for (let round = 1; round <= options.repeat; round++) {
    for (const entry of byPeer.filter((e) => e.error === undefined)) {
      console.error(`${workload.id}: ${entry.peer.label} (round ${round}/${options.repeat}) ...`)
      try {
        entry.rounds.push(await workload.run({ peer: entry.peer, options }))
      } catch (error) {
        console.error(`${workload.id}: ${entry.peer.label} failed: ${error?.stack ?? error}`)
        entry.error = String(error?.message ?? error)
      }
    }
  }
  return byPeer.map(({ peer, rounds, error }) =>
    error === undefined ? { peer, measurements: medianOfRounds(rounds) } : { peer, error },
  )
}

/** Per measurement key: the round whose value is the median (its note and timings with it);
 * a key that failed in any round is reported as that failure. */
function medianOfRounds(rounds) {
  return (rounds[0] ?? []).map((first) => {
    const samples = rounds.map((round) => round.find((m) => m.key === first.key))
    const failed = samples.find((m) => m.error !== undefined)
    if (failed !== undefined) return { ...failed, samples: samples.map((m) => m.value) }
    const sorted = [...samples].sort((a, b) => a.value - b.value)
    const median = sorted[Math.floor((sorted.length - 1) / 2)]
    return { ...median, samples: samples.map((m) => m.value) }
  })
}

/** Peer ÷ bkg-db, oriented so that above 1 means bkg-db is better. */
function ratio(measurement, base) {
  if (base === undefined || measurement === undefined) return undefined
  return measurement.higherIsBetter
    ? base.value / measurement.value
    : measurement.value / base.value
}

function formatValue(measurement) {
  if (measurement.unit === 'MiB/s') return measurement.value.toFixed(1)
  // Slow rates (a few analytical queries per second) keep two significant decimals.
  if (measurement.value < 10) return measurement.value.toFixed(2)
  return Math.round(measurement.value).toLocaleString('en-US')
}

/** Prints rows as a markdown table; the first column left-aligned, the others right-aligned. */
function printTable(header, lines) {
  const widths = header.map((_, i) => Math.max(...[header, ...lines].map((row) => row[i].length)))
  const format = (row) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`
  console.log(format(header))
  console.log(
    `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  )
  for (const line of lines) console.log(format(line))
}

/**
 * One table row per measurement key, a cell per peer: `cell(measurement, baseMeasurement)`
 * formats a peer's measurement; bkg-db's own cell has no ratio. Keys for which `isShown` is
 * false for every peer are skipped.
 */
function tableLines(byPeer, cell, isShown = () => true) {
  const base = byPeer.find((entry) => entry.peer.id === 'bkg-db')
  const all = byPeer.flatMap((entry) => entry.measurements ?? [])
  const keys = [...new Set(all.filter(isShown).map((m) => m.key))]
  return keys.map((key) => {
    const first = all.find((m) => m.key === key)
    const baseMeasurement = base?.measurements?.find((m) => m.key === key)
    const cells = byPeer.map((entry) => {
      if (entry.error !== undefined) return 'failed'
      const measurement = entry.measurements.find((m) => m.key === key)
      if (measurement === undefined || !isShown(measurement)) return '—'
      return cell(measurement, entry === base ? undefined : baseMeasurement)
    })
    return [first, cells]
  })
}

/** One markdown table per workload (a row per measurement, a column per peer), then CPU time
 * per operation for the in-process peers, notes, and the spread of repeated rounds. */
function printWorkload(workload, context, byPeer) {
  console.log(`\n### ${workload.title}\n\n${workload.describe(options)}\n`)
  if (context !== undefined) console.log(`${context}\n`)
  const header = ['measurement', ...byPeer.map((entry) => entry.peer.label)]
  const valueCell = (m, base) => {
    if (m.error !== undefined) return 'FAILED'
    if (base === undefined) return formatValue(m)
    return `${formatValue(m)} (${base.error === undefined ? ratio(m, base).toFixed(2) : '?'})`
  }
  printTable(
    header,
    tableLines(byPeer, valueCell).map(([first, cells]) => [
      `${first.label} (${first.unit})`,
      ...cells,
    ]),
  )
  const hasCpu = (m) => m.cpuMicrosPerOperation !== undefined
  const cpuLines = tableLines(
    byPeer,
    (m, base) => {
      const micros = m.cpuMicrosPerOperation.toFixed(1)
      if (base?.cpuMicrosPerOperation === undefined) return micros
      return `${micros} (${(m.cpuMicrosPerOperation / base.cpuMicrosPerOperation).toFixed(2)})`
    },
    hasCpu,
  )
  if (cpuLines.length > 0) {
    console.log(
      '\nCPU time of this process per operation, µs (ratio: peer ÷ bkg-db), in-process peers:\n',
    )
    printTable(
      header,
      cpuLines.map(([first, cells]) => [first.label, ...cells]),
    )
  }
  const notes = byPeer.flatMap((entry) =>
    (entry.measurements ?? [])
      .filter((m) => m.note !== undefined || m.error !== undefined)
      .map((m) => `  ${entry.peer.label}, ${m.label}: ${m.error ?? m.note}`),
  )
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`)
  if (options.repeat > 1) {
    for (const entry of byPeer.filter((e) => e.error === undefined)) {
      const spreads = entry.measurements
        .filter((m) => m.error === undefined)
        .map((m) => {
          const spread = (Math.max(...m.samples) - Math.min(...m.samples)) / m.value
          return `${m.key} ${(100 * spread).toFixed(0)}%`
        })
      console.log(
        `  ${entry.peer.label}, spread of ${options.repeat} rounds ((max − min) ÷ median): ${spreads.join(', ')}`,
      )
    }
  }
  for (const entry of byPeer.filter((e) => e.error !== undefined)) {
    console.log(`  ${entry.peer.label} failed: ${entry.error}`)
  }
}

/** Which engine build was measured: the workspace build at a commit (and whether its sources
 * were edited since), or a build given by --engine, named by --engine-label. */
function engineIdentity() {
  if (options.enginePath !== undefined) {
    return { path: options.enginePath, label: flags['engine-label'] ?? 'custom build' }
  }
  const root = fileURLToPath(new URL('..', import.meta.url))
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  const path = 'packages/engine/dist/index.js'
  try {
    const isEdited = git('status', '--porcelain', 'packages/engine').length > 0
    return { path, label: `${git('rev-parse', '--short', 'HEAD')}${isEdited ? ' + edits' : ''}` }
  } catch (error) {
    return { path, label: `unknown (${error.message})` }
  }
}

const startedAt = new Date().toISOString()
const results = []
for (const workload of selectedWorkloads) {
  const context = await workload.calibrate?.(options)
  results.push({ workload, context, byPeer: await runWorkload(workload) })
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB`
const engine = engineIdentity()
console.log(`\nbkg-db benchmark, ${startedAt}, node ${process.version}, ${machine}`)
console.log(`engine: ${engine.path} (${engine.label})`)
console.log('Cells: value (peer time ÷ bkg-db time; for sizes peer bytes ÷ bkg-db bytes).')
console.log('Above 1: bkg-db is better. Peers: see bench/peers/*.mjs for each one’s durability.')
for (const { workload, context, byPeer } of results) printWorkload(workload, context, byPeer)

const out =
  flags.out === undefined ? new URL('./results/latest.json', import.meta.url) : resolve(flags.out)
mkdirSync(dirname(out instanceof URL ? fileURLToPath(out) : out), { recursive: true })
const json = {
  at: startedAt,
  node: process.version,
  machine,
  engine,
  options,
  workloads: results.map(({ workload, context, byPeer }) => ({
    id: workload.id,
    title: workload.title,
    method: workload.describe(options),
    ...(context === undefined ? {} : { context }),
    peers: byPeer.map((entry) => ({
      id: entry.peer.id,
      durability: entry.peer.durability,
      ...(entry.error === undefined ? {} : { error: entry.error }),
      measurements: (entry.measurements ?? []).map((m) => ({
        ...m,
        ratio: ratio(
          m,
          byPeer.find((e) => e.peer.id === 'bkg-db')?.measurements?.find((b) => b.key === m.key),
        ),
      })),
    })),
  })),
}
writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`)
console.error(`\nwrote ${out instanceof URL ? fileURLToPath(out) : out}`)
// A wrong result (lost or phantom rows) is a failure of the run, not just a slow figure.
const failures = results.flatMap(({ byPeer }) =>
  byPeer.flatMap((entry) => [
    ...(entry.error === undefined ? [] : [entry.error]),
    ...(entry.measurements ?? []).filter((m) => m.error !== undefined).map((m) => m.error),
  ]),
)
if (failures.length > 0) {
  console.error(`${failures.length} failure(s): see FAILED above`)
  process.exitCode = 1
}
