/**
 * Built-in functions, operators, casts and aggregates of the math family (see ../registry.ts).
 */
import type { BuiltinFamily } from '../registry.js'

export const mathBuiltins: BuiltinFamily = {
  functions: [],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
