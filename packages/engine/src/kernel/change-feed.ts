/**
 * ChangeFeed: committed transactions' changes, in commit order, for realtime, audit and
 * replication. Each event is one transaction: its commit LSN and time and, per key it changed,
 * the value before (the version it replaced) and after (undefined for a deletion).
 *
 * Live events are delivered right after the transaction becomes visible. Resuming from an LSN
 * reads the WAL: while the feed is enabled, a commit is preceded by a `changes` record naming
 * each changed key, the command id of its final version, and its old value; the new values are
 * the transaction's put records. Resuming works from any LSN the WAL still holds (segments older
 * than the last checkpoint's redo LSN are deleted).
 *
 * Record payload (type 5, version 1), integers big-endian:
 *   u64 transaction id, u32 count, then per change:
 *   u32 key length k, k key bytes, u64 version sequence of the final version, u8 1 if an old value
 *   follows, then u32 length m and m bytes of the old value
 */
import { assert } from '../lib/assert.js'

export interface KeyChange {
  readonly key: Uint8Array
  readonly before: Uint8Array | undefined
  readonly after: Uint8Array | undefined
}

export interface ChangeEvent {
  readonly lsn: number
  readonly commitTimeMs: number
  readonly transactionId: number
  readonly changes: readonly KeyChange[]
}

export type ChangeListener = (event: ChangeEvent) => void

/** One changed key as logged: its final version is the one with this version sequence. */
export interface LoggedChange {
  readonly key: Uint8Array
  readonly sequence: number
  readonly before: Uint8Array | undefined
}

export function encodeChanges(transactionId: number, changes: readonly LoggedChange[]): Uint8Array {
  let size = 12
  for (const change of changes)
    size +=
      4 + change.key.length + 8 + 1 + (change.before === undefined ? 0 : 4 + change.before.length)
  const bytes = new Uint8Array(size)
  const view = new DataView(bytes.buffer)
  view.setBigUint64(0, BigInt(transactionId))
  view.setUint32(8, changes.length)
  let at = 12
  for (const change of changes) {
    view.setUint32(at, change.key.length)
    bytes.set(change.key, at + 4)
    at += 4 + change.key.length
    view.setBigUint64(at, BigInt(change.sequence))
    view.setUint8(at + 8, change.before === undefined ? 0 : 1)
    at += 9
    if (change.before !== undefined) {
      view.setUint32(at, change.before.length)
      bytes.set(change.before, at + 4)
      at += 4 + change.before.length
    }
  }
  return bytes
}

export function decodeChanges(payload: Uint8Array): {
  transactionId: number
  changes: LoggedChange[]
} {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength)
  const transactionId = Number(view.getBigUint64(0))
  const count = view.getUint32(8)
  const changes: LoggedChange[] = []
  let at = 12
  for (let i = 0; i < count; i++) {
    const keyLength = view.getUint32(at)
    const key = payload.slice(at + 4, at + 4 + keyLength)
    at += 4 + keyLength
    const sequence = Number(view.getBigUint64(at))
    const hasBefore = view.getUint8(at + 8) === 1
    at += 9
    let before: Uint8Array | undefined
    if (hasBefore) {
      const length = view.getUint32(at)
      before = payload.slice(at + 4, at + 4 + length)
      at += 4 + length
    }
    changes.push({ key, sequence, before })
  }
  assert(at === payload.length, 'a changes record ends after its last change')
  return { transactionId, changes }
}

export class ChangeFeed {
  readonly #listeners = new Set<ChangeListener>()

  get hasListeners(): boolean {
    return this.#listeners.size > 0
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(event: ChangeEvent): void {
    for (const listener of this.#listeners) listener(event)
  }
}
