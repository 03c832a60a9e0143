// Round-trip tests of the row encoding for every storable type, NULLs in any position, and
// values at the edges of their ranges; decoding rejects rows that do not match the table.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { InternalError } from '../errors/index.js'
import { sqlTypes, type Value } from '../types/index.js'
import { decodeRow, encodeRow } from './row-codec.js'

const types = [sqlTypes.bool, sqlTypes.int2, sqlTypes.int4, sqlTypes.int8, sqlTypes.text]
const valuesByKind = {
  bool: fc.boolean(),
  int2: fc.integer({ min: -32768, max: 32767 }),
  int4: fc.integer({ min: -2147483648, max: 2147483647 }),
  int8: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  text: fc.string({ unit: 'grapheme' }),
} as const

test('rows round-trip through the encoding', () => {
  const row = fc
    .array(fc.constantFrom(...types), { minLength: 0, maxLength: 20 })
    .chain((columnTypes) =>
      fc.tuple(
        fc.constant(columnTypes),
        fc.tuple(
          ...columnTypes.map((type) =>
            fc.option(valuesByKind[type.kind as keyof typeof valuesByKind] as fc.Arbitrary<Value>, {
              nil: null,
            }),
          ),
        ),
      ),
    )
  fc.assert(
    fc.property(row, ([columnTypes, values]) => {
      assert.deepEqual(decodeRow(encodeRow(values, columnTypes), columnTypes), values)
    }),
    { numRuns: 2000 },
  )
})

test('decoding with the wrong column count is a bug, not garbage', () => {
  const bytes = encodeRow([1, 'a'], [sqlTypes.int4, sqlTypes.text])
  assert.throws(() => decodeRow(bytes, [sqlTypes.int4]), InternalError)
})
