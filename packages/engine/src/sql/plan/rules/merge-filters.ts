/**
 * Rule merge-filters: a filter directly over another becomes one filter over the conjuncts of
 * both, the inner ones first. Stacked filters come from views pulled up into the referencing
 * query (the view's WHERE under the query's own, see bind/bind-view.ts); merged, the later
 * rules see every condition on a scan at once (key ranges take all of them), as PostgreSQL
 * does with the quals of a pulled-up view.
 */

import type { PlanNode } from '../plan.js'
import { conjunction, conjuncts } from './expressions.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const mergeFilters: OptimizerRule = {
  name: 'merge-filters',
  apply: (plan) => merge(plan),
}

function merge(node: PlanNode): PlanNode {
  const rebuilt = mapInput(node, merge)
  if (rebuilt.kind !== 'Filter' || rebuilt.input.kind !== 'Filter') return rebuilt
  const inner = rebuilt.input
  const predicate = conjunction([...conjuncts(inner.predicate), ...conjuncts(rebuilt.predicate)])
  return predicate === undefined ? inner.input : { kind: 'Filter', input: inner.input, predicate }
}
