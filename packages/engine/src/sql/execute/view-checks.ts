/**
 * WITH CHECK OPTION at execution: each row written through a view with a check option must
 * satisfy the view's condition (and, cascaded, those beneath), else 44000 `new row violates
 * check option for view "v"` with the base table's row, as PostgreSQL reports it. The checks
 * run after the row is written (constraint errors of the table come first, as in PostgreSQL);
 * the failing statement rolls the write back.
 */

import { failingRowText } from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Row } from '../../types/index.js'
import type { BoundViewChecks } from '../bind/index.js'
import { compileExpression } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'
import { statementScope } from './run-plan.js'

/** A function that throws 44000 when a new row of `table` fails a view's check (a no-op when
 * there are no checks). */
export function compileViewChecks(
  viewChecks: BoundViewChecks | undefined,
  table: Table,
  context: ExecutionContext,
): (row: Row) => void {
  if (viewChecks === undefined || viewChecks.checks.length === 0) return () => {}
  const scope = statementScope(context, viewChecks.columns)
  const checks = viewChecks.checks.map((check) => ({
    view: check.view,
    rowSecurity: check.rowSecurity,
    test: compileExpression(scope, check.condition),
  }))
  return (row) => {
    for (const check of checks) {
      // NULL fails: the row would not be visible through the view (unlike CHECK constraints).
      if (check.test(row) === true) continue
      if (check.rowSecurity !== undefined) {
        // Row-level security reveals no row values (PostgreSQL gives no detail).
        const which = check.rowSecurity === 'using' ? ' (USING expression)' : ''
        throw new SqlError(
          SqlState.insufficientPrivilege,
          `new row violates row-level security policy${which} for table "${check.view}"`,
        )
      }
      throw new SqlError(
        SqlState.withCheckOptionViolation,
        `new row violates check option for view "${check.view}"`,
        { detail: `Failing row contains (${failingRowText(table, row)}).` },
      )
    }
  }
}

/** The row-level security checks among `viewChecks` (`isRowSecurity`), or the views' own. */
export function viewChecksWhere(
  viewChecks: BoundViewChecks | undefined,
  isRowSecurity: boolean,
): BoundViewChecks | undefined {
  if (viewChecks === undefined) return undefined
  const checks = viewChecks.checks.filter(
    (check) => (check.rowSecurity !== undefined) === isRowSecurity,
  )
  return checks.length === 0 ? undefined : { ...viewChecks, checks }
}
