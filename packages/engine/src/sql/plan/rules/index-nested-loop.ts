/**
 * Rule index-nested-loop: a hash join whose outer (left) side yields few rows and whose inner
 * side is a table scan with a secondary index on the join key becomes a nested loop that looks
 * the key up in the index once per outer row (a LATERAL join whose inner side reads the outer
 * row), instead of reading the whole inner table into a hash table. Runs after hash-join (which
 * found the key equalities) and secondary-index-scan (which planned the sides' own filters).
 *
 * "Few rows", without statistics: a VALUES list, a primary key point get, an equality on every
 * key of a unique index, or a LIMIT of a constant, each at most `outerRowsMax` rows. Inner and
 * LEFT joins only: a lookup that finds nothing leaves the outer row unmatched, as the hash join
 * would.
 */
import type { Index } from '../../../catalog/index.js'
import { isIntegerType, type SqlType, sqlTypes } from '../../../types/index.js'
import {
  type BoundExpr,
  bindIndexDefinition,
  type IndexLookup,
  mapExpression,
  sameExpression,
} from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const indexNestedLoop: OptimizerRule = {
  name: 'index-nested-loop',
  apply: rewrite,
}

/** Outer rows up to which per-row index lookups beat hashing the inner table. */
const outerRowsMax = 100

type HashJoin = PlanNode & { kind: 'HashJoin' }
type SeqScan = PlanNode & { kind: 'SeqScan' }

function rewrite(node: PlanNode): PlanNode {
  const mapped = mapInput(node, rewrite)
  if (mapped.kind !== 'HashJoin') return mapped
  const direct = toIndexLoop(mapped)
  if (direct !== undefined || mapped.joinType !== 'inner') return direct ?? mapped
  // The hash join built its table from the smaller side, the right: an inner join's sides
  // may swap (parents read columns by id, not position).
  const swapped: HashJoin = {
    ...mapped,
    left: mapped.right,
    right: mapped.left,
    leftKeys: mapped.rightKeys,
    rightKeys: mapped.leftKeys,
  }
  return toIndexLoop(swapped) ?? mapped
}

function toIndexLoop(join: HashJoin): PlanNode | undefined {
  if (join.joinType !== 'inner' && join.joinType !== 'left') return undefined
  const outerRows = fewRows(join.left)
  if (outerRows === undefined || outerRows > outerRowsMax) return undefined
  const right = join.right
  const scan: SeqScan | undefined =
    right.kind === 'SeqScan'
      ? right
      : right.kind === 'Filter' && right.input.kind === 'SeqScan'
        ? right.input
        : undefined
  if (scan === undefined) return undefined
  // The index matching most keys; a tie goes to the later index, as PostgreSQL picks.
  let best: { index: Index; match: NonNullable<ReturnType<typeof matchKeys>> } | undefined
  for (const index of scan.table.indexes) {
    if (index.predicate !== undefined) continue
    const match = matchKeys(scan, index, join)
    if (match === undefined) continue
    if (best === undefined || match.lookup.equal.length >= best.match.lookup.equal.length) {
      best = { index, match }
    }
  }
  if (best !== undefined) {
    const { index, match } = best
    const indexScan: PlanNode = {
      kind: 'IndexScan',
      table: scan.table,
      columns: scan.columns,
      lower: undefined,
      upper: undefined,
      isBackward: false,
      index: { index, lookups: [match.lookup], conditions: match.conditions },
    }
    const inner: PlanNode =
      right.kind === 'Filter'
        ? { kind: 'Filter', input: indexScan, predicate: right.predicate }
        : indexScan
    return {
      kind: 'Join',
      joinType: join.joinType,
      left: join.left,
      right: inner,
      condition: join.condition,
      isLateral: true,
    }
  }
  return undefined
}

/** Equality of the join's key pairs with the index's leading keys, as one lookup. */
function matchKeys(
  scan: SeqScan,
  index: Index,
  join: HashJoin,
): { lookup: IndexLookup; conditions: BoundExpr[]; usedPairs: Set<number> } | undefined {
  const definition = bindIndexDefinition(scan.table, index)
  const usedPairs = new Set<number>()
  const equal: BoundExpr[] = []
  const conditions: BoundExpr[] = []
  for (const key of definition.keys) {
    const keyExpr = mapExpression(key, (node) => {
      if (node.kind !== 'ColumnRef') return undefined
      const column = scan.columns[definition.columns.indexOf(node.column)]
      return column === undefined ? undefined : { ...node, column }
    })
    const pair = join.rightKeys.findIndex(
      (rightKey, i) =>
        !usedPairs.has(i) &&
        sameExpression(rightKey, keyExpr) &&
        isSameEncoding(keyExpr.type, join.leftKeys[i]?.type),
    )
    const leftKey = join.leftKeys[pair]
    if (pair < 0 || leftKey === undefined) break
    usedPairs.add(pair)
    equal.push(leftKey)
    conditions.push(equality(keyExpr, qualified(leftKey)))
  }
  // Every key pair must be an index lookup: the loop evaluates no other key equality.
  if (equal.length === 0 || usedPairs.size !== join.leftKeys.length) return undefined
  return { lookup: { equal, lower: undefined, upper: undefined }, conditions, usedPairs }
}

function isSameEncoding(key: SqlType, value: SqlType | undefined): boolean {
  if (value === undefined) return false
  if (isIntegerType(key) && isIntegerType(value)) return true
  return key.oid === value.oid
}

/** `key = outer value`, for EXPLAIN's Index Cond (the lookup, not this, is evaluated). */
function equality(left: BoundExpr, right: BoundExpr): BoundExpr {
  return { kind: 'Comparison', type: sqlTypes.bool, operator: '=', left, right }
}

/** An outer column as EXPLAIN shows it beside the inner table's: `o.x` (by table name; the
 * query's alias is not kept in the bound tree). */
function qualified(expr: BoundExpr): BoundExpr {
  if (expr.kind !== 'ColumnRef' || expr.origin === undefined) return expr
  return { ...expr, name: `${expr.origin.table.name}.${expr.name}` }
}

/** Rows a plan yields at most, when that is evident without statistics. */
function fewRows(node: PlanNode): number | undefined {
  switch (node.kind) {
    case 'Values':
      return node.rows.length
    case 'Result':
      return 1
    case 'IndexScan':
      if (node.point !== undefined) return 1
      if (node.index !== undefined) {
        const { index, lookups } = node.index
        const isUniqueEquality =
          index.isUnique && lookups.every((lookup) => lookup.equal.length === index.keys.length)
        return isUniqueEquality && lookups.length > 0 ? lookups.length : undefined
      }
      return undefined
    case 'Filter':
    case 'Project':
    case 'SubqueryScan':
      return fewRows(node.input)
    case 'Limit':
      return node.count?.kind === 'Constant' && typeof node.count.value !== 'object'
        ? Number(node.count.value)
        : fewRows(node.input)
    default:
      return undefined
  }
}
