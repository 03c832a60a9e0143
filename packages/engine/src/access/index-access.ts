/**
 * Index access: secondary index entries as kernel entries, kept in step with the rows by every
 * write path (table-access.ts calls in here), and read back by index scans.
 *
 * Entry format (version 1):
 *   key    0x11 | u32 index OID | keycode(index key values, in the index's ASC/DESC and
 *          NULLS FIRST/LAST order) [| keycode(row key)]
 *   value  keycode(row key): the primary key (or hidden row id) suffix of the row's own key,
 *          so the row is found with one get of tablePrefix + value, without decoding the key
 * The row key is appended to the entry key of a non-unique index (so entries of equal index
 * keys differ), and of a unique index when the key holds a NULL and NULLs are distinct (then
 * the key may repeat). Otherwise a unique index's entry key is the index key alone: a second
 * live row with that key would write the same kernel key, so uniqueness is the kernel's
 * `insertIfAbsent`, exactly as for the primary key: duplicates within a statement are seen,
 * a concurrent uncommitted writer of the key is waited for (then the insert fails if it
 * committed, proceeds if it rolled back), and a key deleted by a committed transaction is free.
 *
 * Entries are versioned by the kernel like rows and written in the same transaction as the row
 * version they describe, so an entry is visible exactly when that row version is; vacuum drops
 * dead entries with dead rows. INCLUDE columns are not stored: every index scan fetches the row.
 *
 * Keys of expression indexes and the predicates of partial indexes are SQL expressions: the SQL
 * layer compiles them (IndexRowCompiler); indexes on plain columns need no compiler.
 */
import type { Index, Table } from '../catalog/index.js'
import { SqlError, SqlState } from '../errors/index.js'
import type { KernelTransaction, KeyRange } from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { encodeKey, type KeyColumn, prefixEnd } from '../lib/keycode.js'
import { formatValueText, type Row, type SqlType, type Value } from '../types/index.js'
import { indexPrefix } from './index-keys.js'
import { keyColumnOf } from './key-columns.js'

/** What maintenance needs of one index, for rows of its table. */
export interface IndexRowFunctions {
  /** The type of each key (a column's type, or an expression's result type). */
  readonly keyTypes: readonly SqlType[]
  /** The index key values of a row. */
  readonly keyValues: (row: Row) => Value[]
  /** Whether a partial index holds the row (its predicate is true); undefined: every row. */
  readonly holds: ((row: Row) => boolean) | undefined
  /** How each key is shown in a 23505 detail: the column name, or the expression's text. */
  readonly keyLabels: readonly string[]
}

/** Supplied by the SQL layer: binds and compiles an index's expressions for its table. */
export type IndexRowCompiler = (table: Table, index: Index) => IndexRowFunctions

/** One index of a table, ready for maintenance. */
export interface IndexWriter {
  readonly index: Index
  readonly functions: IndexRowFunctions
  readonly keyColumns: readonly KeyColumn[]
  readonly prefix: Uint8Array
}

/** Per table definition (immutable catalog snapshots), built once: every write needs them. */
const writersCache = new WeakMap<Table, readonly IndexWriter[]>()

/** Index functions of an index on plain columns (no expression, no predicate). */
export function columnIndexFunctions(table: Table, index: Index): IndexRowFunctions {
  assert(index.predicate === undefined, 'a partial index needs the SQL layer')
  const positions = index.keys.map((key) => {
    assert(key.column !== undefined, 'an expression index needs the SQL layer')
    return key.column
  })
  return {
    keyTypes: positions.map((position) => {
      const column = table.columns[position]
      assert(column !== undefined, 'index column exists')
      return column.type
    }),
    keyValues: (row) => positions.map((position) => row[position] ?? null),
    holds: undefined,
    keyLabels: positions.map((position) => table.columns[position]?.name ?? '?'),
  }
}

function needsCompiler(index: Index): boolean {
  return index.predicate !== undefined || index.keys.some((key) => key.column === undefined)
}

/** The maintenance view of every index of the table. */
export function indexWriters(table: Table, compiler?: IndexRowCompiler): readonly IndexWriter[] {
  if (table.indexes.length === 0) return []
  const cached = writersCache.get(table)
  if (cached !== undefined) return cached
  const writers = table.indexes.map((index) => indexWriter(table, index, compiler))
  writersCache.set(table, writers)
  return writers
}

/** Per table definition and index, as indexWriters: scans need them on every execution. */
const writerCache = new WeakMap<Table, Map<number, IndexWriter>>()

/** The maintenance and lookup view of one index of the table. */
export function indexWriter(table: Table, index: Index, compiler?: IndexRowCompiler): IndexWriter {
  let perTable = writerCache.get(table)
  if (perTable === undefined) {
    perTable = new Map()
    writerCache.set(table, perTable)
  }
  const cached = perTable.get(index.oid)
  if (cached !== undefined && cached.index === index) return cached
  const writer = buildWriter(table, index, compiler)
  perTable.set(index.oid, writer)
  return writer
}

function buildWriter(table: Table, index: Index, compiler?: IndexRowCompiler): IndexWriter {
  let functions: IndexRowFunctions
  if (needsCompiler(index)) {
    if (compiler === undefined) {
      throw new SqlError(
        SqlState.internalError,
        `index "${index.name}" needs its expressions compiled`,
      )
    }
    functions = compiler(table, index)
  } else {
    functions = columnIndexFunctions(table, index)
  }
  const keyColumns = index.keys.map((key, i) => {
    const type = functions.keyTypes[i]
    assert(type !== undefined, 'every index key has a type')
    return keyColumnOf(type, { descending: key.descending, nullsFirst: key.nullsFirst })
  })
  return { index, functions, keyColumns, prefix: indexPrefix(index.oid) }
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** The entry key of `row` in the index (undefined when a partial index does not hold it), and
 * whether the key is subject to the uniqueness check. */
function entryKey(
  writer: IndexWriter,
  row: Row,
  rowSuffix: Uint8Array,
): { key: Uint8Array; isChecked: boolean; values: Value[] } | undefined {
  const { functions, index } = writer
  if (functions.holds !== undefined && !functions.holds(row)) return undefined
  const values = functions.keyValues(row)
  const encoded = encodeKey(values, writer.keyColumns)
  const isChecked = index.isUnique && (index.nullsNotDistinct || !values.includes(null))
  const key = isChecked ? concat(writer.prefix, encoded) : concat(writer.prefix, encoded, rowSuffix)
  return { key, isChecked, values }
}

/** The entry key `row` has in a unique index when it is subject to the uniqueness check, or
 * undefined (a partial index that does not hold the row, a key with a NULL that is distinct):
 * the key under which another row with the same key would be found. */
export function uniqueEntryKey(writer: IndexWriter, row: Row): Uint8Array | undefined {
  const entry = entryKey(writer, row, new Uint8Array(0))
  return entry?.isChecked === true ? entry.key : undefined
}

/** Adds the row's entries to every index (23505 on a unique index that has the key). */
export function insertIndexEntries(
  transaction: KernelTransaction,
  table: Table,
  writers: readonly IndexWriter[],
  row: Row,
  rowSuffix: Uint8Array,
): void {
  for (const writer of writers) insertEntry(transaction, table, writer, row, rowSuffix)
}

function insertEntry(
  transaction: KernelTransaction,
  table: Table,
  writer: IndexWriter,
  row: Row,
  rowSuffix: Uint8Array,
): void {
  const entry = entryKey(writer, row, rowSuffix)
  if (entry === undefined) return
  if (!entry.isChecked) transaction.put(entry.key, rowSuffix)
  else if (!transaction.insertIfAbsent(entry.key, rowSuffix)) {
    throw duplicateIndexKey(table, writer, entry.values)
  }
}

/** Removes the row's entries from every index. */
export function deleteIndexEntriesOf(
  transaction: KernelTransaction,
  writers: readonly IndexWriter[],
  row: Row,
  rowSuffix: Uint8Array,
): void {
  for (const writer of writers) {
    const entry = entryKey(writer, row, rowSuffix)
    if (entry !== undefined) transaction.delete(entry.key)
  }
}

/** Moves the row's entries from `previous` to `next`: only where an index's entry changes
 * (its key, its row key, or whether a partial index holds the row). */
export function updateIndexEntries(
  transaction: KernelTransaction,
  table: Table,
  writers: readonly IndexWriter[],
  change: {
    readonly previous: Row
    readonly previousSuffix: Uint8Array
    readonly next: Row
    readonly nextSuffix: Uint8Array
  },
): void {
  const isSameRowKey = sameBytes(change.previousSuffix, change.nextSuffix)
  for (const writer of writers) {
    const before = entryKey(writer, change.previous, change.previousSuffix)
    const after = entryKey(writer, change.next, change.nextSuffix)
    if (before !== undefined && after !== undefined) {
      if (isSameRowKey && sameBytes(before.key, after.key)) continue
    }
    if (before !== undefined) transaction.delete(before.key)
    if (after !== undefined) insertEntry(transaction, table, writer, change.next, change.nextSuffix)
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** PostgreSQL's 23505 for a unique index: `Key (a, b)=(1, x) already exists.` */
export function duplicateIndexKey(
  table: Table,
  writer: IndexWriter,
  values: readonly Value[],
): SqlError {
  return new SqlError(
    SqlState.uniqueViolation,
    `duplicate key value violates unique constraint "${writer.index.name}"`,
    {
      detail: `Key ${describeKey(writer, values)} already exists.`,
      schema: table.schema,
      table: table.name,
      constraint: writer.index.name,
    },
  )
}

/** `(a, b)=(1, x)`, as PostgreSQL shows an index key in messages. */
export function describeKey(writer: IndexWriter, values: readonly Value[]): string {
  const shown = values.map((value, i) => {
    const type = writer.functions.keyTypes[i]
    return formatValueText(value, type ?? 0) ?? 'null'
  })
  return `(${writer.functions.keyLabels.join(', ')})=(${shown.join(', ')})`
}

/**
 * Builds the index over the table's existing rows (CREATE INDEX, a UNIQUE constraint added to
 * a table). A unique index refuses existing duplicates with PostgreSQL's 23505
 * `could not create unique index`.
 */
export function buildIndex(
  transaction: KernelTransaction,
  table: Table,
  writer: IndexWriter,
  rows: Iterable<{ readonly row: Row; readonly rowSuffix: Uint8Array }>,
): void {
  for (const { row, rowSuffix } of rows) {
    try {
      insertEntry(transaction, table, writer, row, rowSuffix)
    } catch (error: unknown) {
      if (error instanceof SqlError && error.code === SqlState.uniqueViolation) {
        const entry = entryKey(writer, row, rowSuffix)
        throw new SqlError(
          SqlState.uniqueViolation,
          `could not create unique index "${writer.index.name}"`,
          {
            detail: `Key ${describeKey(writer, entry?.values ?? [])} is duplicated.`,
            schema: table.schema,
            table: table.name,
            constraint: writer.index.name,
          },
        )
      }
      throw error
    }
  }
}

/** The range of entries whose key starts with `prefixValues` encoded for the first keys (all
 * entries when empty). */
export function indexPrefixRange(writer: IndexWriter, prefixValues: readonly Value[]): KeyRange {
  const encoded = encodeKey(prefixValues, writer.keyColumns.slice(0, prefixValues.length))
  const start = concat(writer.prefix, encoded)
  const end = prefixEnd(start)
  assert(end !== undefined, 'an index key prefix has an end')
  return { lower: { key: start, inclusive: true }, upper: { key: end, inclusive: false } }
}

/** The index key prefix of `values` for the first keys (no entry prefix). */
export function encodeIndexPrefix(writer: IndexWriter, values: readonly Value[]): Uint8Array {
  return concat(writer.prefix, encodeKey(values, writer.keyColumns.slice(0, values.length)))
}

export { concat as concatBytes }
