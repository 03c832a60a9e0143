/**
 * verifyPlan: structural checks run after building a plan and after every optimizer rule. A
 * failure is a bug (InternalError), caught before the plan runs.
 *   1. Every column an expression reads is carried by its input row or by an enclosing row
 *      (a correlated reference), and column ids are produced once.
 *   2. Primary key scans and row locks only run on tables with a primary key; secondary index
 *      lookups read only enclosing rows, never the scan's own.
 *   3. Aggregate calls appear only inside Aggregate nodes, window calls only in Window nodes.
 *   4. Set-returning calls appear only at the top of FunctionScan and ProjectSet entries.
 */
import { assert } from '../../lib/assert.js'
import {
  type BoundExpr,
  type ColumnId,
  forEachChild,
  inputsOf,
  outputColumns,
  type Rel,
} from '../bind/index.js'
import type { PlanNode } from './plan.js'

/** Checks the plan and returns the width of its output rows. */
export function verifyPlan(node: PlanNode, outer: ReadonlySet<ColumnId> = new Set()): number {
  const isLateral = node.kind === 'Join' && node.isLateral
  for (const input of inputsOf(node)) {
    // A LATERAL join's right side also reads the left row.
    const reach =
      isLateral && node.kind === 'Join' && input === node.right
        ? new Set<ColumnId>([...outer, ...outputColumns(node.left)])
        : outer
    verifyPlan(input, reach)
  }
  const visible = new Set<ColumnId>(outer)
  for (const input of inputsOf(node)) for (const column of outputColumns(input)) visible.add(column)
  const check = (expr: BoundExpr, columns: ReadonlySet<ColumnId> = visible): void =>
    verifyExpression(expr, columns)
  switch (node.kind) {
    case 'IndexScan':
      if (node.index !== undefined) {
        assert(node.lower === undefined && node.upper === undefined, 'one kind of index scan')
        assert(node.point === undefined, 'a secondary index scan is not a point get')
        for (const lookup of node.index.lookups) {
          assert(lookup.equal.length <= node.index.index.keys.length, 'lookups fit the index')
          for (const value of lookup.equal) check(value, outer)
          for (const bound of [lookup.lower, lookup.upper]) if (bound) check(bound.expr, outer)
        }
        break
      }
      assert(node.table.primaryKey !== undefined, 'index scans need a primary key')
      for (const bound of [node.lower, node.upper]) if (bound) check(bound.expr, outer)
      for (const value of node.point ?? []) check(value, outer)
      assert(
        node.point === undefined || node.point.length === node.table.primaryKey?.columns.length,
        'a point get has a value for every key column',
      )
      break
    case 'Values':
      for (const row of node.rows) for (const expr of row) check(expr, outer)
      break
    case 'FunctionScan':
      for (const fn of node.functions) {
        if (fn.call.kind === 'SetCall') for (const arg of fn.call.args) check(arg, outer)
        else check(fn.call, outer)
      }
      break
    case 'ProjectSet':
      for (const call of node.calls) for (const arg of call.call.args) check(arg)
      break
    case 'Filter':
      check(node.predicate)
      break
    case 'Project':
      for (const target of node.targets) check(target.expr)
      break
    case 'Join':
    case 'HashJoin': {
      if (node.condition !== undefined) check(node.condition)
      if (node.kind === 'HashJoin') {
        const left = new Set<ColumnId>([...outer, ...outputColumns(node.left)])
        const right = new Set<ColumnId>([...outer, ...outputColumns(node.right)])
        for (const key of node.leftKeys) check(key, left)
        for (const key of node.rightKeys) check(key, right)
      }
      break
    }
    case 'Aggregate':
      for (const key of node.groupKeys) check(key.expr)
      for (const aggregate of node.aggregates) {
        for (const arg of aggregate.call.args) check(arg)
        if (aggregate.call.filter !== undefined) check(aggregate.call.filter)
        for (const key of aggregate.call.orderBy) check(key.expr)
      }
      break
    case 'Sort':
      for (const key of node.keys) check(key.expr)
      break
    case 'Window':
      for (const key of node.partitionBy) check(key)
      for (const key of node.orderBy) check(key.expr)
      for (const { call } of node.calls) {
        for (const arg of call.args) check(arg)
        if (call.filter !== undefined) check(call.filter)
        for (const bound of [call.window.frame.start, call.window.frame.end]) {
          if (bound.offset !== undefined) check(bound.offset, outer)
        }
      }
      break
    case 'Limit':
      if (node.count) check(node.count, outer)
      if (node.offset) check(node.offset, outer)
      break
    case 'Distinct':
      for (const expr of node.on ?? []) check(expr)
      break
    case 'LockRows':
      assert(node.table.primaryKey !== undefined, 'locked rows are found by primary key')
      break
    case 'SetOp':
    case 'SubqueryScan':
    case 'RecursiveUnion':
      assert(
        node.columns.length === outputColumns(inputsOf(node)[0] as Rel).length,
        `${node.kind} renames every input column`,
      )
      break
    case 'Result':
    case 'SeqScan':
    case 'SystemScan':
    case 'WorkTableScan':
      break
  }
  const output = outputColumns(node)
  assert(new Set(output).size === output.length, `${node.kind} carries each column once`)
  return output.length
}

function verifyExpression(expr: BoundExpr, visible: ReadonlySet<ColumnId>): void {
  if (expr.kind === 'ColumnRef') {
    assert(
      visible.has(expr.column),
      `column ${expr.name} (#${expr.column}) is visible where it is read`,
    )
    return
  }
  assert(expr.kind !== 'Aggregate', 'aggregate calls live in Aggregate nodes')
  assert(expr.kind !== 'SetCall', 'set-returning calls live in FunctionScan and ProjectSet nodes')
  assert(expr.kind !== 'WindowCall', 'window calls live in Window nodes')
  if (expr.kind === 'ScalarArrayOp') {
    verifyExpression(expr.array, visible)
    verifyExpression(expr.test, new Set([...visible, expr.element]))
    return
  }
  if (expr.kind === 'SubLink') {
    verifyPlan(expr.plan, visible)
    if (expr.test !== undefined) {
      verifyExpression(expr.test, new Set([...visible, ...outputColumns(expr.plan)]))
    }
    return
  }
  forEachChild(expr, (child) => verifyExpression(child, visible))
}
