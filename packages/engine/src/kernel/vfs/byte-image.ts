/**
 * ByteImage: the bytes of one in-memory file, a growable buffer with a logical size. Shared by
 * MemoryVfs and SimulatedVfs (which keeps two per file: the volatile and the durable image).
 * Bytes past the size are always zero, so extending the size exposes zeros, as a file does.
 */
import { assert } from '../../lib/assert.js'

/** Largest in-memory file. One file is one typed array, and Node 20 caps those at 4 GiB; half of
 * that keeps doubling growth within the cap. A write beyond it fails with ENOSPC. */
export const memoryFileBytesMax = 2 ** 31

/** Capacity of a new image's buffer; small, because most test files stay small. */
const initialCapacityBytes = 4096

export class ByteImage {
  #bytes: Uint8Array
  #size: number

  constructor(bytes?: Uint8Array) {
    this.#size = bytes === undefined ? 0 : bytes.length
    this.#bytes = new Uint8Array(Math.max(initialCapacityBytes, this.#size))
    if (bytes !== undefined) this.#bytes.set(bytes)
  }

  get size(): number {
    return this.#size
  }

  /** Copies bytes at `offset` into `buffer`; returns how many (short at the end). */
  read(buffer: Uint8Array, offset: number): number {
    const count = Math.max(0, Math.min(buffer.length, this.#size - offset))
    if (count > 0) buffer.set(this.#bytes.subarray(offset, offset + count))
    return count
  }

  /** Writes `buffer` at `offset`; an empty buffer changes nothing, not even the size (pwrite). */
  write(buffer: Uint8Array, offset: number): void {
    if (buffer.length === 0) return
    const end = offset + buffer.length
    assert(end <= memoryFileBytesMax, 'callers check memoryFileBytesMax before writing')
    this.#reserve(end)
    this.#bytes.set(buffer, offset)
    this.#size = Math.max(this.#size, end)
  }

  truncate(length: number): void {
    assert(length <= memoryFileBytesMax, 'callers check memoryFileBytesMax before truncating')
    if (length < this.#size) {
      this.#bytes.fill(0, length, this.#size)
    } else {
      this.#reserve(length)
    }
    this.#size = length
  }

  /** The bytes in [0, size), copied. */
  copyBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#size)
  }

  clone(): ByteImage {
    return new ByteImage(this.#bytes.subarray(0, this.#size))
  }

  #reserve(capacity: number): void {
    if (capacity <= this.#bytes.length) return
    const grown = Math.min(memoryFileBytesMax, Math.max(capacity, 2 * this.#bytes.length))
    const bytes = new Uint8Array(grown)
    bytes.set(this.#bytes.subarray(0, this.#size))
    this.#bytes = bytes
  }
}
