/**
 * Built-in functions, operators, casts and aggregates of the array family (see ../registry.ts).
 */
import type { BuiltinFamily } from '../registry.js'

export const arrayBuiltins: BuiltinFamily = {
  functions: [],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
