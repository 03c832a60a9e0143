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

test('the 64-bit fields are big-endian u64s, as a BigInt encoder writes them (format version 1)', () => {
  const safe = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 32 + 5 }),
    fc.constantFrom(2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  )
  fc.assert(
    fc.property(safe, safe, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (sequence, id, command) => {
      const user = key('k')
      const versionKey = encodeVersionKey(user, sequence)
      const suffix = new DataView(versionKey.buffer, user.length, 8).getBigUint64(0)
      assert.equal(suffix, 0xffff_ffff_ffff_ffffn - BigInt(sequence))
      assert.equal(decodeVersionKey(versionKey).sequence, sequence)
      const value = encodeVersionValue({ transactionId: id, commandId: command }, undefined)
      const view = new DataView(value.buffer)
      assert.equal(view.getBigUint64(1), BigInt(id))
      assert.equal(view.getUint32(9), command)
      assert.deepEqual(decodeVersionId(value), { transactionId: id, commandId: command })
    }),
  )
})
