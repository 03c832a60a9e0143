/**
 * CHECK constraints at execution: every row an INSERT, UPDATE or ALTER TABLE writes must not make
 * a table's CHECK condition false (NULL passes, unlike a view's check option), else 23514 `new
 * row for relation "t" violates check constraint "c"` with the failing row. The stored
 * conditions are bound once per table version (Table values are immutable catalog snapshots)
 * and compiled per statement, so a statement sees the constraints of the catalog it runs on.
 */

import { failingRowText } from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Row } from '../../types/index.js'
import { type BoundExpr, bindStoredChecks } from '../bind/index.js'
import { compileExpression } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'
import { statementScope } from './run-plan.js'

interface BoundChecks {
  readonly columns: readonly number[]
  readonly checks: readonly { readonly name: string; readonly condition: BoundExpr }[]
}

const boundChecks = new WeakMap<Table, BoundChecks>()

/** A function that throws 23514 when a row fails one of the table's CHECK constraints;
 * undefined when the table has none. */
export function compileTableChecks(
  table: Table,
  context: ExecutionContext,
): ((row: Row) => void) | undefined {
  if (table.checks.length === 0) return undefined
  let bound = boundChecks.get(table)
  if (bound === undefined) {
    bound = bindStoredChecks(context.catalog, context.searchPath, table)
    boundChecks.set(table, bound)
  }
  const scope = statementScope(context, bound.columns)
  const checks = bound.checks.map((check) => ({
    name: check.name,
    test: compileExpression(scope, check.condition),
  }))
  return (row) => {
    for (const check of checks) {
      if (check.test(row) !== false) continue
      throw checkViolation(table, check.name, row)
    }
  }
}

export function checkViolation(table: Table, name: string, row: Row): SqlError {
  return new SqlError(
    SqlState.checkViolation,
    `new row for relation "${table.name}" violates check constraint "${name}"`,
    {
      detail: `Failing row contains (${failingRowText(table, row)}).`,
      schema: table.schema,
      table: table.name,
      constraint: name,
    },
  )
}
