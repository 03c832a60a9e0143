/**
 * Catalog entries for tables: plain, immutable data. A table's rows live in the kernel under
 * keys prefixed by its OID (see access/table-keys.ts).
 */
import type { SqlType } from '../types/index.js'

export interface Column {
  readonly name: string
  /** attnum: 1-based position in the table. */
  readonly number: number
  readonly type: SqlType
  readonly isNotNull: boolean
}

export interface PrimaryKey {
  /** The constraint's name (and its index's), PostgreSQL-style: `<table>_pkey`. */
  readonly name: string
  /** Indexes into `Table.columns`, in key order. */
  readonly columns: readonly number[]
}

export interface Table {
  readonly oid: number
  readonly schema: string
  readonly name: string
  readonly columns: readonly Column[]
  /** Absent for tables without a primary key; their rows are keyed by a hidden row id. */
  readonly primaryKey: PrimaryKey | undefined
}
