/**
 * Rule constant-folding: what PostgreSQL's planner does before it plans (eval_const_expressions
 * and the one-time filters of the planner), so that results and errors agree with it.
 *
 *   - An IMMUTABLE call, cast or operator whose arguments are all constants is evaluated now
 *     and replaced by a Constant of the same type and typmod. Its errors are raised now, as in
 *     PostgreSQL: `SELECT 1/0 FROM t WHERE false` fails with 22012 although no row is read.
 *   - A STRICT call with a NULL constant argument is NULL, without evaluating anything:
 *     `MIN(x) / MAX(-0) / CAST(NULL AS INTEGER)` is NULL, never 22012.
 *   - AND / OR with constant arguments: `x AND false` is false, `x OR true` is true, true
 *     arguments of AND (false of OR) are dropped, NULL ones kept once (three-valued logic).
 *     Arguments after a deciding constant are not folded, so their errors are not raised.
 *   - CASE: arms whose condition is constant false or NULL are dropped unfolded; an arm whose
 *     condition is constant true becomes the ELSE and ends the CASE. COALESCE: NULL constants are
 *     dropped; a non-NULL constant ends the list.
 *   - In a qualification (WHERE, ON, HAVING), NULL is as good as false through AND / OR. A
 *     conjunct that folds to false or NULL makes the relation empty: it becomes a one-time false
 *     filter over no rows (printed as PostgreSQL's "Result / One-Time Filter: false"), so
 *     `WHERE v BETWEEN NULL AND c` never evaluates v. Inner joins with an empty side are empty.
 *
 * STABLE calls (now(), current_setting()) are not folded here, since plans may outlive the
 * statement; the executor evaluates them once per execution (compile-expression.ts). VOLATILE
 * ones are never folded. Evaluation is the executor's: the caller passes `evaluate` in the
 * rule context (execute/ compiles the constant expression). Without it, only what needs no
 * evaluation is done (strict calls of NULL, AND/OR, CASE, COALESCE, one-time false filters).
 */
import { type SqlType, type SqlTypeKind, sqlTypes } from '../../../types/index.js'
import {
  type BoundExpr,
  columnTypesOf,
  mapExpression,
  mapOwnExpressions,
  outputColumns,
  type Rel,
} from '../../bind/index.js'
import type { Coercion } from '../../functions/index.js'
import type { PlanNode } from '../plan.js'
import { conjunction, conjuncts } from './expressions.js'
import { type ConstantEvaluator, mapInput, type OptimizerRule } from './rule.js'

export const constantFolding: OptimizerRule = {
  name: 'constant-folding',
  apply: (plan, context) => rewrite(plan, context?.evaluate),
}

type Evaluate = ConstantEvaluator | undefined

const falseConstant: BoundExpr = { kind: 'Constant', type: sqlTypes.bool, value: false }

/** A relation with `node`'s columns and no rows: PostgreSQL's "One-Time Filter: false". */
export function emptyRelation(node: Rel): Rel {
  return {
    kind: 'Filter',
    input: { kind: 'Values', rows: [], columns: outputColumns(node), types: columnTypesOf(node) },
    predicate: falseConstant,
  }
}

/** Whether `node` is the empty relation emptyRelation builds. */
export function isEmptyRelation(node: Rel): boolean {
  return (
    node.kind === 'Filter' &&
    isConstant(node.predicate, false) &&
    node.input.kind === 'Values' &&
    node.input.rows.length === 0
  )
}

function rewrite(node: PlanNode, evaluate: Evaluate): PlanNode {
  const rewritten = mapInput(node, (input) => rewrite(input, evaluate))
  const fold = (expr: BoundExpr): BoundExpr => foldExpression(expr, evaluate)
  switch (rewritten.kind) {
    case 'Filter': {
      if (isEmptyRelation(rewritten)) return rewritten
      const predicate = foldQualification(rewritten.predicate, evaluate)
      if (predicate === undefined) return rewritten.input
      if (isConstant(predicate, false)) return emptyFilter(rewritten.input)
      if (isEmptyRelation(rewritten.input)) return rewritten.input
      return { ...rewritten, predicate }
    }
    case 'Join': {
      const condition =
        rewritten.condition === undefined
          ? undefined
          : foldQualification(rewritten.condition, evaluate)
      const join = { ...rewritten, condition }
      if (condition !== undefined && isConstant(condition, false)) {
        // No pair of rows matches: inner and semi joins are empty, outer joins keep their
        // preserved side padded with NULLs (PostgreSQL shows the other side as empty).
        if (join.joinType === 'inner' || join.joinType === 'semi') return emptyRelation(join)
        if (join.joinType === 'left') return withEmptySides(join, false, true)
        if (join.joinType === 'right') return withEmptySides(join, true, false)
      }
      return withEmptySides(join, false, false)
    }
    case 'Project':
    case 'SubqueryScan': {
      // Folded even so (PostgreSQL folds every target list, raising its errors); then nothing
      // is left to compute over no rows (PostgreSQL drops both over an empty relation).
      const folded = mapOwnExpressions(rewritten, fold)
      return isEmptyRelation(rewritten.input) ? emptyRelation(folded) : folded
    }
    default:
      return mapOwnExpressions(rewritten, fold)
  }
}

/** A filter found false at plan time. Above an ungrouped aggregate it stays (the aggregate's
 * one row must go) and empties the aggregate's input too, as PostgreSQL plans HAVING false;
 * above a grouped one the input is empty, so no group is formed. */
function emptyFilter(input: Rel): Rel {
  if (input.kind === 'Aggregate') {
    const aggregate = { ...input, input: emptyRelation(input.input) }
    return aggregate.isGrouped
      ? aggregate
      : { kind: 'Filter', input: aggregate, predicate: falseConstant }
  }
  return emptyRelation(input)
}

/** A join with an empty input: empty itself when that input is not preserved. */
function withEmptySides(
  join: Rel & { kind: 'Join' },
  isLeftEmptied: boolean,
  isRightEmptied: boolean,
): Rel {
  const left = isLeftEmptied ? emptyRelation(join.left) : join.left
  const right = isRightEmptied ? emptyRelation(join.right) : join.right
  const isLeftEmpty = isEmptyRelation(left)
  const isRightEmpty = isEmptyRelation(right)
  const result = { ...join, left, right }
  switch (join.joinType) {
    case 'inner':
      return isLeftEmpty || isRightEmpty ? emptyRelation(result) : result
    case 'left':
    case 'semi':
    case 'anti':
      return isLeftEmpty ? emptyRelation(result) : result
    case 'right':
      return isRightEmpty ? emptyRelation(result) : result
    case 'full':
      return isLeftEmpty && isRightEmpty ? emptyRelation(result) : result
  }
}

/**
 * A qualification folded: NULL counts as false through AND / OR; undefined when it is always
 * true (no filter needed), the false constant when it never holds.
 */
export function foldQualification(expr: BoundExpr, evaluate: Evaluate): BoundExpr | undefined {
  const folded = foldBoolean(expr, evaluate, true)
  const kept: BoundExpr[] = []
  for (const conjunct of conjuncts(folded)) {
    if (conjunct.kind === 'Constant') {
      if (conjunct.value !== true) return falseConstant
      continue
    }
    kept.push(conjunct)
  }
  return conjunction(kept)
}

/** Folds an expression wherever it appears (see the file header for what folds). */
export function foldExpression(expr: BoundExpr, evaluate: Evaluate): BoundExpr {
  switch (expr.kind) {
    case 'Constant':
    case 'ColumnRef':
    case 'Parameter':
      return expr
    case 'Logical':
      return foldBoolean(expr, evaluate, false)
    case 'Case':
      return foldCase(expr, evaluate)
    case 'Coalesce':
      return foldCoalesce(expr, evaluate)
    case 'SubLink':
    case 'Aggregate':
    case 'SetCall':
    case 'WindowCall':
      // Their own arguments fold; the subquery (planned on its own), aggregate, set-returning
      // or window call does not (a strict set-returning call of NULL returns no rows, not NULL).
      return foldChildren(expr, evaluate)
    default:
      return foldOperation(expr, evaluate)
  }
}

/** One level of `expr` rebuilt with each direct child folded. */
function foldChildren(expr: BoundExpr, evaluate: Evaluate): BoundExpr {
  return mapExpression(expr, (node) => (node === expr ? undefined : foldExpression(node, evaluate)))
}

/** Operators, calls and casts: arguments first; then strict-of-NULL, then evaluation. */
function foldOperation(expr: BoundExpr, evaluate: Evaluate): BoundExpr {
  const folded = foldChildren(expr, evaluate)
  const children: BoundExpr[] = []
  forEachDirectChild(folded, (child) => children.push(child))
  if (isStrict(folded) && children.some((child) => isConstant(child, null))) {
    return nullOf(folded.type)
  }
  if (evaluate === undefined || !children.every((child) => child.kind === 'Constant')) {
    return folded
  }
  if (!isImmutable(folded)) return folded
  return { kind: 'Constant', type: folded.type, value: evaluate(folded) }
}

function forEachDirectChild(expr: BoundExpr, visit: (child: BoundExpr) => void): void {
  mapExpression(expr, (node) => {
    if (node === expr) return undefined
    visit(node)
    return node
  })
}

/** Whether a NULL argument makes the result NULL without evaluation. */
function isStrict(expr: BoundExpr): boolean {
  switch (expr.kind) {
    case 'Comparison':
    case 'Arithmetic':
    case 'Negate':
    case 'Not':
    case 'Cast':
    case 'Coerce':
      return true
    case 'Call':
      return expr.callee.isStrict
    default:
      return false
  }
}

/** Whether the node itself (its arguments aside) always gives the same result. */
function isImmutable(expr: BoundExpr): boolean {
  switch (expr.kind) {
    case 'Call':
      return expr.callee.volatility === 'immutable'
    case 'Coerce':
      return isCoercionImmutable(expr.coercion, expr.arg.type, expr.type)
    case 'Cast':
      return !zoneKinds.has(expr.arg.type.kind) && !zoneKinds.has(expr.type.kind)
    case 'SubLink':
    case 'Aggregate':
    case 'ColumnRef':
    case 'Parameter':
    // A set-returning call yields rows, not a value; a window call depends on its window.
    case 'SetCall':
    case 'WindowCall':
      return false
    default:
      return true
  }
}

/** Conversions whose result depends on TimeZone (PostgreSQL marks them stable). */
const zoneKinds: ReadonlySet<SqlTypeKind> = new Set(['timestamptz', 'timetz'])
/** Types whose text form depends on DateStyle, IntervalStyle or TimeZone: their input and
 * output functions are stable in PostgreSQL, so I/O conversions through text are too. */
const styleKinds: ReadonlySet<SqlTypeKind> = new Set([
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
])

function isCoercionImmutable(coercion: Coercion, source: SqlType, target: SqlType): boolean {
  switch (coercion.kind) {
    case 'none':
      return true
    case 'function':
      return !zoneKinds.has(source.kind) && !zoneKinds.has(target.kind)
    case 'io':
      return !styleKinds.has(source.kind) && !styleKinds.has(target.kind)
    case 'array':
      return isCoercionImmutable(
        coercion.element,
        source.element ?? source,
        target.element ?? target,
      )
  }
}

/**
 * AND / OR: arguments folded in order; a deciding constant (false for AND, true for OR) ends
 * it, later arguments unfolded; the other constant is dropped; NULL is kept once, last (or, in a
 * qualification, counts as false). Nested ANDs (ORs) are flattened.
 */
function foldBoolean(expr: BoundExpr, evaluate: Evaluate, isQualification: boolean): BoundExpr {
  if (expr.kind !== 'Logical') {
    const folded = foldExpression(expr, evaluate)
    return isQualification && isConstant(folded, null) ? falseConstant : folded
  }
  const decisive = expr.operator === 'or'
  const args: BoundExpr[] = []
  let hasNull = false
  for (const arg of expr.args) {
    const folded = foldBoolean(arg, evaluate, isQualification)
    if (folded.kind === 'Constant') {
      if (folded.value === decisive) return folded
      if (folded.value === null) hasNull = true
      continue
    }
    if (folded.kind === 'Logical' && folded.operator === expr.operator) {
      for (const inner of folded.args) {
        if (isConstant(inner, null)) hasNull = true
        else args.push(inner)
      }
      continue
    }
    args.push(folded)
  }
  if (hasNull) args.push(nullOf(sqlTypes.bool))
  if (args.length === 0) return { kind: 'Constant', type: sqlTypes.bool, value: !decisive }
  if (args.length === 1) return args[0] as BoundExpr
  return { ...expr, args }
}

function foldCase(expr: BoundExpr & { kind: 'Case' }, evaluate: Evaluate): BoundExpr {
  const whens: { condition: BoundExpr; result: BoundExpr }[] = []
  for (const when of expr.whens) {
    const condition = foldExpression(when.condition, evaluate)
    if (condition.kind === 'Constant' && condition.value !== true) continue
    const result = foldExpression(when.result, evaluate)
    if (condition.kind === 'Constant') {
      // Constant true: this arm is the answer whenever no earlier arm matched.
      return whens.length === 0 ? result : { ...expr, whens, otherwise: result }
    }
    whens.push({ condition, result })
  }
  const otherwise = foldExpression(expr.otherwise, evaluate)
  return whens.length === 0 ? otherwise : { ...expr, whens, otherwise }
}

function foldCoalesce(expr: BoundExpr & { kind: 'Coalesce' }, evaluate: Evaluate): BoundExpr {
  const args: BoundExpr[] = []
  for (const arg of expr.args) {
    const folded = foldExpression(arg, evaluate)
    if (isConstant(folded, null)) continue
    if (folded.kind === 'Constant') {
      if (args.length === 0) return folded
      args.push(folded)
      break
    }
    args.push(folded)
  }
  return args.length === 0 ? nullOf(expr.type) : { ...expr, args }
}

function isConstant(expr: BoundExpr, value: boolean | null): boolean {
  return expr.kind === 'Constant' && expr.value === value
}

function nullOf(type: SqlType): BoundExpr {
  return { kind: 'Constant', type, value: null }
}
