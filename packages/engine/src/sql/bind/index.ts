/**
 * Binding: parsed statements → bound statements (names resolved against the catalog, types
 * checked and inferred, parameters typed). Plain data out; no execution here.
 * Imports: parse, catalog, types, functions, errors. Tests: binder.test.ts.
 */

export { type AlterTableRuntime, alterTableDefinition } from './alter-table-definition.js'
export { dropColumnsStatement } from './bind-alter-table.js'
export { bindStoredChecks } from './bind-check.js'
export {
  bindColumnDefault,
  bindGeneratedColumns,
  serialDefault,
} from './bind-column-expressions.js'
export type * from './bind-copy.js'
export { bindDeclaredTypes, bindExecuteArguments } from './bind-execute.js'
export {
  bindActionDefault,
  defineForeignKey,
  isComparable,
  matchingUniqueKey,
} from './bind-foreign-key.js'
export { isSameSignature, signatureOf } from './bind-function-ddl.js'
export { type BoundIndexDefinition, bindIndexDefinition, chooseIndexName } from './bind-index.js'
export type * from './bind-role.js'
export {
  type BoundRoutineBody,
  bindRoutineBody,
  type RoutineBindSession,
} from './bind-routine-body.js'
export { bindStatement } from './binder.js'
export type * from './bound.js'
export type * from './copy-options.js'
export type * from './relation.js'
export { inputsOf, mapInputs, outputColumns } from './relation.js'
export { relationNamesOf } from './relation-names.js'
export { columnTypesOf } from './relation-types.js'
export {
  type ExpressionTraits,
  expressionTraits,
  forEachChild,
  mapExpression,
  mapOwnExpressions,
  mapRelExpressions,
  sameExpression,
} from './walk.js'
