// Property test of the key encoding against a model: for random tuples of integers, booleans,
// text and NULLs, in any mix of ASC/DESC and NULLS FIRST/LAST, byte order of the encodings must
// equal SQL order of the tuples. Seeds are printed by fast-check on failure.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compareValues, type Value } from '../types/index.js'
import { compareBytes, encodeKey, type KeyColumn, type KeyValue, prefixEnd } from './keycode.js'

const integer = fc.oneof(
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.constantFrom(0, -1, 1, 2147483647, -2147483648),
)
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '\0', 'a\0', 'a', 'ab'),
)
const columnSpec = fc.record({
  kind: fc.constantFrom('integer' as const, 'boolean' as const, 'text' as const),
  descending: fc.boolean(),
  nullsFirst: fc.boolean(),
})

function valueFor(column: KeyColumn): fc.Arbitrary<KeyValue> {
  const base: fc.Arbitrary<KeyValue> =
    column.kind === 'integer' ? integer : column.kind === 'boolean' ? fc.boolean() : text
  return fc.option(base, { nil: null, freq: 5 })
}

/** The model: SQL tuple order with per-column direction and NULL placement. */
function compareTuples(
  a: readonly KeyValue[],
  b: readonly KeyValue[],
  columns: readonly KeyColumn[],
): number {
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as KeyColumn
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === null || y === null) {
      if (x === y) continue
      return (x === null) === column.nullsFirst ? -1 : 1
    }
    // The generated values are integers, booleans and strings: SQL values of those kinds.
    const order = compareValues(x as Value, y as Value)
    if (order !== 0) return column.descending ? -order : order
  }
  return 0
}

const tuplePair = fc
  .array(columnSpec, { minLength: 1, maxLength: 4 })
  .chain((columns) =>
    fc.tuple(
      fc.constant(columns),
      fc.tuple(...columns.map(valueFor)),
      fc.tuple(...columns.map(valueFor)),
    ),
  )

test('keycode byte order equals SQL tuple order', () => {
  fc.assert(
    fc.property(tuplePair, ([columns, a, b]) => {
      const expected = Math.sign(compareTuples(a, b, columns))
      const actual = Math.sign(compareBytes(encodeKey(a, columns), encodeKey(b, columns)))
      assert.equal(actual, expected)
    }),
    { numRuns: 5000 },
  )
})

test('keycode encodes int4 and int8 of equal value identically', () => {
  const column: KeyColumn = { kind: 'integer', descending: false, nullsFirst: false }
  fc.assert(
    fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (n) => {
      assert.deepEqual(encodeKey([n], [column]), encodeKey([BigInt(n)], [column]))
    }),
  )
})

test('keycode encodes every safe-integer number as the bigint of equal value', () => {
  const column: KeyColumn = { kind: 'integer', descending: false, nullsFirst: false }
  const safe = fc.oneof(
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.constantFrom(-(2 ** 32), 2 ** 32, -(2 ** 32) - 1, 2 ** 32 - 1, -(2 ** 31) - 1, 2 ** 31),
  )
  fc.assert(
    fc.property(safe, (n) => {
      assert.deepEqual(encodeKey([n], [column]), encodeKey([BigInt(n)], [column]))
    }),
    { numRuns: 2000 },
  )
})

test('prefixEnd is above every key with the prefix and below the next prefix', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      fc.uint8Array({ maxLength: 8 }),
      (prefix, rest) => {
        const end = prefixEnd(prefix)
        const key = new Uint8Array([...prefix, ...rest])
        if (end === undefined) {
          assert.ok(prefix.every((byte) => byte === 0xff))
          return
        }
        assert.ok(compareBytes(key, end) < 0)
        assert.ok(compareBytes(prefix, end) < 0)
      },
    ),
  )
})
