/**
 * A seeded crash workload for the kernel: concurrent clients commit small transactions on a
 * SimulatedVfs, the disk loses power (or fails an fsync) at a seeded moment, the kernel is
 * reopened on the same disk, and the recovered data is checked against what was acknowledged.
 *
 * Each client owns its keys, so its transactions never conflict and at most one of its commits
 * is in flight when the power goes. The check: for every client, the recovered keys equal its
 * acknowledged state, or that state plus its one in-flight transaction applied whole (a commit
 * may become durable without being acknowledged, but never half of one).
 */
import { assert } from '../../lib/assert.js'
import { Random } from '../../lib/random.js'
import { DurableKernel } from '../durable-kernel.js'
import { SimulatedVfs } from '../vfs/index.js'

export interface CrashRunOptions {
  readonly seed: number
  readonly clients: number
  /** Commits attempted before the crash, across all clients (the crash lands in this window). */
  readonly commits: number
  /** Also fail one fsync at a seeded point before the crash. */
  readonly withFsyncFault: boolean
  /** Fail exactly this call (the nth write or fsync from the start of the workload). */
  readonly fault?: {
    readonly operation: 'write' | 'sync'
    readonly nth: number
    readonly code: 'EIO' | 'ENOSPC'
  }
}

export interface CrashRunReport {
  readonly acknowledged: number
  readonly inFlightApplied: number
  readonly inFlightLost: number
}

type KeyState = Map<string, string>

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function clientKey(client: number, index: number): Uint8Array {
  // Prefix-free keys: a fixed-width client and index.
  return encoder.encode(
    `c${client.toString().padStart(3, '0')}k${index.toString().padStart(4, '0')}`,
  )
}

interface Change {
  readonly key: string
  readonly value: string | undefined
}

export async function runCrashScenario(options: CrashRunOptions): Promise<CrashRunReport> {
  const random = new Random(options.seed)
  const vfs = new SimulatedVfs({ seed: options.seed })
  const open = () =>
    DurableKernel.open({
      vfs,
      cacheBytes: 256 * 1024,
      checkpointIntervalMs: 0,
      checkpointWalBytes: 64 * 1024,
    })
  const kernel = await open()
  const acknowledged: KeyState[] = Array.from({ length: options.clients }, () => new Map())
  const inFlight: (Change[] | undefined)[] = Array.from(
    { length: options.clients },
    () => undefined,
  )
  const crashAt = random.nextInt(options.commits) + 1
  if (options.withFsyncFault)
    vfs.failAt({ operation: 'sync', nth: random.nextInt(crashAt) + 1, code: 'EIO' })
  let started = 0
  let isCrashed = false
  let acknowledgedCount = 0
  const client = async (id: number, stream: Random): Promise<void> => {
    while (!isCrashed && started < options.commits) {
      started++
      if (started === crashAt) {
        vfs.crash()
        isCrashed = true
        return
      }
      const changes: Change[] = []
      const transaction = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
      try {
        transaction.beginStatement()
        const writes = 1 + stream.nextInt(4)
        for (let i = 0; i < writes; i++) {
          const key = clientKey(id, stream.nextInt(40))
          const isDelete = stream.chance(0.2)
          const value = isDelete ? undefined : `v${started}-${i}-${'x'.repeat(stream.nextInt(300))}`
          if (value === undefined) transaction.delete(key)
          else transaction.put(key, encoder.encode(value))
          changes.push({ key: decoder.decode(key), value })
        }
        inFlight[id] = changes
        await transaction.commit()
      } catch {
        // A failed commit (crash or fsync fault) is not acknowledged: it stays in flight.
        transaction.rollback()
        return
      }
      inFlight[id] = undefined
      for (const change of changes) applyChange(acknowledged[id] as KeyState, change)
      acknowledgedCount++
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, id) => client(id, random.fork())))
  if (!isCrashed) vfs.crash()
  vfs.disarmFaults()
  const recovered = await open()
  const report = verify(recovered, acknowledged, inFlight)
  // The recovered kernel accepts writes.
  const probe = recovered.begin({ isolation: 'read committed', isSynchronousCommit: true })
  probe.beginStatement()
  probe.put(encoder.encode('zz-probe'), encoder.encode('ok'))
  await probe.commit()
  await recovered.close()
  return { acknowledged: acknowledgedCount, ...report }
}

function applyChange(state: KeyState, change: Change): void {
  if (change.value === undefined) state.delete(change.key)
  else state.set(change.key, change.value)
}

function verify(
  kernel: DurableKernel,
  acknowledged: readonly KeyState[],
  inFlight: readonly (Change[] | undefined)[],
): { inFlightApplied: number; inFlightLost: number } {
  const reader = kernel.begin({ isolation: 'repeatable read', isSynchronousCommit: true })
  reader.beginStatement()
  const found: KeyState[] = acknowledged.map(() => new Map())
  for (const entry of reader.scan({}, 'forward')) {
    const key = decoder.decode(entry.key)
    const client = Number(key.slice(1, 4))
    found[client]?.set(key, decoder.decode(entry.value))
  }
  reader.rollback()
  let applied = 0
  let lost = 0
  acknowledged.forEach((state, client) => {
    const actual = found[client] as KeyState
    if (sameState(actual, state)) {
      if (inFlight[client] !== undefined) lost++
      return
    }
    const withInFlight = new Map(state)
    for (const change of inFlight[client] ?? []) applyChange(withInFlight, change)
    assert(
      inFlight[client] !== undefined && sameState(actual, withInFlight),
      `client ${client}: recovered keys match neither its acknowledged commits nor those plus its in-flight commit`,
    )
    applied++
  })
  return { inFlightApplied: applied, inFlightLost: lost }
}

function sameState(a: KeyState, b: KeyState): boolean {
  if (a.size !== b.size) return false
  for (const [key, value] of a) if (b.get(key) !== value) return false
  return true
}
