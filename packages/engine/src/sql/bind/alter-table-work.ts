/**
 * The state of one ALTER TABLE while its subcommands run (alter-table-definition.ts for columns,
 * alter-table-constraints.ts for constraints), and what both need: the working copy of the
 * table, the rows read once, OIDs for new objects, the other tables the statement changes
 * (foreign keys referencing this table dropped or renumbered), and PostgreSQL's dependency
 * errors for foreign keys that depend on a column, index or key being dropped.
 */
import type {
  Catalog,
  ForeignKey,
  SearchPath,
  Sequence,
  StoredExpression,
  Table,
} from '../../catalog/index.js'
import { SqlError, SqlState, type SqlStateCode } from '../../errors/index.js'
import type { Row, Value } from '../../types/index.js'
import { findRawNodes } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import type { BoundExpr, ColumnId } from './bound.js'

/** What the executor supplies: the catalog, the table's rows, expression evaluation. */
export interface AlterTableRuntime {
  readonly catalog: Catalog
  readonly searchPath: SearchPath
  /** The table's rows as the statement's snapshot has them, read once; changed in place. */
  rows(): Value[][]
  /** Compiles an expression over rows whose columns have these ids. */
  evaluate(expr: BoundExpr, columns: readonly ColumnId[]): (row: Row) => Value
  notice(code: SqlStateCode, message: string, detail?: string): void
  /** Called in every loop over rows (statement_timeout, cancel). */
  tick(): void
}

export interface Work {
  readonly runtime: AlterTableRuntime
  readonly bind: BindContext
  readonly original: Table
  table: Table
  /** The table's rows, read on first need; `rewrite` says they must be written back. */
  rows: Value[][] | undefined
  rewrite: boolean
  /** OIDs taken for new constraints, after the catalog's next OID. */
  oidsUsed: number
  /** Columns (by name) whose NOT NULL, and CHECK constraints (by name), the final rows must
   * satisfy. */
  readonly newNotNull: Set<string>
  readonly newChecks: Set<string>
  /** Owned sequences whose column moved or was renamed. */
  sequences: Map<number, Sequence>
  /** Other tables this statement changes, by OID (their foreign keys referencing this one). */
  readonly others: Map<number, Table>
  /** Foreign keys whose existing rows are checked once the rows are written: table OID →
   * constraint names (new, validated, or with columns of a changed type). */
  readonly foreignKeyChecks: Map<number, Set<string>>
}

export function loadRows(work: Work): Value[][] {
  if (work.rows === undefined) work.rows = work.runtime.rows()
  return work.rows
}

export function nextOid(work: Work): number {
  const oid = work.runtime.catalog.nextOid + work.oidsUsed
  work.oidsUsed++
  return oid
}

export function columnIndex(work: Work, name: string, withRelation = true): number {
  const index = work.table.columns.findIndex((column) => column.name === name)
  if (index >= 0) return index
  throw new SqlError(
    SqlState.undefinedColumn,
    withRelation
      ? `column "${name}" of relation "${work.table.name}" does not exist`
      : `column "${name}" does not exist`,
  )
}

export function constraintNameTaken(work: Work, name: string): boolean {
  const table = work.table
  return (
    table.primaryKey?.name === name ||
    table.checks.some((check) => check.name === name) ||
    table.foreignKeys.some((key) => key.name === name) ||
    table.indexes.some((index) => index.isConstraint && index.name === name)
  )
}

/** Whether a stored expression names the column (unqualified or qualified by the table). */
export function readsColumn(node: unknown, name: string): boolean {
  return findRawNodes(node, 'ColumnRef').some((found) => {
    const fields = (found.node as { fields?: unknown[] }).fields ?? []
    const last = fields[fields.length - 1] as { String?: { sval?: string } } | undefined
    return last?.String?.sval === name
  })
}

/** The expression with references to column `from` naming `to` (their last field: the
 * expressions read one table). */
export function renameColumnIn(
  expression: StoredExpression,
  from: string,
  to: string,
): StoredExpression {
  const node = JSON.parse(JSON.stringify(expression.node), (key, value: unknown) => {
    if (key !== 'ColumnRef' || typeof value !== 'object' || value === null) return value
    const fields = (value as { fields?: unknown[] }).fields ?? []
    const last = fields[fields.length - 1] as { String?: { sval?: string } } | undefined
    if (last?.String?.sval !== from) return value
    return { ...value, fields: [...fields.slice(0, -1), { String: { sval: to } }] }
  }) as StoredExpression['node']
  return { ...expression, node }
}

/** A foreign key referencing the table being altered, with the table holding it as this
 * statement has left it (the working table itself for a self-reference). */
export interface ReferencingKey {
  readonly table: Table
  readonly key: ForeignKey
}

export function referencingKeys(work: Work): ReferencingKey[] {
  const found: ReferencingKey[] = []
  const seen = new Set<number>()
  for (const dependent of work.runtime.catalog.dependentsOf(work.original.oid)) {
    if (dependent.kind !== 'foreign key' || seen.has(dependent.table.oid)) continue
    seen.add(dependent.table.oid)
    const table = work.others.get(dependent.table.oid) ?? dependent.table
    for (const key of table.foreignKeys) {
      if (key.referencedTable === work.original.oid) found.push({ table, key })
    }
  }
  for (const key of work.table.foreignKeys) {
    if (key.referencedTable === work.original.oid) found.push({ table: work.table, key })
  }
  return found
}

/** Changes the foreign keys of `table` (the working table or another one). */
export function changeForeignKeys(
  work: Work,
  table: Table,
  change: (keys: readonly ForeignKey[]) => ForeignKey[],
): void {
  if (table.oid === work.table.oid) {
    work.table = { ...work.table, foreignKeys: change(work.table.foreignKeys) }
    return
  }
  const current = work.others.get(table.oid) ?? table
  work.others.set(table.oid, { ...current, foreignKeys: change(current.foreignKeys) })
}

/**
 * Foreign keys that depend on something being dropped (`object`: `constraint p_b_key on table
 * p`, `column b of table p`): 2BP01 with one DETAIL line per key (`depends on` `dependsOn`,
 * one text for all or one per key), unless CASCADE, which drops them with PostgreSQL's NOTICE.
 */
export function dropDependentKeys(
  work: Work,
  dependents: readonly ReferencingKey[],
  object: string,
  dependsOn: string | ((dependent: ReferencingKey) => string),
  cascade: boolean,
): void {
  if (dependents.length === 0) return
  const describe = (dependent: ReferencingKey): string =>
    `constraint ${dependent.key.name} on table ${work.runtime.catalog.displayName(dependent.table, work.runtime.searchPath)}`
  if (!cascade) {
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      `cannot drop ${object} because other objects depend on it`,
      {
        detail: dependents
          .map((d) => {
            const what = typeof dependsOn === 'string' ? dependsOn : dependsOn(d)
            return `${describe(d)} depends on ${what}`
          })
          .join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      },
    )
  }
  const [only] = dependents
  if (dependents.length === 1 && only !== undefined) {
    work.runtime.notice(SqlState.successfulCompletion, `drop cascades to ${describe(only)}`)
  } else {
    work.runtime.notice(
      SqlState.successfulCompletion,
      `drop cascades to ${dependents.length} other objects`,
      dependents.map((d) => `drop cascades to ${describe(d)}`).join('\n'),
    )
  }
  for (const dependent of dependents) {
    changeForeignKeys(work, dependent.table, (keys) =>
      keys.filter((key) => key.oid !== dependent.key.oid),
    )
  }
}

/** Marks a foreign key of `tableOid` for checking over existing rows after the rewrite. */
export function checkForeignKeyLater(work: Work, tableOid: number, name: string): void {
  const names = work.foreignKeyChecks.get(tableOid) ?? new Set<string>()
  names.add(name)
  work.foreignKeyChecks.set(tableOid, names)
}

export function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
