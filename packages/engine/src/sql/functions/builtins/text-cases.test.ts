// Harness for the case tables of the string and array builtins (string-cases.test.ts,
// array-cases.test.ts): each case names a declaration (function, operator, set-returning
// function or cast) by its pg_proc signature, gives typed arguments as text, and the answer
// PostgreSQL 15 gave to the SQL in the case: the result's text output, the rows, or the error's
// SQLSTATE, message, DETAIL and HINT. Values of integer types are handled here directly, so
// the tables do not depend on another family's behaviours.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../../errors/index.js'
import {
  arrayOf,
  behaviourOf,
  defaultTypeContext,
  SqlArray,
  type SqlType,
  type SqlTypeKind,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import { builtinCatalog } from '../builtin-catalog.js'
import type { ArgType, BuiltinFamily, CallContext } from '../registry.js'

export interface ExpectedError {
  readonly code: string
  readonly message: string
  readonly detail?: string
  readonly hint?: string
}

export interface Case {
  /** The SQL run against PostgreSQL 15 ($n are the arguments, given as text). */
  readonly sql: string
  readonly kind: 'fn' | 'op' | 'set' | 'cast'
  readonly name: string
  /** The declared argument types (pg_proc), or for casts [source, target]. */
  readonly sig: readonly ArgType[]
  /** Concrete argument types and their text (null for NULL). */
  readonly args: readonly (readonly [string, string | null])[]
  /** The concrete result type, as pg_typeof printed it. */
  readonly type: string
  /** Text output, null, rows (set-returning functions) or an error. */
  readonly expect: string | null | readonly (string | null)[] | { readonly error: ExpectedError }
}

const typeNames: Record<string, SqlType> = {
  text: sqlTypes.text,
  integer: sqlTypes.int4,
  int4: sqlTypes.int4,
  smallint: sqlTypes.int2,
  int2: sqlTypes.int2,
  bigint: sqlTypes.int8,
  int8: sqlTypes.int8,
  boolean: sqlTypes.bool,
  bool: sqlTypes.bool,
  bytea: sqlTypes.bytea,
  uuid: sqlTypes.uuid,
  name: sqlTypes.name,
  '"char"': sqlTypes.char,
  char: sqlTypes.char,
  character: sqlTypes.bpchar,
  bpchar: sqlTypes.bpchar,
  'character varying': sqlTypes.varchar,
  varchar: sqlTypes.varchar,
  unknown: sqlTypes.unknown,
  void: sqlTypes.void,
}

export function typeByName(name: string): SqlType {
  if (name.endsWith('[]')) return arrayOf(typeByName(name.slice(0, -2)))
  const found = typeNames[name]
  if (found === undefined) throw new Error(`unknown type in case table: ${name}`)
  return found
}

function isInteger(type: SqlType): boolean {
  return type.kind === 'int2' || type.kind === 'int4' || type.kind === 'int8'
}

/** Text output of a value; integers and integer arrays without their behaviours. */
export function format(value: Value, type: SqlType): string {
  if (value === null) return 'NULL'
  if (isInteger(type)) return String(value)
  if (type.kind === 'array' && type.element !== undefined && isInteger(type.element)) {
    const array = value as SqlArray
    if (array.dimensions.length === 0) return '{}'
    assert.equal(array.dimensions.length, 1, 'integer arrays in case tables are one-dimensional')
    const body = array.elements.map((item) => (item === null ? 'NULL' : String(item))).join(',')
    const lower = array.lowerBounds[0] ?? 1
    const prefix = lower === 1 ? '' : `[${lower}:${lower + array.elements.length - 1}]=`
    return `${prefix}{${body}}`
  }
  return behaviourOf(type).output(value, type, defaultTypeContext)
}

/** A value from its text, as `'text'::type` would give it. */
export function parse(text: string, type: SqlType): Value {
  if (isInteger(type)) return type.kind === 'int8' ? BigInt(text) : Number(text)
  if (type.kind === 'array' && type.element !== undefined && isInteger(type.element)) {
    const match = /^\{(.*)\}$/.exec(text)
    assert.ok(match, `integer array literal: ${text}`)
    const body = match[1] ?? ''
    if (body === '') return new SqlArray([])
    return new SqlArray(body.split(',').map((item) => (item === 'NULL' ? null : Number(item))))
  }
  return behaviourOf(type).input(text, type, defaultTypeContext)
}

export function callContext(argTypes: readonly SqlType[], resultType: SqlType): CallContext {
  return {
    argTypes,
    resultType,
    types: defaultTypeContext,
    transactionTimestamp: 0n,
    statementTimestamp: 0n,
    random: () => 0.5,
    output: (value, type) => format(value, type),
    settings: {
      get: () => null,
      set: (_name, value) => value,
    },
  }
}

function sameSignature(a: readonly ArgType[], b: readonly ArgType[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}

function find<T extends { readonly args?: readonly ArgType[]; readonly name: string }>(
  list: readonly T[],
  name: string,
  sig: readonly ArgType[],
): T {
  const found = list.find((item) => item.name === name && sameSignature(item.args ?? [], sig))
  assert.ok(found, `no declaration ${name}(${sig.join(', ')})`)
  return found
}

function errorOf(run: () => unknown): ExpectedError | undefined {
  try {
    run()
  } catch (error) {
    if (!(error instanceof SqlError)) throw error
    return {
      code: error.code,
      message: error.message,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    }
  }
  return undefined
}

/** Runs one case and returns what we answer, in the case's terms. */
export function answer(family: BuiltinFamily, item: Case): Case['expect'] {
  const argTypes = item.args.map(([type]) => typeByName(type))
  const resultType = typeByName(item.type)
  let result: Case['expect'] = null
  const error = errorOf(() => {
    const values = item.args.map(([, text], i) =>
      text === null ? null : parse(text, argTypes[i] as SqlType),
    )
    const call = callContext(argTypes, resultType)
    const show = (value: Value) => (value === null ? null : format(value, resultType))
    switch (item.kind) {
      case 'fn': {
        const declared = find(family.functions, item.name, item.sig)
        if (declared.isStrict && values.includes(null)) result = null
        else result = show(declared.evaluate(values, call))
        return
      }
      case 'op': {
        const declared = family.operators.find(
          (o) =>
            o.name === item.name &&
            sameSignature(o.left === undefined ? [o.right] : [o.left, o.right], item.sig),
        )
        assert.ok(declared, `no operator ${item.name}(${item.sig.join(', ')})`)
        if (declared.isStrict !== false && values.includes(null)) result = null
        else result = show(declared.evaluate(values, call))
        return
      }
      case 'set': {
        const declared = find(family.setFunctions, item.name, item.sig)
        if (declared.isStrict && values.includes(null)) result = []
        else result = [...declared.evaluate(values, call)].map((row) => show(row as Value))
        return
      }
      case 'cast': {
        const [source, target] = item.sig
        // A cast may be declared by another family (bool ↔ int4 lives with the number casts).
        const declared =
          family.casts.find((c) => c.source === source && c.target === target) ??
          builtinCatalog().cast(source as SqlTypeKind, target as SqlTypeKind)
        assert.ok(declared, `no cast ${source} -> ${target}`)
        const value = values[0] ?? null
        const sourceType = argTypes[0] as SqlType
        result = show(
          value === null ? null : declared.evaluate(value, sourceType, resultType, call),
        )
        return
      }
    }
  })
  return error === undefined ? result : { error }
}

export function runCases(title: string, family: BuiltinFamily, cases: readonly Case[]): void {
  test(`${title}: ${cases.length} cases answered as PostgreSQL 15 does`, () => {
    const wrong: string[] = []
    for (const item of cases) {
      const got = answer(family, item)
      try {
        assert.deepEqual(got, item.expect)
      } catch {
        wrong.push(
          `${item.sql}\n  got      ${JSON.stringify(got)}\n  expected ${JSON.stringify(item.expect)}`,
        )
      }
    }
    assert.equal(
      wrong.length,
      0,
      `${wrong.length} wrong answers:\n${wrong.slice(0, 40).join('\n')}`,
    )
  })
}
