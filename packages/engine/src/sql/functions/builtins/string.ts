/**
 * Built-in functions, operators, casts and aggregates of the string family (see ../registry.ts).
 */
import type { BuiltinFamily } from '../registry.js'

export const stringBuiltins: BuiltinFamily = {
  functions: [],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
