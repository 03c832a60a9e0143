/**
 * Execution: plans become pull-based row iterators, expressions become closures, and DML/DDL
 * statements change the transaction's rows and catalog version.
 * Imports: plan, bind, access, kernel, catalog, types, functions. Tests: executor tests in
 * session/ (through SQL).
 */

export { SequenceStates } from '../../access/index.js'
export { type CompiledExpression, compileExpression } from './compile-expression.js'
export type { CopyHandler, CopyStart, ExecuteOptions } from './copy/copy-handler.js'
export { runCopyFrom, runCopyTo } from './copy/run-copy.js'
export { persistAcls } from './ddl/grant.js'
export { DeferredConstraints, type DeferredMark } from './deferred-constraints.js'
export { commandOf, describeResult } from './describe-statement.js'
export {
  executeStatement,
  openSelect,
  type PlanSlot,
  selectPlan,
} from './execute-statement.js'
export { type ExecutionContext, systemSourceOf } from './execution-context.js'
export { runDeferredChecks } from './foreign-keys.js'
export { compilePointLookup, type PointLookup } from './point-lookup.js'
export { RoutineRunner } from './routine-runner.js'
export {
  type ChangeBatch,
  type ChangeBatchListener,
  type RowChange,
  toChangeBatch,
} from './row-changes.js'
export { RowIds } from './row-ids.js'
export { checkRows, runPlan, statementScope } from './run-plan.js'
export { SessionSequences } from './session-sequences.js'
export { StatementInterrupt } from './statement-interrupt.js'
export type {
  ColumnDescription,
  ExecuteOutcome,
  Notice,
  StatementResult,
  TransactionStatus,
} from './statement-result.js'
