// Version keys and values: examples and fast-check properties over prefix-free user keys (built
// with lib/keycode.ts, as the kernel's callers do) check that byte order puts every version of a
// key together, newest transaction and newest command first, that encoding round-trips, that the
// scan bounds enclose exactly one key's versions, and that tombstones are told from rows.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { InternalError } from '../../errors/index.js'
import { compareBytes, encodeKey, type KeyColumn } from '../../lib/keycode.js'
import {
  afterVersionsKey,
  decodeVersionKey,
  decodeVersionValue,
  encodeVersionKey,
  encodeVersionValue,
  firstVersionKey,
  isVersionOf,
  type VersionId,
  versionSuffixBytes,
} from './index.js'

const columns: readonly KeyColumn[] = [
  { kind: 'text', descending: false, nullsFirst: false },
  { kind: 'integer', descending: false, nullsFirst: false },
]

/** A prefix-free user key, as tables build them. */
function userKey(text: string, n: number): Uint8Array {
  return encodeKey([text, n], columns)
}

const userKeyArbitrary = fc
  .tuple(fc.string({ maxLength: 6 }), fc.integer({ min: -1000, max: 1000 }))
  .map(([text, n]) => ({ text, n, key: userKey(text, n) }))

const versionArbitrary: fc.Arbitrary<VersionId> = fc.record({
  transactionId: fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.constantFrom(0, 1, 2 ** 32, Number.MAX_SAFE_INTEGER),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  ),
  commandId: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 0xffff_ffff)),
})

/** The order version keys must have: user key, then newer transaction, then newer command. */
function modelOrder(
  a: { key: Uint8Array; version: VersionId },
  b: { key: Uint8Array; version: VersionId },
): number {
  const byKey = compareBytes(a.key, b.key)
  if (byKey !== 0) return byKey
  if (a.version.transactionId !== b.version.transactionId) {
    return b.version.transactionId - a.version.transactionId
  }
  return b.version.commandId - a.version.commandId
}

test('a version key is the user key and a 12-byte suffix', () => {
  const user = userKey('a', 1)
  const key = encodeVersionKey(user, { transactionId: 5, commandId: 2 })
  assert.equal(versionSuffixBytes, 12)
  assert.equal(key.length, user.length + 12)
  assert.deepEqual(key.subarray(0, user.length), user)
  assert.deepEqual(
    [...key.subarray(user.length)],
    [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfa, 0xff, 0xff, 0xff, 0xfd],
    'inverted big-endian transaction id and command id',
  )
})

test('versions of one key: newest transaction first, then newest command first', () => {
  const user = userKey('row', 7)
  const versions: VersionId[] = [
    { transactionId: 3, commandId: 0 },
    { transactionId: 10, commandId: 0 },
    { transactionId: 10, commandId: 4 },
    { transactionId: 2, commandId: 9 },
    { transactionId: 10, commandId: 1 },
  ]
  const sorted = versions
    .map((version) => encodeVersionKey(user, version))
    .sort(compareBytes)
    .map((key) => decodeVersionKey(key).version)
  assert.deepEqual(sorted, [
    { transactionId: 10, commandId: 4 },
    { transactionId: 10, commandId: 1 },
    { transactionId: 10, commandId: 0 },
    { transactionId: 3, commandId: 0 },
    { transactionId: 2, commandId: 9 },
  ])
})

test('all versions of a key sort before the next user key, even the oldest', () => {
  const a = userKey('a', 1)
  const b = userKey('a', 2)
  const c = userKey('ab', 0)
  assert.ok(compareBytes(a, b) < 0 && compareBytes(b, c) < 0)
  const oldestOfA = encodeVersionKey(a, { transactionId: 0, commandId: 0 })
  const newestOfB = encodeVersionKey(b, {
    transactionId: Number.MAX_SAFE_INTEGER,
    commandId: 0xffff_ffff,
  })
  assert.ok(compareBytes(oldestOfA, newestOfB) < 0)
  const oldestOfB = encodeVersionKey(b, { transactionId: 0, commandId: 0 })
  assert.ok(compareBytes(oldestOfB, encodeVersionKey(c, { transactionId: 9, commandId: 9 })) < 0)
})

test('byte order of version keys equals the model order (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(userKeyArbitrary, versionArbitrary), { minLength: 2, maxLength: 30 }),
      (entries) => {
        const items = entries.map(([user, version]) => ({
          key: user.key,
          version,
          encoded: encodeVersionKey(user.key, version),
        }))
        const byBytes = [...items].sort((x, y) => compareBytes(x.encoded, y.encoded))
        const byModel = [...items].sort(modelOrder)
        for (let i = 0; i < items.length; i++) {
          assert.equal(
            modelOrder(byBytes[i] as (typeof items)[number], byModel[i] as (typeof items)[number]),
            0,
          )
        }
      },
    ),
  )
})

test('encode and decode round-trip (property)', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 40 }),
      versionArbitrary,
      fc.nat({ max: 8 }),
      (user, version, padding) => {
        const encoded = encodeVersionKey(user, version)
        // Decoding works on a view into a larger buffer, as B+tree pages hand out.
        const buffer = new Uint8Array(padding + encoded.length + 3)
        buffer.set(encoded, padding)
        const view = buffer.subarray(padding, padding + encoded.length)
        const decoded = decodeVersionKey(view)
        assert.deepEqual(decoded.version, { ...version }, 'fast-check records have no prototype')
        assert.deepEqual([...decoded.userKey], [...user])
        assert.ok(isVersionOf(view, user))
      },
    ),
  )
})

test('decoding a key shorter than the suffix is a bug (InternalError)', () => {
  assert.throws(() => decodeVersionKey(new Uint8Array(11)), InternalError)
  assert.deepEqual(decodeVersionKey(new Uint8Array(12).fill(0xff)), {
    userKey: new Uint8Array(0),
    version: { transactionId: 0, commandId: 0 },
  })
})

test('firstVersionKey and afterVersionsKey enclose exactly the versions of one key (property)', () => {
  fc.assert(
    fc.property(
      userKeyArbitrary,
      userKeyArbitrary,
      versionArbitrary,
      versionArbitrary,
      (target, other, version, otherVersion) => {
        const first = firstVersionKey(target.key)
        const after = afterVersionsKey(target.key)
        const own = encodeVersionKey(target.key, version)
        assert.ok(compareBytes(first, own) <= 0, 'first ≤ every version')
        assert.ok(compareBytes(own, after) < 0, 'every version < after')
        if (compareBytes(other.key, target.key) !== 0) {
          const foreign = encodeVersionKey(other.key, otherVersion)
          const isInside = compareBytes(first, foreign) <= 0 && compareBytes(foreign, after) < 0
          assert.ok(!isInside, 'no version of another key lies between the bounds')
        }
      },
    ),
  )
})

test('the bounds at the extremes: newest possible and oldest possible versions', () => {
  const user = userKey('k', 0)
  const newest = encodeVersionKey(user, {
    transactionId: Number.MAX_SAFE_INTEGER,
    commandId: 0xffff_ffff,
  })
  const oldest = encodeVersionKey(user, { transactionId: 0, commandId: 0 })
  assert.ok(compareBytes(firstVersionKey(user), newest) < 0)
  assert.ok(compareBytes(oldest, afterVersionsKey(user)) < 0)
  assert.equal(firstVersionKey(user).length, user.length + versionSuffixBytes)
  assert.ok(!isVersionOf(afterVersionsKey(user), user), 'the end bound is not itself a version')
  assert.ok(isVersionOf(firstVersionKey(user), user))
})

test('isVersionOf: same user key and a suffix of the right length only', () => {
  const user = userKey('abc', 1)
  const key = encodeVersionKey(user, { transactionId: 4, commandId: 0 })
  assert.ok(isVersionOf(key, user))
  assert.ok(!isVersionOf(key, userKey('abd', 1)))
  assert.ok(!isVersionOf(key, user.subarray(0, user.length - 1)))
  assert.ok(!isVersionOf(user, user), 'a user key alone is not a version')
})

test('version values: rows keep their bytes, tombstones have none', () => {
  const row = new Uint8Array([9, 8, 7])
  const value = encodeVersionValue(row)
  assert.deepEqual([...value], [1, 9, 8, 7])
  assert.deepEqual(decodeVersionValue(value), row)
  const emptyRow = encodeVersionValue(new Uint8Array(0))
  assert.deepEqual([...emptyRow], [1])
  assert.deepEqual(decodeVersionValue(emptyRow), new Uint8Array(0), 'an empty row is not deleted')
  const tombstone = encodeVersionValue(undefined)
  assert.deepEqual([...tombstone], [2])
  assert.equal(decodeVersionValue(tombstone), undefined)
  assert.throws(() => decodeVersionValue(new Uint8Array([3, 1])), InternalError)
  assert.throws(() => decodeVersionValue(new Uint8Array(0)), InternalError)
})
