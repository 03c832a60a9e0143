/**
 * Built-in functions, operators, casts and aggregates of the array family (see ../registry.ts),
 * with PostgreSQL 15's semantics and errors: comparison (array_cmp order), containment and
 * overlap, concatenation (||, array_append/prepend/cat with their dimension rules), shape
 * functions (array_length/lower/upper/ndims/dims, cardinality), searching and editing
 * (array_position(s), array_remove, array_replace), array_fill, trim_array, unnest,
 * generate_subscripts, array_agg over values and over arrays, min/max of arrays.
 * ANY/ALL and subscripting belong to the binder.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import { arrayDimensionsMax } from '../../../limits.js'
import {
  behaviourOf,
  checkBounds,
  compareArrays,
  elementCount,
  SqlArray,
  type SqlType,
  tooManyDimensions,
  type Value,
} from '../../../types/index.js'
import type {
  BuiltinAggregate,
  BuiltinFamily,
  BuiltinFunction,
  BuiltinOperator,
  BuiltinSetFunction,
  CallContext,
} from '../registry.js'
import {
  argType,
  asArray,
  asBool,
  asInt,
  comparisonOperators,
  fn,
  op,
  setFn,
} from './text-support.js'

/** The element type of the array argument at `index`. */
function elementOf(call: CallContext, index: number): SqlType {
  const type = argType(call, index)
  if (type.element === undefined) throw new InternalError(`argument ${index + 1} is not an array`)
  return type.element
}

/** IS NOT DISTINCT FROM on elements, with the element type's equality. */
function sameElement(a: Value, b: Value, element: SqlType): boolean {
  if (a === null || b === null) return a === b
  return behaviourOf(element).compare(a, b, element) === 0
}

const emptyArray = new SqlArray([], [], [])

function isEmpty(array: SqlArray): boolean {
  return array.dimensions.length === 0
}

/** @>: every element of `inner` equals some element of `outer`; NULLs are never contained. */
function contains(outer: SqlArray, inner: SqlArray, element: SqlType): boolean {
  const candidates = outer.elements.filter((value) => value !== null)
  return inner.elements.every(
    (value) =>
      value !== null && candidates.some((candidate) => sameElement(candidate, value, element)),
  )
}

function overlaps(a: SqlArray, b: SqlArray, element: SqlType): boolean {
  const candidates = b.elements.filter((value) => value !== null)
  return a.elements.some(
    (value) =>
      value !== null && candidates.some((candidate) => sameElement(candidate, value, element)),
  )
}

function oneDimensional(array: SqlArray): void {
  if (array.dimensions.length > 1) {
    throw new SqlError(SqlState.dataException, 'argument must be empty or one-dimensional array')
  }
}

function checkSize(count: number): void {
  elementCount([count])
}

export function arrayAppend(array: SqlArray | null, value: Value): SqlArray {
  if (array === null || isEmpty(array)) return new SqlArray([value])
  oneDimensional(array)
  checkSize(array.elements.length + 1)
  const lower = array.lowerBounds[0] ?? 1
  if (lower + array.elements.length > 2147483647) {
    throw new SqlError(SqlState.numericValueOutOfRange, 'integer out of range')
  }
  return new SqlArray([...array.elements, value], [array.elements.length + 1], [lower])
}

export function arrayPrepend(value: Value, array: SqlArray | null): SqlArray {
  if (array === null || isEmpty(array)) return new SqlArray([value])
  oneDimensional(array)
  checkSize(array.elements.length + 1)
  // PostgreSQL keeps the lower bound: the new element takes the old first subscript.
  const lower = array.lowerBounds[0] ?? 1
  if (lower + array.elements.length > 2147483647) {
    throw new SqlError(SqlState.numericValueOutOfRange, 'integer out of range')
  }
  return new SqlArray([value, ...array.elements], [array.elements.length + 1], [lower])
}

function incompatible(detail: string): SqlError {
  return new SqlError(SqlState.arraySubscriptError, 'cannot concatenate incompatible arrays', {
    detail,
  })
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

/** array_cat: same dimensionality joins along the first dimension; one fewer becomes an
 * element of the other. */
export function arrayCat(a: SqlArray | null, b: SqlArray | null): SqlArray | null {
  if (a === null) return b
  if (b === null) return a
  if (isEmpty(a)) return b
  if (isEmpty(b)) return a
  const ndimsA = a.dimensions.length
  const ndimsB = b.dimensions.length
  if (ndimsA !== ndimsB && ndimsA !== ndimsB - 1 && ndimsA !== ndimsB + 1) {
    throw incompatible(
      `Arrays of ${ndimsA} and ${ndimsB} dimensions are not compatible for concatenation.`,
    )
  }
  let dimensions: number[]
  let lowerBounds: number[]
  if (ndimsA === ndimsB) {
    if (
      !sameShape(a.dimensions.slice(1), b.dimensions.slice(1)) ||
      !sameShape(a.lowerBounds.slice(1), b.lowerBounds.slice(1))
    ) {
      throw incompatible(
        'Arrays with differing element dimensions are not compatible for concatenation.',
      )
    }
    dimensions = [(a.dimensions[0] ?? 0) + (b.dimensions[0] ?? 0), ...a.dimensions.slice(1)]
    lowerBounds = [...a.lowerBounds]
  } else if (ndimsA === ndimsB - 1) {
    // a becomes the first element of b
    if (
      !sameShape(a.dimensions, b.dimensions.slice(1)) ||
      !sameShape(a.lowerBounds, b.lowerBounds.slice(1))
    ) {
      throw incompatible('Arrays with differing dimensions are not compatible for concatenation.')
    }
    dimensions = [(b.dimensions[0] ?? 0) + 1, ...b.dimensions.slice(1)]
    lowerBounds = [...b.lowerBounds]
  } else {
    if (
      !sameShape(b.dimensions, a.dimensions.slice(1)) ||
      !sameShape(b.lowerBounds, a.lowerBounds.slice(1))
    ) {
      throw incompatible('Arrays with differing dimensions are not compatible for concatenation.')
    }
    dimensions = [(a.dimensions[0] ?? 0) + 1, ...a.dimensions.slice(1)]
    lowerBounds = [...a.lowerBounds]
  }
  elementCount(dimensions)
  checkBounds(dimensions, lowerBounds)
  return new SqlArray([...a.elements, ...b.elements], dimensions, lowerBounds)
}

function dimensionInfo(
  array: SqlArray,
  dimension: number,
): { length: number; lower: number } | null {
  if (dimension < 1 || dimension > array.dimensions.length) return null
  return {
    length: array.dimensions[dimension - 1] ?? 0,
    lower: array.lowerBounds[dimension - 1] ?? 1,
  }
}

function searchableArray(array: SqlArray): void {
  if (array.dimensions.length > 1) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'searching for elements in multidimensional arrays is not supported',
    )
  }
}

function arrayPosition(
  array: SqlArray,
  value: Value,
  start: number | undefined,
  element: SqlType,
): Value {
  searchableArray(array)
  if (isEmpty(array)) return null
  const lower = array.lowerBounds[0] ?? 1
  const first = start === undefined ? 0 : Math.max(start - lower, 0)
  for (let i = first; i < array.elements.length; i++) {
    if (sameElement(array.elements[i] ?? null, value, element)) return i + lower
  }
  return null
}

function arrayPositions(array: SqlArray, value: Value, element: SqlType): SqlArray {
  searchableArray(array)
  const lower = array.lowerBounds[0] ?? 1
  const found: number[] = []
  array.elements.forEach((item, i) => {
    if (sameElement(item, value, element)) found.push(i + lower)
  })
  return new SqlArray(found)
}

function arrayRemove(array: SqlArray, value: Value, element: SqlType): SqlArray {
  if (array.dimensions.length > 1) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'removing elements from multidimensional arrays is not supported',
    )
  }
  if (isEmpty(array)) return array
  const kept = array.elements.filter((item) => !sameElement(item, value, element))
  if (kept.length === array.elements.length) return array
  if (kept.length === 0) return emptyArray
  return new SqlArray(kept, [kept.length], [array.lowerBounds[0] ?? 1])
}

function arrayReplace(array: SqlArray, from: Value, to: Value, element: SqlType): SqlArray {
  return new SqlArray(
    array.elements.map((item) => (sameElement(item, from, element) ? to : item)),
    array.dimensions,
    array.lowerBounds,
  )
}

function intElements(array: SqlArray, what: 'dimension' | 'low bound'): number[] {
  if (array.dimensions.length > 1) {
    throw new SqlError(SqlState.arraySubscriptError, 'wrong number of array subscripts', {
      detail: `${what === 'dimension' ? 'Dimension' : 'Low bound'} array must be one dimensional.`,
    })
  }
  return array.elements.map((item) => {
    if (item === null) {
      throw new SqlError(
        SqlState.nullValueNotAllowed,
        what === 'dimension'
          ? 'dimension values cannot be null'
          : 'low bound values cannot be null',
      )
    }
    return asInt(item)
  })
}

function arrayFill(value: Value, dimensionsArray: Value, lowerArray: Value | undefined): SqlArray {
  if (dimensionsArray === null || lowerArray === null) {
    throw new SqlError(
      SqlState.nullValueNotAllowed,
      'dimension array or low bound array cannot be null',
    )
  }
  const dimensions = intElements(asArray(dimensionsArray), 'dimension')
  const lowerBounds =
    lowerArray === undefined
      ? dimensions.map(() => 1)
      : intElements(asArray(lowerArray), 'low bound')
  if (lowerBounds.length !== dimensions.length) {
    throw new SqlError(SqlState.arraySubscriptError, 'wrong number of array subscripts', {
      detail: 'Low bound array has different size than dimensions array.',
    })
  }
  if (dimensions.length > arrayDimensionsMax) throw tooManyDimensions(dimensions.length)
  const count = elementCount(dimensions)
  if (count === 0) return emptyArray
  checkBounds(dimensions, lowerBounds)
  return new SqlArray(new Array<Value>(count).fill(value), dimensions, lowerBounds)
}

function trimArray(array: SqlArray, count: number): SqlArray {
  const length = array.dimensions[0] ?? 0
  if (count < 0 || count > length) {
    throw new SqlError(
      SqlState.arraySubscriptError,
      `number of elements to trim must be between 0 and ${length}`,
    )
  }
  if (count === length) return emptyArray
  const inner = array.dimensions.slice(1).reduce((a, b) => a * b, 1)
  const dimensions = [length - count, ...array.dimensions.slice(1)]
  return new SqlArray(
    array.elements.slice(0, (length - count) * inner),
    dimensions,
    dimensions.map(() => 1),
  )
}

function arrayDims(array: SqlArray): Value {
  if (isEmpty(array)) return null
  return array.dimensions
    .map((length, d) => {
      const lower = array.lowerBounds[d] ?? 1
      return `[${lower}:${lower + length - 1}]`
    })
    .join('')
}

const a = (value: Value | undefined) => asArray(value)
const nullableArray = (value: Value | undefined) => (value == null ? null : asArray(value))

const arrayFunctions: BuiltinFunction[] = [
  fn(
    'array_append',
    ['anycompatiblearray', 'anycompatible'],
    'anycompatiblearray',
    ([arr, v]) => arrayAppend(nullableArray(arr), v ?? null),
    { isStrict: false },
  ),
  fn(
    'array_prepend',
    ['anycompatible', 'anycompatiblearray'],
    'anycompatiblearray',
    ([v, arr]) => arrayPrepend(v ?? null, nullableArray(arr)),
    { isStrict: false },
  ),
  fn(
    'array_cat',
    ['anycompatiblearray', 'anycompatiblearray'],
    'anycompatiblearray',
    ([x, y]) => arrayCat(nullableArray(x), nullableArray(y)),
    { isStrict: false },
  ),
  fn(
    'array_length',
    ['anyarray', 'int4'],
    'int4',
    ([arr, d]) => dimensionInfo(a(arr), asInt(d))?.length ?? null,
  ),
  fn(
    'array_lower',
    ['anyarray', 'int4'],
    'int4',
    ([arr, d]) => dimensionInfo(a(arr), asInt(d))?.lower ?? null,
  ),
  fn('array_upper', ['anyarray', 'int4'], 'int4', ([arr, d]) => {
    const info = dimensionInfo(a(arr), asInt(d))
    return info === null ? null : info.lower + info.length - 1
  }),
  fn('array_ndims', ['anyarray'], 'int4', ([arr]) =>
    isEmpty(a(arr)) ? null : a(arr).dimensions.length,
  ),
  fn('array_dims', ['anyarray'], 'text', ([arr]) => arrayDims(a(arr))),
  fn('cardinality', ['anyarray'], 'int4', ([arr]) => a(arr).elements.length),
  fn(
    'array_position',
    ['anycompatiblearray', 'anycompatible'],
    'int4',
    ([arr, v], call) =>
      arr == null ? null : arrayPosition(a(arr), v ?? null, undefined, elementOf(call, 0)),
    { isStrict: false },
  ),
  fn(
    'array_position',
    ['anycompatiblearray', 'anycompatible', 'int4'],
    'int4',
    ([arr, v, start], call) => {
      if (arr == null) return null
      if (start == null) {
        throw new SqlError(SqlState.nullValueNotAllowed, 'initial position must not be null')
      }
      return arrayPosition(a(arr), v ?? null, asInt(start), elementOf(call, 0))
    },
    { isStrict: false },
  ),
  fn(
    'array_positions',
    ['anycompatiblearray', 'anycompatible'],
    'int4[]',
    ([arr, v], call) =>
      arr == null ? null : arrayPositions(a(arr), v ?? null, elementOf(call, 0)),
    { isStrict: false },
  ),
  fn(
    'array_remove',
    ['anycompatiblearray', 'anycompatible'],
    'anycompatiblearray',
    ([arr, v], call) => (arr == null ? null : arrayRemove(a(arr), v ?? null, elementOf(call, 0))),
    { isStrict: false },
  ),
  fn(
    'array_replace',
    ['anycompatiblearray', 'anycompatible', 'anycompatible'],
    'anycompatiblearray',
    ([arr, from, to], call) =>
      arr == null ? null : arrayReplace(a(arr), from ?? null, to ?? null, elementOf(call, 0)),
    { isStrict: false },
  ),
  fn(
    'array_fill',
    ['anyelement', 'int4[]'],
    'anyarray',
    ([v, dims]) => arrayFill(v ?? null, dims ?? null, undefined),
    {
      isStrict: false,
    },
  ),
  fn(
    'array_fill',
    ['anyelement', 'int4[]', 'int4[]'],
    'anyarray',
    ([v, dims, lower]) => arrayFill(v ?? null, dims ?? null, lower ?? null),
    { isStrict: false },
  ),
  fn('trim_array', ['anyarray', 'int4'], 'anyarray', ([arr, n]) => trimArray(a(arr), asInt(n))),
  fn('array_larger', ['anyarray', 'anyarray'], 'anyarray', ([x, y], call) =>
    compareArrays(a(x), a(y), elementOf(call, 0)) >= 0 ? a(x) : a(y),
  ),
  fn('array_smaller', ['anyarray', 'anyarray'], 'anyarray', ([x, y], call) =>
    compareArrays(a(x), a(y), elementOf(call, 0)) <= 0 ? a(x) : a(y),
  ),
]

function* subscripts(array: SqlArray, dimension: number, isReverse: boolean): Generator<Value> {
  const info = dimensionInfo(array, dimension)
  if (info === null) return
  for (let k = 0; k < info.length; k++) {
    yield isReverse ? info.lower + info.length - 1 - k : info.lower + k
  }
}

const arraySetFunctions: BuiltinSetFunction[] = [
  setFn('unnest', ['anyarray'], 'anyelement', ([arr]) => a(arr).elements),
  setFn('generate_subscripts', ['anyarray', 'int4'], 'int4', ([arr, d]) =>
    subscripts(a(arr), asInt(d), false),
  ),
  setFn('generate_subscripts', ['anyarray', 'int4', 'bool'], 'int4', ([arr, d, reverse]) =>
    subscripts(a(arr), asInt(d), asBool(reverse)),
  ),
]

const arrayCompare = (x: Value, y: Value, call: CallContext) =>
  compareArrays(a(x), a(y), elementOf(call, 0))

const arrayOperators: BuiltinOperator[] = [
  ...comparisonOperators('anyarray', 'anyarray', arrayCompare),
  op('@>', 'anyarray', 'anyarray', 'bool', ([x, y], call) =>
    contains(a(x), a(y), elementOf(call, 0)),
  ),
  op('<@', 'anyarray', 'anyarray', 'bool', ([x, y], call) =>
    contains(a(y), a(x), elementOf(call, 0)),
  ),
  op('&&', 'anyarray', 'anyarray', 'bool', ([x, y], call) =>
    overlaps(a(x), a(y), elementOf(call, 0)),
  ),
  op(
    '||',
    'anycompatiblearray',
    'anycompatiblearray',
    'anycompatiblearray',
    ([x, y]) => arrayCat(nullableArray(x), nullableArray(y)),
    false,
  ),
  op(
    '||',
    'anycompatiblearray',
    'anycompatible',
    'anycompatiblearray',
    ([x, v]) => arrayAppend(nullableArray(x), v ?? null),
    false,
  ),
  op(
    '||',
    'anycompatible',
    'anycompatiblearray',
    'anycompatiblearray',
    ([v, x]) => arrayPrepend(v ?? null, nullableArray(x)),
    false,
  ),
]

interface ValuesState {
  values: Value[]
}

/** array_agg(anynonarray): every value, NULLs included; NULL for no rows. */
const arrayAggValues: BuiltinAggregate<ValuesState> = {
  name: 'array_agg',
  args: ['anynonarray'],
  returns: 'anyarray',
  volatility: 'immutable',
  isStrict: false,
  initial: () => ({ values: [] }),
  step(state, [value]) {
    state.values.push(value ?? null)
    checkSize(state.values.length)
    return state
  },
  final: (state) => (state.values.length === 0 ? null : new SqlArray(state.values)),
}

interface ArraysState {
  elements: Value[]
  count: number
  dimensions: readonly number[] | undefined
  lowerBounds: readonly number[] | undefined
}

/** array_agg(anyarray): arrays of one shape stacked into one more dimension. */
const arrayAggArrays: BuiltinAggregate<ArraysState> = {
  name: 'array_agg',
  args: ['anyarray'],
  returns: 'anyarray',
  volatility: 'immutable',
  isStrict: false,
  initial: () => ({ elements: [], count: 0, dimensions: undefined, lowerBounds: undefined }),
  step(state, [value]) {
    if (value === null || value === undefined) {
      throw new SqlError(SqlState.nullValueNotAllowed, 'cannot accumulate null arrays')
    }
    const array = asArray(value)
    if (isEmpty(array)) {
      throw new SqlError(SqlState.arraySubscriptError, 'cannot accumulate empty arrays')
    }
    if (state.dimensions === undefined) {
      if (array.dimensions.length + 1 > arrayDimensionsMax) {
        throw tooManyDimensions(array.dimensions.length + 1)
      }
      state.dimensions = array.dimensions
      state.lowerBounds = array.lowerBounds
    } else if (
      !sameShape(state.dimensions, array.dimensions) ||
      !sameShape(state.lowerBounds ?? [], array.lowerBounds)
    ) {
      throw new SqlError(
        SqlState.arraySubscriptError,
        'cannot accumulate arrays of different dimensionality',
      )
    }
    state.count++
    checkSize(state.elements.length + array.elements.length)
    for (const item of array.elements) state.elements.push(item)
    return state
  },
  final(state) {
    if (state.dimensions === undefined) return null
    return new SqlArray(
      state.elements,
      [state.count, ...state.dimensions],
      [1, ...(state.lowerBounds ?? [])],
    )
  },
}

function arrayExtreme(name: 'min' | 'max'): BuiltinAggregate<{ value: Value }> {
  return {
    name,
    args: ['anyarray'],
    returns: 'anyarray',
    volatility: 'immutable',
    isStrict: true,
    initial: () => ({ value: null }),
    step(state, [value], call) {
      if (value === null || value === undefined) return state
      if (state.value === null) {
        state.value = value
        return state
      }
      const order = compareArrays(a(value), a(state.value), elementOf(call, 0))
      if (name === 'min' ? order < 0 : order > 0) state.value = value
      return state
    },
    final: (state) => state.value,
  }
}

export const arrayBuiltins: BuiltinFamily = {
  functions: arrayFunctions,
  setFunctions: arraySetFunctions,
  operators: arrayOperators,
  casts: [],
  aggregates: [arrayAggValues, arrayAggArrays, arrayExtreme('min'), arrayExtreme('max')],
}
