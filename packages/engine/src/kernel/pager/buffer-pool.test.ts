// The buffer pool's clock sweep on its own (the pager's use of it is in pager.test.ts): frames
// used often survive scans larger than the pool, pages touched once go first, pinned frames are
// never evicted, dirty victims are written before they are dropped (clean ones are not), and a
// random sequence of operations keeps the pool within its budget once nothing is pinned.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { bufferUsageCountMax } from '../../limits.js'
import { BufferPool, type Frame } from './buffer-pool.js'

function frameOf(pageNumber: number, isDirty = false): Frame {
  const page = new Uint8Array(16)
  return { pageNumber, page, body: page.subarray(8), isDirty, epoch: 1, lsn: 0 }
}

/** A pool whose victim writes are recorded (and make the frame clean, as the pager does). */
function recordingPool(capacity: number): { pool: BufferPool; written: number[] } {
  const written: number[] = []
  const pool = new BufferPool(capacity, (frame) => {
    assert.ok(frame.isDirty, 'only dirty victims are written')
    written.push(frame.pageNumber)
    frame.isDirty = false
  })
  return { pool, written }
}

/** Admits pages [from, from + count), one operation each, as a scan reading them once. */
function scan(pool: BufferPool, from: number, count: number, touchEvery?: () => void): void {
  for (let i = 0; i < count; i++) {
    pool.admit(frameOf(from + i))
    pool.unpinAll()
    if (touchEvery !== undefined && i % 16 === 0) {
      touchEvery()
      pool.unpinAll()
    }
  }
}

test('a hot page survives a scan larger than the pool', () => {
  const { pool } = recordingPool(64)
  pool.admit(frameOf(1))
  pool.unpinAll()
  for (let i = 0; i < bufferUsageCountMax; i++) {
    assert.ok(pool.find(1) !== undefined)
    pool.unpinAll()
  }
  scan(pool, 100, 2 * 64)
  assert.ok(pool.has(1), 'a page used often outlives a scan of twice the pool, untouched')
  assert.equal(pool.size, 64)
  // A page touched now and then during a scan (a B+tree root) survives any length of scan.
  scan(pool, 1000, 20 * 64, () => assert.ok(pool.find(1) !== undefined))
  assert.ok(pool.has(1), 'a page used during a scan of twenty times the pool stays')
})

test('pages touched once go before pages touched again', () => {
  const { pool } = recordingPool(64)
  scan(pool, 0, 64)
  for (let page = 0; page < 32; page++) pool.find(page)
  pool.unpinAll()
  scan(pool, 100, 32)
  for (let page = 0; page < 32; page++) assert.ok(pool.has(page), `page ${page} was used twice`)
  for (let page = 32; page < 64; page++) assert.ok(!pool.has(page), `page ${page} was used once`)
})

test('pinned frames are never evicted: the pool grows, then shrinks at unpin', () => {
  const { pool } = recordingPool(8)
  for (let page = 0; page < 20; page++) pool.admit(frameOf(page))
  assert.equal(pool.size, 20, 'every frame of the running operation is pinned')
  pool.unpinAll()
  assert.equal(pool.size, 8)
  // Frames found again in an operation are pinned too, while new ones are admitted.
  const kept = [12, 13, 14, 15, 16, 17, 18, 19].filter((page) => pool.has(page))
  for (const page of kept) pool.find(page)
  for (let page = 100; page < 120; page++) pool.admit(frameOf(page))
  for (const page of kept) assert.ok(pool.has(page), `pinned page ${page} stays`)
  pool.unpinAll()
  assert.equal(pool.size, 8)
})

test('a dirty victim is written before it is dropped; clean victims and discards are not', () => {
  const { pool, written } = recordingPool(4)
  pool.admit(frameOf(1, true))
  pool.admit(frameOf(2, false))
  pool.admit(frameOf(3, true))
  pool.admit(frameOf(4, true))
  pool.discard(4)
  pool.unpinAll()
  scan(pool, 10, 8)
  assert.deepEqual(written, [1, 3], 'the dirty pages, in sweep order; the discarded one not')
  for (const page of [1, 2, 3, 4]) assert.ok(!pool.has(page))
})

test('a failed victim write leaves the frame cached (and dirty)', () => {
  const pool = new BufferPool(2, () => {
    throw new Error('disk full')
  })
  pool.admit(frameOf(1, true))
  pool.admit(frameOf(2, true))
  pool.unpinAll()
  assert.throws(() => pool.admit(frameOf(3)), /disk full/)
  assert.ok(pool.has(1) && pool.has(2) && pool.has(3))
  assert.equal(pool.dirtyFrames().length, 2)
})

test('random operations: within budget when unpinned, pinned frames kept, dirty frames written', () => {
  type Op =
    | { readonly kind: 'admit'; readonly page: number; readonly isDirty: boolean }
    | { readonly kind: 'find'; readonly page: number }
    | { readonly kind: 'discard'; readonly page: number }
    | { readonly kind: 'unpin' }
  const page = fc.integer({ min: 0, max: 40 })
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('admit' as const), page, isDirty: fc.boolean() }),
    fc.record({ kind: fc.constant('find' as const), page }),
    fc.record({ kind: fc.constant('discard' as const), page }),
    fc.constant({ kind: 'unpin' as const }),
  )
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 300 }), (cap, ops) => {
      const dirty = new Set<number>()
      const pool = new BufferPool(cap, (frame) => {
        assert.ok(dirty.delete(frame.pageNumber), 'a written victim was dirty')
        frame.isDirty = false
      })
      let pinned = new Set<number>()
      for (const step of ops) {
        if (step.kind === 'admit') {
          if (pool.has(step.page)) continue
          pool.admit(frameOf(step.page, step.isDirty))
          if (step.isDirty) dirty.add(step.page)
          pinned.add(step.page)
        } else if (step.kind === 'find') {
          if (pool.find(step.page) !== undefined) pinned.add(step.page)
        } else if (step.kind === 'discard') {
          pool.discard(step.page)
          dirty.delete(step.page)
          pinned.delete(step.page)
        } else {
          pool.unpinAll()
          pinned = new Set()
          assert.ok(pool.size <= cap, 'within budget once nothing is pinned')
        }
        for (const held of pinned) assert.ok(pool.has(held), `pinned page ${held} is cached`)
        // Every dirty page is either still cached or was written (removed from `dirty`).
        for (const page of dirty) assert.ok(pool.has(page), `dirty page ${page} was not lost`)
        assert.equal(pool.dirtyFrames().length, dirty.size)
      }
    }),
  )
})

/** A pool of dirty frames whose WAL is durable up to `durable.lsn` (frame n has LSN n). */
function walAwarePool(capacity: number) {
  const durable = { lsn: 0 }
  const written: number[] = []
  const requested: number[] = []
  const dropped: { pageNumber: number; isPinned: boolean }[] = []
  const pool = new BufferPool(
    capacity,
    (frame) => {
      written.push(frame.pageNumber)
      frame.isDirty = false
    },
    {
      isWritableNow: (frame) => frame.lsn <= durable.lsn,
      requestDurable: (frame) => requested.push(frame.lsn),
      readiness: () => durable.lsn,
      dropped: (frame, isPinned) => dropped.push({ pageNumber: frame.pageNumber, isPinned }),
    },
  )
  const admitDirty = (pageNumber: number) => {
    pool.admit({ ...frameOf(pageNumber, true), lsn: pageNumber })
    pool.unpinAll()
  }
  return { pool, durable, written, requested, dropped, admitDirty }
}

test('eviction prefers a victim whose WAL is durable over one that would wait for an fsync', () => {
  const { pool, durable, written, requested, admitDirty } = walAwarePool(64)
  for (let page = 1; page <= 64; page++) admitDirty(page)
  durable.lsn = 40 // pages 1..40 writable at once; 41..64 would need the WAL first
  for (let page = 41; page <= 64; page++) {
    pool.find(page)
    pool.unpinAll()
  }
  for (let page = 1; page <= 30; page++) pool.find(page)
  pool.unpinAll()
  admitDirty(100)
  assert.equal(written.length, 1)
  assert.ok((written[0] as number) <= 40, `victim ${written[0]} has a durable WAL`)
  assert.deepEqual(requested, [], 'no fsync was asked for')
  assert.equal(pool.size, 64)
})

test('when every victim would wait, the pool overshoots a sixteenth, asks for the WAL, then writes', () => {
  const { pool, durable, written, requested, admitDirty } = walAwarePool(64)
  for (let page = 1; page <= 64; page++) admitDirty(page)
  for (let page = 65; page <= 68; page++) admitDirty(page)
  assert.equal(pool.size, 68, 'four pages over (64 / 16): nothing written, nothing waited for')
  assert.deepEqual(written, [])
  assert.ok(requested.length > 0, 'the WAL was asked to become durable in the background')
  admitDirty(69)
  assert.equal(written.length, 1, 'past the overshoot a victim is written (the pager waits)')
  assert.equal(pool.size, 68)
  // The background fsync completes: the next evictions write durable victims and shrink back.
  durable.lsn = 1000
  admitDirty(70)
  assert.equal(pool.size, 64)
})

test('dropped frames are reported, pinned or not (the pager recycles their memory)', () => {
  const { pool, dropped, admitDirty } = walAwarePool(64)
  admitDirty(1)
  pool.find(1)
  pool.discard(1)
  pool.unpinAll()
  admitDirty(2)
  pool.discard(2)
  assert.deepEqual(dropped, [
    { pageNumber: 1, isPinned: true },
    { pageNumber: 2, isPinned: false },
  ])
})
