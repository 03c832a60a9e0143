// Tests of the copy-on-write test double itself: if it were lenient, the B+tree tests that rely
// on it would prove less. Each fault it claims to catch is provoked here once.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError } from '../../../errors/index.js'
import { MemoryPageStore } from './memory-page-store.js'

test('edit copies pages of older epochs and keeps current ones in place', () => {
  const store = new MemoryPageStore()
  const page = store.allocate()
  page.bytes[0] = 7
  assert.equal(store.edit(page.pageNumber).pageNumber, page.pageNumber)
  store.checkpoint()
  const copy = store.edit(page.pageNumber)
  assert.notEqual(copy.pageNumber, page.pageNumber)
  assert.equal(copy.bytes[0], 7)
  assert.throws(() => store.read(page.pageNumber), InternalError, 'the old page is retired')
  assert.equal(store.retiredPageCount, 1)
  assert.equal(store.edit(copy.pageNumber).pageNumber, copy.pageNumber)
})

test('freed pages are unreadable and reused only when no checkpoint needs them', () => {
  const store = new MemoryPageStore()
  const young = store.allocate()
  store.free(young.pageNumber)
  assert.throws(() => store.read(young.pageNumber), InternalError)
  assert.throws(() => store.free(young.pageNumber), InternalError, 'double free')
  assert.equal(young.bytes[0], 0xdb, 'a freed body is poisoned')
  assert.equal(store.allocate().pageNumber, young.pageNumber, 'reused at once')

  const old = store.allocate()
  store.checkpoint()
  store.free(old.pageNumber)
  assert.notEqual(store.allocate().pageNumber, old.pageNumber, 'not reused before a checkpoint')
  store.checkpoint()
  assert.equal(store.allocate().pageNumber, old.pageNumber, 'reused after the next checkpoint')
})

test('eviction poisons bodies held across endOperation', () => {
  const store = new MemoryPageStore({ evictionProbability: 1 })
  const page = store.allocate()
  page.bytes[0] = 1
  const held = store.read(page.pageNumber)
  store.endOperation()
  assert.equal(held[0], 0xdb)
  assert.equal(store.read(page.pageNumber)[0], 1, 'the page itself is intact')
})

test('the durable image keeps the checkpoint and exposes in-place writes', () => {
  const store = new MemoryPageStore({ keepDurableImage: true })
  const page = store.allocate()
  page.bytes[0] = 1
  store.checkpoint()
  store.edit(page.pageNumber).bytes[0] = 2
  store.verifyDurableImage()
  assert.equal(store.durableImage().read(page.pageNumber)[0], 1)
  assert.throws(() => store.durableImage().edit(page.pageNumber), InternalError)

  const other = store.allocate()
  store.checkpoint()
  store.read(other.pageNumber)[0] = 9 // a write through a read-only body
  assert.throws(() => store.verifyDurableImage(), InternalError)
})

test('touched pages are counted per operation', () => {
  const store = new MemoryPageStore()
  const pages = [store.allocate(), store.allocate(), store.allocate()]
  store.endOperation()
  store.read(pages[0]?.pageNumber ?? 0)
  store.endOperation()
  assert.equal(store.statistics.touchedPagesMax, 3)
})
