/**
 * RowIds: the hidden row ids of tables without a primary key. Like a sequence they are not
 * transactional (a rolled-back insert leaves a gap) and never reused: after a restart the counter
 * resumes past the largest id stored, found once per table by reading its last key.
 */
import { lastRowId } from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import type { KernelTransaction } from '../../kernel/index.js'

export class RowIds {
  readonly #last = new Map<number, bigint>()

  next(table: Table, transaction: KernelTransaction): bigint {
    const last = this.#last.get(table.oid) ?? lastRowId(transaction, table)
    const next = last + 1n
    this.#last.set(table.oid, next)
    return next
  }
}
