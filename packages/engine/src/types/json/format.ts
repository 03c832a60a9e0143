/**
 * JSON text output as PostgreSQL writes it: string escaping (escape_json), jsonb output
 * ('{"a": 1, "b": [1, 2]}') and jsonb_pretty (four-space indents, empty containers on two
 * lines), all bounded by the largest text value.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { textBytesMax } from '../../limits.js'
import type { JsonNode } from '../jsonb.js'
import { JsonbIterator, type JsonbToken } from './jsonb-iterator.js'
import type { JsonScalarNode } from './jsonb-node.js'

/** Collects output text and refuses to grow past textBytesMax characters (54000, as
 * PostgreSQL refuses a string buffer beyond 1 GB). */
export class JsonTextBuilder {
  // Appending to a string is cheap in V8 (it builds a rope, flattened once at the end).
  #text = ''
  #last = ''

  get length(): number {
    return this.#text.length
  }

  push(text: string): void {
    if (text.length === 0) return
    if (this.#text.length + text.length > textBytesMax) {
      throw new SqlError(SqlState.programLimitExceeded, 'out of memory', {
        detail: `Cannot enlarge string buffer beyond ${textBytesMax} characters.`,
      })
    }
    this.#text += text
    this.#last = text[text.length - 1] ?? ''
  }

  /** The last character pushed, or '' when empty. */
  lastChar(): string {
    return this.#last
  }

  toString(): string {
    return this.#text
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape_json escapes control characters
const mustEscape = /["\\\u0000-\u001f]/

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape_json escapes control characters
const escapeAll = /["\\\u0000-\u001f]/g

const namedEscapes: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

/** escape_json: a double-quoted JSON string; control characters without a short escape become
 * \u00XX (lower-case hex); everything else, '/' and non-ASCII included, is kept as is. */
export function escapeJson(text: string): string {
  if (!mustEscape.test(text)) return `"${text}"`
  const escaped = text.replace(
    escapeAll,
    (c) => namedEscapes[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return `"${escaped}"`
}

/** A jsonb scalar as jsonb output prints it (numbers as numeric_out prints them). */
export function jsonbScalarText(scalar: JsonScalarNode): string {
  if (scalar === null) return 'null'
  if (typeof scalar === 'boolean') return scalar ? 'true' : 'false'
  if (typeof scalar === 'string') return escapeJson(scalar)
  return scalar.toString()
}

function indent(out: JsonTextBuilder, isIndenting: boolean, level: number): void {
  if (isIndenting) out.push(`\n${' '.repeat(level * 4)}`)
}

/**
 * jsonb's text output (jsonb_out), or jsonb_pretty's when `isPretty`. This follows PostgreSQL's
 * printer token by token: ", " and ": " separators (just "," when pretty), no indent before the
 * first token or after a key, a newline and the enclosing indent before a closing bracket.
 */
export function jsonbText(root: JsonNode, isPretty = false): string {
  const out = new JsonTextBuilder()
  const it = new JsonbIterator(root)
  const separator = isPretty ? ',' : ', '
  let isFirst = true
  let level = 0
  let useIndent = false
  let isRawScalar = false
  let lastWasKey = false
  let token = it.next()
  while (token !== 'done') {
    let next: JsonbToken | undefined
    switch (token) {
      case 'beginArray':
        if (!isFirst) out.push(separator)
        if (it.isRawScalar) isRawScalar = true
        else {
          indent(out, useIndent && !lastWasKey, level)
          out.push('[')
        }
        isFirst = true
        level++
        break
      case 'beginObject':
        if (!isFirst) out.push(separator)
        indent(out, useIndent && !lastWasKey, level)
        out.push('{')
        isFirst = true
        level++
        break
      case 'key': {
        if (!isFirst) out.push(separator)
        isFirst = true
        indent(out, useIndent, level)
        out.push(escapeJson(it.key))
        out.push(': ')
        const value = it.next()
        if (value === 'value') {
          isFirst = false
          out.push(jsonbScalarText(it.scalar))
        } else {
          // A container value: print its opening right after the key.
          next = value
        }
        break
      }
      case 'elem':
      case 'value':
        if (!isFirst) out.push(separator)
        isFirst = false
        if (!isRawScalar) indent(out, useIndent, level)
        out.push(jsonbScalarText(it.scalar))
        break
      case 'endArray':
        level--
        if (!isRawScalar) {
          indent(out, useIndent, level)
          out.push(']')
        }
        isFirst = false
        break
      case 'endObject':
        level--
        indent(out, useIndent, level)
        out.push('}')
        isFirst = false
        break
    }
    useIndent = isPretty
    lastWasKey = next !== undefined
    token = next ?? it.next()
  }
  return out.toString()
}
