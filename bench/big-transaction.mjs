#!/usr/bin/env node
// One large transaction: memory while it runs, and recovery after a crash right after (or
// before) its COMMIT. Each phase runs in its own child process so that peak RSS is its own.
//
//   node bench/big-transaction.mjs --rows 300000            load, commit, SIGKILL, recover
//   options: --rows N (default 300,000), --crash after-commit|before-commit (default after),
//            --engine PATH (engine build, e.g. a frozen copy to compare against), --json
//
// Method:
//   1. load (child): open a fresh directory (timed checkpoints off; the WAL-size trigger stays),
//      create t (id int PRIMARY KEY, name text, amount int, active bool), BEGIN, insert rows
//      0..N-1 with 100-row parameterised INSERTs, sampling RSS every 10,000 rows; report RSS,
//      heap and the time just before COMMIT; COMMIT (or not, with --crash before-commit);
//      report the WAL left in the directory; SIGKILL itself (no close, no checkpoint).
//   2. recover (child): open the directory (recovery), time it and one query, then check the
//      outcome: every row present after a committed crash (count and last id), none after an
//      uncommitted one (counted in chunks of ids); report peak RSS (getrusage maxrss) of the
//      process after the first query, before the count.
// Times are wall clock and CPU (user + system) of the child; on a shared machine CPU is the
// steadier figure. The load's CPU includes starting the engine (about 0.5 s).
import { spawn } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { directoryBytes } from './lib/directory-bytes.mjs'
import { benchRow, benchTableSql, insertStatement } from './lib/row-values.mjs'
import { makeTempDirectory, removeTempDirectory } from './lib/temp-directory.mjs'

const { values: flags } = parseArgs({
  options: {
    rows: { type: 'string', default: '300000' },
    crash: { type: 'string', default: 'after-commit' },
    engine: { type: 'string' },
    phase: { type: 'string' },
    directory: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})
const defaultEngine = fileURLToPath(new URL('../packages/engine/dist/index.js', import.meta.url))
const enginePath = flags.engine ?? defaultEngine
const rows = Number(flags.rows)
const batchRows = 100
const mebibyte = 1024 * 1024
const mib = (bytes) => Number((bytes / mebibyte).toFixed(1))

async function open(directory) {
  const { openDatabase } = await import(pathToFileURL(enginePath).href)
  const db = await openDatabase({ path: directory, checkpointIntervalMs: 0 })
  const session = db.createSession({ user: 'postgres' })
  const run = async (sql, params) => {
    const { results, error } = await session.execute(sql, params)
    if (error) throw error
    return results[results.length - 1]?.rows ?? []
  }
  return { db, run }
}

function report(fields) {
  process.stdout.write(`REPORT ${JSON.stringify(fields)}\n`)
}

async function loadPhase(directory) {
  const { run } = await open(directory)
  await run(benchTableSql)
  const insert = insertStatement('t', batchRows)
  let rssMax = 0
  const started = performance.now()
  await run('BEGIN')
  for (let first = 0; first < rows; first += batchRows) {
    const params = []
    for (let id = first; id < Math.min(rows, first + batchRows); id++) params.push(...benchRow(id))
    await run(
      params.length === batchRows * 4 ? insert : insertStatement('t', params.length / 4),
      params,
    )
    if ((first / batchRows) % 100 === 0) rssMax = Math.max(rssMax, process.memoryUsage().rss)
  }
  const loadSeconds = (performance.now() - started) / 1000
  const loadCpu = process.cpuUsage()
  const memory = process.memoryUsage()
  rssMax = Math.max(rssMax, memory.rss)
  report({
    rows,
    loadSeconds: Number(loadSeconds.toFixed(1)),
    loadCpuSeconds: Number(((loadCpu.user + loadCpu.system) / 1e6).toFixed(1)),
    rowsPerSecond: Math.round(rows / loadSeconds),
    rssBeforeCommitMib: mib(memory.rss),
    heapBeforeCommitMib: mib(memory.heapUsed),
    rssMaxDuringLoadMib: mib(rssMax),
    walBeforeCommitMib: mib(directoryBytes(`${directory}/wal`)),
  })
  if (flags.crash !== 'before-commit') {
    const commitStarted = performance.now()
    await run('COMMIT')
    report({ commitSeconds: Number(((performance.now() - commitStarted) / 1000).toFixed(2)) })
  }
  report({
    walLeftMib: mib(directoryBytes(`${directory}/wal`)),
    peakRssLoadMib: mib(process.resourceUsage().maxRSS * 1024),
  })
  process.kill(process.pid, 'SIGKILL')
}

async function recoverPhase(directory) {
  const started = performance.now()
  const { db, run } = await open(directory)
  const last = await run('SELECT id FROM t WHERE id = $1', [rows - 1])
  const recoverySeconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage()
  const peakRss = process.resourceUsage().maxRSS * 1024
  // No count() yet: count in chunks of ids, so no result holds the whole table.
  let count = 0
  for (let first = 0; first < rows; first += 50_000) {
    const chunk = await run('SELECT id FROM t WHERE id >= $1 AND id < $2', [first, first + 50_000])
    count += chunk.length
  }
  const expected = flags.crash === 'before-commit' ? 0 : rows
  report({
    recoverySeconds: Number(recoverySeconds.toFixed(2)),
    recoveryCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    peakRssRecoveryMib: mib(peakRss),
    rowsAfterRecovery: count,
    isOutcomeRight: count === expected && last.length === (expected === 0 ? 0 : 1),
  })
  await db.close()
}

function runChild(phase, directory) {
  const args = [fileURLToPath(import.meta.url), '--phase', phase, '--directory', directory]
  args.push('--rows', String(rows), '--crash', flags.crash, '--engine', enginePath)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
    child.once('error', reject)
    child.once('close', (code, signal) => {
      const fields = {}
      for (const match of stdout.matchAll(/^REPORT (.*)$/gm))
        Object.assign(fields, JSON.parse(match[1]))
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`${phase} ended with ${code}`))
      else resolve(fields)
    })
  })
}

if (flags.phase === 'load') await loadPhase(flags.directory)
else if (flags.phase === 'recover') await recoverPhase(flags.directory)
else {
  const directory = makeTempDirectory('big-transaction')
  try {
    const load = await runChild('load', directory)
    const recovery = await runChild('recover', directory)
    const result = { engine: enginePath, crash: flags.crash, ...load, ...recovery }
    if (flags.json) process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
    else
      for (const [key, value] of Object.entries(result)) process.stdout.write(`${key}: ${value}\n`)
  } finally {
    removeTempDirectory(directory)
  }
}
