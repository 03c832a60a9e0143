// Unit tests of overflow chains: lengths around page boundaries round-trip with the right number
// of pages, freeing returns every page, long chains release their pages as they go, and a chain
// whose pages break the format rule (wrong kind, length or link) raises InternalError.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError } from '../../errors/index.js'
import { Random } from '../../lib/random.js'
import { btreeInlineValueBytesMax } from '../../limits.js'
import {
  freeOverflowChain,
  overflowChainPages,
  overflowPagesPerRelease,
  overflowPayloadBytes,
  readOverflowChain,
  walkOverflowChain,
  writeOverflowChain,
} from './overflow-chain.js'
import { MemoryPageStore } from './testing/memory-page-store.js'

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  new Random(seed).fill(bytes)
  return bytes
}

test('chains round-trip with the expected page counts', () => {
  const store = new MemoryPageStore({ evictionProbability: 0.5, seed: 1 })
  const payload = overflowPayloadBytes(store.pageBodyBytes)
  const lengths = [btreeInlineValueBytesMax + 1, payload - 1, payload, payload + 1, 5 * payload]
  for (const length of lengths) {
    const value = randomBytes(length, length)
    const firstPageNumber = writeOverflowChain(store, value)
    const reference = { length, firstPageNumber }
    assert.equal(store.livePageCount, Math.ceil(length / payload))
    assert.equal(overflowChainPages(length, store.pageBodyBytes), Math.ceil(length / payload))
    assert.deepEqual(readOverflowChain(store, reference), value)
    freeOverflowChain(store, reference)
    assert.equal(store.livePageCount, 0)
  }
})

test('long chains release their pages while they are written and read', () => {
  const store = new MemoryPageStore({ evictionProbability: 1, seed: 2 })
  const value = randomBytes(200 * overflowPayloadBytes(store.pageBodyBytes), 3)
  const operationsBefore = store.statistics.operations
  const firstPageNumber = writeOverflowChain(store, value)
  assert.deepEqual(readOverflowChain(store, { length: value.length, firstPageNumber }), value)
  assert.ok(store.statistics.operations - operationsBefore >= (2 * 200) / overflowPagesPerRelease)
  assert.ok(store.statistics.touchedPagesMax <= overflowPagesPerRelease)
})

test('a chain that breaks the format rule raises InternalError', () => {
  const payload = overflowPayloadBytes(8160)
  const corruptions: [string, (store: MemoryPageStore, pages: number[]) => void][] = [
    ['wrong kind', (store, pages) => store.corruptByte(pages[1] as number, 0, 0x07)],
    ['future version', (store, pages) => store.corruptByte(pages[1] as number, 1, 0x03)],
    ['short payload', (store, pages) => store.corruptByte(pages[0] as number, 3, 0x01)],
    ['early end', (store, pages) => store.read(pages[1] as number).fill(0xff, 4, 8)],
    ['missing end', (store, pages) => store.corruptByte(pages[2] as number, 7, 0x01)],
    ['link to a free page', (store, pages) => store.free(pages[2] as number)],
  ]
  for (const [name, corrupt] of corruptions) {
    const store = new MemoryPageStore()
    const value = randomBytes(2 * payload + 10, 4)
    const firstPageNumber = writeOverflowChain(store, value)
    const pages: number[] = []
    walkOverflowChain(store, { length: value.length, firstPageNumber }, (pageNumber) => {
      pages.push(pageNumber)
    })
    corrupt(store, pages)
    assert.throws(
      () => readOverflowChain(store, { length: value.length, firstPageNumber }),
      InternalError,
      name,
    )
  }
})

test('a recorded length that disagrees with the chain raises InternalError', () => {
  const store = new MemoryPageStore()
  const payload = overflowPayloadBytes(store.pageBodyBytes)
  const firstPageNumber = writeOverflowChain(store, randomBytes(2 * payload, 5))
  assert.throws(() => readOverflowChain(store, { length: 2 * payload + 1, firstPageNumber }), {
    name: 'InternalError',
  })
  assert.throws(() => readOverflowChain(store, { length: payload + 1, firstPageNumber }), {
    name: 'InternalError',
  })
})
