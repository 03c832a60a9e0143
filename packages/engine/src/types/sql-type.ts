/**
 * SQL types the engine knows, with their PostgreSQL identity (OID, size, category, display
 * name). A type is plain data; behaviour (input, output, comparison, binary form, key encoding)
 * lives in a TypeBehaviour per kind (type-behaviour.ts, behaviours.ts). A type may carry a type
 * modifier (varchar(10), numeric(10,2), timestamp(3)) with PostgreSQL's typmod encoding, an
 * element type (arrays) or enum labels (user-defined enums).
 * `unknown` is the type of a quoted literal before context decides its type, as in PostgreSQL.
 */
import { SqlError, SqlState } from '../errors/index.js'
import type { EnumMember } from './enum-type.js'
import { typeOids } from './type-oids.js'

export type SqlTypeKind =
  | 'bool'
  | 'int2'
  | 'int4'
  | 'int8'
  | 'float4'
  | 'float8'
  | 'numeric'
  | 'text'
  | 'varchar'
  | 'bpchar'
  | 'name'
  | 'char'
  | 'bytea'
  | 'date'
  | 'time'
  | 'timetz'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'jsonb'
  | 'oid'
  | 'regclass'
  | 'regtype'
  | 'regproc'
  | 'regprocedure'
  | 'regoper'
  | 'regnamespace'
  | 'regrole'
  | 'array'
  | 'enum'
  | 'record'
  | 'void'
  | 'unknown'

/**
 * pg_type.typcategory: drives implicit-cast preference in function and operator resolution
 * (A array, B boolean, D date/time, E enum, N numeric, S string, T timespan, U user-defined,
 * P pseudo, X unknown, Z internal, R range, G geometric, I network, V bit string, C composite).
 */
export type TypeCategory = 'A' | 'B' | 'C' | 'D' | 'E' | 'N' | 'P' | 'S' | 'T' | 'U' | 'X' | 'Z'

export interface SqlType {
  readonly kind: SqlTypeKind
  readonly oid: number
  /** pg_type.typname (int4, varchar, _int4, or the enum's name). */
  readonly name: string
  /** pg_type.typlen: a positive fixed size, -1 varlena, -2 C string. */
  readonly size: number
  /** The name PostgreSQL prints in messages without typmod (format_type): integer, text, ... */
  readonly displayName: string
  readonly category: TypeCategory
  /** pg_type.typispreferred: the preferred type of its category (text, float8, timestamptz...). */
  readonly isPreferred: boolean
  /** PostgreSQL's atttypmod encoding: -1 none; varchar/bpchar n + 4; numeric ((p << 16) | s) + 4;
   * time/timestamp/interval precision p. */
  readonly typmod: number
  /** Arrays: the element type. */
  readonly element?: SqlType
  /** Non-array types: the OID of their array type (pg_type.typarray), 0 when none. */
  readonly arrayOid: number
  /** Enums: labels in sort order. */
  readonly enumLabels?: readonly string[]
  /** Enums: members (label, stable OID, sort key) in sort order (enum-type.ts). */
  readonly enumMembers?: readonly EnumMember[]
  /** Enums: schema the type lives in. */
  readonly schema?: string
}

function base(
  kind: SqlTypeKind,
  name: string,
  oid: number,
  arrayOid: number,
  size: number,
  displayName: string,
  category: TypeCategory,
  isPreferred = false,
): SqlType {
  return { kind, name, oid, arrayOid, size, displayName, category, isPreferred, typmod: -1 }
}

type ScalarKind = Exclude<SqlTypeKind, 'array' | 'enum'>

/** The built-in scalar types (typmod -1). Arrays come from arrayOf, enums from the catalog. */
export const sqlTypes: { readonly [K in ScalarKind]: SqlType & { readonly kind: K } } = {
  bool: base('bool', 'bool', typeOids.bool, 1000, 1, 'boolean', 'B', true) as SqlType & {
    kind: 'bool'
  },
  int2: base('int2', 'int2', typeOids.int2, 1005, 2, 'smallint', 'N') as SqlType & {
    kind: 'int2'
  },
  int4: base('int4', 'int4', typeOids.int4, 1007, 4, 'integer', 'N') as SqlType & {
    kind: 'int4'
  },
  int8: base('int8', 'int8', typeOids.int8, 1016, 8, 'bigint', 'N') as SqlType & { kind: 'int8' },
  float4: base('float4', 'float4', typeOids.float4, 1021, 4, 'real', 'N') as SqlType & {
    kind: 'float4'
  },
  float8: base(
    'float8',
    'float8',
    typeOids.float8,
    1022,
    8,
    'double precision',
    'N',
    true,
  ) as SqlType & { kind: 'float8' },
  numeric: base('numeric', 'numeric', typeOids.numeric, 1231, -1, 'numeric', 'N') as SqlType & {
    kind: 'numeric'
  },
  text: base('text', 'text', typeOids.text, 1009, -1, 'text', 'S', true) as SqlType & {
    kind: 'text'
  },
  varchar: base(
    'varchar',
    'varchar',
    typeOids.varchar,
    1015,
    -1,
    'character varying',
    'S',
  ) as SqlType & { kind: 'varchar' },
  bpchar: base('bpchar', 'bpchar', typeOids.bpchar, 1014, -1, 'character', 'S') as SqlType & {
    kind: 'bpchar'
  },
  name: base('name', 'name', typeOids.name, 1003, 64, 'name', 'S') as SqlType & { kind: 'name' },
  char: base('char', 'char', typeOids.char, 1002, 1, '"char"', 'Z') as SqlType & {
    kind: 'char'
  },
  bytea: base('bytea', 'bytea', typeOids.bytea, 1001, -1, 'bytea', 'U') as SqlType & {
    kind: 'bytea'
  },
  date: base('date', 'date', typeOids.date, 1182, 4, 'date', 'D') as SqlType & { kind: 'date' },
  time: base('time', 'time', typeOids.time, 1183, 8, 'time without time zone', 'D') as SqlType & {
    kind: 'time'
  },
  timetz: base(
    'timetz',
    'timetz',
    typeOids.timetz,
    1270,
    12,
    'time with time zone',
    'D',
  ) as SqlType & { kind: 'timetz' },
  timestamp: base(
    'timestamp',
    'timestamp',
    typeOids.timestamp,
    1115,
    8,
    'timestamp without time zone',
    'D',
  ) as SqlType & { kind: 'timestamp' },
  timestamptz: base(
    'timestamptz',
    'timestamptz',
    typeOids.timestamptz,
    1185,
    8,
    'timestamp with time zone',
    'D',
    true,
  ) as SqlType & { kind: 'timestamptz' },
  interval: base(
    'interval',
    'interval',
    typeOids.interval,
    1187,
    16,
    'interval',
    'T',
    true,
  ) as SqlType & { kind: 'interval' },
  uuid: base('uuid', 'uuid', typeOids.uuid, 2951, 16, 'uuid', 'U') as SqlType & { kind: 'uuid' },
  json: base('json', 'json', typeOids.json, 199, -1, 'json', 'U') as SqlType & { kind: 'json' },
  jsonb: base('jsonb', 'jsonb', typeOids.jsonb, 3807, -1, 'jsonb', 'U') as SqlType & {
    kind: 'jsonb'
  },
  oid: base('oid', 'oid', typeOids.oid, 1028, 4, 'oid', 'N', true) as SqlType & { kind: 'oid' },
  regclass: base('regclass', 'regclass', typeOids.regclass, 2210, 4, 'regclass', 'N') as SqlType & {
    kind: 'regclass'
  },
  regtype: base('regtype', 'regtype', typeOids.regtype, 2211, 4, 'regtype', 'N') as SqlType & {
    kind: 'regtype'
  },
  regproc: base('regproc', 'regproc', typeOids.regproc, 1008, 4, 'regproc', 'N') as SqlType & {
    kind: 'regproc'
  },
  regprocedure: base(
    'regprocedure',
    'regprocedure',
    typeOids.regprocedure,
    2207,
    4,
    'regprocedure',
    'N',
  ) as SqlType & { kind: 'regprocedure' },
  regoper: base('regoper', 'regoper', typeOids.regoper, 2208, 4, 'regoper', 'N') as SqlType & {
    kind: 'regoper'
  },
  regnamespace: base(
    'regnamespace',
    'regnamespace',
    typeOids.regnamespace,
    4090,
    4,
    'regnamespace',
    'N',
  ) as SqlType & { kind: 'regnamespace' },
  regrole: base('regrole', 'regrole', typeOids.regrole, 4097, 4, 'regrole', 'N') as SqlType & {
    kind: 'regrole'
  },
  record: base('record', 'record', typeOids.record, 2287, -1, 'record', 'P') as SqlType & {
    kind: 'record'
  },
  void: base('void', 'void', typeOids.void, 0, 4, 'void', 'P') as SqlType & { kind: 'void' },
  unknown: base('unknown', 'unknown', typeOids.unknown, 0, -2, 'unknown', 'X') as SqlType & {
    kind: 'unknown'
  },
}

const arrayTypes = new Map<number, SqlType>()

/** OIDs from here on are user objects (PostgreSQL's FirstNormalObjectId). */
const firstUserTypeOid = 16384

/** The array type whose elements are `element` (int4 → int4[] = _int4, OID 1007). */
export function arrayOf(element: SqlType): SqlType {
  if (element.kind === 'array') return element
  // Only built-in element types are cached: a user type's OID names different definitions in
  // different catalogs (ALTER TYPE makes a new one; two databases reuse OIDs).
  const isCacheable = element.typmod === -1 && element.oid < firstUserTypeOid
  const cached = isCacheable ? arrayTypes.get(element.oid) : undefined
  if (cached !== undefined) return cached
  const type: SqlType = {
    kind: 'array',
    name: `_${element.name}`,
    oid: element.arrayOid,
    arrayOid: 0,
    size: -1,
    displayName: `${element.displayName}[]`,
    category: 'A',
    isPreferred: false,
    typmod: element.typmod,
    element,
  }
  if (isCacheable) arrayTypes.set(element.oid, type)
  return type
}

/** The same type with a type modifier (PostgreSQL's atttypmod encoding). */
export function withTypmod(type: SqlType, typmod: number): SqlType {
  if (type.typmod === typmod) return type
  if (type.kind === 'array' && type.element !== undefined) {
    return { ...type, typmod, element: withTypmod(type.element, typmod) }
  }
  return { ...type, typmod }
}

/** The type without its modifier: what a value of it is at run time. */
export function withoutTypmod(type: SqlType): SqlType {
  return withTypmod(type, -1)
}

/** Whether two types are the same type, ignoring typmod (same OID; enums and arrays by OID). */
export function isSameType(a: SqlType, b: SqlType): boolean {
  return a.oid === b.oid
}

/**
 * format_type: the name PostgreSQL prints for a type with its modifier, as in \d and messages:
 * "character varying(10)", "numeric(10,2)", "timestamp(3) without time zone", "integer[]".
 */
export function formatType(type: SqlType): string {
  if (type.kind === 'array' && type.element !== undefined) return `${formatType(type.element)}[]`
  const typmod = type.typmod
  if (typmod < 0) return type.displayName
  switch (type.kind) {
    case 'varchar':
    case 'bpchar':
      return `${type.displayName}(${typmod - 4})`
    case 'numeric': {
      const packed = typmod - 4
      return `numeric(${(packed >> 16) & 0xffff},${((packed & 0x7ff) ^ 1024) - 1024})`
    }
    case 'time':
    case 'timestamp':
      return type.displayName.replace(' without', `(${typmod}) without`)
    case 'timetz':
    case 'timestamptz':
      return type.displayName.replace(' with', `(${typmod}) with`)
    case 'interval':
      return `interval(${typmod & 0xffff})`
    default:
      return type.displayName
  }
}

/**
 * Type names as pg_type knows them. The grammar already turns the SQL spellings (int, integer,
 * bigint, smallint, boolean, real, double precision, varchar, character, timestamp with time
 * zone, ...) into these pg_catalog names, so a quoted "integer" is no type at all, as in
 * PostgreSQL.
 */
const typeNames: ReadonlyMap<string, SqlType> = new Map<string, SqlType>(
  Object.values(sqlTypes).map((type) => [type.name, type]),
)

export function findTypeByName(names: readonly string[]): SqlType | undefined {
  const last = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[0] : undefined
  if (schema !== undefined && schema !== 'pg_catalog') return undefined
  if (last.startsWith('_')) {
    const element = typeNames.get(last.slice(1))
    return element === undefined ? undefined : arrayOf(element)
  }
  return typeNames.get(last)
}

/** A built-in scalar type by the name format_type prints ('integer', 'character varying'). */
export function builtinTypeByDisplayName(name: string): SqlType | undefined {
  return Object.values(sqlTypes).find((type) => type.displayName === name)
}

export function isIntegerType(type: SqlType): boolean {
  return type.kind === 'int2' || type.kind === 'int4' || type.kind === 'int8'
}

/** Resolves a (possibly schema-qualified) type name; unknown names raise 42704 like PostgreSQL. */
export function getTypeByName(names: readonly string[], position?: number): SqlType {
  const found = findTypeByName(names)
  if (found !== undefined) return found
  const shown = names.join('.')
  throw new SqlError(
    SqlState.undefinedObject,
    `type "${shown}" does not exist`,
    position === undefined ? {} : { position },
  )
}

const typesByOid = new Map<number, SqlType>()
for (const type of Object.values(sqlTypes)) {
  typesByOid.set(type.oid, type)
  if (type.arrayOid !== 0) typesByOid.set(type.arrayOid, arrayOf(type))
}

/** Built-in types (scalars and their arrays) by OID. Enums are found through the catalog. */
export function findTypeByOid(oid: number): SqlType | undefined {
  return typesByOid.get(oid)
}
