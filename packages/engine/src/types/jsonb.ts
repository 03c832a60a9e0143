/**
 * jsonb values: a parsed, normalised JSON tree. Objects keep one value per key (the last one
 * given wins) with keys in jsonb order (shorter keys first, then by bytes), numbers are Numeric
 * (so 1.0 keeps its scale and big integers stay exact), and JSON null is the node `null`, which
 * is why a jsonb value is wrapped: SQL NULL is the Value null, JSON null is `new Jsonb(null)`.
 */
import type { Numeric } from './numeric.js'

export type JsonNode =
  | null
  | boolean
  | string
  | Numeric
  | readonly JsonNode[]
  | ReadonlyMap<string, JsonNode>

export class Jsonb {
  readonly node: JsonNode

  constructor(node: JsonNode) {
    this.node = node
  }
}
