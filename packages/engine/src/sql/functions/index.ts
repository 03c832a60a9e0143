/**
 * Built-in functions, operators and casts: their type rules and evaluation.
 * Imports: types, errors, lib. Tests: operators.test.ts.
 */
export { canCast, cannotCast, castValue } from './casts.js'
export {
  type ArithmeticOperator,
  arithmetic,
  booleanType,
  type ComparisonOperator,
  compare,
  isComparable,
  negate,
  noOperator,
  widerInteger,
} from './operators.js'
