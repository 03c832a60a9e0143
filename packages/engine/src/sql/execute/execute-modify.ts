/**
 * UPDATE and DELETE: the planner picks how to find the rows (a primary key range when WHERE
 * allows one), the rows are read with their keys, filtered, and changed through access/. The
 * statement does not see its own changes (MVCC command ids), so a changed row is never
 * visited twice and an UPDATE that moves a key ahead of the scan is not applied again.
 */
import { scanKeyedRows, updateRow } from '../../access/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Value } from '../../types/index.js'
import type { BoundDelete, BoundExpr, BoundUpdate } from '../bind/index.js'
import { optimize, type PlanNode } from '../plan/index.js'
import { compileExpression } from './compile-expression.js'
import { constantEvaluator } from './constant-evaluator.js'
import type { ExecutionContext } from './execution-context.js'
import { scanRange, statementScope } from './run-plan.js'
import type { StatementResult } from './statement-result.js'
import { compileTableChecks } from './table-checks.js'
import { lockTableShared } from './table-lock.js'
import { compileViewChecks } from './view-checks.js'

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
  const range = scanRange(scan, context)
  if (range === undefined) return
  const scope = statementScope(context, statement.columns)
  const test = filter === undefined ? undefined : compileExpression(scope, filter)
  for (const entry of scanKeyedRows(context.transaction, statement.table, range)) {
    context.interrupt.tick()
    if (test === undefined || test(entry.row) === true) yield entry
  }
}

export function executeUpdate(update: BoundUpdate, context: ExecutionContext): StatementResult {
  const scope = statementScope(context, update.columns)
  const assignments = update.assignments.map((a) => ({
    column: a.column,
    value: compileExpression(scope, a.expr),
  }))
  const generated = update.generated.map((g) => ({
    column: g.column,
    value: compileExpression(scope, g.expr),
  }))
  const table = update.table
  const checkView = compileViewChecks(update.viewChecks, table, context)
  const checkRow = compileTableChecks(table, context)
  let count = 0
  for (const { key, row } of matchingRows(update, context)) {
    const next: Value[] = [...row]
    for (const assignment of assignments) next[assignment.column] = assignment.value(row)
    for (const column of generated) next[column.column] = column.value(next)
    updateRow(context.transaction, table, key, next, {
      nextRowId: () => context.nextRowId(table),
      checkRow,
    })
    checkView(next)
    count++
  }
  return commandResult(`UPDATE ${count}`, 'UPDATE', count, context)
}

export function executeDelete(remove: BoundDelete, context: ExecutionContext): StatementResult {
  let count = 0
  for (const { key } of matchingRows(remove, context)) {
    context.transaction.delete(key)
    count++
  }
  return commandResult(`DELETE ${count}`, 'DELETE', count, context)
}

function commandResult(
  tag: string,
  command: string,
  count: number,
  context: ExecutionContext,
): StatementResult {
  return {
    command,
    commandTag: tag,
    columns: undefined,
    rows: [],
    rowCount: count,
    notices: context.notices.splice(0),
  }
}
