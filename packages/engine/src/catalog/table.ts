/**
 * Catalog entries for tables: plain, immutable data. A table's rows live in the kernel under
 * keys prefixed by its OID (see access/table-access.ts); its secondary indexes, constraints and
 * column defaults are part of its definition, so a table value is everything a write needs
 * (PostgreSQL's relcache entry, not its many catalog rows).
 */
import type { Node } from '../sql/parse/index.js'
import type { SqlType } from '../types/index.js'
import type { Policy, RowSecurityFlags } from './policies.js'

/**
 * An expression stored in the catalog (a default, a CHECK condition, an index expression or
 * predicate, a generated column): the parser's AST with source locations removed, bound anew
 * where it is used, and the text as written, for display (pg_get_expr, psql's \d).
 * The AST is libpg-query's (PostgreSQL 18 grammar, pinned): a parser upgrade across grammar
 * versions must migrate stored expressions.
 */
export interface StoredExpression {
  readonly node: Node
  readonly text: string
}

export type IdentityKind = 'always' | 'by default'

export interface Column {
  readonly name: string
  /** attnum: 1-based position in the table. */
  readonly number: number
  readonly type: SqlType
  readonly isNotNull: boolean
  /** DEFAULT expression; serial columns have `nextval('<sequence>'::regclass)`. */
  readonly default?: StoredExpression | undefined
  /** GENERATED ALWAYS AS (expression) STORED: computed on every write, never assigned. */
  readonly generated?: StoredExpression | undefined
  /** GENERATED ALWAYS | BY DEFAULT AS IDENTITY, drawing from the sequence with this OID. */
  readonly identity?: { readonly kind: IdentityKind; readonly sequence: number } | undefined
  /** COMMENT ON COLUMN. */
  readonly comment?: string | undefined
}

export interface PrimaryKey {
  /** The OID of the constraint's index (the table's clustered key). */
  readonly oid: number
  /** The constraint's name (and its index's), PostgreSQL-style: `<table>_pkey`. */
  readonly name: string
  /** Indexes into `Table.columns`, in key order. */
  readonly columns: readonly number[]
  /** COMMENT ON INDEX of the key's index. */
  readonly comment?: string | undefined
}

/** One key of a secondary index: a column or an expression over the table's columns. */
export interface IndexKey {
  /** Index into `Table.columns`, or undefined for an expression key. */
  readonly column: number | undefined
  readonly expression: StoredExpression | undefined
  readonly descending: boolean
  readonly nullsFirst: boolean
}

/**
 * A secondary index: entries map the index key (then the row's primary key, which makes every
 * entry unique and finds the row) to nothing. Lives in the relation namespace of the table's
 * schema, so its name cannot collide with a table's.
 */
export interface Index {
  readonly oid: number
  readonly name: string
  readonly keys: readonly IndexKey[]
  /** INCLUDE columns (indexes into `Table.columns`): stored, not part of the key. */
  readonly include: readonly number[]
  readonly isUnique: boolean
  /** UNIQUE NULLS NOT DISTINCT: two NULL keys conflict. */
  readonly nullsNotDistinct: boolean
  /** WHERE predicate of a partial index. */
  readonly predicate: StoredExpression | undefined
  /** The index enforces a UNIQUE constraint of the same name (dropped with it; DROP INDEX on it
   * is refused, as in PostgreSQL). */
  readonly isConstraint: boolean
  /** COMMENT ON INDEX. */
  readonly comment?: string | undefined
}

export interface CheckConstraint {
  readonly oid: number
  readonly name: string
  readonly expression: StoredExpression
  /** NOT VALID: existing rows were not checked. */
  readonly isValidated: boolean
}

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default'

export interface ForeignKey {
  readonly oid: number
  readonly name: string
  /** Referencing columns (indexes into this table's columns). */
  readonly columns: readonly number[]
  /** The referenced table's OID and its columns (indexes into its columns), which carry a
   * primary key or unique constraint. */
  readonly referencedTable: number
  readonly referencedColumns: readonly number[]
  /** The OID of the referenced table's unique index (or primary key) whose columns are
   * exactly the referenced columns: lookups go through it, and it cannot be dropped while the
   * key exists. Absent in definitions stored before it was recorded: the primary key. */
  readonly referencedIndex?: number | undefined
  readonly onDelete: ReferentialAction
  readonly onUpdate: ReferentialAction
  /** ON DELETE SET NULL / SET DEFAULT (columns): only these referencing columns are set. */
  readonly deleteSetColumns?: readonly number[] | undefined
  readonly match: 'simple' | 'full'
  readonly isDeferrable: boolean
  readonly isInitiallyDeferred: boolean
  readonly isValidated: boolean
}

export interface Table {
  readonly kind: 'table'
  readonly oid: number
  readonly schema: string
  readonly name: string
  /** The owning role's name (the creating role; ALTER ... OWNER TO changes it). */
  readonly owner: string
  readonly columns: readonly Column[]
  /** Absent for tables without a primary key; their rows are keyed by a hidden row id. */
  readonly primaryKey: PrimaryKey | undefined
  readonly indexes: readonly Index[]
  readonly checks: readonly CheckConstraint[]
  readonly foreignKeys: readonly ForeignKey[]
  /** COMMENT ON TABLE. */
  readonly comment?: string | undefined
  /** ALTER TABLE ... ENABLE / FORCE ROW LEVEL SECURITY; absent: both off (policies.ts). */
  readonly rowSecurity?: RowSecurityFlags | undefined
  /** CREATE POLICY; absent: none (policies.ts). */
  readonly policies?: readonly Policy[] | undefined
}

/** A table definition with no indexes or constraints beyond its primary key. */
export function plainTable(
  definition: Pick<Table, 'oid' | 'schema' | 'name' | 'columns' | 'primaryKey'> & {
    readonly owner?: string
  },
): Table {
  return {
    kind: 'table',
    owner: 'postgres',
    ...definition,
    indexes: [],
    checks: [],
    foreignKeys: [],
  }
}
