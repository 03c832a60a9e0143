/**
 * The syntax tree of json (text) values, for the json functions: json keeps its text as given
 * (whitespace, duplicate keys, number spelling), so its operators answer with slices of the
 * source. Every node records the span of its text, from its first token's start to its last
 * token's end; strings carry their de-escaped value when the tree was read with de-escaping.
 */
import type { JsonScalarToken, JsonSink } from './parse.js'
import { parseJson } from './parse.js'

export type JsonTextNode =
  | {
      readonly kind: 'object'
      readonly start: number
      end: number
      /** Keys in document order, duplicates kept. */
      readonly keys: string[]
      readonly values: JsonTextNode[]
    }
  | { readonly kind: 'array'; readonly start: number; end: number; readonly items: JsonTextNode[] }
  | {
      readonly kind: JsonScalarToken
      readonly start: number
      readonly end: number
      /** Strings: the de-escaped value (when de-escaping); others: ''. */
      readonly value: string
    }

export type JsonTextContainer = Extract<JsonTextNode, { kind: 'object' | 'array' }>

class JsonTreeBuilder implements JsonSink {
  readonly #stack: JsonTextContainer[] = []
  root: JsonTextNode | undefined

  #add(node: JsonTextNode): void {
    const top = this.#stack[this.#stack.length - 1]
    if (top === undefined) this.root = node
    else if (top.kind === 'array') top.items.push(node)
    else top.values.push(node)
  }

  scalar(kind: JsonScalarToken, start: number, end: number, value: string): void {
    this.#add({ kind, start, end, value })
  }

  beginArray(start: number): void {
    const node: JsonTextContainer = { kind: 'array', start, end: start, items: [] }
    this.#add(node)
    this.#stack.push(node)
  }

  endArray(end: number): void {
    const node = this.#stack.pop()
    if (node !== undefined) node.end = end
  }

  beginObject(start: number): void {
    const node: JsonTextContainer = { kind: 'object', start, end: start, keys: [], values: [] }
    this.#add(node)
    this.#stack.push(node)
  }

  key(name: string): void {
    const top = this.#stack[this.#stack.length - 1]
    if (top?.kind === 'object') top.keys.push(name)
  }

  endObject(end: number): void {
    const node = this.#stack.pop()
    if (node !== undefined) node.end = end
  }
}

/**
 * Parses json text into its syntax tree. `deEscape` as in PostgreSQL's json functions that need
 * string values (then any \u0000 in the document is 22P05 and a lone surrogate 22P02, wherever
 * it is); the functions that only look at structure (json_array_length, json_array_elements)
 * do not de-escape. json values were checked on input, so other errors cannot occur, except
 * the depth limit for values built deeper than input allows.
 */
export function parseJsonTree(text: string, deEscape: boolean): JsonTextNode {
  const builder = new JsonTreeBuilder()
  parseJson(text, { deEscape }, builder)
  return builder.root ?? { kind: 'null', start: 0, end: 0, value: '' }
}
