// LockTable: conflicts between share and update locks, releaseAll, and the hash filter that
// lets writes skip the lock lookup: mayHold is true for every locked key (no false negatives).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { LockTable } from './lock-table.js'

const latin1 = (key: Uint8Array): string => Buffer.from(key).toString('latin1')

test('share locks coexist, an update lock excludes, writes conflict with both', () => {
  const locks = new LockTable()
  const key = latin1(Uint8Array.of(1, 2, 3))
  locks.add(key, 10, 'share')
  assert.equal(locks.findConflict(key, 11, 'share'), undefined)
  assert.equal(locks.findConflict(key, 11, 'update'), 10)
  assert.equal(locks.findConflict(key, 11, 'write'), 10)
  assert.equal(locks.findConflict(key, 10, 'write'), undefined, 'its own lock never conflicts')
  locks.releaseAll(10)
  assert.equal(locks.findConflict(key, 11, 'write'), undefined)
  assert.equal(locks.size, 0)
})

test('mayHold: true for every locked key, and false again once all are released', () => {
  const keyBytes = fc.uint8Array({ minLength: 0, maxLength: 6 })
  const step = fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      key: keyBytes,
      holder: fc.integer({ min: 1, max: 4 }),
      mode: fc.constantFrom('share' as const, 'update' as const),
    }),
    fc.record({ kind: fc.constant('release' as const), holder: fc.integer({ min: 1, max: 4 }) }),
  )
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const locks = new LockTable()
      const held = new Map<number, Uint8Array[]>()
      for (const s of steps) {
        if (s.kind === 'add') {
          if (locks.findConflict(latin1(s.key), s.holder, s.mode) !== undefined) continue
          locks.add(latin1(s.key), s.holder, s.mode)
          held.set(s.holder, [...(held.get(s.holder) ?? []), s.key])
        } else {
          locks.releaseAll(s.holder)
          held.delete(s.holder)
        }
        for (const keys of held.values()) for (const key of keys) assert.ok(locks.mayHold(key))
      }
      for (const holder of [1, 2, 3, 4]) locks.releaseAll(holder)
      for (const s of steps) if (s.kind === 'add') assert.equal(locks.mayHold(s.key), false)
    }),
  )
})
