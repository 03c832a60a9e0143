// Array behaviour against PostgreSQL 15: text input (array_in, with its DETAIL lines), output
// quoting (array_out), binary form (array_send/array_recv), array_cmp order, and properties:
// text and binary round trips with random nested elements, compare vs encodeKey vs hashKey.
// Expected values come from `select $1::text[]::text` with the input as a parameter (so no
// SQL escaping is involved), or the psql query in the comment.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../errors/index.js'
import { compareBytes, KeyWriter } from '../../lib/keycode.js'
import { arrayElementsMax } from '../../limits.js'
import {
  arrayOf,
  behaviourOf,
  constructArray,
  defaultTypeContext,
  SqlArray,
  type SqlType,
  sqlTypes,
  type Value,
  withTypmod,
} from '../index.js'

const context = defaultTypeContext
const textArray = arrayOf(sqlTypes.text)
const boolArray = arrayOf(sqlTypes.bool)
const byteaArray = arrayOf(sqlTypes.bytea)
const behaviour = behaviourOf(textArray)

function parse(text: string, type: SqlType = textArray): Value {
  return behaviourOf(type).input(text, type, context)
}

function format(value: Value, type: SqlType = textArray): string {
  return behaviourOf(type).output(value, type, context)
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

function receive(hexText: string, type: SqlType): Value {
  return behaviourOf(type).receive(
    Uint8Array.from(Buffer.from(hexText.replace(/ /g, ''), 'hex')),
    type,
  )
}

function key(value: Value, type: SqlType = textArray): Uint8Array {
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

// [input, output] read back from PostgreSQL 15.
const accepted: [string, string][] = [
  ['{1,2,3}', '{1,2,3}'],
  ['{}', '{}'],
  [' {} ', '{}'],
  ['{ }', '{}'],
  ['{{1,2},{3,4}}', '{{1,2},{3,4}}'],
  ['{"a b",NULL,"x\\"y"}', '{"a b",NULL,"x\\"y"}'],
  ['[0:2]={1,2,3}', '[0:2]={1,2,3}'],
  ['{a, b ,c}', '{a,b,c}'],
  ['{ a b }', '{"a b"}'],
  ['{1 2}', '{"1 2"}'],
  ['{1,2} ', '{1,2}'],
  ['[1]={1}', '{1}'],
  ['[1:1] = {1}', '{1}'],
  [' [1:1]={1}', '{1}'],
  ['[1:1] [1:1]={{1}}', '{{1}}'],
  ['[+1:+2]={1,2}', '{1,2}'],
  ['[-1:0]={1,2}', '[-1:0]={1,2}'],
  ['[1:2][3:3]={{1},{2}}', '[1:2][3:3]={{1},{2}}'],
  ['[-2147483648:-2147483648]={1}', '[-2147483648:-2147483648]={1}'],
  ['[1:4294967297]={1}', '{1}'],
  ['{{{{{{1}}}}}}', '{{{{{{1}}}}}}'],
  ['{a\\,b}', '{"a,b"}'],
  ['{a\\ }', '{"a "}'],
  ['{ \\ a \\  }', '{" a  "}'],
  ['{null,NULL,"NULL",Null}', '{NULL,NULL,"NULL",NULL}'],
  ['{NU\\LL}', '{"NULL"}'],
  ['{NULL }', '{NULL}'],
  ['{nulls}', '{nulls}'],
  ['{"a"}', '{a}'],
  ['{"a\\b"}', '{ab}'],
  ['{"a\\\\"}', '{"a\\\\"}'],
  ['{ "a" , "b" }', '{a,b}'],
  ['{\\"a,b}', '{"\\"a",b}'],
  ['{{"a"},{b}}', '{{a},{b}}'],
  ['{a\\b}', '{ab}'],
  ['{"",""}', '{"",""}'],
  ['{{"a" }, {b }}', '{{a},{b}}'],
  ['{ {1}}', '{{1}}'],
  ['{ { 1 } , { 2 } }', '{{1},{2}}'],
  ['{\u000b a \f}', '{a}'],
  ['{\u00a0a}', '{\u00a0a}'],
  ['[1:1]=  {1}  ', '{1}'],
]

// [input, SQLSTATE, message, detail]
const rejected: [string, string, string, string | undefined][] = [
  ['{a"b"}', '22P02', 'malformed array literal: "{a"b"}"', 'Unexpected array element.'],
  ['{"a"b}', '22P02', 'malformed array literal: "{"a"b}"', 'Unexpected array element.'],
  ['{"a" b}', '22P02', 'malformed array literal: "{"a" b}"', 'Unexpected array element.'],
  ['{{1},2}', '22P02', 'malformed array literal: "{{1},2}"', 'Unexpected array element.'],
  ['{1,{2}}', '22P02', 'malformed array literal: "{1,{2}}"', 'Unexpected "{" character.'],
  [
    '{{1,2},{3}}',
    '22P02',
    'malformed array literal: "{{1,2},{3}}"',
    'Multidimensional arrays must have sub-arrays with matching dimensions.',
  ],
  ['{', '22P02', 'malformed array literal: "{"', 'Unexpected end of input.'],
  [
    '}',
    '22P02',
    'malformed array literal: "}"',
    'Array value must start with "{" or dimension information.',
  ],
  [
    '',
    '22P02',
    'malformed array literal: ""',
    'Array value must start with "{" or dimension information.',
  ],
  ['{1,2}x', '22P02', 'malformed array literal: "{1,2}x"', 'Junk after closing right brace.'],
  ['{1,,2}', '22P02', 'malformed array literal: "{1,,2}"', 'Unexpected "," character.'],
  ['{1,}', '22P02', 'malformed array literal: "{1,}"', 'Unexpected "}" character.'],
  ['{,1}', '22P02', 'malformed array literal: "{,1}"', 'Unexpected "," character.'],
  ['{{}}', '22P02', 'malformed array literal: "{{}}"', 'Unexpected "}" character.'],
  ['{{1},{}}', '22P02', 'malformed array literal: "{{1},{}}"', 'Unexpected "}" character.'],
  [
    '[1:2]={1}',
    '22P02',
    'malformed array literal: "[1:2]={1}"',
    'Specified array dimensions do not match array contents.',
  ],
  ['[1:2]', '22P02', 'malformed array literal: "[1:2]"', 'Missing "=" after array dimensions.'],
  ['[1:2]=', '22P02', 'malformed array literal: "[1:2]="', 'Array contents must start with "{".'],
  [
    '[a]={1}',
    '22P02',
    'malformed array literal: "[a]={1}"',
    '"[" must introduce explicitly-specified array dimensions.',
  ],
  [
    '[ 1:2]={1,2}',
    '22P02',
    'malformed array literal: "[ 1:2]={1,2}"',
    '"[" must introduce explicitly-specified array dimensions.',
  ],
  ['[1:]={1}', '22P02', 'malformed array literal: "[1:]={1}"', 'Missing array dimension value.'],
  [
    '[1 :2]={1,2}',
    '22P02',
    'malformed array literal: "[1 :2]={1,2}"',
    'Missing "]" after array dimensions.',
  ],
  [
    '[--1:1]={1}',
    '22P02',
    'malformed array literal: "[--1:1]={1}"',
    'Specified array dimensions do not match array contents.',
  ],
  ['[2:1]={1}', '2202E', 'upper bound cannot be less than lower bound', undefined],
  ['[1:-]={1}', '2202E', 'upper bound cannot be less than lower bound', undefined],
  ['[99999999999:1]={1}', '2202E', 'upper bound cannot be less than lower bound', undefined],
  ['[2:1][x', '2202E', 'upper bound cannot be less than lower bound', undefined],
  ['[1:0]={}', '2202E', 'upper bound cannot be less than lower bound', undefined],
  ['[2147483647:2147483647]={1}', '54000', 'array lower bound is too large: 2147483647', undefined],
  [
    '{{{{{{{1}}}}}}}',
    '54000',
    'number of array dimensions (7) exceeds the maximum allowed (6)',
    undefined,
  ],
  [
    '[1:1][1:1][1:1][1:1][1:1][1:1][1:1]={{{{{{{1}}}}}}}',
    '54000',
    'number of array dimensions (7) exceeds the maximum allowed (6)',
    undefined,
  ],
  [
    '[1:1]={{1}}',
    '22P02',
    'malformed array literal: "[1:1]={{1}}"',
    'Specified array dimensions do not match array contents.',
  ],
  [
    '[1:1]={}',
    '22P02',
    'malformed array literal: "[1:1]={}"',
    'Specified array dimensions do not match array contents.',
  ],
  // After dimensions, structural errors quote the text from the brace on.
  ['[1:1]={1}x', '22P02', 'malformed array literal: "{1}x"', 'Junk after closing right brace.'],
  ['  [1:1]= {1', '22P02', 'malformed array literal: "{1"', 'Unexpected end of input.'],
  [' {1', '22P02', 'malformed array literal: "{1"', 'Unexpected end of input.'],
  ['{\\}', '22P02', 'malformed array literal: "{\\}"', 'Unexpected end of input.'],
  ['{"}', '22P02', 'malformed array literal: "{"}"', 'Unexpected end of input.'],
  ['{a}}', '22P02', 'malformed array literal: "{a}}"', 'Junk after closing right brace.'],
  ['{} {}', '22P02', 'malformed array literal: "{} {}"', 'Junk after closing right brace.'],
  ['{{1} {2}}', '22P02', 'malformed array literal: "{{1} {2}}"', 'Unexpected "{" character.'],
  ['{{a}\\b}', '22P02', 'malformed array literal: "{{a}\\b}"', 'Unexpected "\\" character.'],
  ['{"a"\\b}', '22P02', 'malformed array literal: "{"a"\\b}"', 'Unexpected "\\" character.'],
  ['{a,  }', '22P02', 'malformed array literal: "{a,  }"', 'Unexpected "}" character.'],
  ['{a "b"}', '22P02', 'malformed array literal: "{a "b"}"', 'Unexpected array element.'],
  // PostgreSQL 15 accepts these and returns a wrong array ({{{1}},{{2}}} and {}); PostgreSQL 17
  // rejects them like this.
  [
    '{{1},{{2}}}',
    '22P02',
    'malformed array literal: "{{1},{{2}}}"',
    'Multidimensional arrays must have sub-arrays with matching dimensions.',
  ],
  [
    '{{{1}},{2}}',
    '22P02',
    'malformed array literal: "{{{1}},{2}}"',
    'Multidimensional arrays must have sub-arrays with matching dimensions.',
  ],
]

test('array input and output: literals PostgreSQL accepts', () => {
  for (const [input, output] of accepted) {
    assert.equal(format(parse(input)), output, input)
  }
})

test('array input: malformed literals with PostgreSQL SQLSTATE, message and DETAIL', () => {
  for (const [input, code, message, detail] of rejected) {
    const error = catchSqlError(() => parse(input))
    assert.equal(error.code, code, input)
    assert.equal(error.message, message, input)
    assert.equal(error.detail, detail, input)
  }
})

test('array input: element errors come from the element type', () => {
  // select '{tru,x}'::bool[] → 22P02 invalid input syntax for type boolean: "x"
  const error = catchSqlError(() => parse('{tru,x}', boolArray))
  assert.equal(error.code, '22P02')
  assert.equal(error.message, 'invalid input syntax for type boolean: "x"')
  // select '{"NULL"}'::bool[] → the quoted word reaches the element input
  assert.equal(
    catchSqlError(() => parse('{"NULL"}', boolArray)).message,
    'invalid input syntax for type boolean: "NULL"',
  )
  assert.equal(format(parse('{t,NULL, no }', boolArray), boolArray), '{t,NULL,f}')
})

test('array values: shape, bounds and elements', () => {
  const value = parse('[0:1][2:4]={{a,b,c},{d,NULL,f}}')
  assert.ok(value instanceof SqlArray)
  assert.deepEqual(value.dimensions, [2, 3])
  assert.deepEqual(value.lowerBounds, [0, 2])
  assert.deepEqual(value.elements, ['a', 'b', 'c', 'd', null, 'f'])
  const empty = parse('{}')
  assert.ok(empty instanceof SqlArray)
  assert.deepEqual(empty.dimensions, [])
})

test('array output quotes like array_out', () => {
  // select array['a b', '', 'NULL', 'null', 'x"y', 'a\b', '{', '}', ',', E'\t', E'\x0b', 'é',
  //   '(', 'NULLS']::text[]
  const elements = [
    'a b',
    '',
    'NULL',
    'null',
    'x"y',
    'a\\b',
    '{',
    '}',
    ',',
    '\t',
    '\u000b',
    'é',
    '(',
    'NULLS',
  ]
  assert.equal(
    format(new SqlArray(elements)),
    '{"a b","","NULL","null","x\\"y","a\\\\b","{","}",",","\t","\u000b",é,(,NULLS}',
  )
  assert.equal(format(new SqlArray([null, 'x'])), '{NULL,x}')
  // select '{"\\x00ff"}'::bytea[] → {"\\x00ff"}
  assert.equal(format(new SqlArray([Uint8Array.of(0, 255)]), byteaArray), '{"\\\\x00ff"}')
})

test('array typmod coerces each element (varchar(2)[], char(3)[])', () => {
  // select '{ab,abcd,"a  "}'::varchar(2)[] → {ab,ab,"a "}
  const varchar2 = arrayOf(withTypmod(sqlTypes.varchar, 6))
  const coerce = (value: Value, type: SqlType, isExplicit: boolean) =>
    behaviourOf(type).applyTypmod?.(value, type, isExplicit)
  assert.equal(
    format(coerce(parse('{ab,abcd,"a  "}'), varchar2, true) ?? null, varchar2),
    '{ab,ab,"a "}',
  )
  const error = catchSqlError(() => coerce(parse('{ab,abcd}'), varchar2, false))
  assert.equal(error.code, '22001')
  assert.equal(error.message, 'value too long for type character varying(2)')
  // select '{a}'::char(3)[] → {"a  "}
  const char3 = arrayOf(withTypmod(sqlTypes.bpchar, 7))
  assert.equal(format(coerce(parse('{a,NULL}'), char3, false) ?? null, char3), '{"a  ",NULL}')
  assert.equal(coerce(parse('{a}'), textArray, false) instanceof SqlArray, true)
})

test('array binary form is array_send', () => {
  // select array_send(array['a',null,'bc']::text[])
  const texts = new SqlArray(['a', null, 'bc'])
  const sentTexts = '00000001000000010000001900000003000000010000000161ffffffff000000026263'
  assert.equal(hex(behaviour.send(texts, textArray)), sentTexts)
  assert.deepEqual(receive(sentTexts, textArray), texts)
  // select array_send('[0:1][2:2]={{t},{f}}'::bool[])
  const bools = new SqlArray([true, false], [2, 1], [0, 2])
  const sentBools = '0000000200000000000000100000000200000000000000010000000200000001010000000100'
  assert.equal(hex(behaviourOf(boolArray).send(bools, boolArray)), sentBools)
  assert.deepEqual(receive(sentBools, boolArray), bools)
  // select array_send('{}'::text[]) → \x000000000000000000000019
  assert.equal(hex(behaviour.send(new SqlArray([]), textArray)), '000000000000000000000019')
})

test('array receive errors, as array_recv reports them', () => {
  // Each hex string was sent to PostgreSQL as a binary parameter of `select $1::bool[]`.
  const cases: [string, string, string][] = [
    ['ffffffff 00000000 00000010', '22P03', 'invalid number of dimensions: -1'],
    [
      '00000007 00000000 00000010',
      '54000',
      'number of array dimensions (7) exceeds the maximum allowed (6)',
    ],
    ['00000001 00000002 00000010 00000001 00000001 00000001 01', '22P03', 'invalid array flags'],
    [
      '00000001 00000000 00000019 00000001 00000001 00000001 01',
      '42804',
      'binary data has array element type 25 (text) instead of expected 16 (boolean)',
    ],
    [
      '00000001 00000000 000003e8 00000001 00000001 00000001 01',
      '42804',
      'binary data has array element type 1000 (boolean[]) instead of expected 16 (boolean)',
    ],
    [
      '00000001 00000000 00000000 00000001 00000001 00000001 01',
      '42804',
      'binary data has array element type 0 (-) instead of expected 16 (boolean)',
    ],
    [
      '00000001 00000000 00000010 ffffffff 00000001',
      '54000',
      `array size exceeds the maximum allowed (${arrayElementsMax})`,
    ],
    [
      '00000001 00000000 00000010 00000001 7fffffff 00000001 01',
      '54000',
      'array lower bound is too large: 2147483647',
    ],
    [
      '00000001 00000000 00000010 00000001 00000001 00000002 0101',
      '22P03',
      'improper binary format in array element 1',
    ],
    [
      '00000001 00000000 00000010 00000001 00000001 00000001',
      '22P03',
      'insufficient data left in message',
    ],
    [
      '00000001 00000000 00000010 00000001 00000001 fffffffe',
      '22P03',
      'insufficient data left in message',
    ],
    ['000000', '08P01', 'insufficient data left in message'],
    ['00000001 00000000 00000010 00000001', '08P01', 'insufficient data left in message'],
  ]
  for (const [bytes, code, message] of cases) {
    const error = catchSqlError(() => receive(bytes, boolArray))
    assert.equal(error.code, code, bytes)
    assert.equal(error.message, message, bytes)
  }
  // Accepted: zero-length dimensions give '{}'; an element type OID PostgreSQL does not know.
  assert.equal(
    format(
      receive('00000002 00000000 00000010 00000001 00000001 00000000 00000001', boolArray),
      boolArray,
    ),
    '{}',
  )
  assert.equal(
    format(
      receive('00000001 00000000 0001869f 00000001 00000001 00000001 01', boolArray),
      boolArray,
    ),
    '{t}',
  )
  assert.equal(
    format(
      receive('00000001 00000000 00000010 00000002 00000005 00000001 01 ffffffff', boolArray),
      boolArray,
    ),
    '[5:6]={t,NULL}',
  )
})

test('array order is array_cmp', () => {
  // select '{a,b}'::text[] < '{a,b,c}', '{b}'::text[] > '{a,b,c}', '{a,b}'::text[] < '{{a,b}}',
  //   '[0:1]={a,b}'::text[] < '{a,b}', '{NULL}'::text[] > '{a}', '{NULL}'::text[] = '{NULL}',
  //   '{}'::text[] < '{NULL}', '{{a},{b}}'::text[] < '{{a,b}}', '[0:1]={a,b}'::text[] = '{a,b}'
  //   → t|t|t|t|t|t|t|f|f
  const cmp = (a: string, b: string) => Math.sign(behaviour.compare(parse(a), parse(b), textArray))
  assert.equal(cmp('{a,b}', '{a,b,c}'), -1)
  assert.equal(cmp('{b}', '{a,b,c}'), 1)
  assert.equal(cmp('{a,b}', '{{a,b}}'), -1)
  assert.equal(cmp('[0:1]={a,b}', '{a,b}'), -1)
  assert.equal(cmp('{NULL}', '{a}'), 1)
  assert.equal(cmp('{NULL}', '{NULL}'), 0)
  assert.equal(cmp('{}', '{NULL}'), -1)
  assert.equal(cmp('{{a},{b}}', '{{a,b}}'), 1)
  assert.notEqual(cmp('[0:1]={a,b}', '{a,b}'), 0)
})

/** Random arrays of text with NULLs and awkward characters, 0 to 3 dimensions. */
const awkwardText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom(
    '',
    ' ',
    'NULL',
    'null',
    'a b',
    '"',
    '\\',
    '{',
    '}',
    ',',
    '\t',
    'x"y\\z',
    ' lead',
    'trail ',
  ),
  fc.string({
    unit: fc.constantFrom('a', ' ', '"', '\\', '{', '}', ',', 'N', 'U', 'L'),
    maxLength: 6,
  }),
)

function arrayArbitrary<T extends Value>(element: fc.Arbitrary<T>): fc.Arbitrary<SqlArray> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
      fc.boolean(),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }),
    )
    .chain(([dimensions, hasBounds, bounds]) => {
      const count = dimensions.length === 0 ? 0 : dimensions.reduce((a, b) => a * b, 1)
      return fc
        .array(fc.option(element, { nil: null, freq: 4 }), { minLength: count, maxLength: count })
        .map(
          (elements) =>
            new SqlArray(
              elements,
              dimensions,
              dimensions.map((_, d) => (hasBounds ? (bounds[d] ?? 1) : 1)),
            ),
        )
    })
}

const textArrays = arrayArbitrary(awkwardText)

test('property: text round trip of random nested text arrays', () => {
  fc.assert(
    fc.property(textArrays, (value) => {
      assert.deepEqual(parse(format(value)), value)
    }),
    { numRuns: 500 },
  )
})

test('property: binary round trip of random arrays', () => {
  fc.assert(
    fc.property(textArrays, (value) => {
      assert.deepEqual(behaviour.receive(behaviour.send(value, textArray), textArray), value)
    }),
  )
  const byteas = arrayArbitrary(fc.uint8Array({ maxLength: 4 }))
  fc.assert(
    fc.property(byteas, (value) => {
      const b = behaviourOf(byteaArray)
      assert.deepEqual(b.receive(b.send(value, byteaArray), byteaArray), value)
      assert.deepEqual(parse(format(value, byteaArray), byteaArray), value)
    }),
  )
})

test('property: array compare, encodeKey and hashKey agree', () => {
  // Few distinct elements and shapes, so that equal and prefix-equal pairs are common.
  const small = arrayArbitrary(fc.constantFrom('', 'a', 'ab', 'b', 'x'))
  fc.assert(
    fc.property(small, small, (a, b) => {
      const order = Math.sign(behaviour.compare(a, b, textArray))
      assert.equal(Math.sign(compareBytes(key(a), key(b))), order)
      assert.equal(behaviour.hashKey(a, textArray) === behaviour.hashKey(b, textArray), order === 0)
    }),
    { numRuns: 2000 },
  )
  const bpcharArray = arrayOf(sqlTypes.bpchar)
  const padded = arrayArbitrary(fc.constantFrom('a', 'a ', 'a  ', 'b'))
  fc.assert(
    fc.property(padded, padded, (a, b) => {
      const order = Math.sign(behaviourOf(bpcharArray).compare(a, b, bpcharArray))
      assert.equal(Math.sign(compareBytes(key(a, bpcharArray), key(b, bpcharArray))), order)
    }),
  )
})

test('array size is bounded', () => {
  // select array_fill(1, array[100000000]) would need gigabytes; receive checks the product of
  // the dimensions before reading any element.
  const error = catchSqlError(() =>
    receive('00000002 00000000 00000010 00010000 00000001 00010000 00000001', boolArray),
  )
  assert.equal(error.code, '54000')
})

test("ARRAY[...] constructor: scalars, stacked sub-arrays and PostgreSQL's shape errors", () => {
  // select array['a', null] → {a,NULL}
  assert.equal(format(constructArray(['a', null], false)), '{a,NULL}')
  // select array[array['a','b'], array['c','d']] → {{a,b},{c,d}}
  assert.equal(format(constructArray([parse('{a,b}'), parse('{c,d}')], true)), '{{a,b},{c,d}}')
  // select array['[0:1]={1,2}'::int[], '[0:1]={3,4}'] → [1:2][0:1]={{1,2},{3,4}}
  assert.equal(
    format(constructArray([parse('[0:1]={a,b}'), parse('[0:1]={c,d}')], true)),
    '[1:2][0:1]={{a,b},{c,d}}',
  )
  // select array[null::int[], null], array['{}'::int[], '{}'] → {} | {}
  assert.equal(format(constructArray([null, null], true)), '{}')
  assert.equal(format(constructArray([parse('{}'), parse('{}')], true)), '{}')
  // select array[array[1,2],array[3]] / array[array[1,2],null] / array[null, array[1]] /
  // array['{}'::int[], array[1]] / array['[0:1]={1,2}'::int[], '{3,4}'] /
  // array[array[1],array[[2]]] → 2202E
  for (const items of [
    [parse('{a,b}'), parse('{c}')],
    [parse('{a,b}'), null],
    [null, parse('{a}')],
    [parse('{}'), parse('{a}')],
    [parse('[0:1]={a,b}'), parse('{c,d}')],
    [parse('{a}'), parse('{{b}}')],
  ]) {
    const error = catchSqlError(() => constructArray(items, true))
    assert.equal(error.code, '2202E')
    assert.equal(
      error.message,
      'multidimensional arrays must have array expressions with matching dimensions',
    )
  }
  // select array[array[[[[[[1]]]]]]] → 54000
  const error = catchSqlError(() => constructArray([parse('{{{{{{a}}}}}}')], true))
  assert.equal(error.code, '54000')
  assert.equal(error.message, 'number of array dimensions (7) exceeds the maximum allowed (6)')
})
