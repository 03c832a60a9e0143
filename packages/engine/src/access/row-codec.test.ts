// Round-trip tests of the row encoding for every storable type, NULLs in any position, and
// values at the edges of their ranges; decoding rejects rows that do not match the table.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { InternalError } from '../errors/index.js'
import {
  behaviourOf,
  defaultTypeContext,
  type SqlType,
  sqlTypes,
  type Value,
} from '../types/index.js'
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

/** The format as written with DataView and TextEncoder (how format version 1 was first coded). */
function referenceEncode(row: readonly Value[], columnTypes: readonly (typeof types)[number][]) {
  const parts: number[] = [1, row.length >> 8, row.length & 0xff]
  const nulls = new Array<number>(Math.ceil(row.length / 8)).fill(0)
  const values: number[] = []
  row.forEach((value, i) => {
    if (value === null) {
      nulls[i >> 3] = (nulls[i >> 3] ?? 0) | (1 << (i & 7))
      return
    }
    const kind = columnTypes[i]?.kind
    const view = new DataView(new ArrayBuffer(8))
    if (kind === 'bool') values.push(value === true ? 1 : 0)
    else if (kind === 'int2') {
      view.setInt16(0, Number(value))
      values.push(...new Uint8Array(view.buffer, 0, 2))
    } else if (kind === 'int4') {
      view.setInt32(0, Number(value))
      values.push(...new Uint8Array(view.buffer, 0, 4))
    } else if (kind === 'int8') {
      view.setBigInt64(0, BigInt(value as bigint))
      values.push(...new Uint8Array(view.buffer, 0, 8))
    } else {
      const text = new TextEncoder().encode(String(value))
      view.setUint32(0, text.length)
      values.push(...new Uint8Array(view.buffer, 0, 4), ...text)
    }
  })
  return Uint8Array.from([...parts, ...nulls, ...values])
}

test('the bytes are format version 1 exactly', () => {
  const columnTypes = [sqlTypes.int4, sqlTypes.text, sqlTypes.int8, sqlTypes.bool, sqlTypes.int2]
  fc.assert(
    fc.property(
      fc.option(valuesByKind.int4, { nil: null }),
      fc.option(fc.string({ unit: 'binary', maxLength: 100 }), { nil: null }),
      fc.option(valuesByKind.int8, { nil: null }),
      fc.option(valuesByKind.bool, { nil: null }),
      fc.option(valuesByKind.int2, { nil: null }),
      (...row) => {
        assert.deepEqual(encodeRow(row, columnTypes), referenceEncode(row, columnTypes))
      },
    ),
    { numRuns: 1000 },
  )
  // int8 columns also accept numbers (parameters bound as JavaScript numbers).
  assert.deepEqual(
    encodeRow([-5], [sqlTypes.int8]),
    encodeRow([-5n], [sqlTypes.int8]),
    'a negative number encodes as the bigint does',
  )
})

test('rows of every other type round-trip through their binary forms, fixed-size or not', () => {
  const types = [
    sqlTypes.float8,
    sqlTypes.numeric,
    sqlTypes.varchar,
    sqlTypes.timestamptz,
    sqlTypes.uuid,
    sqlTypes.jsonb,
    sqlTypes.date,
    sqlTypes.bytea,
  ]
  const read = (type: (typeof types)[number], text: string) =>
    behaviourOf(type).input(text, type, defaultTypeContext)
  const row = [
    read(sqlTypes.float8, '1.5'),
    read(sqlTypes.numeric, '-12.340'),
    'some text',
    read(sqlTypes.timestamptz, '2024-01-05 10:00:00+01'),
    read(sqlTypes.uuid, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'),
    read(sqlTypes.jsonb, '{"b": [1, 2], "a": null}'),
    null,
    read(sqlTypes.bytea, '\\x00ff'),
  ]
  const decoded = decodeRow(encodeRow(row, types), types)
  assert.deepEqual(
    decoded.map((value, i) =>
      value === null
        ? null
        : behaviourOf(types[i] as SqlType).output(value, types[i] as SqlType, defaultTypeContext),
    ),
    [
      '1.5',
      '-12.340',
      'some text',
      '2024-01-05 09:00:00+00',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      '{"a": null, "b": [1, 2]}',
      null,
      '\\x00ff',
    ],
  )
})
