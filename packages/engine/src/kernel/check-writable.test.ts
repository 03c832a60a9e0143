// KernelTransaction.checkWritable: it throws exactly what a write of the key would throw and
// writes nothing (INSERT ... ON CONFLICT DO NOTHING asks it of the conflicting row): an
// uncommitted newer version is waited for, one committed after the snapshot restarts the
// statement under READ COMMITTED and is 40001 under REPEATABLE READ; a settled key passes, and
// a row lock alone does not block it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../errors/index.js'
import { DurableKernel } from './durable-kernel.js'
import { type IsolationLevel, TransactionConflict } from './kernel.js'
import { MemoryVfs } from './vfs/index.js'

const encoder = new TextEncoder()
const key = encoder.encode('k0001')

async function open(): Promise<DurableKernel> {
  return DurableKernel.open({ vfs: new MemoryVfs(), cacheBytes: 1 << 20, checkpointIntervalMs: 0 })
}

function begin(kernel: DurableKernel, isolation: IsolationLevel = 'read committed') {
  const transaction = kernel.begin({ isolation, isSynchronousCommit: true })
  transaction.beginStatement()
  return transaction
}

async function seed(kernel: DurableKernel): Promise<void> {
  const transaction = begin(kernel)
  transaction.put(key, encoder.encode('v1'))
  await transaction.commit()
}

test('checkWritable passes on a settled key and writes nothing', async () => {
  const kernel = await open()
  await seed(kernel)
  const transaction = begin(kernel)
  transaction.checkWritable(key)
  transaction.checkWritable(encoder.encode('k0002'))
  assert.equal(transaction.hasWrites, false)
  transaction.rollback()
  await kernel.close()
})

test('checkWritable waits for an uncommitted writer of the key', async () => {
  const kernel = await open()
  await seed(kernel)
  const writer = begin(kernel)
  writer.delete(key)
  const reader = begin(kernel)
  assert.throws(
    () => reader.checkWritable(key),
    (error: unknown) =>
      error instanceof TransactionConflict && error.kind === 'wait' && error.holder === writer.id,
  )
  writer.rollback()
  reader.checkWritable(key)
  reader.rollback()
  await kernel.close()
})

test('checkWritable after a commit past the snapshot: restart (READ COMMITTED), 40001 (REPEATABLE READ)', async () => {
  const kernel = await open()
  await seed(kernel)
  const committed = begin(kernel)
  const repeatable = begin(kernel, 'repeatable read')
  const writer = begin(kernel)
  writer.put(key, encoder.encode('v2'))
  await writer.commit()
  assert.throws(
    () => committed.checkWritable(key),
    (error: unknown) => error instanceof TransactionConflict && error.kind === 'restart',
  )
  assert.throws(
    () => repeatable.checkWritable(key),
    (error: unknown) => error instanceof SqlError && error.code === '40001',
  )
  // A new statement (READ COMMITTED: a new snapshot) sees the commit and passes.
  committed.beginStatement()
  committed.checkWritable(key)
  committed.rollback()
  repeatable.rollback()
  await kernel.close()
})

test('checkWritable ignores row locks (FOR UPDATE does not block DO NOTHING)', async () => {
  const kernel = await open()
  await seed(kernel)
  const locker = begin(kernel)
  assert.equal(locker.lock(key, 'update', 'wait'), true)
  const other = begin(kernel)
  other.checkWritable(key)
  assert.throws(() => other.put(key, encoder.encode('v3')), TransactionConflict)
  other.rollback()
  locker.rollback()
  await kernel.close()
})
