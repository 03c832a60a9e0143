/**
 * Runtime representation of SQL values. Types are static (the binder knows every expression's
 * type), so one JavaScript representation may serve several SQL types; each is chosen so that
 * comparison and arithmetic are exact:
 *
 *   bool                         boolean
 *   int2, int4, oid, reg*        number (an integer)
 *   int8                         bigint (no rounding above 2^53)
 *   float4, float8               number (float4 values are Math.fround-ed); NaN, ±Infinity
 *   numeric                      Numeric (arbitrary precision; NaN, ±Infinity)
 *   text, varchar, bpchar, name, "char", json, enum, uuid
 *                                string (uuid: canonical lower-case 8-4-4-4-12 form; json: the
 *                                text as given; bpchar: padded to its length; enum: its label)
 *   bytea                        Uint8Array
 *   date                         number: days since 2000-01-01; ±Infinity for ±infinity
 *   time                         number: microseconds since midnight (0 .. 86,400,000,000)
 *   timetz                       TimeTz
 *   timestamp, timestamptz       bigint: microseconds since 2000-01-01 00:00 (UTC for
 *                                timestamptz), as PostgreSQL stores them; ±infinity are
 *                                timestampInfinity / timestampMinusInfinity
 *   interval                     Interval
 *   jsonb                        Jsonb (a parsed, normalised tree)
 *   arrays                       SqlArray
 *   record (row values)          SqlRecord
 *   SQL NULL                     null (never inside Jsonb: JSON null is a Jsonb node)
 */
import type { SqlArray } from './array.js'
import type { Interval, TimeTz } from './interval.js'
import type { Jsonb } from './jsonb.js'
import type { Numeric } from './numeric.js'
import type { SqlRecord } from './record.js'

export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | Numeric
  | Interval
  | TimeTz
  | Jsonb
  | SqlArray
  | SqlRecord

/** A row as the executor passes it between operators: values in column order. */
export type Row = readonly Value[]

/** A parameter as a caller supplies it ($1, $2, ...); converted to the type the binder infers. */
export type ParameterValue = null | boolean | number | bigint | string | Uint8Array

/** PostgreSQL's DT_NOEND / DT_NOBEGIN: timestamp 'infinity' and '-infinity'. */
export const timestampInfinity = 0x7fff_ffff_ffff_ffffn
export const timestampMinusInfinity = -0x8000_0000_0000_0000n
