// The pager over MemoryVfs and SimulatedVfs with a fake WAL (DurableLsnSource) that records
// when it is asked to flush: page allocation and editing, copy-on-write across checkpoints and
// delayed reuse of freed pages, eviction with checksums verified on the way back, the WAL rule,
// reopening, XX001 for damaged pages and meta slots, and a crash between cut and finish.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../errors/index.js'
import { pageBytes, pageHeaderBytes } from '../../limits.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from '../vfs/index.js'
import { type DurableLsnSource, Pager } from './index.js'

const fileName = 'main.db'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** A WAL stand-in: durable up to `lsnDurable`; records each flushSync and what it saw then. */
class FakeWal implements DurableLsnSource {
  lsnDurable = 0
  readonly flushes: number[] = []
  onFlush: ((lsn: number) => void) | undefined

  flushSync(lsn: number): void {
    this.onFlush?.(lsn)
    this.flushes.push(lsn)
    this.lsnDurable = Math.max(this.lsnDurable, lsn)
  }
}

async function openPager(
  vfs: Vfs,
  options: { wal?: FakeWal; cacheBytes?: number; state?: string } = {},
): Promise<Pager> {
  const isNew = !vfs.exists(fileName)
  const file = vfs.open(fileName, { create: true })
  if (isNew) await vfs.syncDirectory('')
  return Pager.open({
    file,
    cacheBytes: options.cacheBytes ?? 1 << 20,
    durableLsn: options.wal ?? new FakeWal(),
    initialKernelState: encoder.encode(options.state ?? 'initial'),
  })
}

/** Fills a page body with a recognisable pattern for `tag`. */
function fill(bytes: Uint8Array, tag: number): void {
  for (let i = 0; i < bytes.length; i++) bytes[i] = (tag * 7 + i) & 0xff
}

function hasPattern(bytes: Uint8Array, tag: number): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== ((tag * 7 + i) & 0xff)) return false
  return true
}

async function checkpoint(pager: Pager, redoLsn: number, state: string): Promise<void> {
  const pending = pager.cutCheckpoint(redoLsn, encoder.encode(state))
  await pager.finishCheckpoint(pending)
}

/** Reads raw bytes of the data file through a separate handle. */
function readRaw(vfs: Vfs, offset: number, length: number): Uint8Array {
  const file = vfs.open(fileName, { create: false })
  try {
    const bytes = new Uint8Array(length)
    const count = file.read(bytes, offset)
    return bytes.subarray(0, count)
  } finally {
    file.close()
  }
}

function writeRaw(vfs: Vfs, bytes: Uint8Array, offset: number): void {
  const file = vfs.open(fileName, { create: false })
  try {
    file.write(bytes, offset)
  } finally {
    file.close()
  }
}

/** Completes the simulator's pending syncs (`perStep` at a time) until `promise` settles. */
async function driveSyncs<T>(
  vfs: SimulatedVfs,
  promise: Promise<T>,
  perStep = Number.POSITIVE_INFINITY,
): Promise<T> {
  let isDone = false
  const watched = promise.finally(() => {
    isDone = true
  })
  watched.catch(() => {})
  for (let i = 0; i < 100 && !isDone; i++) {
    vfs.completeSyncs(perStep)
    await new Promise((resolve) => setImmediate(resolve))
  }
  assert.ok(isDone, 'settled once the pending syncs completed')
  return watched
}

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

async function rejection(promise: Promise<unknown>): Promise<SqlError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected a rejection')
}

test('a new file: two meta slots, checkpoint 0, the initial kernel state, durable at once', async () => {
  const vfs = new SimulatedVfs({ seed: 1 })
  const pager = await openPager(vfs, { state: 'hello' })
  assert.equal(pager.pageCount, 2)
  assert.equal(pager.epoch, 1)
  assert.equal(pager.meta.checkpointSequence, 0)
  assert.equal(pager.meta.redoLsn, 0)
  assert.equal(decoder.decode(pager.meta.kernelState), 'hello')
  assert.equal(pager.pageBodyBytes, pageBytes - pageHeaderBytes)
  assert.equal(vfs.findDurableBytes(fileName)?.length, pageBytes, 'meta slot 0 is on disk')
})

test('allocate, edit and read pages within one epoch', async () => {
  const pager = await openPager(new MemoryVfs())
  const first = pager.allocate()
  const second = pager.allocate()
  assert.equal(first.pageNumber, 2, 'pages 0 and 1 are the meta slots')
  assert.equal(second.pageNumber, 3)
  assert.equal(first.bytes.length, pager.pageBodyBytes)
  assert.ok(
    first.bytes.every((b) => b === 0),
    'a new page is zeroed',
  )
  fill(first.bytes, 1)
  const edited = pager.edit(first.pageNumber)
  assert.equal(edited.pageNumber, first.pageNumber, 'same epoch: edited in place')
  assert.ok(hasPattern(edited.bytes, 1))
  fill(edited.bytes, 2)
  assert.ok(hasPattern(pager.read(first.pageNumber), 2))
  assert.equal(pager.pageCount, 4)
})

test('copy-on-write: after a checkpoint, edit copies the page; the old one waits a checkpoint', async () => {
  const pager = await openPager(new MemoryVfs())
  const original = pager.allocate()
  fill(original.bytes, 5)
  pager.endOperation()
  await checkpoint(pager, 0, 'one')
  assert.equal(pager.meta.checkpointSequence, 1, 'the checkpoint closes epoch 1')
  assert.equal(pager.epoch, 2, 'and a new epoch starts')

  const copy = pager.edit(original.pageNumber)
  assert.notEqual(copy.pageNumber, original.pageNumber, 'the snapshot page is not written')
  assert.ok(hasPattern(copy.bytes, 5), 'the copy starts as the original')
  fill(copy.bytes, 6)
  assert.ok(hasPattern(pager.edit(copy.pageNumber).bytes, 6), 'the copy is edited in place')
  assert.equal(pager.edit(copy.pageNumber).pageNumber, copy.pageNumber)

  const allocated = new Set<number>()
  for (let i = 0; i < 5; i++) allocated.add(pager.allocate().pageNumber)
  assert.ok(!allocated.has(original.pageNumber), 'not reused before the next checkpoint')
  pager.endOperation()

  // The next checkpoint no longer refers to the original page: once durable, it is reused.
  await checkpoint(pager, 0, 'two')
  const reused = new Set<number>()
  for (let i = 0; i < 3; i++) reused.add(pager.allocate().pageNumber)
  assert.ok(reused.has(original.pageNumber), 'reused after the checkpoint completed')
})

test('a page freed after a checkpoint is not reused until the cut that drops it is durable', async () => {
  const vfs = new SimulatedVfs({ seed: 4, syncCompletion: 'manual' })
  const pager = await driveSyncs(vfs, openPager(vfs))
  const page = pager.allocate()
  fill(page.bytes, 9)
  pager.endOperation()
  await driveSyncs(vfs, pager.finishCheckpoint(pager.cutCheckpoint(0, encoder.encode('one'))))

  pager.free(page.pageNumber)
  const second = pager.cutCheckpoint(0, encoder.encode('two'))
  const finishingSecond = pager.finishCheckpoint(second)
  // Between cut and finish the page is still part of the durable snapshot.
  const during = new Set<number>()
  for (let i = 0; i < 4; i++) during.add(pager.allocate().pageNumber)
  assert.ok(!during.has(page.pageNumber), 'not reused while the checkpoint is in flight')
  await driveSyncs(vfs, finishingSecond)
  const after = new Set<number>()
  for (let i = 0; i < 8; i++) after.add(pager.allocate().pageNumber)
  assert.ok(after.has(page.pageNumber))
})

test('a page freed in the epoch that wrote it is reusable at once', async () => {
  const pager = await openPager(new MemoryVfs())
  const page = pager.allocate()
  const before = pager.freePageCount
  pager.free(page.pageNumber)
  assert.equal(pager.freePageCount, before + 1)
  assert.equal(pager.allocate().pageNumber, page.pageNumber)
})

test('eviction under a small cache writes dirty pages; reading them back verifies checksums', async () => {
  const vfs = new MemoryVfs()
  const pager = await openPager(vfs, { cacheBytes: 1 })
  const pages: number[] = []
  for (let i = 0; i < 200; i++) {
    const page = pager.allocate()
    fill(page.bytes, i)
    pages.push(page.pageNumber)
  }
  assert.equal(pager.cachedPages, 200, 'pages of a running operation are pinned')
  pager.endOperation()
  assert.ok(pager.cachedPages <= 64, `${pager.cachedPages} pages cached after unpinning`)
  const firstOnDisk = readRaw(vfs, (pages[0] as number) * pageBytes, pageBytes)
  assert.equal(firstOnDisk.length, pageBytes, 'the least recently used page was written')
  assert.ok(hasPattern(firstOnDisk.subarray(pageHeaderBytes), 0))
  for (let i = 0; i < pages.length; i++) {
    assert.ok(hasPattern(pager.read(pages[i] as number), i), `page ${pages[i]} reads back`)
    if (i % 50 === 49) pager.endOperation()
  }
  pager.endOperation()
  // Damage an evicted page: the next read from the file catches it.
  const victim = pages[10] as number
  writeRaw(vfs, new Uint8Array([1, 2, 3]), victim * pageBytes + 500)
  for (let i = 100; i < 200; i++) pager.read(pages[i] as number)
  pager.endOperation()
  const error = catchSqlError(() => pager.read(victim))
  assert.equal(error.code, 'XX001')
})

test('the WAL rule: a page newer than the durable WAL makes the WAL flush before it is written', async () => {
  const vfs = new MemoryVfs()
  const wal = new FakeWal()
  const pager = await openPager(vfs, { wal, cacheBytes: 1 })
  const written: boolean[] = []
  let watched = -1
  wal.onFlush = () => {
    written.push(readRaw(vfs, watched * pageBytes, pageBytes).length === pageBytes)
  }
  pager.setLsn(100)
  const page = pager.allocate()
  watched = page.pageNumber
  fill(page.bytes, 1)
  pager.setLsn(250)
  for (let i = 0; i < 80; i++) fill(pager.allocate().bytes, i)
  pager.endOperation()
  assert.ok(wal.flushes.length > 0, 'eviction asked the WAL to flush')
  assert.equal(wal.flushes[0], 100, 'up to the LSN of the evicted page')
  assert.equal(written[0], false, 'before the page was written')
  assert.ok(wal.lsnDurable >= 100)
  assert.ok(readRaw(vfs, page.pageNumber * pageBytes, pageBytes).length === pageBytes)
})

test('the WAL rule: pages already covered by the durable WAL need no flush', async () => {
  const wal = new FakeWal()
  wal.lsnDurable = 1000
  const pager = await openPager(new MemoryVfs(), { wal, cacheBytes: 1 })
  pager.setLsn(500)
  for (let i = 0; i < 100; i++) pager.allocate()
  pager.endOperation()
  await checkpoint(pager, 500, 'x')
  assert.deepEqual(wal.flushes, [])
})

test('a checkpoint cut also flushes the WAL for the dirty pages it writes', async () => {
  const wal = new FakeWal()
  const pager = await openPager(new MemoryVfs(), { wal })
  pager.setLsn(42)
  pager.allocate()
  pager.endOperation()
  assert.deepEqual(wal.flushes, [], 'a page in cache waits')
  await checkpoint(pager, 42, 'x')
  assert.deepEqual(wal.flushes, [42])
})

test('page LSNs never go back', async () => {
  const pager = await openPager(new MemoryVfs())
  pager.setLsn(10)
  assert.throws(() => pager.setLsn(9), /page LSNs never go back/)
})

test('reopening after a checkpoint restores the meta state, the pages and the free list', async () => {
  const vfs = new MemoryVfs()
  const pager = await openPager(vfs)
  const pages: number[] = []
  for (let i = 0; i < 20; i++) {
    const page = pager.allocate()
    fill(page.bytes, i)
    pages.push(page.pageNumber)
  }
  pager.endOperation()
  await checkpoint(pager, 1234, 'first')
  for (const pageNumber of pages.slice(0, 5)) pager.free(pageNumber)
  pager.endOperation()
  await checkpoint(pager, 5678, 'second')
  const meta = pager.meta
  const freeCount = pager.freePageCount
  const pageCount = pager.pageCount
  assert.ok(freeCount >= 5)

  const reopened = await openPager(vfs, { state: 'unused for an existing file' })
  assert.deepEqual(reopened.meta, meta)
  assert.equal(reopened.meta.redoLsn, 5678)
  assert.equal(decoder.decode(reopened.meta.kernelState), 'second')
  assert.equal(reopened.epoch, meta.checkpointSequence + 1)
  assert.equal(reopened.pageCount, pageCount)
  assert.equal(reopened.freePageCount, freeCount)
  for (let i = 5; i < pages.length; i++) {
    assert.ok(hasPattern(reopened.read(pages[i] as number), i), `page ${pages[i]}`)
  }
  const freed = new Set(pages.slice(0, 5))
  const reused = Array.from({ length: freeCount }, () => reopened.allocate().pageNumber)
  for (const pageNumber of freed) assert.ok(reused.includes(pageNumber), 'free pages are reused')
  assert.equal(reopened.pageCount, pageCount, 'no growth while free pages remain')
})

test('a damaged page is XX001 naming the file, page and offset', async () => {
  const vfs = new MemoryVfs()
  const pager = await openPager(vfs)
  const pages = [pager.allocate(), pager.allocate(), pager.allocate()]
  pages.forEach((page, i) => {
    fill(page.bytes, i)
  })
  pager.endOperation()
  await checkpoint(pager, 0, 'x')
  const [a, b, c] = pages.map((page) => page.pageNumber) as [number, number, number]
  writeRaw(vfs, new Uint8Array([0xde, 0xad]), b * pageBytes + 1000)
  // Page a's bytes at page c's position: valid checksum, wrong page number.
  writeRaw(vfs, readRaw(vfs, a * pageBytes, pageBytes), c * pageBytes)

  const reopened = await openPager(vfs)
  assert.ok(hasPattern(reopened.read(a), 0))
  const checksum = catchSqlError(() => reopened.read(b))
  assert.equal(checksum.code, 'XX001')
  assert.equal(
    checksum.message,
    `invalid page in file "${fileName}": page ${b} at offset ${b * pageBytes}: checksum mismatch`,
  )
  const misplaced = catchSqlError(() => reopened.read(c))
  assert.equal(misplaced.code, 'XX001')
  assert.equal(
    misplaced.message,
    `invalid page in file "${fileName}": page ${c} at offset ${c * pageBytes}: page claims to be page ${a}`,
  )
})

test('one damaged meta slot falls back to the other; both damaged is XX001 at open', async () => {
  const vfs = new MemoryVfs()
  const pager = await openPager(vfs)
  await checkpoint(pager, 10, 'first')
  await checkpoint(pager, 20, 'second')
  const newestSlot = pager.meta.checkpointSequence % 2
  const olderSlot = 1 - newestSlot

  writeRaw(vfs, new Uint8Array([0xff, 0xff, 0xff]), newestSlot * pageBytes + 100)
  const fallback = await openPager(vfs)
  assert.equal(decoder.decode(fallback.meta.kernelState), 'first')
  assert.equal(fallback.meta.redoLsn, 10)

  writeRaw(vfs, new Uint8Array([0xff, 0xff, 0xff]), olderSlot * pageBytes + 100)
  const error = await rejection(openPager(vfs))
  assert.equal(error.code, 'XX001')
  assert.equal(
    error.message,
    `invalid page in file "${fileName}": page 0 at offset 0: no valid meta page (slot 0: checksum mismatch; slot 1: checksum mismatch)`,
  )
})

test('a data page copied over both meta slots is refused by the page number check', async () => {
  const vfs = new MemoryVfs()
  const pager = await openPager(vfs)
  await checkpoint(pager, 1, 'first')
  // A valid data page has a good checksum but claims another page number.
  const page = pager.allocate()
  fill(page.bytes, 1)
  pager.endOperation()
  await checkpoint(pager, 2, 'second')
  writeRaw(vfs, readRaw(vfs, page.pageNumber * pageBytes, pageBytes), 0)
  writeRaw(vfs, readRaw(vfs, page.pageNumber * pageBytes, pageBytes), pageBytes)
  const error = await rejection(openPager(vfs))
  assert.equal(error.code, 'XX001')
  assert.match(error.message, /slot 0: page claims to be page \d+; slot 1: page claims/)
})

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`a crash between cut and finish reopens at the previous checkpoint (seed ${seed})`, async () => {
    const vfs = new SimulatedVfs({ seed, syncCompletion: 'manual', crashUnsynced: 'torn' })
    const complete = <T>(promise: Promise<T>): Promise<T> => driveSyncs(vfs, promise)
    const pager = await complete(openPager(vfs))
    const pages: number[] = []
    for (let i = 0; i < 30; i++) {
      const page = pager.allocate()
      fill(page.bytes, i)
      pages.push(page.pageNumber)
    }
    pager.endOperation()
    await complete(pager.finishCheckpoint(pager.cutCheckpoint(100, encoder.encode('durable'))))

    // The next epoch rewrites half the pages (copies), frees some, adds more, and is cut.
    for (let i = 0; i < 15; i++) fill(pager.edit(pages[i] as number).bytes, 1000 + i)
    for (let i = 15; i < 20; i++) pager.free(pages[i] as number)
    for (let i = 0; i < 10; i++) fill(pager.allocate().bytes, 2000 + i)
    pager.endOperation()
    const pending = pager.cutCheckpoint(200, encoder.encode('cut only'))
    const finishing = rejection(pager.finishCheckpoint(pending))
    // Power fails while the first fsync of the checkpoint is in flight.
    assert.ok(vfs.syncsPending > 0)
    vfs.crash({ unsynced: 'torn' })
    const failure = await finishing
    assert.equal(failure.code, '58030')
    assert.ok(pager.failure !== undefined, 'the pager is failed after the fsync error')
    assert.equal(catchSqlError(() => pager.allocate()).code, '58030')

    const reopened = await complete(openPager(vfs))
    assert.equal(decoder.decode(reopened.meta.kernelState), 'durable')
    assert.equal(reopened.meta.redoLsn, 100)
    for (let i = 0; i < pages.length; i++) {
      assert.ok(
        hasPattern(reopened.read(pages[i] as number), i),
        `page ${pages[i]} as checkpointed`,
      )
    }
  })
}

test('a crash after the meta page was written but before its fsync gives one of the two checkpoints', async () => {
  for (const seed of [11, 12, 13, 14, 15, 16]) {
    const vfs = new SimulatedVfs({ seed, syncCompletion: 'manual' })
    const drive = <T>(promise: Promise<T>): Promise<T> => driveSyncs(vfs, promise, 1)
    const pager = await drive(openPager(vfs))
    const page = pager.allocate()
    fill(page.bytes, 1)
    pager.endOperation()
    await drive(pager.finishCheckpoint(pager.cutCheckpoint(1, encoder.encode('one'))))
    fill(pager.edit(page.pageNumber).bytes, 2)
    pager.endOperation()
    const finishing = rejection(
      pager.finishCheckpoint(pager.cutCheckpoint(2, encoder.encode('two'))),
    )
    vfs.completeSyncs(1) // the data fsync; the meta page is written next, then fsynced
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(vfs.syncsPending, 1, 'the meta fsync is in flight')
    vfs.crash({ unsynced: 'torn' })
    await finishing
    const reopened = await drive(openPager(vfs))
    const state = decoder.decode(reopened.meta.kernelState)
    assert.ok(state === 'one' || state === 'two', `seed ${seed}: ${state}`)
    assert.equal(reopened.meta.redoLsn, state === 'one' ? 1 : 2)
  }
})

test('a failed write puts the pager in its failed state (58030)', async () => {
  const vfs = new SimulatedVfs({ seed: 21 })
  const pager = await openPager(vfs)
  pager.allocate()
  pager.endOperation()
  vfs.failAt({ operation: 'write', nth: 1, code: 'EIO' })
  const error = catchSqlError(() => pager.cutCheckpoint(0, encoder.encode('x')))
  assert.equal(error.code, '58030')
  assert.match(error.message, /could not write file "main.db"/)
  assert.ok(pager.failure !== undefined)
  const after = catchSqlError(() => pager.allocate())
  assert.equal(after.code, '58030')
  assert.match(after.message, /failed state/)
  assert.equal(catchSqlError(() => pager.read(2)).code, '58030', 'reads are refused too')
})
