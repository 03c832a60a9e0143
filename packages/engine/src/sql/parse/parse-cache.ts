/**
 * ParseCache: a bounded LRU from statement text to its parsed statements. Parsing through the
 * WASM parser and decoding its JSON costs more than binding and running a point query, and
 * applications repeat the same statement strings, so the parse trees are reused. Parse trees
 * are treated as immutable everywhere (binders only read them), which makes sharing safe.
 */
import { parseCacheEntriesMax, parseCacheStatementBytesMax } from '../../limits.js'
import { type ParsedStatement, parseSql } from './parser.js'

export class ParseCache {
  readonly #entries = new Map<string, readonly ParsedStatement[]>()

  parse(sql: string): readonly ParsedStatement[] {
    const cached = this.#entries.get(sql)
    if (cached !== undefined) {
      // Refresh recency: Map iteration order is insertion order.
      this.#entries.delete(sql)
      this.#entries.set(sql, cached)
      return cached
    }
    const parsed = parseSql(sql)
    if (sql.length <= parseCacheStatementBytesMax) {
      this.#entries.set(sql, parsed)
      if (this.#entries.size > parseCacheEntriesMax) {
        const oldest = this.#entries.keys().next()
        if (oldest.done !== true) this.#entries.delete(oldest.value)
      }
    }
    return parsed
  }

  get size(): number {
    return this.#entries.size
  }
}
