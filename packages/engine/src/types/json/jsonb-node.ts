/**
 * Building and inspecting jsonb trees (JsonNode, see ../jsonb.ts): objects keep one value per
 * key, the last one given, with keys in jsonb's storage order (shorter UTF-8 byte length first,
 * then bytewise); parsing JSON text into a Jsonb.
 */
import { compareText } from '../compare.js'
import { Jsonb, type JsonNode } from '../jsonb.js'
import { Numeric } from '../numeric.js'
import { JsonDigitBudget, jsonNumericFromText } from './numeric-text.js'
import { type JsonScalarToken, type JsonSink, parseJson } from './parse.js'

export type JsonArrayNode = readonly JsonNode[]
export type JsonObjectNode = ReadonlyMap<string, JsonNode>
export type JsonScalarNode = null | boolean | string | Numeric

export function isJsonArray(node: JsonNode): node is JsonArrayNode {
  return Array.isArray(node)
}

export function isJsonObject(node: JsonNode): node is JsonObjectNode {
  return node instanceof Map
}

export function isJsonScalar(node: JsonNode): node is JsonScalarNode {
  return !Array.isArray(node) && !(node instanceof Map)
}

/** jsonb_typeof's names. */
export type JsonNodeType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

export function jsonNodeType(node: JsonNode): JsonNodeType {
  if (node === null) return 'null'
  if (typeof node === 'boolean') return 'boolean'
  if (typeof node === 'string') return 'string'
  if (node instanceof Numeric) return 'number'
  return Array.isArray(node) ? 'array' : 'object'
}

/** Length of a string in UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) bytes += 1
    else if (c >= 0xd800 && c <= 0xdbff) {
      // A surrogate pair: 4 bytes for 2 code units.
      bytes += 1
      i++
    } else bytes += 2
  }
  return bytes
}

/** jsonb's key storage order: shorter keys (in UTF-8 bytes) first, then bytewise. */
export function compareJsonbKeys(a: string, b: string): number {
  if (a.length === b.length && a === b) return 0
  const la = utf8Length(a)
  const lb = utf8Length(b)
  if (la !== lb) return la - lb
  return compareText(a, b)
}

/** An object node from key/value pairs in the order given: a later duplicate key wins. */
export function jsonbObject(pairs: Iterable<readonly [string, JsonNode]>): JsonObjectNode {
  const byKey = new Map<string, JsonNode>()
  for (const [key, value] of pairs) byKey.set(key, value)
  return sortedObject(byKey)
}

/** Re-orders a map (its values already final) into jsonb key order. */
function sortedObject(byKey: Map<string, JsonNode>): JsonObjectNode {
  if (byKey.size < 2) return byKey
  const keys = [...byKey.keys()]
  let isSorted = true
  for (let i = 1; i < keys.length; i++) {
    if (compareJsonbKeys(keys[i - 1] ?? '', keys[i] ?? '') > 0) {
      isSorted = false
      break
    }
  }
  if (isSorted) return byKey
  const withLength = keys.map((key) => ({ key, length: utf8Length(key) }))
  withLength.sort((a, b) => a.length - b.length || compareText(a.key, b.key))
  const sorted = new Map<string, JsonNode>()
  for (const { key } of withLength) sorted.set(key, byKey.get(key) ?? null)
  return sorted
}

interface Frame {
  readonly items: JsonNode[] | undefined
  readonly object: Map<string, JsonNode> | undefined
  pendingKey: string
}

/** Builds a jsonb tree from parser events. */
class JsonbBuilder implements JsonSink {
  readonly #text: string
  readonly #budget = new JsonDigitBudget()
  readonly #stack: Frame[] = []
  root: JsonNode = null

  constructor(text: string) {
    this.#text = text
  }

  #add(node: JsonNode): void {
    const top = this.#stack[this.#stack.length - 1]
    if (top === undefined) this.root = node
    else if (top.items !== undefined) top.items.push(node)
    else top.object?.set(top.pendingKey, node)
  }

  scalar(type: JsonScalarToken, start: number, end: number, value: string): void {
    switch (type) {
      case 'string':
        this.#add(value)
        return
      case 'number':
        this.#add(jsonNumericFromText(this.#text.slice(start, end), this.#budget))
        return
      case 'true':
        this.#add(true)
        return
      case 'false':
        this.#add(false)
        return
      default:
        this.#add(null)
    }
  }

  beginArray(): void {
    this.#stack.push({ items: [], object: undefined, pendingKey: '' })
  }

  endArray(): void {
    const frame = this.#stack.pop()
    this.#add(frame?.items ?? [])
  }

  beginObject(): void {
    this.#stack.push({ items: undefined, object: new Map(), pendingKey: '' })
  }

  key(name: string): void {
    const top = this.#stack[this.#stack.length - 1]
    // A repeated key's value replaces the earlier one (last wins); order is fixed at the end.
    if (top !== undefined) top.pendingKey = name
  }

  endObject(): void {
    const frame = this.#stack.pop()
    this.#add(sortedObject(frame?.object ?? new Map()))
  }
}

/**
 * jsonb_in: parses JSON text into a normalised tree. Errors as PostgreSQL reports them (see
 * parse.ts); numbers beyond numeric's range are 22003.
 */
export function parseJsonb(text: string, isDepthLimited = true): Jsonb {
  const builder = new JsonbBuilder(text)
  parseJson(text, { deEscape: true, isDepthLimited }, builder)
  return new Jsonb(builder.root)
}
