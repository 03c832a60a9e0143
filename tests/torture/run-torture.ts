/**
 * `npm run torture`: the full process-kill torture (tests/torture/torture.ts) with its settings
 * from the environment, a line per cycle, the totals at the end, exit code 0 only if nothing was
 * lost, torn or phantom.
 *
 *   SEED=n            replay a run (printed at start and end; default: a fresh seed)
 *   CYCLES=n          kill cycles (default 200)
 *   CLIENTS=n         synchronous-commit clients (default 6)
 *   ASYNC_CLIENTS=n   synchronous_commit = off clients (default 1)
 *   DISJOINT_ACCOUNTS=1  diagnostic: clients never write the same account row (tells a recovery
 *                     bug from a concurrency-control bug; not the standard run)
 *   TORTURE_CLI=path  the bkg-db.js to run (default: this checkout's build); point it at a copy
 *                     of the build so rebuilding the checkout mid-run does not swap the server
 *   TORTURE_KEEP=1    keep the data directory for inspection
 *   TORTURE_REPORT=f  also write the totals as JSON to file f
 */
import { writeFileSync } from 'node:fs'
import { repoPaths } from '../support/repo-paths.js'
import { freshSeed } from './prng.js'
import { cleanUpNow, runTorture } from './torture.js'
import { formatTotals, totalsOf } from './torture-summary.js'

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`)
  }
  return value
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

// A Ctrl+C must leave no server running and no temporary directory behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUpNow()
    process.exit(130)
  })
}
process.once('exit', cleanUpNow)

const seed = intFromEnv('SEED', freshSeed(), 0)
const report = await runTorture({
  seed,
  cli: process.env['TORTURE_CLI'] || repoPaths.cli,
  cycles: intFromEnv('CYCLES', 200, 1),
  clients: intFromEnv('CLIENTS', 6, 1),
  asyncClients: intFromEnv('ASYNC_CLIENTS', 1, 0),
  accounts: 12,
  loadMsMin: 200,
  loadMsMax: 1200,
  disjointAccounts: process.env['DISJOINT_ACCOUNTS'] === '1',
  recoveryKillChance: 0.1,
  smallCacheChance: 0.25,
  frequentCheckpointChance: 0.5,
  keepData: process.env['TORTURE_KEEP'] === '1',
  log: print,
})
const totals = totalsOf(report)
const replay = [
  process.env['CYCLES'] === undefined ? '' : `CYCLES=${process.env['CYCLES']} `,
  process.env['DISJOINT_ACCOUNTS'] === '1' ? 'DISJOINT_ACCOUNTS=1 ' : '',
  'npm run torture',
].join('')
print(formatTotals(totals, replay))
const reportPath = process.env['TORTURE_REPORT']
if (reportPath !== undefined && reportPath !== '') {
  writeFileSync(reportPath, `${JSON.stringify(totals, null, 2)}\n`)
}
process.exitCode = report.failure === undefined ? 0 : 1
