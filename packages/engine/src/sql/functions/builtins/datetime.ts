/**
 * Built-in functions, operators, casts and aggregates of the datetime family (see ../registry.ts).
 */
import type { BuiltinFamily } from '../registry.js'

export const datetimeBuiltins: BuiltinFamily = {
  functions: [],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
