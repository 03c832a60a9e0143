/**
 * INSERT ... ON CONFLICT at execution: before a proposed row is inserted, each arbiter is asked
 * for a row already holding its key (access/unique-lookup.ts: what the insert's own uniqueness
 * check would meet). None: the row is inserted. One: DO NOTHING skips the proposed row, DO
 * UPDATE changes the existing one, as UPDATE would (row checks, index maintenance, foreign
 * keys, WITH CHECK OPTION; the change feed sees an update).
 *
 * Concurrency, PostgreSQL's guarantees obtained from the kernel's conflict rules and the
 * session's statement retry (engine-session.ts):
 * - another transaction's uncommitted row with the key is not found; inserting then meets its
 *   version, waits for it, and the statement runs again: aborted, the key is free; committed,
 *   READ COMMITTED's new snapshot finds it (the conflict path), while REPEATABLE READ's snapshot
 *   still cannot, and the insert fails with 40001 (the kernel's write rule), as PostgreSQL.
 * - a found row is checked the way a write of it would be: DO UPDATE locks it (FOR UPDATE
 *   strength, held even when the WHERE is false, as in PostgreSQL), DO NOTHING only asks
 *   (`checkWritable`); a newer version in progress is waited for, one committed after the
 *   snapshot restarts the statement under READ COMMITTED and is 40001 under REPEATABLE READ.
 *   So concurrent upserts of one key never fail with 23505 and never lose an update.
 * - a row this statement inserted or updated is met again: DO UPDATE fails with 21000, DO
 *   NOTHING skips the proposed row.
 */
import {
  checkRowConstraints,
  findUniqueHolder,
  type InsertOptions,
  type KeyedRow,
  updateRow,
} from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Row, Value } from '../../types/index.js'
import type { BoundOnConflict } from '../bind/index.js'
import { compileExpression } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'
import type { ForeignKeyChecks } from './foreign-keys.js'
import type { ReturningRows } from './returning.js'
import { statementScope } from './run-plan.js'
import { compileViewChecks } from './view-checks.js'

/** What the statement does with a written row besides storing it. */
export interface RowWrites {
  readonly options: InsertOptions
  readonly checkView: (row: Row) => void
  readonly foreignKeys: ForeignKeyChecks | undefined
  readonly returning: ReturningRows
}

export class ConflictResolution {
  readonly #clause: BoundOnConflict
  readonly #table: Table
  readonly #context: ExecutionContext
  readonly #writes: RowWrites
  readonly #assignments: { column: number; value: (row: readonly Value[]) => Value }[]
  readonly #generated: { column: number; value: (row: readonly Value[]) => Value }[]
  readonly #condition: ((row: readonly Value[]) => Value) | undefined
  /** Row-level security of DO UPDATE (BoundOnConflict.rowSecurity); no-ops without it. */
  readonly #security: {
    readonly proposed: (row: Row) => void
    readonly existing: (row: Row) => void
    readonly updated: (row: Row) => void
  }
  /** Kernel keys (latin1) of the rows this statement inserted or updated. */
  readonly #written = new Set<string>()

  constructor(clause: BoundOnConflict, table: Table, context: ExecutionContext, writes: RowWrites) {
    this.#clause = clause
    this.#table = table
    this.#context = context
    this.#writes = writes
    const scope = statementScope(context, clause.columns)
    this.#assignments = clause.assignments.map((a) => ({
      column: a.column,
      value: compileExpression(scope, a.expr),
    }))
    const rowScope = statementScope(context, clause.columns.slice(0, table.columns.length))
    this.#generated = clause.generated.map((g) => ({
      column: g.column,
      value: compileExpression(rowScope, g.expr),
    }))
    this.#condition =
      clause.condition === undefined ? undefined : compileExpression(scope, clause.condition)
    const security = clause.rowSecurity
    this.#security = {
      proposed: compileViewChecks(security?.proposed, table, context),
      existing: compileViewChecks(security?.existing, table, context),
      updated: compileViewChecks(security?.updated, table, context),
    }
  }

  /**
   * Deals with the proposed row when an arbiter already holds its key: 'skipped' (DO NOTHING,
   * or DO UPDATE's WHERE not true) or 'updated'; undefined when the row is to be inserted.
   */
  resolve(row: Row): 'skipped' | 'updated' | undefined {
    // NOT NULL and CHECK apply to the proposed row first, conflict or not (PostgreSQL).
    checkRowConstraints(this.#table, row, this.#writes.options)
    this.#security.proposed(row)
    const holder = this.#findHolder(row)
    if (holder === undefined) return undefined
    const transaction = this.#context.transaction
    const isOwn = this.#written.has(keyId(holder.key))
    if (this.#clause.action === 'nothing') {
      if (!isOwn) transaction.checkWritable(holder.key)
      return 'skipped'
    }
    if (isOwn) {
      throw new SqlError(
        SqlState.cardinalityViolation,
        'ON CONFLICT DO UPDATE command cannot affect row a second time',
        {
          hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.',
        },
      )
    }
    if (!transaction.lock(holder.key, 'update', 'wait')) return undefined
    // The existing row must be one the role may update: an error, not a skip (PostgreSQL).
    this.#security.existing(holder.row)
    const joined = [...holder.row, ...row]
    if (this.#condition !== undefined && this.#condition(joined) !== true) return 'skipped'
    this.#update(holder, joined)
    return 'updated'
  }

  /** Notes a row the statement inserted (meeting it again is meeting its own row). */
  inserted(key: Uint8Array): void {
    this.#written.add(keyId(key))
  }

  /**
   * The error a failed insert of a proposed row raises. A duplicate in an arbiter that
   * `resolve` did not find is a row committed after this REPEATABLE READ snapshot (the kernel's
   * uniqueness check reports those as duplicates, as a plain INSERT must): ON CONFLICT cannot
   * act on a row it cannot see, and PostgreSQL fails with 40001 there.
   */
  insertError(error: unknown): unknown {
    if (!(error instanceof SqlError) || error.code !== SqlState.uniqueViolation) return error
    const isArbiter = this.#clause.arbiters.some((arbiter) =>
      arbiter.kind === 'primaryKey'
        ? this.#table.primaryKey?.name === error.constraint
        : arbiter.index.name === error.constraint,
    )
    if (!isArbiter) return error
    return new SqlError(
      SqlState.serializationFailure,
      'could not serialize access due to concurrent update',
    )
  }

  #findHolder(row: Row): KeyedRow | undefined {
    const compiler = this.#writes.options.indexRows
    for (const arbiter of this.#clause.arbiters) {
      const holder = findUniqueHolder(
        this.#context.transaction,
        this.#table,
        arbiter,
        row,
        compiler,
      )
      if (holder !== undefined) return holder
    }
    return undefined
  }

  #update(holder: KeyedRow, joined: readonly Value[]): void {
    const table = this.#table
    const next: Value[] = [...holder.row]
    for (const assignment of this.#assignments) next[assignment.column] = assignment.value(joined)
    for (const column of this.#generated) next[column.column] = column.value(next)
    const { options, checkView, foreignKeys, returning } = this.#writes
    const change = { previous: holder.row, row: next }
    this.#security.updated(next)
    const key = updateRow(this.#context.transaction, table, holder.key, change, options)
    this.#written.add(keyId(key))
    checkView(next)
    foreignKeys?.updated(table, holder.key, holder.row, next)
    returning.add(next)
  }
}

function keyId(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}
