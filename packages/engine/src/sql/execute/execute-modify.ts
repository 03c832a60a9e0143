/**
 * UPDATE and DELETE: the planner picks how to find the rows (a primary key range or a secondary
 * index when WHERE allows one), the rows are read with their keys, filtered, and changed through access/. The
 * statement does not see its own changes (MVCC command ids), so a changed row is never
 * visited twice and an UPDATE that moves a key ahead of the scan is not applied again.
 *
 * UPDATE ... FROM / DELETE ... USING: the other items' rows are read once (at the statement's
 * snapshot) and each target row is joined with the first of them meeting the WHERE, so it is
 * changed once even when several match (PostgreSQL picks an arbitrary one). RETURNING rows are
 * projected from the new (UPDATE) or old (DELETE) row joined with that match (returning.ts).
 */
import { deleteRow, scanKeyedRows, tablePrefix, updateRow } from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Row, Value } from '../../types/index.js'
import type { BoundDelete, BoundExpr, BoundUpdate } from '../bind/index.js'
import { outputColumns } from '../bind/index.js'
import { optimize, type PlanNode } from '../plan/index.js'
import { compileExpression } from './compile-expression.js'
import { constantEvaluator } from './constant-evaluator.js'
import type { ExecutionContext } from './execution-context.js'
import { ForeignKeyChecks } from './foreign-keys.js'
import { indexRowCompiler } from './index-rows.js'
import { compileIndexScan } from './index-scan.js'
import { ReturningRows } from './returning.js'
import { checkRows, runPlan, scanRange, statementScope } from './run-plan.js'
import type { StatementResult } from './statement-result.js'
import { compileTableChecks } from './table-checks.js'
import { lockTableShared } from './table-lock.js'
import { compileViewChecks, viewChecksWhere } from './view-checks.js'

interface Target {
  readonly scan: PlanNode & { kind: 'SeqScan' | 'IndexScan' }
  readonly filter: BoundExpr | undefined
}

/** The scan and residual filter the planner chose for `table WHERE where`; undefined when the
 * planner found that no row can match (a WHERE that folds to false or NULL). */
function planTarget(
  statement: BoundUpdate | BoundDelete,
  context: ExecutionContext,
): Target | undefined {
  const scan: PlanNode = { kind: 'SeqScan', table: statement.table, columns: statement.columns }
  const plan = optimize(
    statement.where === undefined
      ? scan
      : { kind: 'Filter', input: scan, predicate: statement.where },
    { evaluate: constantEvaluator(context) },
  )
  let node: PlanNode = plan
  let filter: BoundExpr | undefined
  while (node.kind !== 'SeqScan' && node.kind !== 'IndexScan') {
    if (node.kind === 'Values' && node.rows.length === 0) return undefined
    if (node.kind === 'Filter') filter = node.predicate
    if (!('input' in node))
      throw new SqlError(SqlState.internalError, 'a modify plan ends in a scan')
    node = node.input
  }
  return { scan: node, filter }
}

function* matchingRows(statement: BoundUpdate | BoundDelete, context: ExecutionContext) {
  lockTableShared(context, statement.table)
  const target = planTarget(statement, context)
  if (target === undefined) return
  const { scan, filter } = target
  const scope = statementScope(context, statement.columns)
  const test = filter === undefined ? undefined : compileExpression(scope, filter)
  const join = joinedRows(statement, context)
  for (const entry of targetRows(scan, statement.table, context)) {
    context.interrupt.tick()
    if (test !== undefined && test(entry.row) !== true) continue
    const joined = join(entry.row)
    if (joined !== undefined) yield { key: entry.key, row: entry.row, joined }
  }
}

/**
 * For a target row, the row the statement's expressions read: the target row itself, or with
 * FROM / USING, the target row followed by the first FROM row meeting the condition
 * (undefined when none does).
 */
function joinedRows(
  statement: BoundUpdate | BoundDelete,
  context: ExecutionContext,
): (row: readonly Value[]) => readonly Value[] | undefined {
  const from = statement.from
  if (from === undefined) return (row) => row
  const plan = optimize(from.plan, { evaluate: constantEvaluator(context) })
  const others: Row[] = []
  for (const other of runPlan(plan, context)) {
    others.push(other)
    checkRows(others.length)
  }
  // Held in memory (limits.operatorRowsMax) and joined by a nested loop. The optimizer may
  // reorder joins: the condition reads the rows as the optimized plan returns
  // them, the result is laid out as `from.columns` (what assignments and RETURNING read).
  const order = outputColumns(plan)
  const scope = statementScope(context, [...statement.columns, ...order])
  const condition = statement.condition
  const test = condition === undefined ? undefined : compileExpression(scope, condition)
  const positions = from.columns.map((column) => order.indexOf(column))
  return (row) => {
    for (const other of others) {
      context.interrupt.tick()
      if (test === undefined || test([...row, ...other]) === true) {
        return [...row, ...positions.map((i) => other[i] ?? null)]
      }
    }
    return undefined
  }
}

/** The rows the scan reads, with their kernel keys. */
function* targetRows(scan: Target['scan'], table: Table, context: ExecutionContext) {
  if (scan.kind === 'IndexScan' && scan.index !== undefined) {
    const prefix = tablePrefix(table)
    const scanner = compileIndexScan(statementScope(context, []), table, scan.index, false)
    for (const { suffix, row } of scanner()) {
      const key = new Uint8Array(prefix.length + suffix.length)
      key.set(prefix)
      key.set(suffix, prefix.length)
      yield { key, row }
    }
    return
  }
  const range = scanRange(scan, context)
  if (range === undefined) return
  yield* scanKeyedRows(context.transaction, table, range)
}

export function executeUpdate(update: BoundUpdate, context: ExecutionContext): StatementResult {
  const scope = statementScope(context, [...update.columns, ...(update.from?.columns ?? [])])
  const assignments = update.assignments.map((a) => ({
    column: a.column,
    value: compileExpression(scope, a.expr),
  }))
  const generated = update.generated.map((g) => ({
    column: g.column,
    value: compileExpression(scope, g.expr),
  }))
  const table = update.table
  // Policies before the write (as PostgreSQL: constraint errors must not tell of hidden rows),
  // the views' check options after.
  const checkPolicies = compileViewChecks(viewChecksWhere(update.viewChecks, true), table, context)
  const checkView = compileViewChecks(viewChecksWhere(update.viewChecks, false), table, context)
  const returning = new ReturningRows(update.returning, context)
  const width = update.columns.length
  const foreignKeys = ForeignKeyChecks.for(context, table)
  const checkRow = compileTableChecks(table, context)
  let count = 0
  const options = {
    nextRowId: () => context.nextRowId(table),
    indexRows: indexRowCompiler(context),
    checkRow,
  }
  for (const { key, row, joined } of matchingRows(update, context)) {
    const next: Value[] = [...row]
    for (const assignment of assignments) next[assignment.column] = assignment.value(joined)
    for (const column of generated) next[column.column] = column.value(next)
    checkPolicies(next)
    updateRow(context.transaction, table, key, { previous: row, row: next }, options)
    checkView(next)
    foreignKeys?.updated(table, key, row, next)
    returning.add([...next, ...joined.slice(width)])
    count++
  }
  foreignKeys?.finish()
  return returning.result('UPDATE', `UPDATE ${count}`, count, context)
}

export function executeDelete(remove: BoundDelete, context: ExecutionContext): StatementResult {
  const returning = new ReturningRows(remove.returning, context)
  const foreignKeys = ForeignKeyChecks.for(context, remove.table)
  let count = 0
  const options = { indexRows: indexRowCompiler(context) }
  for (const { key, row, joined } of matchingRows(remove, context)) {
    deleteRow(context.transaction, remove.table, key, row, options)
    foreignKeys?.deleted(remove.table, key, row)
    returning.add(joined)
    count++
  }
  foreignKeys?.finish()
  return returning.result('DELETE', `DELETE ${count}`, count, context)
}
