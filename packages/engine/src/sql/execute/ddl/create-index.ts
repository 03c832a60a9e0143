/**
 * CREATE INDEX, the indexes behind UNIQUE constraints, and ALTER INDEX ... RENAME. An index is
 * part of its table's definition (catalog/table.ts): adding one stores the new table definition
 * and builds the entries over the rows the statement sees, in the statement's transaction, so
 * a rollback undoes both. CONCURRENTLY is accepted and runs as a normal build (DDL here takes
 * effect at commit anyway).
 *
 * `addIndex` is the API for other DDL (CREATE TABLE's UNIQUE constraints): it creates
 * the index on a table of the transaction's catalog and validates uniqueness over existing rows
 * (23505 `could not create unique index`).
 */
import {
  buildIndex,
  indexWriter,
  scanKeyedRows,
  tablePrefix,
  tableRange,
} from '../../../access/index.js'
import {
  type Index,
  type IndexKey,
  storeObject,
  type Table,
  withoutLocations,
} from '../../../catalog/index.js'
import { SqlState } from '../../../errors/index.js'
import { assert } from '../../../lib/assert.js'
import type { BoundCreateIndex, BoundRenameIndex } from '../../bind/index.js'
import { printExpression } from '../../plan/index.js'
import type { ExecutionContext } from '../execution-context.js'
import { indexRowCompiler } from '../index-rows.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult, relationNameTaken } from './ddl-result.js'

/** An index to add; its OID is allocated by addIndex. */
export type IndexDefinition = Omit<Index, 'oid'>

/**
 * Adds `definition` to the current version of `table` in the transaction's catalog, stores the
 * table and builds the index over its rows; returns the new table definition. The name must
 * be free (the caller reports 42P07 in its own words).
 */
export function addIndex(
  context: ExecutionContext,
  table: Table,
  definition: IndexDefinition,
): Table {
  const current = context.catalog.findTableByOid(table.oid)
  assert(current !== undefined, 'the indexed table exists')
  assert(!context.catalog.hasRelation(current.schema, definition.name), 'index name is free')
  const index: Index = { ...definition, oid: context.catalog.nextOid }
  const next: Table = { ...current, indexes: [...current.indexes, index] }
  context.catalog = context.catalog.replacingRelation(current, next, 1)
  storeObject(context.transaction, next, context.catalog.nextOid)
  const writer = indexWriter(next, index, indexRowCompiler(context))
  const prefixLength = tablePrefix(next).length
  const rows = (function* () {
    for (const { key, row } of scanKeyedRows(context.transaction, next, tableRange(next))) {
      yield { row, rowSuffix: key.slice(prefixLength) }
    }
  })()
  buildIndex(context.transaction, next, writer, rows)
  return next
}

export function executeCreateIndex(
  create: BoundCreateIndex,
  context: ExecutionContext,
): StatementResult {
  const table = create.table
  const taken = relationNameTaken(context, create, table.schema, 'CREATE INDEX')
  if (taken !== undefined) return taken
  const keys: IndexKey[] = create.keys.map((key, i) => {
    const node = create.nodes.keys[i]
    const expression =
      key.expr === undefined || node === undefined
        ? undefined
        : { node: withoutLocations(node), text: printExpression(key.expr) }
    return {
      column: key.column,
      expression,
      descending: key.descending,
      nullsFirst: key.nullsFirst,
    }
  })
  const predicate =
    create.predicate === undefined || create.nodes.predicate === undefined
      ? undefined
      : {
          node: withoutLocations(create.nodes.predicate),
          text: printExpression(create.predicate),
        }
  addIndex(context, table, {
    name: create.name,
    keys,
    include: create.include,
    isUnique: create.isUnique,
    nullsNotDistinct: create.nullsNotDistinct,
    predicate,
    isConstraint: false,
  })
  return ddlResult('CREATE INDEX', context)
}

/** The index behind a UNIQUE constraint on plain columns. */
export function uniqueConstraintIndex(
  name: string,
  columns: readonly number[],
  nullsNotDistinct: boolean,
): IndexDefinition {
  return {
    name,
    keys: columns.map((column) => ({
      column,
      expression: undefined,
      descending: false,
      nullsFirst: false,
    })),
    include: [],
    isUnique: true,
    nullsNotDistinct,
    predicate: undefined,
    isConstraint: true,
  }
}

export function executeRenameIndex(
  rename: BoundRenameIndex,
  context: ExecutionContext,
): StatementResult {
  if (rename.entry === undefined) {
    if (rename.missingNotice !== undefined) {
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.successfulCompletion,
        message: rename.missingNotice,
      })
    }
    return ddlResult('ALTER INDEX', context)
  }
  const entry = rename.entry
  const table = context.catalog.findTableByOid(entry.table.oid)
  assert(table !== undefined, 'a renamed index has its table')
  const next: Table =
    entry.index === undefined
      ? {
          ...table,
          primaryKey: table.primaryKey && { ...table.primaryKey, name: rename.newName },
        }
      : {
          ...table,
          indexes: table.indexes.map((index) =>
            index.oid === entry.oid ? { ...index, name: rename.newName } : index,
          ),
        }
  context.catalog = context.catalog.replacingRelation(table, next, 0)
  storeObject(context.transaction, next, context.catalog.nextOid)
  return ddlResult('ALTER INDEX', context)
}
