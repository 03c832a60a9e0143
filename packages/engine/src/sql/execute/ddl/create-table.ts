/**
 * CREATE TABLE and CREATE SCHEMA: new catalog objects, stored in the kernel in the statement's
 * transaction (so a rollback undoes them) and added to the transaction's catalog version.
 */
import { plainTable, type Schema, storeObject, type Table } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import type { BoundCreateSchema, BoundCreateTable } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { addIndex, uniqueConstraintIndex } from './create-index.js'
import { ddlResult } from './ddl-result.js'

export function executeCreateTable(
  create: BoundCreateTable,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  if (catalog.hasRelation(create.schema, create.name)) {
    if (create.ifNotExists) {
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.duplicateTable,
        message: `relation "${create.name}" already exists, skipping`,
      })
      return ddlResult('CREATE TABLE', context)
    }
    throw new SqlError(SqlState.duplicateTable, `relation "${create.name}" already exists`)
  }
  if (
    create.primaryKey !== undefined &&
    catalog.hasRelation(create.schema, create.primaryKey.name)
  ) {
    throw new SqlError(
      SqlState.duplicateTable,
      `relation "${create.primaryKey.name}" already exists`,
    )
  }
  const oid = catalog.nextOid
  const table: Table = plainTable({
    oid,
    schema: create.schema,
    name: create.name,
    columns: create.columns.map((column, index) => ({ ...column, number: index + 1 })),
    primaryKey:
      create.primaryKey === undefined ? undefined : { oid: oid + 1, ...create.primaryKey },
  })
  context.catalog = catalog.withRelation(table, create.primaryKey === undefined ? 1 : 2)
  storeObject(context.transaction, table, context.catalog.nextOid)
  for (const unique of create.uniques ?? []) {
    if (context.catalog.hasRelation(create.schema, unique.name)) {
      throw new SqlError(SqlState.duplicateTable, `relation "${unique.name}" already exists`)
    }
    addIndex(
      context,
      table,
      uniqueConstraintIndex(unique.name, unique.columns, unique.nullsNotDistinct),
    )
  }
  return ddlResult('CREATE TABLE', context)
}

export function executeCreateSchema(
  create: BoundCreateSchema,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  if (catalog.findSchema(create.name) !== undefined) {
    const message = `schema "${create.name}" already exists`
    if (!create.ifNotExists) throw new SqlError(SqlState.duplicateSchema, message)
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.duplicateSchema,
      message: `${message}, skipping`,
    })
    return ddlResult('CREATE SCHEMA', context)
  }
  const schema: Schema = {
    kind: 'schema',
    oid: catalog.nextOid,
    name: create.name,
    owner: create.owner,
    isBuiltin: false,
  }
  context.catalog = catalog.withSchema(schema, 1)
  storeObject(context.transaction, schema, context.catalog.nextOid)
  return ddlResult('CREATE SCHEMA', context)
}
