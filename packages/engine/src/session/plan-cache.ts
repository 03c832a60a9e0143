/**
 * PlanCache: bound statements and their optimized plans, reused when the same statement text
 * runs again against the same catalog version with the same binding state. Binding and planning
 * a point query cost several times more than executing it, and applications repeat their
 * statements (node-postgres and postgres.js send the same SQL with new parameters).
 *
 * What a bound plan depends on, and so the key: the statement text; the catalog *object* (a
 * new version after any DDL, and a transaction's private version while its DDL is uncommitted,
 * so a plan never outlives the names it resolved); the search path and user (name resolution,
 * owners); the settings literals are read with (TypeContext: TimeZone, DateStyle, ...).
 * Parameters are typed at bind time and read at execution, so their values are not in the key.
 *
 * Not cached: statements whose literals read the clock when bound ('now', 'today', 'tomorrow',
 * 'yesterday': PostgreSQL reads them at parse time, so a cached plan would freeze them across
 * statements), found conservatively in the text. STABLE functions are not folded into plans
 * (constant-folding.ts), so plans stay valid across executions.
 */
import type { Catalog } from '../catalog/index.js'
import { planCacheEntriesMax } from '../limits.js'
import type { BoundQuery } from '../sql/bind/index.js'
import type { PlanNode } from '../sql/plan/index.js'

/** A cached statement: its binding, and its optimized plan once an execution has made it. */
export interface CachedStatement {
  readonly query: BoundQuery
  plan: PlanNode | undefined
}

const clockWords = /now|today|tomorrow|yesterday/i

export class PlanCache {
  readonly #byCatalog = new WeakMap<Catalog, Map<string, CachedStatement>>()

  /** The cached statement for `sql` under `catalog` and `bindingKey`, or undefined. */
  get(catalog: Catalog, bindingKey: string, sql: string): CachedStatement | undefined {
    const entries = this.#byCatalog.get(catalog)
    if (entries === undefined) return undefined
    const key = `${bindingKey}\u0000${sql}`
    const cached = entries.get(key)
    if (cached !== undefined) {
      // Refresh recency: Map iteration order is insertion order.
      entries.delete(key)
      entries.set(key, cached)
    }
    return cached
  }

  /** Caches a binding; returns the entry (callers fill in its plan), or undefined when the
   * statement must be bound anew each time. */
  put(
    catalog: Catalog,
    bindingKey: string,
    sql: string,
    query: BoundQuery,
  ): CachedStatement | undefined {
    if (clockWords.test(sql)) return undefined
    let entries = this.#byCatalog.get(catalog)
    if (entries === undefined) {
      entries = new Map()
      this.#byCatalog.set(catalog, entries)
    }
    const cached: CachedStatement = { query, plan: undefined }
    entries.set(`${bindingKey}\u0000${sql}`, cached)
    if (entries.size > planCacheEntriesMax) {
      const oldest = entries.keys().next()
      if (oldest.done !== true) entries.delete(oldest.value)
    }
    return cached
  }
}
