/**
 * ALTER TABLE at execution: bind/alter-table-definition.ts computes the new table definition
 * and changes the rows (read here once, into memory); this file checks a new primary key for
 * duplicates, validates new constraints, writes the rows back under the final definition
 * (deleted and re-inserted inside the statement: atomic and simple; rows are encoded
 * positionally and keyed by the primary key or a hidden row id, see access/table-access.ts;
 * every index entry goes and comes back with them, so indexes are rebuilt), or without a
 * rewrite deletes the entries of dropped indexes and builds new ones; replaces the table (and
 * the other tables whose foreign keys changed) in the catalog, renaming it in the views that
 * read it; then checks the foreign keys added, validated or on changed columns over the rows.
 */
import {
  buildIndex,
  deleteAllRows,
  deleteIndexEntries,
  indexWriter,
  insertRow,
  rowKey,
  scanKeyedRows,
  scanRows,
  tablePrefix,
} from '../../../access/index.js'
import { storeObject, type Table } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { formatValueText, type Row, type Value } from '../../../types/index.js'
import {
  type AlterTableRuntime,
  alterTableDefinition,
  type BoundAlterTable,
  changesRowSecurity,
} from '../../bind/index.js'
import { compileExpression } from '../compile-expression.js'
import type { ExecutionContext } from '../execution-context.js'
import { indexRowCompiler } from '../index-rows.js'
import { statementScope } from '../run-plan.js'
import type { StatementResult } from '../statement-result.js'
import { lockTableShared } from '../table-lock.js'
import { renameInDependents } from './create-view.js'
import { ddlResult } from './ddl-result.js'
import { checkExistingRows } from './foreign-keys.js'
import { requireTableOwner } from './policy.js'

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
  if ('cmds' in node && changesRowSecurity(node.cmds ?? [])) requireTableOwner(context, current)
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
    notice: (code, message, detail) =>
      context.notices.push({
        severity: 'NOTICE',
        code,
        message,
        ...(detail === undefined ? {} : { detail }),
      }),
    tick: () => context.interrupt.tick(),
  }
  const result = alterTableDefinition(alter, current, runtime)
  const table = result.table
  // A new primary key's index is built before NOT NULL is checked, as in PostgreSQL.
  if (table.primaryKey !== undefined && table.primaryKey.oid !== current.primaryKey?.oid) {
    checkUniqueKeys(context, table, loadRows())
  }
  result.validate()
  if (result.rewrite) {
    // Every index entry goes with the rows and comes back with them under the final
    // definition: indexes are rebuilt (keys renumbered, types changed, rows re-keyed).
    deleteAllRows(context.transaction, current)
    const indexRows = indexRowCompiler(context)
    for (const row of loadRows()) {
      context.interrupt.tick()
      try {
        insertRow(context.transaction, table, row, {
          nextRowId: () => context.nextRowId(table),
          indexRows,
        })
      } catch (error) {
        throw asIndexBuildError(error, table, row)
      }
    }
  } else {
    updateIndexes(context, current, table)
  }
  context.catalog = context.catalog.replacingRelation(current, table, result.oidsUsed)
  storeObject(context.transaction, table, context.catalog.nextOid)
  for (const other of result.others) {
    const previous = context.catalog.findTableByOid(other.oid)
    if (previous === undefined) continue
    context.catalog = context.catalog.replacingRelation(previous, other, 0)
    storeObject(context.transaction, other, context.catalog.nextOid)
  }
  for (const sequence of result.sequences) {
    const previous = context.catalog.findRelationByOid(sequence.oid)
    if (previous === undefined) continue
    context.catalog = context.catalog.replacingRelation(previous, sequence, 0)
    storeObject(context.transaction, sequence, context.catalog.nextOid)
  }
  if (table.name !== current.name) renameInDependents(context, current, table.name)
  // Foreign keys added, validated or on changed columns: the existing rows must satisfy them.
  for (const [oid, names] of result.foreignKeyChecks) {
    const holder = context.catalog.findTableByOid(oid)
    if (holder === undefined) continue
    const keys = holder.foreignKeys.filter((key) => names.has(key.name))
    if (oid === table.oid && result.rewrite) checkExistingRows(context, holder, keys, loadRows())
    else checkExistingRows(context, holder, keys)
  }
  return ddlResult('ALTER TABLE', context)
}

/** Without a rewrite: entries of dropped indexes deleted, new indexes built over the rows. */
function updateIndexes(context: ExecutionContext, current: Table, table: Table): void {
  const kept = new Set(table.indexes.map((index) => index.oid))
  for (const index of current.indexes) {
    if (!kept.has(index.oid)) deleteIndexEntries(context.transaction, index.oid)
  }
  const existing = new Set(current.indexes.map((index) => index.oid))
  const prefixLength = tablePrefix(table).length
  for (const index of table.indexes) {
    if (existing.has(index.oid)) continue
    const writer = indexWriter(table, index, indexRowCompiler(context))
    const rows = (function* () {
      for (const { key, row } of scanKeyedRows(context.transaction, table)) {
        context.interrupt.tick()
        yield { row, rowSuffix: key.slice(prefixLength) }
      }
    })()
    buildIndex(context.transaction, table, writer, rows)
  }
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
      const duplicate = new SqlError(SqlState.uniqueViolation, 'duplicate', {
        constraint: key.name,
      })
      throw asIndexBuildError(duplicate, table, row)
    }
    seen.add(encoded)
  }
}

/** A duplicate key while writing rows back (under a new primary key, or into a unique index
 * being rebuilt or added): PostgreSQL reports it as the index build failing. */
function asIndexBuildError(error: unknown, table: Table, row: Row): unknown {
  if (!(error instanceof SqlError) || error.code !== SqlState.uniqueViolation) return error
  const key = table.primaryKey
  if (key !== undefined && error.constraint === key.name) {
    const names = key.columns.map((i) => table.columns[i]?.name ?? '?')
    const values = key.columns.map(
      (i) => formatValueText(row[i] ?? null, table.columns[i]?.type.oid ?? 0) ?? 'null',
    )
    return indexBuildError(table, key.name, `(${names.join(', ')})=(${values.join(', ')})`)
  }
  const described = /^Key (.*) already exists\.$/s.exec(error.detail ?? '')?.[1]
  if (error.constraint === undefined || described === undefined) return error
  return indexBuildError(table, error.constraint, described)
}

function indexBuildError(table: Table, name: string, key: string): SqlError {
  return new SqlError(SqlState.uniqueViolation, `could not create unique index "${name}"`, {
    detail: `Key ${key} is duplicated.`,
    schema: table.schema,
    table: table.name,
    constraint: name,
  })
}
