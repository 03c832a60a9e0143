/**
 * Small helpers shared by the string and array builtins: declaration shorthands with
 * PostgreSQL's defaults (immutable, strict), typed access to argument values (a wrong
 * representation is a bug, InternalError), and the six comparison operators of a type.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import { textBytesMax } from '../../../limits.js'
import { SqlArray, type SqlType, trimTrailingSpaces, type Value } from '../../../types/index.js'
import type {
  ArgType,
  BuiltinFunction,
  BuiltinOperator,
  BuiltinSetFunction,
  CallContext,
  Volatility,
} from '../registry.js'

export interface DeclareOptions {
  readonly volatility?: Volatility
  readonly isStrict?: boolean
  readonly isVariadic?: boolean
}

type Returns = ArgType | ((argTypes: readonly SqlType[]) => SqlType)

export function fn(
  name: string,
  args: readonly ArgType[],
  returns: Returns,
  evaluate: (args: readonly Value[], call: CallContext) => Value,
  options: DeclareOptions = {},
): BuiltinFunction {
  return {
    name,
    args,
    returns,
    evaluate,
    volatility: options.volatility ?? 'immutable',
    isStrict: options.isStrict ?? true,
    ...(options.isVariadic === true ? { isVariadic: true } : {}),
  }
}

export function setFn(
  name: string,
  args: readonly ArgType[],
  returns: Returns,
  evaluate: (args: readonly Value[], call: CallContext) => Iterable<Value | Value[]>,
  options: DeclareOptions = {},
): BuiltinSetFunction {
  return {
    name,
    args,
    returns,
    evaluate,
    volatility: options.volatility ?? 'immutable',
    isStrict: options.isStrict ?? true,
    ...(options.isVariadic === true ? { isVariadic: true } : {}),
  }
}

export function op(
  name: string,
  left: ArgType | undefined,
  right: ArgType,
  returns: Returns,
  evaluate: (args: readonly Value[], call: CallContext) => Value,
  isStrict = true,
): BuiltinOperator {
  return { name, left, right, returns, evaluate, volatility: 'immutable', isStrict }
}

export function asText(value: Value | undefined): string {
  if (typeof value !== 'string') throw new InternalError('text argument is not a string')
  return value
}

export function asInt(value: Value | undefined): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  throw new InternalError('integer argument is not an integer number')
}

export function asBigInt(value: Value | undefined): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  throw new InternalError('bigint argument is not an integer')
}

export function asBytes(value: Value | undefined): Uint8Array {
  if (value instanceof Uint8Array) return value
  throw new InternalError('bytea argument is not bytes')
}

export function asBool(value: Value | undefined): boolean {
  if (typeof value === 'boolean') return value
  throw new InternalError('boolean argument is not a boolean')
}

export function asArray(value: Value | undefined): SqlArray {
  if (value instanceof SqlArray) return value
  throw new InternalError('array argument is not an array')
}

export function argType(call: CallContext, i: number): SqlType {
  const type = call.argTypes[i]
  if (type === undefined) throw new InternalError(`missing type of argument ${i + 1}`)
  return type
}

/** 54000 as PostgreSQL words it when a result would exceed the largest value. */
export function requestedLengthTooLarge(): SqlError {
  return new SqlError(SqlState.programLimitExceeded, 'requested length too large')
}

/** A result of `bytes` bytes must fit in a text value. */
export function checkResultBytes(bytes: number): void {
  if (bytes > textBytesMax) throw requestedLengthTooLarge()
}

/** Whether every character is below U+0080. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

const surrogate = /[\ud800-\udfff]/

/** Whether UTF-16 units and characters differ in the string (characters above U+FFFF). */
export function hasSurrogates(text: string): boolean {
  return surrogate.test(text)
}

/** The characters (code points) of a string. */
export function characters(text: string): string[] {
  return hasSurrogates(text) ? Array.from(text) : text.split('')
}

/** value::text as PostgreSQL casts it: the output function, except boolean ('true') and
 * char(n) (trailing spaces dropped). What `text || anynonarray` and quote_literal use. */
export function castToText(value: Value, type: SqlType, call: CallContext): string {
  if (type.kind === 'bool') return asBool(value) ? 'true' : 'false'
  const text = call.output(value, type)
  return type.kind === 'bpchar' ? trimTrailingSpaces(text) : text
}

/** The six comparison operators of one type pair, from a three-way comparison. */
export function comparisonOperators(
  left: ArgType,
  right: ArgType,
  compare: (a: Value, b: Value, call: CallContext) => number,
): BuiltinOperator[] {
  const tests: [string, (order: number) => boolean][] = [
    ['=', (order) => order === 0],
    ['<>', (order) => order !== 0],
    ['<', (order) => order < 0],
    ['<=', (order) => order <= 0],
    ['>', (order) => order > 0],
    ['>=', (order) => order >= 0],
  ]
  return tests.map(([name, holds]) =>
    op(name, left, right, 'bool', ([a, b], call) => holds(compare(a ?? null, b ?? null, call))),
  )
}
