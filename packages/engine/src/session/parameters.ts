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
  type TypeContext,
  type Value,
} from '../types/index.js'

export function convertParameters(
  values: readonly ParameterValue[],
  types: readonly SqlType[],
  context: TypeContext,
  statementName = '',
): Value[] {
  if (values.length !== types.length) {
    throw new SqlError(
      SqlState.protocolViolation,
      `bind message supplies ${values.length} parameters, but prepared statement "${statementName}" requires ${types.length}`,
    )
  }
  const converted: Value[] = new Array(values.length)
  for (let index = 0; index < values.length; index++) {
    const value = values[index] ?? null
    const type = types[index]
    converted[index] = type === undefined ? value : convertParameter(value, type, index, context)
  }
  return converted
}

/** int2 and int4 values are JavaScript numbers: a safe integer in range needs no BigInt. */
const smallIntegerRanges = { int2: 32_767, int4: 2_147_483_647 } as const

function convertParameter(
  value: ParameterValue,
  type: SqlType,
  index: number,
  context: TypeContext,
): Value {
  if (value === null) return null
  if (typeof value === 'string') return parseValueText(value, type, context)
  if (type.kind === 'text' || type.kind === 'unknown') return String(value)
  if (
    typeof value === 'number' &&
    (type.kind === 'int4' || type.kind === 'int2') &&
    Number.isInteger(value) &&
    value <= smallIntegerRanges[type.kind] &&
    value >= -smallIntegerRanges[type.kind] - 1
  ) {
    return value | 0 // -0 → 0, as BigInt would
  }
  if (isIntegerType(type) && (typeof value === 'bigint' || typeof value === 'number')) {
    return checkIntegerRange(BigInt(value), type.kind as 'int2' | 'int4' | 'int8')
  }
  if (type.kind === 'bool' && typeof value === 'boolean') return value
  if ((type.kind === 'float4' || type.kind === 'float8') && typeof value === 'number') {
    return type.kind === 'float4' ? Math.fround(value) : value
  }
  if (type.kind === 'bytea' && value instanceof Uint8Array) return value
  // Other typed JavaScript values (a number for numeric, a boolean for text...) are read as the
  // text they print as, the way a driver sends them.
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return parseValueText(String(value), type, context)
  }
  throw new SqlError(
    SqlState.invalidParameterValue,
    `parameter $${index + 1} of type ${type.displayName} cannot take the value ${String(value)}`,
  )
}
