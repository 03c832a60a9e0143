/**
 * Built-in functions, operators, casts and aggregates of the math family (see ../registry.ts):
 * the integer, float, numeric and oid types. Declarations follow PostgreSQL 15's pg_proc,
 * pg_operator, pg_cast and pg_aggregate; the pieces live beside this file:
 * math-operators.ts, math-functions.ts (functions and casts), math-aggregates.ts, with the
 * float helpers in math-float.ts and value helpers in math-values.ts.
 */
import type { BuiltinFamily } from '../registry.js'
import { mathAggregates } from './math-aggregates.js'
import { mathCasts, mathFunctions } from './math-functions.js'
import { mathOperators } from './math-operators.js'
import { mathSetFunctions } from './math-series.js'

export const mathBuiltins: BuiltinFamily = {
  functions: mathFunctions,
  setFunctions: mathSetFunctions,
  operators: mathOperators,
  casts: mathCasts,
  aggregates: mathAggregates,
}
