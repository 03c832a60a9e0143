/**
 * The evaluator the planner's constant-folding rule uses: an expression whose arguments are all
 * constants, compiled and run here, so a folded value (or error) is exactly what running the
 * expression would give. It runs in the statement's environment (time zone, settings, types).
 */
import type { ConstantEvaluator } from '../plan/index.js'
import { compileExpression } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'
import { statementScope } from './run-plan.js'

export function constantEvaluator(context: ExecutionContext): ConstantEvaluator {
  const scope = statementScope(context, [])
  return (expr) => compileExpression(scope, expr)([])
}
