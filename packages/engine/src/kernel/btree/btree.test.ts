// Focused tests of BTree: the edges the model test reaches rarely or not at all. Large values
// and their chains, the size limits, page accounting when a tree empties or is dropped, fill of
// sequential loads, copy-on-write across checkpoints, corrupt pages, and the pages one operation
// touches. Each test runs on the strict in-memory double (testing/memory-page-store.ts).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError, SqlError } from '../../errors/index.js'
import { Random } from '../../lib/random.js'
import { btreeKeyBytesMax, valueBytesMax } from '../../limits.js'
import { BTree } from './btree.js'
import { btreeDepthMax } from './node-page.js'
import {
  overflowChainPages,
  overflowPagesPerRelease,
  overflowPayloadBytes,
} from './overflow-chain.js'
import { MemoryPageStore } from './testing/memory-page-store.js'

function uint32Key(n: number): Uint8Array {
  const key = new Uint8Array(4)
  new DataView(key.buffer).setUint32(0, n)
  return key
}

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  new Random(seed).fill(bytes)
  return bytes
}

/** Pages the store holds that the tree does not own: must be none. */
function assertNoLeak(tree: BTree, store: MemoryPageStore): void {
  assert.equal(store.livePageCount, tree.verify().pages)
}

test('a 10 MB value round-trips, and replacing it frees the old chain', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.2, seed: 7 })
  const tree = BTree.create(store)
  const chainPages = overflowChainPages(10_000_000, store.pageBodyBytes)
  const first = randomBytes(10_000_000, 1)
  tree.put(Uint8Array.of(1), first)
  assert.deepEqual(tree.get(Uint8Array.of(1)), first)
  assert.equal(tree.verify().overflowPages, chainPages)
  assert.equal(store.livePageCount, 1 + chainPages)

  const freesBefore = store.statistics.frees
  const second = randomBytes(10_000_001, 2)
  tree.put(Uint8Array.of(1), second)
  assert.deepEqual(tree.get(Uint8Array.of(1)), second)
  assert.equal(store.statistics.frees - freesBefore, chainPages, 'the old chain was freed')
  assertNoLeak(tree, store)

  assert.equal(tree.delete(Uint8Array.of(1)), true)
  assert.equal(store.livePageCount, 1)
  assert.equal(tree.get(Uint8Array.of(1)), undefined)
})

test('overflow chains around page boundaries round-trip next to inline values', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  const payload = overflowPayloadBytes(store.pageBodyBytes)
  const lengths = [
    0,
    1,
    1024,
    1025,
    payload - 1,
    payload,
    payload + 1,
    2 * payload,
    3 * payload + 7,
  ]
  for (const [index, length] of lengths.entries()) {
    tree.put(uint32Key(index), randomBytes(length, index))
  }
  lengths.forEach((length, index) => {
    assert.deepEqual(tree.get(uint32Key(index)), randomBytes(length, index))
  })
  const entries = [...tree.cursor({}, 'backward')]
  assert.deepEqual(
    entries.map((entry) => entry.value.length),
    [...lengths].reverse(),
  )
  assertNoLeak(tree, store)
})

test('a key over btreeKeyBytesMax is SqlError 54000; a maximal key works', () => {
  const tree = BTree.create(new MemoryPageStore())
  const maximal = new Uint8Array(btreeKeyBytesMax).fill(0xff)
  tree.put(maximal, Uint8Array.of(1))
  assert.deepEqual(tree.get(maximal), Uint8Array.of(1))
  assert.throws(
    () => tree.put(new Uint8Array(btreeKeyBytesMax + 1), new Uint8Array(0)),
    (error: unknown) =>
      error instanceof SqlError &&
      error.code === '54000' &&
      error.message === `index row size ${btreeKeyBytesMax + 1} exceeds btree maximum 1536`,
  )
  assert.equal(tree.get(new Uint8Array(btreeKeyBytesMax + 1)), undefined)
  assert.equal(tree.delete(new Uint8Array(btreeKeyBytesMax + 1)), false)
})

test('a value over valueBytesMax is SqlError 54000 and changes nothing', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  const pagesBefore = store.statistics.allocations
  assert.throws(
    () => tree.put(Uint8Array.of(1), new Uint8Array(valueBytesMax + 1)),
    (error: unknown) =>
      error instanceof SqlError && error.code === '54000' && /row is too big/.test(error.message),
  )
  assert.equal(store.statistics.allocations, pagesBefore)
  assert.equal(tree.get(Uint8Array.of(1)), undefined)
})

test('the empty key and keys of 0xFF bytes sort at the ends', () => {
  const tree = BTree.create(new MemoryPageStore())
  const keys = [new Uint8Array(0), Uint8Array.of(0), Uint8Array.of(0xff), Uint8Array.of(0xff, 0xff)]
  for (const key of [...keys].reverse()) tree.put(key, key)
  assert.deepEqual(
    [...tree.cursor()].map((entry) => entry.key),
    keys,
  )
  assert.deepEqual(tree.get(new Uint8Array(0)), new Uint8Array(0))
  assert.equal(tree.delete(new Uint8Array(0)), true)
  assert.equal(tree.get(new Uint8Array(0)), undefined)
})

test('deleting every entry shrinks the tree to one page and leaks none', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.05, seed: 3 })
  const tree = BTree.create(store)
  const random = new Random(11)
  const count = 3000
  for (let n = 0; n < count; n++) {
    const length = n % 50 === 0 ? 5000 : random.nextInt(300)
    tree.put(uint32Key(random.nextUint32()), randomBytes(length, n))
    if (n % 500 === 0) store.checkpoint()
  }
  const grown = tree.verify()
  assert.ok(grown.depth >= 2, 'the tree grew beyond one page')
  const keys = [...tree.cursor()].map((entry) => entry.key)
  for (let index = keys.length - 1; index > 0; index--) {
    const other = random.nextInt(index + 1)
    ;[keys[index], keys[other]] = [keys[other] as Uint8Array, keys[index] as Uint8Array]
  }
  keys.forEach((key, index) => {
    assert.equal(tree.delete(key), true)
    if (index % 100 === 0) assertNoLeak(tree, store)
    if (index % 700 === 0) store.checkpoint()
  })
  assert.deepEqual(tree.verify(), {
    depth: 1,
    nodePages: 1,
    overflowPages: 0,
    pages: 1,
    entries: 0,
  })
  assert.equal(store.livePageCount, 1)
  // Every page ever allocated but the root was freed by the tree or retired by copy-on-write.
  const { allocations, copies, frees } = store.statistics
  assert.equal(frees + copies, allocations - 1)
})

test('sequential loads fill their pages', () => {
  for (const order of ['ascending', 'descending'] as const) {
    const store = new MemoryPageStore()
    const tree = BTree.create(store)
    const count = 20_000
    for (let n = 0; n < count; n++) {
      tree.put(uint32Key(order === 'ascending' ? n : count - n), new Uint8Array(20))
    }
    const stats = tree.verify()
    // A leaf cell takes 6 + 4 + 20 bytes and a 2-byte slot: 254 fit in 8152 bytes.
    const leavesFull = Math.ceil(count / 254)
    assert.ok(stats.nodePages <= leavesFull * 1.05 + 2, `${order}: ${stats.nodePages} pages`)
  }
})

test('a sequential load in the middle of the key space fills its pages too', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.05, seed: 9 })
  const tree = BTree.create(store)
  // Keys below and above the load's range exist (other tables' rows), so the load is at neither
  // edge of the tree and shares a leaf with the next keys above it; reads between the puts (an
  // insert's probe) keep the run going.
  for (let n = 0; n < 300; n++) {
    tree.put(uint32Key(0x0100_0000 + n), new Uint8Array(20))
    tree.put(uint32Key(0x9000_0000 + n), new Uint8Array(20))
  }
  const before = tree.verify().nodePages
  const count = 20_000
  for (let n = 0; n < count; n++) {
    assert.equal(tree.get(uint32Key(0x1000_0000 + n)), undefined)
    tree.put(uint32Key(0x1000_0000 + n), new Uint8Array(20))
  }
  const stats = tree.verify()
  assert.equal(stats.entries, count + 600)
  const leavesFull = Math.ceil(count / 254)
  const added = stats.nodePages - before
  assert.ok(added <= leavesFull * 1.05 + 2, `${added} pages for ${leavesFull} full leaves`)
  // A put after the last key of a leaf now and then, among random puts, is no run.
  const random = new Random(3)
  const other = BTree.create(new MemoryPageStore())
  for (let n = 0; n < count; n++) other.put(uint32Key(random.nextUint32()), new Uint8Array(20))
  assert.ok(other.verify().nodePages <= (2 * count) / 254 + 4)
})

test('random loads keep pages at least half full on average', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  const random = new Random(5)
  const count = 20_000
  for (let n = 0; n < count; n++) tree.put(uint32Key(random.nextUint32()), new Uint8Array(20))
  const stats = tree.verify()
  assert.ok(stats.nodePages <= (2 * count) / 254 + 4, `${stats.nodePages} pages`)
  assert.equal(stats.depth, 2)
})

test('maximal keys build a deep tree that shrinks back to a leaf', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.05, seed: 9 })
  const tree = BTree.create(store)
  const key = (n: number) => {
    const bytes = new Uint8Array(btreeKeyBytesMax).fill(0x61)
    bytes.set(uint32Key(n), btreeKeyBytesMax - 4)
    return bytes
  }
  const random = new Random(13)
  const numbers = Array.from({ length: 600 }, () => random.nextUint32())
  numbers.forEach((n, index) => {
    tree.put(key(n), uint32Key(index))
    tree.verify()
  })
  assert.ok(tree.verify().depth >= 4, 'separators of maximal keys make a deep tree')
  for (const n of numbers) {
    tree.delete(key(n))
    assertNoLeak(tree, store)
  }
  assert.equal(tree.verify().depth, 1)
  assert.equal(store.livePageCount, 1)
})

test('copy-on-write leaves the checkpoint untouched and moves the root', () => {
  const store = new MemoryPageStore({ keepDurableImage: true })
  const tree = BTree.create(store)
  for (let n = 0; n < 2000; n++) tree.put(uint32Key(n), uint32Key(n * 2))
  store.checkpoint()
  const checkpointRoot = tree.rootPageNumber
  tree.put(uint32Key(5), Uint8Array.of(9))
  assert.notEqual(tree.rootPageNumber, checkpointRoot, 'the root was copied')
  for (let n = 0; n < 2000; n += 3) tree.delete(uint32Key(n))
  store.verifyDurableImage()
  const old = new BTree(store.durableImage(), checkpointRoot)
  assert.equal(old.verify().entries, 2000)
  assert.deepEqual(old.get(uint32Key(5)), uint32Key(10))
  const reopened = new BTree(store, tree.rootPageNumber)
  assert.deepEqual(reopened.get(uint32Key(5)), Uint8Array.of(9))
  assert.equal(reopened.get(uint32Key(3)), undefined)
  assertNoLeak(tree, store)
})

test('a delete of an absent key edits no page', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  for (let n = 0; n < 1000; n++) tree.put(uint32Key(n * 2), new Uint8Array(8))
  store.checkpoint()
  const root = tree.rootPageNumber
  const { allocations } = store.statistics
  assert.equal(tree.delete(uint32Key(7)), false)
  assert.equal(tree.rootPageNumber, root)
  assert.equal(store.statistics.allocations, allocations)
})

test('drop frees every page, overflow chains included', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.1, seed: 4 })
  const tree = BTree.create(store)
  for (let n = 0; n < 1500; n++) tree.put(uint32Key(n), randomBytes(n % 10 === 0 ? 3000 : 40, n))
  store.checkpoint()
  for (let n = 0; n < 100; n++) tree.put(uint32Key(n), new Uint8Array(2000))
  assert.ok(tree.verify().overflowPages > 0)
  tree.drop()
  assert.equal(store.livePageCount, 0)
  assert.throws(() => tree.get(uint32Key(1)), InternalError)
  store.checkpoint()
  assert.equal(store.retiredPageCount, 0)
})

test('a corrupt page raises InternalError, not wrong data', () => {
  // The pager's checksums catch damage anywhere in a page; these flips hit the bytes the B+tree
  // itself checks (kinds, versions, counts, offsets, lengths, chain links), so the tree must
  // refuse them even without checksums.
  const cases: { name: string; page: 'root' | 'leaf' | 'overflow'; offset: number }[] = [
    { name: 'root kind', page: 'root', offset: 0 },
    { name: 'root version', page: 'root', offset: 1 },
    { name: 'root cell count', page: 'root', offset: 2 },
    { name: 'leaf cell area start', page: 'leaf', offset: 4 },
    { name: 'leaf slot', page: 'leaf', offset: 8 },
    { name: 'overflow kind', page: 'overflow', offset: 0 },
    { name: 'overflow payload length', page: 'overflow', offset: 3 },
    { name: 'overflow next page', page: 'overflow', offset: 7 },
  ]
  for (const { name, page, offset } of cases) {
    const store = new MemoryPageStore()
    const tree = BTree.create(store)
    for (let n = 0; n < 1000; n++) tree.put(uint32Key(n), new Uint8Array(20))
    const large = randomBytes(30_000, 1)
    tree.put(uint32Key(0), large)
    const pageNumber = corruptTarget(tree, store, page)
    store.corruptByte(pageNumber, offset, 0x5a)
    assert.throws(
      () => {
        assert.deepEqual(tree.get(uint32Key(0)), large)
        assert.equal(tree.verify().entries, 1000)
      },
      InternalError,
      name,
    )
  }
})

/** The page of a corruption case: the root, the first leaf, or the first overflow page. */
function corruptTarget(tree: BTree, store: MemoryPageStore, page: 'root' | 'leaf' | 'overflow') {
  if (page === 'root') return tree.rootPageNumber
  const live = store.livePageNumbers()
  const kind = page === 'leaf' ? 0x01 : 0x03
  // The leaf holding key 0 is the first leaf page allocated (the original root).
  const found = live.find((pageNumber) => store.read(pageNumber)[0] === kind)
  assert.ok(found !== undefined)
  return found
}

test('cell key lengths over the limit raise InternalError', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  tree.put(Uint8Array.of(1), Uint8Array.of(2))
  const root = store.read(tree.rootPageNumber)
  const offset = ((root[8] ?? 0) << 8) | (root[9] ?? 0)
  store.corruptByte(tree.rootPageNumber, offset, 0xf0)
  assert.throws(() => tree.get(Uint8Array.of(1)), InternalError)
})

test('one operation touches a bounded number of pages', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  const random = new Random(21)
  for (let n = 0; n < 30_000; n++) {
    tree.put(uint32Key(random.nextUint32()), randomBytes(n % 97 === 0 ? 50_000 : 30, n))
    if (n % 5000 === 0) store.checkpoint()
    if (n % 3 === 0) tree.delete(uint32Key(random.nextUint32()))
  }
  const { touchedPagesMax } = store.statistics
  const { depth } = tree.verify()
  // Path copies, a split or a rebalance per level, a new root, and chain pages between releases.
  const bound = 4 * depth + 2 + 2 * overflowPagesPerRelease
  assert.ok(touchedPagesMax <= bound, `${touchedPagesMax} pages touched, bound ${bound}`)
  assert.ok(depth < btreeDepthMax)
})

test('visitRange: a run spanning several leaves, stopping early, and an empty range', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.1, seed: 3 })
  const tree = BTree.create(store)
  // 300 keys of prefix 7 with 500-byte values: the run covers many leaves.
  const key = (prefix: number, n: number) => Uint8Array.of(prefix, n >> 8, n & 0xff)
  for (let n = 0; n < 300; n++) {
    for (const prefix of [6, 7, 8]) tree.put(key(prefix, n), randomBytes(500, prefix * 1000 + n))
  }
  assert.ok(tree.verify().depth >= 2)
  const seen: number[] = []
  tree.visitRange(Uint8Array.of(7), Uint8Array.of(8), (k, value) => {
    assert.deepEqual(value, randomBytes(500, 7000 + (((k[1] as number) << 8) | (k[2] as number))))
    seen.push(((k[1] as number) << 8) | (k[2] as number))
    return true
  })
  assert.deepEqual(
    seen,
    Array.from({ length: 300 }, (_, n) => n),
  )
  let visits = 0
  tree.visitRange(key(7, 10), Uint8Array.of(8), () => ++visits < 5)
  assert.equal(visits, 5, 'the visitor stops the run')
  tree.visitRange(Uint8Array.of(7, 5), Uint8Array.of(7, 5), () => assert.fail('empty range'))
  tree.visitRange(Uint8Array.of(9), Uint8Array.of(10), () => assert.fail('past the last key'))
})

test('the finger: an ascending load probes one page per key, not one per level', () => {
  const store = new MemoryPageStore()
  const tree = BTree.create(store)
  const value = randomBytes(40, 9)
  // A 200-byte common prefix keeps separators long, so the tree gets three levels.
  const longKey = (n: number) => {
    const key = new Uint8Array(204).fill(0x61)
    key.set(uint32Key(n), 200)
    return key
  }
  for (let n = 0; n < 20_000; n++) tree.put(longKey(n), value)
  const depth = tree.verify().depth
  assert.ok(depth >= 3, `a deep enough tree (${depth} levels)`)
  let probeReads = 0
  const keys = 1000
  for (let n = 20_000; n < 20_000 + keys; n++) {
    const before = store.statistics.reads
    tree.visitRange(longKey(n), longKey(n + 1), () => assert.fail('a new key'))
    probeReads += store.statistics.reads - before
    tree.put(longKey(n), value)
    if (n % 300 === 0) store.checkpoint() // copy-on-write moves the path; the finger follows
  }
  // Descents happen only after a split (about once per leaf) or a checkpoint moved pages;
  // each put in between edits the finger's path without searching it (edits are not reads).
  assert.ok(probeReads < keys * 1.2, `${probeReads} page reads for ${keys} probes`)
  const stats = tree.verify()
  assert.equal(stats.entries, 20_000 + keys)
  for (let n = 0; n < 20_000 + keys; n += 97) assert.deepEqual(tree.get(longKey(n)), value)
  assertNoLeak(tree, store)
})

test('the finger is not used once the tree changed: a delete, then puts elsewhere', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.3, seed: 5 })
  const tree = BTree.create(store)
  const value = randomBytes(200, 1)
  for (let n = 0; n < 3000; n++) tree.put(uint32Key(n * 2), value)
  // Alternate between far apart keys, deletes that merge pages, and gets near the last put.
  const random = new Random(17)
  const present = new Set<number>()
  for (let n = 0; n < 3000; n++) present.add(n * 2)
  for (let step = 0; step < 4000; step++) {
    const k = random.nextInt(6000)
    if (random.chance(0.4)) {
      assert.equal(tree.delete(uint32Key(k)), present.delete(k))
    } else {
      tree.put(uint32Key(k), value)
      present.add(k)
    }
    const probe = random.nextInt(6000)
    assert.equal(tree.get(uint32Key(probe)) !== undefined, present.has(probe))
  }
  assert.equal(tree.verify().entries, present.size)
  assertNoLeak(tree, store)
})
