/**
 * Functions and casts of the math family, with pg_proc's names, argument and result types and
 * pg_cast's contexts (PostgreSQL 15).
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { factorialArgumentMax, numericScaleMax } from '../../../limits.js'
import {
  bigintToFloat4,
  compareNumeric,
  formatG,
  Numeric,
  numericMath,
  parseFloat4,
  parseFloat8,
  type Value,
} from '../../../types/index.js'
import type { ArgType, BuiltinCast, BuiltinFunction } from '../registry.js'
import {
  acoshFloat,
  atanhFloat,
  cbrtFloat,
  coshFloat,
  degreesFloat,
  expFloat,
  inverseTrigonometric,
  lnFloat,
  log10Float,
  powerFloat,
  radiansFloat,
  sqrtFloat,
  trigonometric,
  widthBucketFloat,
} from './math-float.js'
import {
  big,
  divisionByZero,
  floatOverflow,
  floatUnderflow,
  type IntegerKind,
  integerOutOfRange,
  integerResult,
  integerTypeNames,
  num,
  numeric,
  rint,
} from './math-values.js'

const m = numericMath

function fn(
  name: string,
  args: readonly ArgType[],
  returns: ArgType,
  evaluate: (args: readonly Value[]) => Value,
): BuiltinFunction {
  return { name, args, returns, volatility: 'immutable', isStrict: true, evaluate }
}

function float1(name: string, f: (x: number) => number): BuiltinFunction {
  return fn(name, ['float8'], 'float8', ([x]) => f(num(x ?? null)))
}

function numeric1(name: string, f: (x: Numeric) => Value): BuiltinFunction {
  return fn(name, ['numeric'], 'numeric', ([x]) => f(numeric(x ?? null)))
}

function numeric2(name: string, f: (x: Numeric, y: Numeric) => Value): BuiltinFunction {
  return fn(name, ['numeric', 'numeric'], 'numeric', ([x, y]) =>
    f(numeric(x ?? null), numeric(y ?? null)),
  )
}

/** round(numeric, int) and trunc(numeric, int) take any scale; PostgreSQL clamps it. */
function clampRoundScale(scale: number): number {
  return Math.min(Math.max(scale, -(numericScaleMax * 10)), numericScaleMax)
}

function integerAbs(kind: IntegerKind): BuiltinFunction {
  return fn('abs', [kind], kind, ([x]) => {
    const value = big(x ?? null)
    return integerResult(value < 0n ? -value : value, kind)
  })
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b < 0n ? -b : b
  while (y !== 0n) {
    const t = x % y
    x = y
    y = t
  }
  return x
}

function integerGcd(kind: 'int4' | 'int8'): BuiltinFunction {
  return fn('gcd', [kind, kind], kind, ([a, b]) =>
    integerResult(gcdBig(big(a ?? null), big(b ?? null)), kind),
  )
}

function integerLcm(kind: 'int4' | 'int8'): BuiltinFunction {
  return fn('lcm', [kind, kind], kind, ([a, b]) => {
    const x = big(a ?? null)
    const y = big(b ?? null)
    if (x === 0n || y === 0n) return integerResult(0n, kind)
    // PostgreSQL computes |x / gcd × y| in the type's width: any step out of range is an error.
    const gcd = integerResult(gcdBig(x, y), kind)
    const product = integerResult((x / big(gcd)) * y, kind)
    return integerResult(big(product) < 0n ? -big(product) : big(product), kind)
  })
}

function integerMod(kind: IntegerKind): BuiltinFunction {
  return fn('mod', [kind, kind], kind, ([a, b]) => {
    const y = big(b ?? null)
    if (y === 0n) throw divisionByZero()
    const result = big(a ?? null) % y
    return kind === 'int8' ? result : Number(result)
  })
}

function widthBucketNumeric(args: readonly Value[]): Value {
  const operand = numeric(args[0] ?? null)
  const low = numeric(args[1] ?? null)
  const high = numeric(args[2] ?? null)
  const count = num(args[3] ?? null)
  const fail = (message: string): SqlError =>
    new SqlError(SqlState.invalidArgumentForWidthBucketFunction, message)
  if (count <= 0) throw fail('count must be greater than zero')
  if (low.kind !== 'finite' || high.kind !== 'finite') {
    if (low.kind === 'nan' || high.kind === 'nan') {
      throw fail('operand, lower bound, and upper bound cannot be NaN')
    }
    throw fail('lower and upper bounds must be finite')
  }
  if (operand.kind === 'nan') throw fail('operand, lower bound, and upper bound cannot be NaN')
  const order = m.subtractNumeric(high, low)
  if (order.coefficient === 0n) throw fail('lower bound cannot equal upper bound')
  const isAscending = order.coefficient > 0n
  const isBelow = isAscending ? compareNumeric(operand, low) < 0 : compareNumeric(operand, low) > 0
  const isAbove = isAscending
    ? compareNumeric(operand, high) >= 0
    : compareNumeric(operand, high) <= 0
  if (isBelow) return 0
  if (isAbove) {
    if (count === 2147483647) throw integerOutOfRange('int4')
    return count + 1
  }
  const offset = isAscending ? m.subtractNumeric(operand, low) : m.subtractNumeric(low, operand)
  const span = isAscending ? order : m.negateNumeric(order)
  const scaled = m.multiplyNumeric(offset, Numeric.of(BigInt(count), 0))
  const bucket = m.divideTruncNumeric(scaled, span)
  return Number(bucket.coefficient) + 1
}

function factorial(args: readonly Value[]): Value {
  const n = big(args[0] ?? null)
  if (n < 0n) {
    throw new SqlError(
      SqlState.numericValueOutOfRange,
      'factorial of a negative number is undefined',
    )
  }
  if (n > BigInt(factorialArgumentMax)) throw m.overflowError()
  return Numeric.of(m.factorialBig(Number(n)), 0)
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0
}

export const mathFunctions: readonly BuiltinFunction[] = [
  integerAbs('int2'),
  integerAbs('int4'),
  integerAbs('int8'),
  fn('abs', ['float4'], 'float4', ([x]) => Math.abs(num(x ?? null))),
  float1('abs', Math.abs),
  numeric1('abs', m.absNumeric),
  float1('ceil', Math.ceil),
  float1('ceiling', Math.ceil),
  numeric1('ceil', m.ceilNumeric),
  numeric1('ceiling', m.ceilNumeric),
  float1('floor', Math.floor),
  numeric1('floor', m.floorNumeric),
  float1('round', rint),
  numeric1('round', (x) => m.roundNumeric(x, 0)),
  fn('round', ['numeric', 'int4'], 'numeric', ([x, s]) =>
    m.roundNumeric(numeric(x ?? null), clampRoundScale(num(s ?? null))),
  ),
  float1('trunc', Math.trunc),
  numeric1('trunc', (x) => m.truncNumeric(x, 0)),
  fn('trunc', ['numeric', 'int4'], 'numeric', ([x, s]) =>
    m.truncNumeric(numeric(x ?? null), clampRoundScale(num(s ?? null))),
  ),
  float1('sign', sign),
  numeric1('sign', (x) => (x.kind === 'nan' ? x : Numeric.of(BigInt(m.numericSign(x)), 0))),
  float1('sqrt', sqrtFloat),
  numeric1('sqrt', m.sqrtNumeric),
  float1('cbrt', cbrtFloat),
  float1('exp', expFloat),
  numeric1('exp', m.expNumeric),
  float1('ln', lnFloat),
  numeric1('ln', m.lnNumeric),
  float1('log', log10Float),
  numeric1('log', (x) => m.logNumeric(Numeric.of(10n, 0), x)),
  numeric2('log', m.logNumeric),
  float1('log10', log10Float),
  numeric1('log10', (x) => m.logNumeric(Numeric.of(10n, 0), x)),
  fn('power', ['float8', 'float8'], 'float8', ([x, y]) =>
    powerFloat(num(x ?? null), num(y ?? null)),
  ),
  fn('pow', ['float8', 'float8'], 'float8', ([x, y]) => powerFloat(num(x ?? null), num(y ?? null))),
  numeric2('power', m.powerNumeric),
  numeric2('pow', m.powerNumeric),
  integerMod('int2'),
  integerMod('int4'),
  integerMod('int8'),
  numeric2('mod', m.modNumeric),
  numeric2('div', m.divideTruncNumeric),
  integerGcd('int4'),
  integerGcd('int8'),
  numeric2('gcd', m.gcdNumeric),
  integerLcm('int4'),
  integerLcm('int8'),
  numeric2('lcm', m.lcmNumeric),
  fn('factorial', ['int8'], 'numeric', factorial),
  fn('pi', [], 'float8', () => Math.PI),
  float1('degrees', degreesFloat),
  float1('radians', radiansFloat),
  float1('sin', trigonometric(Math.sin)),
  float1('cos', trigonometric(Math.cos)),
  float1('tan', trigonometric(Math.tan)),
  float1(
    'cot',
    trigonometric((x) => 1 / Math.tan(x)),
  ),
  float1('asin', inverseTrigonometric(Math.asin)),
  float1('acos', inverseTrigonometric(Math.acos)),
  float1('atan', Math.atan),
  fn('atan2', ['float8', 'float8'], 'float8', ([y, x]) =>
    Math.atan2(num(y ?? null), num(x ?? null)),
  ),
  float1('sinh', Math.sinh),
  float1('cosh', coshFloat),
  float1('tanh', Math.tanh),
  float1('asinh', Math.asinh),
  float1('acosh', acoshFloat),
  float1('atanh', atanhFloat),
  {
    name: 'random',
    args: [],
    returns: 'float8',
    volatility: 'volatile',
    isStrict: true,
    evaluate: (_args, call) => call.random(),
  },
  fn('width_bucket', ['float8', 'float8', 'float8', 'int4'], 'int4', ([x, low, high, count]) =>
    widthBucketFloat(num(x ?? null), num(low ?? null), num(high ?? null), num(count ?? null)),
  ),
  fn('width_bucket', ['numeric', 'numeric', 'numeric', 'int4'], 'int4', widthBucketNumeric),
  fn('scale', ['numeric'], 'int4', ([x]) => {
    const value = numeric(x ?? null)
    return value.kind === 'finite' ? value.scale : null
  }),
  fn('min_scale', ['numeric'], 'int4', ([x]) => {
    const value = numeric(x ?? null)
    return value.kind === 'finite' ? m.minScale(value) : null
  }),
  numeric1('trim_scale', m.trimScale),
]

// ---------------------------------------------------------------------------------------------
// Casts

function cast(
  source: BuiltinCast['source'],
  target: BuiltinCast['target'],
  context: BuiltinCast['context'],
  evaluate: (value: Value) => Value,
): BuiltinCast {
  return { source, target, context, evaluate: (value) => evaluate(value) }
}

const integerKinds: readonly IntegerKind[] = ['int2', 'int4', 'int8']
const width = { int2: 2, int4: 4, int8: 8 } as const

/** float → integer: rint, then a range check (NaN is out of range too). */
function floatToInteger(x: number, kind: IntegerKind): Value {
  const rounded = rint(x)
  if (!Number.isFinite(rounded)) throw integerOutOfRange(kind)
  if (kind === 'int8') {
    if (!(rounded >= -(2 ** 63) && rounded < 2 ** 63)) throw integerOutOfRange(kind)
    return BigInt(rounded)
  }
  return integerResult(BigInt(rounded), kind)
}

function numericToInteger(value: Value, kind: IntegerKind): Value {
  return integerResult(m.numericToBigInt(numeric(value), integerTypeNames[kind]), kind)
}

/** float8 → float4 (and numeric → float4 through text) with PostgreSQL's range errors. */
function float8ToFloat4(x: number): number {
  const result = Math.fround(x)
  if (!Number.isFinite(result) && Number.isFinite(x)) throw floatOverflow()
  if (result === 0 && x !== 0) throw floatUnderflow()
  return result
}

/** float → numeric: PostgreSQL prints the float with %.15g (float8) or %.6g (float4) and
 * reads that back. */
function floatToNumeric(x: number, digits: number): Numeric {
  if (Number.isNaN(x)) return Numeric.nan
  if (x === Infinity) return Numeric.infinity
  if (x === -Infinity) return Numeric.minusInfinity
  return m.parseNumeric(formatG(x, digits))
}

function oidFromInt8(value: Value): Value {
  const v = big(value)
  if (v < 0n || v > 0xffff_ffffn) {
    throw new SqlError(SqlState.numericValueOutOfRange, 'OID out of range')
  }
  return Number(v)
}

const oidKinds = [
  'oid',
  'regclass',
  'regtype',
  'regproc',
  'regprocedure',
  'regoper',
  'regnamespace',
  'regrole',
] as const

const casts: BuiltinCast[] = []
for (const source of integerKinds) {
  for (const target of integerKinds) {
    if (source === target) continue
    const context = width[target] > width[source] ? 'implicit' : 'assignment'
    casts.push(cast(source, target, context, (v) => integerResult(big(v), target)))
  }
  casts.push(
    cast(source, 'float4', 'implicit', (v) =>
      source === 'int8' ? bigintToFloat4(big(v)) : Math.fround(num(v)),
    ),
  )
  casts.push(cast(source, 'float8', 'implicit', (v) => Number(v)))
  casts.push(cast(source, 'numeric', 'implicit', (v) => Numeric.of(big(v), 0)))
  casts.push(cast('float4', source, 'assignment', (v) => floatToInteger(num(v), source)))
  casts.push(cast('float8', source, 'assignment', (v) => floatToInteger(num(v), source)))
  casts.push(cast('numeric', source, 'assignment', (v) => numericToInteger(v, source)))
  for (const target of oidKinds) {
    // int4 → oid is a binary coercion (negative values wrap); int2 widens first; int8 checks.
    const evaluate = source === 'int8' ? oidFromInt8 : (v: Value): Value => num(v) >>> 0
    casts.push(cast(source, target, 'implicit', evaluate))
  }
}
casts.push(
  cast('float4', 'float8', 'implicit', (v) => v),
  cast('float8', 'float4', 'assignment', (v) => float8ToFloat4(num(v))),
  cast('float4', 'numeric', 'assignment', (v) => floatToNumeric(num(v), 6)),
  cast('float8', 'numeric', 'assignment', (v) => floatToNumeric(num(v), 15)),
  cast('numeric', 'float4', 'implicit', (v) => parseFloat4(numeric(v).toString())),
  cast('numeric', 'float8', 'implicit', (v) => parseFloat8(numeric(v).toString())),
  cast('int4', 'bool', 'explicit', (v) => num(v) !== 0),
  cast('bool', 'int4', 'explicit', (v) => (v === true ? 1 : 0)),
)
for (const kind of oidKinds) {
  // oid and reg* to integers: int4 is a binary coercion (values above 2^31 turn negative).
  casts.push(cast(kind, 'int4', 'assignment', (v) => num(v) | 0))
  casts.push(cast(kind, 'int8', 'assignment', (v) => BigInt(num(v))))
  if (kind !== 'oid') {
    casts.push(cast(kind, 'oid', 'implicit', (v) => v))
    casts.push(cast('oid', kind, 'implicit', (v) => v))
  }
}

export const mathCasts: readonly BuiltinCast[] = casts
