/** An optimizer rule: a named rewrite of a plan into an equivalent, cheaper plan. */
import type { PlanNode } from '../plan.js'

export interface OptimizerRule {
  readonly name: string
  apply(plan: PlanNode): PlanNode
}

export { mapInputs as mapInput } from '../../bind/index.js'
