/**
 * Casts between types (PostgreSQL's pg_cast for the types the engine has): integers among
 * themselves with range checks, anything to text via its output function, text to anything via
 * its input function, int4 to and from boolean. A missing cast is 42846.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import {
  checkIntegerRange,
  formatValueText,
  isIntegerType,
  parseValueText,
  type SqlType,
  type Value,
} from '../../types/index.js'

export function canCast(source: SqlType, target: SqlType): boolean {
  if (source.kind === target.kind) return true
  if (source.kind === 'unknown' || source.kind === 'text' || target.kind === 'text') return true
  if (isIntegerType(source) && isIntegerType(target)) return true
  if (source.kind === 'int4' && target.kind === 'bool') return true
  if (source.kind === 'bool' && target.kind === 'int4') return true
  return false
}

export function cannotCast(
  source: SqlType,
  target: SqlType,
  position: number | undefined,
): SqlError {
  return new SqlError(
    SqlState.cannotCoerce,
    `cannot cast type ${source.displayName} to ${target.displayName}`,
    position === undefined ? {} : { position },
  )
}

export function castValue(value: Value, source: SqlType, target: SqlType): Value {
  if (value === null || source.kind === target.kind) return value
  // boolean's cast to text spells the words out (boolout's 't'/'f' is only the wire format).
  if (target.kind === 'text' && typeof value === 'boolean') return value ? 'true' : 'false'
  if (target.kind === 'text') return formatValueText(value, source)
  if (source.kind === 'text' || source.kind === 'unknown')
    return parseValueText(String(value), target)
  if (isIntegerType(target) && (typeof value === 'number' || typeof value === 'bigint')) {
    return checkIntegerRange(BigInt(value), target.kind as 'int2' | 'int4' | 'int8')
  }
  if (target.kind === 'bool' && typeof value === 'number') return value !== 0
  if (target.kind === 'int4' && typeof value === 'boolean') return value ? 1 : 0
  throw cannotCast(source, target, undefined)
}
