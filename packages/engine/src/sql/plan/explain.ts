/**
 * EXPLAIN's text format, shaped like PostgreSQL's `EXPLAIN (COSTS OFF)`: one line per node,
 * children indented under `->`, details (Filter, Sort Key, Index Cond) beneath their node.
 * Project is not shown (PostgreSQL folds projection into every node). Under EXPLAIN ANALYZE
 * each node line ends with what it did, ` (actual [time=a..b ]rows=n loops=m)`.
 */

import { assertNever } from '../../lib/assert.js'
import { formatType, formatValueText } from '../../types/index.js'
import { type BoundExpr, inputsOf, type JoinType } from '../bind/index.js'
import type { PlanNode } from './plan.js'
import { isEmptyRelation } from './rules/constant-folding.js'

/** What a node did when run (EXPLAIN ANALYZE): totals over its loops. */
export interface ActualCounts {
  readonly loops: number
  readonly rows: number
  /** Milliseconds, or undefined under TIMING OFF. */
  readonly startupMs: number | undefined
  readonly totalMs: number | undefined
}

/** EXPLAIN ANALYZE's counts by node; absent for plain EXPLAIN. */
export type Actuals = (node: PlanNode) => ActualCounts | undefined

export function explainPlan(plan: PlanNode, actuals?: Actuals): string[] {
  const lines: string[] = []
  printNode(plan, 0, lines, [], actuals, undefined)
  return lines
}

/** ` (actual time=0.010..0.020 rows=3 loops=1)`, per loop as PostgreSQL averages them. */
function actualText(counts: ActualCounts | undefined): string {
  if (counts === undefined || counts.loops === 0) return ' (never executed)'
  const perLoop = (n: number): string => (n / counts.loops).toFixed(0)
  const time =
    counts.startupMs === undefined || counts.totalMs === undefined
      ? ''
      : `time=${(counts.startupMs / counts.loops).toFixed(3)}..${(counts.totalMs / counts.loops).toFixed(3)} `
  return ` (actual ${time}rows=${perLoop(counts.rows)} loops=${counts.loops})`
}

/**
 * Prints `node` at `depth`. Nodes PostgreSQL does not show are folded: Project (every node
 * projects) and Filter (printed as a "Filter:" line of the node beneath it; a join's own
 * condition is its "Join Filter:").
 */
function printNode(
  node: PlanNode,
  depth: number,
  lines: string[],
  extra: readonly string[],
  actuals: Actuals | undefined,
  /** Counts of a node folded into this one (a Filter above it), which its line reports. */
  folded: ActualCounts | undefined,
): void {
  const suffix = actuals === undefined ? '' : actualText(folded ?? actuals(node))
  if (node.kind === 'Project' && !isResultOverProjectSet(node)) {
    printNode(node.input, depth, lines, extra, actuals, folded ?? actuals?.(node))
    return
  }
  if (node.kind === 'Filter' && isEmptyRelation(node)) {
    // Found empty at plan time (constant-folding): PostgreSQL's one-time false filter.
    const indent = depth === 0 ? '' : `${' '.repeat(depth * 6 - 6)}  ->  `
    const detailIndent = ' '.repeat(depth === 0 ? 2 : depth * 6 + 2)
    lines.push(`${indent}Result${suffix}`)
    for (const detail of ['One-Time Filter: false', ...extra]) lines.push(detailIndent + detail)
    return
  }
  if (node.kind === 'Filter') {
    const filterLines = [`Filter: ${printExpression(node.predicate)}`]
    const passed = folded ?? actuals?.(node)
    const input = actuals?.(node.input)
    if (passed !== undefined && input !== undefined && passed.loops > 0) {
      // PostgreSQL prints the rows a filter removed, per loop, when there are any.
      const removed = (input.rows - passed.rows) / passed.loops
      if (removed > 0) filterLines.push(`Rows Removed by Filter: ${removed.toFixed(0)}`)
    }
    printNode(node.input, depth, lines, [...extra, ...filterLines], actuals, passed)
    return
  }
  const indent = depth === 0 ? '' : `${' '.repeat(depth * 6 - 6)}  ->  `
  const detailIndent = ' '.repeat(depth === 0 ? 2 : depth * 6 + 2)
  lines.push(indent + title(node) + suffix)
  for (const detail of [...details(node), ...extra]) lines.push(detailIndent + detail)
  if (node.kind === 'HashJoin') {
    printNode(node.left, depth + 1, lines, [], actuals, undefined)
    // The hash table holds the inner side's rows, built once.
    const inner = actuals?.(node.right)
    const hash =
      inner === undefined ? '' : actualText({ ...inner, loops: Math.min(inner.loops, 1) })
    lines.push(`${' '.repeat(depth * 6)}  ->  Hash${actuals === undefined ? '' : hash}`)
    printNode(node.right, depth + 2, lines, [], actuals, undefined)
    return
  }
  if (node.kind === 'SetOp' && node.op === 'union' && !node.isAll) {
    const left = actuals?.(node.left)
    const right = actuals?.(node.right)
    const append =
      left === undefined || right === undefined
        ? ''
        : actualText({
            loops: Math.max(left.loops, right.loops),
            rows: left.rows + right.rows,
            startupMs: left.startupMs,
            totalMs:
              left.totalMs === undefined || right.totalMs === undefined
                ? undefined
                : left.totalMs + right.totalMs,
          })
    lines.push(`${' '.repeat(depth * 6)}  ->  Append${actuals === undefined ? '' : append}`)
    printNode(node.left, depth + 2, lines, [], actuals, undefined)
    printNode(node.right, depth + 2, lines, [], actuals, undefined)
    return
  }
  for (const input of inputsOf(node)) printNode(input, depth + 1, lines, [], actuals, undefined)
}

/** Computing over a ProjectSet's output (`generate_series(1, 3) + 1`) is a node of its own in
 * PostgreSQL's plans: a Result above the ProjectSet. */
function isResultOverProjectSet(node: PlanNode & { kind: 'Project' }): boolean {
  return (
    node.input.kind === 'ProjectSet' &&
    node.targets.some((target) => target.expr.kind !== 'ColumnRef')
  )
}

const joinNames: Readonly<Record<JoinType, string>> = {
  inner: '',
  left: ' Left',
  right: ' Right',
  full: ' Full',
  semi: ' Semi',
  anti: ' Anti',
}

function title(node: PlanNode): string {
  switch (node.kind) {
    case 'Result':
      return 'Result'
    case 'Values':
      return 'Values Scan on "*VALUES*"'
    case 'SeqScan':
      return `Seq Scan on ${node.table.name}`
    case 'SystemScan':
      return `Seq Scan on ${node.relation.name}`
    case 'IndexScan': {
      const index = node.index?.index.name ?? node.table.primaryKey?.name ?? '?'
      const scan = node.index?.isIndexOnly === true ? 'Index Only Scan' : 'Index Scan'
      return `${scan}${node.isBackward ? ' Backward' : ''} using ${index} on ${node.table.name}`
    }
    case 'Filter':
      return 'Filter'
    case 'Project':
      return isResultOverProjectSet(node) ? 'Result' : 'Project'
    case 'FunctionScan':
      return `Function Scan on ${node.reference}`
    case 'ProjectSet':
      return 'ProjectSet'
    case 'Join':
      return node.joinType === 'inner'
        ? 'Nested Loop'
        : `Nested Loop${joinNames[node.joinType]} Join`
    case 'HashJoin':
      return `Hash${joinNames[node.joinType]} Join`
    case 'Aggregate':
      return node.isGrouped ? 'HashAggregate' : 'Aggregate'
    case 'Sort':
      return 'Sort'
    case 'Window':
      return 'WindowAgg'
    case 'Limit':
      return 'Limit'
    case 'Distinct':
      return node.on === undefined ? 'HashAggregate' : 'Unique'
    case 'SetOp':
      if (node.op === 'union') return node.isAll ? 'Append' : 'HashAggregate'
      return `HashSetOp ${node.op === 'intersect' ? 'Intersect' : 'Except'}${node.isAll ? ' All' : ''}`
    case 'SubqueryScan':
      return 'Subquery Scan'
    case 'RecursiveUnion':
      return 'Recursive Union'
    case 'WorkTableScan':
      return 'WorkTable Scan'
    case 'LockRows':
      return 'LockRows'
    default:
      return assertNever(node, 'plan node')
  }
}

function details(node: PlanNode): string[] {
  switch (node.kind) {
    case 'Sort':
      return [
        `Sort Key: ${node.keys
          .map((key) => printExpression(key.expr) + (key.isDescending ? ' DESC' : ''))
          .join(', ')}`,
      ]
    case 'Join':
      return node.condition === undefined ? [] : [`Join Filter: ${printExpression(node.condition)}`]
    case 'HashJoin': {
      const keys = node.leftKeys.map(
        (key, i) =>
          `(${printExpression(key)} = ${printExpression(node.rightKeys[i] as BoundExpr)})`,
      )
      const lines = [`Hash Cond: ${keys.length === 1 ? keys[0] : `(${keys.join(' AND ')})`}`]
      if (node.condition !== undefined)
        lines.push(`Join Filter: ${printExpression(node.condition)}`)
      return lines
    }
    case 'Aggregate':
      return node.groupKeys.length === 0
        ? []
        : [`Group Key: ${node.groupKeys.map((key) => printExpression(key.expr)).join(', ')}`]
    case 'IndexScan': {
      if (node.index !== undefined) return indexConditions(node.index.conditions)
      if (node.point !== undefined) {
        const keys = node.table.primaryKey?.columns ?? []
        const equalities = node.point.map(
          (value, i) =>
            `(${node.table.columns[keys[i] ?? 0]?.name ?? '?'} = ${printExpression(value)})`,
        )
        return [
          `Index Cond: ${equalities.length === 1 ? equalities[0] : `(${equalities.join(' AND ')})`}`,
        ]
      }
      const column = node.table.columns[node.table.primaryKey?.columns[0] ?? 0]?.name ?? '?'
      const conditions: string[] = []
      const { lower, upper } = node
      if (lower && upper && lower.expr === upper.expr) {
        conditions.push(`(${column} = ${printExpression(lower.expr)})`)
      } else {
        if (lower)
          conditions.push(
            `(${column} ${lower.isInclusive ? '>=' : '>'} ${printExpression(lower.expr)})`,
          )
        if (upper)
          conditions.push(
            `(${column} ${upper.isInclusive ? '<=' : '<'} ${printExpression(upper.expr)})`,
          )
      }
      if (conditions.length === 0) return []
      const joined = conditions.join(' AND ')
      return [`Index Cond: ${conditions.length === 1 ? joined : `(${joined})`}`]
    }
    default:
      return []
  }
}

/** A secondary index scan's Index Cond: its conjuncts, an IN list as PostgreSQL shows it
 * (`a = ANY ('{1,2}'::integer[])`). */
function indexConditions(conditions: readonly BoundExpr[]): string[] {
  if (conditions.length === 0) return []
  const printed = conditions.map(printIndexCondition)
  const joined = printed.join(' AND ')
  return [`Index Cond: ${printed.length === 1 ? joined : `(${joined})`}`]
}

function printIndexCondition(condition: BoundExpr): string {
  if (condition.kind !== 'Logical' || condition.operator !== 'or') return printExpression(condition)
  const values: BoundExpr[] = []
  let key: BoundExpr | undefined
  for (const arg of condition.args) {
    const operands =
      arg.kind === 'Comparison' ? [arg.left, arg.right] : arg.kind === 'Call' ? arg.args : []
    const [left, right] = operands
    if (left === undefined || right === undefined) return printExpression(condition)
    const isLeftValue = left.kind === 'Constant' || left.kind === 'Parameter'
    key ??= isLeftValue ? right : left
    values.push(isLeftValue ? left : right)
  }
  if (key === undefined || !values.every((value) => value.kind === 'Constant')) {
    return printExpression(condition)
  }
  const elements = values.map((value) => {
    const text = value.kind === 'Constant' ? formatValueText(value.value, value.type) : null
    if (text === null) return 'NULL'
    return /^[A-Za-z0-9_.+-]+$/.test(text) && text !== ''
      ? text
      : `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
  })
  const arrayType = `${key.type.displayName}[]`
  return `(${printExpression(key)} = ANY ('{${elements.join(',')}}'::${arrayType}))`
}

/** PostgreSQL-like deparse: binary operators parenthesised, text constants typed. */
export function printExpression(expr: BoundExpr): string {
  switch (expr.kind) {
    case 'Constant': {
      const text = formatValueText(expr.value, expr.type)
      if (text === null) return `NULL::${formatType(expr.type)}`
      if (expr.type.kind === 'text') return `'${text.replaceAll("'", "''")}'::text`
      if (expr.type.kind === 'bool') return text === 't' ? 'true' : 'false'
      return text
    }
    case 'ColumnRef':
      return expr.name
    case 'Parameter':
      return `$${expr.index + 1}`
    case 'Comparison':
    case 'Arithmetic':
      return `(${printExpression(expr.left)} ${expr.operator} ${printExpression(expr.right)})`
    case 'Logical': {
      const joined = expr.args
        .map((arg) => printExpression(arg))
        .join(` ${expr.operator.toUpperCase()} `)
      return `(${joined})`
    }
    case 'Not':
      return `(NOT ${printExpression(expr.arg)})`
    case 'IsNull':
      return `(${printExpression(expr.arg)} IS ${expr.isNegated ? 'NOT ' : ''}NULL)`
    case 'Negate':
      return `(- ${printExpression(expr.arg)})`
    case 'Cast':
    case 'Coerce':
      return `(${printExpression(expr.arg)})::${expr.type.name}`
    case 'Call': {
      const args = expr.args.map((arg) => printExpression(arg))
      if (!expr.isOperator) return `${expr.name}(${args.join(', ')})`
      return args.length === 1 ? `(${expr.name} ${args[0]})` : `(${args.join(` ${expr.name} `)})`
    }
    case 'Case': {
      const whens = expr.whens.map(
        (when) => `WHEN ${printExpression(when.condition)} THEN ${printExpression(when.result)}`,
      )
      return `CASE ${whens.join(' ')} ELSE ${printExpression(expr.otherwise)} END`
    }
    case 'ScalarArrayOp':
      return `(${printExpression(expr.test)
        .replace(/^\((.*)\)$/, '$1')
        .replace(/element$/, `${expr.isAny ? 'ANY' : 'ALL'} (${printExpression(expr.array)})`)})`
    case 'ArrayConstructor':
      return `ARRAY[${expr.args.map((arg) => printExpression(arg)).join(', ')}]`
    case 'Subscript': {
      const parts = expr.subscripts.map(({ lower, upper }) => {
        const upperText = upper === undefined ? '' : printExpression(upper)
        if (!expr.isSlice) return `[${upperText}]`
        return `[${lower === undefined ? '' : printExpression(lower)}:${upperText}]`
      })
      return `(${printExpression(expr.arg)})${parts.join('')}`
    }
    case 'Coalesce':
      return `COALESCE(${expr.args.map((arg) => printExpression(arg)).join(', ')})`
    case 'MinMax':
      return `${expr.isGreatest ? 'GREATEST' : 'LEAST'}(${expr.args.map((arg) => printExpression(arg)).join(', ')})`
    case 'NullIf': {
      const equals = expr.equals
      const right =
        equals.kind === 'Comparison'
          ? equals.right
          : equals.kind === 'Call'
            ? equals.args[1]
            : undefined
      const shown = right === undefined ? '...' : printExpression(right)
      return `NULLIF(${printExpression(expr.arg)}, ${shown})`
    }
    case 'BooleanTest':
      return `(${printExpression(expr.arg)} IS ${expr.isNegated ? 'NOT ' : ''}${expr.test.toUpperCase()})`
    case 'IsDistinct':
      return `(${printExpression(expr.left)} IS ${expr.isNegated ? 'NOT ' : ''}DISTINCT FROM ${printExpression(expr.right)})`
    case 'SubLink':
      return expr.link === 'exists' ? '(EXISTS (SubPlan))' : '(SubPlan)'
    case 'Aggregate':
    case 'SetCall':
      return `${expr.name}(${expr.args.map((arg) => printExpression(arg)).join(', ')})`
    case 'WindowCall':
      return `${expr.name}(${expr.args.map((arg) => printExpression(arg)).join(', ')}) OVER (?)`
    default:
      return assertNever(expr, 'expression')
  }
}
