/**
 * The referenced side of a foreign key: the unique key its values are looked up by, which is
 * the referenced table's primary key or one of its unique indexes (PostgreSQL's conindid;
 * `ForeignKey.referencedIndex`). Values arrive in the foreign key's column order; this file
 * rearranges them into the key's order and encodes them as that key stores them, so that two
 * value lists are the same key exactly when their encodings are equal, and a lookup is one
 * read of the primary key or of the unique index entry (then of the row it points at).
 */
import { encodeIndexPrefix, indexWriter, rowKey, tablePrefix } from '../../access/index.js'
import type { ForeignKey, Index, Table } from '../../catalog/index.js'
import type { KernelTransaction } from '../../kernel/index.js'
import type { Value } from '../../types/index.js'

/** The unique index the foreign key references, or undefined for the primary key. */
export function referencedIndexOf(referenced: Table, key: ForeignKey): Index | undefined {
  if (key.referencedIndex === undefined) return undefined
  if (referenced.primaryKey?.oid === key.referencedIndex) return undefined
  return referenced.indexes.find((index) => index.oid === key.referencedIndex)
}

/** The referenced key of non-null `values` (in the foreign key's column order), encoded: the
 * row's kernel key for a primary key, the index entry's key for a unique index. */
export function referencedKeyBytes(
  referenced: Table,
  key: ForeignKey,
  values: readonly Value[],
): Uint8Array {
  const index = referencedIndexOf(referenced, key)
  const inOrder = (columns: readonly (number | undefined)[]): Value[] =>
    columns.map((column) =>
      column === undefined ? null : (values[key.referencedColumns.indexOf(column)] ?? null),
    )
  if (index === undefined) return rowKey(referenced, inOrder(referenced.primaryKey?.columns ?? []))
  // A unique index entry whose key holds no NULL is the index key alone (index-access.ts).
  const writer = indexWriter(referenced, index)
  return encodeIndexPrefix(writer, inOrder(index.keys.map((indexKey) => indexKey.column)))
}

/** The kernel key of the referenced row holding non-null `values`, counting this
 * transaction's own writes (as uniqueness checks do); undefined when there is none. */
export function findReferencedRow(
  transaction: KernelTransaction,
  referenced: Table,
  key: ForeignKey,
  values: readonly Value[],
): Uint8Array | undefined {
  const target = referencedKeyBytes(referenced, key, values)
  const found = transaction.getForUniqueness(target)
  if (found === undefined) return undefined
  if (referencedIndexOf(referenced, key) === undefined) return target
  // An index entry's value is the row key after the table prefix.
  const prefix = tablePrefix(referenced)
  const rowKeyBytes = new Uint8Array(prefix.length + found.length)
  rowKeyBytes.set(prefix)
  rowKeyBytes.set(found, prefix.length)
  return rowKeyBytes
}
