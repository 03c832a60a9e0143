/**
 * PointLookup: the prepared point select's fast path. A plan that is only a primary-key point
 * get (rule primary-key-point) under a projection of plain columns — `SELECT a, b FROM t WHERE
 * pk = $1` — is run without compiling the plan into closures: the key comes straight from the
 * parameters (or constants), the kernel gets the row's visible version, and the output row
 * picks its columns. Same result as running the plan (run-plan.ts #indexScan's point case);
 * any other shape gets no PointLookup and runs through the executor.
 */
import { getRow } from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import type { KernelTransaction } from '../../kernel/index.js'
import type { Row, Value } from '../../types/index.js'
import type { BoundExpr, Rel } from '../bind/index.js'

/** Where a key value comes from: a parameter (by 0-based number) or a constant. */
type KeySource = { readonly parameter: number } | { readonly constant: Value }

export interface PointLookup {
  /** The rows the plan returns (none or one) for these parameter values. */
  run(transaction: KernelTransaction, parameters: readonly Value[]): Row[]
}

/** A PointLookup for `plan`, or undefined when the plan is not exactly a projected point get. */
export function compilePointLookup(plan: Rel): PointLookup | undefined {
  let picks: number[] | undefined
  let node = plan
  if (node.kind === 'Project') {
    const scan = node.input
    if (scan.kind !== 'IndexScan') return undefined
    picks = []
    for (const target of node.targets) {
      const index = target.expr.kind === 'ColumnRef' ? scan.columns.indexOf(target.expr.column) : -1
      if (index < 0) return undefined
      picks.push(index)
    }
    node = scan
  }
  if (node.kind !== 'IndexScan' || node.point === undefined || node.index !== undefined) {
    return undefined
  }
  const sources: KeySource[] = []
  for (const expr of node.point) {
    const source = keySource(expr)
    if (source === undefined) return undefined
    sources.push(source)
  }
  return new PointGet(node.table, sources, picks)
}

function keySource(expr: BoundExpr): KeySource | undefined {
  if (expr.kind === 'Parameter') return { parameter: expr.index }
  if (expr.kind === 'Constant') return { constant: expr.value }
  return undefined
}

class PointGet implements PointLookup {
  readonly #table: Table
  readonly #sources: readonly KeySource[]
  /** Output column i is table row column picks[i]; undefined: the whole row. */
  readonly #picks: readonly number[] | undefined

  constructor(table: Table, sources: readonly KeySource[], picks: readonly number[] | undefined) {
    this.#table = table
    this.#sources = sources
    this.#picks = picks
  }

  run(transaction: KernelTransaction, parameters: readonly Value[]): Row[] {
    const key: Value[] = []
    for (const source of this.#sources) {
      const value = 'parameter' in source ? (parameters[source.parameter] ?? null) : source.constant
      // pk = NULL matches nothing (as the executor's point get).
      if (value === null) return []
      key.push(value)
    }
    const row = getRow(transaction, this.#table, key)
    if (row === undefined) return []
    const picks = this.#picks
    if (picks === undefined) return [row]
    const output: Value[] = new Array(picks.length)
    for (let i = 0; i < picks.length; i++) output[i] = row[picks[i] ?? 0] ?? null
    return [output]
  }
}
