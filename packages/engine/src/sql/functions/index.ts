/**
 * Built-in functions, operators and casts: their type rules and evaluation.
 * Imports: types, errors, lib. Tests: operators.test.ts.
 */
export { BuiltinCatalog, builtinCatalog } from './builtin-catalog.js'
export { quoteIdent, quoteLiteral } from './builtins/string-format.js'
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
export type {
  ArgType,
  BackendAccess,
  BuiltinAggregate,
  BuiltinCast,
  BuiltinFamily,
  BuiltinFunction,
  BuiltinOperator,
  BuiltinSetFunction,
  CallContext,
  CatalogAccess,
  RoleAccess,
  RoutineAccess,
  SequenceAccess,
  StatementEnvironment,
  Volatility,
} from './registry.js'
export {
  type Coercion,
  type CoercionContext,
  canCoerce,
  describeArgs,
  findCoercion,
  isPackedVariadic,
  noSuchFunction,
  type Resolution,
  resolveFunction,
  resolveOperator,
  selectCommonType,
} from './resolve.js'
export {
  type WindowFunctionDeclaration,
  type WindowFunctionName,
  windowFunctions,
} from './window-functions.js'
