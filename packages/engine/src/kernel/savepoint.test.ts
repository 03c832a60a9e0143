// Savepoints (subtransactions) in the kernel: ROLLBACK TO undoes exactly the writes and row
// locks taken after the mark, nested marks unwind in order, other transactions never see the
// undone versions and may write (or lock) what only the undone part held, a transaction waiting
// for such a key resumes, and a committed transaction that rolled back to a savepoint recovers
// after a power loss (simulated disk) without the undone changes, before and after a checkpoint.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../errors/index.js'
import { DurableKernel } from './durable-kernel.js'
import type { DurableTransaction } from './durable-transaction.js'
import { TransactionConflict } from './kernel.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from './vfs/index.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder()
/** Fixed-width keys are prefix-free. */
const key = (name: string): Uint8Array => encoder.encode(name.padEnd(4, '_'))
const value = (text: string): Uint8Array => encoder.encode(text)

function open(vfs: Vfs): Promise<DurableKernel> {
  return DurableKernel.open({ vfs, cacheBytes: 1 << 20, checkpointIntervalMs: 0 })
}

function begin(kernel: DurableKernel): DurableTransaction {
  return kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
}

/** What a new transaction sees: key → value. */
function readAll(kernel: DurableKernel): Record<string, string> {
  const reader = begin(kernel)
  reader.beginStatement()
  const seen: Record<string, string> = {}
  for (const entry of reader.scan({}, 'forward')) {
    seen[decoder.decode(entry.key).replace(/_+$/, '')] = decoder.decode(entry.value)
  }
  reader.rollback()
  return seen
}

function statement(transaction: DurableTransaction, body: () => void): void {
  transaction.beginStatement()
  body()
}

test('rollback to a savepoint undoes exactly the later writes; nested savepoints unwind in order', async () => {
  const kernel = await open(new MemoryVfs())
  const writer = begin(kernel)
  statement(writer, () => {
    writer.put(key('a'), value('a1'))
    writer.put(key('b'), value('b1'))
  })
  assert.equal(writer.savepoint(), 1)
  statement(writer, () => {
    writer.put(key('a'), value('a2'))
    writer.delete(key('b'))
    writer.put(key('c'), value('c1'))
  })
  assert.equal(writer.savepoint(), 2)
  statement(writer, () => writer.put(key('d'), value('d1')))
  writer.rollbackToSavepoint(2)
  statement(writer, () => {
    assert.equal(writer.get(key('d')), undefined, 'the inner savepoint undid d')
    assert.equal(decoder.decode(writer.get(key('c'))), 'c1', 'the outer level kept c')
  })
  writer.rollbackToSavepoint(1)
  statement(writer, () => {
    assert.equal(decoder.decode(writer.get(key('a'))), 'a1')
    assert.equal(decoder.decode(writer.get(key('b'))), 'b1')
    assert.equal(writer.get(key('c')), undefined)
  })
  // The savepoint stays after ROLLBACK TO: write again, roll back again.
  statement(writer, () => writer.put(key('e'), value('e1')))
  writer.rollbackToSavepoint(1)
  statement(writer, () => writer.put(key('f'), value('f1')))
  writer.releaseSavepoint(1)
  await writer.commit()
  assert.deepEqual(readAll(kernel), { a: 'a1', b: 'b1', f: 'f1' })
  assert.equal(kernel.tree.verify().entries, 3, 'undone versions are gone from the tree')
  await kernel.close()
})

test('released savepoints merge into the enclosing level; rolling back an outer one undoes them', async () => {
  const kernel = await open(new MemoryVfs())
  const writer = begin(kernel)
  writer.savepoint()
  statement(writer, () => writer.put(key('a'), value('a1')))
  writer.savepoint()
  statement(writer, () => writer.put(key('b'), value('b1')))
  writer.releaseSavepoint(2)
  assert.equal(writer.savepoint(), 2, 'depth 2 is free again after the release')
  statement(writer, () => writer.put(key('c'), value('c1')))
  writer.rollbackToSavepoint(1)
  statement(writer, () => writer.put(key('d'), value('d1')))
  await writer.commit()
  assert.deepEqual(readAll(kernel), { d: 'd1' })
  await kernel.close()
})

test('other transactions never see undone versions and may write keys only the undone part wrote', async () => {
  const kernel = await open(new MemoryVfs())
  const setup = begin(kernel)
  statement(setup, () => {
    setup.put(key('x'), value('x0'))
    setup.put(key('y'), value('y0'))
  })
  await setup.commit()

  const writer = begin(kernel)
  statement(writer, () => writer.put(key('x'), value('x1')))
  writer.savepoint()
  statement(writer, () => writer.put(key('y'), value('y1')))

  const other = begin(kernel)
  statement(other, () => {
    assert.equal(decoder.decode(other.get(key('y'))), 'y0', 'uncommitted versions are invisible')
    assert.throws(
      () => other.put(key('y'), value('y2')),
      (error: unknown) => error instanceof TransactionConflict && error.kind === 'wait',
    )
  })
  other.rollbackStatement()
  // The other transaction waits for the writer, which rolls back to its savepoint: it resumes.
  let isResumed = false
  const waiting = kernel.waitFor(other.id, writer.id, 0).then(() => {
    isResumed = true
  })
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(isResumed, false, 'still waiting while the writer holds y')
  writer.rollbackToSavepoint(1)
  await waiting
  assert.equal(isResumed, true)
  statement(other, () => {
    other.put(key('y'), value('y2'))
    // x was written before the savepoint: still the writer's.
    assert.throws(
      () => other.put(key('x'), value('x2')),
      (error: unknown) => error instanceof TransactionConflict && error.kind === 'wait',
    )
  })
  other.rollbackStatement()
  statement(other, () => other.put(key('y'), value('y2')))
  await other.commit()
  await writer.commit()
  assert.deepEqual(readAll(kernel), { x: 'x1', y: 'y2' })
  await kernel.close()
})

test('row locks taken after a savepoint are released by rollback to it; earlier ones stay', async () => {
  const kernel = await open(new MemoryVfs())
  const setup = begin(kernel)
  statement(setup, () => {
    for (const name of ['p', 'q', 'r']) setup.put(key(name), value(name))
  })
  await setup.commit()

  const locker = begin(kernel)
  statement(locker, () => {
    assert.equal(locker.lock(key('p'), 'update', 'wait'), true)
    assert.equal(locker.lock(key('r'), 'share', 'wait'), true)
  })
  locker.savepoint()
  statement(locker, () => {
    assert.equal(locker.lock(key('q'), 'update', 'wait'), true)
    assert.equal(locker.lock(key('r'), 'update', 'wait'), true, 'share upgraded to update')
    locker.put(key('p'), value('p1'))
  })
  const other = begin(kernel)
  const tryLock = (name: string, mode: 'share' | 'update'): boolean => {
    other.beginStatement()
    return other.lock(key(name), mode, 'skip')
  }
  assert.equal(tryLock('q', 'share'), false)
  assert.equal(tryLock('r', 'share'), false)
  locker.rollbackToSavepoint(1)
  assert.equal(tryLock('q', 'update'), true, 'the lock on q was taken after the savepoint')
  assert.equal(tryLock('r', 'share'), true, 'r is back to a share lock')
  assert.equal(tryLock('r', 'update'), false, 'the share lock from before the savepoint stays')
  assert.equal(tryLock('p', 'share'), false, 'the update lock from before the savepoint stays')
  other.rollback()
  locker.rollback()
  await kernel.close()
})

test('repeatable read: a savepoint rollback keeps the snapshot and its 40001 checks', async () => {
  const kernel = await open(new MemoryVfs())
  const setup = begin(kernel)
  statement(setup, () => setup.put(key('k'), value('k0')))
  await setup.commit()
  const writer = kernel.begin({ isolation: 'repeatable read', isSynchronousCommit: true })
  statement(writer, () => assert.equal(decoder.decode(writer.get(key('k'))), 'k0'))
  writer.savepoint()
  const other = begin(kernel)
  statement(other, () => other.put(key('k'), value('k1')))
  await other.commit()
  writer.rollbackToSavepoint(1)
  statement(writer, () => {
    assert.equal(decoder.decode(writer.get(key('k'))), 'k0', 'the snapshot is the same')
    assert.throws(() => writer.put(key('k'), value('k2')), SqlError)
  })
  writer.rollback()
  await kernel.close()
})

for (const withCheckpoint of [false, true]) {
  test(`a committed transaction that rolled back to a savepoint recovers without the undone writes${withCheckpoint ? ' (checkpoint in between)' : ''}`, async () => {
    const vfs = new SimulatedVfs({ seed: 41 })
    const kernel = await open(vfs)
    const setup = begin(kernel)
    statement(setup, () => setup.put(key('old'), value('old0')))
    await setup.commit()

    const writer = begin(kernel)
    statement(writer, () => writer.put(key('keep'), value('keep1')))
    writer.savepoint()
    statement(writer, () => {
      for (let i = 0; i < 50; i++) writer.put(key(`u${i}`), value(`undone ${i}`))
      writer.put(key('old'), value('old-undone'))
      writer.put(key('keep'), value('keep-undone'))
    })
    if (withCheckpoint) await kernel.checkpoint()
    writer.rollbackToSavepoint(1)
    statement(writer, () => writer.put(key('late'), value('late1')))
    await writer.commit()
    // A transaction cut off by the crash, also after a savepoint rollback: nothing of it stays.
    const cut = begin(kernel)
    statement(cut, () => cut.put(key('cut'), value('cut')))
    cut.savepoint()
    statement(cut, () => cut.put(key('cut2'), value('cut2')))
    cut.rollbackToSavepoint(1)
    const expected = { keep: 'keep1', late: 'late1', old: 'old0' }
    assert.deepEqual(readAll(kernel), expected)

    vfs.crash({ unsynced: 'lost' })
    const reopened = await open(vfs)
    assert.deepEqual(readAll(reopened), expected)
    await reopened.vacuum()
    assert.deepEqual(readAll(reopened), expected)
    assert.equal(reopened.tree.verify().entries, 3, 'only the three committed rows remain')
    await reopened.close()
  })
}
