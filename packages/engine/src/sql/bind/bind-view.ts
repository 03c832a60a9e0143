/**
 * A view in FROM: its stored query is bound afresh, as a subquery with no outer scope and none
 * of the referencing statement's WITH queries in sight (names in it were resolved, and are
 * qualified, as when the view was created), and its rows are used inline. Like PostgreSQL's
 * rewriter, which replaces the view by its query, the plan has no node for the view itself, so
 * EXPLAIN shows the scans of what the view reads.
 *
 * The view's columns are those fixed at creation: their names (after CREATE VIEW's column list)
 * and types. A view the query reads that gained columns since (CREATE OR REPLACE may add columns
 * at the end) yields them at the end of `*`; they are not part of this view.
 */
import type { View } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { viewNestingMax } from '../../limits.js'
import type { BindContext } from './bind-context.js'
import type { BoundExpr, BoundSelect, ColumnId } from './bound.js'
import { type Computed, outputColumns, type Rel } from './relation.js'
import { withViewRights } from './row-security.js'
import { Scope, type ScopeItem } from './scope.js'

/** The plan and scope item of `view` referenced as `reference` (its alias or name). */
export function bindViewReference(
  context: BindContext,
  view: View,
  reference: string,
  aliasColumns: readonly string[],
): { plan: Rel; item: ScopeItem } {
  if (aliasColumns.length > view.columns.length) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      `table "${reference}" has ${view.columns.length} columns available but ${aliasColumns.length} columns specified`,
    )
  }
  const select = bindViewQuery(context, view)
  const pulled = pullUp(select, view.columns.length)
  if (pulled !== undefined) {
    const item = viewItem(view, reference, aliasColumns, pulled.ids)
    // References read the column beneath under its own name (as EXPLAIN shows them), with the
    // view as their origin.
    const columns = item.columns.map((column, i) => {
      const beneath = pulled.refs[i]
      return beneath === undefined
        ? column
        : { ...column, expr: { ...beneath, origin: column.origin } }
    })
    return { plan: pulled.plan, item: { ...item, columns } }
  }
  const ids = select.output.map((column) => column.column)
  const carried = outputColumns(select.plan)
  const isExact = carried.length === ids.length && carried.every((id, i) => id === ids[i])
  let plan = select.plan
  if (!isExact) {
    // Rows carry other columns (or more of them): keep the view's own, in order.
    const targets: Computed[] = select.output.slice(0, view.columns.length).map((output) => ({
      column: context.newColumn(),
      expr: {
        kind: 'ColumnRef',
        type: output.type,
        column: output.column,
        name: output.name,
        origin: output.origin,
      },
    }))
    plan = { kind: 'Project', input: plan, targets }
    ids.splice(0, ids.length, ...targets.map((target) => target.column))
  }
  return { plan, item: viewItem(view, reference, aliasColumns, ids) }
}

function viewItem(
  view: View,
  reference: string,
  aliasColumns: readonly string[],
  ids: readonly ColumnId[],
): ScopeItem {
  return {
    reference,
    table: undefined,
    columns: view.columns.map((column, i) => ({
      name: aliasColumns[i] ?? column.name,
      type: column.type,
      column: ids[i] as ColumnId,
      origin: { table: view, number: i + 1 },
    })),
    children: [],
  }
}

/**
 * PostgreSQL pulls a simple view query up into the referencing query (no projection of its
 * own), so conditions on the view's columns reach the scans beneath. Here: a query whose plan
 * is a projection of plain columns over scans, joins and filters (no grouping, sorting,
 * DISTINCT, LIMIT or row locks) contributes its input, and the view's columns are the columns
 * it projected. Computed columns keep the projection: pulled up, they would not become NULL on
 * the nullable side of an outer join.
 */
function pullUp(
  select: BoundSelect,
  width: number,
): { plan: Rel; ids: ColumnId[]; refs: (BoundExpr & { kind: 'ColumnRef' })[] } | undefined {
  const project = select.plan
  if (project.kind !== 'Project') return undefined
  const ids: ColumnId[] = []
  const refs: (BoundExpr & { kind: 'ColumnRef' })[] = []
  for (const target of project.targets.slice(0, width)) {
    if (target.expr.kind !== 'ColumnRef') return undefined
    ids.push(target.expr.column)
    refs.push(target.expr)
  }
  let node = project.input
  while (node.kind === 'Filter') node = node.input
  const isSimple =
    node.kind === 'SeqScan' ||
    node.kind === 'Join' ||
    node.kind === 'SubqueryScan' ||
    node.kind === 'Values' ||
    node.kind === 'Result'
  return isSimple ? { plan: project.input, ids, refs } : undefined
}

/**
 * Binds the view's stored query (no outer scope, no outer WITH queries), refusing a view that
 * reaches itself through others (42P17, as PostgreSQL's rewriter) and checking the result still
 * has the view's column types.
 */
export function bindViewQuery(context: BindContext, view: View): BoundSelect {
  if (context.viewsExpanding.includes(view.oid)) {
    throw new SqlError(
      SqlState.invalidObjectDefinition,
      `infinite recursion detected in rules for relation "${view.name}"`,
    )
  }
  if (context.viewsExpanding.length >= viewNestingMax) {
    throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
      hint: `Views may be nested at most ${viewNestingMax} deep.`,
    })
  }
  const outerCtes = context.ctes.splice(0)
  context.viewsExpanding.push(view.oid)
  let select: BoundSelect
  try {
    select = withViewRights(context, view, () =>
      context.withAggregateBan(undefined, () =>
        context.bindSubquery(view.query.node, Scope.empty()),
      ),
    )
  } finally {
    context.viewsExpanding.pop()
    context.ctes.push(...outerCtes)
  }
  checkViewColumns(view, select)
  return select
}

/** The stored query must still produce the view's columns with their types: what depends on a
 * view's columns (other views, clients) was built on them. */
function checkViewColumns(view: View, select: BoundSelect): void {
  if (select.output.length < view.columns.length) {
    throw new SqlError(
      SqlState.dataCorrupted,
      `view "${view.name}" no longer matches its definition: its query returns ${select.output.length} columns, the view has ${view.columns.length}`,
    )
  }
  for (const [i, column] of view.columns.entries()) {
    const type = select.output[i]?.type
    if (type === undefined || type.oid !== column.type.oid) {
      throw new SqlError(
        SqlState.dataCorrupted,
        `view "${view.name}" no longer matches its definition: column "${column.name}" is no longer of type ${column.type.displayName}`,
      )
    }
  }
}
