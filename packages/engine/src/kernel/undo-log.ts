/**
 * UndoLog: the version keys one transaction wrote, in write order, packed into byte chunks, so a
 * transaction of a million writes holds a few tens of MiB (its keys plus 4 bytes each) instead
 * of an object and an array buffer per write. Rolling back a statement pops entries down to the
 * count it started at; the change feed reads them oldest first.
 *
 * Format: chunks of growing size (undoChunkBytesMin doubling up to undoChunkBytesMax, so a
 * one-row transaction allocates little); an entry is u16 key length, the key, u16 key length
 * again (so it can be read in both directions); an entry never spans two chunks.
 *
 * Invariants:
 *   1. `count` entries are stored; popping returns them newest first, reading oldest first.
 *   2. A returned key is a view into a chunk, valid until the next push or clear.
 */
import { assert } from '../lib/assert.js'

const undoChunkBytesMin = 1024
const undoChunkBytesMax = 64 * 1024
const lengthBytes = 2

export class UndoLog {
  readonly #chunks: Uint8Array[] = []
  /** Bytes used in each chunk. */
  readonly #used: number[] = []
  #count = 0
  #allocatedBytes = 0

  /** Entries stored. */
  get count(): number {
    return this.#count
  }

  /** Bytes of memory held by the chunks. */
  get allocatedBytes(): number {
    return this.#allocatedBytes
  }

  push(key: Uint8Array): void {
    assert(key.length <= 0xffff, 'an undo entry holds a version key')
    const entryBytes = key.length + 2 * lengthBytes
    let last = this.#chunks.length - 1
    let chunk = this.#chunks[last]
    let at = this.#used[last] ?? 0
    if (chunk === undefined || chunk.length - at < entryBytes) {
      const previous = chunk?.length ?? undoChunkBytesMin / 2
      const size = Math.max(entryBytes, Math.min(undoChunkBytesMax, previous * 2))
      chunk = new Uint8Array(size)
      this.#chunks.push(chunk)
      this.#used.push(0)
      this.#allocatedBytes += size
      last++
      at = 0
    }
    writeLength(chunk, at, key.length)
    chunk.set(key, at + lengthBytes)
    writeLength(chunk, at + lengthBytes + key.length, key.length)
    this.#used[last] = at + entryBytes
    this.#count++
  }

  /** Removes the newest entry and returns its key (invariant 2). */
  pop(): Uint8Array | undefined {
    const last = this.#chunks.length - 1
    const chunk = this.#chunks[last]
    const used = this.#used[last]
    if (chunk === undefined || used === undefined || used === 0) return undefined
    const length = readLength(chunk, used - lengthBytes)
    const start = used - lengthBytes - length
    const key = chunk.subarray(start, start + length)
    const remaining = start - lengthBytes
    if (remaining === 0 && last > 0) {
      // An emptied chunk goes, except the first (the next push reuses it).
      this.#chunks.pop()
      this.#used.pop()
      this.#allocatedBytes -= chunk.length
    } else {
      this.#used[last] = remaining
    }
    this.#count--
    return key
  }

  /** Every key, oldest first (invariant 2: each valid until the next push). */
  *oldestFirst(): Generator<Uint8Array> {
    for (let index = 0; index < this.#chunks.length; index++) {
      const chunk = this.#chunks[index] as Uint8Array
      const used = this.#used[index] as number
      let at = 0
      while (at < used) {
        const length = readLength(chunk, at)
        yield chunk.subarray(at + lengthBytes, at + lengthBytes + length)
        at += length + 2 * lengthBytes
      }
    }
  }

  /** Drops every entry and releases the memory. */
  clear(): void {
    this.#chunks.length = 0
    this.#used.length = 0
    this.#count = 0
    this.#allocatedBytes = 0
  }
}

function writeLength(chunk: Uint8Array, at: number, length: number): void {
  chunk[at] = length >>> 8
  chunk[at + 1] = length & 0xff
}

function readLength(chunk: Uint8Array, at: number): number {
  return ((chunk[at] ?? 0) << 8) | (chunk[at + 1] ?? 0)
}
