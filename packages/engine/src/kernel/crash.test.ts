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

// Every N in a range: the nth write or fsync fails with EIO or ENOSPC, then power is lost.
const faultRange = Number(process.env['CRASH_FAULT_RANGE'] ?? '12')
for (const operation of ['write', 'sync'] as const) {
  for (const code of ['EIO', 'ENOSPC'] as const) {
    test(`the nth ${operation} failing with ${code}, for n = 1..${faultRange}, loses no acknowledged commit`, async () => {
      for (let nth = 1; nth <= faultRange; nth++) {
        await runCrashScenario({
          seed: 7000 + nth,
          clients: 2,
          commits: 40,
          withFsyncFault: false,
          fault: { operation, nth, code },
        })
      }
    })
  }
}

// Long transactions beside the small ones: the log is written out before commit (4 KiB pending
// bound) across 32 KiB segments, and checkpoints cut while a long transaction runs; a crash in
// the middle of one must leave none of it, a crash after its commit all of it.
const longSeeds = fixedSeed !== undefined ? [Number(fixedSeed)] : seeds.slice(0, 8)
for (const seed of longSeeds) {
  test(`crash during long transactions that spill the log keeps every acknowledged commit (seed ${seed})`, async () => {
    await runCrashScenario({
      seed,
      clients: 2,
      commits: 90,
      withFsyncFault: false,
      longTransactions: true,
      walPendingBytesMax: 4096,
      walSegmentBytes: 32 * 1024,
    })
  })
  test(`a failed fsync during long transactions loses no acknowledged commit (seed ${seed})`, async () => {
    await runCrashScenario({
      seed,
      clients: 2,
      commits: 60,
      withFsyncFault: true,
      longTransactions: true,
      walPendingBytesMax: 4096,
      walSegmentBytes: 32 * 1024,
    })
  })
}
for (const operation of ['write', 'sync'] as const) {
  test(`the nth ${operation} failing during long transactions, for n = 1..${faultRange}, loses no acknowledged commit`, async () => {
    for (let nth = 1; nth <= faultRange; nth++) {
      await runCrashScenario({
        seed: 8000 + nth,
        clients: 1,
        commits: 30,
        withFsyncFault: false,
        fault: { operation, nth: nth * 3, code: 'EIO' },
        longTransactions: true,
        walPendingBytesMax: 4096,
        walSegmentBytes: 32 * 1024,
      })
    }
  })
}
