// The COPY readers against themselves: however the input is cut into chunks (one byte at a
// time, at random places, whole), text, CSV and binary readers yield the same rows, so a
// client's CopyData boundaries never change what is stored. Plus the formats' corners: escapes,
// quoting, line ends, the end marker, limits.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../../errors/index.js'
import type { CopyOptions } from '../../bind/index.js'
import { binaryCopyHeader, CopyBinaryReader, CopyTextReader } from './copy-reader.js'
import { binaryTrailer, formatBinaryTuple, formatTextLine } from './copy-writer.js'

function options(overrides: Partial<CopyOptions> = {}): CopyOptions {
  const isCsv = overrides.format === 'csv'
  return {
    format: 'text',
    delimiter: isCsv ? ',' : '\t',
    nullText: isCsv ? '' : '\\N',
    header: false,
    quote: '"',
    escape: '"',
    forceQuote: undefined,
    forceNotNull: undefined,
    forceNull: undefined,
    freeze: false,
    ...overrides,
  }
}

function readText(
  opts: CopyOptions,
  columns: number,
  chunks: readonly Uint8Array[],
): (string | null)[][] {
  const rows: (string | null)[][] = []
  const names = Array.from({ length: columns }, (_, i) => `c${i}`)
  const reader = new CopyTextReader(
    opts,
    { names, forceNotNull: names.map(() => false), forceNull: names.map(() => false) },
    (fields) => rows.push(fields),
  )
  for (const chunk of chunks) reader.push(chunk)
  reader.end()
  return rows
}

/** `bytes` cut at the given offsets. */
function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(start, point))
    start = point
  }
  return chunks
}

const encoder = new TextEncoder()
const fieldText = fc.oneof(
  fc.constant(null),
  fc.string({ unit: fc.constantFrom('a', 'é', '\t', '\n', '\r', '\\', ',', '"', ' ', '😀', 'N') }),
)

test('property: text and CSV lines written by COPY TO read back the same, however they are chunked', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<'text' | 'csv'>('text', 'csv'),
      fc.array(fc.array(fieldText, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      (format, rows, offsets) => {
        const opts = options({ format })
        const noForce = [false, false, false]
        const data = encoder.encode(rows.map((row) => formatTextLine(row, opts, noForce)).join(''))
        // A lone empty-string field in CSV is written quoted, so it reads back as ''.
        assert.deepEqual(readText(opts, 3, cut(data, offsets)), rows)
        assert.deepEqual(readText(opts, 3, [data]), rows)
      },
    ),
    { numRuns: 400 },
  )
})

test('property: binary tuples read back the same, however they are chunked', () => {
  const fieldBytes = fc.oneof(fc.constant(null), fc.uint8Array({ maxLength: 40 }))
  fc.assert(
    fc.property(
      fc.array(fc.array(fieldBytes, { minLength: 2, maxLength: 2 }), { maxLength: 10 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      (rows, offsets) => {
        const data = Buffer.concat([
          binaryCopyHeader(),
          ...rows.map((row) => formatBinaryTuple(row)),
          binaryTrailer(),
        ])
        const read: (Uint8Array | null)[][] = []
        const reader = new CopyBinaryReader(2, (fields) => read.push(fields))
        for (const chunk of cut(data, offsets)) reader.push(chunk)
        reader.end()
        assert.deepEqual(
          read.map((row) => row.map((f) => (f === null ? null : Buffer.from(f).toString('hex')))),
          rows.map((row) => row.map((f) => (f === null ? null : Buffer.from(f).toString('hex')))),
        )
      },
    ),
    { numRuns: 300 },
  )
})

test('text escapes: octal, hex, the named ones, and any other character as itself', () => {
  const line = encoder.encode('\\101\\x42\\b\\f\\n\\r\\t\\v\\q\\\\\t\\N\tN\n')
  assert.deepEqual(readText(options(), 3, [line]), [['AB\b\f\n\r\t\vq\\', null, 'N']])
})

test('line ends: LF, CRLF or CR as the first line has it; mixing them fails (22P04)', () => {
  assert.deepEqual(readText(options(), 1, [encoder.encode('a\r\nb\r\n')]), [['a'], ['b']])
  assert.deepEqual(readText(options(), 1, [encoder.encode('a\rb\r')]), [['a'], ['b']])
  // CRLF split across chunks.
  assert.deepEqual(
    readText(options(), 1, [encoder.encode('a\r'), encoder.encode('\nb\r'), encoder.encode('\n')]),
    [['a'], ['b']],
  )
  assert.throws(
    () => readText(options(), 1, [encoder.encode('a\nb\r\n')]),
    (error: unknown) => error instanceof SqlError && error.code === '22P04',
  )
  assert.throws(
    () => readText(options({ format: 'csv' }), 1, [encoder.encode('a\r\nb\n')]),
    /unquoted newline found in data/,
  )
})

test('the end marker ends the data; what follows is not read', () => {
  assert.deepEqual(readText(options(), 1, [encoder.encode('a\n\\.\nnot read\n')]), [['a']])
  assert.deepEqual(readText(options({ format: 'csv' }), 1, [encoder.encode('a\n\\.\nx,y\n')]), [
    ['a'],
  ])
})

test('invalid UTF-8 fails with 22021 naming the bytes', () => {
  assert.throws(
    () => readText(options(), 1, [Uint8Array.of(0x61, 0xc3, 0x28, 0x0a)]),
    /invalid byte sequence for encoding "UTF8": 0xc3 0x28/,
  )
})

test('binary: a wrong signature, a wrong field count, the OIDs flag', () => {
  const reader = (count: number) => new CopyBinaryReader(count, () => {})
  assert.throws(() => {
    const r = reader(1)
    r.push(encoder.encode('PGCOPY\nnope, this is not it'))
    r.end()
  }, /COPY file signature not recognized/)
  assert.throws(() => {
    const r = reader(2)
    r.push(Buffer.concat([binaryCopyHeader(), formatBinaryTuple([null])]))
  }, /row field count is 1, expected 2/)
  const withOids = binaryCopyHeader()
  withOids[12] = 1 // flags bit 16 (the flags are a big-endian int32 at offset 11)
  assert.throws(() => reader(1).push(withOids), /WITH OIDS/)
})
