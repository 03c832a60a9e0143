/**
 * Walks a jsonb tree as PostgreSQL's JsonbIterator does, as a stream of tokens: a top-level
 * scalar is a one-element "raw scalar" pseudo-array, containers open with their element or pair
 * count, object keys precede their values. Output, pretty printing, comparison and key encoding
 * all read this stream, so they agree with each other and with PostgreSQL, and none of them
 * recurses (the walk keeps its own stack).
 */
import type { JsonNode } from '../jsonb.js'
import type { JsonScalarNode } from './jsonb-node.js'

export type JsonbToken =
  | 'beginArray'
  | 'beginObject'
  | 'key'
  | 'value'
  | 'elem'
  | 'endArray'
  | 'endObject'
  | 'done'

interface Frame {
  readonly items: readonly JsonNode[] | undefined
  readonly entries: Iterator<[string, JsonNode]> | undefined
  index: number
}

export class JsonbIterator {
  readonly #root: JsonNode
  readonly #frames: Frame[] = []
  #isStarted = false
  #pending: JsonNode = null
  #hasPending = false
  /** beginArray / beginObject: the number of elements or pairs. */
  count = 0
  /** beginArray: whether this is the pseudo-array around a top-level scalar. */
  isRawScalar = false
  /** key: the key. */
  key = ''
  /** value / elem: the scalar. */
  scalar: JsonScalarNode = null

  constructor(root: JsonNode) {
    this.#root = root
  }

  next(): JsonbToken {
    if (!this.#isStarted) {
      this.#isStarted = true
      const root = this.#root
      if (Array.isArray(root) || root instanceof Map) return this.#open(root, 'elem')
      this.#frames.push({ items: [root], entries: undefined, index: 0 })
      this.count = 1
      this.isRawScalar = true
      return 'beginArray'
    }
    if (this.#hasPending) {
      this.#hasPending = false
      const value = this.#pending
      this.#pending = null
      return this.#open(value, 'value')
    }
    const frame = this.#frames[this.#frames.length - 1]
    if (frame === undefined) return 'done'
    if (frame.items !== undefined) {
      if (frame.index < frame.items.length) {
        const item = frame.items[frame.index++] ?? null
        return this.#open(item, 'elem')
      }
      this.#frames.pop()
      return 'endArray'
    }
    const entry = frame.entries?.next()
    if (entry !== undefined && entry.done !== true) {
      this.key = entry.value[0]
      this.#pending = entry.value[1]
      this.#hasPending = true
      return 'key'
    }
    this.#frames.pop()
    return 'endObject'
  }

  #open(node: JsonNode, scalarToken: 'value' | 'elem'): JsonbToken {
    if (Array.isArray(node)) {
      const items: readonly JsonNode[] = node
      this.#frames.push({ items, entries: undefined, index: 0 })
      this.count = items.length
      this.isRawScalar = false
      return 'beginArray'
    }
    if (node instanceof Map) {
      const object: ReadonlyMap<string, JsonNode> = node
      this.#frames.push({ items: undefined, entries: object.entries(), index: 0 })
      this.count = object.size
      return 'beginObject'
    }
    this.scalar = node as JsonScalarNode
    return scalarToken
  }
}
