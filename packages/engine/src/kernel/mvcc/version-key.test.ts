// Version keys: a key's versions sort newest written first (by the kernel-wide sequence, not by
// transaction id), all before the next user key; values carry the writer and the row; bounds.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compareBytes } from '../../lib/keycode.js'
import {
  afterVersionsKey,
  decodeVersionId,
  decodeVersionKey,
  decodeVersionValue,
  encodeVersionKey,
  encodeVersionValue,
  firstVersionKey,
  isVersionOf,
} from './version-key.js'

const key = (text: string): Uint8Array => new TextEncoder().encode(`${text}\u0000`)

test('versions of a key sort newest written first, between the key bounds', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: 2, maxLength: 20 }),
      (sequences) => {
        const user = key('row')
        const encoded = sequences.map((sequence) => ({
          sequence,
          key: encodeVersionKey(user, sequence),
        }))
        encoded.sort((a, b) => compareBytes(a.key, b.key))
        const order = encoded.map((e) => e.sequence)
        assert.deepEqual(
          order,
          [...sequences].sort((a, b) => b - a),
        )
        for (const e of encoded) {
          assert.ok(compareBytes(firstVersionKey(user), e.key) <= 0)
          assert.ok(compareBytes(e.key, afterVersionsKey(user)) < 0)
          assert.ok(isVersionOf(e.key, user))
          assert.deepEqual(decodeVersionKey(e.key), { userKey: user, sequence: e.sequence })
        }
      },
    ),
  )
})

test('every version of a key sorts before the next (prefix-free) user key', () => {
  const a = key('a')
  const b = key('b')
  assert.ok(compareBytes(afterVersionsKey(a), firstVersionKey(b)) <= 0)
  assert.ok(compareBytes(encodeVersionKey(a, 1), encodeVersionKey(b, 2 ** 40)) < 0)
  assert.equal(isVersionOf(encodeVersionKey(a, 3), b), false)
})

test('a version written later by an older transaction sorts first (no lost update)', () => {
  const user = key('account')
  const byYoungerTransaction = encodeVersionKey(user, 10)
  const laterByOlderTransaction = encodeVersionKey(user, 11)
  assert.ok(compareBytes(laterByOlderTransaction, byYoungerTransaction) < 0)
})

test('values carry the writer and the row; a tombstone has no row', () => {
  const row = new Uint8Array([1, 2, 3])
  const value = encodeVersionValue({ transactionId: 2 ** 40 + 3, commandId: 7 }, row)
  assert.deepEqual(decodeVersionId(value), { transactionId: 2 ** 40 + 3, commandId: 7 })
  assert.deepEqual(decodeVersionValue(value), row)
  const tombstone = encodeVersionValue({ transactionId: 5, commandId: 0 }, undefined)
  assert.equal(decodeVersionValue(tombstone), undefined)
  assert.deepEqual(decodeVersionId(tombstone), { transactionId: 5, commandId: 0 })
  assert.throws(() => decodeVersionValue(new Uint8Array([9])))
})
