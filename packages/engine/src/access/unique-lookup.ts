/**
 * Unique lookups: the row that already holds a proposed row's key in the primary key or in a
 * unique index, found the way the uniqueness check of an insert finds it (the kernel's
 * getForUniqueness: this transaction's own newest version of the key, whatever its command,
 * else the version the statement's snapshot sees). INSERT ... ON CONFLICT asks this before
 * inserting; an uncommitted row of another transaction is not found here, and inserting then
 * waits for that transaction (the kernel's insertIfAbsent), so the question is asked again
 * once it has ended.
 */
import type { Index, Table } from '../catalog/index.js'
import type { KernelTransaction } from '../kernel/index.js'
import type { Row, Value } from '../types/index.js'
import { type IndexRowCompiler, indexWriter, uniqueEntryKey } from './index-access.js'
import { decodeRow } from './row-codec.js'
import { rowKey, tablePrefix } from './table-access.js'

/** A unique constraint a lookup goes through: the primary key or a unique index. */
export type UniqueArbiter =
  | { readonly kind: 'primaryKey' }
  | { readonly kind: 'index'; readonly index: Index }

/** A stored row and its kernel key. */
export interface KeyedRow {
  readonly key: Uint8Array
  readonly row: Value[]
}

/**
 * The row holding `row`'s key in `arbiter`, or undefined: none, or `row`'s key is not subject
 * to uniqueness there (a NULL in a key whose NULLs are distinct, a partial index that does not
 * hold `row`).
 */
export function findUniqueHolder(
  transaction: KernelTransaction,
  table: Table,
  arbiter: UniqueArbiter,
  row: Row,
  compiler: IndexRowCompiler | undefined,
): KeyedRow | undefined {
  const key = holderKey(transaction, table, arbiter, row, compiler)
  if (key === undefined) return undefined
  const value = transaction.getForUniqueness(key)
  if (value === undefined) return undefined
  return {
    key,
    row: decodeRow(
      value,
      table.columns.map((column) => column.type),
    ),
  }
}

/** The kernel key of the row holding `row`'s key in the arbiter (primary key: the key itself;
 * a unique index: read from the index entry). */
function holderKey(
  transaction: KernelTransaction,
  table: Table,
  arbiter: UniqueArbiter,
  row: Row,
  compiler: IndexRowCompiler | undefined,
): Uint8Array | undefined {
  if (arbiter.kind === 'primaryKey') {
    const primaryKey = table.primaryKey
    if (primaryKey === undefined) return undefined
    const values = primaryKey.columns.map((index) => row[index] ?? null)
    // A primary key column is NOT NULL: such a row fails its insert anyway.
    if (values.includes(null)) return undefined
    return rowKey(table, values)
  }
  const entryKey = uniqueEntryKey(indexWriter(table, arbiter.index, compiler), row)
  if (entryKey === undefined) return undefined
  const suffix = transaction.getForUniqueness(entryKey)
  if (suffix === undefined) return undefined
  const prefix = tablePrefix(table)
  const key = new Uint8Array(prefix.length + suffix.length)
  key.set(prefix)
  key.set(suffix, prefix.length)
  return key
}
