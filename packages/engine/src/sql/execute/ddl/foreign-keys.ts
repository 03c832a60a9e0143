/**
 * Adding a FOREIGN KEY to a table at execution: the key is defined by bind/bind-foreign-key.ts
 * (`defineForeignKey`: referenced table and key, types, name), stored with the table, and the
 * existing rows are checked (`checkExistingRows`, which ALTER TABLE ... ADD / VALIDATE
 * CONSTRAINT and column type changes use too). CREATE TABLE calls `addForeignKey` for each
 * constraint, after the table exists.
 */
import { scanRows } from '../../../access/index.js'
import { type ForeignKey, storeObject, type Table } from '../../../catalog/index.js'
import type { Value } from '../../../types/index.js'
import { defineForeignKey, type ForeignKeyDefinition } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import { ForeignKeyChecks } from '../foreign-keys.js'

/**
 * Adds the foreign key to `table` (as the transaction's catalog has it): validates it, checks
 * existing rows unless NOT VALID, stores the new table definition and returns it.
 */
export function addForeignKey(
  context: ExecutionContext,
  table: Table,
  definition: ForeignKeyDefinition,
): Table {
  const key = defineForeignKey(
    context.catalog,
    context.searchPath,
    table,
    definition,
    context.catalog.nextOid,
  )
  const next: Table = { ...table, foreignKeys: [...table.foreignKeys, key] }
  context.catalog = context.catalog.replacingRelation(table, next, 1)
  storeObject(context.transaction, next, context.catalog.nextOid)
  if (definition.isValidated) checkExistingRows(context, next, [key])
  return next
}

/** Every existing row of the table (as the transaction's catalog has it) must satisfy `keys`,
 * foreign keys of the table (new, being validated, or whose columns changed). `rows`: the rows
 * when the statement itself wrote them (its snapshot does not show them), else scanned. */
export function checkExistingRows(
  context: ExecutionContext,
  table: Table,
  keys: readonly ForeignKey[],
  rows: Iterable<readonly Value[]> = scanRows(context.transaction, table),
): void {
  if (keys.length === 0) return
  const checks = ForeignKeyChecks.for(context, table)
  if (checks === undefined) return
  for (const row of rows) {
    context.interrupt.tick()
    checks.validate(table, keys, row)
  }
}
