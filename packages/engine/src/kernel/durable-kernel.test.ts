// DurableKernel behaviours beyond the crash workload: reopening keeps committed data; vacuum
// removes exactly the versions no snapshot can see and space is reused; autovacuum starts on
// updates and deletes in proportion to the data, never on inserts alone; a failed fsync puts the
// kernel in a failed state (58030) until reopened; damage to the log before its end refuses to
// open with XX001 naming the file and offset; a torn log tail is cut.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../errors/index.js'
import { DurableKernel } from './durable-kernel.js'
import type { KernelTransaction } from './kernel.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from './vfs/index.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const key = (text: string): Uint8Array => encoder.encode(`k:${text}`)

function open(vfs: Vfs, options: { cacheBytes?: number } = {}): Promise<DurableKernel> {
  return DurableKernel.open({
    vfs,
    cacheBytes: options.cacheBytes ?? 1 << 20,
    checkpointIntervalMs: 0,
  })
}

async function write(
  kernel: DurableKernel,
  entries: Record<string, string | undefined>,
): Promise<void> {
  const transaction = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
  transaction.beginStatement()
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined) transaction.delete(key(k))
    else transaction.put(key(k), encoder.encode(v))
  }
  await transaction.commit()
}

function read(transaction: KernelTransaction): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of transaction.scan({}, 'forward'))
    out[decoder.decode(entry.key)] = decoder.decode(entry.value)
  return out
}

function readAll(kernel: DurableKernel): Record<string, string> {
  const transaction = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
  transaction.beginStatement()
  const out = read(transaction)
  transaction.rollback()
  return out
}

test('committed data survives close and reopen; rolled back data does not exist', async () => {
  const vfs = new MemoryVfs()
  const kernel = await open(vfs)
  await write(kernel, { a: '1', b: '2' })
  const rolledBack = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
  rolledBack.beginStatement()
  rolledBack.put(key('c'), encoder.encode('3'))
  rolledBack.rollback()
  await kernel.close()
  const reopened = await open(vfs)
  assert.deepEqual(readAll(reopened), { 'k:a': '1', 'k:b': '2' })
  await reopened.close()
})

test('vacuum keeps versions a live snapshot needs and removes the rest', async () => {
  const kernel = await open(new MemoryVfs())
  await write(kernel, { x: 'v0', gone: 'soon' })
  const reader = kernel.begin({ isolation: 'repeatable read', isSynchronousCommit: true })
  reader.beginStatement()
  assert.deepEqual(read(reader), { 'k:gone': 'soon', 'k:x': 'v0' })
  for (let i = 1; i <= 50; i++) await write(kernel, { x: `v${i}` })
  await write(kernel, { gone: undefined })
  await kernel.vacuum()
  // The reader's snapshot still sees its versions after vacuum.
  assert.deepEqual(read(reader), { 'k:gone': 'soon', 'k:x': 'v0' })
  const versionsWhileReading = kernel.tree.verify().entries
  await reader.commit()
  await kernel.vacuum()
  const versionsAfter = kernel.tree.verify().entries
  assert.ok(versionsWhileReading > versionsAfter, `${versionsWhileReading} > ${versionsAfter}`)
  assert.equal(versionsAfter, 1, 'one version of x; the deleted key is gone entirely')
  assert.deepEqual(readAll(kernel), { 'k:x': 'v50' })
  await kernel.close()
})

/** Writes `count` keys named `${prefix}${i}` in transactions of 1,000. */
async function writeMany(kernel: DurableKernel, prefix: string, count: number, value: string) {
  for (let start = 0; start < count; start += 1000) {
    const entries: Record<string, string> = {}
    for (let i = start; i < Math.min(start + 1000, count); i++) entries[`${prefix}${i}`] = value
    await write(kernel, entries)
  }
}

test('autovacuum: an insert-only load never starts a pass', async () => {
  const kernel = await open(new MemoryVfs(), { cacheBytes: 16 << 20 })
  await writeMany(kernel, 'row', 30_000, 'v')
  assert.equal(kernel.vacuumPasses, 0, 'new keys leave no dead version to remove')
  await kernel.close()
})

test('autovacuum: updates start a pass once they pass the base plus a fifth of the live versions', async () => {
  const kernel = await open(new MemoryVfs(), { cacheBytes: 16 << 20 })
  // 20,000 keys: the threshold is 10,000 + 0.2 × 20,000 = 14,000 superseding versions.
  await writeMany(kernel, 'row', 20_000, 'v0')
  await writeMany(kernel, 'row', 12_000, 'v1')
  assert.equal(kernel.vacuumPasses, 0, '12,000 updates on 20,000 keys stay below the threshold')
  await writeMany(kernel, 'row', 3_000, 'v2')
  assert.equal(kernel.vacuumPasses, 1, 'the 15,000th update started a pass')
  await kernel.vacuum()
  assert.ok(kernel.vacuumRemovedTotal >= 15_000, `${kernel.vacuumRemovedTotal} removed`)
  assert.equal(kernel.tree.verify().entries, 20_000, 'one version per key is left')
  await kernel.close()
})

test('autovacuum: deletions count as garbage', async () => {
  const kernel = await open(new MemoryVfs(), { cacheBytes: 16 << 20 })
  await writeMany(kernel, 'row', 11_000, 'v')
  for (let start = 0; start < 11_000; start += 1000) {
    const entries: Record<string, undefined> = {}
    for (let i = start; i < start + 1000; i++) entries[`row${i}`] = undefined
    await write(kernel, entries)
  }
  // 11,000 tombstones against 10,000 + 0.2 × 11,000 = 12,200: not yet; then writes over them.
  assert.equal(kernel.vacuumPasses, 0)
  await writeMany(kernel, 'row', 4_000, 'again')
  assert.equal(kernel.vacuumPasses, 1, 'writes over tombstones supersede them too')
  await kernel.vacuum()
  assert.equal(kernel.tree.verify().entries, 4_000)
  await kernel.close()
})

test('autovacuum: versions left by a transaction cut off by a crash start a pass', async () => {
  const vfs = new SimulatedVfs({ seed: 11 })
  const kernel = await open(vfs)
  const cutOff = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
  cutOff.beginStatement()
  for (let i = 0; i < 50; i++) cutOff.put(key(`lost${i}`), encoder.encode('x'))
  await write(kernel, { kept: '1' }) // its fsync makes the cut-off transaction's puts durable
  vfs.crash()
  const reopened = await open(vfs)
  assert.equal(reopened.vacuumPasses, 0)
  await write(reopened, { after: '2' })
  assert.equal(reopened.vacuumPasses, 1, 'the first commit after recovery starts a pass')
  // The tree is small: the pass is one step, done before the commit returned.
  assert.equal(reopened.tree.verify().entries, 2, 'the cut-off versions are gone')
  await write(reopened, { later: '3' })
  assert.equal(reopened.vacuumPasses, 1, 'and once they are gone, commits start no pass')
  await reopened.close()
})

test('space of updated and deleted rows is reused: the file stops growing under churn', async () => {
  const kernel = await open(new MemoryVfs())
  const value = 'y'.repeat(500)
  const round = async (n: number) => {
    for (let batch = 0; batch < 10; batch++) {
      const entries: Record<string, string> = {}
      for (let i = 0; i < 20; i++) entries[`${batch}-${i}`] = `${value}${n}`
      await write(kernel, entries)
    }
    await kernel.vacuum()
    await kernel.checkpoint()
    await kernel.checkpoint()
    return kernel.tree.verify().pages
  }
  await round(0)
  const pagesAfterFirst = await round(1)
  for (let n = 2; n < 8; n++) await round(n)
  const pagesAfterMany = await round(8)
  assert.ok(pagesAfterMany <= pagesAfterFirst + 2, `${pagesAfterMany} pages vs ${pagesAfterFirst}`)
  await kernel.close()
})

test('a failed fsync puts the kernel in a failed state: no more acknowledged writes (58030)', async () => {
  const vfs = new SimulatedVfs({ seed: 7 })
  const kernel = await open(vfs)
  await write(kernel, { a: '1' })
  vfs.failAt({ operation: 'sync', nth: 1, code: 'EIO' })
  await assert.rejects(
    write(kernel, { b: '2' }),
    (error: unknown) => error instanceof SqlError && error.code === '58030',
  )
  await assert.rejects(
    write(kernel, { c: '3' }),
    (error: unknown) => error instanceof SqlError && error.code === '58030',
  )
  vfs.crash()
  const reopened = await open(vfs)
  const data = readAll(reopened)
  assert.equal(data['k:a'], '1')
  assert.equal(data['k:c'], undefined)
  await reopened.close()
})

test('damage to the log before its end refuses to open, naming the file and offset (XX001)', async () => {
  const vfs = new SimulatedVfs({ seed: 11 })
  const kernel = await open(vfs)
  for (let i = 0; i < 20; i++) await write(kernel, { [`k${i}`]: 'v'.repeat(100) })
  vfs.crash({ unsynced: 'kept' })
  const [segment] = vfs.list('wal')
  assert.ok(segment !== undefined)
  vfs.corrupt({ path: `wal/${segment}`, offset: 200, length: 8 })
  await assert.rejects(open(vfs), (error: unknown) => {
    assert.ok(error instanceof SqlError)
    assert.equal(error.code, 'XX001')
    assert.match(error.message, new RegExp(`wal/${segment}.*offset`))
    return true
  })
})

test('a torn tail is cut and recovery keeps every earlier commit', async () => {
  const vfs = new SimulatedVfs({ seed: 5 })
  const kernel = await open(vfs)
  await write(kernel, { a: '1' })
  await write(kernel, { b: '2' })
  vfs.crash({ unsynced: 'kept' })
  const [segment] = vfs.list('wal')
  assert.ok(segment !== undefined)
  // Garbage after the last record, as a torn write of a batch that was never acknowledged.
  const file = vfs.open(`wal/${segment}`, { create: false })
  const end = file.size()
  file.write(new Uint8Array(300).fill(0xab), end)
  await file.sync()
  file.close()
  const reopened = await open(vfs)
  assert.deepEqual(readAll(reopened), { 'k:a': '1', 'k:b': '2' })
  await write(reopened, { c: '3' })
  await reopened.close()
  const again = await open(vfs)
  assert.deepEqual(readAll(again), { 'k:a': '1', 'k:b': '2', 'k:c': '3' })
  await again.close()
})

test('a corrupted data page is reported as XX001, not returned as data', async () => {
  const vfs = new SimulatedVfs({ seed: 3 })
  const kernel = await open(vfs)
  for (let i = 0; i < 200; i++) await write(kernel, { [`row${i}`]: 'z'.repeat(200) })
  await kernel.close()
  vfs.corrupt({ path: 'main.db', offset: 8192 * 3 + 100, length: 16 })
  const reopened = await open(vfs, { cacheBytes: 1 })
  assert.throws(
    () => readAll(reopened),
    (error: unknown) => error instanceof SqlError && error.code === 'XX001',
  )
})

test('a commit that starts a size-triggered checkpoint survives a crash right after it', async () => {
  // Regression: the commit left `committing` before it was marked committed, so a checkpoint
  // started by that very commit recorded it as in progress while its commit record lay before
  // the redo LSN, and recovery aborted an acknowledged commit.
  const vfs = new SimulatedVfs({ seed: 11 })
  const kernel = await DurableKernel.open({
    vfs,
    cacheBytes: 1 << 20,
    checkpointIntervalMs: 0,
    checkpointWalBytes: 4096,
  })
  const expected: Record<string, string> = {}
  for (let round = 0; round < 5; round++) {
    const entries: Record<string, string> = {}
    for (let i = 0; i < 40; i++) entries[`${round}-${i}`] = `value ${round} ${i} ${'x'.repeat(100)}`
    await write(kernel, entries)
    for (const [k, v] of Object.entries(entries)) expected[`k:${k}`] = v
    // The checkpoint this commit started: let it finish, then lose the power.
    await kernel.checkpoint()
  }
  vfs.crash({ unsynced: 'lost' })
  const reopened = await open(vfs)
  assert.deepEqual(readAll(reopened), expected)
  await reopened.close()
})
