// Contract tests of MemoryKernel: atomic commit, rollback, read-your-writes, key order in both
// directions, range bounds, and first-committer-wins on write conflicts (40001).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../errors/index.js'
import { MemoryKernel } from './memory-kernel.js'

const key = (...bytes: number[]): Uint8Array => new Uint8Array(bytes)
const keysOf = (entries: Iterable<{ key: Uint8Array }>): number[][] =>
  [...entries].map((e) => [...e.key])

test('writes are visible to their transaction, and to others only after commit', async () => {
  const kernel = new MemoryKernel()
  const writer = kernel.begin()
  const reader = kernel.begin()
  writer.put(key(1), key(10))
  assert.deepEqual(writer.get(key(1)), key(10))
  assert.equal(reader.get(key(1)), undefined)
  await writer.commit()
  assert.deepEqual(reader.get(key(1)), key(10))
  reader.rollback()
})

test('rollback discards every write', async () => {
  const kernel = new MemoryKernel()
  const setup = kernel.begin()
  setup.put(key(1), key(1))
  await setup.commit()
  const transaction = kernel.begin()
  transaction.put(key(2), key(2))
  transaction.delete(key(1))
  transaction.rollback()
  const check = kernel.begin()
  assert.deepEqual(keysOf(check.scan({}, 'forward')), [[1]])
})

test('scans merge committed and own writes in byte order, both directions, within bounds', async () => {
  const kernel = new MemoryKernel()
  const setup = kernel.begin()
  for (const k of [5, 1, 3, 9]) setup.put(key(k), key(k))
  await setup.commit()
  const transaction = kernel.begin()
  transaction.put(key(4), key(4))
  transaction.delete(key(3))
  assert.deepEqual(keysOf(transaction.scan({}, 'forward')), [[1], [4], [5], [9]])
  assert.deepEqual(keysOf(transaction.scan({}, 'backward')), [[9], [5], [4], [1]])
  const range = {
    lower: { key: key(4), inclusive: false },
    upper: { key: key(9), inclusive: true },
  }
  assert.deepEqual(keysOf(transaction.scan(range, 'forward')), [[5], [9]])
  const prefix = {
    lower: { key: key(1), inclusive: true },
    upper: { key: key(5), inclusive: false },
  }
  assert.deepEqual(keysOf(transaction.scan(prefix, 'forward')), [[1], [4]])
})

test('a scan does not see writes made while it runs', async () => {
  const kernel = new MemoryKernel()
  const transaction = kernel.begin()
  transaction.put(key(1), key(1))
  const seen: number[][] = []
  for (const entry of transaction.scan({}, 'forward')) {
    seen.push([...entry.key])
    transaction.put(key((entry.key[0] ?? 0) + 1), key(0))
  }
  assert.deepEqual(seen, [[1]])
})

test('of two transactions writing one key, the later committer fails with 40001', async () => {
  const kernel = new MemoryKernel()
  const a = kernel.begin()
  const b = kernel.begin()
  a.put(key(7), key(1))
  b.put(key(7), key(2))
  await a.commit()
  await assert.rejects(
    b.commit(),
    (error: unknown) => error instanceof SqlError && error.code === '40001',
  )
  const check = kernel.begin()
  assert.deepEqual(check.get(key(7)), key(1))
})

test('a deleted key conflicts with a concurrent writer of it', async () => {
  const kernel = new MemoryKernel()
  const setup = kernel.begin()
  setup.put(key(3), key(3))
  await setup.commit()
  const a = kernel.begin()
  const b = kernel.begin()
  a.delete(key(3))
  b.put(key(3), key(4))
  await a.commit()
  await assert.rejects(b.commit())
})
