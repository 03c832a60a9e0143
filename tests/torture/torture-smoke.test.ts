// A short process-kill torture for `npm test` (the full run is `npm run torture`): the built
// server is SIGKILLed under concurrent clients a few times and must recover every acknowledged
// commit with no torn or phantom transaction. Two runs: the standard workload, where clients
// contend for the same account rows, and the disjoint one, where they never do, so a failure
// says whether concurrency control or recovery is at fault. Seeds print; replay both with
// `SEED=<n> npm run test:torture-smoke`.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { repoPaths } from '../support/repo-paths.js'
import { freshSeed } from './prng.js'
import { cleanUpNow, describeViolations, runTorture } from './torture.js'
import { formatTotals, totalsOf } from './torture-summary.js'

const smokeCycles = 3

async function smoke(disjointAccounts: boolean): Promise<void> {
  const seed = process.env['SEED'] === undefined ? freshSeed() : Number(process.env['SEED'])
  const lines: string[] = []
  const report = await runTorture({
    seed,
    cli: repoPaths.cli,
    cycles: smokeCycles,
    clients: 4,
    asyncClients: 1,
    // Contention on few accounts finds concurrency bugs within a few cycles; disjoint mode
    // needs two accounts per client.
    accounts: disjointAccounts ? 8 : 4,
    disjointAccounts,
    loadMsMin: 200,
    loadMsMax: 700,
    recoveryKillChance: 0.3,
    smallCacheChance: 0.3,
    frequentCheckpointChance: 0.5,
    keepData: false,
    log: (line) => lines.push(line),
  })
  const replay = 'npm run test:torture-smoke'
  const summary = `${lines.join('\n')}\n${formatTotals(totalsOf(report), replay)}`
  assert.equal(report.failure, undefined, summary)
  assert.equal(report.cycles.length, smokeCycles, summary)
  for (const cycle of report.cycles) {
    assert.equal(describeViolations(cycle.check), undefined, summary)
  }
}

describe('process-kill torture (smoke)', () => {
  // runTorture cleans up after itself; this covers a test cancelled half way by the runner.
  after(cleanUpNow)

  it('keeps every acknowledged commit with clients contending for the same rows', async () => {
    await smoke(false)
  })

  it('keeps every acknowledged commit with clients writing disjoint rows', async () => {
    await smoke(true)
  })
})
