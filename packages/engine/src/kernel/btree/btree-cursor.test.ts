// Tests of BTreeCursor: range bounds in both directions, stepping while the tree changes under
// the cursor (including copy-on-write moving every page of the path), the page reads a range
// scan costs, and ending a scan early. The model test covers random interleavings; these pin
// the cases by name.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError } from '../../errors/index.js'
import { BTree } from './btree.js'
import type { BTreeCursorRange, BTreeDirection } from './btree-cursor.js'
import { MemoryPageStore } from './testing/memory-page-store.js'

function uint32Key(n: number): Uint8Array {
  const key = new Uint8Array(4)
  new DataView(key.buffer).setUint32(0, n)
  return key
}

function keyNumber(key: Uint8Array): number {
  return new DataView(key.buffer, key.byteOffset, key.byteLength).getUint32(0)
}

/** A tree of the even numbers 0, 2, …, 2 × (count − 1), each mapped to its own key. */
function evenTree(count: number, store = new MemoryPageStore()): BTree {
  const tree = BTree.create(store)
  for (let n = 0; n < count; n++) tree.put(uint32Key(2 * n), uint32Key(2 * n))
  return tree
}

function scanNumbers(tree: BTree, range: BTreeCursorRange, direction: BTreeDirection): number[] {
  return [...tree.cursor(range, direction)].map((entry) => keyNumber(entry.key))
}

const bound = (n: number, inclusive: boolean) => ({ key: uint32Key(n), inclusive })

test('ranges honour inclusive and exclusive bounds in both directions', () => {
  const tree = evenTree(2000)
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(10, true), upper: bound(16, true) }, 'forward'),
    [10, 12, 14, 16],
  )
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(10, false), upper: bound(16, false) }, 'forward'),
    [12, 14],
  )
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(10, true), upper: bound(16, true) }, 'backward'),
    [16, 14, 12, 10],
  )
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(10, false), upper: bound(16, false) }, 'backward'),
    [14, 12],
  )
  // Bounds between keys, beyond the ends, and empty ranges.
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(9, false), upper: bound(13, false) }, 'forward'),
    [10, 12],
  )
  assert.deepEqual(scanNumbers(tree, { lower: bound(3993, true) }, 'forward'), [3994, 3996, 3998])
  assert.deepEqual(scanNumbers(tree, { upper: bound(5, true) }, 'backward'), [4, 2, 0])
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(20, true), upper: bound(10, true) }, 'forward'),
    [],
  )
  assert.deepEqual(
    scanNumbers(tree, { lower: bound(10, false), upper: bound(10, true) }, 'backward'),
    [],
  )
  assert.deepEqual(scanNumbers(tree, { lower: bound(9_999, true) }, 'forward'), [])
  assert.equal(scanNumbers(tree, {}, 'backward').length, 2000)
})

test('range scans cross leaf boundaries in both directions', () => {
  const tree = evenTree(5000)
  assert.ok(tree.verify().depth >= 2)
  const forward = scanNumbers(
    tree,
    { lower: bound(1000, true), upper: bound(9000, false) },
    'forward',
  )
  assert.deepEqual(
    forward,
    Array.from({ length: 4000 }, (_, index) => 1000 + 2 * index),
  )
  const backward = scanNumbers(
    tree,
    { lower: bound(1000, true), upper: bound(9000, false) },
    'backward',
  )
  assert.deepEqual(backward, [...forward].reverse())
})

test('an empty tree yields nothing', () => {
  const tree = BTree.create(new MemoryPageStore())
  assert.deepEqual(scanNumbers(tree, {}, 'forward'), [])
  assert.deepEqual(scanNumbers(tree, {}, 'backward'), [])
})

test('a cursor stays correct while the tree changes between steps', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.3, seed: 2 })
  const tree = evenTree(3000, store)
  const cursor = tree.cursor({ lower: bound(100, true) }, 'forward')
  const seen: number[] = []
  const step = () => {
    const result = cursor.next()
    if (result.done === true) assert.fail('an entry was expected')
    seen.push(keyNumber(result.value.key))
  }
  step() // 100
  step() // 102
  tree.delete(uint32Key(104)) // deleted ahead of the cursor: never returned
  tree.put(uint32Key(105), Uint8Array.of(1)) // inserted ahead: returned
  tree.put(uint32Key(101), Uint8Array.of(1)) // inserted behind: not returned
  step() // 105
  store.checkpoint()
  tree.put(uint32Key(50_000), Uint8Array.of(1)) // copy-on-write moves the root and a path
  step() // 106
  tree.delete(uint32Key(106)) // the key just returned disappears
  for (let n = 108; n < 1200; n += 2) tree.delete(uint32Key(n)) // whole leaves vanish
  step() // 1200
  store.checkpoint()
  for (let n = 1201; n < 1300; n += 2) tree.put(uint32Key(n), Uint8Array.of(2)) // splits ahead
  step() // 1201
  step() // 1202
  assert.deepEqual(seen, [100, 102, 105, 106, 1200, 1201, 1202])
  tree.verify()
})

test('a backward cursor stays correct while the tree changes between steps', () => {
  const store = new MemoryPageStore()
  const tree = evenTree(3000, store)
  const cursor = tree.cursor({ upper: bound(5000, false) }, 'backward')
  const next = () => keyNumber((cursor.next().value ?? assert.fail('entry expected')).key)
  assert.equal(next(), 4998)
  tree.delete(uint32Key(4996))
  tree.put(uint32Key(4997), Uint8Array.of(1))
  assert.equal(next(), 4997)
  store.checkpoint()
  for (let n = 0; n < 4990; n += 2) tree.delete(uint32Key(n))
  assert.equal(next(), 4994)
  assert.equal(next(), 4992)
  assert.equal(next(), 4990)
  assert.equal(cursor.next().done, true)
  tree.put(uint32Key(1), Uint8Array.of(1))
  assert.equal(cursor.next().done, true, 'a finished cursor stays finished')
})

test('a range scan reads O(log n + k) pages', () => {
  const store = new MemoryPageStore()
  const tree = evenTree(100_000, store)
  const { depth, nodePages } = tree.verify()
  const entriesPerLeaf = 100_000 / nodePages
  const before = store.statistics.reads
  const count = 1000
  const found = scanNumbers(
    tree,
    { lower: bound(50_000, true), upper: bound(50_000 + 2 * count, false) },
    'forward',
  )
  assert.equal(found.length, count)
  const reads = store.statistics.reads - before
  // A seek reads `depth` pages, each step reads its leaf once, and each leaf left behind costs
  // at most 2 × depth more.
  const readsMax = depth + count + 1 + (count / entriesPerLeaf + 2) * 2 * depth
  assert.ok(reads <= readsMax, `${reads} page reads, bound ${readsMax}`)
})

test('breaking out of a scan ends the cursor', () => {
  const tree = evenTree(100)
  const cursor = tree.cursor()
  for (const entry of cursor) {
    if (keyNumber(entry.key) === 10) break
  }
  assert.equal(cursor.next().done, true)
})

test('a cursor of a dropped tree raises InternalError', () => {
  const tree = evenTree(100)
  const cursor = tree.cursor()
  cursor.next()
  tree.drop()
  assert.throws(() => cursor.next(), InternalError)
})
