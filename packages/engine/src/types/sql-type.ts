/**
 * SQL types the engine knows, with their PostgreSQL identity (OID, size, display name). A type
 * is plain data; behaviour (input, output, comparison, casts) lives in the files beside it.
 * `unknown` is the type of a quoted literal before context decides its type, as in PostgreSQL.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { typeOids } from './type-oids.js'

export type SqlTypeKind = 'bool' | 'int2' | 'int4' | 'int8' | 'text' | 'unknown'

export interface SqlType {
  readonly kind: SqlTypeKind
  readonly oid: number
  /** pg_type.typlen */
  readonly size: number
  /** The name PostgreSQL prints in messages (format_type): integer, bigint, text, boolean. */
  readonly displayName: string
}

export const sqlTypes: { readonly [K in SqlTypeKind]: SqlType & { readonly kind: K } } = {
  bool: { kind: 'bool', oid: typeOids.bool, size: 1, displayName: 'boolean' },
  int2: { kind: 'int2', oid: typeOids.int2, size: 2, displayName: 'smallint' },
  int4: { kind: 'int4', oid: typeOids.int4, size: 4, displayName: 'integer' },
  int8: { kind: 'int8', oid: typeOids.int8, size: 8, displayName: 'bigint' },
  text: { kind: 'text', oid: typeOids.text, size: -1, displayName: 'text' },
  unknown: { kind: 'unknown', oid: typeOids.unknown, size: -2, displayName: 'unknown' },
}

/**
 * Type names as pg_type knows them. The grammar already turns the SQL spellings (int, integer,
 * bigint, smallint, boolean) into these pg_catalog names, so a quoted "integer" is no type at
 * all, as in PostgreSQL.
 */
const typeNames: ReadonlyMap<string, SqlType> = new Map<string, SqlType>([
  ['bool', sqlTypes.bool],
  ['int2', sqlTypes.int2],
  ['int4', sqlTypes.int4],
  ['int8', sqlTypes.int8],
  ['text', sqlTypes.text],
])

export function findTypeByName(names: readonly string[]): SqlType | undefined {
  const last = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[0] : undefined
  return schema === undefined || schema === 'pg_catalog' ? typeNames.get(last) : undefined
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

export function findTypeByOid(oid: number): SqlType | undefined {
  for (const type of Object.values(sqlTypes)) if (type.oid === oid) return type
  return undefined
}
