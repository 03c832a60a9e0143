// The string builtins beyond the case tables: aggregates (answers from PostgreSQL 15, query in
// the comment), bounds on results that could exhaust memory, LIKE against a reference matcher,
// robustness of the regular-expression translation on random patterns, the linear-time
// fallback on catastrophic patterns, and the deliberate differences from PostgreSQL.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../../errors/index.js'
import { arrayOf, newEnumType, type SqlType, sqlTypes, type Value } from '../../../types/index.js'
import type { BuiltinAggregate } from '../registry.js'
import { stringBuiltins } from './string.js'
import { like, similarToEscape } from './string-pattern.js'
import { cachedRegex, defaultOptions, parseFlags, search } from './string-regex.js'
import { regexMatches } from './string-regexp.js'
import { callContext, format, parse } from './text-cases.test.js'

const mood: SqlType = newEnumType({
  oid: 16385,
  arrayOid: 16384,
  schema: 'public',
  name: 'mood',
  labels: ['sad', 'ok', 'happy'],
  firstLabelOid: 16386,
})

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

function aggregate(name: string, args: readonly string[]): BuiltinAggregate<unknown> {
  const found = stringBuiltins.aggregates.find(
    (item) => item.name === name && item.args.join(',') === args.join(','),
  )
  assert.ok(found, `aggregate ${name}(${args.join(',')})`)
  return found
}

/** Runs an aggregate over rows of typed text values; returns the output text or null. */
function run(
  name: string,
  args: readonly string[],
  types: readonly SqlType[],
  rows: readonly (readonly (string | null)[])[],
  resultType: SqlType = types[0] ?? sqlTypes.text,
): string | null {
  const declared = aggregate(name, args)
  const call = callContext(types, resultType)
  let state = declared.initial()
  for (const row of rows) {
    const values: Value[] = row.map((text, i) =>
      text === null ? null : parse(text, types[i] ?? sqlTypes.text),
    )
    if (declared.isStrict && values.includes(null)) continue
    state = declared.step(state, values, call)
  }
  const result = declared.final(state, call)
  return result === null ? null : format(result, resultType)
}

const { text, bytea, bool, bpchar } = sqlTypes

test('string_agg skips NULL values; a NULL delimiter adds nothing', () => {
  // select string_agg(x, ',') from (values ('a'),(null),('b')) v(x) → a,b
  assert.equal(
    run(
      'string_agg',
      ['text', 'text'],
      [text, text],
      [
        ['a', ','],
        [null, ','],
        ['b', ','],
      ],
    ),
    'a,b',
  )
  // select string_agg(x, d) from (values ('a', '-'),('b', null),('c','+')) v(x, d) → ab+c
  assert.equal(
    run(
      'string_agg',
      ['text', 'text'],
      [text, text],
      [
        ['a', '-'],
        ['b', null],
        ['c', '+'],
      ],
    ),
    'ab+c',
  )
  // select string_agg(x, d) from (values (null, '-'),('b', '+'),('c','*')) v(x, d) → b*c
  assert.equal(
    run(
      'string_agg',
      ['text', 'text'],
      [text, text],
      [
        [null, '-'],
        ['b', '+'],
        ['c', '*'],
      ],
    ),
    'b*c',
  )
  // select string_agg(x, ',') from (values (null::text)) v(x) → NULL
  assert.equal(run('string_agg', ['text', 'text'], [text, text], [[null, ',']]), null)
  assert.equal(run('string_agg', ['text', 'text'], [text, text], []), null)
  // select string_agg(x::bytea, '\x00'::bytea) from (values ('a'),('b')) v(x) → \x610062
  assert.equal(
    run(
      'string_agg',
      ['bytea', 'bytea'],
      [bytea, bytea],
      [
        ['a', '\\x00'],
        ['b', '\\x00'],
      ],
    ),
    '\\x610062',
  )
})

test('min and max of text, char(n) and enums; bool_and, bool_or, every', () => {
  // select min(x), max(x) from (values ('b'),('a'),(null),('é')) v(x) → a|é
  const words = [['b'], ['a'], [null], ['é']]
  assert.equal(run('min', ['text'], [text], words), 'a')
  assert.equal(run('max', ['text'], [text], words), 'é')
  // select min(x), max(x) from (values ('a  '::char(3)),('b'),('a')) v(x) → 'a  '|b
  const padded = [['a  '], ['b'], ['a']]
  assert.equal(run('min', ['bpchar'], [bpchar], padded), 'a  ')
  assert.equal(run('max', ['bpchar'], [bpchar], padded), 'b')
  // select min(x), max(x) from (values ('ok'::mood),('happy'),('sad')) v(x) → sad|happy
  const moods = [['ok'], ['happy'], ['sad']]
  assert.equal(run('min', ['anyenum'], [mood], moods), 'sad')
  assert.equal(run('max', ['anyenum'], [mood], moods), 'happy')
  assert.equal(run('min', ['text'], [text], []), null)
  // select bool_and(x), bool_or(x), every(x) from (values (true),(null),(false)) v(x) → f|t|f
  const flags = [['true'], [null], ['false']]
  assert.equal(run('bool_and', ['bool'], [bool], flags), 'f')
  assert.equal(run('bool_or', ['bool'], [bool], flags), 't')
  assert.equal(run('every', ['bool'], [bool], flags), 'f')
  // select bool_and(x), bool_or(x) from (values (null::bool)) v(x) → NULL|NULL
  assert.equal(run('bool_and', ['bool'], [bool], [[null]]), null)
  assert.equal(run('bool_or', ['bool'], [bool], [[null]]), null)
})

function evaluate(name: string, args: readonly string[], values: readonly Value[]): Value {
  const declared = stringBuiltins.functions.find(
    (item) => item.name === name && item.args.join(',') === args.join(','),
  )
  assert.ok(declared, `function ${name}(${args.join(',')})`)
  const types = args.map((arg) => (arg === 'int4' ? sqlTypes.int4 : sqlTypes.text))
  return declared.evaluate(values, callContext(types, sqlTypes.text))
}

test('results that would exceed the largest text fail fast with 54000', () => {
  // select repeat('ab', 1000000000) → 54000 requested length too large
  const started = Date.now()
  const error = catchSqlError(() => evaluate('repeat', ['text', 'int4'], ['ab', 1_000_000_000]))
  assert.equal(error.code, '54000')
  assert.equal(error.message, 'requested length too large')
  assert.equal(evaluate('repeat', ['text', 'int4'], ['', 2_147_483_647]), '')
  // select lpad('x', 1000000000) → 54000
  assert.equal(
    catchSqlError(() => evaluate('lpad', ['text', 'int4'], ['x', 1_000_000_000])).code,
    '54000',
  )
  // format('%2147483647s', 1) is 54000 in PostgreSQL too (out of memory there)
  assert.equal(
    catchSqlError(() => evaluate('format', ['text', 'any'], ['%2147483647s', 'x'])).code,
    '54000',
  )
  assert.ok(Date.now() - started < 2000, 'refused before building anything')
})

test('gen_random_uuid is volatile and returns version 4 UUIDs', () => {
  const declared = stringBuiltins.functions.find((item) => item.name === 'gen_random_uuid')
  assert.ok(declared)
  assert.equal(declared.volatility, 'volatile')
  const a = declared.evaluate([], callContext([], sqlTypes.uuid))
  const b = declared.evaluate([], callContext([], sqlTypes.uuid))
  assert.match(String(a), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.notEqual(a, b)
})

/** A reference LIKE matcher: backtracking over code points, backslash escapes. */
function referenceLike(textValue: string, pattern: string): boolean {
  const t = Array.from(textValue)
  const p = Array.from(pattern)
  const memo = new Map<string, boolean>()
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`
    const known = memo.get(key)
    if (known !== undefined) return known
    let result: boolean
    if (j === p.length) result = i === t.length
    else if (p[j] === '%') result = match(i, j + 1) || (i < t.length && match(i + 1, j))
    else if (p[j] === '_') result = i < t.length && match(i + 1, j + 1)
    else {
      const literal = p[j] === '\\' ? p[j + 1] : p[j]
      const width = p[j] === '\\' ? 2 : 1
      result = i < t.length && t[i] === literal && match(i + 1, j + width)
    }
    memo.set(key, result)
    return result
  }
  return match(0, 0)
}

test('property: LIKE agrees with a reference matcher', () => {
  const alphabet = fc.constantFrom('a', 'b', 'é', '😀', '%', '_')
  const patternUnit = fc.oneof(
    fc.constantFrom('a', 'b', 'é', '😀', '%', '_'),
    fc.constantFrom('\\%', '\\_', '\\a', '\\\\'),
  )
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 8 }).map((units) => units.join('')),
      fc.array(patternUnit, { maxLength: 6 }).map((units) => units.join('')),
      (subject, pattern) => {
        assert.equal(
          like(subject, pattern),
          referenceLike(subject, pattern),
          `${subject} LIKE ${pattern}`,
        )
      },
    ),
    { numRuns: 3000 },
  )
})

test('LIKE matching time stays proportional on long texts', () => {
  const subject = 'a'.repeat(20_000)
  const started = Date.now()
  assert.equal(like(subject, '%a%a%a%a%a%a%a%b'), false)
  assert.equal(like(subject, `%${'_'.repeat(100)}%a`), true)
  assert.ok(Date.now() - started < 2000)
})

test('property: any pattern either compiles or is 2201B, never a JavaScript error', () => {
  const piece = fc.constantFrom(
    'a',
    'b',
    '(',
    ')',
    '(?:',
    '(?=',
    '(?<!',
    '[',
    ']',
    '[^',
    '^',
    '$',
    '.',
    '*',
    '+',
    '?',
    '*?',
    '{',
    '}',
    '{2}',
    '{1,',
    ',',
    '|',
    '\\',
    '\\d',
    '\\w',
    '\\m',
    '\\y',
    '\\1',
    '\\x4',
    '\\u00',
    '[:alpha:]',
    '[.',
    '.]',
    '[=',
    '-',
    'é',
    '😀',
    '#',
    ' ',
    '(?i)',
    '***:',
    '***=',
  )
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 8 }),
      fc.constantFrom('', 'i', 'n', 'x', 'p', 'w'),
      (pieces, flags) => {
        const pattern = pieces.join('')
        try {
          const compiled = cachedRegex(pattern, parseFlags(flags).options)
          for (const subject of ['', 'abc', 'a\nB😀é 1']) search(compiled, subject, 0)
        } catch (error) {
          assert.ok(error instanceof SqlError, `${pattern}: ${String(error)}`)
          assert.equal(error.code, '2201B', pattern)
          assert.doesNotMatch(error.message, /could not compile/, pattern)
        }
      },
    ),
    { numRuns: 3000 },
  )
})

test('property: every SIMILAR TO translation is a valid regular expression or 2201B', () => {
  const piece = fc.constantFrom(
    'a',
    '%',
    '_',
    '[',
    ']',
    '^',
    '\\',
    '#',
    '"',
    '(',
    ')',
    '.',
    '$',
    '|',
    '*',
    '-',
    ':',
  )
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 8 }),
      fc.constantFrom('\\', '#', ''),
      (pieces, escapeText) => {
        let translated: string
        try {
          translated = similarToEscape(pieces.join(''), escapeText)
        } catch (error) {
          assert.ok(error instanceof SqlError)
          return
        }
        try {
          regexMatches('a', translated, false)
        } catch (error) {
          assert.ok(error instanceof SqlError, String(error))
          assert.equal(error.code, '2201B')
        }
      },
    ),
  )
})

test('catastrophic patterns on ASCII text finish (V8 falls back to its linear-time engine)', () => {
  const started = Date.now()
  assert.equal(regexMatches('a'.repeat(40), '(a*)*b', false), false)
  assert.equal(regexMatches('a'.repeat(40), '(a|aa)*c', false), false)
  assert.equal(regexMatches('A'.repeat(40), '(a*)*b', true), false)
  assert.equal(regexMatches('x'.repeat(30), '^(\\w+\\s?)*$y', false), false)
  assert.ok(Date.now() - started < 2000)
})

test('a top-level alternation takes its longest branch, as in PostgreSQL', () => {
  // select regexp_match('Mrs Smith', 'Mr|Mrs') → {Mrs}
  const match = search(cachedRegex('Mr|Mrs', defaultOptions), 'Mrs Smith', 0)
  assert.deepEqual(match && [match.start, match.end], [0, 3])
})

test('known differences from PostgreSQL, kept deliberately', () => {
  // PostgreSQL 15 accepts the b (BRE) and e (ERE) flavours; only AREs are supported here.
  for (const pattern of ['(?b)a', '(?e)a']) {
    const error = catchSqlError(() => regexMatches('a', pattern, false))
    assert.equal(error.code, '0A000')
  }
  // Quantifiers of mixed greediness: PostgreSQL takes the shortest overall match ('aa'),
  // JavaScript's backtracking the first one it finds.
  const match = search(cachedRegex('.+?[ab]+', defaultOptions), 'aabaab', 0)
  assert.deepEqual(match && [match.start, match.end], [0, 6])
})

test('text[] results of the regexp functions', () => {
  const declared = stringBuiltins.functions.find(
    (item) => item.name === 'regexp_match' && item.args.length === 2,
  )
  assert.ok(declared)
  const textArray = arrayOf(text)
  const result = declared.evaluate(['abc', '(a)(x)?'], callContext([text, text], textArray))
  assert.equal(format(result, textArray), '{a,NULL}')
})
