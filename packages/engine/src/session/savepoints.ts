/**
 * Savepoints of a transaction block, as the session keeps them: each name with its kernel
 * depth (kernel.ts: the kernel undoes the rows and row locks) and what the session itself must
 * put back on ROLLBACK TO: the catalog version (DDL since the savepoint), the SET values, and
 * the READ ONLY mode. Names may repeat; the newest savepoint of a name is the one meant, and
 * RELEASE or ROLLBACK TO of it also ends every savepoint taken inside it (PostgreSQL's rules).
 */
import type { Catalog } from '../catalog/index.js'
import { SqlError, SqlState } from '../errors/index.js'
import type { DeferredMark } from '../sql/execute/index.js'
import type { SettingsMark } from './settings.js'

export interface Savepoint {
  readonly name: string
  /** The kernel transaction's savepoint depth (1 for the outermost). */
  readonly depth: number
  readonly catalog: Catalog
  readonly baseCatalogVersion: number
  readonly settings: SettingsMark
  readonly isReadOnly: boolean
  /** Deferred constraint checks and SET CONSTRAINTS modes at the savepoint. */
  readonly deferred: DeferredMark
}

/** The index of the newest savepoint named `name`; 3B001 when there is none. Linear in the
 * number of open savepoints, which the statements of the block bound. */
export function findSavepoint(savepoints: readonly Savepoint[], name: string): number {
  for (let index = savepoints.length - 1; index >= 0; index--) {
    if (savepoints[index]?.name === name) return index
  }
  throw new SqlError(SqlState.invalidSavepointSpecification, `savepoint "${name}" does not exist`)
}

/** 25P01 for SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT outside a block (an
 * implicit transaction of several statements is not a block either). */
export function notInTransactionBlock(command: string): SqlError {
  return new SqlError(
    SqlState.noActiveSqlTransaction,
    `${command} can only be used in transaction blocks`,
  )
}
