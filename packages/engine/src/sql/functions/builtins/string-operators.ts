/**
 * Operators, casts and aggregates of the text family: comparisons of text, char(n) (trailing
 * spaces ignored), name (and name/text mixed), "char" (unsigned), boolean, bytea, uuid, enums
 * and records; the pattern-order operators ~<~ ~<=~ ~>=~ ~>~; || on text, on text and any
 * non-array value, and on bytea; LIKE operators; ^@; the pg_cast entries between these types;
 * string_agg, min/max of text and char(n) and enums, bool_and/bool_or/every.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import {
  charByte,
  charFromByte,
  charFromText,
  charToText,
  compareBytea,
  compareRecords,
  compareText,
  enumPosition,
  SqlRecord,
  type SqlType,
  trimTrailingSpaces,
  truncateName,
  utf8,
  utf8Length,
  type Value,
} from '../../../types/index.js'
import type {
  BuiltinAggregate,
  BuiltinCast,
  BuiltinFunction,
  BuiltinOperator,
  CallContext,
} from '../registry.js'
import { concatBytes } from './string-bytea.js'
import { byteaLike, byteaLikeEscape, like, likeEscape, similarToEscape } from './string-pattern.js'
import {
  argType,
  asBool,
  asBytes,
  asInt,
  asText,
  castToText,
  checkResultBytes,
  comparisonOperators,
  fn,
  op,
} from './text-support.js'

const t = (value: Value | undefined) => asText(value)

function compareBpchar(a: Value, b: Value): number {
  return compareText(trimTrailingSpaces(t(a)), trimTrailingSpaces(t(b)))
}

function enumCompare(a: Value, b: Value, call: CallContext): number {
  const type = argType(call, 0)
  return enumPosition(a, type) - enumPosition(b, type)
}

function recordCompare(a: Value, b: Value): number {
  if (!(a instanceof SqlRecord) || !(b instanceof SqlRecord)) {
    throw new SqlError(SqlState.internalError, 'record operand is not a record')
  }
  return compareRecords(a, b)
}

/** text || text, with the result bounded like every text value. */
export function concatText(a: string, b: string): string {
  if (a.length + b.length > 1024) checkResultBytes(utf8Length(a) + utf8Length(b))
  return a + b
}

function patternOperators(left: 'text' | 'bpchar'): BuiltinOperator[] {
  const compare = left === 'text' ? (a: Value, b: Value) => compareText(t(a), t(b)) : compareBpchar
  return [
    op('~<~', left, left, 'bool', ([a, b]) => compare(a ?? null, b ?? null) < 0),
    op('~<=~', left, left, 'bool', ([a, b]) => compare(a ?? null, b ?? null) <= 0),
    op('~>=~', left, left, 'bool', ([a, b]) => compare(a ?? null, b ?? null) >= 0),
    op('~>~', left, left, 'bool', ([a, b]) => compare(a ?? null, b ?? null) > 0),
  ]
}

function likeOperators(left: 'text' | 'bpchar' | 'name'): BuiltinOperator[] {
  return [
    op('~~', left, 'text', 'bool', ([s, p]) => like(t(s), t(p))),
    op('!~~', left, 'text', 'bool', ([s, p]) => !like(t(s), t(p))),
    op('~~*', left, 'text', 'bool', ([s, p]) => like(t(s), t(p), true)),
    op('!~~*', left, 'text', 'bool', ([s, p]) => !like(t(s), t(p), true)),
  ]
}

export const textOperators: BuiltinOperator[] = [
  ...comparisonOperators('text', 'text', (a, b) => compareText(t(a), t(b))),
  ...comparisonOperators('bpchar', 'bpchar', compareBpchar),
  ...comparisonOperators('name', 'name', (a, b) => compareText(t(a), t(b))),
  ...comparisonOperators('name', 'text', (a, b) => compareText(t(a), t(b))),
  ...comparisonOperators('text', 'name', (a, b) => compareText(t(a), t(b))),
  ...comparisonOperators('char', 'char', (a, b) => charByte(a) - charByte(b)),
  ...comparisonOperators('bool', 'bool', (a, b) => Number(asBool(a)) - Number(asBool(b))),
  ...comparisonOperators('bytea', 'bytea', (a, b) => compareBytea(asBytes(a), asBytes(b))),
  ...comparisonOperators('uuid', 'uuid', (a, b) => compareText(t(a), t(b))),
  ...comparisonOperators('anyenum', 'anyenum', enumCompare),
  ...comparisonOperators('record', 'record', recordCompare),
  ...patternOperators('text'),
  ...patternOperators('bpchar'),
  ...likeOperators('text'),
  ...likeOperators('bpchar'),
  ...likeOperators('name'),
  op('~~', 'bytea', 'bytea', 'bool', ([s, p]) => byteaLike(asBytes(s), asBytes(p))),
  op('!~~', 'bytea', 'bytea', 'bool', ([s, p]) => !byteaLike(asBytes(s), asBytes(p))),
  op('^@', 'text', 'text', 'bool', ([s, prefix]) => t(s).startsWith(t(prefix))),
  op('||', 'text', 'text', 'text', ([a, b]) => concatText(t(a), t(b))),
  // textanycat and anytextcat are stable: the other operand's output may depend on settings.
  {
    ...op('||', 'text', 'anynonarray', 'text', ([a, b], call) =>
      concatText(t(a), castToText(b ?? null, argType(call, 1), call)),
    ),
    volatility: 'stable',
  },
  {
    ...op('||', 'anynonarray', 'text', 'text', ([a, b], call) =>
      concatText(castToText(a ?? null, argType(call, 0), call), t(b)),
    ),
    volatility: 'stable',
  },
  op('||', 'bytea', 'bytea', 'bytea', ([a, b]) => concatBytes([asBytes(a), asBytes(b)])),
]

export const patternFunctions: BuiltinFunction[] = [
  fn('like_escape', ['text', 'text'], 'text', ([p, e]) => likeEscape(t(p), t(e))),
  fn('like_escape', ['bytea', 'bytea'], 'bytea', ([p, e]) =>
    byteaLikeEscape(asBytes(p), asBytes(e)),
  ),
  fn('similar_to_escape', ['text'], 'text', ([p]) => similarToEscape(t(p))),
  fn('similar_to_escape', ['text', 'text'], 'text', ([p, e]) => similarToEscape(t(p), t(e))),
  fn(
    'similar_escape',
    ['text', 'text'],
    'text',
    ([p, e]) => (p == null ? null : similarToEscape(t(p), e == null ? '\\' : t(e))),
    { isStrict: false },
  ),
  fn('textcat', ['text', 'text'], 'text', ([a, b]) => concatText(t(a), t(b))),
  fn('byteacat', ['bytea', 'bytea'], 'bytea', ([a, b]) => concatBytes([asBytes(a), asBytes(b)])),
]

function cast(
  source: BuiltinCast['source'],
  target: BuiltinCast['target'],
  context: BuiltinCast['context'],
  evaluate: (value: Value, source: SqlType) => Value,
): BuiltinCast {
  return { source, target, context, evaluate: (value, sourceType) => evaluate(value, sourceType) }
}

/** "char"(text): the first byte of the text, or \ooo octal (PostgreSQL 15's text_char). */
function textToChar(value: Value): Value {
  const text = t(value)
  if (text.length === 4 && /^\\[0-7]{3}$/.test(text)) return charFromText(text)
  if (text.length === 0) return ''
  return charFromByte(utf8(text.slice(0, 2))[0] ?? 0)
}

function boolText(value: Value): string {
  return asBool(value) ? 'true' : 'false'
}

const identity = (value: Value) => value
const trimmed = (value: Value) => trimTrailingSpaces(t(value))

export const textCasts: BuiltinCast[] = [
  // boolean <-> integer belong to the numbers family (math-functions.ts there).
  cast('bool', 'text', 'assignment', boolText),
  cast('bool', 'bpchar', 'assignment', boolText),
  cast('bool', 'varchar', 'assignment', boolText),
  cast('char', 'int4', 'explicit', (value) => {
    const byte = charByte(value)
    return byte >= 128 ? byte - 256 : byte
  }),
  cast('int4', 'char', 'explicit', (value) => {
    const number = asInt(value)
    if (number < -128 || number > 127) {
      throw new SqlError(SqlState.numericValueOutOfRange, '"char" out of range')
    }
    return charFromByte(number & 0xff)
  }),
  cast('char', 'text', 'implicit', charToText),
  cast('char', 'bpchar', 'assignment', charToText),
  cast('char', 'varchar', 'assignment', charToText),
  cast('name', 'text', 'implicit', identity),
  cast('name', 'bpchar', 'assignment', identity),
  cast('name', 'varchar', 'assignment', identity),
  cast('text', 'char', 'assignment', textToChar),
  cast('text', 'name', 'implicit', (value) => truncateName(t(value))),
  cast('text', 'bpchar', 'implicit', identity),
  cast('text', 'varchar', 'implicit', identity),
  cast('bpchar', 'char', 'assignment', textToChar),
  cast('bpchar', 'name', 'implicit', (value) => truncateName(trimmed(value))),
  cast('bpchar', 'text', 'implicit', trimmed),
  cast('bpchar', 'varchar', 'implicit', trimmed),
  cast('varchar', 'char', 'assignment', textToChar),
  cast('varchar', 'name', 'implicit', (value) => truncateName(t(value))),
  cast('varchar', 'text', 'implicit', identity),
  cast('varchar', 'bpchar', 'implicit', identity),
]

interface StringAggState {
  parts: (string | Uint8Array)[]
  bytes: number
  isEmpty: boolean
}

function stringAgg(kind: 'text' | 'bytea'): BuiltinAggregate<StringAggState> {
  return {
    name: 'string_agg',
    args: [kind, kind],
    returns: kind,
    volatility: 'immutable',
    isStrict: false,
    initial: () => ({ parts: [], bytes: 0, isEmpty: true }),
    step(state, [value, delimiter]) {
      if (value === null || value === undefined) return state
      const size = (item: Value) => (item instanceof Uint8Array ? item.length : utf8Length(t(item)))
      if (!state.isEmpty && delimiter !== null && delimiter !== undefined) {
        state.parts.push(kind === 'text' ? t(delimiter) : asBytes(delimiter))
        state.bytes += size(delimiter)
      }
      state.parts.push(kind === 'text' ? t(value) : asBytes(value))
      state.bytes += size(value)
      checkResultBytes(state.bytes)
      state.isEmpty = false
      return state
    },
    final(state) {
      if (state.isEmpty) return null
      if (kind === 'text') return state.parts.join('')
      return concatBytes(state.parts as Uint8Array[])
    },
  }
}

function extreme(
  name: 'min' | 'max',
  kind: 'text' | 'bpchar' | 'anyenum',
): BuiltinAggregate<{ value: Value }> {
  return {
    name,
    args: [kind],
    returns: kind,
    volatility: 'immutable',
    isStrict: true,
    initial: () => ({ value: null }),
    step(state, [value], call) {
      if (value === null || value === undefined) return state
      if (state.value === null) {
        state.value = value
        return state
      }
      const order =
        kind === 'text'
          ? compareText(t(value), t(state.value))
          : kind === 'bpchar'
            ? compareBpchar(value, state.value)
            : enumCompare(value, state.value, call)
      if (name === 'min' ? order < 0 : order > 0) state.value = value
      return state
    },
    final: (state) => state.value,
  }
}

function booleanAggregate(
  name: string,
  isAnd: boolean,
): BuiltinAggregate<{ value: boolean | null }> {
  return {
    name,
    args: ['bool'],
    returns: 'bool',
    volatility: 'immutable',
    isStrict: true,
    initial: () => ({ value: null }),
    step(state, [value]) {
      if (value === null || value === undefined) return state
      const next = asBool(value)
      state.value = state.value === null ? next : isAnd ? state.value && next : state.value || next
      return state
    },
    final: (state) => state.value,
  }
}

export const textAggregates: BuiltinAggregate<unknown>[] = [
  stringAgg('text'),
  stringAgg('bytea'),
  extreme('min', 'text'),
  extreme('max', 'text'),
  extreme('min', 'bpchar'),
  extreme('max', 'bpchar'),
  extreme('min', 'anyenum'),
  extreme('max', 'anyenum'),
  booleanAggregate('bool_and', true),
  booleanAggregate('bool_or', false),
  booleanAggregate('every', true),
]
