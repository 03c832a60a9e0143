// Tests of SimulatedVfs's fault model (its header, items 1-7), beyond the Vfs contract: what a
// crash keeps in each mode, that tearing happens only at sector granularity and only to unsynced
// data, that failAt hits exactly the nth call, that failed syncs are never retried, that
// directory entries need syncDirectory, and that a seed replays the same outcome.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { InternalError } from '../../errors/index.js'
import { SimulatedVfs } from './simulated-vfs.js'
import type { Vfs, VfsFile } from './vfs.js'
import { VfsError } from './vfs-error.js'

const sectorBytes = 512
const pageBytes = 8192

function filled(length: number, value: number): Uint8Array {
  return new Uint8Array(length).fill(value)
}

function contentOf(vfs: Vfs, path: string): Uint8Array {
  const file = vfs.open(path, { create: false })
  const buffer = new Uint8Array(file.size())
  file.read(buffer, 0)
  file.close()
  return buffer
}

/** A file `path` whose entry and `content` are durable; returns an open handle. */
async function durableFile(vfs: SimulatedVfs, path: string, content: Uint8Array): Promise<VfsFile> {
  const file = vfs.open(path, { create: true })
  file.write(content, 0)
  await file.sync()
  await vfs.syncDirectory('')
  return file
}

function isVfsError(code: string, operation: string): (error: unknown) => boolean {
  return (error) =>
    error instanceof VfsError && error.code === code && error.operation === operation
}

test('crash lost: unsynced writes and truncates vanish, synced ones stay', async () => {
  const vfs = new SimulatedVfs({ seed: 1, crashUnsynced: 'lost' })
  const file = await durableFile(vfs, 'f', filled(1024, 1))
  file.write(filled(512, 2), 0)
  file.write(filled(100, 3), 2000)
  vfs.crash()
  assert.deepEqual(contentOf(vfs, 'f'), filled(1024, 1))
  const again = vfs.open('f', { create: false })
  again.truncate(10)
  vfs.crash()
  assert.equal(contentOf(vfs, 'f').length, 1024)
})

test('crash kept: every unsynced write and entry survives, as if the OS flushed all', async () => {
  const vfs = new SimulatedVfs({ seed: 2, crashUnsynced: 'torn' })
  const file = vfs.open('f', { create: true })
  file.write(filled(3000, 7), 100)
  file.truncate(2500)
  vfs.mkdir('d/e')
  vfs.open('d/e/g', { create: true }).write(filled(5, 5), 0)
  vfs.crash({ unsynced: 'kept' })
  const expected = new Uint8Array(2500).fill(7, 100)
  assert.deepEqual(contentOf(vfs, 'f'), expected)
  assert.deepEqual(contentOf(vfs, 'd/e/g'), filled(5, 5))
})

test('crash torn: an unsynced page write survives sector by sector, some pages half old', async () => {
  const outcomes = { old: 0, new: 0, mixed: 0 }
  for (let seed = 0; seed < 40; seed++) {
    const vfs = new SimulatedVfs({ seed })
    const file = await durableFile(vfs, 'f', filled(pageBytes, 0xaa))
    file.write(filled(pageBytes, 0xbb), 0)
    vfs.crash()
    const content = contentOf(vfs, 'f')
    assert.equal(content.length, pageBytes)
    const kinds = new Set<number>()
    for (let offset = 0; offset < pageBytes; offset += sectorBytes) {
      const sector = content.subarray(offset, offset + sectorBytes)
      const first = sector[0] ?? 0
      assert.ok(
        sector.every((byte) => byte === first),
        'a sector is never torn inside',
      )
      kinds.add(first)
    }
    if (kinds.size === 2) outcomes.mixed++
    else if (kinds.has(0xaa)) outcomes.old++
    else outcomes.new++
  }
  assert.ok(outcomes.mixed >= 10, `torn pages appear: ${JSON.stringify(outcomes)}`)
  assert.ok(
    outcomes.old >= 3 && outcomes.new >= 3,
    `whole outcomes too: ${JSON.stringify(outcomes)}`,
  )
})

test('crash torn: synced bytes are never changed, whatever is written after', () => {
  const operation = fc.record({
    offset: fc.nat(6000),
    length: fc.integer({ min: 1, max: 1500 }),
    value: fc.integer({ min: 1, max: 255 }),
    isSynced: fc.boolean(),
  })
  fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(operation, { maxLength: 12 }), async (seed, operations) => {
      const vfs = new SimulatedVfs({ seed })
      const file = await durableFile(vfs, 'f', new Uint8Array(0))
      let synced: Uint8Array = new Uint8Array(0)
      const touched = new Set<number>()
      for (const step of operations) {
        file.write(filled(step.length, step.value), step.offset)
        for (let offset = step.offset; offset < step.offset + step.length; offset++)
          touched.add(offset)
        if (step.isSynced) {
          await file.sync()
          synced = contentOf(vfs, 'f')
          touched.clear()
        }
      }
      vfs.crash()
      const after = contentOf(vfs, 'f')
      assert.ok(after.length >= synced.length, 'a synced size never shrinks without a truncate')
      for (let offset = 0; offset < synced.length; offset++) {
        if (!touched.has(offset)) assert.equal(after[offset], synced[offset], `byte ${offset}`)
      }
    }),
    { numRuns: 60 },
  )
})

test('a new file needs its directory synced to survive; an unsynced rename is undone', async () => {
  const vfs = new SimulatedVfs({ seed: 3, crashUnsynced: 'lost' })
  const file = vfs.open('new', { create: true })
  file.write(filled(10, 1), 0)
  await file.sync()
  vfs.crash()
  assert.equal(vfs.exists('new'), false, 'data synced, entry not')
  await durableFile(vfs, 'a', filled(4, 1))
  await durableFile(vfs, 'b', filled(4, 2))
  vfs.rename('a', 'b')
  vfs.remove('b')
  vfs.crash()
  assert.deepEqual(vfs.list(''), ['a', 'b'])
  assert.deepEqual(contentOf(vfs, 'b'), filled(4, 2))
  vfs.rename('a', 'b')
  await vfs.syncDirectory('')
  vfs.crash()
  assert.deepEqual(vfs.list(''), ['b'])
  assert.deepEqual(contentOf(vfs, 'b'), filled(4, 1))
})

test('a directory entry is durable only when its parent is synced too', async () => {
  const vfs = new SimulatedVfs({ seed: 4, crashUnsynced: 'lost' })
  vfs.mkdir('a/b')
  const file = vfs.open('a/b/f', { create: true })
  file.write(filled(3, 3), 0)
  file.syncBlocking()
  await vfs.syncDirectory('a/b')
  assert.equal(vfs.findDurableBytes('a/b/f'), undefined)
  vfs.crash()
  assert.equal(vfs.exists('a'), false)
  vfs.mkdir('a/b')
  vfs.open('a/b/f', { create: true }).write(filled(3, 3), 0)
  vfs.open('a/b/f', { create: false }).syncBlocking()
  for (const directory of ['a/b', 'a', '']) vfs.syncDirectoryBlocking(directory)
  assert.deepEqual(vfs.findDurableBytes('a/b/f'), filled(3, 3))
  vfs.crash()
  assert.deepEqual(contentOf(vfs, 'a/b/f'), filled(3, 3))
})

test('crash torn: a same-directory rename is atomic', async () => {
  for (let seed = 0; seed < 30; seed++) {
    const vfs = new SimulatedVfs({ seed })
    await durableFile(vfs, 'x', filled(2, 1))
    await durableFile(vfs, 'y', filled(2, 2))
    vfs.rename('x', 'y')
    vfs.crash()
    const names = vfs.list('')
    if (names.length === 2) assert.deepEqual(contentOf(vfs, 'y'), filled(2, 2))
    else assert.deepEqual([names, contentOf(vfs, 'y')], [['y'], filled(2, 1)])
  }
})

test('failAt fails exactly the nth call of its kind, counted from the failAt call', async () => {
  const vfs = new SimulatedVfs({ seed: 5 })
  const file = vfs.open('f', { create: true })
  file.write(filled(1, 1), 0)
  vfs.failAt({ operation: 'write', nth: 3, code: 'EIO' })
  vfs.failAt({ operation: 'read', nth: 2, code: 'EIO' })
  vfs.failAt({ operation: 'truncate', nth: 1, code: 'EIO' })
  vfs.failAt({ operation: 'sync', nth: 2, code: 'ENOSPC' })
  vfs.failAt({ operation: 'syncDirectory', nth: 1, code: 'EIO' })
  file.write(filled(1, 2), 1)
  file.write(filled(1, 3), 2)
  assert.throws(() => file.write(filled(1, 4), 3), isVfsError('EIO', 'write'))
  file.write(filled(1, 5), 4)
  const buffer = new Uint8Array(1)
  file.read(buffer, 0)
  assert.throws(() => file.read(buffer, 0), isVfsError('EIO', 'read'))
  file.read(buffer, 0)
  assert.throws(() => file.truncate(0), isVfsError('EIO', 'truncate'))
  await file.sync()
  await assert.rejects(file.sync(), isVfsError('ENOSPC', 'sync'))
  await file.sync()
  await assert.rejects(vfs.syncDirectory(''), isVfsError('EIO', 'syncDirectory'))
  const counters = vfs.counters()
  assert.deepEqual(
    [counters.writes, counters.reads, counters.truncates, counters.syncs, counters.faults],
    [5, 3, 1, 3, 5],
  )
  assert.throws(() => vfs.failAt({ operation: 'read', nth: 0, code: 'EIO' }), InternalError)
})

test('a failed ENOSPC write leaves a prefix of its sectors, EIO a subset; both unsynced', () => {
  let partial = 0
  for (let seed = 0; seed < 20; seed++) {
    const vfs = new SimulatedVfs({ seed, crashUnsynced: 'lost' })
    const file = vfs.open('f', { create: true })
    vfs.failAt({ operation: 'write', nth: 1, code: 'ENOSPC' })
    assert.throws(() => file.write(filled(8 * sectorBytes, 9), 0), isVfsError('ENOSPC', 'write'))
    const content = contentOf(vfs, 'f')
    assert.equal(content.length % sectorBytes, 0)
    assert.ok(content.length < 8 * sectorBytes, 'a failed write never completes')
    assert.ok(
      content.every((byte) => byte === 9),
      'the written part is a prefix',
    )
    if (content.length > 0) partial++
    vfs.failAt({ operation: 'write', nth: 1, code: 'EIO' })
    assert.throws(() => file.write(filled(8 * sectorBytes, 7), 0), isVfsError('EIO', 'write'))
  }
  assert.ok(partial > 10, `failed writes often write part (${partial} of 20)`)
})

test('a failed sync is never retried: its writes stay torn on disk, though reads return them', async () => {
  const vfs = new SimulatedVfs({ seed: 6, crashUnsynced: 'lost' })
  const file = await durableFile(vfs, 'f', filled(16 * sectorBytes, 1))
  file.write(filled(16 * sectorBytes, 2), 0)
  vfs.failAt({ operation: 'sync', nth: 1, code: 'EIO' })
  await assert.rejects(file.sync(), isVfsError('EIO', 'sync'))
  const afterFailure = vfs.findDurableBytes('f')
  await file.sync()
  assert.deepEqual(vfs.findDurableBytes('f'), afterFailure, 'the retry made nothing durable')
  assert.deepEqual(contentOf(vfs, 'f'), filled(16 * sectorBytes, 2), 'reads still see the writes')
  vfs.crash()
  const content = contentOf(vfs, 'f')
  assert.ok(
    content.some((byte) => byte === 1),
    'part of the failed sync was lost',
  )
})

test('a sync covers only writes issued before it; crash rejects syncs in flight', async () => {
  const vfs = new SimulatedVfs({ seed: 7, crashUnsynced: 'lost', syncCompletion: 'manual' })
  const file = vfs.open('f', { create: true })
  vfs.syncDirectoryBlocking('')
  file.write(filled(4, 1), 0)
  const first = file.sync()
  file.write(filled(4, 2), 4)
  assert.equal(vfs.syncsPending, 1)
  assert.equal(vfs.completeSyncs(), 1)
  await first
  assert.deepEqual(vfs.findDurableBytes('f'), filled(4, 1))
  const second = file.sync()
  vfs.crash()
  await assert.rejects(second, isVfsError('EIO', 'sync'))
  assert.deepEqual(contentOf(vfs, 'f'), filled(4, 1))
  assert.throws(() => file.read(new Uint8Array(1), 0), isVfsError('EIO', 'read'))
  file.close()
})

test('syncs complete in issue order, on a later macrotask in auto mode', async () => {
  const vfs = new SimulatedVfs({ seed: 8 })
  const file = vfs.open('f', { create: true })
  const order: string[] = []
  const first = file.sync().then(() => order.push('first'))
  const second = vfs.syncDirectory('').then(() => order.push('second'))
  await Promise.resolve()
  assert.deepEqual(order, [], 'not completed within the same microtask run')
  await Promise.all([first, second])
  assert.deepEqual(order, ['first', 'second'])
})

test('corrupt overwrites bytes in cache and on disk', async () => {
  const vfs = new SimulatedVfs({ seed: 9, crashUnsynced: 'lost' })
  await durableFile(vfs, 'f', filled(100, 0))
  vfs.corrupt({ path: 'f', offset: 10, length: 20 })
  const cached = contentOf(vfs, 'f')
  vfs.crash()
  assert.deepEqual(contentOf(vfs, 'f'), cached)
  assert.ok(cached.subarray(10, 30).some((byte) => byte !== 0))
  assert.ok(cached.subarray(0, 10).every((byte) => byte === 0))
  assert.throws(() => vfs.corrupt({ path: 'f', offset: 90, length: 20 }), InternalError)
})

test('counters count calls and bytes', async () => {
  const vfs = new SimulatedVfs({ seed: 10 })
  const file = vfs.open('f', { create: true })
  file.write(filled(100, 1), 0)
  file.read(new Uint8Array(30), 80)
  await file.sync()
  assert.deepEqual(vfs.counters(), {
    opens: 1,
    reads: 1,
    writes: 1,
    truncates: 0,
    syncs: 1,
    syncDirectories: 0,
    bytesRead: 20,
    bytesWritten: 100,
    faults: 0,
    crashes: 0,
  })
})

test('faultRate fails about that share of counted calls; 0 turns it off', () => {
  const vfs = new SimulatedVfs({ seed: 11, faultRate: 0.2 })
  const file = vfs.open('f', { create: true })
  let failures = 0
  for (let index = 0; index < 1000; index++) {
    try {
      file.write(filled(10, 1), index * 10)
    } catch (error) {
      assert.ok(error instanceof VfsError && (error.code === 'EIO' || error.code === 'ENOSPC'))
      failures++
    }
  }
  assert.ok(failures > 150 && failures < 250, `failures ${failures}`)
  vfs.setFaultRate(0)
  for (let index = 0; index < 100; index++) file.write(filled(10, 1), 0)
})

/** A small workload with random faults and a torn crash; returns everything observable. */
async function runWorkload(seed: number): Promise<string> {
  const vfs = new SimulatedVfs({ seed, faultRate: 0.1 })
  const outcomes: string[] = []
  const file = vfs.open('f', { create: true })
  for (let step = 0; step < 40; step++) {
    try {
      file.write(filled(700, step), step * 300)
      if (step % 5 === 4) await file.sync()
      outcomes.push('ok')
    } catch (error) {
      outcomes.push(error instanceof VfsError ? error.code : 'other')
    }
  }
  vfs.crash()
  const content = vfs.exists('f') ? [...contentOf(vfs, 'f')].join(',') : 'none'
  return JSON.stringify({ outcomes, content, counters: vfs.counters() })
}

test('the same seed replays the same faults and crash outcome; another seed differs', async () => {
  assert.equal(await runWorkload(12), await runWorkload(12))
  assert.notEqual(await runWorkload(12), await runWorkload(13))
})
