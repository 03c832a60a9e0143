// CRC-32C against the published check value and a few RFC 3720 vectors, and incremental use.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { crc32c } from './crc32c.js'

test('crc32c matches the standard check value and RFC 3720 vectors', () => {
  assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283)
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa)
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43)
  const ascending = Uint8Array.from({ length: 32 }, (_, i) => i)
  assert.equal(crc32c(ascending), 0x46dd794e)
})

test('crc32c can be computed in pieces', () => {
  const bytes = new TextEncoder().encode('hello, pages and log records')
  const whole = crc32c(bytes)
  const first = crc32c(bytes, 0, 10)
  assert.equal(crc32c(bytes, 10, bytes.length, first), whole)
})

/** The plain bitwise definition, for comparison with the sliced tables. */
function bitwiseCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1
  }
  return ~crc >>> 0
}

test('slicing by eight agrees with the bitwise definition at every length and offset', () => {
  const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff)
  for (let start = 0; start < 9; start++) {
    for (let end = start; end <= 300; end += 7) {
      const part = bytes.subarray(start, end)
      assert.equal(crc32c(bytes, start, end), bitwiseCrc32c(part), `[${start}, ${end})`)
    }
  }
})
