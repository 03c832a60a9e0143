/**
 * Text input of values (PostgreSQL's type input functions): how a quoted literal, a text
 * parameter or a cast from text becomes a value. Errors use PostgreSQL's SQLSTATEs and wording:
 * 22P02 for bad syntax, 22003 for values out of range.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { behaviourOf } from './behaviours.js'
import type { SqlType } from './sql-type.js'
import { defaultTypeContext, type TypeContext } from './type-behaviour.js'
import type { Value } from './value.js'

const integerRanges = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
} as const

/** PostgreSQL trims only these around numbers and booleans (C isspace), not every Unicode space. */
function trimSpace(text: string): string {
  return text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '')
}

export function parseValueText(
  text: string,
  type: SqlType,
  context: TypeContext = defaultTypeContext,
): Value {
  switch (type.kind) {
    case 'int2':
    case 'int4':
    case 'int8':
      return parseInteger(text, type, type.kind)
    case 'bool':
      return parseBoolean(text)
    case 'text':
    case 'unknown':
      // PostgreSQL's text cannot hold NUL; the UTF8 encoding check rejects it.
      if (text.includes('\0')) {
        throw new SqlError(
          SqlState.characterNotInRepertoire,
          'invalid byte sequence for encoding "UTF8": 0x00',
        )
      }
      return text
    default:
      return behaviourOf(type).input(text, type, context)
  }
}

function invalidSyntax(type: SqlType, text: string): SqlError {
  return new SqlError(
    SqlState.invalidTextRepresentation,
    `invalid input syntax for type ${type.displayName}: "${text}"`,
  )
}

/** PostgreSQL accepts surrounding whitespace, a sign and decimal digits. */
function parseInteger(text: string, type: SqlType, kind: 'int2' | 'int4' | 'int8'): Value {
  const trimmed = trimSpace(text)
  // PostgreSQL 15 accepts only decimal digits with an optional sign (16 added underscores).
  if (!/^[+-]?\d+$/.test(trimmed)) throw invalidSyntax(type, text)
  const value = BigInt(trimmed)
  const [min, max] = integerRanges[kind]
  if (value < min || value > max) {
    throw new SqlError(
      SqlState.numericValueOutOfRange,
      `value "${text}" is out of range for type ${type.displayName}`,
    )
  }
  return kind === 'int8' ? value : Number(value)
}

const booleanWords: readonly (readonly [string, boolean, number])[] = [
  // word, value, shortest accepted prefix (PostgreSQL accepts unique prefixes)
  ['true', true, 1],
  ['false', false, 1],
  ['yes', true, 1],
  ['no', false, 1],
  ['on', true, 2],
  ['off', false, 2],
]

function parseBoolean(text: string): Value {
  const word = trimSpace(text).toLowerCase()
  if (word === '1') return true
  if (word === '0') return false
  for (const [full, value, shortest] of booleanWords) {
    if (word.length >= shortest && full.startsWith(word)) return value
  }
  throw new SqlError(
    SqlState.invalidTextRepresentation,
    `invalid input syntax for type boolean: "${text}"`,
  )
}

/** Range check for integer results of arithmetic and casts: 22003 as PostgreSQL words it. */
export function checkIntegerRange(value: bigint, kind: 'int2' | 'int4' | 'int8'): Value {
  const [min, max] = integerRanges[kind]
  if (value < min || value > max) {
    const name = kind === 'int2' ? 'smallint' : kind === 'int4' ? 'integer' : 'bigint'
    throw new SqlError(SqlState.numericValueOutOfRange, `${name} out of range`)
  }
  return kind === 'int8' ? value : Number(value)
}
