// UndoLog against an array model: seeded pushes and pops of keys of every length up to the
// largest version key, across chunk boundaries; oldest-first reading; memory a few bytes per
// entry beyond the keys.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Random } from '../lib/random.js'
import { btreeKeyBytesMax } from '../limits.js'
import { UndoLog } from './undo-log.js'

function keyOf(random: Random): Uint8Array {
  const length = random.chance(0.05) ? btreeKeyBytesMax : 1 + random.nextInt(40)
  const key = new Uint8Array(length)
  random.fill(key)
  return key
}

test('pushes and pops match an array model, across chunks', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const random = new Random(seed)
    const log = new UndoLog()
    const model: Uint8Array[] = []
    for (let step = 0; step < 3_000; step++) {
      if (model.length > 0 && random.chance(0.3)) {
        const pops = 1 + random.nextInt(Math.min(model.length, 200))
        for (let i = 0; i < pops; i++) assert.deepEqual(log.pop(), model.pop(), `seed ${seed}`)
      } else {
        const key = keyOf(random)
        log.push(key)
        model.push(key.slice())
      }
      assert.equal(log.count, model.length)
    }
    assert.deepEqual([...log.oldestFirst()], model, `seed ${seed}: oldest first`)
    while (model.length > 0) assert.deepEqual(log.pop(), model.pop())
    assert.equal(log.pop(), undefined)
    assert.equal(log.count, 0)
  }
})

test('memory: the keys plus four bytes each, and clear releases it', () => {
  const log = new UndoLog()
  const key = new Uint8Array(20)
  for (let i = 0; i < 100_000; i++) log.push(key)
  assert.ok(log.allocatedBytes <= 100_000 * 24 * 1.05, `${log.allocatedBytes} bytes`)
  assert.equal(log.count, 100_000)
  log.clear()
  assert.equal(log.allocatedBytes, 0)
  assert.equal(log.pop(), undefined)
})
