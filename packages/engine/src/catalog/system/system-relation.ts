/**
 * System relations (pg_catalog's tables and views, information_schema's views) as read-only
 * relations computed from the live catalog: a scan of one (plan node SystemScan) asks its
 * definition for rows built from the Catalog value the statement runs against, which is the
 * transaction's own version, so a table created earlier in the transaction is in its pg_class
 * and one created by an uncommitted transaction is not. Nothing is copied into tables.
 *
 * Columns are declared in PostgreSQL's own notation (`name:type`, as `format_type` prints
 * pg_attribute); types bkg-db does not have are stood in for (see standInTypes). A definition
 * yields rows as records by column name; a column it leaves out is NULL.
 */

import { SqlError, SqlState } from '../../errors/index.js'
import { arrayOf, type Row, type SqlType, sqlTypes, type Value } from '../../types/index.js'
import type { Catalog, SearchPath } from '../index.js'

/** What computing a system relation's rows may read besides the catalog. */
export interface SystemSource {
  readonly catalog: Catalog
  readonly searchPath: SearchPath
  /** The current role (pg_authid is readable by superusers only). */
  readonly user: string
  readonly databaseName: string
  /** A setting's current value, undefined when it is not set (pg_settings, pg_database). */
  readonly setting: (name: string) => string | undefined
  /** PostgreSQL's quote_ident (the keyword list lives with the SQL functions). */
  readonly quoteIdent: (name: string) => string
  /** Every setting with its value (pg_settings); absent where no session runs the scan. */
  readonly settings?: () => Iterable<{ readonly name: string; readonly value: string }>
  /** The database's open sessions (pg_stat_activity); absent where no session runs the scan. */
  readonly activities?: () => Iterable<BackendActivity>
}

/** What pg_stat_activity shows of one session (session/engine-session.ts fills it in). */
export interface BackendActivity {
  readonly pid: number
  /** The role it logged in as. */
  readonly user: string
  readonly applicationName: string
  /** µs since 2000-01-01 UTC, as timestamptz values are; undefined: NULL. */
  readonly backendStart: bigint
  readonly transactionStart: bigint | undefined
  readonly queryStart: bigint | undefined
  readonly stateChange: bigint | undefined
  readonly state: 'active' | 'idle' | 'idle in transaction' | 'idle in transaction (aborted)'
  /** The running statement's text, else the last one's ('' before the first). */
  readonly query: string
}

export interface SystemColumn {
  readonly name: string
  readonly type: SqlType
}

export type SystemRecord = Readonly<Record<string, Value>>

export interface SystemRelation {
  readonly kind: 'system'
  /** PostgreSQL 15's pg_class OID for it. */
  readonly oid: number
  readonly schema: 'pg_catalog' | 'information_schema'
  readonly name: string
  /** 'r' catalog table, 'v' view (pg_class.relkind). */
  readonly relkind: 'r' | 'v'
  readonly columns: readonly SystemColumn[]
  readonly rows: (source: SystemSource) => Iterable<SystemRecord>
}

/**
 * Types of PostgreSQL's catalog columns that bkg-db does not implement, and what stands in:
 * the same values in a related type (an int2vector is an int2 array, printed `{1,2}` rather
 * than `1 2`; a pg_node_tree is shown as the expression's text).
 */
const standInTypes: Readonly<Record<string, SqlType>> = {
  xid: sqlTypes.int8,
  'aclitem[]': arrayOf(sqlTypes.text),
  pg_node_tree: sqlTypes.text,
  int2vector: arrayOf(sqlTypes.int2),
  oidvector: arrayOf(sqlTypes.oid),
  anyarray: sqlTypes.text,
}

const typesByName: Readonly<Record<string, SqlType>> = {
  oid: sqlTypes.oid,
  name: sqlTypes.name,
  smallint: sqlTypes.int2,
  integer: sqlTypes.int4,
  bigint: sqlTypes.int8,
  real: sqlTypes.float4,
  boolean: sqlTypes.bool,
  '"char"': sqlTypes.char,
  text: sqlTypes.text,
  bytea: sqlTypes.bytea,
  regproc: sqlTypes.regproc,
  regtype: sqlTypes.regtype,
  regclass: sqlTypes.regclass,
  'timestamp with time zone': sqlTypes.timestamptz,
  timestamptz: sqlTypes.timestamptz,
  'text[]': arrayOf(sqlTypes.text),
  'oid[]': arrayOf(sqlTypes.oid),
  'smallint[]': arrayOf(sqlTypes.int2),
  '"char"[]': arrayOf(sqlTypes.char),
  'name[]': arrayOf(sqlTypes.name),
  // information_schema's domains, by their base types.
  sql_identifier: sqlTypes.name,
  cardinal_number: sqlTypes.int4,
  character_data: sqlTypes.varchar,
  yes_or_no: sqlTypes.varchar,
  time_stamp: sqlTypes.timestamptz,
  ...standInTypes,
}

/** Columns from `name:type name:type ...` (a type may contain spaces: `timestamp with time
 * zone`; names never do, and every column has a colon). */
export function columnsOf(spec: string): SystemColumn[] {
  const columns: SystemColumn[] = []
  for (const match of spec.matchAll(/(\w+):((?:[^:\s]+)(?: (?!\w+:)[^:\s]+)*)/g)) {
    const [, name = '', typeName = ''] = match
    const type = typesByName[typeName]
    if (type === undefined) throw new SqlError(SqlState.internalError, `no type ${typeName}`)
    columns.push({ name, type })
  }
  return columns
}

/** The rows of `relation` in its column order. */
export function* systemRows(relation: SystemRelation, source: SystemSource): Iterable<Row> {
  for (const record of relation.rows(source)) {
    yield relation.columns.map((column) => record[column.name] ?? null)
  }
}
