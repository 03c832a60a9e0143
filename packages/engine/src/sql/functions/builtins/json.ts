/**
 * Built-in functions, operators, casts and aggregates of the json family (see ../registry.ts).
 */
import type { BuiltinFamily } from '../registry.js'

export const jsonBuiltins: BuiltinFamily = {
  functions: [],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
