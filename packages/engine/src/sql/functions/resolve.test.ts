// Function, operator and common-type resolution against a small catalog shaped like
// PostgreSQL's own (the relevant rows of pg_proc, pg_operator and pg_cast); every expectation
// was checked on PostgreSQL 15: SELECT pg_typeof(...) for the chosen overload, and the errors
// for the failing cases.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../errors/index.js'
import { arrayOf, type SqlType, type SqlTypeKind, sqlTypes, type Value } from '../../types/index.js'
import { BuiltinCatalog } from './builtin-catalog.js'
import type { ArgType, BuiltinCast, BuiltinFunction, BuiltinOperator } from './registry.js'
import {
  findCoercion,
  noSuchFunction,
  resolveFunction,
  resolveOperator,
  selectCommonType,
} from './resolve.js'

const identity = (value: Value): Value => value
const numericKinds: readonly SqlTypeKind[] = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']

function cast(
  source: SqlTypeKind,
  target: SqlTypeKind,
  context: BuiltinCast['context'],
): BuiltinCast {
  return { source, target, context, evaluate: identity }
}

// pg_cast among the numeric types: widening is implicit, narrowing assignment.
const casts: BuiltinCast[] = []
for (const [i, source] of numericKinds.entries()) {
  for (const [j, target] of numericKinds.entries()) {
    if (i !== j) casts.push(cast(source, target, j > i ? 'implicit' : 'assignment'))
  }
}
casts.push(cast('varchar', 'text', 'implicit'), cast('text', 'varchar', 'implicit'))
casts.push(cast('bpchar', 'text', 'implicit'), cast('int4', 'bool', 'explicit'))

function fn(name: string, args: ArgType[], returns: ArgType, isVariadic = false): BuiltinFunction {
  return {
    name,
    args,
    returns,
    isVariadic,
    volatility: 'immutable',
    isStrict: true,
    evaluate: () => null,
  }
}

function op(
  name: string,
  left: ArgType | undefined,
  right: ArgType,
  returns: ArgType,
): BuiltinOperator {
  return { name, left, right, returns, volatility: 'immutable', evaluate: () => null }
}

const functions: BuiltinFunction[] = [
  ...['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'].map((k) =>
    fn('abs', [k as ArgType], k as ArgType),
  ),
  fn('round', ['numeric'], 'numeric'),
  fn('round', ['float8'], 'float8'),
  fn('round', ['numeric', 'int4'], 'numeric'),
  fn('length', ['text'], 'int4'),
  fn('length', ['bpchar'], 'int4'),
  fn('length', ['bytea'], 'int4'),
  fn('array_append', ['anycompatiblearray', 'anycompatible'], 'anycompatiblearray'),
  fn('array_length', ['anyarray', 'int4'], 'int4'),
  fn('concat', ['any'], 'text', true),
  fn('unnest_like', ['anyelement'], 'anyelement'),
]
const operators: BuiltinOperator[] = [
  ...numericKinds.flatMap((k) => [
    op('+', k as ArgType, k as ArgType, k as ArgType),
    op('-', undefined, k as ArgType, k as ArgType),
  ]),
  op('+', 'int2', 'int4', 'int4'),
  op('+', 'int4', 'int2', 'int4'),
  op('+', 'int4', 'int8', 'int8'),
  op('+', 'int8', 'int4', 'int8'),
  op('+', 'date', 'int4', 'date'),
  op('+', 'timestamp', 'interval', 'timestamp'),
  op('||', 'text', 'text', 'text'),
  op('||', 'text', 'anynonarray', 'text'),
  op('||', 'anynonarray', 'text', 'text'),
  op('||', 'anycompatiblearray', 'anycompatiblearray', 'anycompatiblearray'),
]
const catalog = new BuiltinCatalog([
  { functions, setFunctions: [], operators, casts, aggregates: [] },
])

function resolveCall(name: string, types: SqlType[]): string {
  const resolution = resolveFunction(catalog, name, catalog.functions.get(name) ?? [], types)
  if (resolution === undefined) return 'none'
  const args = resolution.argTypes.map((t) => t.displayName).join(', ')
  return `${name}(${args}) -> ${resolution.resultType.displayName}`
}

function resolveOp(name: string, left: SqlType | undefined, right: SqlType): string {
  const resolution = resolveOperator(catalog, name, left, right)
  return `${resolution.argTypes.map((t) => t.displayName).join(` ${name} `)} -> ${resolution.resultType.displayName}`
}

function sqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error: unknown) {
    if (error instanceof SqlError) return error
    throw error
  }
  assert.fail('expected an SqlError')
}

const { int2, int4, int8, numeric, float8, text, unknown, varchar, bool } = sqlTypes

test('functions: an exact match wins; otherwise implicit casts with preferred types', () => {
  assert.equal(resolveCall('abs', [int2]), 'abs(smallint) -> smallint')
  assert.equal(resolveCall('abs', [numeric]), 'abs(numeric) -> numeric')
  // round(1): no round(integer); numeric and double precision both reachable; float8 is the
  // preferred type of the numeric category (pg_typeof: double precision).
  assert.equal(resolveCall('round', [int4]), 'round(double precision) -> double precision')
  assert.equal(resolveCall('round', [int4, int4]), 'round(numeric, integer) -> numeric')
  // abs('1'): an untyped literal in the numeric category resolves to the preferred float8.
  assert.equal(resolveCall('abs', [unknown]), 'abs(double precision) -> double precision')
  // length('abc'): the string category wins for untyped arguments, then its preferred type.
  assert.equal(resolveCall('length', [unknown]), 'length(text) -> integer')
  assert.equal(resolveCall('length', [varchar]), 'length(text) -> integer')
  assert.equal(resolveCall('length', [bool]), 'none')
})

test('functions: polymorphic and variadic declarations', () => {
  assert.equal(
    resolveCall('array_append', [arrayOf(int4), int8]),
    'array_append(bigint[], bigint) -> bigint[]',
  )
  assert.equal(
    resolveCall('array_append', [arrayOf(int4), unknown]),
    'array_append(integer[], integer) -> integer[]',
  )
  assert.equal(resolveCall('array_length', [int4, int4]), 'none')
  assert.equal(
    resolveCall('array_length', [arrayOf(text), int2]),
    'array_length(text[], integer) -> integer',
  )
  assert.equal(
    resolveCall('concat', [int4, unknown, bool]),
    'concat(integer, text, boolean) -> text',
  )
  assert.equal(resolveCall('concat', []), 'none')
  const error = sqlError(() => resolveCall('unnest_like', [unknown]))
  assert.equal(error.code, '42804')
  assert.equal(error.message, 'could not determine polymorphic type because input has type unknown')
})

test('operators: exact, untyped side takes the other side type, implicit casts, ambiguity', () => {
  assert.equal(resolveOp('+', int4, int4), 'integer + integer -> integer')
  assert.equal(resolveOp('+', int4, int8), 'integer + bigint -> bigint')
  // 1 + 1.5: no integer + numeric operator; numeric + numeric has one exact side.
  assert.equal(resolveOp('+', int4, numeric), 'numeric + numeric -> numeric')
  // '1' + 1 is integer + integer (the literal then fails to parse as integer: 22P02 later).
  assert.equal(resolveOp('+', unknown, int4), 'integer + integer -> integer')
  assert.equal(resolveOp('-', undefined, int2), 'smallint -> smallint')
  assert.equal(resolveOp('||', unknown, unknown), 'text || text -> text')
  assert.equal(resolveOp('||', int4, unknown), 'integer || text -> text')
  assert.equal(resolveOp('||', arrayOf(int4), arrayOf(int8)), 'bigint[] || bigint[] -> bigint[]')
  const ambiguous = sqlError(() => resolveOp('+', unknown, unknown))
  assert.equal(ambiguous.code, '42725')
  assert.equal(ambiguous.message, 'operator is not unique: unknown + unknown')
  const missing = sqlError(() => resolveOp('+', bool, bool))
  assert.equal(missing.code, '42883')
  assert.equal(missing.message, 'operator does not exist: boolean + boolean')
  assert.equal(
    missing.hint,
    'No operator matches the given name and argument types. You might need to add explicit type casts.',
  )
  assert.equal(
    noSuchFunction('f', [int4, unknown]).message,
    'function f(integer, unknown) does not exist',
  )
})

test('coercions: declared casts by context, arrays element-wise, I/O through text', () => {
  assert.equal(findCoercion(catalog, int4, int8, 'implicit')?.kind, 'function')
  assert.equal(findCoercion(catalog, int8, int4, 'implicit'), undefined)
  assert.equal(findCoercion(catalog, int8, int4, 'assignment')?.kind, 'function')
  assert.equal(findCoercion(catalog, int4, bool, 'assignment'), undefined)
  assert.equal(findCoercion(catalog, int4, bool, 'explicit')?.kind, 'function')
  assert.equal(findCoercion(catalog, arrayOf(int4), arrayOf(int8), 'implicit')?.kind, 'array')
  // Anything is assigned to a string column through its output function; a string is read
  // into anything only explicitly.
  assert.equal(findCoercion(catalog, bool, text, 'implicit'), undefined)
  assert.equal(findCoercion(catalog, bool, text, 'assignment')?.kind, 'io')
  assert.equal(findCoercion(catalog, text, bool, 'assignment'), undefined)
  assert.equal(findCoercion(catalog, text, bool, 'explicit')?.kind, 'io')
  assert.equal(findCoercion(catalog, int4, int4, 'implicit')?.kind, 'none')
})

test('common types of CASE / UNION branches', () => {
  assert.equal(selectCommonType(catalog, [int4, numeric], 'CASE'), numeric)
  assert.equal(selectCommonType(catalog, [numeric, int4], 'CASE'), numeric)
  assert.equal(selectCommonType(catalog, [int2, int8, int4], 'UNION'), int8)
  assert.equal(selectCommonType(catalog, [unknown, unknown], 'VALUES'), text)
  assert.equal(selectCommonType(catalog, [unknown, int4], 'COALESCE'), int4)
  assert.equal(selectCommonType(catalog, [int4, float8, numeric], 'CASE'), float8)
  // PostgreSQL lists the ELSE branch first: CASE WHEN .. THEN 1 ELSE 'a'::text END.
  const error = sqlError(() => selectCommonType(catalog, [text, int4], 'CASE'))
  assert.equal(error.code, '42804')
  assert.equal(error.message, 'CASE types text and integer cannot be matched')
})

test('a declaration repeated across families fails when the catalog is built', () => {
  assert.throws(
    () =>
      new BuiltinCatalog([
        {
          functions: [fn('f', ['int4'], 'int4')],
          setFunctions: [],
          operators: [],
          casts: [],
          aggregates: [],
        },
        {
          functions: [fn('f', ['int4'], 'int8')],
          setFunctions: [],
          operators: [],
          casts: [],
          aggregates: [],
        },
      ]),
    /function f\(int4\) is declared twice/,
  )
})
