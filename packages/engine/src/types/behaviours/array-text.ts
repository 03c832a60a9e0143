/**
 * The text form of arrays, as PostgreSQL 15's array_in and array_out: '{1,2,3}',
 * '{{1,2},{3,4}}', '{"a b",NULL,"x\"y"}', '[0:2]={1,2,3}'. Elements are quoted with double
 * quotes or escaped with backslashes; an unquoted NULL (any case) is SQL NULL; whitespace around
 * elements is ignored. Malformed literals are 22P02 with PostgreSQL's DETAIL lines.
 *
 * One deliberate difference: PostgreSQL 15 accepts sub-arrays nested to different depths
 * ('{{1},{{2}}}') and returns a wrong array; here that is the matching-dimensions error, as in
 * PostgreSQL 17.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { arrayDimensionsMax, arrayElementsMax } from '../../limits.js'
import { SqlArray } from '../array.js'
import { behaviourFor } from '../behaviour-lookup.js'
import type { SqlType } from '../sql-type.js'
import type { TypeContext } from '../type-behaviour.js'
import type { Value } from '../value.js'

/** array_isspace: the C locale's whitespace. */
export function isArraySpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d)
}

function malformed(text: string, detail: string): SqlError {
  return new SqlError(SqlState.invalidTextRepresentation, `malformed array literal: "${text}"`, {
    detail,
  })
}

export function tooManyDimensions(count: number): SqlError {
  return new SqlError(
    SqlState.programLimitExceeded,
    `number of array dimensions (${count}) exceeds the maximum allowed (${arrayDimensionsMax})`,
  )
}

export function arrayTooLarge(): SqlError {
  return new SqlError(
    SqlState.programLimitExceeded,
    `array size exceeds the maximum allowed (${arrayElementsMax})`,
  )
}

/**
 * Number of elements of an array with these dimensions; 54000 when a dimension is negative or
 * the product exceeds the limit (ArrayGetNItems).
 */
export function elementCount(dimensions: readonly number[]): number {
  let count = 1
  for (const dimension of dimensions) {
    if (dimension < 0) throw arrayTooLarge()
    count *= dimension
    if (count > arrayElementsMax) throw arrayTooLarge()
  }
  return dimensions.length === 0 ? 0 : count
}

/** ArrayCheckBounds: the upper bound of every dimension must fit in an int4. */
export function checkBounds(dimensions: readonly number[], lowerBounds: readonly number[]): void {
  dimensions.forEach((dimension, i) => {
    const lower = lowerBounds[i] ?? 1
    if (lower + dimension > 2147483647) {
      throw new SqlError(SqlState.programLimitExceeded, `array lower bound is too large: ${lower}`)
    }
  })
}

/** C atoi over the characters PostgreSQL collects for a bound: sign and digits, wrapped to int4. */
function atoi(text: string): number {
  const match = /^[+-]?\d*/.exec(text)?.[0] ?? ''
  const digits = match.replace(/^[+-]/, '')
  if (digits === '') return 0
  let value = BigInt(digits)
  if (match.startsWith('-')) value = -value
  // strtol saturates at the C long range, then the int conversion wraps.
  const longMax = 2n ** 63n - 1n
  if (value > longMax) value = longMax
  if (value < -longMax - 1n) value = -longMax - 1n
  return Number(BigInt.asIntN(32, value))
}

interface ParsedElement {
  readonly text: string
  readonly isNull: boolean
}

enum State {
  LevelStarted,
  ElementStarted,
  QuotedStarted,
  QuotedCompleted,
  ElementDelimited,
  LevelCompleted,
  LevelDelimited,
}

interface Structure {
  readonly elements: ParsedElement[]
  readonly dimensions: number[]
}

/** Parses '{...}' starting at `start` (which holds '{'); `shown` is what errors quote. */
function parseStructure(text: string, start: number, shown: string): Structure {
  const elements: ParsedElement[] = []
  const lengths: number[] = [] // established length per depth (index 0 = outermost)
  const counts: number[] = []
  let leafDepth = -1
  // Scalars at different depths ('{{1},{{2}}}'): reported after the whole literal has been
  // checked, so any syntax error PostgreSQL would report first still comes first.
  let isRagged = false
  let depth = 0
  let state = State.LevelDelimited // lets the first '{' in
  let buffer = ''
  let keep = 0 // buffer length up to the last character that is not trailing whitespace
  let isQuoted = false
  let hasEscape = false
  const unexpected = (char: string) => malformed(shown, `Unexpected "${char}" character.`)
  const mismatch = () =>
    malformed(shown, 'Multidimensional arrays must have sub-arrays with matching dimensions.')
  const startElement = () => {
    if (leafDepth === -1) leafDepth = depth
    else if (leafDepth !== depth) isRagged = true
    counts[depth - 1] = (counts[depth - 1] ?? 0) + 1
    buffer = ''
    keep = 0
    hasEscape = false
    isQuoted = false
  }
  const finishElement = () => {
    const value = isQuoted ? buffer : buffer.slice(0, keep)
    const isNull = !isQuoted && !hasEscape && value.length === 4 && value.toLowerCase() === 'null'
    elements.push({ text: value, isNull })
    if (elements.length > arrayElementsMax) throw arrayTooLarge()
  }
  let i = start
  for (; i < text.length; i++) {
    const char = text[i] as string
    const code = text.charCodeAt(i)
    if (state === State.QuotedStarted) {
      if (char === '\\') {
        i++
        if (i >= text.length) throw malformed(shown, 'Unexpected end of input.')
        buffer += text[i]
      } else if (char === '"') {
        state = State.QuotedCompleted
      } else {
        buffer += char
      }
      continue
    }
    switch (char) {
      case '\\':
        if (
          state !== State.LevelStarted &&
          state !== State.ElementStarted &&
          state !== State.ElementDelimited
        ) {
          throw unexpected(char)
        }
        if (state !== State.ElementStarted) startElement()
        i++
        if (i >= text.length) throw malformed(shown, 'Unexpected end of input.')
        buffer += text[i]
        keep = buffer.length
        hasEscape = true
        state = State.ElementStarted
        break
      case '"':
        if (state !== State.LevelStarted && state !== State.ElementDelimited) {
          throw malformed(shown, 'Unexpected array element.')
        }
        startElement()
        isQuoted = true
        state = State.QuotedStarted
        break
      case '{':
        if (state !== State.LevelStarted && state !== State.LevelDelimited) throw unexpected(char)
        if (depth > 0) counts[depth - 1] = (counts[depth - 1] ?? 0) + 1
        depth++
        if (depth > arrayDimensionsMax) throw tooManyDimensions(depth)
        if (leafDepth !== -1 && depth > leafDepth) isRagged = true
        counts[depth - 1] = 0
        state = State.LevelStarted
        break
      case '}': {
        if (state === State.ElementStarted || state === State.QuotedCompleted) {
          finishElement()
        } else if (
          state !== State.LevelCompleted &&
          !(state === State.LevelStarted && depth === 1)
        ) {
          throw unexpected(char)
        }
        const count = counts[depth - 1] ?? 0
        const established = lengths[depth - 1]
        if (established === undefined) lengths[depth - 1] = count
        else if (established !== count) throw mismatch()
        if (state === State.LevelStarted) {
          lengths.length = 0 // '{}': no dimensions
        }
        depth--
        state = State.LevelCompleted
        break
      }
      case ',':
        if (state === State.ElementStarted || state === State.QuotedCompleted) {
          finishElement()
          state = State.ElementDelimited
        } else if (state === State.LevelCompleted) {
          state = State.LevelDelimited
        } else {
          throw unexpected(char)
        }
        break
      default:
        if (isArraySpace(code)) {
          if (state === State.ElementStarted) buffer += char
          break
        }
        if (state === State.LevelStarted || state === State.ElementDelimited) {
          startElement()
          state = State.ElementStarted
        } else if (state !== State.ElementStarted) {
          throw malformed(shown, 'Unexpected array element.')
        }
        buffer += char
        keep = buffer.length
    }
    if (depth === 0) break
  }
  if (depth > 0 || i >= text.length) throw malformed(shown, 'Unexpected end of input.')
  for (i++; i < text.length; i++) {
    if (!isArraySpace(text.charCodeAt(i))) throw malformed(shown, 'Junk after closing right brace.')
  }
  if (isRagged) throw mismatch()
  const dimensions = leafDepth === -1 ? [] : lengths.slice(0, leafDepth)
  return { elements, dimensions }
}

function skipSpace(text: string, i: number): number {
  let at = i
  while (at < text.length && isArraySpace(text.charCodeAt(at))) at++
  return at
}

/** The end of a run of sign and digit characters (what PostgreSQL collects for a bound). */
function scanBound(text: string, i: number): number {
  let at = i
  while (at < text.length && /[0-9+-]/.test(text[at] as string)) at++
  return at
}

/** array_in: a literal into an array of `type.element`, elements through their input. */
export function parseArray(text: string, type: SqlType, context: TypeContext): SqlArray {
  const element = type.element
  if (element === undefined) throw new SqlError(SqlState.internalError, 'array without element')
  let i = skipSpace(text, 0)
  const explicit: { lower: number; upper: number }[] = []
  if (text[i] === '[') {
    while (text[i] === '[') {
      if (explicit.length === arrayDimensionsMax) throw tooManyDimensions(explicit.length + 1)
      i++
      let end = scanBound(text, i)
      if (end === i) {
        throw malformed(text, '"[" must introduce explicitly-specified array dimensions.')
      }
      let lower = 1
      let upper = atoi(text.slice(i, end))
      i = end
      if (text[i] === ':') {
        i++
        end = scanBound(text, i)
        if (end === i) throw malformed(text, 'Missing array dimension value.')
        lower = upper
        upper = atoi(text.slice(i, end))
        i = end
      }
      if (text[i] !== ']') throw malformed(text, 'Missing "]" after array dimensions.')
      i++
      if (upper < lower) {
        throw new SqlError(
          SqlState.arraySubscriptError,
          'upper bound cannot be less than lower bound',
        )
      }
      explicit.push({ lower, upper })
      i = skipSpace(text, i)
    }
    if (text[i] !== '=') throw malformed(text, 'Missing "=" after array dimensions.')
    i = skipSpace(text, i + 1)
    if (text[i] !== '{') throw malformed(text, 'Array contents must start with "{".')
  } else if (text[i] !== '{') {
    throw malformed(text, 'Array value must start with "{" or dimension information.')
  }
  const { elements, dimensions } = parseStructure(text, i, text.slice(i))
  let lowerBounds = dimensions.map(() => 1)
  if (explicit.length > 0) {
    const matches =
      explicit.length === dimensions.length &&
      explicit.every(({ lower, upper }, d) => upper - lower + 1 === dimensions[d])
    if (!matches) {
      throw malformed(text, 'Specified array dimensions do not match array contents.')
    }
    lowerBounds = explicit.map(({ lower }) => lower)
  }
  elementCount(dimensions)
  checkBounds(dimensions, lowerBounds)
  const behaviour = behaviourFor(element)
  const values: Value[] = elements.map(({ text: item, isNull }) =>
    isNull ? null : behaviour.input(item, element, context),
  )
  return new SqlArray(values, dimensions, lowerBounds)
}

/** array_out's quoting: empty, NULL in any case, or any of "\{}, or whitespace. */
export function quoteArrayElement(text: string): string {
  if (
    text === '' ||
    (text.length === 4 && text.toLowerCase() === 'null') ||
    /["\\{},\t\n\v\f\r ]/.test(text)
  ) {
    return `"${text.replace(/["\\]/g, '\\$&')}"`
  }
  return text
}

/** array_out: nested braces in row-major order, '[lb:ub]...=' first when a bound is not 1. */
export function formatArray(array: SqlArray, type: SqlType, context: TypeContext): string {
  const element = type.element
  if (element === undefined) throw new SqlError(SqlState.internalError, 'array without element')
  const { dimensions, lowerBounds, elements } = array
  if (dimensions.length === 0) return '{}'
  const behaviour = behaviourFor(element)
  const texts = elements.map((value) =>
    value === null ? 'NULL' : quoteArrayElement(behaviour.output(value, element, context)),
  )
  let prefix = ''
  if (lowerBounds.some((lower) => lower !== 1)) {
    prefix = `${dimensions
      .map((length, d) => {
        const lower = lowerBounds[d] ?? 1
        return `[${lower}:${lower + length - 1}]`
      })
      .join('')}=`
  }
  let next = 0
  const build = (d: number): string => {
    const length = dimensions[d] ?? 0
    const parts: string[] = []
    for (let k = 0; k < length; k++) {
      parts.push(d === dimensions.length - 1 ? (texts[next++] as string) : build(d + 1))
    }
    return `{${parts.join(',')}}`
  }
  return prefix + build(0)
}
