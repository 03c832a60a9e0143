/**
 * Aggregates of the math family, with pg_aggregate's result types: count, sum, avg, min, max,
 * the variance and standard deviation family, bit_and/bit_or/bit_xor.
 *
 * Integer and numeric inputs accumulate exactly (bigint sums, numeric sums of squares) and end
 * with PostgreSQL's numeric division scale; float inputs use PostgreSQL's float8 accumulator
 * (Youngs-Cramer), so results match it bit for bit.
 */
import {
  compareFloats,
  compareNumeric,
  Numeric,
  numericMath,
  type Value,
} from '../../../types/index.js'
import type { ArgType, BuiltinAggregate } from '../registry.js'
import {
  big,
  compareIntegers,
  floatAdd,
  floatOverflow,
  type IntegerKind,
  int8Result,
  num,
  numeric,
} from './math-values.js'

const m = numericMath
const integerKinds: readonly IntegerKind[] = ['int2', 'int4', 'int8']

function aggregate<State>(
  name: string,
  args: readonly ArgType[],
  returns: ArgType,
  initial: () => State,
  step: (state: State, value: Value) => State,
  final: (state: State) => Value,
  isStrict = true,
): BuiltinAggregate<unknown> {
  const declared: BuiltinAggregate<State> = {
    name,
    args,
    returns,
    volatility: 'immutable',
    isStrict,
    initial,
    step: (state, values) => step(state, values[0] ?? null),
    final: (state) => final(state),
  }
  return declared as BuiltinAggregate<unknown>
}

// ---------------------------------------------------------------------------------------------
// count

// The state is a JavaScript number (exact to 2^53 rows), so counting allocates nothing.
const counts: BuiltinAggregate<unknown>[] = [
  aggregate<number>(
    'count',
    [],
    'int8',
    () => 0,
    (n) => n + 1,
    (n) => BigInt(n),
    false,
  ),
  aggregate<number>(
    'count',
    ['any'],
    'int8',
    () => 0,
    (n) => n + 1,
    (n) => BigInt(n),
  ),
]

// ---------------------------------------------------------------------------------------------
// sum and avg

/**
 * An exact integer sum, updated in place: int2/int4 values (and int8 values that arrive as small
 * numbers) add up in a JavaScript number while it stays below 2^52 in magnitude, where every
 * such sum is exact; then it is carried into a bigint. Everything else adds to the bigint.
 */
class ExactSum {
  count = 0
  small = 0
  large = 0n

  add(value: Value): this {
    this.count++
    if (typeof value === 'number' && value <= smallAddendMax && value >= -smallAddendMax) {
      this.small += value
      if (this.small > smallSumMax || this.small < -smallSumMax) this.carry()
    } else {
      this.large += big(value)
    }
    return this
  }

  carry(): void {
    this.large += BigInt(this.small)
    this.small = 0
  }

  total(): bigint {
    return this.large + BigInt(this.small)
  }
}

const smallAddendMax = 2 ** 31
const smallSumMax = 2 ** 52

function exactSums(kind: IntegerKind): BuiltinAggregate<unknown>[] {
  const initial = (): ExactSum => new ExactSum()
  const step = (state: ExactSum, value: Value): ExactSum => state.add(value)
  return [
    aggregate<ExactSum>(
      'sum',
      [kind],
      kind === 'int8' ? 'numeric' : 'int8',
      initial,
      // int2 and int4 sums are int8 and may overflow it, as in PostgreSQL (checked at each carry
      // and at the end: reaching 2^63 takes over 2^32 rows of int4).
      kind === 'int8'
        ? step
        : (state, value) => {
            const before = state.large
            state.add(value)
            if (state.large !== before) int8Result(state.large)
            return state
          },
      (state) => {
        if (state.count === 0) return null
        return kind === 'int8' ? Numeric.of(state.total(), 0) : int8Result(state.total())
      },
    ),
    aggregate<ExactSum>('avg', [kind], 'numeric', initial, step, (state) =>
      state.count === 0
        ? null
        : m.divideNumeric(Numeric.of(state.total(), 0), Numeric.of(BigInt(state.count), 0)),
    ),
  ]
}

interface NumericSum {
  count: bigint
  sum: Numeric
}

const numericSums: BuiltinAggregate<unknown>[] = [
  aggregate<NumericSum>(
    'sum',
    ['numeric'],
    'numeric',
    () => ({ count: 0n, sum: Numeric.of(0n, 0) }),
    (state, value) => ({ count: state.count + 1n, sum: m.addNumeric(state.sum, numeric(value)) }),
    (state) => (state.count === 0n ? null : state.sum),
  ),
  aggregate<NumericSum>(
    'avg',
    ['numeric'],
    'numeric',
    () => ({ count: 0n, sum: Numeric.of(0n, 0) }),
    (state, value) => ({ count: state.count + 1n, sum: m.addNumeric(state.sum, numeric(value)) }),
    (state) => (state.count === 0n ? null : m.divideNumeric(state.sum, Numeric.of(state.count, 0))),
  ),
]

const floatSums: BuiltinAggregate<unknown>[] = [
  aggregate<number | null>(
    'sum',
    ['float4'],
    'float4',
    () => null,
    (state, value) => (state === null ? num(value) : floatAdd(state, num(value), 'float4')),
    (state) => state,
  ),
  aggregate<number | null>(
    'sum',
    ['float8'],
    'float8',
    () => null,
    (state, value) => (state === null ? num(value) : floatAdd(state, num(value), 'float8')),
    (state) => state,
  ),
]

// ---------------------------------------------------------------------------------------------
// Variance family

/** PostgreSQL's float8_accum state: count, sum and sum of squared differences (Youngs-Cramer). */
interface FloatMoments {
  n: number
  sx: number
  sxx: number
}

function accumulateFloat(state: FloatMoments, x: number): FloatMoments {
  const n = state.n + 1
  const sx = state.sx + x
  let sxx = state.sxx
  if (state.n > 0) {
    const t = x * n - sx
    sxx += (t * t) / (n * state.n)
    if (!Number.isFinite(sx) || !Number.isFinite(sxx)) {
      if (Number.isFinite(state.sx) && Number.isFinite(x)) throw floatOverflow()
      sxx = Number.NaN
    }
  } else if (!Number.isFinite(x)) {
    sxx = Number.NaN
  }
  return { n, sx, sxx }
}

type Statistic = 'var_pop' | 'var_samp' | 'stddev_pop' | 'stddev_samp'

const statistics: readonly (readonly [string, Statistic])[] = [
  ['var_pop', 'var_pop'],
  ['var_samp', 'var_samp'],
  ['variance', 'var_samp'],
  ['stddev_pop', 'stddev_pop'],
  ['stddev_samp', 'stddev_samp'],
  ['stddev', 'stddev_samp'],
]

function finishFloat(state: FloatMoments, statistic: Statistic): Value {
  const isSample = statistic === 'var_samp' || statistic === 'stddev_samp'
  if (state.n === 0 || (isSample && state.n <= 1)) return null
  const variance = state.sxx / (isSample ? state.n - 1 : state.n)
  return statistic === 'var_pop' || statistic === 'var_samp' ? variance : Math.sqrt(variance)
}

/** Exact moments of integer or numeric inputs. */
interface NumericMoments {
  n: bigint
  sum: Numeric
  sumSquares: Numeric
}

function accumulateNumeric(state: NumericMoments, x: Numeric): NumericMoments {
  return {
    n: state.n + 1n,
    sum: m.addNumeric(state.sum, x),
    sumSquares: m.addNumeric(state.sumSquares, m.multiplyNumeric(x, x)),
  }
}

/** numeric_stddev_internal: (N·Σx² − (Σx)²) / (N·(N−1) or N²), PostgreSQL's scales. */
function finishNumeric(state: NumericMoments, statistic: Statistic): Value {
  const isSample = statistic === 'var_samp' || statistic === 'stddev_samp'
  if (state.n === 0n || (isSample && state.n <= 1n)) return null
  if (state.sum.kind !== 'finite' || state.sumSquares.kind !== 'finite') return Numeric.nan
  const n = Numeric.of(state.n, 0)
  const numerator = m.subtractNumeric(
    m.multiplyNumeric(n, state.sumSquares),
    m.multiplyNumeric(state.sum, state.sum),
  )
  if (numerator.coefficient <= 0n) return Numeric.of(0n, 0)
  const denominator = Numeric.of(state.n * (isSample ? state.n - 1n : state.n), 0)
  const scale = m.divisionScale(numerator, denominator)
  const variance = m.divideToScale(numerator, denominator, scale)
  if (statistic === 'var_pop' || statistic === 'var_samp') return variance
  return m.sqrtToScale(variance, scale)
}

function varianceAggregates(): BuiltinAggregate<unknown>[] {
  const list: BuiltinAggregate<unknown>[] = []
  for (const [name, statistic] of statistics) {
    for (const kind of ['float4', 'float8'] as const) {
      list.push(
        aggregate<FloatMoments>(
          name,
          [kind],
          'float8',
          () => ({ n: 0, sx: 0, sxx: 0 }),
          (state, value) => accumulateFloat(state, num(value)),
          (state) => finishFloat(state, statistic),
        ),
      )
    }
    for (const kind of [...integerKinds, 'numeric'] as const) {
      list.push(
        aggregate<NumericMoments>(
          name,
          [kind],
          'numeric',
          () => ({ n: 0n, sum: Numeric.of(0n, 0), sumSquares: Numeric.of(0n, 0) }),
          (state, value) =>
            accumulateNumeric(
              state,
              kind === 'numeric' ? numeric(value) : Numeric.of(big(value), 0),
            ),
          (state) => finishNumeric(state, statistic),
        ),
      )
    }
  }
  return list
}

const floatAverages: BuiltinAggregate<unknown>[] = (['float4', 'float8'] as const).map((kind) =>
  aggregate<FloatMoments>(
    'avg',
    [kind],
    'float8',
    () => ({ n: 0, sx: 0, sxx: 0 }),
    (state, value) => accumulateFloat(state, num(value)),
    (state) => (state.n === 0 ? null : state.sx / state.n),
  ),
)

// ---------------------------------------------------------------------------------------------
// min, max, bit_and, bit_or, bit_xor

function extremes(
  kind: ArgType,
  compare: (a: Value, b: Value) => number,
): BuiltinAggregate<unknown>[] {
  const pick =
    (sign: number) =>
    (state: Value | undefined, value: Value): Value =>
      state === undefined || Math.sign(compare(value, state)) === sign ? value : state
  return [
    aggregate<Value | undefined>(
      'min',
      [kind],
      kind,
      () => undefined,
      pick(-1),
      (s) => s ?? null,
    ),
    aggregate<Value | undefined>(
      'max',
      [kind],
      kind,
      () => undefined,
      pick(1),
      (s) => s ?? null,
    ),
  ]
}

function bitwise(kind: IntegerKind): BuiltinAggregate<unknown>[] {
  const make = (name: string, combine: (x: bigint, y: bigint) => bigint) =>
    aggregate<bigint | undefined>(
      name,
      [kind],
      kind,
      () => undefined,
      (state, value) => (state === undefined ? big(value) : combine(state, big(value))),
      (state) => (state === undefined ? null : kind === 'int8' ? state : Number(state)),
    )
  return [
    make('bit_and', (x, y) => x & y),
    make('bit_or', (x, y) => x | y),
    make('bit_xor', (x, y) => x ^ y),
  ]
}

export const mathAggregates: readonly BuiltinAggregate<unknown>[] = [
  ...counts,
  ...integerKinds.flatMap(exactSums),
  ...numericSums,
  ...floatSums,
  ...floatAverages,
  ...varianceAggregates(),
  ...integerKinds.flatMap((kind) => extremes(kind, compareIntegers)),
  ...(['float4', 'float8'] as const).flatMap((kind) =>
    extremes(kind, (a, b) => compareFloats(num(a), num(b))),
  ),
  ...extremes('numeric', (a, b) => compareNumeric(numeric(a), numeric(b))),
  ...extremes('oid', compareIntegers),
  ...integerKinds.flatMap(bitwise),
]
