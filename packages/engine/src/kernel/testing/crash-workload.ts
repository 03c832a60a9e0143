/**
 * A seeded crash workload for the kernel: concurrent clients commit small transactions on a
 * SimulatedVfs, the disk loses power (or fails an fsync) at a seeded moment, the kernel is
 * reopened on the same disk, and the recovered data is checked against what was acknowledged.
 *
 * Each client owns its keys, so its transactions never conflict and at most one of its commits
 * is in flight when the power goes. The check: for every client, the recovered keys equal its
 * acknowledged state, or that state plus its one in-flight transaction applied whole (a commit
 * may become durable without being acknowledged, but never half of one).
 *
 * With `longTransactions`, one more client runs long transactions: many statements of many
 * writes each, yielding between statements so the others commit meanwhile; some statements are
 * rolled back, some transactions rolled back whole (a large one by abandoning its versions).
 * With a small `walPendingBytesMax` and `walSegmentBytes` its log is written out before its
 * commit, across segments, and size-triggered checkpoints cut while it runs; a crash in the
 * middle must leave none of it visible.
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
  /** Add a client running long transactions (see the header). */
  readonly longTransactions?: boolean
  /** Kernel options for small logs (defaults: the kernel's). */
  readonly walPendingBytesMax?: number
  readonly walSegmentBytes?: number
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
      ...(options.walPendingBytesMax === undefined
        ? {}
        : { walPendingBytesMax: options.walPendingBytesMax }),
      ...(options.walSegmentBytes === undefined
        ? {}
        : { walSegmentBytes: options.walSegmentBytes }),
    })
  const kernel = await open()
  const clientCount = options.clients + (options.longTransactions === true ? 1 : 0)
  const acknowledged: KeyState[] = Array.from({ length: clientCount }, () => new Map())
  const inFlight: (Change[] | undefined)[] = Array.from({ length: clientCount }, () => undefined)
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
  /** Long transactions of client `id`: statements of 20 to 220 writes, yielding in between. */
  const longClient = async (id: number, stream: Random): Promise<void> => {
    while (!isCrashed && started < options.commits) {
      const changes: Change[] = []
      const transaction = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
      try {
        const statements = 3 + stream.nextInt(15)
        for (let statement = 0; statement < statements; statement++) {
          started++
          if (started === crashAt) {
            vfs.crash()
            isCrashed = true
            return
          }
          transaction.beginStatement()
          const statementChanges: Change[] = []
          const writes = 20 + stream.nextInt(200)
          for (let i = 0; i < writes; i++) {
            const key = clientKey(id, stream.nextInt(3000))
            const isDelete = stream.chance(0.1)
            const value = isDelete
              ? undefined
              : `L${started}-${i}-${'y'.repeat(stream.nextInt(200))}`
            if (value === undefined) transaction.delete(key)
            else transaction.put(key, encoder.encode(value))
            statementChanges.push({ key: decoder.decode(key), value })
          }
          if (stream.chance(0.15)) transaction.rollbackStatement()
          else changes.push(...statementChanges)
          await new Promise<void>((resolve) => setImmediate(resolve))
          if (isCrashed) return
        }
        if (stream.chance(0.25)) {
          transaction.rollback()
          continue
        }
        inFlight[id] = changes
        await transaction.commit()
      } catch {
        transaction.rollback()
        return
      }
      inFlight[id] = undefined
      for (const change of changes) applyChange(acknowledged[id] as KeyState, change)
      acknowledgedCount++
    }
  }
  const clients = Array.from({ length: options.clients }, (_, id) => client(id, random.fork()))
  if (options.longTransactions === true) clients.push(longClient(options.clients, random.fork()))
  await Promise.all(clients)
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
