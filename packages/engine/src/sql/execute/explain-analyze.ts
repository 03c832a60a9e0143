/**
 * EXPLAIN ANALYZE: plans and runs the query with every node counted (plan-counters.ts), reads
 * all its rows (discarding them, as PostgreSQL does), and prints the plan with each node's
 * actual rows and loops, then Planning Time and Execution Time unless SUMMARY OFF.
 */
import type { BoundExplain } from '../bind/index.js'
import { explainPlan, planSelect } from '../plan/index.js'
import { constantEvaluator } from './constant-evaluator.js'
import type { ExecutionContext } from './execution-context.js'
import { PlanCounters } from './plan-counters.js'
import { runPlan } from './run-plan.js'

export function explainAnalyze(explain: BoundExplain, context: ExecutionContext): string[] {
  const planningStart = performance.now()
  const plan = planSelect(explain.statement, { evaluate: constantEvaluator(context) })
  const planningMs = performance.now() - planningStart
  const counters = new PlanCounters(explain.timing)
  const executionStart = performance.now()
  for (const _row of runPlan(plan, context, counters)) context.interrupt.tick()
  const executionMs = performance.now() - executionStart
  const lines = explainPlan(plan, (node) => {
    const counts = counters.of(node)
    if (counts === undefined) return undefined
    return {
      loops: counts.loops,
      rows: counts.rows,
      startupMs: explain.timing ? counts.startupMs : undefined,
      totalMs: explain.timing ? counts.totalMs : undefined,
    }
  })
  if (explain.summary) {
    lines.push(`Planning Time: ${planningMs.toFixed(3)} ms`)
    lines.push(`Execution Time: ${executionMs.toFixed(3)} ms`)
  }
  return lines
}
