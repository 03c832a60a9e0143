/**
 * Hash keys: values that must meet in one Map entry (GROUP BY groups, DISTINCT, set operations,
 * hash join buckets) become equal keys. The general key is a string built from every value
 * (`hashRow`); a single integer key (int2, int4, int8) is the number itself, which is cheaper to
 * build and to look up, and int8 values beyond 2^53 (bigints) keep a string form.
 */
import { InternalError } from '../../errors/index.js'
import {
  behaviourOf,
  isTypeImplementedWithoutBehaviour,
  type Row,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../types/index.js'
import type { CompiledExpression } from './compile-expression.js'

export type HashKey = number | string

/** The key of NULL in a group (NULLs group together; they never join). */
export const nullKey: HashKey = 'N'

/** Whether a type's values are integers held as numbers or bigints (int2, int4, int8). */
export function isIntegerType(type: SqlType | undefined): boolean {
  return type?.kind === 'int2' || type?.kind === 'int4' || type?.kind === 'int8'
}

/** The key of a non-NULL integer value: itself as a number when exact, else a string. Numbers
 * here are int2/int4 values (below 2^31), so they never meet an unsafe bigint's string. */
export function integerKey(value: Value): HashKey {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') {
    return value >= minSafe && value <= maxSafe ? Number(value) : `i${value}`
  }
  throw new InternalError(`an integer key got a ${typeof value}`)
}

const minSafe = BigInt(Number.MIN_SAFE_INTEGER)
const maxSafe = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * A string equal for rows whose values are equal (GROUP BY, DISTINCT, set operations): NULLs
 * are equal to each other here, as SQL's grouping says.
 */
export function hashRow(values: readonly Value[], types: readonly SqlType[]): string {
  let key = ''
  for (let i = 0; i < values.length; i++) {
    key += `${hashValue(values[i] ?? null, types[i] ?? sqlTypes.unknown)}\u0000`
  }
  return key
}

/**
 * The hash join key of a row: undefined when any key value is NULL (NULL never joins). Both
 * sides must be keyed alike: `types` are the same for both (the left side's key types), and
 * `isSingleInteger` says that there is one key, an integer on both sides (int4 = int8, say).
 */
export function joinKeyer(
  keys: readonly CompiledExpression[],
  types: readonly SqlType[],
  isSingleInteger: boolean,
): (row: Row) => HashKey | undefined {
  const [only] = keys
  if (isSingleInteger && only !== undefined) {
    return (row) => {
      const value = only(row)
      return value === null ? undefined : integerKey(value)
    }
  }
  return (row) => {
    let key = ''
    for (let i = 0; i < keys.length; i++) {
      const value = (keys[i] as CompiledExpression)(row)
      if (value === null) return undefined
      key += `${hashValue(value, types[i] ?? sqlTypes.unknown)}\u0000`
    }
    return key
  }
}

function hashValue(value: Value, type: SqlType): string {
  if (value === null) return 'N'
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? `i${value}` : `f${value}`
    case 'bigint':
      return `i${value}`
    case 'string':
      return type.kind === 'unknown' || isTypeImplementedWithoutBehaviour(type)
        ? `s${value}`
        : `s${String(behaviourOf(type).hashKey(value, type))}`
    case 'boolean':
      return value ? 'T' : 'F'
    default: {
      if (type.kind === 'unknown' || isTypeImplementedWithoutBehaviour(type)) {
        throw new InternalError(`cannot hash a ${typeof value} of type ${type.name}`)
      }
      const key = behaviourOf(type).hashKey(value, type)
      return `o${typeof key === 'bigint' ? `${key}n` : String(key)}`
    }
  }
}
