/**
 * The optimizer: applies the rules in a fixed order, verifying the plan after each one (rules
 * can be disabled by name in tests, to compare plans with and without them).
 */
import type { BoundSelect } from '../bind/index.js'
import { buildSelectPlan } from './build-plan.js'
import type { PlanNode } from './plan.js'
import { primaryKeyPoint } from './rules/primary-key-point.js'
import { primaryKeyRange } from './rules/primary-key-range.js'
import type { OptimizerRule } from './rules/rule.js'
import { sortElision } from './rules/sort-elision.js'
import { verifyPlan } from './verify-plan.js'

/** Order matters: ranges first, so the point rule and sort elision see the index scan. */
export const optimizerRules: readonly OptimizerRule[] = [
  primaryKeyRange,
  primaryKeyPoint,
  sortElision,
]

export interface PlanOptions {
  readonly disabledRules?: ReadonlySet<string>
  /** Called with each rule's output, for `[opt]>` golden output. */
  readonly onRuleApplied?: (rule: string, plan: PlanNode) => void
}

export function planSelect(select: BoundSelect, options: PlanOptions = {}): PlanNode {
  let plan = buildSelectPlan(select)
  verifyPlan(plan)
  for (const rule of optimizerRules) {
    if (options.disabledRules?.has(rule.name)) continue
    plan = rule.apply(plan)
    verifyPlan(plan)
    options.onRuleApplied?.(rule.name, plan)
  }
  return plan
}
