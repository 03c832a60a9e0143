/**
 * Type names in SQL (casts, column definitions) → SqlType, as PostgreSQL's typenameType: a
 * qualified name looks in its schema (pg_catalog: the built-in types); an unqualified one in
 * pg_catalog first, then in each schema of the search path, where user-defined types (enums)
 * live in the catalog. `_name` is the array of `name`. A PostgreSQL type the engine does not
 * have yet is refused with 0A000; an unknown name gets PostgreSQL's 42704.
 */
import type { Catalog, SearchPath, UserType } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import {
  arrayOf,
  findTypeByName,
  getTypeByName,
  isTypeImplemented,
  type SqlType,
  withTypmod,
} from '../../types/index.js'
import { type Node, stringsOf, type TypeName } from '../parse/index.js'
import { isPostgresType } from './postgres-names.js'

/** What resolving a type name reads: the statement's catalog and search path. */
export interface TypeNameContext {
  readonly catalog: Catalog
  readonly searchPath: SearchPath
  position(location: number | undefined): number | undefined
}

/** The user type a (possibly qualified) name denotes, if any: 42704 is the caller's to raise. */
export function findUserType(
  context: Pick<TypeNameContext, 'catalog' | 'searchPath'>,
  names: readonly string[],
  position: number | undefined,
): UserType | undefined {
  if (names.length > 3) {
    throw new SqlError(
      SqlState.syntaxError,
      `improper qualified name (too many dotted names): ${names.join('.')}`,
      position === undefined ? {} : { position },
    )
  }
  const name = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[names.length - 2] : undefined
  if (schema !== undefined && context.catalog.findSchema(schema) === undefined) {
    throw new SqlError(
      SqlState.invalidSchemaName,
      `schema "${schema}" does not exist`,
      position === undefined ? {} : { position },
    )
  }
  return context.catalog.resolveType(schema, name, context.searchPath)
}

export function resolveTypeName(
  context: TypeNameContext,
  names: readonly string[],
  position: number | undefined,
): SqlType {
  const found = findTypeByName(names)
  if (found !== undefined && isTypeImplemented(found)) return found
  const last = names[names.length - 1] ?? ''
  const user = findUserType(context, names, position)
  if (user !== undefined) return user.type
  if (last.startsWith('_')) {
    const element = findUserType(context, [...names.slice(0, -1), last.slice(1)], position)
    if (element !== undefined) return arrayOf(element.type)
  }
  const isBuiltinSchema = names.length === 1 || names[0] === 'pg_catalog'
  if (found !== undefined || (isBuiltinSchema && isPostgresType(last))) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `type ${last} is not supported yet`,
      position === undefined ? {} : { position },
    )
  }
  return getTypeByName(names, position)
}

/**
 * A type name with its modifiers and array bounds, as in column definitions and casts:
 * varchar(10), numeric(10,2), timestamp(3), int4[]. Modifiers are checked with PostgreSQL's
 * limits and wording and encoded as its atttypmod.
 */
export function resolveTypeNode(context: TypeNameContext, typeName: TypeName | undefined): SqlType {
  const position = context.position(typeName?.location)
  const base = resolveTypeName(context, stringsOf(typeName?.names), position)
  const modifiers = (typeName?.typmods ?? []).map((node) => typmodValue(node, position))
  const typed =
    modifiers.length === 0 ? base : withTypmod(base, encodeTypmod(base, modifiers, position))
  return (typeName?.arrayBounds ?? []).length > 0 ? arrayOf(typed) : typed
}

function typmodValue(node: Node, position: number | undefined): number {
  if ('A_Const' in node && node.A_Const.ival !== undefined) return node.A_Const.ival.ival ?? 0
  throw new SqlError(
    SqlState.syntaxError,
    'type modifiers must be simple constants or identifiers',
    position === undefined ? {} : { position },
  )
}

const varcharLengthMax = 10_485_760

function encodeTypmod(
  type: SqlType,
  values: readonly number[],
  position: number | undefined,
): number {
  const at = position === undefined ? {} : { position }
  const invalid = (message: string): SqlError =>
    new SqlError(SqlState.invalidParameterValue, message, at)
  const [first = 0, second] = values
  switch (type.kind) {
    case 'varchar':
    case 'bpchar': {
      const name = type.kind === 'varchar' ? 'varchar' : 'char'
      if (values.length !== 1) throw invalid(`invalid type modifier`)
      if (first < 1) throw invalid(`length for type ${name} must be at least 1`)
      if (first > varcharLengthMax) {
        throw invalid(`length for type ${name} cannot exceed ${varcharLengthMax}`)
      }
      return first + 4
    }
    case 'numeric': {
      if (values.length > 2) throw invalid('invalid NUMERIC type modifier')
      const scale = second ?? 0
      if (first < 1 || first > 1000) {
        throw invalid(`NUMERIC precision ${first} must be between 1 and 1000`)
      }
      if (scale < -1000 || scale > 1000) {
        throw invalid(`NUMERIC scale ${scale} must be between -1000 and 1000`)
      }
      return ((first << 16) | (scale & 0x7ff)) + 4
    }
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
    case 'interval': {
      if (values.length !== 1) throw invalid('invalid type modifier')
      const label = type.kind.toUpperCase().replace('TZ', '')
      if (first < 0) throw invalid(`${label}(${first}) precision must not be negative`)
      // PostgreSQL warns and reduces a precision above 6 to 6.
      const precision = Math.min(first, 6)
      return type.kind === 'interval' ? (0x7fff << 16) | precision : precision
    }
    default:
      throw new SqlError(
        SqlState.syntaxError,
        `type modifier is not allowed for type "${type.name}"`,
        at,
      )
  }
}
