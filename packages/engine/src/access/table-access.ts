/**
 * Table access: rows of a table as kernel entries. A row's key is a prefix naming the table
 * followed by its encoded primary key (or a hidden row id); its value is the encoded row.
 *
 * Key format (version 1):
 *   u8   0x10  (table data)
 *   u32  table OID, big-endian
 *   ...  keycode of the primary key columns, ascending; or of the hidden row id (int8)
 *
 * Constraint checks that need storage (NOT NULL, primary key and unique index uniqueness)
 * happen here, and every write maintains the table's secondary indexes (index-access.ts), so
 * every path that writes rows enforces and maintains them.
 */
import type { Column, Table } from '../catalog/index.js'
import { SqlError, SqlState } from '../errors/index.js'
import type { KernelTransaction, KeyRange, ScanDirection } from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { compareBytes, encodeKey, type KeyColumn, prefixEnd } from '../lib/keycode.js'
import { formatValueText, type Row, type SqlType, type Value } from '../types/index.js'
import {
  deleteIndexEntriesOf,
  type IndexRowCompiler,
  indexWriters,
  insertIndexEntries,
  updateIndexEntries,
} from './index-access.js'
import { deleteIndexEntries } from './index-keys.js'
import { keyColumnOf } from './key-columns.js'
import { decodeRow, decodeRowAt, encodeRow } from './row-codec.js'

export { keyColumnOf }

const tableDataTag = 0x10

/** Per table (by OID: the prefix depends on nothing else), built once: every row written or
 * looked up needs it. */
const prefixes = new Map<number, Uint8Array>()

/** The key prefix of the table's rows. Shared: callers must not modify it. */
export function tablePrefix(table: Table): Uint8Array {
  const cached = prefixes.get(table.oid)
  if (cached !== undefined) return cached
  const prefix = new Uint8Array(5)
  prefix[0] = tableDataTag
  new DataView(prefix.buffer).setUint32(1, table.oid)
  prefixes.set(table.oid, prefix)
  return prefix
}

const ascending = { descending: false, nullsFirst: false } as const

/** Derived per table definition (Table objects are immutable snapshots of the catalog). */
const keyColumnsCache = new WeakMap<Table, readonly KeyColumn[]>()
const columnTypesCache = new WeakMap<Table, readonly SqlType[]>()

function keyColumnsOf(table: Table): readonly KeyColumn[] {
  const cached = keyColumnsCache.get(table)
  if (cached !== undefined) return cached
  const columns: KeyColumn[] =
    table.primaryKey === undefined
      ? [{ kind: 'integer', ...ascending }]
      : table.primaryKey.columns.map((index) => {
          const column = table.columns[index]
          assert(column !== undefined, 'primary key column exists')
          return keyColumnOf(column.type, ascending)
        })
  keyColumnsCache.set(table, columns)
  return columns
}

/** The full kernel key of a row with these primary key values (or row id). */
export function rowKey(table: Table, keyValues: readonly Value[]): Uint8Array {
  return withTablePrefix(table, rowKeySuffix(table, keyValues))
}

/** The row key after the table prefix: what index entries store to find the row. */
export function rowKeySuffix(table: Table, keyValues: readonly Value[]): Uint8Array {
  return encodeKey(keyValues, keyColumnsOf(table))
}

function withTablePrefix(table: Table, suffix: Uint8Array): Uint8Array {
  const prefix = tablePrefix(table)
  const key = new Uint8Array(prefix.length + suffix.length)
  key.set(prefix)
  key.set(suffix, prefix.length)
  return key
}

/** The row an index entry points at (its value is the row key suffix), as the statement's
 * snapshot sees it. */
export function getRowBySuffix(
  transaction: KernelTransaction,
  table: Table,
  suffix: Uint8Array,
): Value[] | undefined {
  const value = transaction.get(withTablePrefix(table, suffix))
  return value === undefined ? undefined : decodeRow(value, columnTypes(table))
}

/** The key range holding every row of the table. */
export function tableRange(table: Table): KeyRange {
  const prefix = tablePrefix(table)
  const end = prefixEnd(prefix)
  assert(end !== undefined, 'a table prefix has an end')
  return { lower: { key: prefix, inclusive: true }, upper: { key: end, inclusive: false } }
}

function columnTypes(table: Table): readonly SqlType[] {
  const cached = columnTypesCache.get(table)
  if (cached !== undefined) return cached
  const types = table.columns.map((column) => column.type)
  columnTypesCache.set(table, types)
  return types
}

/** The key range holding exactly the row with these primary key values (keys are prefix-free,
 * so only that key starts with itself). */
export function rowRange(table: Table, keyValues: readonly Value[]): KeyRange {
  const key = rowKey(table, keyValues)
  const end = prefixEnd(key)
  assert(end !== undefined, 'a row key has an end')
  return { lower: { key, inclusive: true }, upper: { key: end, inclusive: false } }
}

/** The row with these primary key values as the statement's snapshot sees it: one visible
 * version read by key, no range scan. */
export function getRow(
  transaction: KernelTransaction,
  table: Table,
  keyValues: readonly Value[],
): Value[] | undefined {
  const value = transaction.get(rowKey(table, keyValues))
  return value === undefined ? undefined : decodeRow(value, columnTypes(table))
}

export interface InsertOptions {
  /** Supplies the next hidden row id for tables without a primary key. */
  readonly nextRowId: () => bigint
  /** Compiles expression and partial index definitions (the SQL layer supplies it); only
   * needed when the table has such an index. */
  readonly indexRows?: IndexRowCompiler
  /** CHECK constraints (sql/execute/table-checks.ts): run after NOT NULL, before uniqueness,
   * as PostgreSQL's ExecConstraints orders them. */
  readonly checkRow?: ((row: Row) => void) | undefined
}

/** Inserts one row, enforcing NOT NULL, primary key and unique index uniqueness (23502,
 * 23505), and adds its index entries. Returns the row's kernel key. */
export function insertRow(
  transaction: KernelTransaction,
  table: Table,
  row: Row,
  options: InsertOptions,
): Uint8Array {
  assert(row.length === table.columns.length, 'row matches the table')
  checkRowConstraints(table, row, options)
  const keyValues =
    table.primaryKey === undefined
      ? [options.nextRowId()]
      : table.primaryKey.columns.map((index) => row[index] ?? null)
  const suffix = rowKeySuffix(table, keyValues)
  const key = withTablePrefix(table, suffix)
  const value = encodeRow(row, columnTypes(table))
  if (table.primaryKey === undefined) transaction.put(key, value)
  else if (!transaction.insertIfAbsent(key, value)) throw duplicateKey(table, keyValues)
  if (table.indexes.length > 0) {
    insertIndexEntries(transaction, table, indexWriters(table, options.indexRows), row, suffix)
  }
  return key
}

/** Deletes the row stored under `key` (as read by scanKeyedRows) and its index entries. */
export function deleteRow(
  transaction: KernelTransaction,
  table: Table,
  key: Uint8Array,
  row: Row,
  options: Pick<InsertOptions, 'indexRows'> = {},
): void {
  transaction.delete(key)
  if (table.indexes.length > 0) {
    const suffix = key.slice(tablePrefix(table).length)
    deleteIndexEntriesOf(transaction, indexWriters(table, options.indexRows), row, suffix)
  }
}

/** NOT NULL (23502), then CHECK constraints: what every written row passes before uniqueness.
 * INSERT ... ON CONFLICT checks a proposed row before looking for a conflicting one, as
 * PostgreSQL does (then insertRow checks it again). */
export function checkRowConstraints(
  table: Table,
  row: Row,
  options: Pick<InsertOptions, 'checkRow'>,
): void {
  checkNotNull(table, row)
  options.checkRow?.(row)
}

function checkNotNull(table: Table, row: Row): void {
  table.columns.forEach((column: Column, index: number) => {
    if (column.isNotNull && row[index] === null) {
      throw new SqlError(
        SqlState.notNullViolation,
        `null value in column "${column.name}" of relation "${table.name}" violates not-null constraint`,
        {
          detail: `Failing row contains (${failingRowText(table, row)}).`,
          schema: table.schema,
          table: table.name,
          column: column.name,
        },
      )
    }
  })
}

/** A row as the DETAIL "Failing row contains (...)" shows it: PostgreSQL shows at most 64
 * bytes of each value, then "...". */
export function failingRowText(table: Table, row: Row): string {
  return row
    .map((value, i) => {
      const text = formatValueText(value, table.columns[i]?.type ?? 0) ?? 'null'
      if (Buffer.byteLength(text) <= 64) return text
      let cut = text
      while (Buffer.byteLength(cut) > 64) cut = cut.slice(0, -1)
      return `${cut}...`
    })
    .join(', ')
}

function duplicateKey(table: Table, keyValues: readonly Value[]): SqlError {
  const primaryKey = table.primaryKey
  assert(primaryKey !== undefined, 'only primary keys are checked for duplicates')
  const names = primaryKey.columns.map((index) => table.columns[index]?.name ?? '?')
  const values = keyValues.map((value, i) => {
    const column = table.columns[primaryKey.columns[i] ?? -1]
    return formatValueText(value, column?.type ?? 0) ?? 'null'
  })
  return new SqlError(
    SqlState.uniqueViolation,
    `duplicate key value violates unique constraint "${primaryKey.name}"`,
    {
      detail: `Key (${names.join(', ')})=(${values.join(', ')}) already exists.`,
      schema: table.schema,
      table: table.name,
      constraint: primaryKey.name,
    },
  )
}

/** Rows of the table with their kernel keys (UPDATE and DELETE change rows by key). */
export function* scanKeyedRows(
  transaction: KernelTransaction,
  table: Table,
  range: KeyRange = tableRange(table),
  direction: ScanDirection = 'forward',
): Generator<{ key: Uint8Array; row: Value[] }> {
  const types = columnTypes(table)
  for (const entry of transaction.scan(range, direction)) {
    yield { key: entry.key, row: decodeRow(entry.value, types) }
  }
}

/** Replaces the row `previous` stored under `key` by `row`: in place when its key stays, else
 * delete and insert (with uniqueness); index entries move where their key changes. Returns the
 * row's kernel key afterwards. */
export function updateRow(
  transaction: KernelTransaction,
  table: Table,
  key: Uint8Array,
  change: { readonly previous: Row; readonly row: Row },
  options: InsertOptions,
): Uint8Array {
  const { previous, row } = change
  checkRowConstraints(table, row, options)
  const primaryKey = table.primaryKey
  const previousSuffix = key.slice(tablePrefix(table).length)
  let nextSuffix: Uint8Array = previousSuffix
  if (primaryKey !== undefined) {
    const keyValues = primaryKey.columns.map((index) => row[index] ?? null)
    const newSuffix = rowKeySuffix(table, keyValues)
    if (compareBytes(newSuffix, previousSuffix) !== 0) {
      transaction.delete(key)
      const value = encodeRow(row, columnTypes(table))
      if (!transaction.insertIfAbsent(withTablePrefix(table, newSuffix), value)) {
        throw duplicateKey(table, keyValues)
      }
      nextSuffix = newSuffix
    }
  }
  if (nextSuffix === previousSuffix) transaction.put(key, encodeRow(row, columnTypes(table)))
  if (table.indexes.length > 0) {
    updateIndexEntries(transaction, table, indexWriters(table, options.indexRows), {
      previous,
      previousSuffix,
      next: row,
      nextSuffix,
    })
  }
  return nextSuffix === previousSuffix ? key : withTablePrefix(table, nextSuffix)
}

/** Rows of the table within `range` (default: all), in key order. */
export function* scanRows(
  transaction: KernelTransaction,
  table: Table,
  range: KeyRange = tableRange(table),
  direction: ScanDirection = 'forward',
): Generator<Value[]> {
  const types = columnTypes(table)
  if (direction === 'forward') {
    for (const batch of transaction.scanBatches(range, (bytes, start, end) =>
      decodeRowAt(bytes, start, end, types),
    )) {
      yield* batch
    }
    return
  }
  for (const entry of transaction.scan(range, direction)) yield decodeRow(entry.value, types)
}

/** The largest hidden row id stored in a table without a primary key (0 when empty). */
export function lastRowId(transaction: KernelTransaction, table: Table): bigint {
  assert(table.primaryKey === undefined, 'only tables without a primary key have row ids')
  for (const entry of transaction.scan(tableRange(table), 'backward')) {
    // Key: prefix, then keycode of an int8: tag 0x02 and 8 bytes with the sign bit flipped.
    // Keys of another shape are rows keyed by a primary key the statement is dropping (ALTER
    // TABLE rewrites them): ids then start past any integer key, else at 1.
    const offset = tablePrefix(table).length + 1
    if (entry.key.length !== offset + 8) return 0n
    const view = new DataView(entry.key.buffer, entry.key.byteOffset + offset, 8)
    return BigInt.asIntN(64, view.getBigUint64(0) ^ 0x8000_0000_0000_0000n)
  }
  return 0n
}

/** Deletes every row of the table and every entry of its indexes; returns how many rows. */
export function deleteAllRows(transaction: KernelTransaction, table: Table): number {
  let count = 0
  for (const entry of transaction.scan(tableRange(table), 'forward')) {
    transaction.delete(entry.key)
    count++
  }
  for (const index of table.indexes) deleteIndexEntries(transaction, index.oid)
  return count
}
