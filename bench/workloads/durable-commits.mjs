// Workload "commits": durable single-row commits per second with 1, 8 and 64 concurrent
// committers, on disk.
//
// Method, per peer and committer count, in a fresh database: table c (id int PRIMARY KEY,
// v text); each committer loops `INSERT INTO c VALUES ($1, $2)` as its own implicit
// transaction (autocommit, synchronous commit), with ids from its own range so committers never
// conflict, until the time budget is spent (or an iteration cap, so the loop is bounded). The
// figure is acknowledged commits ÷ wall time until the last committer stops. Afterwards every
// acknowledged row is checked to be present (and nothing else).
//
// What "concurrent" means per peer: bkg-db — N sessions of one database, whose commits can
// share an fsync (group commit); PostgreSQL — N client connections; better-sqlite3 — N loops
// taking turns on one synchronous connection, i.e. the same sequential stream of commits with
// one fsync each (SQLite has one writer at a time and cannot overlap fsyncs). PGlite is left
// out: it runs with fsync = off, so its commits are not durable.
import { performance } from 'node:perf_hooks'
import { describeFsync, probeFsync } from '../lib/fsync-probe.mjs'
import { withTempDirectory } from '../lib/temp-directory.mjs'

/** Ids of committer k are k * idStride + i. */
const idStride = 10_000_000
/** Upper bound on one committer's iterations, whatever the time budget. */
const commitsPerCommitterMax = 1_000_000

export const durableCommitsWorkload = {
  id: 'commits',
  title: 'On disk: durable single-row commits',
  peerIds: ['bkg-db', 'better-sqlite3', 'postgres'],
  describe: (options) =>
    `each committer loops INSERT of one row in its own transaction for ${options.commitSeconds} s; ` +
    `committers: ${options.committers.join(', ')}`,

  /** Context printed above the table: what the disk itself allows one writer. */
  async calibrate(options) {
    return describeFsync(await probeFsync(Math.min(2, options.commitSeconds)))
  },

  async run({ peer, options }) {
    const measurements = []
    for (const committers of options.committers) {
      measurements.push(
        await withTempDirectory(peer.id, (directory) =>
          measureCommitters(peer, directory, committers, options),
        ),
      )
    }
    return measurements
  },
}

async function measureCommitters(peer, directory, committers, options) {
  const handle = await peer.open({ directory, enginePath: options.enginePath })
  try {
    await handle.run('CREATE TABLE c (id int PRIMARY KEY, v text)')
    const sessions = []
    for (let k = 0; k < committers; k++) sessions.push(await handle.connect())
    const latenciesMs = []
    const deadline = performance.now() + options.commitSeconds * 1000
    const started = performance.now()
    const counts = await Promise.all(
      sessions.map((session, k) => commitLoop(session, k, deadline, latenciesMs)),
    )
    const seconds = (performance.now() - started) / 1000
    for (const session of sessions) await session.close()
    const total = counts.reduce((sum, count) => sum + count, 0)
    await verifyCommitted(handle, peer, counts)
    latenciesMs.sort((a, b) => a - b)
    const p50 = percentile(latenciesMs, 0.5)
    const p99 = percentile(latenciesMs, 0.99)
    return {
      key: `commits-${committers}`,
      label: `durable 1-row commits, ${committers} committer${committers === 1 ? '' : 's'}`,
      unit: 'commits/s',
      higherIsBetter: true,
      value: total / seconds,
      operations: total,
      seconds,
      note: `latency p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
      latencyMs: { p50, p99 },
    }
  } finally {
    await handle.close()
  }
}

/** One committer: commits until the deadline; returns how many were acknowledged. */
async function commitLoop(session, committer, deadline, latenciesMs) {
  let count = 0
  while (count < commitsPerCommitterMax) {
    const started = performance.now()
    if (started >= deadline) break
    await session.run('INSERT INTO c VALUES ($1, $2)', [
      committer * idStride + count,
      `committer ${committer} row ${count}`,
    ])
    latenciesMs.push(performance.now() - started)
    count++
  }
  return count
}

/** Every acknowledged row is there, and no other: per committer, ids k*stride .. +count-1. */
async function verifyCommitted(handle, peer, counts) {
  for (const [k, count] of counts.entries()) {
    const rows = await handle.run('SELECT id FROM c WHERE id >= $1 AND id < $2 ORDER BY id', [
      k * idStride,
      (k + 1) * idStride,
    ])
    const isExact =
      rows.length === count && rows.every((row, i) => Number(row[0]) === k * idStride + i)
    if (!isExact) {
      throw new Error(
        `${peer.label}: committer ${k} had ${count} commits acknowledged, found ${rows.length} rows`,
      )
    }
  }
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]
}
