/**
 * Building and reading array values at run time, with PostgreSQL's rules: ARRAY[...] of
 * sub-arrays stacks them one dimension deeper (all must have the same dimensions: 2202E;
 * NULL sub-arrays are skipped, as PostgreSQL's ExecEvalArrayExpr does); an element fetch out of
 * range or with the wrong number of subscripts is NULL; a slice clamps to the array's bounds
 * and is empty when any range is empty; results of slices and constructors start at 1.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { arrayElementsMax } from '../../limits.js'
import { SqlArray, type Value } from '../../types/index.js'

/** PostgreSQL's MAXDIM. */
const dimensionsMax = 6

/**
 * The array of `values`: 'flat' makes a one-dimensional array of them; 'nested' stacks
 * sub-arrays (ARRAY[ARRAY[...], ...]); 'rows' (ARRAY(subquery)) stacks when the values are
 * arrays and is flat otherwise.
 */
export function buildArray(values: readonly Value[], mode: 'flat' | 'nested' | 'rows'): SqlArray {
  const isNested =
    mode === 'nested' || (mode === 'rows' && values.some((value) => value instanceof SqlArray))
  if (!isNested) {
    checkSize(values.length)
    return new SqlArray(values)
  }
  const parts = values.filter((value): value is SqlArray => value instanceof SqlArray)
  if (parts.length !== values.filter((value) => value !== null).length) {
    throw new SqlError(SqlState.internalError, 'array constructor element is not an array')
  }
  if (mode === 'rows' && parts.length !== values.length) {
    throw new SqlError(SqlState.nullValueNotAllowed, 'cannot accumulate null arrays')
  }
  const first = parts[0]
  if (first === undefined) return new SqlArray([])
  const inner = first.dimensions
  const elements: Value[] = []
  for (const part of parts) {
    const matches =
      part.dimensions.length === inner.length &&
      part.dimensions.every((length, i) => length === inner[i]) &&
      part.lowerBounds.every((bound, i) => bound === first.lowerBounds[i])
    if (!matches) {
      throw new SqlError(
        mode === 'rows' ? SqlState.arraySubscriptError : SqlState.arraySubscriptError,
        mode === 'rows'
          ? 'cannot accumulate arrays of different dimensionality'
          : 'multidimensional arrays must have array expressions with matching dimensions',
      )
    }
    for (const element of part.elements) elements.push(element)
  }
  if (inner.length === 0) return new SqlArray([])
  if (inner.length + 1 > dimensionsMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `number of array dimensions (${inner.length + 1}) exceeds the maximum allowed (${dimensionsMax})`,
    )
  }
  checkSize(elements.length)
  return new SqlArray(elements, [parts.length, ...inner], [1, ...first.lowerBounds])
}

function checkSize(count: number): void {
  if (count > arrayElementsMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `array size exceeds the maximum allowed (${arrayElementsMax})`,
    )
  }
}

/** array[i][j]...: the element, or NULL when out of range or the subscripts do not match the
 * array's dimensions. */
export function arrayElement(array: SqlArray, indexes: readonly number[]): Value {
  const dims = array.dimensions
  if (indexes.length !== dims.length || dims.length === 0) return null
  let offset = 0
  for (let k = 0; k < dims.length; k++) {
    const position = (indexes[k] ?? 0) - (array.lowerBounds[k] ?? 1)
    const length = dims[k] ?? 0
    if (position < 0 || position >= length) return null
    offset = offset * length + position
  }
  return array.elements[offset] ?? null
}

/** array[l:u]...: the sub-array, clamped to the bounds (omitted bounds are the array's own);
 * dimensions beyond the subscripts are taken whole. */
export function sliceArray(
  array: SqlArray,
  ranges: readonly { lower: number | undefined; upper: number | undefined }[],
): SqlArray {
  const dims = array.dimensions
  if (dims.length === 0 || ranges.length > dims.length) return new SqlArray([])
  const from: number[] = []
  const to: number[] = []
  for (let k = 0; k < dims.length; k++) {
    const lowerBound = array.lowerBounds[k] ?? 1
    const upperBound = lowerBound + (dims[k] ?? 0) - 1
    const range = ranges[k]
    const lower = Math.max(range?.lower ?? lowerBound, lowerBound)
    const upper = Math.min(range?.upper ?? upperBound, upperBound)
    if (lower > upper) return new SqlArray([])
    from.push(lower - lowerBound)
    to.push(upper - lowerBound)
  }
  const lengths = from.map((start, k) => (to[k] ?? 0) - start + 1)
  const elements: Value[] = []
  // Row-major walk over the selected box.
  const position = [...from]
  for (;;) {
    let offset = 0
    for (let k = 0; k < dims.length; k++) offset = offset * (dims[k] ?? 0) + (position[k] ?? 0)
    elements.push(array.elements[offset] ?? null)
    let k = dims.length - 1
    while (k >= 0) {
      position[k] = (position[k] ?? 0) + 1
      if ((position[k] ?? 0) <= (to[k] ?? 0)) break
      position[k] = from[k] ?? 0
      k--
    }
    if (k < 0) break
  }
  return new SqlArray(
    elements,
    lengths,
    lengths.map(() => 1),
  )
}
