/**
 * TRUNCATE: deletes every row of the named tables in the statement's transaction (so a
 * rollback restores them: the kernel's MVCC deletes, where PostgreSQL swaps in a new empty
 * file). A table referenced by a foreign key of a table not being truncated is refused with
 * PostgreSQL's 0A000 unless CASCADE, which truncates the referencing tables too (recursively,
 * one NOTICE each). RESTART IDENTITY restarts the sequences owned by the tables' columns with a
 * new state epoch, so that is rolled back too.
 */
import { deleteAllRows, deleteIndexEntries } from '../../../access/index.js'
import { storeObject, type Table } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import type { BoundTruncate } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'
import { alteredSequence, sequencesOwnedBy } from './sequence.js'

export function executeTruncate(
  truncate: BoundTruncate,
  context: ExecutionContext,
): StatementResult {
  const tables = new Map<number, Table>(truncate.tables.map((table) => [table.oid, table]))
  const catalog = context.catalog
  // Referencing tables of tables in the set, until no new one appears: bounded by the number
  // of tables in the catalog, as each is added at most once.
  const pending = [...tables.values()]
  for (let table = pending.shift(); table !== undefined; table = pending.shift()) {
    for (const dependent of catalog.dependentsOf(table.oid)) {
      if (dependent.kind !== 'foreign key' || tables.has(dependent.table.oid)) continue
      if (!truncate.cascade) {
        throw new SqlError(
          SqlState.featureNotSupported,
          'cannot truncate a table referenced in a foreign key constraint',
          {
            detail: `Table "${dependent.table.name}" references "${table.name}".`,
            hint: `Truncate table "${dependent.table.name}" at the same time, or use TRUNCATE ... CASCADE.`,
          },
        )
      }
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.successfulCompletion,
        message: `truncate cascades to table "${dependent.table.name}"`,
      })
      tables.set(dependent.table.oid, dependent.table)
      pending.push(dependent.table)
    }
  }
  for (const table of tables.values()) {
    // Rewriting the definition key conflicts with the share lock writers hold on it (see
    // table-lock.ts), so TRUNCATE waits for them and they for it, as PostgreSQL's ACCESS
    // EXCLUSIVE lock orders them.
    storeObject(context.transaction, table, context.catalog.nextOid)
    deleteAllRows(context.transaction, table)
    for (const index of table.indexes) deleteIndexEntries(context.transaction, index.oid)
  }
  if (truncate.restartIdentity) {
    for (const table of tables.values()) {
      for (const sequence of sequencesOwnedBy(context.catalog, table.oid)) {
        const next = alteredSequence(context, sequence, { restart: null })
        context.catalog = context.catalog.replacingRelation(sequence, next, 0)
        storeObject(context.transaction, next, context.catalog.nextOid)
      }
    }
  }
  return ddlResult('TRUNCATE TABLE', context)
}
