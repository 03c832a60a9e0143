/**
 * SortedModel: the reference a B+tree is tested against, a sorted array of entries ordered by
 * compareBytes. Deliberately simple (binary search and splice), so that it is obviously right.
 */
import { compareBytes } from '../../../lib/keycode.js'
import type { BTreeCursorRange, BTreeDirection, BTreeEntry } from '../btree-cursor.js'

export class SortedModel {
  #entries: BTreeEntry[] = []

  get size(): number {
    return this.#entries.length
  }

  /** The entry at `index` modulo the size; undefined when the model is empty. */
  at(index: number): BTreeEntry | undefined {
    return this.#entries.length === 0 ? undefined : this.#entries[index % this.#entries.length]
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const index = this.#lowerBound(key)
    const entry = this.#entries[index]
    return entry !== undefined && compareBytes(entry.key, key) === 0 ? entry.value : undefined
  }

  put(key: Uint8Array, value: Uint8Array): void {
    const index = this.#lowerBound(key)
    const entry = this.#entries[index]
    const isReplace = entry !== undefined && compareBytes(entry.key, key) === 0
    this.#entries.splice(index, isReplace ? 1 : 0, { key: key.slice(), value: value.slice() })
  }

  delete(key: Uint8Array): boolean {
    const index = this.#lowerBound(key)
    const entry = this.#entries[index]
    if (entry === undefined || compareBytes(entry.key, key) !== 0) return false
    this.#entries.splice(index, 1)
    return true
  }

  /** Entries within `range`, in `direction` order. */
  scan(range: BTreeCursorRange, direction: BTreeDirection): BTreeEntry[] {
    const inside = this.#entries.filter((entry) => isInRange(entry.key, range))
    return direction === 'forward' ? inside : inside.reverse()
  }

  /** The first entry of `range` after `key` going in `direction` (before it going backward);
   * without `key`, the first entry of the range. */
  nextAfter(
    key: Uint8Array | undefined,
    range: BTreeCursorRange,
    direction: BTreeDirection,
  ): BTreeEntry | undefined {
    const entries = this.scan(range, direction)
    if (key === undefined) return entries[0]
    const sign = direction === 'forward' ? 1 : -1
    return entries.find((entry) => sign * compareBytes(entry.key, key) > 0)
  }

  /** A deep copy, for remembering the contents at a checkpoint. */
  clone(): SortedModel {
    const copy = new SortedModel()
    copy.#entries = this.#entries.slice()
    return copy
  }

  #lowerBound(key: Uint8Array): number {
    let low = 0
    let high = this.#entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const entry = this.#entries[middle] as BTreeEntry
      if (compareBytes(entry.key, key) < 0) low = middle + 1
      else high = middle
    }
    return low
  }
}

export function isInRange(key: Uint8Array, range: BTreeCursorRange): boolean {
  if (range.lower !== undefined) {
    const order = compareBytes(key, range.lower.key)
    if (order < 0 || (order === 0 && !range.lower.inclusive)) return false
  }
  if (range.upper !== undefined) {
    const order = compareBytes(key, range.upper.key)
    if (order > 0 || (order === 0 && !range.upper.inclusive)) return false
  }
  return true
}
