// Simulated-disk crash tests of the kernel (issue #3): seeded workloads lose power at a seeded
// moment (torn writes, lost unsynced data), optionally after a failed fsync, then recover; every
// acknowledged commit must be there and no commit may be half applied. Seeds print on failure;
// replay one with SEED=<n>; run more with CRASH_SEEDS=<count>.
import { test } from 'node:test'
import { runCrashScenario } from './testing/crash-workload.js'

const fixedSeed = process.env['SEED']
const seedCount = Number(process.env['CRASH_SEEDS'] ?? '12')
const seeds =
  fixedSeed !== undefined
    ? [Number(fixedSeed)]
    : Array.from({ length: seedCount }, (_, i) => 1000 + i)

for (const seed of seeds) {
  test(`crash recovery keeps every acknowledged commit (seed ${seed})`, async () => {
    await runCrashScenario({ seed, clients: 4, commits: 120, withFsyncFault: false })
  })
  test(`crash after a failed fsync keeps every acknowledged commit (seed ${seed})`, async () => {
    await runCrashScenario({ seed, clients: 3, commits: 80, withFsyncFault: true })
  })
}
