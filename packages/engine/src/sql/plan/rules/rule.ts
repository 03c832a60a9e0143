/** An optimizer rule: a named rewrite of a plan into an equivalent, cheaper plan. */
import type { PlanNode } from '../plan.js'

export interface OptimizerRule {
  readonly name: string
  apply(plan: PlanNode): PlanNode
}

/** Rebuilds `node` with `rewrite` applied to its input (bottom-up helpers use it). */
export function mapInput(node: PlanNode, rewrite: (input: PlanNode) => PlanNode): PlanNode {
  switch (node.kind) {
    case 'Result':
    case 'SeqScan':
    case 'IndexScan':
      return node
    case 'Filter':
    case 'Sort':
    case 'Limit':
    case 'Project':
    case 'LockRows':
      return { ...node, input: rewrite(node.input) }
  }
}
