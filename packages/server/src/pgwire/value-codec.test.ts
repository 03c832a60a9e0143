/**
 * value-codec against PostgreSQL 15 itself: each fixture is a value's text output and its
 * binary send bytes as the real server printed them (`SELECT v::text, encode(<type>send(v),
 * 'hex')`, TimeZone UTC). Receiving the bytes and sending them back must give the same bytes,
 * and the value's text output the same text; plus parameter decoding and its errors.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ColumnDescription, findTypeByOid, formatValueText, SqlError } from '@bkg-db/engine'
import {
  checkResultFormats,
  decodeParameter,
  encodeValue,
  receiveBinary,
  sendBinary,
} from './value-codec.js'

/** [type OID, PostgreSQL's text output, PostgreSQL's binary send bytes in hex]. */
const postgresFixtures: readonly [number, string, string][] = [
  [16, 't', '01'],
  [16, 'f', '00'],
  [21, '-32768', '8000'],
  [23, '2147483647', '7fffffff'],
  [20, '-9223372036854775808', '8000000000000000'],
  [700, '1.5', '3fc00000'],
  [700, '-Infinity', 'ff800000'],
  [701, 'NaN', '7ff8000000000000'],
  [701, '3.141592653589793', '400921fb54442d18'],
  [1700, '-12345.678900', '0003000140000006000109291a85'],
  [1700, '0.0001', '0001ffff000000040001'],
  [1700, '100000000000000000000', '00010005000000000001'],
  [1700, 'Infinity', '00000000d0000020'],
  [1700, '0.00', '0000000000000002'],
  [25, 'héllo wörld', '68c3a96c6c6f2077c3b6726c64'],
  [1043, 'ab', '6162'],
  [1042, 'x  ', '782020'],
  [19, 'nm', '6e6d'],
  [17, '\\x0102ff', '0102ff'],
  [1082, '2024-02-29', '00002279'],
  [1082, '0044-03-15 BC', 'fff49d7b'],
  [1082, 'infinity', '7fffffff'],
  [1083, '23:59:59.999999', '000000141dd75fff'],
  [1114, '2024-02-29 12:34:56.789', '0002b58341728608'],
  [1114, '-infinity', '8000000000000000'],
  [1184, '2024-02-29 10:34:56.789+00', '0002b581944b3e08'],
  [1186, '1 year 2 mons 3 days 04:05:06.7', '000000036c966ee0000000030000000e'],
  [1186, '-1 days +02:00:00', '00000001ad274800ffffffff00000000'],
  [2950, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a0eebc999c0b4ef8bb6d6bb9bd380a11'],
  [114, '{"b": [1, 2], "a": null}', '7b2262223a205b312c20325d2c202261223a206e756c6c7d'],
  [3802, '{"a": null, "b": [1, 2]}', '017b2261223a206e756c6c2c202262223a205b312c20325d7d'],
  [26, '4000000000', 'ee6b2800'],
  [
    1007,
    '{1,NULL,3}',
    '00000001000000010000001700000003000000010000000400000001ffffffff0000000400000003',
  ],
  [
    1009,
    '{{a,b},{"c d",NULL}}',
    '000000020000000100000019000000020000000100000002000000010000000161000000016200000003632064ffffffff',
  ],
  [1007, '[2:3]={7,8}', '000000010000000000000017000000020000000200000004000000070000000400000008'],
  [1007, '{}', '000000000000000000000017'],
  [
    1231,
    '{1.5,-2}',
    '0000000100000000000006a400000002000000010000000c0002000000000001000113880000000a00010000400000000002',
  ],
  [1182, '{2024-01-01,NULL}', '00000001000000010000043a0000000200000001000000040000223effffffff'],
  [1001, '{"\\\\x00ff"}', '00000001000000000000001100000001000000010000000200ff'],
  [3807, '{"{\\"a\\": 1}"}', '000000010000000000000eda000000010000000100000009017b2261223a20317d'],
]

const column = (typeOid: number): ColumnDescription => ({
  name: 'v',
  typeOid,
  typeSize: -1,
  typeModifier: -1,
  tableOid: 0,
  columnNumber: 0,
})

function sqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, String(error))
    return error
  }
  assert.fail('no error')
}

describe('value codec', () => {
  it('receives and re-sends PostgreSQL 15 bytes exactly, and prints its text', () => {
    for (const [oid, text, hex] of postgresFixtures) {
      const type = findTypeByOid(oid)
      assert.ok(type !== undefined, `type ${oid}`)
      const value = receiveBinary(Buffer.from(hex, 'hex'), type, 0)
      assert.equal(Buffer.from(sendBinary(value, type)).toString('hex'), hex, `${oid} ${text}`)
      assert.equal(formatValueText(value, type), text, `${oid} ${hex}`)
      const binary = encodeValue(value, column(oid), 1, undefined)
      assert.equal(Buffer.from(binary ?? []).toString('hex'), hex)
      const textBytes = encodeValue(value, column(oid), 0, undefined)
      assert.equal(Buffer.from(textBytes ?? []).toString('utf8'), text)
    }
  })

  it('hands binary parameters to bind as primitives or as exact text', () => {
    const decode = (oid: number, hex: string): unknown =>
      decodeParameter(Buffer.from(hex, 'hex'), 1, oid, 0)
    assert.equal(decode(16, '01'), true)
    assert.equal(decode(23, '7fffffff'), 2147483647)
    assert.equal(decode(20, '8000000000000000'), -9223372036854775808n)
    assert.equal(decode(701, '400921fb54442d18'), Math.PI)
    assert.deepEqual(decode(17, '0102ff'), Buffer.from([1, 2, 255]))
    assert.equal(decode(1700, '0003000140000006000109291a85'), '-12345.678900')
    assert.equal(decode(1184, '0002b581944b3e08'), '2024-02-29 10:34:56.789+00')
    assert.equal(decode(1186, '000000036c966ee0000000030000000e'), 'P1Y2M3DT4H5M6.7S')
    assert.equal(
      decode(1007, '000000010000000000000017000000020000000200000004000000070000000400000008'),
      '[2:3]={7,8}',
    )
    assert.equal(decodeParameter(null, 1, 23, 0), null)
    assert.equal(decodeParameter(Buffer.from('12'), 0, 23, 0), '12')
  })

  it('refuses short parameter bytes with 08P01, bad ones with 22P03, non-UTF-8 text with 22021, unknown types with 0A000', () => {
    const short = sqlError(() => decodeParameter(Buffer.from('0001', 'hex'), 1, 23, 2))
    assert.deepEqual([short.code, short.message], ['08P01', 'insufficient data left in message'])
    const long = sqlError(() => decodeParameter(Buffer.from('0000000100', 'hex'), 1, 23, 2))
    assert.deepEqual(
      [long.code, long.message],
      ['22P03', 'incorrect binary data format in bind parameter 3'],
    )
    const numeric = sqlError(() => decodeParameter(Buffer.from('00', 'hex'), 1, 1700, 0))
    assert.equal(numeric.code, '22P03')
    const text = sqlError(() => decodeParameter(Buffer.from([0xc3]), 0, 25, 0))
    assert.equal(text.code, '22021')
    const point = sqlError(() => decodeParameter(Buffer.alloc(16), 1, 600, 0))
    assert.deepEqual(
      [point.code, point.message],
      ['0A000', 'binary format is not supported for parameter $1 of type with OID 600'],
    )
  })

  it('checks binary result formats at Bind: a type without a binary form is 0A000', () => {
    checkResultFormats([column(23), column(1700)], [1])
    checkResultFormats([column(600)], [0])
    const error = sqlError(() => checkResultFormats([column(23), column(600)], [0, 1]))
    assert.equal(error.code, '0A000')
  })
})
