/**
 * Statement execution: runs a bound statement (other than transaction control, which the
 * session owns) against an ExecutionContext and returns its StatementResult.
 */

import { insertRow } from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { assert, assertNever } from '../../lib/assert.js'
import type { Row, Value } from '../../types/index.js'
import type {
  BoundExplain,
  BoundExpr,
  BoundInsert,
  BoundModifyingWith,
  BoundSelect,
  BoundStatement,
} from '../bind/index.js'
import { explainPlan, optimize, type PlanNode, planSelect } from '../plan/index.js'
import { type CompileScope, compileExpression } from './compile-expression.js'
import { constantEvaluator } from './constant-evaluator.js'
import { executeAlterTable } from './ddl/alter-table.js'
import { executeComment } from './ddl/comment.js'
import { executeCreateIndex, executeRenameIndex } from './ddl/create-index.js'
import { executeCreateSchema, executeCreateTable } from './ddl/create-table.js'
import { executeCreateView, executeRenameView } from './ddl/create-view.js'
import { executeDrop } from './ddl/drop.js'
import { executeAlterType, executeCreateType, executeDropType } from './ddl/enum-type.js'
import {
  executeAlterFunction,
  executeCreateFunction,
  executeDropFunction,
} from './ddl/functions.js'
import { executeRoleCommand } from './ddl/roles.js'
import { executeAlterSequence, executeCreateSequence } from './ddl/sequence.js'
import { executeSetSchema } from './ddl/set-schema.js'
import { executeTruncate } from './ddl/truncate.js'
import { queryPlanColumn } from './describe-statement.js'
import { executeDelete, executeUpdate } from './execute-modify.js'
import type { ExecutionContext } from './execution-context.js'
import { explainAnalyze } from './explain-analyze.js'
import { ForeignKeyChecks } from './foreign-keys.js'
import { indexRowCompiler } from './index-rows.js'
import { ConflictResolution } from './insert-on-conflict.js'
import { describeColumn, ReturningRows } from './returning.js'
import { checkRows, runPlan, statementScope } from './run-plan.js'
import { executeSetConstraints } from './set-constraints.js'
import type { ColumnDescription, StatementResult } from './statement-result.js'
import { compileTableChecks } from './table-checks.js'
import { lockTableShared } from './table-lock.js'
import { compileViewChecks } from './view-checks.js'

/** Where a caller keeps a statement's optimized plan between executions (the plan cache):
 * filled by the first execution, reused by later ones. */
export interface PlanSlot {
  plan: PlanNode | undefined
}

export function executeStatement(
  statement: BoundStatement,
  context: ExecutionContext,
  slot?: PlanSlot,
): StatementResult {
  switch (statement.kind) {
    case 'Select':
      return executeSelect(statement, context, slot)
    case 'Insert':
      return executeInsert(statement, context)
    case 'Update':
      return executeUpdate(statement, context)
    case 'Delete':
      return executeDelete(statement, context)
    case 'ModifyingWith':
      return executeModifyingWith(statement, context, slot)
    case 'CreateTable':
      return executeCreateTable(statement, context)
    case 'AlterTable':
      return executeAlterTable(statement, context)
    case 'CreateSchema':
      return executeCreateSchema(statement, context)
    case 'CreateView':
      return executeCreateView(statement, context)
    case 'RenameView':
      return executeRenameView(statement, context)
    case 'Drop':
      return executeDrop(statement, context)
    case 'CreateFunction':
      return executeCreateFunction(statement, context)
    case 'DropFunction':
      return executeDropFunction(statement, context)
    case 'AlterFunction':
      return executeAlterFunction(statement, context)
    case 'CreateSequence':
      return executeCreateSequence(statement, context)
    case 'AlterSequence':
      return executeAlterSequence(statement, context)
    case 'CreateType':
      return executeCreateType(statement, context)
    case 'AlterType':
      return executeAlterType(statement, context)
    case 'DropType':
      return executeDropType(statement, context)
    case 'CreateIndex':
      return executeCreateIndex(statement, context)
    case 'RenameIndex':
      return executeRenameIndex(statement, context)
    case 'Comment':
      return executeComment(statement, context)
    case 'Truncate':
      return executeTruncate(statement, context)
    case 'Explain':
      return executeExplain(statement, context)
    case 'SetConstraints':
      return executeSetConstraints(statement, context)
    case 'SetSchema':
      return executeSetSchema(statement, context)
    case 'RoleCommand':
      return executeRoleCommand(statement, context)
    case 'Transaction':
    case 'Set':
    case 'SetTransaction':
    case 'Show':
    case 'Vacuum':
    case 'CopyFrom':
    case 'CopyTo':
      throw new SqlError(
        SqlState.internalError,
        `${statement.kind} statements are run by the session`,
      )
    default:
      return assertNever(statement, 'statement')
  }
}

function result(
  command: string,
  commandTag: string,
  columns: readonly ColumnDescription[] | undefined,
  rows: readonly Row[],
  rowCount: number | undefined,
  context: ExecutionContext,
): StatementResult {
  return { command, commandTag, columns, rows, rowCount, notices: context.notices.splice(0) }
}

function executeSelect(
  select: BoundSelect,
  context: ExecutionContext,
  slot: PlanSlot | undefined,
): StatementResult {
  const rows = [...openSelect(select, context, slot)]
  const columns = select.output.map(describeColumn)
  return result('SELECT', `SELECT ${rows.length}`, columns, rows, rows.length, context)
}

/** A SELECT's rows, pulled as the caller asks for them (a portal fetching some at a time). */
export function openSelect(
  select: BoundSelect,
  context: ExecutionContext,
  slot: PlanSlot | undefined,
): Iterable<Row> {
  return runPlan(selectPlan(select, context, slot), context)
}

/** The SELECT's optimized plan: the slot's, else made now (and kept in the slot). */
export function selectPlan(
  select: BoundSelect,
  context: ExecutionContext,
  slot: PlanSlot | undefined,
): PlanNode {
  const plan = slot?.plan ?? planSelect(select, { evaluate: constantEvaluator(context) })
  if (slot !== undefined) slot.plan = plan
  return plan
}

/**
 * WITH holding INSERT / UPDATE / DELETE: each runs to completion first, in order, its RETURNING
 * rows kept in its work table (held in memory: limits.operatorRowsMax); then the main
 * statement, whose references scan them. All run in one statement (one snapshot, one command
 * id), so none sees the others' changes to tables. Foreign keys are checked once, after all
 * of them (ForeignKeyChecks.acrossParts). Their notices come before the main one's.
 */
function executeModifyingWith(
  statement: BoundModifyingWith,
  context: ExecutionContext,
  slot: PlanSlot | undefined,
): StatementResult {
  const notices: typeof context.notices = []
  const result = ForeignKeyChecks.acrossParts(context, () => {
    try {
      for (const cte of statement.ctes) {
        const done = executeStatement(cte.statement, context)
        checkRows(done.rows.length)
        context.workTables.set(cte.workTable, done.rows)
        notices.push(...done.notices)
      }
      return executeStatement(statement.main, context, slot)
    } finally {
      for (const cte of statement.ctes) context.workTables.delete(cte.workTable)
    }
  })
  // Notices of the foreign key checks (none today) and of the parts, in order.
  return { ...result, notices: [...notices, ...result.notices, ...context.notices.splice(0)] }
}

function executeExplain(explain: BoundExplain, context: ExecutionContext): StatementResult {
  const lines = explain.analyze
    ? explainAnalyze(explain, context)
    : explainPlan(planSelect(explain.statement, { evaluate: constantEvaluator(context) }))
  return result(
    'EXPLAIN',
    'EXPLAIN',
    [queryPlanColumn],
    lines.map((line) => [line]),
    lines.length,
    context,
  )
}

function executeInsert(insert: BoundInsert, context: ExecutionContext): StatementResult {
  const sink = openInsert(insert, context)
  if (insert.query !== undefined) {
    // A statement never sees its own writes (MVCC command ids), so rows stream in as they come.
    const plan = optimize(insert.query, { evaluate: constantEvaluator(context) })
    for (const row of runPlan(plan, context)) {
      context.interrupt.tick()
      sink.store(row)
    }
  } else {
    const scope = statementScope(context, [])
    for (const expressions of insert.rows) {
      context.interrupt.tick()
      sink.store(expressions.map((expr) => valuesItem(scope, expr)))
    }
  }
  return sink.finish()
}

/** Where an INSERT's rows go: `store` takes one row of values for the target columns, `finish`
 * runs the foreign key checks left to the end and returns the statement's result. */
export interface InsertSink {
  store(values: readonly Value[]): void
  finish(): StatementResult
}

/** Opens the INSERT `insert` for rows supplied by the caller: VALUES, a query, or COPY FROM. */
export function openInsert(insert: BoundInsert, context: ExecutionContext): InsertSink {
  const table = currentTable(insert.table, context)
  lockTableShared(context, table)
  const checkView = compileViewChecks(insert.viewChecks, table, context)
  const returning = new ReturningRows(insert.returning, context)
  const foreignKeys = ForeignKeyChecks.for(context, table)
  const checkRow = compileTableChecks(table, context)
  let count = 0
  const noRow = statementScope(context, [])
  const defaults = insert.defaults.map((d) => ({
    column: d.column,
    value: compileExpression(noRow, d.expr),
  }))
  const rowScope = statementScope(context, insert.rowColumns)
  const generated = insert.generated.map((g) => ({
    column: g.column,
    value: compileExpression(rowScope, g.expr),
  }))
  const options = {
    nextRowId: () => context.nextRowId(table),
    indexRows: indexRowCompiler(context),
    checkRow,
  }
  const width = table.columns.length
  const targets = insert.targetColumns
  const conflicts =
    insert.onConflict === undefined
      ? undefined
      : new ConflictResolution(insert.onConflict, table, context, {
          options,
          checkView,
          foreignKeys,
          returning,
        })
  const insertUpserted = (row: Value[]): Uint8Array => {
    if (conflicts === undefined) return insertRow(context.transaction, table, row, options)
    try {
      return insertRow(context.transaction, table, row, options)
    } catch (error: unknown) {
      throw conflicts.insertError(error)
    }
  }
  const store = (values: readonly Value[]): void => {
    const row: Value[] = new Array<Value>(width).fill(null)
    for (let i = 0; i < values.length; i++) {
      const target = targets[i]
      assert(target !== undefined, 'every value has a target column')
      row[target] = values[i] ?? null
    }
    for (const column of defaults) row[column.column] = column.value([])
    for (const column of generated) row[column.column] = column.value(row)
    const resolved = conflicts?.resolve(row)
    if (resolved === 'skipped') return
    if (resolved === undefined) {
      const key = insertUpserted(row)
      conflicts?.inserted(key)
      checkView(row)
      foreignKeys?.inserted(table, row)
      returning.add(row)
    }
    count++
  }
  return {
    store,
    finish: () => {
      foreignKeys?.finish()
      return returning.result('INSERT', `INSERT 0 ${count}`, count, context)
    },
  }
}

/** A VALUES item's value: parameters and constants (most of a bulk INSERT) read directly,
 * anything else compiled and run once. */
function valuesItem(scope: CompileScope, expr: BoundExpr): Value {
  if (expr.kind === 'Parameter') return scope.execution.parameters[expr.index] ?? null
  if (expr.kind === 'Constant') return expr.value
  return compileExpression(scope, expr)([])
}

/** The table as the transaction's catalog has it now (it was bound against the same version). */
function currentTable(table: Table, context: ExecutionContext): Table {
  const current = context.catalog.findTable(table.schema, table.name)
  assert(current === table, 'statement was bound against the current catalog')
  return current
}
