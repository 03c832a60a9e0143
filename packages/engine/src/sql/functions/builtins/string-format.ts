/**
 * format() with PostgreSQL's full specification (%[n$][-][width]type, width as digits, * or
 * *n$, types s, I and L, %%), quote_ident / quote_literal / quote_nullable, concat and
 * concat_ws. Values of any type print through their type's output function (call.output).
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { textBytesMax } from '../../../limits.js'
import {
  codePointLength,
  parseValueText,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import type { BuiltinFunction, CallContext } from '../registry.js'
import { argType, asText, castToText, fn, requestedLengthTooLarge } from './text-support.js'

/** Keywords that are not unreserved (pg_get_keywords() catcode <> 'U'): quote_ident quotes them. */
const quotedKeywords = new Set([
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'asymmetric',
  'authorization',
  'between',
  'bigint',
  'binary',
  'bit',
  'boolean',
  'both',
  'case',
  'cast',
  'char',
  'character',
  'check',
  'coalesce',
  'collate',
  'collation',
  'column',
  'concurrently',
  'constraint',
  'create',
  'cross',
  'current_catalog',
  'current_date',
  'current_role',
  'current_schema',
  'current_time',
  'current_timestamp',
  'current_user',
  'dec',
  'decimal',
  'default',
  'deferrable',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'exists',
  'extract',
  'false',
  'fetch',
  'float',
  'for',
  'foreign',
  'freeze',
  'from',
  'full',
  'grant',
  'greatest',
  'group',
  'grouping',
  'having',
  'ilike',
  'in',
  'initially',
  'inner',
  'inout',
  'int',
  'integer',
  'intersect',
  'interval',
  'into',
  'is',
  'isnull',
  'join',
  'lateral',
  'leading',
  'least',
  'left',
  'like',
  'limit',
  'localtime',
  'localtimestamp',
  'national',
  'natural',
  'nchar',
  'none',
  'normalize',
  'not',
  'notnull',
  'null',
  'nullif',
  'numeric',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'out',
  'outer',
  'overlaps',
  'overlay',
  'placing',
  'position',
  'precision',
  'primary',
  'real',
  'references',
  'returning',
  'right',
  'row',
  'select',
  'session_user',
  'setof',
  'similar',
  'smallint',
  'some',
  'substring',
  'symmetric',
  'table',
  'tablesample',
  'then',
  'time',
  'timestamp',
  'to',
  'trailing',
  'treat',
  'trim',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'values',
  'varchar',
  'variadic',
  'verbose',
  'when',
  'where',
  'window',
  'with',
  'xmlattributes',
  'xmlconcat',
  'xmlelement',
  'xmlexists',
  'xmlforest',
  'xmlnamespaces',
  'xmlparse',
  'xmlpi',
  'xmlroot',
  'xmlserialize',
  'xmltable',
])

/** quote_ident: unquoted only for lower-case letters, digits and _ (not first a digit), and
 * not a keyword that needs quoting. */
export function quoteIdent(text: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(text) && !quotedKeywords.has(text)) return text
  return `"${text.replaceAll('"', '""')}"`
}

/** quote_literal: quotes doubled; with a backslash, an E'' string with backslashes doubled. */
export function quoteLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''")
  if (!text.includes('\\')) return `'${quoted}'`
  return `E'${quoted.replaceAll('\\', '\\\\')}'`
}

function formatError(message: string, withHint = true): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    message,
    withHint ? { hint: 'For a single "%" use "%%".' } : {},
  )
}

function unterminated(): SqlError {
  return formatError('unterminated format() type specifier')
}

function tooFewArguments(): SqlError {
  return formatError('too few arguments for format()', false)
}

function numberOutOfRange(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'number is out of range')
}

interface Cursor {
  text: string
  at: number
}

/** Decimal digits at the cursor as a number (22003 beyond int4), or undefined without any. */
function readDigits(cursor: Cursor): number | undefined {
  const start = cursor.at
  let value = 0
  while (cursor.at < cursor.text.length) {
    const code = cursor.text.charCodeAt(cursor.at)
    if (code < 0x30 || code > 0x39) break
    value = value * 10 + (code - 0x30)
    if (value > 2147483647) throw numberOutOfRange()
    cursor.at++
    if (cursor.at >= cursor.text.length) throw unterminated()
  }
  return cursor.at === start ? undefined : value
}

function expectMore(cursor: Cursor): void {
  if (cursor.at >= cursor.text.length) throw unterminated()
}

/** The width an argument gives: integers directly, anything else through int4 text input. */
function widthFromArgument(value: Value, type: SqlType, call: CallContext): number {
  if (value === null) return 0
  if (type.kind === 'int2' || type.kind === 'int4') return Number(value)
  const parsed = parseValueText(call.output(value, type), sqlTypes.int4)
  return Number(parsed)
}

function padded(text: string, width: number, leftAlign: boolean): string {
  if (width === 0) return text
  const length = codePointLength(text)
  if (length >= width) return text
  if (width > textBytesMax) throw requestedLengthTooLarge()
  const padding = ' '.repeat(width - length)
  return leftAlign ? text + padding : padding + text
}

/**
 * format(fmt, args...): `args` and `types` are the arguments after the format string.
 */
export function formatText(
  format: string,
  args: readonly Value[],
  types: readonly SqlType[],
  call: CallContext,
): string {
  let out = ''
  let next = 0 // index of the last argument used; the next sequential one is next + 1
  const argument = (position: number): [Value, SqlType] => {
    if (position > args.length) throw tooFewArguments()
    return [args[position - 1] ?? null, types[position - 1] ?? sqlTypes.text]
  }
  const cursor: Cursor = { text: format, at: 0 }
  while (cursor.at < format.length) {
    const percent = format.indexOf('%', cursor.at)
    if (percent < 0) {
      out += format.slice(cursor.at)
      break
    }
    out += format.slice(cursor.at, percent)
    cursor.at = percent + 1
    expectMore(cursor)
    if (format[cursor.at] === '%') {
      out += '%'
      cursor.at++
      continue
    }
    let position: number | undefined
    let width = 0
    let leftAlign = false
    let widthArgument: number | undefined
    let hasWidthArgument = false
    const digits = readDigits(cursor)
    if (digits !== undefined && format[cursor.at] === '$') {
      if (digits === 0) {
        throw formatError('format specifies argument 0, but arguments are numbered from 1', false)
      }
      position = digits
      cursor.at++
      expectMore(cursor)
    } else if (digits !== undefined) {
      width = digits
    }
    if (digits === undefined || position !== undefined) {
      while (format[cursor.at] === '-') {
        leftAlign = true
        cursor.at++
        expectMore(cursor)
      }
      if (format[cursor.at] === '*') {
        cursor.at++
        expectMore(cursor)
        hasWidthArgument = true
        const widthPosition = readDigits(cursor)
        if (widthPosition !== undefined) {
          if (format[cursor.at] !== '$') {
            throw formatError('width argument position must be ended by "$"', false)
          }
          if (widthPosition === 0) {
            throw formatError(
              'format specifies argument 0, but arguments are numbered from 1',
              false,
            )
          }
          widthArgument = widthPosition
          cursor.at++
          expectMore(cursor)
        }
      } else {
        const widthDigits = readDigits(cursor)
        if (widthDigits !== undefined) width = widthDigits
      }
    }
    const typeChar = String.fromCodePoint(format.codePointAt(cursor.at) ?? 0)
    if (typeChar !== 's' && typeChar !== 'I' && typeChar !== 'L') {
      throw formatError(`unrecognized format() type specifier "${typeChar}"`)
    }
    cursor.at += typeChar.length
    if (hasWidthArgument) {
      const widthPosition = widthArgument ?? next + 1
      const [value, type] = argument(widthPosition)
      next = widthPosition
      let argWidth = widthFromArgument(value, type, call)
      if (argWidth < 0) {
        if (argWidth === -2147483648) throw numberOutOfRange()
        leftAlign = true
        argWidth = -argWidth
      }
      width = argWidth
    }
    const valuePosition = position ?? next + 1
    const [value, type] = argument(valuePosition)
    next = valuePosition
    let text: string
    if (value === null) {
      if (typeChar === 'I') {
        throw new SqlError(
          SqlState.nullValueNotAllowed,
          'null values cannot be formatted as an SQL identifier',
        )
      }
      text = typeChar === 'L' ? 'NULL' : ''
    } else {
      const shown = call.output(value, type)
      text = typeChar === 's' ? shown : typeChar === 'I' ? quoteIdent(shown) : quoteLiteral(shown)
    }
    out += padded(text, width, leftAlign)
    if (out.length > textBytesMax) throw requestedLengthTooLarge()
  }
  return out
}

function outputOf(value: Value, i: number, call: CallContext): string {
  return call.output(value, argType(call, i))
}

export const formatFunctions: BuiltinFunction[] = [
  fn('quote_ident', ['text'], 'text', ([s]) => quoteIdent(asText(s))),
  fn('quote_literal', ['text'], 'text', ([s]) => quoteLiteral(asText(s))),
  fn(
    'quote_literal',
    ['anyelement'],
    'text',
    ([value], call) => quoteLiteral(castToText(value ?? null, argType(call, 0), call)),
    { volatility: 'stable' },
  ),
  fn('quote_nullable', ['text'], 'text', ([s]) => (s == null ? 'NULL' : quoteLiteral(asText(s))), {
    isStrict: false,
  }),
  fn(
    'quote_nullable',
    ['anyelement'],
    'text',
    ([value], call) =>
      value == null ? 'NULL' : quoteLiteral(castToText(value, argType(call, 0), call)),
    { volatility: 'stable', isStrict: false },
  ),
  fn(
    'concat',
    ['any'],
    'text',
    (args, call) => {
      let out = ''
      args.forEach((value, i) => {
        if (value !== null) out += outputOf(value, i, call)
      })
      return out
    },
    { volatility: 'stable', isStrict: false, isVariadic: true },
  ),
  fn(
    'concat_ws',
    ['text', 'any'],
    'text',
    (args, call) => {
      const separator = args[0] ?? null
      if (separator === null) return null
      const parts: string[] = []
      args.forEach((value, i) => {
        if (i > 0 && value !== null) parts.push(outputOf(value, i, call))
      })
      return parts.join(asText(separator))
    },
    { volatility: 'stable', isStrict: false, isVariadic: true },
  ),
  fn(
    'format',
    ['text'],
    'text',
    ([f], call) => (f == null ? null : formatText(asText(f), [], [], call)),
    {
      volatility: 'stable',
      isStrict: false,
    },
  ),
  fn(
    'format',
    ['text', 'any'],
    'text',
    (args, call) => {
      const format = args[0] ?? null
      if (format === null) return null
      return formatText(asText(format), args.slice(1), call.argTypes.slice(1), call)
    },
    { volatility: 'stable', isStrict: false, isVariadic: true },
  ),
]
