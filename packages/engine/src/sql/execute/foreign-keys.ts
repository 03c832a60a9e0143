/**
 * Foreign key enforcement for one DML statement, PostgreSQL-style: the statement records the
 * rows it inserts, updates and deletes; at its end (as PostgreSQL's RI triggers fire after the
 * statement; a new row whose keys reference other tables only is checked at once, which gives
 * the same answer without holding the rows) each referencing row is checked against its referenced row, which is share-locked
 * so a concurrent delete of it waits, and each referenced key that went away is checked or acted
 * on (NO ACTION / RESTRICT fail; CASCADE, SET NULL, SET DEFAULT change the referencing rows and
 * their changes are processed in turn, bounded by limits.foreignKeyEventsMax).
 *
 * Referenced rows are found through the referenced key (referenced-key.ts: the primary key or
 * a unique index). Finding referencing rows scans the referencing table (an index on the
 * referencing columns is not used yet). Checks of DEFERRABLE keys in deferred mode are kept for
 * the commit instead (deferred-constraints.ts, `runDeferredChecks`).
 * The statement's snapshot does not show its own writes, so the rows it changed are kept in an
 * overlay that those scans consult.
 */
import { deleteRow, rowKey, scanKeyedRows, scanRows, updateRow } from '../../access/index.js'
import type { ForeignKey, ReferentialAction, Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { compareBytes } from '../../lib/keycode.js'
import { foreignKeyEventsMax } from '../../limits.js'
import { formatValueText, type Row, type Value } from '../../types/index.js'
import { bindActionDefault } from '../bind/index.js'
import { compileExpression } from './compile-expression.js'
import type { DeferredCheck } from './deferred-constraints.js'
import { currentRoleOf, type ExecutionContext } from './execution-context.js'
import { indexRowCompiler } from './index-rows.js'
import { findReferencedRow, referencedKeyBytes } from './referenced-key.js'
import { statementScope } from './run-plan.js'
import { compileTableChecks } from './table-checks.js'
import { lockTableShared } from './table-lock.js'

interface RowEvent {
  readonly table: Table
  /** The row before (update, delete). */
  readonly before: readonly Value[] | undefined
  /** The row after (insert, update). */
  readonly after: readonly Value[] | undefined
}

interface OverlayEntry {
  readonly key: Uint8Array
  readonly row: Value[] | undefined
}

/** A referencing constraint with the table that holds it. */
interface Reference {
  readonly table: Table
  readonly key: ForeignKey
}

/** The checks shared by the parts of the statement running in a context (acrossParts). */
const shared = new WeakMap<ExecutionContext, ForeignKeyChecks>()

export class ForeignKeyChecks {
  readonly #context: ExecutionContext
  readonly #events: RowEvent[] = []
  /** Rows this statement changed, by table OID then key (hex): the row now, or undefined. */
  readonly #overlay = new Map<number, Map<string, OverlayEntry>>()
  /** Per table OID: whether a foreign key references it. */
  readonly #referenced = new Map<number, boolean>()
  /** Per table definition: its compiled CHECK constraints (null: none). */
  readonly #checks = new Map<Table, ((row: Row) => void) | null>()

  private constructor(context: ExecutionContext) {
    this.#context = context
  }

  /** The checks for a statement writing `table`; undefined when no foreign key involves it.
   * Inside `acrossParts`, the one instance shared by the statement's parts. */
  static for(context: ExecutionContext, table: Table): ForeignKeyChecks | undefined {
    const make = (): ForeignKeyChecks => shared.get(context) ?? new ForeignKeyChecks(context)
    if (table.foreignKeys.length > 0) return make()
    for (const other of context.catalog.tables()) {
      if (other.foreignKeys.some((key) => key.referencedTable === table.oid)) return make()
    }
    return undefined
  }

  /**
   * Runs a statement made of parts (the data-modifying queries of a WITH and the main
   * statement) with one set of checks, finished once after every part, as PostgreSQL fires its
   * RI triggers at the end of the whole statement: a WITH query may delete referenced rows whose
   * referencing rows the main statement deletes.
   */
  static acrossParts<T>(context: ExecutionContext, run: () => T): T {
    const checks = new ForeignKeyChecks(context)
    shared.set(context, checks)
    let result: T
    try {
      result = run()
    } finally {
      shared.delete(context)
    }
    checks.finish()
    return result
  }

  /** A new row: checked at once when its keys reference other tables only (nothing else the
   * statement does can change the answer), else at the end of the statement. */
  inserted(table: Table, row: readonly Value[]): void {
    const event = { table, before: undefined, after: row }
    if (table.foreignKeys.some((key) => key.referencedTable === table.oid)) this.#push(event)
    else for (const key of table.foreignKeys) this.#checkReferencing(table, key, event)
  }

  /** An existing row checked against some of its table's foreign keys (ALTER TABLE). */
  validate(table: Table, keys: readonly ForeignKey[], row: readonly Value[]): void {
    const event = { table, before: undefined, after: row }
    for (const key of keys) this.#checkReferencing(table, key, event)
  }

  updated(
    table: Table,
    oldKey: Uint8Array,
    before: readonly Value[],
    after: readonly Value[],
  ): void {
    if (table.foreignKeys.length > 0) {
      const newKey = table.primaryKey === undefined ? oldKey : keyOf(table, after)
      if (compareBytes(newKey, oldKey) !== 0) this.#remember(table, oldKey, undefined)
      this.#remember(table, newKey, [...after])
    }
    if (table.foreignKeys.length > 0 || this.#isReferenced(table)) {
      this.#push({ table, before, after })
    }
  }

  deleted(table: Table, key: Uint8Array, before: readonly Value[]): void {
    if (table.foreignKeys.length > 0) this.#remember(table, key, undefined)
    if (this.#isReferenced(table)) this.#push({ table, before, after: undefined })
  }

  /** Whether a foreign key references the table (its changed keys need checks or actions). */
  #isReferenced(table: Table): boolean {
    let is = this.#referenced.get(table.oid)
    if (is === undefined) {
      is = referencesTo(this.#context, table).length > 0
      this.#referenced.set(table.oid, is)
    }
    return is
  }

  /** Runs the checks and actions of every recorded change, and of the changes actions make. */
  finish(): void {
    // Shared by a statement's parts: acrossParts finishes it after the last one.
    if (shared.get(this.#context) === this) return
    for (let i = 0; i < this.#events.length; i++) {
      this.#context.interrupt.tick()
      const event = this.#events[i]
      if (event === undefined) continue
      const table = this.#context.catalog.findTableByOid(event.table.oid) ?? event.table
      if (event.after !== undefined) {
        for (const key of table.foreignKeys) this.#checkReferencing(table, key, event)
      }
      if (event.before !== undefined) {
        for (const reference of referencesTo(this.#context, table)) {
          this.#actOnReferenced(table, reference, event.before, event.after)
        }
      }
    }
  }

  #push(event: RowEvent): void {
    if (this.#events.length >= foreignKeyEventsMax) {
      throw new SqlError(
        SqlState.programLimitExceeded,
        `a statement's foreign keys changed more than ${foreignKeyEventsMax} rows`,
        { hint: 'Change fewer rows per statement, or raise limits.foreignKeyEventsMax.' },
      )
    }
    this.#events.push(event)
  }

  #remember(table: Table, key: Uint8Array, row: Value[] | undefined): void {
    let entries = this.#overlay.get(table.oid)
    if (entries === undefined) {
      entries = new Map()
      this.#overlay.set(table.oid, entries)
    }
    entries.set(Buffer.from(key).toString('hex'), { key, row })
  }

  /** A new or changed referencing row: its referenced row must exist (and is share-locked). */
  #checkReferencing(table: Table, key: ForeignKey, event: RowEvent): void {
    const after = event.after
    if (after === undefined) return
    const values = key.columns.map((column) => after[column] ?? null)
    const nulls = values.filter((value) => value === null).length
    if (nulls > 0) {
      if (key.match === 'full' && nulls < values.length) {
        throw new SqlError(
          SqlState.foreignKeyViolation,
          `insert or update on table "${table.name}" violates foreign key constraint "${key.name}"`,
          {
            detail: 'MATCH FULL does not allow mixing of null and nonnull key values.',
            schema: table.schema,
            table: table.name,
            constraint: key.name,
          },
        )
      }
      return
    }
    const referenced = this.#context.catalog.findTableByOid(key.referencedTable)
    if (referenced === undefined) return
    if (event.before !== undefined) {
      const before = key.columns.map((column) => event.before?.[column] ?? null)
      if (!before.includes(null) && sameKey(referenced, key, before, values)) return
    }
    if (this.#context.deferred.isDeferred(key)) {
      this.#context.deferred.defer({ kind: 'referencing', table: table.oid, key: key.name, values })
      return
    }
    if (!referencedRowExists(this.#context, referenced, key, values)) {
      throw referencingViolation(table, key, referenced, values)
    }
  }

  /** A referenced row changed or went away: check or act on the rows referencing its old key. */
  #actOnReferenced(
    referenced: Table,
    reference: Reference,
    before: readonly Value[],
    after: readonly Value[] | undefined,
  ): void {
    const { key } = reference
    const oldValues = key.referencedColumns.map((column) => before[column] ?? null)
    if (oldValues.includes(null)) return
    let newValues: Value[] | undefined
    if (after !== undefined) {
      newValues = key.referencedColumns.map((column) => after[column] ?? null)
      if (sameKey(referenced, key, oldValues, newValues)) return
    }
    const action: ReferentialAction = after === undefined ? key.onDelete : key.onUpdate
    if (action === 'no action' && this.#context.deferred.isDeferred(key)) {
      this.#context.deferred.defer({
        kind: 'referenced',
        table: reference.table.oid,
        key: key.name,
        referenced: referenced.oid,
        values: oldValues,
      })
      return
    }
    // NO ACTION is satisfied when another row now has the old key.
    if (action === 'no action' && referencedRowExists(this.#context, referenced, key, oldValues)) {
      return
    }
    const table = this.#context.catalog.findTableByOid(reference.table.oid) ?? reference.table
    const target = referencedKeyBytes(referenced, key, oldValues)
    lockTableShared(this.#context, table)
    for (const { key: rowId, row } of this.#referencingRows(table)) {
      const values = key.columns.map((column) => row[column] ?? null)
      if (values.includes(null)) continue
      if (compareBytes(referencedKeyBytes(referenced, key, values), target) !== 0) continue
      switch (action) {
        case 'no action':
        case 'restrict':
          throw referencedViolation(referenced, table, key, oldValues)
        case 'cascade':
          if (newValues === undefined) {
            deleteRow(this.#context.transaction, table, rowId, row, {
              indexRows: indexRowCompiler(this.#context),
            })
            this.deleted(table, rowId, row)
          } else {
            const next = [...row]
            key.columns.forEach((column, i) => {
              next[column] = newValues?.[i] ?? null
            })
            this.#update(table, rowId, row, next)
          }
          break
        case 'set null':
        case 'set default': {
          const next = [...row]
          const columns =
            after === undefined && key.deleteSetColumns !== undefined
              ? key.deleteSetColumns
              : key.columns
          for (const column of columns) {
            next[column] = action === 'set null' ? null : this.#defaultOf(table, column)
          }
          this.#update(table, rowId, row, next)
          break
        }
      }
    }
  }

  /** A row changed by an action: NOT NULL and the table's CHECK constraints hold for it too
   * (23502, 23514, as PostgreSQL's RI triggers' updates). */
  #update(table: Table, rowId: Uint8Array, row: readonly Value[], next: Value[]): void {
    let checkRow = this.#checks.get(table)
    if (checkRow === undefined) {
      checkRow = compileTableChecks(table, this.#context) ?? null
      this.#checks.set(table, checkRow)
    }
    updateRow(
      this.#context.transaction,
      table,
      rowId,
      { previous: row, row: next },
      {
        nextRowId: () => this.#context.nextRowId(table),
        indexRows: indexRowCompiler(this.#context),
        checkRow: checkRow ?? undefined,
      },
    )
    this.updated(table, rowId, row, next)
  }

  /** The column's DEFAULT evaluated now (NULL without one), for SET DEFAULT. */
  #defaultOf(table: Table, column: number): Value {
    const definition = table.columns[column]
    if (definition === undefined) return null
    const expr = bindActionDefault(
      this.#context.catalog,
      this.#context.searchPath,
      currentRoleOf(this.#context),
      definition,
    )
    return compileExpression(statementScope(this.#context, []), expr)([])
  }

  /** The table's rows as this statement left them: its snapshot, with the overlay applied. */
  *#referencingRows(table: Table): Generator<{ key: Uint8Array; row: Value[] }> {
    const overlay = this.#overlay.get(table.oid)
    const seen = new Set<string>()
    for (const entry of scanKeyedRows(this.#context.transaction, table)) {
      this.#context.interrupt.tick()
      const hex = Buffer.from(entry.key).toString('hex')
      const changed = overlay?.get(hex)
      if (changed === undefined) {
        yield entry
        continue
      }
      seen.add(hex)
      if (changed.row !== undefined) yield { key: changed.key, row: changed.row }
    }
    // Rows this statement moved to keys its snapshot does not have.
    if (overlay === undefined) return
    for (const [hex, changed] of [...overlay]) {
      if (seen.has(hex) || changed.row === undefined) continue
      if (overlay.get(hex) !== changed) continue
      yield { key: changed.key, row: changed.row }
    }
  }
}

/**
 * Runs checks deferred to the commit (or to SET CONSTRAINTS ... IMMEDIATE) against the
 * transaction's state now: a referencing row's values need their referenced row unless no row
 * has them any more; a referenced key that went away must be back, or referenced by no row.
 */
export function runDeferredChecks(
  context: ExecutionContext,
  checks: readonly DeferredCheck[],
): void {
  for (const check of checks) {
    context.interrupt.tick()
    const table = context.catalog.findTableByOid(check.table)
    const key = table?.foreignKeys.find((k) => k.name === check.key)
    if (table === undefined || key === undefined) continue // dropped since
    const referenced = context.catalog.findTableByOid(key.referencedTable)
    if (referenced === undefined) continue
    if (referencedRowExists(context, referenced, key, check.values)) continue
    if (!hasReferencingRow(context, table, key, referenced, check.values)) continue
    throw check.kind === 'referencing'
      ? referencingViolation(table, key, referenced, check.values)
      : referencedViolation(referenced, table, key, check.values)
  }
}

function hasReferencingRow(
  context: ExecutionContext,
  table: Table,
  key: ForeignKey,
  referenced: Table,
  values: readonly Value[],
): boolean {
  const target = referencedKeyBytes(referenced, key, values)
  for (const row of scanRows(context.transaction, table)) {
    context.interrupt.tick()
    const rowValues = key.columns.map((column) => row[column] ?? null)
    if (rowValues.includes(null)) continue
    if (compareBytes(referencedKeyBytes(referenced, key, rowValues), target) === 0) return true
  }
  return false
}

function referencingViolation(
  table: Table,
  key: ForeignKey,
  referenced: Table,
  values: readonly Value[],
): SqlError {
  const names = key.columns.map((column) => table.columns[column]?.name ?? '?')
  return new SqlError(
    SqlState.foreignKeyViolation,
    `insert or update on table "${table.name}" violates foreign key constraint "${key.name}"`,
    {
      detail: `Key (${names.join(', ')})=(${shownValues(table, key.columns, values)}) is not present in table "${referenced.name}".`,
      schema: table.schema,
      table: table.name,
      constraint: key.name,
    },
  )
}

function referencedViolation(
  referenced: Table,
  table: Table,
  key: ForeignKey,
  values: readonly Value[],
): SqlError {
  const names = key.referencedColumns.map((c) => referenced.columns[c]?.name ?? '?')
  return new SqlError(
    SqlState.foreignKeyViolation,
    `update or delete on table "${referenced.name}" violates foreign key constraint "${key.name}" on table "${table.name}"`,
    {
      detail: `Key (${names.join(', ')})=(${shownValues(referenced, key.referencedColumns, values)}) is still referenced from table "${table.name}".`,
      schema: table.schema,
      table: table.name,
      constraint: key.name,
    },
  )
}

/** Every foreign key referencing `table`, with the table holding it. */
function referencesTo(context: ExecutionContext, table: Table): Reference[] {
  const references: Reference[] = []
  for (const other of context.catalog.tables()) {
    for (const key of other.foreignKeys) {
      if (key.referencedTable === table.oid) references.push({ table: other, key })
    }
  }
  return references
}

function keyOf(table: Table, row: readonly Value[]): Uint8Array {
  return rowKey(
    table,
    (table.primaryKey?.columns ?? []).map((column) => row[column] ?? null),
  )
}

/** Whether two non-null key value lists are equal as the referenced key compares them. */
function sameKey(
  referenced: Table,
  key: ForeignKey,
  a: readonly Value[],
  b: readonly Value[],
): boolean {
  if (a.includes(null) || b.includes(null)) return false
  return (
    compareBytes(referencedKeyBytes(referenced, key, a), referencedKeyBytes(referenced, key, b)) ===
    0
  )
}

/** Whether the referenced row exists, counting this transaction's writes and committed ones;
 * when it does, it is share-locked until the transaction ends (PostgreSQL's KEY SHARE). */
export function referencedRowExists(
  context: ExecutionContext,
  referenced: Table,
  key: ForeignKey,
  values: readonly Value[],
): boolean {
  lockTableShared(context, referenced)
  const target = findReferencedRow(context.transaction, referenced, key, values)
  if (target === undefined) return false
  return context.transaction.lock(target, 'share', 'wait')
}

function shownValues(table: Table, columns: readonly number[], values: readonly Value[]): string {
  return values
    .map((value, i) => formatValueText(value, table.columns[columns[i] ?? -1]?.type ?? 0) ?? 'null')
    .join(', ')
}
