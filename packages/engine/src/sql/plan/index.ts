/**
 * Planning: bound statements → plans (plain data), optimizer rules (one per file, applied in
 * order, the result checked by verifyPlan), and the EXPLAIN printer.
 * Imports: bind, catalog, types, lib, errors. Tests: planner.test.ts.
 */
export { explainPlan, printExpression } from './explain.js'
export { optimize, optimizerRules, type PlanOptions, planSelect } from './optimizer.js'
export type { PlanKind, PlanNode, ScanBound } from './plan.js'
export type { ConstantEvaluator } from './rules/rule.js'
export { verifyPlan } from './verify-plan.js'
