// The hot-path byte helpers agree with the platform: UTF-8 exactly as TextEncoder writes it and
// TextDecoder (fatal) reads it, lone surrogates and invalid bytes included; 64-bit fields as a
// BigInt DataView writes them; tailOf and headOf copy or view the same bytes.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import {
  headOf,
  readUint53,
  readUtf8,
  tailOf,
  utf8Length,
  writeUint53,
  writeUtf8,
} from './bytes.js'

test('writeUtf8 and utf8Length give TextEncoder bytes, lone surrogates included', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    fc.constantFrom('\ud800', 'a\udc00b', '\ud83d\ude00', 'é'.repeat(70), '\u0000'),
  )
  fc.assert(
    fc.property(text, (value) => {
      const expected = new TextEncoder().encode(value)
      assert.equal(utf8Length(value), expected.length)
      const bytes = new Uint8Array(expected.length + 3)
      assert.equal(writeUtf8(value, bytes, 2), 2 + expected.length)
      assert.deepEqual(bytes.subarray(2, 2 + expected.length), expected)
      assert.equal(readUtf8(bytes, 2, 2 + expected.length), new TextDecoder().decode(expected))
    }),
    { numRuns: 2000 },
  )
})

test('readUtf8 rejects invalid UTF-8 as the fatal decoder does', () => {
  for (const bad of [[0xff], [0x61, 0xc3], [0xed, 0xa0, 0x80], [0x80]]) {
    assert.throws(() => readUtf8(Uint8Array.from(bad), 0, bad.length), TypeError)
  }
})

test('64-bit fields hold safe integers, big-endian', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (value) => {
      const bytes = new Uint8Array(10)
      writeUint53(bytes, 1, value)
      assert.equal(new DataView(bytes.buffer).getBigUint64(1), BigInt(value))
      assert.equal(readUint53(bytes, 1), value)
    }),
  )
})

test('tailOf and headOf: the same bytes, copied when small, viewed when large', () => {
  const small = Uint8Array.from({ length: 20 }, (_, i) => i)
  const large = Uint8Array.from({ length: 200 }, (_, i) => i & 0xff)
  assert.deepEqual(tailOf(small, 13), small.slice(13))
  assert.notEqual(tailOf(small, 13).buffer, small.buffer)
  assert.deepEqual(tailOf(large, 13), large.slice(13))
  assert.equal(tailOf(large, 13).buffer, large.buffer)
  assert.deepEqual(headOf(small, 5), small.slice(0, 5))
  assert.notEqual(headOf(small, 5).buffer, small.buffer)
  assert.deepEqual(headOf(large, 150), large.slice(0, 150))
  assert.equal(headOf(large, 150).buffer, large.buffer)
})
