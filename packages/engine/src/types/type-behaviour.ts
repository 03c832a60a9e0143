/**
 * What every SQL type can do, as one object per type kind (behaviours.ts maps kinds to them):
 * text input and output (PostgreSQL's typinput/typoutput, with its error wording), binary send
 * and receive (PostgreSQL's typsend/typreceive format: what pgwire's binary mode carries and
 * what rows store on disk), comparison (the btree order), a hash key (equal values, equal keys)
 * and the order-preserving key encoding used by indexes.
 *
 * A behaviour gets the SqlType with each call because one kind covers many types: varchar(10)
 * and varchar(20), every array type, every enum.
 */
import type { KeyWriter } from '../lib/keycode.js'
import type { SqlType } from './sql-type.js'
import type { Value } from './value.js'

/** Session settings that change how values read and print. */
export interface TypeContext {
  /** IANA zone name or a fixed offset as PostgreSQL accepts it ('UTC', 'Europe/Paris', '+02'). */
  readonly timeZone: string
  /** 'ISO, MDY' (PostgreSQL's default), 'ISO, DMY', 'SQL, DMY', 'Postgres, MDY', 'German, DMY'. */
  readonly dateStyle: string
  /** 'postgres' (default), 'postgres_verbose', 'sql_standard', 'iso_8601'. */
  readonly intervalStyle: string
  /** extra_float_digits: 1 (default) prints the shortest exact form; ≤ 0 rounds. */
  readonly extraFloatDigits: number
  /** bytea_output: 'hex' (default) or 'escape'. */
  readonly byteaOutput: 'hex' | 'escape'
  /** Start of the current transaction, µs since 2000-01-01 UTC: what the datetime inputs
   * 'now', 'today', 'tomorrow' and 'yesterday' read. Absent: the clock at the call. */
  readonly transactionTimestamp?: bigint
  /** Relation names for regclass input and output: the catalog of the running statement, with
   * the session's search path. Absent: regclass reads and prints OIDs only. */
  readonly relationNames?: RelationNames
}

/** What regclass needs of the catalog (types/ cannot import it). */
export interface RelationNames {
  /** The OID of the relation `name` (in `schema`, or by the search path) denotes. */
  findOid(schema: string | undefined, name: string): number | undefined
  /** The name regclass prints: qualified when the search path would not find it, quoted where
   * needed; undefined for an OID no relation has (printed as the number). */
  nameOf(oid: number): string | undefined
  /** The comment on an object (obj_description, col_description): `catalog` is the system
   * catalog the OID belongs to (pg_class, pg_namespace), `column` an attnum or 0. */
  commentOf?(oid: number, catalog: string, column: number): string | undefined
  /** regtype, regnamespace, regrole and regproc output: the object's name (quoted where
   * needed), undefined for an OID that names nothing (printed as the number). */
  objectName?(kind: RegKind, oid: number): string | undefined
  /** Their input: the OID a name denotes, or PostgreSQL's error (42704, 3F000). */
  objectOid?(kind: RegKind, text: string): number
}

/** The reg* types whose names RelationNames resolves besides regclass. */
export type RegKind = 'regtype' | 'regnamespace' | 'regrole' | 'regproc' | 'regprocedure'

export const defaultTypeContext: TypeContext = {
  timeZone: 'UTC',
  dateStyle: 'ISO, MDY',
  intervalStyle: 'postgres',
  extraFloatDigits: 1,
  byteaOutput: 'hex',
}

export interface TypeBehaviour {
  /**
   * Text input of a non-NULL value (the literal '...'::type, a text parameter, COPY). Throws
   * SqlError with PostgreSQL's SQLSTATE and wording (22P02 invalid input syntax, 22003 out of
   * range, 22007/22008 datetime). The result is not yet coerced to the type's typmod.
   */
  input(text: string, type: SqlType, context: TypeContext): Value
  /** Text output of a non-NULL value, exactly as PostgreSQL prints it. */
  output(value: Value, type: SqlType, context: TypeContext): string
  /** PostgreSQL's binary send format of a non-NULL value. */
  send(value: Value, type: SqlType): Uint8Array
  /** Reads the binary send format; throws 22P03 on a malformed message. */
  receive(bytes: Uint8Array, type: SqlType): Value
  /** btree order of two non-NULL values: negative, zero or positive. */
  compare(a: Value, b: Value, type: SqlType): number
  /**
   * A primitive that is equal for values that compare equal (for hash joins, GROUP BY,
   * DISTINCT): 1.0 and 1.00 as numerics must give the same key.
   */
  hashKey(value: Value, type: SqlType): string | number | bigint | boolean
  /**
   * Appends the memcomparable encoding of a non-NULL value: byte order equals compare's order.
   * Types without a btree order (json) throw 42883 like PostgreSQL's "could not identify an
   * ordering operator".
   */
  encodeKey(value: Value, type: SqlType, out: KeyWriter): void
  /**
   * Coerces a value to the type's typmod (varchar(n) length with 22001, numeric(p,s) rounding
   * with 22003, timestamp(p) rounding). `isExplicit`: an explicit cast truncates varchar
   * silently, as in PostgreSQL. Absent when the type has no modifier.
   */
  applyTypmod?(value: Value, type: SqlType, isExplicit: boolean): Value
}
