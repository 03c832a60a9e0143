/**
 * The optimizer: applies the rules in a fixed order and verifies the result (after each rule
 * when a caller watches them); rules can be disabled by name in tests, to compare plans with and
 * without them. Subquery plans
 * inside expressions are optimized the same way, first.
 */
import {
  type BoundExpr,
  type BoundSelect,
  type ColumnId,
  inputsOf,
  mapExpression,
  mapInputs,
  mapOwnExpressions,
  outputColumns,
} from '../bind/index.js'
import type { PlanNode } from './plan.js'
import { constantFolding } from './rules/constant-folding.js'
import { hashJoin } from './rules/hash-join.js'
import { indexNestedLoop } from './rules/index-nested-loop.js'
import { indexOnlyScan } from './rules/index-only-scan.js'
import { inlineFunctions } from './rules/inline-functions.js'
import { joinPlanning } from './rules/join-planning.js'
import { mergeFilters } from './rules/merge-filters.js'
import { primaryKeyPoint } from './rules/primary-key-point.js'
import { primaryKeyRange } from './rules/primary-key-range.js'
import type { ConstantEvaluator, OptimizerRule, RuleContext } from './rules/rule.js'
import { secondaryIndexScan } from './rules/secondary-index-scan.js'
import { sortElision } from './rules/sort-elision.js'
import { verifyPlan } from './verify-plan.js'

/** Order matters: SQL functions are inlined first (their bodies fold and use indexes like any
 * expression), constants are folded next (so the other rules see `id = 2`, not `id = 1 + 1`,
 * and false conjuncts have emptied their relations), stacked filters are merged, then joins are
 * planned (moving filters onto the scans they restrict), then equi-joins become hash joins, then
 * secondary indexes are weighed against the primary key (whose range rule comes next), then hash
 * joins with few outer rows become index lookups, so sort elision sees the index scans; last,
 * index scans whose rows are only counted stop fetching them. */
export const optimizerRules: readonly OptimizerRule[] = [
  inlineFunctions,
  constantFolding,
  mergeFilters,
  joinPlanning,
  hashJoin,
  secondaryIndexScan,
  primaryKeyRange,
  primaryKeyPoint,
  indexNestedLoop,
  sortElision,
  indexOnlyScan,
]

export interface PlanOptions {
  readonly disabledRules?: ReadonlySet<string>
  /** Called with each rule's output, for `[opt]>` golden output. */
  readonly onRuleApplied?: (rule: string, plan: PlanNode) => void
  /** Evaluates constant expressions for constant-folding; without it only what needs no
   * evaluation folds. The executor passes one (execute/ owns evaluation). */
  readonly evaluate?: ConstantEvaluator
  /** False when the statement has no call of an inlinable SQL function (BoundSelect), so the
   * inline-functions rule has nothing to look for. */
  readonly hasInlineCalls?: boolean
}

export function planSelect(select: BoundSelect, options: PlanOptions = {}): PlanNode {
  const withFlag =
    select.hasInlineCalls === undefined
      ? options
      : { ...options, hasInlineCalls: select.hasInlineCalls }
  return optimize(select.plan, withFlag, new Set(), true)
}

/**
 * Optimizes a plan whose expressions may also read `outer` columns (a subquery's enclosing
 * rows); `isTop` reports rule outputs (subquery plans are optimized silently).
 */
export function optimize(
  input: PlanNode,
  options: PlanOptions = {},
  outer: ReadonlySet<ColumnId> = new Set(),
  isTop = false,
): PlanNode {
  let plan = optimizeSubqueries(input, options, outer)
  // Verified once, after the last rule: every statement plans on the hot path. A caller that
  // watches the rules (onRuleApplied: tests, debugging) gets each rule's output verified.
  const isWatched = isTop && options.onRuleApplied !== undefined
  const context: RuleContext = {
    ...(options.evaluate === undefined ? {} : { evaluate: options.evaluate }),
    ...(options.hasInlineCalls === undefined ? {} : { hasInlineCalls: options.hasInlineCalls }),
  }
  for (const rule of optimizerRules) {
    if (options.disabledRules?.has(rule.name)) continue
    plan = rule.apply(plan, context)
    if (isWatched) {
      verifyPlan(plan, outer)
      options.onRuleApplied?.(rule.name, plan)
    }
  }
  verifyPlan(plan, outer)
  return plan
}

/** Subquery plans inside each node's expressions, optimized with that node's row as outer. */
function optimizeSubqueries(
  plan: PlanNode,
  options: PlanOptions,
  outer: ReadonlySet<ColumnId>,
): PlanNode {
  const inner: PlanOptions = {
    ...(options.disabledRules === undefined ? {} : { disabledRules: options.disabledRules }),
    ...(options.evaluate === undefined ? {} : { evaluate: options.evaluate }),
  }
  const withInputs = mapInputs(plan, (input) => optimizeSubqueries(input, options, outer))
  const visible = new Set<ColumnId>(outer)
  for (const input of inputsOf(withInputs))
    for (const column of outputColumns(input)) visible.add(column)
  if (withInputs.kind === 'Join' && withInputs.isLateral) {
    const lateralOuter = new Set([...outer, ...outputColumns(withInputs.left)])
    return {
      ...withInputs,
      right: optimize(withInputs.right, inner, lateralOuter),
      condition: withInputs.condition,
    }
  }
  const visit = (expr: BoundExpr): BoundExpr =>
    mapExpression(expr, (node) =>
      node.kind === 'SubLink' ? { ...node, plan: optimize(node.plan, inner, visible) } : undefined,
    )
  return mapOwnExpressions(withInputs, visit)
}
