/**
 * Text to arrays and back: string_to_array / string_to_table (NULL delimiter splits into
 * characters, '' keeps the whole string, an optional string that becomes NULL) and
 * array_to_string (elements in row-major order through their type's output, NULLs skipped or
 * replaced).
 */
import { SqlArray, sqlTypes, type Value } from '../../../types/index.js'
import type { BuiltinFunction, BuiltinSetFunction, CallContext } from '../registry.js'
import {
  argType,
  asArray,
  asText,
  characters,
  checkResultBytes,
  fn,
  setFn,
} from './text-support.js'

/** The fields of string_to_array, or undefined for a NULL input. */
export function splitString(args: readonly Value[]): (string | null)[] | undefined {
  const [input, delimiter, nullString] = args
  if (input === null || input === undefined) return undefined
  const text = asText(input)
  if (text === '') return []
  let fields: string[]
  if (delimiter === null || delimiter === undefined) fields = characters(text)
  else if (asText(delimiter) === '') fields = [text]
  else fields = text.split(asText(delimiter))
  const nullText = nullString === null || nullString === undefined ? undefined : asText(nullString)
  return fields.map((field) => (field === nullText ? null : field))
}

export function arrayToString(
  array: SqlArray,
  delimiter: string,
  nullString: string | undefined,
  call: CallContext,
): string {
  const element = argType(call, 0).element ?? sqlTypes.text
  const parts: string[] = []
  let bytes = 0
  for (const value of array.elements) {
    const part = value === null ? nullString : call.output(value, element)
    if (part === undefined) continue
    parts.push(part)
    bytes += part.length + delimiter.length
    checkResultBytes(bytes)
  }
  return parts.join(delimiter)
}

export const stringToArrayFunctions: BuiltinFunction[] = [
  fn(
    'string_to_array',
    ['text', 'text'],
    'text[]',
    (args) => {
      const fields = splitString(args)
      return fields === undefined ? null : new SqlArray(fields)
    },
    { isStrict: false },
  ),
  fn(
    'string_to_array',
    ['text', 'text', 'text'],
    'text[]',
    (args) => {
      const fields = splitString(args)
      return fields === undefined ? null : new SqlArray(fields)
    },
    { isStrict: false },
  ),
  fn(
    'array_to_string',
    ['anyarray', 'text'],
    'text',
    ([array, delimiter], call) => arrayToString(asArray(array), asText(delimiter), undefined, call),
    { volatility: 'stable' },
  ),
  fn(
    'array_to_string',
    ['anyarray', 'text', 'text'],
    'text',
    ([array, delimiter, nullString], call) => {
      if (array == null || delimiter == null) return null
      const replacement = nullString == null ? undefined : asText(nullString)
      return arrayToString(asArray(array), asText(delimiter), replacement, call)
    },
    { volatility: 'stable', isStrict: false },
  ),
]

export const stringSetFunctions: BuiltinSetFunction[] = [
  setFn('string_to_table', ['text', 'text'], 'text', (args) => splitString(args) ?? [], {
    isStrict: false,
  }),
  setFn('string_to_table', ['text', 'text', 'text'], 'text', (args) => splitString(args) ?? [], {
    isStrict: false,
  }),
]
