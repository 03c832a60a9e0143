/**
 * Rule secondary-index-scan: a filter over a sequential scan whose conjuncts constrain the keys
 * of a secondary index becomes a scan of that index (each entry's row fetched by its key), and
 * `ORDER BY` the index's keys under a LIMIT becomes an ordered index scan (forward or backward)
 * without a sort. Runs before primary-key-range, so it chooses between a sequential scan, the
 * primary key and each secondary index with a simple cost model (rows read, a fetched row
 * counted twice), without statistics: equality on every key of a unique index finds 1 row,
 * other equalities and ranges a fixed fraction of an assumed table size (`estimate`).
 *
 * What matches an index key: `key = v` (equality on the first keys, in order), `key IN (...)`
 * (one lookup per value), then at most one range (`<`, `<=`, `>`, `>=`, one bound per side) on
 * the next key, where v is known before the scan (a constant, a parameter, an outer column).
 * An expression key matches the same expression in the query; a partial index is used only when
 * each conjunct of its predicate appears among the query's conjuncts.
 */
import type { Index } from '../../../catalog/index.js'
import { isIntegerType, type SqlType } from '../../../types/index.js'
import {
  type BoundExpr,
  type BoundSortKey,
  bindIndexDefinition,
  type ColumnId,
  type ComparisonOperator,
  type IndexLookup,
  mapExpression,
  type ScanBound,
  sameExpression,
} from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import { columnsOf, conjunction, conjuncts, estimate, isMovable } from './expressions.js'
import { matchKeyComparison } from './primary-key-range.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const secondaryIndexScan: OptimizerRule = {
  name: 'secondary-index-scan',
  apply: (plan) => rewrite(plan, false),
}

type SeqScan = PlanNode & { kind: 'SeqScan' }

/** Fraction of rows an equality on a non-unique key keeps, and a range. */
const equalitySelectivity = 0.005
const rangeSelectivity = 0.3
const boundedRangeSelectivity = 0.1
const partialSelectivity = 0.5

function rewrite(node: PlanNode, isLimited: boolean): PlanNode {
  switch (node.kind) {
    case 'Limit':
      return { ...node, input: rewrite(node.input, node.count !== undefined) }
    case 'Project':
    case 'LockRows':
      return { ...node, input: rewrite(node.input, isLimited) }
    case 'Sort': {
      const scan = scanUnder(node.input)
      if (scan !== undefined) {
        const predicate = node.input.kind === 'Filter' ? node.input.predicate : undefined
        const ordered = chooseAccess(scan, predicate, { keys: node.keys, isLimited })
        if (ordered !== undefined) return ordered
      }
      return { ...node, input: rewrite(node.input, false) }
    }
    case 'Filter': {
      if (node.input.kind === 'SeqScan') {
        return chooseAccess(node.input, node.predicate, undefined) ?? node
      }
      return mapInput(node, (input) => rewrite(input, false))
    }
    default:
      return mapInput(node, (input) => rewrite(input, false))
  }
}

function scanUnder(node: PlanNode): SeqScan | undefined {
  if (node.kind === 'SeqScan') return node
  if (node.kind === 'Filter' && node.input.kind === 'SeqScan') return node.input
  return undefined
}

/** What the index offers one query: lookups, the conjuncts they use, rows expected. */
interface Candidate {
  readonly index: Index
  readonly lookups: readonly IndexLookup[]
  readonly used: ReadonlySet<BoundExpr>
  /** Conjuncts the partial index's predicate guarantees: dropped from the filter. */
  readonly implied: ReadonlySet<BoundExpr>
  /** Keys fixed by equality (one lookup): an ORDER BY may skip them. */
  readonly equalKeys: number
  readonly rows: number
  readonly isBackward: boolean
}

/**
 * The cheapest secondary index access for the scan and conjuncts (and, with `order`, one that
 * returns rows in that order, replacing the sort), or undefined to leave the plan alone.
 */
function chooseAccess(
  scan: SeqScan,
  predicate: BoundExpr | undefined,
  order: { readonly keys: readonly BoundSortKey[]; readonly isLimited: boolean } | undefined,
): PlanNode | undefined {
  const table = scan.table
  if (table.indexes.length === 0) return undefined
  const parts = conjuncts(predicate)
  const tableRows = estimate(scan)
  const seqCost = tableRows
  const primaryCost = primaryKeyCost(scan, parts, tableRows)
  let best: { candidate: Candidate; cost: number } | undefined
  for (const index of table.indexes) {
    const candidate = matchIndex(scan, index, parts, tableRows)
    if (candidate === undefined) continue
    let cost = candidate.rows * 2 + 1
    let ordered = candidate
    if (order !== undefined) {
      const direction = orderDirection(scan, index, candidate, order.keys)
      if (direction === undefined) continue
      ordered = { ...candidate, isBackward: direction === 'backward' }
      // Without a sort, a LIMIT stops the scan early.
      if (order.isLimited) cost = Math.min(cost, 10)
      else if (candidate.lookups.length === 0) continue
    } else if (candidate.lookups.length === 0) {
      continue
    }
    if (cost >= seqCost || cost >= primaryCost) continue
    // More conditions in the index win a tie, then the later index (as PostgreSQL picks).
    cost -= candidate.used.size * 0.001
    if (best === undefined || cost <= best.cost) best = { candidate: ordered, cost }
  }
  if (best === undefined) return undefined
  return build(scan, parts, best.candidate)
}

function build(scan: SeqScan, parts: readonly BoundExpr[], candidate: Candidate): PlanNode {
  const conditions = parts.filter((part) => candidate.used.has(part))
  const indexScan: PlanNode = {
    kind: 'IndexScan',
    table: scan.table,
    columns: scan.columns,
    lower: undefined,
    upper: undefined,
    isBackward: candidate.isBackward,
    index: { index: candidate.index, lookups: candidate.lookups, conditions },
  }
  // The conjuncts an index lookup implements, or the partial index's predicate guarantees,
  // need no re-check.
  const rest = parts.filter((part) => !candidate.used.has(part) && !candidate.implied.has(part))
  const remaining = conjunction(rest)
  return remaining === undefined
    ? indexScan
    : { kind: 'Filter', input: indexScan, predicate: remaining }
}

/** Rows the primary key would read for these conjuncts (its rules run after this one). */
function primaryKeyCost(scan: SeqScan, parts: readonly BoundExpr[], tableRows: number): number {
  const keyColumns = scan.table.primaryKey?.columns
  if (keyColumns === undefined) return Number.POSITIVE_INFINITY
  const scanColumns = new Set(scan.columns)
  const equalities = keyColumns.filter((keyIndex) => {
    const column = scan.columns[keyIndex]
    return (
      column !== undefined &&
      parts.some((part) => matchKeyComparison(part, column, scanColumns)?.operator === '=')
    )
  }).length
  if (equalities === keyColumns.length) return 1
  if (equalities > 0) return Math.max(1, tableRows * equalitySelectivity)
  const first = scan.columns[keyColumns[0] ?? -1]
  if (first === undefined) return tableRows
  const isRange = parts.some((part) => matchKeyComparison(part, first, scanColumns) !== undefined)
  return isRange ? tableRows * rangeSelectivity : tableRows
}

/** The index's keys (and predicate) as expressions over the scan's columns. */
function boundIndex(
  scan: SeqScan,
  index: Index,
): { keys: BoundExpr[]; predicate: BoundExpr | undefined } {
  const definition = bindIndexDefinition(scan.table, index)
  const remap = (expr: BoundExpr): BoundExpr =>
    mapExpression(expr, (node) => {
      if (node.kind !== 'ColumnRef') return undefined
      const position = definition.columns.indexOf(node.column)
      const column = scan.columns[position]
      return column === undefined ? undefined : { ...node, column }
    })
  return {
    keys: definition.keys.map(remap),
    predicate: definition.predicate === undefined ? undefined : remap(definition.predicate),
  }
}

function matchIndex(
  scan: SeqScan,
  index: Index,
  parts: readonly BoundExpr[],
  tableRows: number,
): Candidate | undefined {
  const { keys, predicate } = boundIndex(scan, index)
  const used = new Set<BoundExpr>()
  const implied = new Set<BoundExpr>()
  for (const required of conjuncts(predicate)) {
    const found = parts.find((part) => sameExpression(part, required))
    if (found === undefined) return undefined
    implied.add(found)
  }
  const scanColumns = new Set(scan.columns)
  const equal: BoundExpr[] = []
  let inList: BoundExpr[] | undefined
  let lower: ScanBound | undefined
  let upper: ScanBound | undefined
  for (const key of keys) {
    const equality = parts.find(
      (part) => !used.has(part) && matchComparison(part, key, scanColumns)?.operator === '=',
    )
    if (equality !== undefined) {
      equal.push((matchComparison(equality, key, scanColumns) as KeyComparison).value)
      used.add(equality)
      continue
    }
    const list = parts.find((part) => !used.has(part) && matchInList(part, key, scanColumns))
    if (list !== undefined) {
      inList = matchInList(list, key, scanColumns)
      used.add(list)
      break
    }
    for (const part of parts) {
      if (used.has(part)) continue
      const match = matchComparison(part, key, scanColumns)
      if (match === undefined || match.operator === '=') continue
      const isInclusive = match.operator === '<=' || match.operator === '>='
      const isLower = match.operator === '>' || match.operator === '>='
      if (isLower && lower === undefined) lower = { expr: match.value, isInclusive }
      else if (!isLower && upper === undefined) upper = { expr: match.value, isInclusive }
      else continue
      used.add(part)
    }
    break
  }
  let lookups: IndexLookup[]
  let rows = tableRows
  if (inList !== undefined) {
    lookups = inList.map((value) => ({
      equal: [...equal, value],
      lower: undefined,
      upper: undefined,
    }))
  } else if (equal.length > 0 || lower !== undefined || upper !== undefined) {
    lookups = [{ equal, lower, upper }]
  } else {
    lookups = []
  }
  const matched = equal.length + (inList === undefined ? 0 : 1)
  if (index.isUnique && matched === index.keys.length) rows = inList?.length ?? 1
  else {
    rows *= equalitySelectivity ** matched * (inList?.length ?? 1)
    if (lower !== undefined && upper !== undefined) rows *= boundedRangeSelectivity
    else if (lower !== undefined || upper !== undefined) rows *= rangeSelectivity
    // A partial index holds fewer entries.
    if (predicate !== undefined) rows *= partialSelectivity
    rows = Math.max(rows, 1)
  }
  return {
    index,
    lookups,
    used,
    implied,
    equalKeys: inList === undefined ? equal.length : 0,
    rows,
    isBackward: false,
  }
}

interface KeyComparison {
  readonly operator: ComparisonOperator
  readonly value: BoundExpr
}

/** `key op value` or `value op key` for an index key (a column or an expression). */
function matchComparison(
  expr: BoundExpr,
  key: BoundExpr,
  scanColumns: ReadonlySet<ColumnId>,
): KeyComparison | undefined {
  if (key.kind === 'ColumnRef') {
    const match = matchKeyComparison(expr, key.column, scanColumns)
    return match !== undefined && isSameEncoding(key.type, match.value.type) ? match : undefined
  }
  const operands = comparisonOperands(expr)
  if (operands === undefined) return undefined
  const { operator, left, right } = operands
  const isKeyValue = (value: BoundExpr): boolean =>
    isValue(value, scanColumns) && isSameEncoding(key.type, value.type)
  if (sameExpression(left, key) && isKeyValue(right)) return { operator, value: right }
  if (sameExpression(right, key) && isKeyValue(left)) {
    return { operator: flipped[operator], value: left }
  }
  return undefined
}

const flipped: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
}

const comparisonNames: ReadonlySet<string> = new Set(['=', '<', '<=', '>', '>='])

function comparisonOperands(
  expr: BoundExpr,
): { operator: ComparisonOperator; left: BoundExpr; right: BoundExpr } | undefined {
  if (expr.kind === 'Comparison') {
    return expr.operator === '<>' ? undefined : expr
  }
  if (expr.kind !== 'Call' || !expr.isOperator || !comparisonNames.has(expr.name)) return undefined
  const [left, right] = expr.args
  if (left === undefined || right === undefined || expr.args.length !== 2) return undefined
  if (left.type.category !== right.type.category) return undefined
  return { operator: expr.name as ComparisonOperator, left, right }
}

/** A value known before the scan: it reads none of the scan's columns, calls nothing
 * volatile and runs no subquery. */
function isValue(expr: BoundExpr, scanColumns: ReadonlySet<ColumnId>): boolean {
  if (expr.kind === 'Constant' || expr.kind === 'Parameter') return true
  if (!isMovable(expr)) return false
  let hasSubquery = false
  mapExpression(expr, (node) => {
    if (node.kind === 'SubLink') hasSubquery = true
    return undefined
  })
  if (hasSubquery) return false
  for (const column of columnsOf(expr)) if (scanColumns.has(column)) return false
  return true
}

/** A lookup value is encoded with the key's encoding: the types must agree (integer types
 * share theirs), or a cross-type comparison would look for the wrong bytes. */
function isSameEncoding(key: SqlType, value: SqlType): boolean {
  if (isIntegerType(key) && isIntegerType(value)) return true
  return key.oid === value.oid
}

/** `key IN (v1, v2, ...)`: an OR of equalities of the key with values; their values. */
function matchInList(
  expr: BoundExpr,
  key: BoundExpr,
  scanColumns: ReadonlySet<ColumnId>,
): BoundExpr[] | undefined {
  if (expr.kind !== 'Logical' || expr.operator !== 'or') return undefined
  const values: BoundExpr[] = []
  for (const arg of expr.args) {
    const match = matchComparison(arg, key, scanColumns)
    if (match?.operator !== '=') return undefined
    values.push(match.value)
  }
  return values
}

/** Whether the candidate's rows come in the sort's order, forward or backward. */
function orderDirection(
  scan: SeqScan,
  index: Index,
  candidate: Candidate,
  sortKeys: readonly BoundSortKey[],
): 'forward' | 'backward' | undefined {
  if (candidate.lookups.length > 1) return undefined
  const { keys } = boundIndex(scan, index)
  let direction: 'forward' | 'backward' | undefined
  for (let i = 0; i < sortKeys.length; i++) {
    const sortKey = sortKeys[i]
    const position = candidate.equalKeys + i
    const indexKey = index.keys[position]
    const keyExpr = keys[position]
    if (sortKey === undefined || indexKey === undefined || keyExpr === undefined) return undefined
    if (!sameExpression(sortKey.expr, keyExpr)) return undefined
    const isForward =
      sortKey.isDescending === indexKey.descending && sortKey.isNullsFirst === indexKey.nullsFirst
    const isBackward =
      sortKey.isDescending !== indexKey.descending && sortKey.isNullsFirst !== indexKey.nullsFirst
    const here = isForward ? 'forward' : isBackward ? 'backward' : undefined
    if (here === undefined || (direction !== undefined && here !== direction)) return undefined
    direction = here
  }
  return direction
}
