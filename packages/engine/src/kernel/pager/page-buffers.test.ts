// Page memory from slabs (page-buffers.ts): buffers are page-sized and disjoint, recycled
// buffers come back (zeroed when asked), a buffer the current operation may use comes back only
// after it ends, and no more than spareMax are kept.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { pageBufferSlabPages, pageBytes, pageHeaderBytes } from '../../limits.js'
import { PageBuffers } from './page-buffers.js'

test('buffers are whole pages, disjoint, with the body after the header; new ones are zero', () => {
  const buffers = new PageBuffers(8)
  const taken = Array.from({ length: pageBufferSlabPages + 3 }, () => buffers.take(true))
  for (const [i, buffer] of taken.entries()) {
    assert.equal(buffer.page.length, pageBytes)
    assert.equal(buffer.body.length, pageBytes - pageHeaderBytes)
    assert.equal(buffer.body.byteOffset, buffer.page.byteOffset + pageHeaderBytes)
    assert.ok(buffer.page.every((byte) => byte === 0))
    buffer.page.fill(i + 1)
  }
  for (const [i, buffer] of taken.entries()) {
    assert.ok(
      buffer.page.every((byte) => byte === i + 1),
      `page ${i} was not overwritten`,
    )
  }
})

test('given buffers are reused, zeroed on request; deferred ones only after the operation', () => {
  const buffers = new PageBuffers(8)
  const a = buffers.take(true)
  a.page.fill(7)
  buffers.giveAfterOperation(a)
  assert.equal(buffers.spareCount, 0, 'still possibly in use')
  assert.notEqual(buffers.take(true).page, a.page)
  buffers.releaseDeferred()
  assert.equal(buffers.spareCount, 1)
  const again = buffers.take(true)
  assert.equal(again.page, a.page)
  assert.ok(
    again.page.every((byte) => byte === 0),
    'zeroed on request',
  )
  again.page.fill(9)
  buffers.give(again)
  assert.equal(buffers.take(false).page[0], 9, 'stale bytes when not asked to zero')
})

test('at most spareMax buffers are kept', () => {
  const buffers = new PageBuffers(2)
  const taken = Array.from({ length: 5 }, () => buffers.take(false))
  for (const buffer of taken) buffers.give(buffer)
  assert.equal(buffers.spareCount, 2)
})
