/**
 * RETURNING at execution: each written row (joined with the FROM / USING row that matched it)
 * is projected through the RETURNING list; the statement's result then carries these rows and
 * their columns while its command tag still counts the rows written (INSERT 0 n, UPDATE n,
 * DELETE n), as PostgreSQL reports them. Results are materialized, so RETURNING holds at most
 * limits.operatorRowsMax rows (54000 beyond).
 */
import type { Row, Value } from '../../types/index.js'
import type { BoundReturning, OutputColumn } from '../bind/index.js'
import { compileExpression } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'
import { checkRows, statementScope } from './run-plan.js'
import type { ColumnDescription, StatementResult } from './statement-result.js'

/** A column of a statement's result as RowDescription describes it. */
export function describeColumn(column: OutputColumn): ColumnDescription {
  return {
    name: column.name,
    typeOid: column.type.oid,
    typeSize: column.type.size,
    typeModifier: column.type.typmod,
    tableOid: column.origin?.table.oid ?? 0,
    columnNumber: column.origin?.number ?? 0,
    type: column.type,
  }
}

/** Collects the RETURNING rows of a statement (nothing without RETURNING). */
export class ReturningRows {
  readonly #returning: BoundReturning | undefined
  readonly #project: ((row: readonly Value[]) => Value)[]
  readonly rows: Row[] = []

  constructor(returning: BoundReturning | undefined, context: ExecutionContext) {
    this.#returning = returning
    const scope = statementScope(context, returning?.columns ?? [])
    this.#project = (returning?.exprs ?? []).map((expr) => compileExpression(scope, expr))
  }

  /** Adds the RETURNING row for a written row (laid out as the RETURNING list's `columns`). */
  add(row: readonly Value[]): void {
    if (this.#returning === undefined) return
    this.rows.push(this.#project.map((project) => project(row)))
    checkRows(this.rows.length)
  }

  /** The statement's result: `count` rows written, and the rows RETURNING produced. */
  result(command: string, tag: string, count: number, context: ExecutionContext): StatementResult {
    return {
      command,
      commandTag: tag,
      columns: this.#returning?.output.map(describeColumn),
      rows: this.rows,
      rowCount: count,
      notices: context.notices.splice(0),
    }
  }
}
