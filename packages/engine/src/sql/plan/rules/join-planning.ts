/**
 * Rule join-planning: predicate pushdown and join order.
 *
 * A cluster of inner joins (with the filters directly above it) is flattened into its inputs
 * and its conjuncts, then rebuilt left-deep, greedily: start from the input expected to be
 * smallest, then repeatedly join the smallest input connected to what is joined so far by an
 * equality (a cross product only when nothing is connected). Each conjunct is placed at the
 * lowest point where every column it reads exists: on one input it filters that input before
 * the join; across inputs it becomes a join condition. Outer joins keep their order; conjuncts
 * above them move into the side they read when that preserves the result (the preserved side
 * of a LEFT/RIGHT join), and ON conjuncts reading only the nullable side filter that side.
 */
import { type BoundExpr, type ColumnId, outputColumns, type Rel } from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import {
  columnsOf,
  conjunction,
  conjuncts,
  equalityOperands,
  estimate,
  intersects,
  isMovable,
  isSubset,
} from './expressions.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const joinPlanning: OptimizerRule = {
  name: 'join-planning',
  apply: (plan) => plan_(plan),
}

function plan_(node: PlanNode): PlanNode {
  if (isInnerCluster(node)) return planCluster(node)
  if (node.kind === 'Filter' && node.input.kind === 'Join') {
    return pushThroughOuterJoin(node.input, conjuncts(node.predicate))
  }
  if (node.kind === 'Join') return planOuterJoin(node)
  return mapInput(node, plan_)
}

function isInnerJoin(node: Rel): node is Rel & { kind: 'Join' } {
  return node.kind === 'Join' && node.joinType === 'inner' && !node.isLateral
}

function isInnerCluster(node: Rel): boolean {
  if (isInnerJoin(node)) return true
  return node.kind === 'Filter' && isInnerCluster(node.input)
}

/** The inputs and conjuncts of a cluster of inner joins and filters. */
function flatten(node: Rel, inputs: Rel[], predicates: BoundExpr[]): void {
  if (node.kind === 'Filter' && isInnerCluster(node.input)) {
    predicates.push(...conjuncts(node.predicate))
    flatten(node.input, inputs, predicates)
    return
  }
  if (isInnerJoin(node)) {
    predicates.push(...conjuncts(node.condition))
    flatten(node.left, inputs, predicates)
    flatten(node.right, inputs, predicates)
    return
  }
  inputs.push(node)
}

interface Input {
  plan: Rel
  readonly columns: ReadonlySet<ColumnId>
  estimate: number
}

function planCluster(node: Rel): Rel {
  const rawInputs: Rel[] = []
  const predicates: BoundExpr[] = []
  flatten(node, rawInputs, predicates)
  const inputs: Input[] = rawInputs.map((input) => {
    const planned = plan_(input)
    return { plan: planned, columns: new Set(outputColumns(planned)), estimate: estimate(planned) }
  })
  const all = new Set<ColumnId>(inputs.flatMap((input) => [...input.columns]))
  const pending: { expr: BoundExpr; columns: Set<ColumnId> }[] = []
  const top: BoundExpr[] = []
  for (const expr of predicates) {
    const columns = new Set([...columnsOf(expr)].filter((column) => all.has(column)))
    if (!isMovable(expr)) top.push(expr)
    else if (columns.size === 0) top.push(expr)
    else pending.push({ expr, columns })
  }
  // Conjuncts on one input filter it before any join.
  for (const input of inputs) {
    const own = pending.filter((p) => isSubset(p.columns, input.columns))
    if (own.length === 0) continue
    input.plan = {
      kind: 'Filter',
      input: input.plan,
      predicate: conjunction(own.map((p) => p.expr)) as BoundExpr,
    }
    input.estimate = Math.max(1, Math.ceil(input.estimate / (3 * own.length)))
    for (const p of own) pending.splice(pending.indexOf(p), 1)
  }
  const remaining = [...inputs]
  remaining.sort((a, b) => a.estimate - b.estimate)
  const first = remaining.shift() as Input
  let plan = first.plan
  const available = new Set(first.columns)
  let rows = first.estimate
  while (remaining.length > 0) {
    const connected = remaining.filter((input) =>
      pending.some(
        (p) =>
          equalityOperands(p.expr) !== undefined &&
          intersects(p.columns, input.columns) &&
          isSubset(p.columns, new Set([...available, ...input.columns])),
      ),
    )
    const pool = connected.length > 0 ? connected : remaining
    const next = pool.reduce((best, input) => (input.estimate < best.estimate ? input : best))
    remaining.splice(remaining.indexOf(next), 1)
    for (const column of next.columns) available.add(column)
    const conditions = pending.filter((p) => isSubset(p.columns, available))
    for (const p of conditions) pending.splice(pending.indexOf(p), 1)
    plan = {
      kind: 'Join',
      joinType: 'inner',
      left: plan,
      right: next.plan,
      condition: conjunction(conditions.map((p) => p.expr)),
      isLateral: false,
    }
    rows = connected.length > 0 ? Math.max(rows, next.estimate) : rows * next.estimate
  }
  const rest = [...top, ...pending.map((p) => p.expr)]
  return rest.length === 0
    ? plan
    : { kind: 'Filter', input: plan, predicate: conjunction(rest) as BoundExpr }
}

/** Outer joins: plan each side; ON conjuncts reading only the nullable side filter that side. */
function planOuterJoin(node: Rel & { kind: 'Join' }): Rel {
  const left = plan_(node.left)
  const right = plan_(node.right)
  if (node.isLateral || node.joinType === 'full' || node.joinType === 'inner') {
    return { ...node, left, right }
  }
  const leftColumns = new Set(outputColumns(left))
  const rightColumns = new Set(outputColumns(right))
  const keep: BoundExpr[] = []
  const toLeft: BoundExpr[] = []
  const toRight: BoundExpr[] = []
  for (const expr of conjuncts(node.condition)) {
    const columns = columnsOf(expr)
    const readsLeft = intersects(columns, leftColumns)
    const readsRight = intersects(columns, rightColumns)
    if (!isMovable(expr) || (readsLeft && readsRight) || (!readsLeft && !readsRight))
      keep.push(expr)
    else if (readsRight && node.joinType !== 'right') toRight.push(expr)
    else if (readsLeft && node.joinType === 'right') toLeft.push(expr)
    else keep.push(expr)
  }
  return {
    ...node,
    left: withFilter(left, toLeft),
    right: withFilter(right, toRight),
    condition: conjunction(keep),
  }
}

/** WHERE conjuncts above an outer join move into its preserved side when they read only it. */
function pushThroughOuterJoin(join: Rel & { kind: 'Join' }, predicates: readonly BoundExpr[]): Rel {
  const planned = planOuterJoin(join)
  // A LATERAL inner join (a function in FROM reading the row to its left) preserves its left
  // side like a LEFT join does: WHERE conjuncts on that side filter it first, as PostgreSQL's do.
  const isLateralInner =
    planned.kind === 'Join' && planned.isLateral && planned.joinType === 'inner'
  if (
    planned.kind !== 'Join' ||
    (planned.isLateral && !isLateralInner && planned.joinType !== 'left')
  ) {
    return { kind: 'Filter', input: planned, predicate: conjunction(predicates) as BoundExpr }
  }
  const leftColumns = new Set(outputColumns(planned.left))
  const rightColumns = new Set(outputColumns(planned.right))
  const stay: BoundExpr[] = []
  const toLeft: BoundExpr[] = []
  const toRight: BoundExpr[] = []
  for (const expr of predicates) {
    const columns = columnsOf(expr)
    const readsLeft = intersects(columns, leftColumns)
    const readsRight = intersects(columns, rightColumns)
    const preservesLeft =
      isLateralInner ||
      planned.joinType === 'left' ||
      planned.joinType === 'semi' ||
      planned.joinType === 'anti'
    if (isMovable(expr) && readsLeft && !readsRight && preservesLeft) toLeft.push(expr)
    else if (isMovable(expr) && readsRight && !readsLeft && planned.joinType === 'right')
      toRight.push(expr)
    else stay.push(expr)
  }
  const moved: Rel = {
    ...planned,
    left: withFilter(planned.left, toLeft),
    right: withFilter(planned.right, toRight),
  }
  return stay.length === 0
    ? moved
    : { kind: 'Filter', input: moved, predicate: conjunction(stay) as BoundExpr }
}

function withFilter(node: Rel, predicates: readonly BoundExpr[]): Rel {
  const predicate = conjunction(predicates)
  return predicate === undefined ? node : { kind: 'Filter', input: node, predicate }
}
