// TransactionTable: ids never reused, states and snapshots, waiting for a transaction to end,
// deadlock detection (40P01) and lock timeout (55P03).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../errors/index.js'
import { isVisible } from './snapshot.js'
import { TransactionTable } from './transaction-table.js'

test('ids increase; states follow begin, commit and abort', () => {
  const table = new TransactionTable(1, [])
  const a = table.begin()
  const b = table.begin()
  assert.ok(b > a)
  assert.equal(table.stateOf(a), 'in-progress')
  table.markCommitted(a)
  table.markAborted(b, true)
  assert.equal(table.stateOf(a), 'committed')
  assert.equal(table.stateOf(b), 'aborted')
  assert.equal(table.stateOf(99), 'aborted', 'ids never handed out did not commit')
  table.raiseXidNext(41)
  assert.equal(table.begin(), 42)
})

test('a snapshot sees transactions committed before it, not those running or started later', () => {
  const table = new TransactionTable(1, [])
  const committed = table.begin()
  table.markCommitted(committed)
  const running = table.begin()
  const reader = table.begin()
  const snapshot = table.snapshot(reader, 1)
  table.markCommitted(running)
  const later = table.begin()
  table.markCommitted(later)
  assert.ok(isVisible({ transactionId: committed, commandId: 0 }, snapshot, table))
  assert.ok(!isVisible({ transactionId: running, commandId: 0 }, snapshot, table))
  assert.ok(!isVisible({ transactionId: later, commandId: 0 }, snapshot, table))
  assert.ok(isVisible({ transactionId: reader, commandId: 0 }, snapshot, table))
  assert.ok(
    !isVisible({ transactionId: reader, commandId: 1 }, snapshot, table),
    'own changes of this command',
  )
})

test('waitFor resolves when the holder ends', async () => {
  const table = new TransactionTable(1, [])
  const holder = table.begin()
  const waiter = table.begin()
  let done = false
  const waiting = table.waitFor(waiter, holder, 0).then(() => {
    done = true
  })
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(done, false)
  table.markCommitted(holder)
  await waiting
  assert.equal(done, true)
})

test('a wait that closes a cycle fails with 40P01', async () => {
  const table = new TransactionTable(1, [])
  const a = table.begin()
  const b = table.begin()
  const c = table.begin()
  const aWaits = table.waitFor(a, b, 0)
  const bWaits = table.waitFor(b, c, 0)
  await assert.rejects(
    table.waitFor(c, a, 0),
    (error: unknown) => error instanceof SqlError && error.code === '40P01',
  )
  table.markAborted(c, false)
  await bWaits
  table.markCommitted(b)
  await aWaits
})

test('a wait beyond lock_timeout fails with 55P03 and leaves no trace in the wait graph', async () => {
  const table = new TransactionTable(1, [])
  const holder = table.begin()
  const waiter = table.begin()
  await assert.rejects(
    table.waitFor(waiter, holder, 20),
    (error: unknown) => error instanceof SqlError && error.code === '55P03',
  )
  // The timed-out waiter no longer waits, so the holder may now wait for it without a deadlock.
  const reverse = table.waitFor(holder, waiter, 0)
  table.markCommitted(waiter)
  await reverse
})
