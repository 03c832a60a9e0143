/**
 * stringifyJson: JSON text for API responses, exact for every value the engine returns.
 * JSON.stringify throws on bigint and would round an int8 through a double; here a bigint is
 * written as its exact decimal digits (a JSON number of any size is valid JSON, and clients
 * with big-number parsers read it exactly). A JsonNumberText writes pre-validated number text
 * as is, for numeric values kept as decimal strings. Properties whose value is undefined are
 * left out, as JSON.stringify does.
 */

/** Number text written into the JSON unchanged; build it with jsonNumberText(). */
export class JsonNumberText {
  readonly text: string

  private constructor(text: string) {
    this.text = text
  }

  /** The number text, or undefined when `text` is not a JSON number (NaN, Infinity, '1.'). */
  static parse(text: string): JsonNumberText | undefined {
    return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(text)
      ? new JsonNumberText(text)
      : undefined
  }
}

export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonNumberText
  | readonly JsonValue[]
  | JsonObject

export interface JsonObject {
  readonly [key: string]: JsonValue | undefined
}

export function stringifyJson(value: JsonValue): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`JSON has no number ${value}`)
      return JSON.stringify(value)
    case 'bigint':
      return value.toString()
    case 'string':
      return JSON.stringify(value)
    default:
      break
  }
  if (value instanceof JsonNumberText) return value.text
  if (isJsonArray(value)) return `[${value.map(stringifyJson).join(',')}]`
  const members: string[] = []
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${stringifyJson(member)}`)
  }
  return `{${members.join(',')}}`
}

function isJsonArray(value: readonly JsonValue[] | JsonObject): value is readonly JsonValue[] {
  return Array.isArray(value)
}
