/**
 * EXPLAIN's text format, shaped like PostgreSQL's `EXPLAIN (COSTS OFF)`: one line per node,
 * children indented under `->`, details (Filter, Sort Key, Index Cond) beneath their node.
 * Project is not shown (PostgreSQL folds projection into every node). A point get (equality on
 * the whole primary key, read by key without a range scan) is shown as `Index Point Get`, which
 * PostgreSQL does not have, with the key's equalities as its Index Cond.
 */

import { assertNever } from '../../lib/assert.js'
import { formatValueText } from '../../types/index.js'
import type { BoundExpr } from '../bind/index.js'
import type { PlanNode } from './plan.js'

export function explainPlan(plan: PlanNode): string[] {
  const lines: string[] = []
  printNode(plan, 0, true, lines)
  return lines
}

function printNode(node: PlanNode, depth: number, isRoot: boolean, lines: string[]): void {
  if (node.kind === 'Project') {
    printNode(node.input, depth, isRoot, lines)
    return
  }
  // PostgreSQL evaluates a filter inside the scan beneath it and prints it as the scan's detail.
  const isFilteredScan =
    node.kind === 'Filter' && (node.input.kind === 'SeqScan' || node.input.kind === 'IndexScan')
  const shown = isFilteredScan ? node.input : node
  const indent = isRoot ? '' : `${' '.repeat(depth * 6 - 6)}  ->  `
  const detailIndent = ' '.repeat(isRoot ? 2 : depth * 6 + 2)
  lines.push(indent + title(shown))
  const shownDetails = isFilteredScan ? [...details(shown), ...details(node)] : details(node)
  for (const detail of shownDetails) lines.push(detailIndent + detail)
  const input = 'input' in shown ? shown.input : undefined
  if (input !== undefined) printNode(input, depth + 1, false, lines)
}

function title(node: PlanNode): string {
  switch (node.kind) {
    case 'Result':
      return 'Result'
    case 'SeqScan':
      return `Seq Scan on ${node.table.name}`
    case 'IndexScan':
      if (node.point !== undefined)
        return `Index Point Get using ${node.table.primaryKey?.name ?? '?'} on ${node.table.name}`
      return `Index Scan${node.isBackward ? ' Backward' : ''} using ${node.table.primaryKey?.name ?? '?'} on ${node.table.name}`
    case 'Filter':
      return 'Filter'
    case 'Sort':
      return 'Sort'
    case 'Limit':
      return 'Limit'
    case 'Project':
      return 'Project'
    case 'LockRows':
      return 'LockRows'
    default:
      return assertNever(node, 'plan node')
  }
}

function details(node: PlanNode): string[] {
  switch (node.kind) {
    case 'Filter':
      return [`Filter: ${printExpression(node.predicate)}`]
    case 'Sort':
      return [
        `Sort Key: ${node.keys
          .map((key) => printExpression(key.expr) + (key.isDescending ? ' DESC' : ''))
          .join(', ')}`,
      ]
    case 'IndexScan': {
      if (node.point !== undefined) return [pointCondition(node, node.point)]
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

/** `Index Cond: ((b = 'x'::text) AND (a = 1))`: one equality per key column, in key order. */
function pointCondition(
  node: PlanNode & { kind: 'IndexScan' },
  point: readonly BoundExpr[],
): string {
  const keyColumns = node.table.primaryKey?.columns ?? []
  const conditions = point.map((value, i) => {
    const column = node.table.columns[keyColumns[i] ?? -1]?.name ?? '?'
    return `(${column} = ${printExpression(value)})`
  })
  const joined = conditions.join(' AND ')
  return `Index Cond: ${conditions.length === 1 ? joined : `(${joined})`}`
}

/** PostgreSQL-like deparse: binary operators parenthesised, text constants typed. */
export function printExpression(expr: BoundExpr): string {
  switch (expr.kind) {
    case 'Constant': {
      const text = formatValueText(expr.value, expr.type.oid)
      if (text === null) return 'NULL'
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
      return `(${printExpression(expr.arg)})::${expr.type.kind}`
    default:
      return assertNever(expr, 'expression')
  }
}
