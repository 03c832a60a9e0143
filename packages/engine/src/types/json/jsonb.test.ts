// jsonb and json behaviours beyond text input (json-input.test.ts has the PostgreSQL table):
// the btree order against PostgreSQL's ORDER BY, the key encoding and hash key against that
// order (properties), text and binary round trips (properties), key normalisation, the depth
// limit and deep values, the json type's missing order, numeric conversions for the casts.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../errors/index.js'
import { compareBytes, KeyWriter } from '../../lib/keycode.js'
import { jsonDepthMax } from '../../limits.js'
import { behaviourOf } from '../behaviours.js'
import { compareText } from '../compare.js'
import { Jsonb, type JsonNode } from '../jsonb.js'
import { compareNumeric, Numeric } from '../numeric.js'
import { sqlTypes } from '../sql-type.js'
import { defaultTypeContext } from '../type-behaviour.js'
import { jsonbText } from './format.js'
import { jsonStripNulls } from './json-text-ops.js'
import { jsonbObject, parseJsonb, utf8Length } from './jsonb-node.js'
import { jsonbContains, jsonbStripNulls } from './jsonb-ops.js'
import { compareJsonb, jsonbHashKey, writeJsonbKey, writeNumericKey } from './jsonb-order.js'
import {
  JsonDigitBudget,
  jsonNumericFromText,
  jsonNumericToFloat32,
  jsonNumericToInteger,
} from './numeric-text.js'
import { jsonbGetPath, jsonbSetPath } from './path.js'

const jsonb = behaviourOf(sqlTypes.jsonb)
const json = behaviourOf(sqlTypes.json)

function keyOf(node: JsonNode): Uint8Array {
  const out = new KeyWriter()
  writeJsonbKey(out, node)
  return out.finish()
}

function assertSqlError(run: () => unknown, code: string, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SqlError, String(error))
    assert.equal(error.code, code)
    assert.equal(error.message, message)
    return true
  })
}

test('jsonb order is PostgreSQL ORDER BY', () => {
  // select a from (values ('null'::jsonb), ('[]'), ... ) v(a) order by a  (database collation
  // C.UTF-8: strings in code point order); 1 and 1.0 are equal, listed in input order.
  const sorted = [
    '[]',
    'null',
    '""',
    '"a"',
    '"ab"',
    '"b"',
    '"z"',
    '"é"',
    '-1',
    '1',
    '1.0',
    '2',
    'false',
    'true',
    '[null]',
    '["a"]',
    '[-1]',
    '[0]',
    '[1]',
    '[true]',
    '[[]]',
    '[[1, 2]]',
    '[{}]',
    '[1, 2]',
    '[false, false]',
    '[[1], [1]]',
    '{}',
    '{"": 1}',
    '{"a": null}',
    '{"a": "x"}',
    '{"a": 1}',
    '{"a": []}',
    '{"a": {}}',
    '{"aa": 1}',
    '{"ab": 1}',
    '{"b": null}',
    '{"b": 1}',
    '{"é": 1}',
    '{"a": 1, "b": 2}',
    '{"a": 1, "c": 1}',
  ]
  const values = sorted.map((text) => parseJsonb(text))
  const shuffled = [...values].reverse()
  shuffled.sort((a, b) => compareJsonb(a.node, b.node))
  assert.deepEqual(
    shuffled.map((v) => jsonbText(v.node)),
    sorted.map((text) => (text === '1.0' ? '1' : text === '1' ? '1.0' : text)),
  )
  // The same order through the key encoding (1 and 1.0 encode alike).
  const byKey = [...values].reverse()
  byKey.sort((a, b) => compareBytes(keyOf(a.node), keyOf(b.node)))
  for (let i = 1; i < byKey.length; i++) {
    const a = byKey[i - 1] as Jsonb
    const b = byKey[i] as Jsonb
    assert.ok(compareJsonb(a.node, b.node) <= 0, `${jsonbText(a.node)} <= ${jsonbText(b.node)}`)
  }
  // select '{"a":1}'::jsonb = '{"a":1.0}', '[1,"a"]'::jsonb < '[1,1]', '[[]]'::jsonb < '[1]'
  //  → t|t|f
  assert.equal(compareJsonb(parseJsonb('{"a":1}').node, parseJsonb('{"a":1.0}').node), 0)
  assert.ok(compareJsonb(parseJsonb('[1,"a"]').node, parseJsonb('[1,1]').node) < 0)
  assert.ok(compareJsonb(parseJsonb('[[]]').node, parseJsonb('[1]').node) > 0)
})

/** JSON values built from small alphabets, so equal and nearly equal values are frequent. */
const scalarArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('null', 'true', 'false'),
  fc.constantFrom(
    '0',
    '-0',
    '1',
    '1.0',
    '1.50',
    '10',
    '1e1',
    '0.5',
    '-2',
    '-2.00',
    '1e-3',
    '123e5',
  ),
  fc.constantFrom('""', '"a"', '"ab"', '"b"', '"é"', '"\\u00e9"', '"z"', '"\\ud83d\\ude00"'),
)

const jsonArbitrary: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArbitrary,
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(fc.constantFrom('a', 'b', 'ab', 'é', '', 'aa'), tie('value')), {
        maxLength: 4,
      })
      .map((pairs) => `{${pairs.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`),
  ),
})).value

test('property: the key encoding orders as compare, hash keys are equal exactly for equal values', () => {
  fc.assert(
    fc.property(jsonArbitrary, jsonArbitrary, (x, y) => {
      const a = parseJsonb(x).node
      const b = parseJsonb(y).node
      const order = Math.sign(compareJsonb(a, b))
      assert.equal(Math.sign(compareBytes(keyOf(a), keyOf(b))), order)
      assert.equal(Math.sign(compareJsonb(b, a)), order === 0 ? 0 : -order)
      assert.equal(jsonbHashKey(a) === jsonbHashKey(b), order === 0)
    }),
    { numRuns: 3000 },
  )
})

/** Containment as PostgreSQL defines it, recursively (the engine's version keeps its own
 * stack). */
function referenceContains(
  value: JsonNode,
  template: JsonNode,
  valueIsRawScalar = false,
  templateIsRawScalar = false,
): boolean {
  const isContainer = (n: JsonNode): boolean => Array.isArray(n) || n instanceof Map
  const equal = (a: JsonNode, b: JsonNode): boolean =>
    !isContainer(a) && !isContainer(b) && compareJsonb(a, b) === 0
  if (value instanceof Map || template instanceof Map) {
    if (!(value instanceof Map && template instanceof Map)) return false
    const lhs = value as ReadonlyMap<string, JsonNode>
    const rhs = template as ReadonlyMap<string, JsonNode>
    if (lhs.size < rhs.size) return false
    return [...rhs].every(([key, wanted]) => {
      const found = lhs.get(key)
      if (found === undefined || isContainer(found) !== isContainer(wanted)) return false
      return isContainer(wanted) ? referenceContains(found, wanted) : equal(found, wanted)
    })
  }
  if (valueIsRawScalar && !templateIsRawScalar) return false
  const lhs: readonly JsonNode[] = Array.isArray(value) ? value : [value]
  const rhs: readonly JsonNode[] = Array.isArray(template) ? template : [template]
  return rhs.every((wanted) =>
    isContainer(wanted)
      ? lhs.some((element) => isContainer(element) && referenceContains(element, wanted))
      : lhs.some((element) => equal(element, wanted)),
  )
}

test('property: containment agrees with the recursive definition', () => {
  const wide = fc.array(jsonArbitrary, { maxLength: 12 }).map((items) => `[${items.join(',')}]`)
  const value = fc.oneof(jsonArbitrary, wide)
  fc.assert(
    fc.property(value, value, fc.boolean(), (x, y, isSelf) => {
      const a = parseJsonb(x).node
      const b = parseJsonb(isSelf ? x : y).node
      const isObject = (n: JsonNode): boolean => n instanceof Map
      const isScalar = (n: JsonNode): boolean => !Array.isArray(n) && !(n instanceof Map)
      const expected =
        isObject(a) === isObject(b) && referenceContains(a, b, isScalar(a), isScalar(b))
      assert.equal(jsonbContains(a, b), expected, `${x} @> ${isSelf ? x : y}`)
      if (isSelf) assert.equal(jsonbContains(a, b), true)
    }),
    { numRuns: 3000 },
  )
})

test('property: compare is a total order (sorting agrees pairwise)', () => {
  fc.assert(
    fc.property(fc.array(jsonArbitrary, { minLength: 2, maxLength: 12 }), (texts) => {
      const nodes = texts.map((t) => parseJsonb(t).node)
      nodes.sort(compareJsonb)
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          assert.ok(compareJsonb(nodes[i] ?? null, nodes[j] ?? null) <= 0)
        }
      }
    }),
    { numRuns: 500 },
  )
})

test('property: output reads back as an equal value and prints the same', () => {
  fc.assert(
    fc.property(jsonArbitrary, (text) => {
      const value = jsonb.input(text, sqlTypes.jsonb, defaultTypeContext)
      const printed = jsonb.output(value, sqlTypes.jsonb, defaultTypeContext)
      const again = jsonb.input(printed, sqlTypes.jsonb, defaultTypeContext)
      assert.equal(jsonb.compare(value, again, sqlTypes.jsonb), 0)
      assert.equal(jsonb.output(again, sqlTypes.jsonb, defaultTypeContext), printed)
      // json keeps the text; it reads back as the same jsonb.
      assert.equal(
        json.output(
          json.input(text, sqlTypes.json, defaultTypeContext),
          sqlTypes.json,
          defaultTypeContext,
        ),
        text,
      )
    }),
    { numRuns: 2000 },
  )
  // Arbitrary JSON from JavaScript's serializer (any strings, doubles, nesting).
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify(value)
      const parsed = parseJsonb(text)
      const printed = jsonbText(parsed.node)
      assert.equal(jsonbText(parseJsonb(printed).node), printed)
      // Numbers keep their value; strings and structure survive exactly.
      assert.deepEqual(JSON.parse(printed), JSON.parse(text))
    }),
    { numRuns: 1000 },
  )
})

test('property: binary send and receive round-trip (version byte 1, then the text)', () => {
  fc.assert(
    fc.property(jsonArbitrary, (text) => {
      const value = jsonb.input(text, sqlTypes.jsonb, defaultTypeContext)
      const bytes = jsonb.send(value, sqlTypes.jsonb)
      assert.equal(bytes[0], 1)
      const back = jsonb.receive(bytes, sqlTypes.jsonb)
      assert.equal(jsonb.compare(value, back, sqlTypes.jsonb), 0)
      assert.deepEqual(jsonb.send(back, sqlTypes.jsonb), bytes)
      const jsonBytes = json.send(text, sqlTypes.json)
      assert.equal(json.receive(jsonBytes, sqlTypes.json), text)
    }),
    { numRuns: 500 },
  )
  // select jsonb_send('{"a":1}'::jsonb), json_send('{"a" : 1}'::json)
  //  → \x017b2261223a20317d | \x7b226122203a20317d
  const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
  assert.equal(hex(jsonb.send(parseJsonb('{"a":1}'), sqlTypes.jsonb)), '017b2261223a20317d')
  assert.equal(hex(json.send('{"a" : 1}', sqlTypes.json)), '7b226122203a20317d')
})

test('binary receive rejects what PostgreSQL rejects', () => {
  assertSqlError(
    () => jsonb.receive(Uint8Array.of(2, 0x7b, 0x7d), sqlTypes.jsonb),
    'XX000',
    'unsupported jsonb version number 2',
  )
  assertSqlError(
    () => jsonb.receive(new Uint8Array(0), sqlTypes.jsonb),
    '08P01',
    'insufficient data left in message',
  )
  assertSqlError(
    () => json.receive(Uint8Array.of(0x22, 0xff, 0x22), sqlTypes.json),
    '22021',
    'invalid byte sequence for encoding "UTF8": 0xff',
  )
  assertSqlError(
    () => json.receive(Uint8Array.of(0x22, 0xc3, 0x22), sqlTypes.json),
    '22021',
    'invalid byte sequence for encoding "UTF8": 0xc3 0x22',
  )
  assertSqlError(
    () => jsonb.receive(Uint8Array.of(1, 0x22, 0x00, 0x22), sqlTypes.jsonb),
    '22021',
    'invalid byte sequence for encoding "UTF8": 0x00',
  )
  assertSqlError(
    () => json.receive(new TextEncoder().encode('[1,'), sqlTypes.json),
    '22P02',
    'invalid input syntax for type json',
  )
})

test('json has no order and no equality (42883, as PostgreSQL)', () => {
  // select j from (values ('1'::json)) v(j) order by j
  //  → 42883 could not identify an ordering operator for type json
  assertSqlError(
    () => json.compare('1', '1', sqlTypes.json),
    '42883',
    'could not identify an ordering operator for type json',
  )
  assertSqlError(
    () => json.encodeKey('1', sqlTypes.json, new KeyWriter()),
    '42883',
    'could not identify an ordering operator for type json',
  )
  // select distinct j from (values ('1'::json)) v(j)
  //  → 42883 could not identify an equality operator for type json
  assertSqlError(
    () => json.hashKey('1', sqlTypes.json),
    '42883',
    'could not identify an equality operator for type json',
  )
})

test('property: object keys are unique, the last value wins, in jsonb key order', () => {
  const keyArbitrary = fc.string({ unit: 'grapheme', maxLength: 3 })
  fc.assert(
    fc.property(fc.array(fc.tuple(keyArbitrary, fc.integer()), { maxLength: 12 }), (pairs) => {
      const text = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`
      const node = parseJsonb(text).node as ReadonlyMap<string, JsonNode>
      const last = new Map<string, number>()
      for (const [k, v] of pairs) last.set(k, v)
      assert.equal(node.size, last.size)
      for (const [k, v] of last) assert.equal(String(node.get(k)), String(v))
      const keys = [...node.keys()]
      for (let i = 1; i < keys.length; i++) {
        const a = keys[i - 1] ?? ''
        const b = keys[i] ?? ''
        assert.ok(
          utf8Length(a) < utf8Length(b) ||
            (utf8Length(a) === utf8Length(b) && compareText(a, b) < 0),
        )
      }
      assert.equal(jsonbText(jsonbObject([...node].reverse())), jsonbText(node))
    }),
    { numRuns: 1000 },
  )
})

test('nesting: 6,400 levels read, one more is 54001; deep values never overflow the stack', () => {
  const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n)
  const deepObject = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`
  assert.equal(jsonbText(parseJsonb(deep(jsonDepthMax)).node), deep(jsonDepthMax))
  assert.equal(
    json.input(deep(jsonDepthMax), sqlTypes.json, defaultTypeContext),
    deep(jsonDepthMax),
  )
  for (const text of [deep(jsonDepthMax + 1), deepObject(jsonDepthMax + 1)]) {
    assertSqlError(() => parseJsonb(text), '54001', 'stack depth limit exceeded')
    assertSqlError(
      () => json.input(text, sqlTypes.json, defaultTypeContext),
      '54001',
      'stack depth limit exceeded',
    )
  }
  // A value stored deeper than input allows (functions can build one) still reads back.
  const deeper = deep(jsonDepthMax * 3)
  const stored = jsonb.receive(
    Uint8Array.of(1, ...new TextEncoder().encode(deeper)),
    sqlTypes.jsonb,
  )
  assert.equal(jsonb.output(stored, sqlTypes.jsonb, defaultTypeContext), deeper)
  assert.equal(json.receive(new TextEncoder().encode(deeper), sqlTypes.json), deeper)
  // Every walk over the deep value is iterative.
  const node = (stored as Jsonb).node
  assert.equal(compareJsonb(node, node), 0)
  assert.ok(keyOf(node).length > jsonDepthMax * 3)
  assert.ok(jsonbHashKey(node).length > 0)
  // Pretty output grows with the square of the depth; a smaller deep value shows it works.
  assert.ok(jsonbText(parseJsonb(deep(2000)).node, true).length > 2000 * 2 * 2000)
  assert.equal(jsonbText(jsonbStripNulls(node)), deeper)
  const objects = parseJsonb(deepObject(jsonDepthMax)).node
  assert.equal(jsonbText(jsonbStripNulls(objects)), deepObject(jsonDepthMax).replaceAll(':', ': '))
  assert.equal(jsonStripNulls(deepObject(jsonDepthMax)), deepObject(jsonDepthMax))
  const path = new Array<string>(jsonDepthMax).fill('a')
  assert.equal(String(jsonbGetPath(objects, path)), '1')
  const replaced = jsonbSetPath(objects, path, '2' as JsonNode, 'replace')
  assert.equal(String(jsonbGetPath(replaced, path)), '2')
  // Containment keeps its own stack too.
  assert.equal(jsonbContains(node, node), true)
  assert.equal(jsonbContains(node, parseJsonb(deep(jsonDepthMax)).node), true)
  assert.equal(jsonbContains(parseJsonb(deep(jsonDepthMax)).node, node), false)
})

test('numbers: numeric_in limits and the digit budget', () => {
  // select '1e131071'::jsonb (131,072 digits), '1e131072'::jsonb → 22003
  assert.equal(jsonNumericFromText('1e131071').toString().length, 131072)
  assertSqlError(() => jsonNumericFromText('1e131072'), '22003', 'value overflows numeric format')
  // select '0e131072'::numeric → 0 (zero has no leading digit to overflow)
  assert.equal(jsonNumericFromText('0e131072').toString(), '0')
  // select '1e1073741823'::numeric → 22003 before looking at the digits
  assertSqlError(
    () => jsonNumericFromText('0e1073741823'),
    '22003',
    'value overflows numeric format',
  )
  const budget = new JsonDigitBudget(1000)
  jsonNumericFromText('1e900', budget)
  assertSqlError(
    () => jsonNumericFromText('1e200', budget),
    '54000',
    'total size of jsonb numbers exceeds the maximum of 268435456 digits',
  )
  // Numbers keep numeric_in's display scale.
  const cases: [string, string][] = [
    ['1.50', '1.50'],
    ['-0', '0'],
    ['-0.0', '0.0'],
    ['1e2', '100'],
    ['1.5e-3', '0.0015'],
    ['0.0e-3', '0.0000'],
    ['100e-2', '1.00'],
    ['12.34e-1', '1.234'],
    ['1e+300', `1${'0'.repeat(300)}`],
    ['1.5e-05', '0.000015'],
  ]
  for (const [text, printed] of cases) assert.equal(jsonNumericFromText(text).toString(), printed)
})

test('property: the numeric key encoding orders as compareNumeric', () => {
  const numeric = fc
    .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 40 }))
    .map(([c, s]) => Numeric.of(c, s))
  const withSpecials = fc.oneof(
    { weight: 10, arbitrary: numeric },
    { weight: 1, arbitrary: fc.constantFrom(Numeric.nan, Numeric.infinity, Numeric.minusInfinity) },
  )
  const encode = (n: Numeric): Uint8Array => {
    const out = new KeyWriter()
    writeNumericKey(out, n)
    return out.finish()
  }
  fc.assert(
    fc.property(withSpecials, withSpecials, (a, b) => {
      assert.equal(Math.sign(compareBytes(encode(a), encode(b))), Math.sign(compareNumeric(a, b)))
    }),
    { numRuns: 5000 },
  )
})

test('numeric to float4 rounds once, from the decimal', () => {
  // A decimal just above the midpoint between 1 and the next float4, whose nearest double is
  // the midpoint itself: through a double it would tie to even (1); float4in rounds it up.
  const midpoint = 1 + 2 ** -24
  const decimal = Numeric.of(10n ** 60n + 5n ** 24n * 10n ** 36n + 10n ** 20n, 60)
  assert.equal(Number(decimal.toString()), midpoint)
  assert.equal(Math.fround(midpoint), 1)
  assert.equal(jsonNumericToFloat32(decimal), 1 + 2 ** -23)
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 10n ** 20n }),
      fc.integer({ min: 0, max: 60 }),
      (c, s) => {
        const n = Numeric.of(c, s)
        const viaDouble = Math.fround(Number(n.toString()))
        if (viaDouble === 0) return
        assert.equal(jsonNumericToFloat32(n), viaDouble)
      },
    ),
    { numRuns: 3000 },
  )
  // select '1.401298464324817e-45'::jsonb::float4, '7e-46'::jsonb::float4 → 1e-45 | 22003
  assert.equal(jsonNumericToFloat32(jsonNumericFromText('1.401298464324817e-45')), 2 ** -149)
  assertSqlError(
    () => jsonNumericToFloat32(jsonNumericFromText('7e-46')),
    '22003',
    '"0.0000000000000000000000000000000000000000000007" is out of range for type real',
  )
})

test('numeric to integers rounds half away from zero', () => {
  // select '2.5'::jsonb::int4, '-2.5'::jsonb::int4, '32767.4'::jsonb::int2 → 3|-3|32767
  assert.equal(jsonNumericToInteger(Numeric.of(25n, 1), 'int4'), 3n)
  assert.equal(jsonNumericToInteger(Numeric.of(-25n, 1), 'int4'), -3n)
  assert.equal(jsonNumericToInteger(Numeric.of(327674n, 1), 'int2'), 32767n)
  assertSqlError(
    () => jsonNumericToInteger(Numeric.of(327675n, 1), 'int2'),
    '22003',
    'smallint out of range',
  )
  assertSqlError(
    () => jsonNumericToInteger(Numeric.nan, 'int8'),
    '0A000',
    'cannot convert NaN to bigint',
  )
})

test('strings print with PostgreSQL escapes', () => {
  // select to_jsonb(E'\x01\x1f\x7f\u2028"\\/'::text) → "\u0001\u001f<DEL><U+2028>\"\\/"
  const node = jsonbObject([['k\n', '\x01\x1f\x7f\u2028"\\/\b\f\r\t']])
  assert.equal(jsonbText(node), '{"k\\n": "\\u0001\\u001f\x7f\u2028\\"\\\\/\\b\\f\\r\\t"}')
  assert.equal(jsonbText(new Jsonb('😀').node), '"😀"')
})
