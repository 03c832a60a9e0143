/**
 * verifyPlan: structural checks run after building a plan and after every optimizer rule. A
 * failure is a bug (InternalError), caught before the plan runs.
 *   1. Every column reference points inside its input row.
 *   2. Index scans only run on tables with a primary key.
 *   3. A point get has one value per primary key column.
 */

import { assert, assertNever } from '../../lib/assert.js'
import type { BoundExpr } from '../bind/index.js'
import type { PlanNode } from './plan.js'

/** Checks the plan and returns the width of its output rows. */
export function verifyPlan(node: PlanNode): number {
  switch (node.kind) {
    case 'Result':
      return 0
    case 'SeqScan':
      return node.table.columns.length
    case 'IndexScan': {
      assert(node.table.primaryKey !== undefined, 'index scans need a primary key')
      for (const bound of [node.lower, node.upper]) if (bound) verifyExpression(bound.expr, 0)
      if (node.point !== undefined) verifyPoint(node.point, node.table.primaryKey.columns.length)
      return node.table.columns.length
    }
    case 'Filter': {
      const width = verifyPlan(node.input)
      verifyExpression(node.predicate, width)
      return width
    }
    case 'Sort': {
      const width = verifyPlan(node.input)
      for (const key of node.keys) verifyExpression(key.expr, width)
      return width
    }
    case 'Limit': {
      const width = verifyPlan(node.input)
      if (node.count) verifyExpression(node.count, 0)
      if (node.offset) verifyExpression(node.offset, 0)
      return width
    }
    case 'LockRows':
      assert(node.table.primaryKey !== undefined, 'locked rows are found by primary key')
      return verifyPlan(node.input)
    case 'Project': {
      const width = verifyPlan(node.input)
      for (const target of node.targets) verifyExpression(target.expr, width)
      return node.targets.length
    }
    default:
      return assertNever(node, 'plan node')
  }
}

function verifyPoint(point: readonly BoundExpr[], keyColumns: number): void {
  assert(point.length === keyColumns, 'a point get has a value for every key column')
  for (const value of point) verifyExpression(value, 0)
}

function verifyExpression(expr: BoundExpr, width: number): void {
  switch (expr.kind) {
    case 'ColumnRef':
      assert(expr.index >= 0 && expr.index < width, `column ${expr.name} is inside its input row`)
      return
    case 'Constant':
    case 'Parameter':
      return
    case 'Comparison':
    case 'Arithmetic':
      verifyExpression(expr.left, width)
      verifyExpression(expr.right, width)
      return
    case 'Logical':
      for (const arg of expr.args) verifyExpression(arg, width)
      return
    case 'Not':
    case 'IsNull':
    case 'Negate':
    case 'Cast':
      verifyExpression(expr.arg, width)
      return
    default:
      assertNever(expr, 'expression')
  }
}
