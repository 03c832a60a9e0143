// Enum sort keys: a key between any two keys always exists and never ends in a 0 byte, so
// ADD VALUE BEFORE / AFTER never changes an existing key (index entries stay valid).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compareBytes } from '../lib/keycode.js'
import { initialSortKeys, sortKeyBetween } from './enum-type.js'

function isValid(key: Uint8Array): boolean {
  return key.length > 0 && key[key.length - 1] !== 0
}

test('initial keys ascend, stay short, and never end in 0', () => {
  const keys = initialSortKeys(1000)
  for (let i = 1; i < keys.length; i++) {
    assert.ok(compareBytes(keys[i - 1] ?? new Uint8Array(), keys[i] ?? new Uint8Array()) < 0)
  }
  assert.ok(keys.every(isValid))
  assert.ok(Math.max(...keys.map((k) => k.length)) <= 8)
})

test('inserting repeatedly at one place always finds a key strictly between', () => {
  // ADD VALUE 'x' BEFORE 'b' again and again: each new key goes just above the lower bound.
  let low = initialSortKeys(2)[0] ?? new Uint8Array()
  const high = initialSortKeys(2)[1] ?? new Uint8Array()
  let upper = high
  for (let i = 0; i < 2000; i++) {
    const key = sortKeyBetween(low, upper)
    assert.ok(compareBytes(low, key) < 0 && compareBytes(key, upper) < 0)
    assert.ok(isValid(key))
    if (i % 2 === 0) upper = key
    else low = key
  }
})

test('random insertions keep every key distinct, ordered as inserted, and valid', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 200 }), (choices) => {
      const keys = [...initialSortKeys(3)]
      for (const choice of choices) {
        const at = choice % (keys.length + 1)
        const key = sortKeyBetween(keys[at - 1], keys[at])
        keys.splice(at, 0, key)
      }
      for (let i = 1; i < keys.length; i++) {
        const a = keys[i - 1] ?? new Uint8Array()
        const b = keys[i] ?? new Uint8Array()
        if (compareBytes(a, b) >= 0) return false
      }
      return keys.every(isValid)
    }),
  )
})
