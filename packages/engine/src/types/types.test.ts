// SQL types against PostgreSQL 15's observable behaviour: text input of integers, booleans and
// text (SQLSTATEs and wording checked against a real server), text output, code-point
// comparison (example-based and a property against UTF-8 byte order) and type name lookup.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { InternalError, SqlError } from '../errors/index.js'
import {
  checkIntegerRange,
  compareText,
  compareValues,
  findTypeByName,
  findTypeByOid,
  formatType,
  formatValueText,
  getTypeByName,
  isIntegerType,
  parseValueText,
  sqlTypes,
  typeOids,
} from './index.js'

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

function assertSqlError(run: () => unknown, code: string, message: string): void {
  const error = catchSqlError(run)
  assert.equal(error.code, code)
  assert.equal(error.message, message)
}

test('integers: surrounding whitespace and a sign are accepted', () => {
  assert.equal(parseValueText('42', sqlTypes.int4), 42)
  assert.equal(parseValueText(' 12 ', sqlTypes.int4), 12)
  assert.equal(parseValueText('\t12\n', sqlTypes.int4), 12)
  assert.equal(parseValueText('\r\f\v12', sqlTypes.int4), 12, 'every C isspace() character')
  assert.equal(parseValueText('+12', sqlTypes.int4), 12)
  assert.equal(parseValueText('-12', sqlTypes.int2), -12)
  assert.equal(parseValueText('00012', sqlTypes.int2), 12)
  assert.ok(Object.is(parseValueText('-0', sqlTypes.int4), 0), 'no negative zero')
  assert.equal(parseValueText('-9223372036854775808', sqlTypes.int8), -9223372036854775808n)
  assert.equal(parseValueText('9223372036854775807', sqlTypes.int8), 9223372036854775807n)
  assert.equal(typeof parseValueText('1', sqlTypes.int8), 'bigint', 'int8 values are bigints')
  assert.equal(typeof parseValueText('1', sqlTypes.int2), 'number')
  // PostgreSQL trims only the C isspace() characters: '\u00a012'::int4 and '\ufeff12'::int4
  // are 22P02 there, but String.prototype.trim accepts them here (reported to the lead).
})

test('integers: the edges of each width are in range', () => {
  assert.equal(parseValueText('-32768', sqlTypes.int2), -32768)
  assert.equal(parseValueText('32767', sqlTypes.int2), 32767)
  assert.equal(parseValueText('-2147483648', sqlTypes.int4), -2147483648)
  assert.equal(parseValueText('2147483647', sqlTypes.int4), 2147483647)
})

test('integers out of range: 22003 value "x" is out of range for type <name>, as typed', () => {
  assertSqlError(
    () => parseValueText('2147483648', sqlTypes.int4),
    '22003',
    'value "2147483648" is out of range for type integer',
  )
  assertSqlError(
    () => parseValueText(' 2147483648 ', sqlTypes.int4),
    '22003',
    'value " 2147483648 " is out of range for type integer',
  )
  assertSqlError(
    () => parseValueText('-32769', sqlTypes.int2),
    '22003',
    'value "-32769" is out of range for type smallint',
  )
  assertSqlError(
    () => parseValueText('9223372036854775808', sqlTypes.int8),
    '22003',
    'value "9223372036854775808" is out of range for type bigint',
  )
  assertSqlError(
    () => parseValueText('99999999999999999999999999', sqlTypes.int8),
    '22003',
    'value "99999999999999999999999999" is out of range for type bigint',
  )
})

test('integers with bad syntax: 22P02 invalid input syntax for type <name>', () => {
  for (const text of ['', ' ', '- 12', '12a', '0x10', '1.5', '1e3', '+', '--1', '١']) {
    assertSqlError(
      () => parseValueText(text, sqlTypes.int4),
      '22P02',
      `invalid input syntax for type integer: "${text}"`,
    )
  }
  assertSqlError(
    () => parseValueText('12a', sqlTypes.int2),
    '22P02',
    'invalid input syntax for type smallint: "12a"',
  )
  assertSqlError(
    () => parseValueText('x', sqlTypes.int8),
    '22P02',
    'invalid input syntax for type bigint: "x"',
  )
})

test('integers with underscores are rejected, as in PostgreSQL 15', () => {
  assertSqlError(
    () => parseValueText('1_000', sqlTypes.int4),
    '22P02',
    'invalid input syntax for type integer: "1_000"',
  )
  assertSqlError(
    () => parseValueText('1_000', sqlTypes.int8),
    '22P02',
    'invalid input syntax for type bigint: "1_000"',
  )
})

test('integers: every int4 round-trips through text', () => {
  fc.assert(
    fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (n) => {
      const text = formatValueText(n, typeOids.int4)
      assert.ok(text !== null)
      assert.equal(parseValueText(text, sqlTypes.int4), n)
    }),
  )
  fc.assert(
    fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (n) => {
      const text = formatValueText(n, typeOids.int8)
      assert.ok(text !== null)
      assert.equal(parseValueText(text, sqlTypes.int8), n)
    }),
  )
})

test('booleans: every spelling and unique prefix PostgreSQL accepts', () => {
  const accepted: readonly (readonly [string, boolean])[] = [
    ['t', true],
    ['tr', true],
    ['tru', true],
    ['true', true],
    ['y', true],
    ['ye', true],
    ['yes', true],
    ['on', true],
    ['1', true],
    ['f', false],
    ['fa', false],
    ['fal', false],
    ['fals', false],
    ['false', false],
    ['n', false],
    ['no', false],
    ['of', false],
    ['off', false],
    ['0', false],
  ]
  for (const [text, value] of accepted) {
    assert.equal(parseValueText(text, sqlTypes.bool), value, text)
    assert.equal(parseValueText(text.toUpperCase(), sqlTypes.bool), value, text.toUpperCase())
    assert.equal(parseValueText(` ${text}\t`, sqlTypes.bool), value, 'trimmed')
  }
  assert.equal(parseValueText('tRuE', sqlTypes.bool), true)
  assert.equal(parseValueText('\rt', sqlTypes.bool), true)
  assert.equal(parseValueText('1\f', sqlTypes.bool), true)
})

test('booleans: "o" alone is ambiguous (on/off); other words are 22P02', () => {
  for (const text of ['o', 'O', '', ' ', '01', '00', '2', 'truex', 'yess', 'nope', 'offf', 'onn']) {
    assertSqlError(
      () => parseValueText(text, sqlTypes.bool),
      '22P02',
      `invalid input syntax for type boolean: "${text}"`,
    )
  }
})

test('text: taken as is; NUL is 22021 like PostgreSQL encoding validation', () => {
  assert.equal(parseValueText('  a b  ', sqlTypes.text), '  a b  ', 'not trimmed')
  assert.equal(parseValueText('', sqlTypes.text), '')
  assert.equal(parseValueText('\u{1f600}', sqlTypes.text), '\u{1f600}')
  assert.equal(parseValueText('abc', sqlTypes.unknown), 'abc')
  assertSqlError(
    () => parseValueText('a\0b', sqlTypes.text),
    '22021',
    'invalid byte sequence for encoding "UTF8": 0x00',
  )
  assertSqlError(
    () => parseValueText('\0', sqlTypes.unknown),
    '22021',
    'invalid byte sequence for encoding "UTF8": 0x00',
  )
})

test('formatValueText: PostgreSQL text output', () => {
  assert.equal(formatValueText(null, typeOids.int4), null, 'NULL has no text form')
  assert.equal(formatValueText(null, typeOids.text), null)
  assert.equal(formatValueText(true, typeOids.bool), 't')
  assert.equal(formatValueText(false, typeOids.bool), 'f')
  assert.equal(formatValueText(-12, typeOids.int4), '-12')
  assert.equal(formatValueText(32767, typeOids.int2), '32767')
  assert.equal(formatValueText(-9223372036854775808n, typeOids.int8), '-9223372036854775808')
  assert.equal(formatValueText(9007199254740993n, typeOids.int8), '9007199254740993', 'exact')
  assert.equal(formatValueText('', typeOids.text), '', 'empty text is not NULL')
  assert.equal(formatValueText('a b', typeOids.text), 'a b')
})

test('compareText is code-point order: U+10000 and above sort after U+FFFD', () => {
  const astral = '\u{1f600}'
  const replacement = '\ufffd'
  assert.ok(astral < replacement, 'JavaScript compares UTF-16 code units')
  assert.ok(compareText(astral, replacement) > 0)
  assert.ok(compareText(replacement, astral) < 0)
  assert.ok(compareText(`a${astral}`, `a${replacement}z`) > 0)
  assert.ok(compareText('\ue000', '\u{10000}') < 0)
  assert.ok(compareText('\u{1f600}', '\u{1f601}') < 0, 'same high surrogate, low decides')
  assert.equal(compareText(astral, astral), 0)
  assert.equal(compareText('', ''), 0)
  assert.ok(compareText('a', 'ab') < 0, 'a prefix sorts first')
  assert.ok(compareText('ab', 'a') > 0)
  assert.ok(compareText('B', 'a') < 0, 'the C collation: uppercase before lowercase')
  assert.ok(compareText('a', 'b') < 0)
})

test('compareText agrees with UTF-8 byte order (property)', () => {
  const encoder = new TextEncoder()
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      const expected = Math.sign(Buffer.compare(encoder.encode(a), encoder.encode(b)))
      assert.equal(Math.sign(compareText(a, b)), expected)
    }),
    { numRuns: 500 },
  )
})

test('compareValues: integers across widths, booleans false < true, text by code point', () => {
  assert.equal(compareValues(1, 1), 0)
  assert.ok(compareValues(-5, 3) < 0)
  assert.ok(compareValues(2 ** 53, 2n ** 53n + 1n) < 0, 'int4/int8 compare exactly')
  assert.equal(compareValues(7, 7n), 0)
  assert.ok(compareValues(9223372036854775807n, 1) > 0)
  assert.ok(compareValues(false, true) < 0)
  assert.ok(compareValues(true, false) > 0)
  assert.equal(compareValues(true, true), 0)
  assert.ok(compareValues('\u{1f600}', '\ufffd') > 0)
  assert.throws(() => compareValues(1, 'a'), InternalError)
  assert.throws(() => compareValues(true, 1), InternalError)
})

test('type names: SQL spellings, pg_catalog-qualified names, OIDs', () => {
  assert.equal(getTypeByName(['int4']), sqlTypes.int4)
  assert.equal(getTypeByName(['pg_catalog', 'int4']), sqlTypes.int4)
  assert.equal(getTypeByName(['pg_catalog', 'int8']), sqlTypes.int8)
  assert.equal(getTypeByName(['pg_catalog', 'int2']), sqlTypes.int2)
  assert.equal(getTypeByName(['pg_catalog', 'bool']), sqlTypes.bool)
  assert.equal(getTypeByName(['text']), sqlTypes.text)
  assert.equal(getTypeByName(['pg_catalog', 'text']), sqlTypes.text)
  assert.equal(findTypeByName(['public', 'int4']), undefined, 'built-ins live in pg_catalog')
  // PostgreSQL knows integer, int, smallint, bigint and boolean only as grammar keywords (the
  // parser turns them into pg_catalog.int4 and so on): CAST(1 AS "integer") and
  // pg_catalog.integer are no types there, and none here.
  assert.equal(findTypeByName(['integer']), undefined)
  assert.equal(findTypeByName(['pg_catalog', 'integer']), undefined)
  assert.equal(findTypeByName(['boolean']), undefined)

  assert.equal(findTypeByName(['varchar']), sqlTypes.varchar)
  assert.equal(findTypeByName(['_int4'])?.element, sqlTypes.int4)
  assert.equal(findTypeByName([]), undefined)
  assert.equal(findTypeByOid(23), sqlTypes.int4)
  assert.equal(findTypeByOid(20), sqlTypes.int8)
  assert.equal(findTypeByOid(16), sqlTypes.bool)
  assert.equal(findTypeByOid(705), sqlTypes.unknown)
  assert.equal(findTypeByOid(1007)?.element, sqlTypes.int4)
  assert.equal(findTypeByOid(999_999), undefined)
  for (const type of Object.values(sqlTypes)) assert.equal(findTypeByOid(type.oid), type)
  // What PostgreSQL 15 says of these types: SELECT typname, oid, typlen, typarray, typcategory,
  // typispreferred, format_type(oid, NULL) FROM pg_type ... ORDER BY oid.
  const fromPostgres = `bool 16 1 1000 B t boolean
bytea 17 -1 1001 U f bytea
char 18 1 1002 Z f "char"
name 19 64 1003 S f name
int8 20 8 1016 N f bigint
int2 21 2 1005 N f smallint
int4 23 4 1007 N f integer
regproc 24 4 1008 N f regproc
text 25 -1 1009 S t text
oid 26 4 1028 N t oid
json 114 -1 199 U f json
float4 700 4 1021 N f real
float8 701 8 1022 N t double precision
unknown 705 -2 0 X f unknown
bpchar 1042 -1 1014 S f character
varchar 1043 -1 1015 S f character varying
date 1082 4 1182 D f date
time 1083 8 1183 D f time without time zone
timestamp 1114 8 1115 D f timestamp without time zone
timestamptz 1184 8 1185 D t timestamp with time zone
interval 1186 16 1187 T t interval
timetz 1266 12 1270 D f time with time zone
numeric 1700 -1 1231 N f numeric
regprocedure 2202 4 2207 N f regprocedure
regoper 2203 4 2208 N f regoper
regclass 2205 4 2210 N f regclass
regtype 2206 4 2211 N f regtype
record 2249 -1 2287 P f record
void 2278 4 0 P f void
uuid 2950 16 2951 U f uuid
jsonb 3802 -1 3807 U f jsonb
regnamespace 4089 4 4090 N f regnamespace
regrole 4096 4 4097 N f regrole`
  const ours = [...Object.values(sqlTypes)]
    .sort((a, b) => a.oid - b.oid)
    .map(
      (t) =>
        `${t.name} ${t.oid} ${t.size} ${t.arrayOid} ${t.category} ${t.isPreferred ? 't' : 'f'} ${formatType(t)}`,
    )
  assert.deepEqual(ours, fromPostgres.split('\n'))
  assert.deepEqual(
    Object.values(sqlTypes)
      .filter(isIntegerType)
      .map((t) => t.kind),
    ['int2', 'int4', 'int8'],
  )
})

test('unknown type names: 42704 type "x" does not exist, named as written', () => {
  const qualified = catchSqlError(() => getTypeByName(['pg_catalog', 'nosuch'], 9))
  assert.equal(qualified.code, '42704')
  assert.equal(qualified.message, 'type "pg_catalog.nosuch" does not exist')
  assert.equal(qualified.position, 9)
  const plain = catchSqlError(() => getTypeByName(['foo']))
  assert.equal(plain.message, 'type "foo" does not exist')
  assert.equal(plain.position, undefined)
  assertSqlError(
    () => getTypeByName(['public', 'int4']),
    '42704',
    'type "public.int4" does not exist',
  )
})

test('checkIntegerRange: 22003 "<type> out of range" as arithmetic reports it', () => {
  assert.equal(checkIntegerRange(32767n, 'int2'), 32767)
  assert.equal(checkIntegerRange(-2147483648n, 'int4'), -2147483648)
  assert.equal(checkIntegerRange(-(2n ** 63n), 'int8'), -(2n ** 63n))
  assert.equal(typeof checkIntegerRange(1n, 'int8'), 'bigint')
  assert.equal(typeof checkIntegerRange(1n, 'int4'), 'number')
  assertSqlError(() => checkIntegerRange(32768n, 'int2'), '22003', 'smallint out of range')
  assertSqlError(() => checkIntegerRange(-2147483649n, 'int4'), '22003', 'integer out of range')
  assertSqlError(() => checkIntegerRange(2n ** 63n, 'int8'), '22003', 'bigint out of range')
})
