/**
 * ALTER TABLE at execution: bind/alter-table-definition.ts computes the new table definition
 * and changes the rows (read here once, into memory); this file checks a new primary key for
 * duplicates, validates new constraints, writes the rows back under the final definition
 * (deleted and re-inserted inside the statement: atomic and simple; rows are encoded
 * positionally and keyed by the primary key or a hidden row id, see access/table-access.ts),
 * and replaces the table in the catalog (renaming it in the views that read it).
 */
import { deleteAllRows, insertRow, rowKey, scanRows } from '../../../access/index.js'
import { storeObject, type Table } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { formatValueText, type Row, type Value } from '../../../types/index.js'
import {
  type AlterTableRuntime,
  alterTableDefinition,
  type BoundAlterTable,
} from '../../bind/index.js'
import { compileExpression } from '../compile-expression.js'
import type { ExecutionContext } from '../execution-context.js'
import { statementScope } from '../run-plan.js'
import type { StatementResult } from '../statement-result.js'
import { lockTableShared } from '../table-lock.js'
import { renameInDependents } from './create-view.js'
import { ddlResult } from './ddl-result.js'

export function executeAlterTable(
  alter: BoundAlterTable,
  context: ExecutionContext,
): StatementResult {
  const node = alter.node
  const current =
    alter.table === undefined ? undefined : context.catalog.findTableByOid(alter.table.oid)
  if (current === undefined) {
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: `relation "${node.relation?.relname ?? ''}" does not exist, skipping`,
    })
    return ddlResult('ALTER TABLE', context)
  }
  lockTableShared(context, current)
  let rows: Value[][] | undefined
  const loadRows = (): Value[][] => {
    if (rows !== undefined) return rows
    rows = []
    for (const row of scanRows(context.transaction, current)) {
      context.interrupt.tick()
      rows.push(row)
    }
    return rows
  }
  const runtime: AlterTableRuntime = {
    catalog: context.catalog,
    searchPath: context.searchPath,
    rows: loadRows,
    evaluate: (expr, columns) => compileExpression(statementScope(context, columns), expr),
    notice: (code, message) => context.notices.push({ severity: 'NOTICE', code, message }),
    tick: () => context.interrupt.tick(),
  }
  const result = alterTableDefinition(alter, current, runtime)
  const table = result.table
  // A new primary key's index is built before NOT NULL is checked, as in PostgreSQL.
  if (table.primaryKey !== undefined && current.primaryKey === undefined) {
    checkUniqueKeys(context, table, loadRows())
  }
  result.validate()
  if (result.rewrite) {
    deleteAllRows(context.transaction, current)
    for (const row of loadRows()) {
      context.interrupt.tick()
      try {
        insertRow(context.transaction, table, row, { nextRowId: () => context.nextRowId(table) })
      } catch (error) {
        throw asIndexBuildError(error, table, row)
      }
    }
  }
  context.catalog = context.catalog.replacingRelation(current, table, result.oidsUsed)
  storeObject(context.transaction, table, context.catalog.nextOid)
  for (const sequence of result.sequences) {
    const previous = context.catalog.findRelationByOid(sequence.oid)
    if (previous === undefined) continue
    context.catalog = context.catalog.replacingRelation(previous, sequence, 0)
    storeObject(context.transaction, sequence, context.catalog.nextOid)
  }
  if (table.name !== current.name) renameInDependents(context, current, table.name)
  return ddlResult('ALTER TABLE', context)
}

/** 23505 when two rows (without NULLs in the key) share a new primary key's values. */
function checkUniqueKeys(context: ExecutionContext, table: Table, rows: readonly Row[]): void {
  const key = table.primaryKey
  if (key === undefined) return
  const seen = new Set<string>()
  for (const row of rows) {
    context.interrupt.tick()
    const values = key.columns.map((i) => row[i] ?? null)
    if (values.includes(null)) continue
    const encoded = Buffer.from(rowKey(table, values)).toString('base64')
    if (seen.has(encoded)) {
      throw asIndexBuildError(new SqlError(SqlState.uniqueViolation, 'duplicate'), table, row)
    }
    seen.add(encoded)
  }
}

/** A duplicate key while writing rows under a new primary key: PostgreSQL reports it as the
 * index build failing. */
function asIndexBuildError(error: unknown, table: Table, row: Row): unknown {
  const key = table.primaryKey
  if (
    !(error instanceof SqlError) ||
    error.code !== SqlState.uniqueViolation ||
    key === undefined
  ) {
    return error
  }
  const names = key.columns.map((i) => table.columns[i]?.name ?? '?')
  const values = key.columns.map(
    (i) => formatValueText(row[i] ?? null, table.columns[i]?.type ?? 0) ?? 'null',
  )
  return new SqlError(SqlState.uniqueViolation, `could not create unique index "${key.name}"`, {
    detail: `Key (${names.join(', ')})=(${values.join(', ')}) is duplicated.`,
    schema: table.schema,
    table: table.name,
    constraint: key.name,
  })
}
