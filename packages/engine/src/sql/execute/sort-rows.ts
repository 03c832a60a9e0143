/**
 * Sorting rows by ORDER BY keys: a comparator compiled once per sort (the type's order looked up
 * once, integers compared directly), a stable full sort, and a bounded top-k for a LIMIT over a
 * sort (PostgreSQL's "top-N heapsort"): a max-heap of the k best rows so far, so k rows are
 * held instead of all of them and each input row costs at most log k comparisons. Ties keep
 * input order in both, so a LIMIT returns exactly the first rows of the full sort.
 */
import {
  behaviourOf,
  isTypeImplementedWithoutBehaviour,
  type Row,
  type Value,
} from '../../types/index.js'
import type { BoundSortKey } from '../bind/index.js'
import { compareTyped } from './compile-expression.js'
import type { StatementInterrupt } from './statement-interrupt.js'

/** Order of two non-NULL values of one type. */
type ValueOrder = (a: Value, b: Value) => number

/** A row with its sort key values and its input position (the tie-breaker). */
export interface SortEntry {
  readonly row: Row
  readonly keys: readonly Value[]
  readonly position: number
}

/** The order of two values of a sort key, NULL placement included (DESC does not flip it). */
export function sortKeyOrder(key: BoundSortKey): (a: Value, b: Value) => number {
  const order = valueOrder(key)
  const sign = key.isDescending ? -1 : 1
  const nullFirst = key.isNullsFirst ? -1 : 1
  return (a, b) => {
    if (a === null || b === null) {
      if (a === b) return 0
      return a === null ? nullFirst : -nullFirst
    }
    return sign * order(a, b)
  }
}

function valueOrder(key: BoundSortKey): ValueOrder {
  const type = key.expr.type
  if (type.kind === 'int2' || type.kind === 'int4' || type.kind === 'int8') {
    // Integers arrive as numbers (int2, int4) or bigints (int8); mixed ones compare exactly.
    const fallback = behaviourOf(type).compare
    return (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0
      return fallback(a, b, type)
    }
  }
  if (type.kind === 'unknown' || isTypeImplementedWithoutBehaviour(type)) {
    return (a, b) => compareTyped(a, b, type)
  }
  const behaviour = behaviourOf(type)
  return (a, b) => behaviour.compare(a, b, type)
}

/** Orders entries by their keys, then by input position. */
export function entryComparator(
  keys: readonly BoundSortKey[],
): (a: SortEntry, b: SortEntry) => number {
  const orders = keys.map(sortKeyOrder)
  const [first] = orders
  if (orders.length === 1 && first !== undefined) {
    return (a, b) => first(a.keys[0] ?? null, b.keys[0] ?? null) || a.position - b.position
  }
  return (a, b) => {
    for (let i = 0; i < orders.length; i++) {
      const order = (orders[i] as ValueOrder)(a.keys[i] ?? null, b.keys[i] ?? null)
      if (order !== 0) return order
    }
    return a.position - b.position
  }
}

/**
 * The `count` first entries of `entries` in `compare`'s order, sorted, holding at most `count`
 * of them: a max-heap whose root is the worst entry kept, replaced when a better one comes.
 * `keysOf` computes a row's sort key values.
 */
export function topEntries(
  rows: Iterable<Row>,
  count: number,
  keysOf: (row: Row) => Value[],
  compare: (a: SortEntry, b: SortEntry) => number,
  interrupt: StatementInterrupt,
): SortEntry[] {
  const heap: SortEntry[] = []
  if (count <= 0) {
    for (const _ of rows) interrupt.tick()
    return heap
  }
  let position = 0
  for (const row of rows) {
    interrupt.tick()
    const entry: SortEntry = { row, keys: keysOf(row), position: position++ }
    if (heap.length < count) {
      heap.push(entry)
      siftUp(heap, heap.length - 1, compare)
    } else if (compare(entry, heap[0] as SortEntry) < 0) {
      heap[0] = entry
      siftDown(heap, 0, compare)
    }
  }
  return heap.sort(compare)
}

function siftUp(
  heap: SortEntry[],
  start: number,
  compare: (a: SortEntry, b: SortEntry) => number,
): void {
  let index = start
  const entry = heap[index] as SortEntry
  while (index > 0) {
    const parentIndex = (index - 1) >> 1
    const parent = heap[parentIndex] as SortEntry
    if (compare(entry, parent) <= 0) break
    heap[index] = parent
    index = parentIndex
  }
  heap[index] = entry
}

function siftDown(
  heap: SortEntry[],
  start: number,
  compare: (a: SortEntry, b: SortEntry) => number,
): void {
  let index = start
  const entry = heap[index] as SortEntry
  const size = heap.length
  for (;;) {
    const left = 2 * index + 1
    if (left >= size) break
    const right = left + 1
    let child = left
    if (right < size && compare(heap[right] as SortEntry, heap[left] as SortEntry) > 0)
      child = right
    const worse = heap[child] as SortEntry
    if (compare(worse, entry) <= 0) break
    heap[index] = worse
    index = child
  }
  heap[index] = entry
}
