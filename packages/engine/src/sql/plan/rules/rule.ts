/** An optimizer rule: a named rewrite of a plan into an equivalent, cheaper plan. */
import type { Value } from '../../../types/index.js'
import type { BoundExpr } from '../../bind/index.js'
import type { PlanNode } from '../plan.js'

/** Evaluates an expression whose arguments are all constants (the executor's evaluation, so
 * results and errors are the ones a run would give). */
export type ConstantEvaluator = (expr: BoundExpr) => Value

/** What rules may use besides the plan. */
export interface RuleContext {
  /** Absent: rules fold nothing that needs evaluating (constant-folding.ts). */
  readonly evaluate?: ConstantEvaluator
  /** False: no call in the plan can be inlined (undefined: unknown, look). */
  readonly hasInlineCalls?: boolean
}

export interface OptimizerRule {
  readonly name: string
  apply(plan: PlanNode, context?: RuleContext): PlanNode
}

export { mapInputs as mapInput } from '../../bind/index.js'
