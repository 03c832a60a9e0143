// Behaviours of the text family (bool, text, varchar, bpchar, name, "char", bytea, uuid, enum,
// unknown, void, record) against PostgreSQL 15: every expected output, binary form and error
// below was read from a real server with the psql query in the comment beside it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../errors/index.js'
import { compareBytes, encodeKey, KeyWriter } from '../../lib/keycode.js'
import {
  arrayOf,
  behaviourOf,
  defaultTypeContext,
  newEnumType,
  SqlRecord,
  type SqlType,
  sqlTypes,
  type TypeContext,
  type Value,
  withTypmod,
} from '../index.js'

const context = defaultTypeContext
const escapeContext: TypeContext = { ...defaultTypeContext, byteaOutput: 'escape' }

function input(type: SqlType, text: string): Value {
  return behaviourOf(type).input(text, type, context)
}

function output(type: SqlType, value: Value, ctx: TypeContext = context): string {
  return behaviourOf(type).output(value, type, ctx)
}

/** Text in, text out: what `select '<text>'::type` prints. */
function roundTrip(type: SqlType, text: string, ctx: TypeContext = context): string {
  return output(type, behaviourOf(type).input(text, type, ctx), ctx)
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

function send(type: SqlType, value: Value): string {
  return hex(behaviourOf(type).send(value, type))
}

function receive(type: SqlType, hexText: string): Value {
  return behaviourOf(type).receive(Uint8Array.from(Buffer.from(hexText, 'hex')), type)
}

function key(type: SqlType, value: Value): Uint8Array {
  const writer = new KeyWriter()
  behaviourOf(type).encodeKey(value, type, writer)
  return writer.finish()
}

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

function assertSqlError(run: () => unknown, code: string, message: string, detail?: string): void {
  const error = catchSqlError(run)
  assert.equal(error.code, code)
  assert.equal(error.message, message)
  if (detail !== undefined) assert.equal(error.detail, detail)
}

const { bool, text, varchar, bpchar, name, char, bytea, uuid, unknown, record } = sqlTypes
const mood: SqlType = newEnumType({
  oid: 16385,
  arrayOid: 16384,
  schema: 'public',
  name: 'mood',
  labels: ['sad', 'ok', 'happy'],
  firstLabelOid: 16386,
})

test('bool input: words, unique prefixes, 1/0, surrounding whitespace', () => {
  // select ' TRUE '::bool, 'of'::bool, 'y'::bool, 'NO'::bool, '1'::bool → t|f|t|f|t
  assert.equal(input(bool, ' TRUE '), true)
  assert.equal(input(bool, 'of'), false)
  assert.equal(input(bool, 'y'), true)
  assert.equal(input(bool, 'NO'), false)
  assert.equal(input(bool, '1'), true)
  assert.equal(input(bool, '0'), false)
  assert.equal(input(bool, 'tru'), true)
  assert.equal(input(bool, 'on'), true)
  assert.equal(input(bool, 'off'), false)
  assert.equal(output(bool, true), 't')
  assert.equal(output(bool, false), 'f')
  // select 'o'::bool / ''::bool / 'tru e'::bool / '2'::bool / 'ooff'::bool / 'yess'::bool
  for (const bad of ['o', '', 'tru e', '2', 'ooff', 'yess', ' ']) {
    assertSqlError(
      () => input(bool, bad),
      '22P02',
      `invalid input syntax for type boolean: "${bad}"`,
    )
  }
})

test('bool binary form, order and key', () => {
  // select boolsend(true) → \x01
  assert.equal(send(bool, true), '01')
  assert.equal(send(bool, false), '00')
  assert.equal(receive(bool, '01'), true)
  assert.equal(receive(bool, '02'), true, 'boolrecv: any non-zero byte is true')
  assert.equal(receive(bool, '00'), false)
  assertSqlError(() => receive(bool, ''), '08P01', 'no data left in message')
  assertSqlError(() => receive(bool, '0100'), '22P03', 'incorrect binary data format')
  // select true < false → f
  assert.ok(behaviourOf(bool).compare(false, true, bool) < 0)
  assert.equal(behaviourOf(bool).compare(true, true, bool), 0)
  assert.deepEqual([...key(bool, false)], [0])
  assert.deepEqual([...key(bool, true)], [1])
})

test('text: input is the string, NUL is 22021, binary form is UTF-8', () => {
  assert.equal(roundTrip(text, ' a b '), ' a b ')
  assertSqlError(
    () => input(text, 'a\0b'),
    '22021',
    'invalid byte sequence for encoding "UTF8": 0x00',
  )
  // select textsend('é') → \xc3a9
  assert.equal(send(text, 'é'), 'c3a9')
  assert.equal(receive(text, 'c3a9'), 'é')
  assert.equal(receive(varchar, '78'), 'x')
  assert.equal(receive(unknown, '78'), 'x')
  assert.equal(roundTrip(unknown, 'x y'), 'x y')
})

test('text receive validates UTF-8 as PostgreSQL reports it', () => {
  // select convert_from('\x...'::bytea, 'UTF8') for each of these byte strings
  const cases: [string, string][] = [
    ['c328', '0xc3 0x28'],
    ['61ff62', '0xff'],
    ['e282', '0xe2 0x82'],
    ['eda080', '0xed 0xa0 0x80'],
    ['f4908080', '0xf4 0x90 0x80 0x80'],
    ['c0af', '0xc0 0xaf'],
    ['6100', '0x00'],
    ['f8a1a2a3a4', '0xf8'],
    ['80', '0x80'],
    ['e0808f', '0xe0 0x80 0x8f'],
  ]
  for (const [bytes, shown] of cases) {
    assertSqlError(
      () => receive(text, bytes),
      '22021',
      `invalid byte sequence for encoding "UTF8": ${shown}`,
    )
  }
  assert.equal(receive(text, 'f09f9880'), '😀')
})

test('text compares in code point order (the "C" collation), keys agree', () => {
  const values = ['', 'a', 'ab', 'b', 'B', 'é', '\uffff', '😀', 'a\u0001']
  for (const a of values) {
    for (const b of values) {
      const order = Math.sign(behaviourOf(text).compare(a, b, text))
      assert.equal(Math.sign(compareBytes(key(text, a), key(text, b))), order, `${a} vs ${b}`)
    }
  }
  assert.ok(behaviourOf(text).compare('\uffff', '😀', text) < 0, 'U+FFFF < U+1F600')
})

test('text keys are the bytes lib/keycode.ts writes for its text kind', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (value) => {
      const viaKeycode = encodeKey(
        [value],
        [{ kind: 'text', descending: false, nullsFirst: false }],
      )
      assert.deepEqual([...key(text, value)], [...viaKeycode.slice(1)])
    }),
  )
})

test('varchar(n): 22001 unless the excess is spaces; explicit casts truncate', () => {
  const varchar3 = withTypmod(varchar, 3 + 4)
  const coerce = (value: string, isExplicit: boolean) =>
    behaviourOf(varchar3).applyTypmod?.(value, varchar3, isExplicit)
  // create table t(c varchar(3)); insert into t values ('abcd') → 22001
  assertSqlError(
    () => coerce('abcd', false),
    '22001',
    'value too long for type character varying(3)',
  )
  // select 'ab  '::varchar(3) → 'ab ' ; cast('abcd' as varchar(3)) → 'abc'
  assert.equal(coerce('ab  ', false), 'ab ')
  assert.equal(coerce('abcd', true), 'abc')
  assert.equal(coerce('ab', false), 'ab')
  assert.equal(coerce('😀😀😀', false), '😀😀😀', 'characters, not UTF-16 units')
  assert.equal(coerce('😀😀😀😀', true), '😀😀😀')
  assert.equal(behaviourOf(varchar).applyTypmod?.('abcdef', varchar, false), 'abcdef')
})

test('char(n): padded on coercion, trailing spaces ignored by comparison', () => {
  const char3 = withTypmod(bpchar, 3 + 4)
  const char5 = withTypmod(bpchar, 5 + 4)
  const coerce = (type: SqlType, value: string, isExplicit: boolean) =>
    behaviourOf(type).applyTypmod?.(value, type, isExplicit)
  // select 'a'::char(5) || '|' is 'a|' (bpchar → text trims), but the value is padded:
  // select bpcharsend('a  '::char(3)) → \x612020
  assert.equal(coerce(char3, 'a', false), 'a  ')
  assert.equal(send(bpchar, 'a  '), '612020')
  assert.equal(coerce(char3, 'abc', false), 'abc')
  // select 'abcd'::char(3) → abc; insert into t(c char(3)) values ('abcd') → 22001
  assert.equal(coerce(char3, 'abcd', true), 'abc')
  assertSqlError(
    () => coerce(char3, 'abcd', false),
    '22001',
    'value too long for type character(3)',
  )
  assert.equal(coerce(char3, 'ab    ', false), 'ab ')
  assert.equal(coerce(char3, '😀', false), '😀  ')
  // select 'a'::char(3) = 'a     '::char(5), 'a'::char(3) < 'a'::char(1) → t|f
  const compare = behaviourOf(bpchar).compare
  assert.equal(compare(coerce(char3, 'a', false) ?? '', coerce(char5, 'a', false) ?? '', bpchar), 0)
  assert.ok(compare('a ', 'a\u0001', bpchar) < 0, 'only spaces are insignificant')
  assert.deepEqual(key(bpchar, 'a   '), key(bpchar, 'a'))
  assert.equal(behaviourOf(bpchar).hashKey('a  ', bpchar), behaviourOf(bpchar).hashKey('a', bpchar))
  assert.equal(roundTrip(bpchar, 'x  '), 'x  ', 'output keeps the padding')
  assert.equal(
    behaviourOf(bpchar).applyTypmod?.('ab   ', bpchar, false),
    'ab   ',
    'bpchar without n',
  )
})

test('name: truncated to 63 bytes at a character boundary', () => {
  // select repeat('é', 40)::name, octet_length(...) → 31 × é, 62
  assert.equal(input(name, 'é'.repeat(40)), 'é'.repeat(31))
  assert.equal(input(name, 'a'.repeat(70)), 'a'.repeat(63))
  assert.equal(input(name, 'a'.repeat(63)), 'a'.repeat(63))
  // select namesend('n') → \x6e
  assert.equal(send(name, 'n'), '6e')
  assert.equal(receive(name, '6e'), 'n')
  assertSqlError(
    () => receive(name, '61'.repeat(64)),
    '42622',
    'identifier too long',
    'Identifier must be less than 64 characters.',
  )
  assert.ok(behaviourOf(name).compare('a', 'b', name) < 0)
})

test('"char": one byte, octal escapes in and out above 127', () => {
  // select '×'::"char" → \303 ; select '\101'::"char", '\377'::"char", '\'::"char" → A|\377|\
  assert.equal(roundTrip(char, '×'), '\\303')
  assert.equal(roundTrip(char, '\\101'), 'A')
  assert.equal(roundTrip(char, '\\377'), '\\377')
  assert.equal(roundTrip(char, '\\'), '\\')
  assert.equal(roundTrip(char, 'ab'), 'a')
  // select '\777'::"char"::int4, '\101x'::"char", '\400'::"char" → -1 | \ | (empty)
  assert.equal(roundTrip(char, '\\777'), '\\377')
  assert.equal(roundTrip(char, '\\101x'), '\\')
  assert.equal(roundTrip(char, '\\400'), '')
  assert.equal(roundTrip(char, ''), '')
  // select charsend('A'), charsend(''), charsend('\377') → \x41|\x00|\xff
  assert.equal(send(char, input(char, 'A')), '41')
  assert.equal(send(char, input(char, '')), '00')
  assert.equal(send(char, input(char, '\\377')), 'ff')
  assert.equal(output(char, receive(char, 'c3')), '\\303')
  assert.equal(receive(char, '00'), '')
  // select 'a'::"char" < '\377'::"char" → t (unsigned)
  assert.ok(behaviourOf(char).compare(input(char, 'a'), input(char, '\\377'), char) < 0)
  assert.ok(compareBytes(key(char, input(char, 'a')), key(char, input(char, '\\377'))) < 0)
  assert.ok(compareBytes(key(char, ''), key(char, 'a')) < 0)
})

test('bytea input: hex with whitespace between pairs, escape format; errors', () => {
  // select '\x DE ad'::bytea, '\xdead '::bytea, '\x'::bytea → \xdead|\xdead|\x
  assert.equal(roundTrip(bytea, '\\x DE ad'), '\\xdead')
  assert.equal(roundTrip(bytea, '\\xdead '), '\\xdead')
  assert.equal(roundTrip(bytea, '\\x'), '\\x')
  // select E'\\x41\t42\r\n 43'::bytea → \x414243
  assert.equal(roundTrip(bytea, '\\x41\t42\r\n 43'), '\\x414243')
  // select 'a\\b\001\377é'::bytea → \x615c6201ffc3a9
  assert.equal(roundTrip(bytea, 'a\\\\b\\001\\377é'), '\\x615c6201ffc3a9')
  assert.equal(roundTrip(bytea, ''), '\\x')
  // select '\xd e'::bytea; '\xdeg'; '\x4é'; E'\\x41\f42'
  assertSqlError(() => input(bytea, '\\xd e'), '22023', 'invalid hexadecimal digit: " "')
  assertSqlError(() => input(bytea, '\\xdeg'), '22023', 'invalid hexadecimal digit: "g"')
  assertSqlError(() => input(bytea, '\\x4é'), '22023', 'invalid hexadecimal digit: "é"')
  assertSqlError(() => input(bytea, '\\x41\f42'), '22023', 'invalid hexadecimal digit: "\f"')
  // select '\xd'::bytea; '\xd '::bytea
  assertSqlError(
    () => input(bytea, '\\xd'),
    '22023',
    'invalid hexadecimal data: odd number of digits',
  )
  assertSqlError(() => input(bytea, '\\xd '), '22023', 'invalid hexadecimal digit: " "')
  // select 'a\b'::bytea, 'a\0', 'a\400', 'a\', ' \xde', '\X41' → 22P02
  for (const bad of ['a\\b', 'a\\0', 'a\\400', 'a\\', ' \\xde', '\\X41']) {
    assertSqlError(() => input(bytea, bad), '22P02', 'invalid input syntax for type bytea')
  }
})

test('bytea output: hex by default, escape format per bytea_output', () => {
  // set bytea_output=escape; select 'a\\b\001\377é ~\177'::bytea, '\x00'::bytea
  //   → a\\b\001\377\303\251 ~\177 | \000
  assert.equal(
    roundTrip(bytea, 'a\\\\b\\001\\377é ~\\177', escapeContext),
    'a\\\\b\\001\\377\\303\\251 ~\\177',
  )
  assert.equal(roundTrip(bytea, '\\x00', escapeContext), '\\000')
  const value = Uint8Array.of(0, 255)
  assert.equal(send(bytea, value), '00ff')
  assert.deepEqual(receive(bytea, '00ff'), value)
})

test('bytea order: unsigned bytes, then length; keys agree', () => {
  const values = [[], [0], [0, 0], [0, 1], [1], [255], [255, 0], [1, 0, 255]].map((v) =>
    Uint8Array.from(v),
  )
  for (const a of values) {
    for (const b of values) {
      const order = Math.sign(behaviourOf(bytea).compare(a, b, bytea))
      assert.equal(Math.sign(compareBytes(key(bytea, a), key(bytea, b))), order)
      assert.equal(
        behaviourOf(bytea).hashKey(a, bytea) === behaviourOf(bytea).hashKey(b, bytea),
        order === 0,
      )
    }
  }
})

test('uuid: the input forms PostgreSQL accepts, canonical lower-case output', () => {
  const canonical = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'
  // select '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'::uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid,
  //   'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid, '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid
  for (const form of [
    canonical,
    '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}',
    'a0eebc999c0b4ef8bb6d6bb9bd380a11',
    'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11',
    '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}',
  ]) {
    assert.equal(roundTrip(uuid, form), canonical)
  }
  for (const bad of [
    ` ${canonical}`,
    `${canonical} `,
    `{${canonical}`,
    `${canonical}}`,
    'a0e-ebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    'a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11',
    'a0eebc999c0b4ef8bb6d6bb9bd380a11-',
    '-a0eebc999c0b4ef8bb6d6bb9bd380a11',
    'a0eebc999c0b4ef8bb6d6bb9bd380a1',
    'g0eebc999c0b4ef8bb6d6bb9bd380a11',
  ]) {
    assertSqlError(() => input(uuid, bad), '22P02', `invalid input syntax for type uuid: "${bad}"`)
  }
  // select uuid_send('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11') → \xa0eebc999c0b4ef8bb6d6bb9bd380a11
  assert.equal(send(uuid, canonical), 'a0eebc999c0b4ef8bb6d6bb9bd380a11')
  assert.equal(receive(uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'), canonical)
  assertSqlError(() => receive(uuid, 'a0eebc'), '08P01', 'insufficient data left in message')
})

test('uuid order equals byte order; keys are the 16 bytes', () => {
  const uuidArbitrary = fc
    .uint8Array({ minLength: 16, maxLength: 16 })
    .map((bytes) => receive(uuid, hex(bytes)))
  fc.assert(
    fc.property(uuidArbitrary, uuidArbitrary, (a, b) => {
      const order = Math.sign(behaviourOf(uuid).compare(a, b, uuid))
      assert.equal(Math.sign(compareBytes(key(uuid, a), key(uuid, b))), order)
      assert.equal(key(uuid, a).length, 16)
      assert.equal(
        order,
        Math.sign(Buffer.compare(Buffer.from(key(uuid, a)), Buffer.from(key(uuid, b)))),
      )
    }),
  )
})

test('enum: labels in, labels out, ordered by declaration', () => {
  // create type mood as enum ('sad','ok','happy'); select 'x'::mood
  assert.equal(roundTrip(mood, 'ok'), 'ok')
  assertSqlError(() => input(mood, 'x'), '22P02', 'invalid input value for enum mood: "x"')
  assertSqlError(() => input(mood, 'OK'), '22P02', 'invalid input value for enum mood: "OK"')
  // select 'ok'::mood < 'happy'::mood, enum_send('ok'::mood) → t|\x6f6b
  assert.ok(behaviourOf(mood).compare('ok', 'happy', mood) < 0)
  assert.ok(behaviourOf(mood).compare('ok', 'sad', mood) > 0)
  assert.equal(send(mood, 'ok'), '6f6b')
  assert.equal(receive(mood, '6f6b'), 'ok')
  assertSqlError(() => receive(mood, '78'), '22P02', 'invalid input value for enum mood: "x"')
  assert.ok(compareBytes(key(mood, 'ok'), key(mood, 'happy')) < 0)
  assert.ok(compareBytes(key(mood, 'sad'), key(mood, 'ok')) < 0)
})

test('void prints empty, has no order; unknown behaves as text', () => {
  const { void: voidType } = sqlTypes
  assert.equal(output(voidType, ''), '')
  assert.equal(send(voidType, ''), '')
  assert.equal(receive(voidType, ''), '')
  assertSqlError(
    () => behaviourOf(voidType).compare('', '', voidType),
    '42883',
    'could not identify an ordering operator for type void',
  )
  assertSqlError(
    () => behaviourOf(voidType).hashKey('', voidType),
    '42883',
    'could not identify an equality operator for type void',
  )
  assert.ok(behaviourOf(unknown).compare('a', 'b', unknown) < 0)
})

test('record output quotes as record_out does', () => {
  // select row(true, 'a b'::text, null::text, '\x00ff'::bytea, array['x','y z']::text[],
  //   row('q'::text)) → (t,"a b",,"\\x00ff","{x,""y z""}","(q)")
  const value = new SqlRecord(
    [
      true,
      'a b',
      null,
      Uint8Array.of(0, 255),
      input(arrayOf(text), '{x,"y z"}'),
      new SqlRecord(['q'], [text]),
    ],
    [bool, text, text, bytea, arrayOf(text), record],
  )
  assert.equal(output(record, value), '(t,"a b",,"\\\\x00ff","{x,""y z""}","(q)")')
  // select row('abc','', 'x"y', 'a\b', '(', ')', ',', E'\t', 'NULL', '{}')
  //   → (abc,"","x""y","a\\b","(",")",",","	",NULL,{})
  const fields = ['abc', '', 'x"y', 'a\\b', '(', ')', ',', '\t', 'NULL', '{}']
  assert.equal(
    output(
      record,
      new SqlRecord(
        fields,
        fields.map(() => text),
      ),
    ),
    '(abc,"","x""y","a\\\\b","(",")",",","\t",NULL,{})',
  )
  // select row() → () ; select row(null) → ()
  assert.equal(output(record, new SqlRecord([], [])), '()')
  assert.equal(output(record, new SqlRecord([null], [text])), '()')
  assertSqlError(
    () => input(record, '(1)'),
    '0A000',
    'input of anonymous composite types is not implemented',
  )
})

test('record binary form is record_send', () => {
  // select record_send(row(true, 'ab'::text, null::text, '\x00ff'::bytea,
  //   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid))
  const value = new SqlRecord(
    [true, 'ab', null, Uint8Array.of(0, 255), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    [bool, text, text, bytea, uuid],
  )
  const expected =
    '000000050000001000000001010000001900000002616200000019ffffffff000000110000000200ff00000b8600000010a0eebc999c0b4ef8bb6d6bb9bd380a11'
  assert.equal(send(record, value), expected)
  assert.deepEqual(receive(record, expected), value)
  assertSqlError(
    () => receive(record, '00000001000000100000000201ff'),
    '22P03',
    'improper binary format in record column 1',
  )
  assertSqlError(
    () => receive(record, '0000000100000010000000ff01'),
    '22P03',
    'insufficient data left in message',
  )
})

test('record order: field by field, NULL last, 42804 for dissimilar fields', () => {
  const compare = (a: SqlRecord, b: SqlRecord) => behaviourOf(record).compare(a, b, record)
  const r = (values: Value[], types: SqlType[] = values.map(() => text)) =>
    new SqlRecord(values, types)
  // select a < b, a = b from (select row(1,null::int) a, row(1,2) b) s → f|f ; a > b → t
  assert.ok(compare(r(['1', null]), r(['1', '2'])) > 0)
  assert.equal(compare(r(['1', null]), r(['1', null])), 0)
  assert.ok(compare(r(['a', 'b']), r(['a', 'c'])) < 0)
  // select (select a < b from (select row(1,2) a, row(2,2,3) b) s) → t (decided before the end)
  assert.ok(compare(r(['1', '2']), r(['2', '2', '3'])) < 0)
  // select (select a = b from (select row(1,2) a, row(1,2,3) b) s) → 42804
  assertSqlError(
    () => compare(r(['1', '2']), r(['1', '2', '3'])),
    '42804',
    'cannot compare record types with different numbers of columns',
  )
  // select (select a < b from (select row(1,2) a, row(1,'x'::text) b) s) → 42804
  assertSqlError(
    () => compare(r(['1', true], [text, bool]), r(['1', 'x'])),
    '42804',
    'cannot compare dissimilar column types boolean and text at record column 2',
  )
  assert.ok(compare(r(['1', true], [text, bool]), r(['2', 'x'])) < 0, 'decided before column 2')
})

const recordArbitrary = fc
  .array(fc.option(fc.constantFrom('', 'a', 'a ', 'b', 'é', '\u0001'), { nil: null }), {
    minLength: 2,
    maxLength: 2,
  })
  .map((values) => new SqlRecord(values, [text, bpchar]))

test('record keys and hash keys agree with record order', () => {
  fc.assert(
    fc.property(recordArbitrary, recordArbitrary, (a, b) => {
      const order = Math.sign(behaviourOf(record).compare(a, b, record))
      assert.equal(Math.sign(compareBytes(key(record, a), key(record, b))), order)
      assert.equal(
        behaviourOf(record).hashKey(a, record) === behaviourOf(record).hashKey(b, record),
        order === 0,
      )
    }),
  )
})

test('binary round trips of every text-family type', () => {
  const cases: [SqlType, fc.Arbitrary<Value>][] = [
    [bool, fc.boolean()],
    [text, fc.string({ unit: 'grapheme' })],
    [bpchar, fc.string({ unit: 'grapheme' })],
    [bytea, fc.uint8Array()],
    [char, fc.integer({ min: 0, max: 255 }).map((b) => (b === 0 ? '' : String.fromCharCode(b)))],
    [mood, fc.constantFrom('sad', 'ok', 'happy')],
    [record, recordArbitrary],
  ]
  for (const [type, arbitrary] of cases) {
    fc.assert(
      fc.property(arbitrary, (value) => {
        const behaviour = behaviourOf(type)
        assert.deepEqual(behaviour.receive(behaviour.send(value, type), type), value)
        if (type !== record) {
          const text = behaviour.output(value, type, context)
          assert.deepEqual(behaviour.input(text, type, context), value)
        }
      }),
    )
  }
})
