/**
 * generate_series over integers and numeric (PostgreSQL's int.c, int8.c and numeric.c
 * versions): start, start + step, ... while not past stop. Lazy generators, so a series under a
 * LIMIT computes only the rows taken. An integer series ends rather than overflow (its last
 * value may be the type's maximum); the datetime series live with the datetime family.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import { compareNumeric, Numeric, numericMath, type Value } from '../../../types/index.js'
import type { BuiltinSetFunction } from '../registry.js'

const int4Min = -2_147_483_648
const int4Max = 2_147_483_647
const int8Min = -(2n ** 63n)
const int8Max = 2n ** 63n - 1n

function invalid(message: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, message)
}

function* int4Series(start: number, stop: number, step: number): Generator<Value> {
  if (step === 0) throw invalid('step size cannot equal zero')
  for (let current = start; step > 0 ? current <= stop : current >= stop; current += step) {
    yield current
    if (current + step > int4Max || current + step < int4Min) return
  }
}

function* int8Series(start: bigint, stop: bigint, step: bigint): Generator<Value> {
  if (step === 0n) throw invalid('step size cannot equal zero')
  for (let current = start; step > 0n ? current <= stop : current >= stop; current += step) {
    yield current
    if (current + step > int8Max || current + step < int8Min) return
  }
}

/** Refuses NaN and infinities with PostgreSQL's wording ("start value cannot be NaN"). */
function finite(value: Numeric, what: string): Numeric {
  if (value.kind === 'nan') throw invalid(`${what} cannot be NaN`)
  if (!value.isFinite) throw invalid(`${what} cannot be infinity`)
  return value
}

function* numericSeries(start: Numeric, stop: Numeric, step: Numeric): Generator<Value> {
  const sign = compareNumeric(step, Numeric.of(0n))
  if (sign === 0) throw invalid('step size cannot equal zero')
  for (
    let current = start;
    sign > 0 ? compareNumeric(current, stop) <= 0 : compareNumeric(current, stop) >= 0;
    current = numericMath.addNumeric(current, step)
  ) {
    yield current
  }
}

function int(value: Value | undefined): number {
  if (typeof value !== 'number') throw new InternalError('int4 argument is not a number')
  return value
}

function big(value: Value | undefined): bigint {
  if (typeof value !== 'bigint') throw new InternalError('int8 argument is not a bigint')
  return value
}

function num(value: Value | undefined): Numeric {
  if (!(value instanceof Numeric)) throw new InternalError('numeric argument is not a Numeric')
  return value
}

function series(
  kind: 'int4' | 'int8' | 'numeric',
  hasStep: boolean,
  evaluate: (args: readonly Value[]) => Iterable<Value>,
): BuiltinSetFunction {
  return {
    name: 'generate_series',
    args: hasStep ? [kind, kind, kind] : [kind, kind],
    returns: kind,
    volatility: 'immutable',
    isStrict: true,
    evaluate,
  }
}

export const mathSetFunctions: BuiltinSetFunction[] = [
  series('int4', false, ([start, stop]) => int4Series(int(start), int(stop), 1)),
  series('int4', true, ([start, stop, step]) => int4Series(int(start), int(stop), int(step))),
  series('int8', false, ([start, stop]) => int8Series(big(start), big(stop), 1n)),
  series('int8', true, ([start, stop, step]) => int8Series(big(start), big(stop), big(step))),
  series('numeric', false, ([start, stop]) =>
    numericSeries(
      finite(num(start), 'start value'),
      finite(num(stop), 'stop value'),
      Numeric.of(1n),
    ),
  ),
  series('numeric', true, ([start, stop, step]) =>
    numericSeries(
      finite(num(start), 'start value'),
      finite(num(stop), 'stop value'),
      finite(num(step), 'step size'),
    ),
  ),
]
