// Unit tests of the slotted node page: insert, remove and compaction keep the layout exact,
// binary searches find the right slots, headers that break the format rule are refused, and
// separators are the shortest key between their neighbours.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError } from '../../errors/index.js'
import { pageBytes, pageHeaderBytes } from '../../limits.js'
import {
  encodeInteriorCell,
  encodeLeafCell,
  NodePage,
  nodeCapacityBytes,
  shortestSeparator,
} from './node-page.js'

const bodyBytes = pageBytes - pageHeaderBytes
const bytes = (...values: number[]) => Uint8Array.from(values)
const inline = (value: Uint8Array) => ({ kind: 'Inline' as const, bytes: value })

function leafWith(keys: number[]): NodePage {
  const page = NodePage.format(new Uint8Array(bodyBytes), 7, true)
  keys.forEach((key, index) => {
    assert.equal(page.insertCell(index, encodeLeafCell(bytes(key), inline(bytes(key, key)))), true)
  })
  return page
}

test('cells inserted and removed keep the layout exact', () => {
  const page = leafWith([10, 20, 30, 40])
  page.removeCell(1)
  page.removeCell(2)
  page.verifyLayout()
  assert.equal(page.cellCount, 2)
  assert.deepEqual(page.keyAt(0), bytes(10))
  assert.deepEqual(page.keyAt(1), bytes(30))
  assert.deepEqual(page.valueAt(1), inline(bytes(30, 30)))
  page.removeCell(0)
  page.removeCell(0)
  assert.equal(page.usedBytes, 8, 'an empty page holds only its header')
})

test('a fragmented page compacts to fit an insert', () => {
  const page = NodePage.format(new Uint8Array(bodyBytes), 7, true)
  const value = new Uint8Array(1000)
  for (let key = 0; key < 8; key++) {
    assert.equal(page.insertCell(key, encodeLeafCell(bytes(key), inline(value))), true)
  }
  assert.equal(page.insertCell(8, encodeLeafCell(bytes(8), inline(value))), false, 'full')
  // Remove every other cell: the free space is scattered in holes.
  for (let index = 6; index >= 0; index -= 2) page.removeCell(index)
  page.verifyLayout()
  for (const key of [0, 2, 4]) {
    const index = page.lowerBound(bytes(key))
    assert.equal(page.insertCell(index, encodeLeafCell(bytes(key), inline(value))), true)
    page.verifyLayout()
  }
  assert.deepEqual(
    Array.from({ length: page.cellCount }, (_, index) => page.keyAt(index)[0]),
    [0, 1, 2, 3, 4, 5, 7],
  )
  assert.ok(page.usedBytes <= nodeCapacityBytes(bodyBytes) + 8)
})

test('lowerBound and childIndexFor find slots by key', () => {
  const leaf = leafWith([10, 20, 30])
  assert.equal(leaf.lowerBound(bytes(5)), 0)
  assert.equal(leaf.lowerBound(bytes(20)), 1)
  assert.equal(leaf.lowerBound(bytes(20), true), 2)
  assert.equal(leaf.lowerBound(bytes(31)), 3)
  const interior = NodePage.format(new Uint8Array(bodyBytes), 8, false)
  interior.writeCells([
    encodeInteriorCell(100, new Uint8Array(0)),
    encodeInteriorCell(101, bytes(20)),
    encodeInteriorCell(102, bytes(30)),
  ])
  interior.verifyLayout()
  assert.equal(interior.childIndexFor(bytes(5)), 0)
  assert.equal(interior.childIndexFor(bytes(20)), 1)
  assert.equal(interior.childIndexFor(bytes(20), true), 0)
  assert.equal(interior.childIndexFor(bytes(29)), 1)
  assert.equal(interior.childIndexFor(bytes(30)), 2)
  assert.equal(interior.childIndexFor(bytes(255)), 2)
  assert.equal(interior.childAt(2), 102)
})

test('a cell whose shape disagrees with its header is refused', () => {
  const page = leafWith([1])
  const cell = encodeLeafCell(bytes(2), inline(bytes(1, 2, 3)))
  assert.throws(() => page.insertCell(1, cell.subarray(0, cell.length - 1)), InternalError)
  assert.throws(() => page.insertCell(1, encodeInteriorCell(3, bytes(2))), InternalError)
})

test('headers that break the format rule raise InternalError', () => {
  const corruptions: [string, (body: Uint8Array) => void][] = [
    ['zeroed page', (body) => body.fill(0)],
    ['unknown kind', (body) => body.set([0x09], 0)],
    ['future version', (body) => body.set([0x02], 1)],
    ['slots overrun cells', (body) => body.set([0x10, 0x00], 2)],
    ['cell area beyond the page', (body) => body.set([0xff, 0xff], 4)],
    ['fragments beyond the cell area', (body) => body.set([0xff, 0xff], 6)],
  ]
  for (const [name, corrupt] of corruptions) {
    const page = leafWith([1, 2, 3])
    corrupt(page.bytes)
    assert.throws(() => NodePage.read(page.bytes, 7), InternalError, name)
  }
  const empty = NodePage.format(new Uint8Array(bodyBytes), 9, false)
  assert.throws(
    () => NodePage.read(empty.bytes, 9),
    InternalError,
    'an interior page needs a child',
  )
})

test('a slot pointing outside the cell area raises InternalError on access', () => {
  const page = leafWith([1, 2, 3])
  page.bytes.set([0x00, 0x09], 8)
  const read = NodePage.read(page.bytes, 7)
  assert.throws(() => read.keyAt(0), InternalError)
  assert.throws(() => read.lowerBound(bytes(2)), InternalError)
})

test('verifyLayout finds overlapping cells, bad accounting and unsorted keys', () => {
  const overlapping = leafWith([1, 2])
  overlapping.bytes.set(overlapping.bytes.subarray(8, 10), 10)
  assert.throws(() => overlapping.verifyLayout(), InternalError)
  const leaking = leafWith([1, 2])
  leaking.bytes.set([0x00, 0x05], 6)
  assert.throws(() => leaking.verifyLayout(), InternalError)
  const unsorted = leafWith([1, 2])
  const first = unsorted.bytes.slice(8, 10)
  unsorted.bytes.copyWithin(8, 10, 12)
  unsorted.bytes.set(first, 10)
  assert.throws(() => unsorted.verifyLayout(), InternalError)
})

test('shortestSeparator returns the shortest key between two keys', () => {
  assert.deepEqual(shortestSeparator(bytes(1, 2, 3), bytes(1, 5, 0, 0)), bytes(1, 5))
  assert.deepEqual(shortestSeparator(bytes(1, 2), bytes(1, 2, 0)), bytes(1, 2, 0))
  assert.deepEqual(shortestSeparator(new Uint8Array(0), bytes(0)), bytes(0))
  assert.deepEqual(shortestSeparator(bytes(9), bytes(10, 1, 1)), bytes(10))
  assert.throws(() => shortestSeparator(bytes(2), bytes(1)), InternalError)
  assert.throws(() => shortestSeparator(bytes(1), bytes(1)), InternalError)
})
