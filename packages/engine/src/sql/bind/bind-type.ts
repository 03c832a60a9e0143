/**
 * Type names in SQL (casts, column definitions) → SqlType. A PostgreSQL type the engine does not
 * have yet is refused with 0A000; an unknown name gets PostgreSQL's 42704.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import {
  findTypeByName,
  getTypeByName,
  isTypeImplemented,
  type SqlType,
} from '../../types/index.js'
import { isPostgresType } from './postgres-names.js'

export function resolveTypeName(names: readonly string[], position: number | undefined): SqlType {
  const found = findTypeByName(names)
  if (found !== undefined && isTypeImplemented(found)) return found
  const last = names[names.length - 1] ?? ''
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
