/**
 * EXPLAIN ANALYZE's instrumentation: per plan node, how often its runner was started (loops),
 * how many rows it produced, and (unless TIMING OFF) the time spent producing its first row and
 * all of them, children included, as PostgreSQL's Instrumentation counts them. The compiler
 * wraps runners only when given counters, so ordinary execution pays nothing.
 */

import type { Row } from '../../types/index.js'
import type { Rel } from '../bind/index.js'

export interface NodeCounters {
  loops: number
  rows: number
  /** Milliseconds, summed over loops. */
  startupMs: number
  totalMs: number
}

export class PlanCounters {
  readonly timing: boolean
  readonly #byNode = new Map<Rel, NodeCounters>()

  constructor(timing: boolean) {
    this.timing = timing
  }

  /** The node's counters; undefined when it was never compiled. */
  of(node: Rel): NodeCounters | undefined {
    return this.#byNode.get(node)
  }

  /** `runner`, counting its loops and rows (and time) under `node`. */
  instrument(node: Rel, runner: () => Iterable<Row>): () => Iterable<Row> {
    const counters: NodeCounters = this.#byNode.get(node) ?? {
      loops: 0,
      rows: 0,
      startupMs: 0,
      totalMs: 0,
    }
    this.#byNode.set(node, counters)
    const timing = this.timing
    return () => {
      counters.loops++
      const started = timing ? performance.now() : 0
      const rows = runner()
      // Time spent in this loop so far, until its first row is out.
      let loopMs = timing ? performance.now() - started : 0
      counters.totalMs += loopMs
      let hasFirstRow = false
      return {
        [Symbol.iterator](): Iterator<Row> {
          const iterator = rows[Symbol.iterator]()
          return {
            next(): IteratorResult<Row> {
              const before = timing ? performance.now() : 0
              const result = iterator.next()
              if (timing) {
                const elapsed = performance.now() - before
                counters.totalMs += elapsed
                loopMs += elapsed
              }
              if (!hasFirstRow) {
                hasFirstRow = true
                counters.startupMs += loopMs
              }
              if (result.done !== true) counters.rows++
              return result
            },
            return(value?: unknown): IteratorResult<Row> {
              iterator.return?.(value)
              return { done: true, value: undefined }
            },
          }
        },
      }
    }
  }
}
