/**
 * Calls with `VARIADIC array` (`concat(VARIADIC '{a,b}'::text[])`): the array is the variadic
 * parameter's whole value, not one of its elements. PostgreSQL's rules:
 *   - a function whose variadic parameter is an array type (json_extract_path(json, VARIADIC
 *     text[])) takes the array as that parameter, matched like any argument;
 *   - a VARIADIC "any" function (concat, format, json_build_object) takes any array, which must
 *     be one (42804 "VARIADIC argument must be an array" otherwise); its elements reach the
 *     function as separate arguments, each of the element type. A NULL array gives NULL, except
 *     for format(), which reads it as no arguments.
 * Only declarations marked variadic are candidates: `upper(VARIADIC ...)` does not exist.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { SqlArray, type SqlType, type Value } from '../../types/index.js'
import {
  type BuiltinFunction,
  builtinCatalog,
  noSuchFunction,
  resolveFunction,
} from '../functions/index.js'
import type { BoundExpr } from './bound.js'

export function resolveVariadicCall(
  name: string,
  declarations: readonly BuiltinFunction[],
  args: readonly BoundExpr[],
  position: number | undefined,
  argumentPosition: number | undefined,
): { declaration: BuiltinFunction; argTypes: readonly SqlType[]; resultType: SqlType } {
  const variadic = declarations.filter((declaration) => declaration.isVariadic === true)
  const last = args[args.length - 1]
  const types = args.map((arg) => arg.type)
  const isArray = last !== undefined && last.type.kind === 'array'
  if (
    variadic.length > 0 &&
    variadic.every((declaration) => declaration.args[declaration.args.length - 1] === 'any') &&
    !isArray
  ) {
    throw new SqlError(
      SqlState.datatypeMismatch,
      'VARIADIC argument must be an array',
      argumentPosition === undefined ? {} : { position: argumentPosition },
    )
  }
  // Each variadic declaration as a fixed-arity one whose last parameter is the array.
  const fixed = variadic.map((declaration) => {
    const isAny = declaration.args[declaration.args.length - 1] === 'any'
    const args = isAny ? [...declaration.args.slice(0, -1), 'anyarray' as const] : declaration.args
    return { ...declaration, args, isVariadic: false, ...(isAny ? spreading(declaration) : {}) }
  })
  let resolution: ReturnType<typeof resolveFunction<BuiltinFunction>>
  try {
    resolution = resolveFunction(builtinCatalog(), name, fixed, types)
  } catch (error: unknown) {
    if (error instanceof SqlError && position !== undefined) throw error.withPosition(position)
    throw error
  }
  if (resolution === undefined) {
    throw noSuchFunction(name, types).withPosition(position ?? 0)
  }
  return resolution
}

/** A VARIADIC "any" function called with the array: its elements spread into arguments. */
function spreading(declaration: BuiltinFunction): Pick<BuiltinFunction, 'evaluate' | 'isStrict'> {
  const evaluate = declaration.evaluate
  const isNullEmpty = declaration.name === 'format'
  return {
    isStrict: false,
    evaluate: (values, call) => {
      const array = values[values.length - 1] ?? null
      const fixedValues = values.slice(0, -1)
      const fixedTypes = call.argTypes.slice(0, -1)
      if (array === null && !isNullEmpty) return null
      const elements: readonly Value[] = array === null ? [] : elementsOf(array)
      const spread = [...fixedValues, ...elements]
      if (declaration.isStrict && spread.some((value) => value === null)) return null
      const element = call.argTypes[call.argTypes.length - 1]?.element
      const elementTypes = element === undefined ? [] : elements.map(() => element)
      return evaluate(spread, { ...call, argTypes: [...fixedTypes, ...elementTypes] })
    },
  }
}

function elementsOf(value: Value): readonly Value[] {
  if (!(value instanceof SqlArray)) throw new InternalError('a VARIADIC argument is not an array')
  return value.elements
}
