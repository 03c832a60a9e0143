/** Table-level locking for DML statements (see lockTableShared). */
import { type Table, tableKey } from '../../catalog/index.js'
import type { ExecutionContext } from './execution-context.js'

/**
 * A writer share-locks its table's catalog entry until its transaction ends, so a concurrent
 * DROP TABLE (which deletes that entry) waits for it, and a writer that comes after an
 * uncommitted DROP waits, then finds the table gone: PostgreSQL's ROW EXCLUSIVE vs ACCESS
 * EXCLUSIVE table locks, for the statements the engine has.
 */
export function lockTableShared(context: ExecutionContext, table: Table): void {
  context.transaction.lock(tableKey(table.oid), 'share', 'wait')
}
