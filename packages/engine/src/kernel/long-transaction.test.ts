// Transactions whose size must not show in the kernel's memory or its log: one transaction of
// 200,000 writes keeps its pending WAL under the writer's bound and a few bytes of undo per
// write, and size-triggered checkpoints cut while it runs, so the log on disk stays bounded.
// Crashes around such checkpoints: a transaction running at a checkpoint and committed after it
// survives whole; one cut off before its commit leaves nothing visible, its keys writable and
// its versions to vacuum. A large rollback abandons its versions (no log per version) and stays
// rolled back across a crash; statement rollback inside a large transaction undoes exactly the
// statement.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { walChunkBytes, walPendingBytesMax } from '../limits.js'
import { DurableKernel } from './durable-kernel.js'
import type { DurableTransaction } from './durable-transaction.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from './vfs/index.js'
import { listSegments } from './wal/index.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
/** Fixed-width keys are prefix-free. */
const rowKey = (i: number): Uint8Array => encoder.encode(`r${i.toString().padStart(8, '0')}`)
const otherKey = (i: number): Uint8Array => encoder.encode(`o${i.toString().padStart(8, '0')}`)
const rowValue = (i: number, round = 0): Uint8Array =>
  encoder.encode(`value ${i} ${round} ${'v'.repeat(24)}`)
/** A version key: the user key plus an 8-byte version suffix. */
const versionKeyBytes = rowKey(0).length + 8

interface OpenOptions {
  readonly checkpointWalBytes?: number
  readonly walSegmentBytes?: number
  readonly cacheBytes?: number
}

function open(vfs: Vfs, options: OpenOptions = {}): Promise<DurableKernel> {
  return DurableKernel.open({
    vfs,
    cacheBytes: options.cacheBytes ?? 1 << 20,
    checkpointIntervalMs: 0,
    ...(options.checkpointWalBytes === undefined
      ? {}
      : { checkpointWalBytes: options.checkpointWalBytes }),
    ...(options.walSegmentBytes === undefined ? {} : { walSegmentBytes: options.walSegmentBytes }),
  })
}

function begin(kernel: DurableKernel): DurableTransaction {
  return kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Writes rows [from, to) in statements of `perStatement`, yielding between statements (so a
 * checkpoint's flush and cut can run, as between a session's statements). */
async function writeRows(
  transaction: DurableTransaction,
  from: number,
  to: number,
  perStatement: number,
  afterStatement: () => void = () => {},
  round = 0,
): Promise<void> {
  for (let first = from; first < to; first += perStatement) {
    transaction.beginStatement()
    for (let i = first; i < Math.min(to, first + perStatement); i++)
      transaction.put(rowKey(i), rowValue(i, round))
    afterStatement()
    await nextTurn()
  }
}

async function commitOthers(kernel: DurableKernel, from: number, count: number): Promise<void> {
  const transaction = begin(kernel)
  transaction.beginStatement()
  for (let i = from; i < from + count; i++) transaction.put(otherKey(i), rowValue(i))
  await transaction.commit()
}

/** Visible entries by key prefix ('r' or 'o'), and the values of the 'r' rows. */
function readAll(kernel: DurableKernel): { rows: Map<number, string>; others: number } {
  const transaction = begin(kernel)
  transaction.beginStatement()
  const rows = new Map<number, string>()
  let others = 0
  for (const entry of transaction.scan({}, 'forward')) {
    const key = decoder.decode(entry.key)
    if (key.startsWith('r')) rows.set(Number(key.slice(1)), decoder.decode(entry.value))
    else others++
  }
  transaction.rollback()
  return { rows, others }
}

function walBytesOnDisk(vfs: Vfs): number {
  let total = 0
  for (const segment of listSegments(vfs, 'wal')) {
    const file = vfs.open(segment.path, { create: false })
    total += file.size()
    file.close()
  }
  return total
}

test('one transaction of 200,000 writes: bounded WAL buffers, compact undo, checkpoints while it runs', async () => {
  const vfs = new MemoryVfs()
  const checkpointWalBytes = 4 * 1024 * 1024
  const walSegmentBytes = 1024 * 1024
  const kernel = await open(vfs, { checkpointWalBytes, walSegmentBytes })
  const transaction = begin(kernel)
  const rows = 200_000
  const redoAtStart = kernel.redoLsn
  let walOnDiskMax = 0
  let statements = 0
  await writeRows(transaction, 0, rows, 2_000, () => {
    const wal = kernel.walMemory
    assert.ok(wal.pendingBytes < walPendingBytesMax, `${wal.pendingBytes} bytes pending`)
    assert.ok(
      wal.bufferBytes <= walPendingBytesMax + 2 * walChunkBytes,
      `${wal.bufferBytes} bytes of WAL buffers`,
    )
    if (++statements % 10 === 0) walOnDiskMax = Math.max(walOnDiskMax, walBytesOnDisk(vfs))
  })
  const wal = kernel.walMemory
  assert.ok(wal.pendingBytesPeak < walPendingBytesMax + 1024, `peak ${wal.pendingBytesPeak}`)
  // The undo log: the version key and 4 bytes per write, plus slack at chunk ends.
  const undoPerWrite = transaction.undoBytes / rows
  assert.ok(undoPerWrite <= (versionKeyBytes + 4) * 1.1, `${undoPerWrite} undo bytes per write`)
  // The log passed the trigger several times over: checkpoints cut while the transaction ran,
  // and the log on disk stayed near the trigger instead of growing with the transaction.
  assert.ok(kernel.lsnEnd - redoAtStart > 4 * checkpointWalBytes, 'the log grew well past it')
  assert.ok(kernel.redoLsn > redoAtStart, 'a checkpoint ran during the transaction')
  assert.ok(kernel.lsnEnd - kernel.redoLsn < 2 * checkpointWalBytes, 'and recently')
  assert.ok(
    walOnDiskMax <= 2 * checkpointWalBytes + 2 * walSegmentBytes,
    `${walOnDiskMax} bytes of WAL on disk`,
  )
  await transaction.commit()
  assert.equal(transaction.undoBytes, 0, 'a finished transaction holds no undo')
  await kernel.close()
  const reopened = await open(vfs)
  const { rows: found } = readAll(reopened)
  assert.equal(found.size, rows)
  assert.equal(found.get(rows - 1), decoder.decode(rowValue(rows - 1)))
  await reopened.close()
})

for (const unsynced of ['lost', 'torn', 'kept'] as const) {
  test(`a transaction running at a checkpoint and committed after it survives a crash (${unsynced})`, async () => {
    const vfs = new SimulatedVfs({ seed: 21 })
    const kernel = await open(vfs, { checkpointWalBytes: 64 * 1024, walSegmentBytes: 32 * 1024 })
    await commitOthers(kernel, 0, 10)
    const transaction = begin(kernel)
    const redoAtStart = kernel.redoLsn
    let round = 0
    await writeRows(transaction, 0, 3_000, 200, () => {
      // Another session commits between the long transaction's statements.
      void commitOthers(kernel, 100 + 10 * round++, 10)
    })
    await kernel.checkpoint()
    assert.ok(kernel.redoLsn > redoAtStart, 'checkpoints cut while it was running')
    await transaction.commit()
    await commitOthers(kernel, 10_000, 1)
    vfs.crash({ unsynced })
    const reopened = await open(vfs)
    const { rows, others } = readAll(reopened)
    assert.equal(rows.size, 3_000, 'every row of the committed transaction')
    assert.equal(rows.get(2_999), decoder.decode(rowValue(2_999)))
    assert.equal(others, 10 + 10 * round + 1, 'and every other commit')
    await reopened.close()
  })

  test(`a transaction running at a checkpoint and cut off before its commit leaves nothing (${unsynced})`, async () => {
    const vfs = new SimulatedVfs({ seed: 22 })
    const kernel = await open(vfs, { checkpointWalBytes: 64 * 1024, walSegmentBytes: 32 * 1024 })
    const transaction = begin(kernel)
    const redoAtStart = kernel.redoLsn
    let round = 0
    await writeRows(transaction, 0, 3_000, 200, () => {
      void commitOthers(kernel, 10 * round++, 10)
    })
    await kernel.checkpoint()
    assert.ok(kernel.redoLsn > redoAtStart, 'checkpoints cut while it was running')
    // More of it after the last checkpoint, then a commit of another session makes those
    // records durable too: both parts must stay invisible.
    await writeRows(transaction, 3_000, 3_500, 100)
    await commitOthers(kernel, 10_000, 1)
    vfs.crash({ unsynced })
    const reopened = await open(vfs)
    const { rows, others } = readAll(reopened)
    assert.equal(rows.size, 0, 'nothing of the transaction cut off by the crash')
    assert.equal(others, 10 * round + 1, 'every other commit')
    // Its keys are free to write (its versions are aborted, no conflict), and vacuum removes
    // them: what remains is exactly the live versions.
    const writer = begin(reopened)
    await writeRows(writer, 0, 3_500, 500, () => {}, 1)
    await writer.commit()
    await reopened.vacuum()
    assert.equal(reopened.tree.verify().entries, 3_500 + others)
    assert.equal(readAll(reopened).rows.get(3_499), decoder.decode(rowValue(3_499, 1)))
    await reopened.close()
  })
}

test('a large rollback abandons its versions: no log per version, invisible, gone after vacuum, also across a crash', async () => {
  const vfs = new SimulatedVfs({ seed: 23 })
  const kernel = await open(vfs)
  await commitOthers(kernel, 0, 5)
  const transaction = begin(kernel)
  await writeRows(transaction, 0, 5_000, 1_000)
  const lsnBeforeRollback = kernel.lsnEnd
  transaction.rollback()
  assert.ok(kernel.lsnEnd - lsnBeforeRollback < 100, 'one record, not one per version')
  assert.equal(readAll(kernel).rows.size, 0)
  // The same keys again, committed this time; then power is lost before any checkpoint.
  const again = begin(kernel)
  await writeRows(again, 0, 100, 100, () => {}, 1)
  await again.commit()
  vfs.crash({ unsynced: 'lost' })
  const reopened = await open(vfs)
  const { rows, others } = readAll(reopened)
  assert.equal(rows.size, 100, 'only the committed rows; the abandoned ones stay aborted')
  assert.equal(rows.get(99), decoder.decode(rowValue(99, 1)))
  assert.equal(others, 5)
  await reopened.vacuum()
  assert.equal(reopened.tree.verify().entries, 105, 'vacuum removed every abandoned version')
  await reopened.close()
})

test('a small rollback still undoes its versions one by one', async () => {
  const kernel = await open(new MemoryVfs())
  await commitOthers(kernel, 0, 5)
  const transaction = begin(kernel)
  await writeRows(transaction, 0, 500, 100)
  transaction.rollback()
  assert.equal(kernel.tree.verify().entries, 5, 'no version left behind for vacuum')
  await kernel.close()
})

test('statement rollback inside a large transaction undoes exactly that statement', async () => {
  const vfs = new MemoryVfs()
  const kernel = await open(vfs)
  const transaction = begin(kernel)
  await writeRows(transaction, 0, 6_000, 2_000)
  // A statement that rewrites half the rows and adds new ones, then is rolled back.
  transaction.beginStatement()
  for (let i = 3_000; i < 9_000; i++) transaction.put(rowKey(i), rowValue(i, 2))
  transaction.rollbackStatement()
  // The next statement deletes a few rows; it stays.
  transaction.beginStatement()
  for (let i = 0; i < 10; i++) transaction.delete(rowKey(i))
  await transaction.commit()
  await kernel.close()
  const reopened = await open(vfs)
  const { rows } = readAll(reopened)
  assert.equal(rows.size, 5_990)
  assert.equal(rows.get(3_000), decoder.decode(rowValue(3_000)))
  assert.equal(rows.get(5_999), decoder.decode(rowValue(5_999)))
  assert.equal(rows.has(6_000), false)
  assert.equal(rows.has(9), false)
  await reopened.close()
})

test('the change feed refuses to resume before a transaction whose first writes were checkpointed away', async () => {
  const vfs = new SimulatedVfs({ seed: 24 })
  const kernel = await open(vfs, { checkpointWalBytes: 64 * 1024, walSegmentBytes: 32 * 1024 })
  kernel.enableChangeFeed()
  const transaction = begin(kernel)
  await writeRows(transaction, 0, 3_000, 200)
  await transaction.commit()
  const afterCommit = kernel.lsnEnd
  await commitOthers(kernel, 0, 3)
  const oldest = listSegments(vfs, 'wal')[0]?.startLsn ?? 0
  assert.ok(oldest > 0, 'the first segments of the transaction are gone')
  // Its new values are no longer in the log: no event rather than one with rows missing.
  assert.throws(
    () => kernel.subscribeChanges(() => {}, oldest),
    (error: unknown) =>
      error instanceof Error && /55000|began before the oldest position/.test(String(error)),
  )
  const events: number[] = []
  const unsubscribe = kernel.subscribeChanges(
    (event) => events.push(event.changes.length),
    afterCommit,
  )
  assert.deepEqual(events, [3], 'from after its commit, the later transaction is delivered')
  unsubscribe()
  await kernel.close()
})

test('the change feed reports a large transaction from its compact undo log, live and resumed', async () => {
  const vfs = new MemoryVfs()
  const kernel = await open(vfs)
  const live: { key: string; after: string | undefined }[][] = []
  kernel.subscribeChanges((event) =>
    live.push(
      event.changes.map((change) => ({
        key: decoder.decode(change.key),
        after: change.after === undefined ? undefined : decoder.decode(change.after),
      })),
    ),
  )
  const before = kernel.lsnEnd
  const transaction = begin(kernel)
  await writeRows(transaction, 0, 3_000, 500)
  // Rewritten, then rolled back: the feed reports the values of the first statements.
  transaction.beginStatement()
  for (let i = 1_000; i < 2_000; i++) transaction.put(rowKey(i), rowValue(i, 9))
  transaction.rollbackStatement()
  // Rewritten for good, and one deleted: the final versions count.
  transaction.beginStatement()
  for (let i = 0; i < 10; i++) transaction.put(rowKey(i), rowValue(i, 1))
  transaction.delete(rowKey(2_999))
  await transaction.commit()
  const [changes] = live
  assert.ok(changes !== undefined && live.length === 1)
  assert.equal(changes.length, 2_999, 'one change per key, the inserted-then-deleted key none')
  assert.deepEqual(
    changes.map((change) => change.key),
    Array.from({ length: 2_999 }, (_, i) => decoder.decode(rowKey(i))),
    'in the order the keys were first written',
  )
  assert.equal(changes[0]?.after, decoder.decode(rowValue(0, 1)))
  assert.equal(changes[1_500]?.after, decoder.decode(rowValue(1_500)))
  const resumed: number[] = []
  kernel.subscribeChanges((event) => resumed.push(event.changes.length), before)
  assert.deepEqual(resumed, [2_999])
  await kernel.close()
})
