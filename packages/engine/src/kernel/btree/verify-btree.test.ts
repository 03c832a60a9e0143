// Tests of verifyBtree: hand-built trees, each breaking one invariant of btree.ts, must raise
// InternalError, and a valid one must report its shape. The pages are written directly with
// NodePage, so the checker is tested independently of the code that maintains the invariants.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError } from '../../errors/index.js'
import { encodeInteriorCell, encodeLeafCell, NodePage } from './node-page.js'
import { overflowPayloadBytes, writeOverflowChain } from './overflow-chain.js'
import { MemoryPageStore } from './testing/memory-page-store.js'
import { verifyBtree } from './verify-btree.js'

const empty = new Uint8Array(0)
const inline = { kind: 'Inline' as const, bytes: empty }

function leaf(store: MemoryPageStore, keys: number[], cells: Uint8Array[] = []): number {
  const page = store.allocate()
  NodePage.format(page.bytes, page.pageNumber, true).writeCells([
    ...keys.map((key) => encodeLeafCell(Uint8Array.of(key), inline)),
    ...cells,
  ])
  return page.pageNumber
}

/** An interior page; children[0]'s separator is ignored (key_0 is always empty). */
function interior(store: MemoryPageStore, children: [number, number][]): number {
  const page = store.allocate()
  NodePage.format(page.bytes, page.pageNumber, false).writeCells(
    children.map(([child, key], index) =>
      encodeInteriorCell(child, index === 0 ? empty : Uint8Array.of(key)),
    ),
  )
  return page.pageNumber
}

function assertViolation(name: string, build: (store: MemoryPageStore) => number): void {
  const store = new MemoryPageStore()
  const root = build(store)
  assert.throws(() => verifyBtree(store, root), InternalError, name)
}

test('a valid tree reports its shape', () => {
  const store = new MemoryPageStore()
  const value = new Uint8Array(3 * overflowPayloadBytes(store.pageBodyBytes))
  const chain = writeOverflowChain(store, value)
  const large = encodeLeafCell(Uint8Array.of(4), {
    kind: 'Overflow',
    length: value.length,
    firstPageNumber: chain,
  })
  const root = interior(store, [
    [leaf(store, [1, 2]), 0],
    [leaf(store, [3], [large]), 3],
  ])
  assert.deepEqual(verifyBtree(store, root), {
    depth: 2,
    nodePages: 3,
    overflowPages: 3,
    pages: 6,
    entries: 4,
  })
})

test('each broken invariant raises InternalError', () => {
  assertViolation('a key at or above the next separator', (store) =>
    interior(store, [
      [leaf(store, [1, 2]), 0],
      [leaf(store, [3, 4]), 2],
    ]),
  )
  assertViolation('a key below the separator', (store) =>
    interior(store, [
      [leaf(store, [1]), 0],
      [leaf(store, [3, 4]), 4],
    ]),
  )
  assertViolation('a page reachable twice', (store) => {
    const shared = leaf(store, [1])
    return interior(store, [
      [shared, 0],
      [shared, 5],
    ])
  })
  assertViolation('leaves at different depths', (store) =>
    interior(store, [
      [leaf(store, [1]), 0],
      [
        interior(store, [
          [leaf(store, [10]), 0],
          [leaf(store, [20]), 20],
        ]),
        10,
      ],
    ]),
  )
  assertViolation('an interior page with one child', (store) =>
    interior(store, [
      [interior(store, [[leaf(store, [1]), 0]]), 0],
      [
        interior(store, [
          [leaf(store, [10]), 0],
          [leaf(store, [20]), 20],
        ]),
        10,
      ],
    ]),
  )
  assertViolation('a root with one child', (store) => interior(store, [[leaf(store, [1]), 0]]))
  assertViolation('an empty non-root leaf', (store) =>
    interior(store, [
      [leaf(store, [1]), 0],
      [leaf(store, []), 10],
    ]),
  )
  assertViolation('a child pointer to a free page', (store) => {
    const gone = leaf(store, [10])
    store.free(gone)
    return interior(store, [
      [leaf(store, [1]), 0],
      [gone, 10],
    ])
  })
})

test('overflow chains of the wrong length or shared by two entries are found', () => {
  assertViolation('a chain shorter than its recorded length', (store) => {
    const payload = overflowPayloadBytes(store.pageBodyBytes)
    const firstPageNumber = writeOverflowChain(store, new Uint8Array(payload))
    const cell = encodeLeafCell(Uint8Array.of(1), {
      kind: 'Overflow',
      length: payload + 1,
      firstPageNumber,
    })
    return leaf(store, [], [cell])
  })
  assertViolation('a chain shared by two entries', (store) => {
    const firstPageNumber = writeOverflowChain(store, new Uint8Array(2000))
    const reference = { kind: 'Overflow' as const, length: 2000, firstPageNumber }
    return leaf(
      store,
      [],
      [encodeLeafCell(Uint8Array.of(1), reference), encodeLeafCell(Uint8Array.of(2), reference)],
    )
  })
})
