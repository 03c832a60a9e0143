/**
 * Conversion of caller-supplied parameter values ($1, $2, ...) to the types the binder inferred
 * for them. Strings go through the type's text input function (as pgwire's text format does);
 * JSON-like numbers and booleans are accepted where they fit the type exactly.
 */
import { SqlError, SqlState } from '../errors/index.js'
import {
  checkIntegerRange,
  isIntegerType,
  type ParameterValue,
  parseValueText,
  type SqlType,
  type Value,
} from '../types/index.js'

export function convertParameters(
  values: readonly ParameterValue[],
  types: readonly SqlType[],
): Value[] {
  if (values.length !== types.length) {
    throw new SqlError(
      SqlState.protocolViolation,
      `bind message supplies ${values.length} parameters, but prepared statement "" requires ${types.length}`,
    )
  }
  return values.map((value, index) => {
    const type = types[index]
    return type === undefined ? value : convertParameter(value, type, index)
  })
}

function convertParameter(value: ParameterValue, type: SqlType, index: number): Value {
  if (value === null) return null
  if (typeof value === 'string') return parseValueText(value, type)
  if (type.kind === 'text' || type.kind === 'unknown') return String(value)
  if (isIntegerType(type) && (typeof value === 'bigint' || typeof value === 'number')) {
    return checkIntegerRange(BigInt(value), type.kind as 'int2' | 'int4' | 'int8')
  }
  if (type.kind === 'bool' && typeof value === 'boolean') return value
  throw new SqlError(
    SqlState.invalidParameterValue,
    `parameter $${index + 1} of type ${type.displayName} cannot take the value ${String(value)}`,
  )
}
