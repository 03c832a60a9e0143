/**
 * The target of INSERT / UPDATE / DELETE: a table, or an automatically updatable view, which is
 * resolved (through views on views) to the table underneath, as PostgreSQL's rewriter does.
 *
 * A view is automatically updatable when its query reads exactly one table or updatable view and
 * has no DISTINCT, GROUP BY, HAVING, set operation, WITH, LIMIT / OFFSET or aggregate; otherwise
 * writing through it fails with 55000 and PostgreSQL's detail. A view column is updatable when
 * it is a plain reference to an updatable column of the relation underneath; writing another
 * one is 0A000 naming the view where the chain stops being updatable.
 *
 * Rows are visible through a view when they satisfy its WHERE (and those of the views under it):
 * UPDATE and DELETE add these conditions to their own. WITH CHECK OPTION: a new row must also
 * satisfy the view's condition, and under CASCADED (or a LOCAL view under a CASCADED one) the
 * conditions of every view beneath; the checks run innermost first, as PostgreSQL's.
 */
import type { Table, View } from '../../catalog/index.js'
import { relationNotFound, wrongRelationKind } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { viewNestingMax } from '../../limits.js'
import { type Node, type RangeVar, type SelectStmt, stringOf } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindCondition } from './bind-expression.js'
import { bindTableItem, bindTargets } from './bind-select.js'
import type { BoundExpr, BoundViewChecks, ColumnId } from './bound.js'
import { checkSchemaUsage } from './privilege-checks.js'
import { rowSecurityQuals, withViewRights } from './row-security.js'
import { Scope, type ScopeItem } from './scope.js'
import { forEachChild } from './walk.js'

export type ModifyOperation = 'insert' | 'update' | 'delete'

/** Where a column of the named relation ends up: a column of the base table, or not
 * updatable (with the view that makes it so). */
export type ColumnTarget =
  | { readonly kind: 'base'; readonly index: number }
  | { readonly kind: 'computed'; readonly view: string; readonly column: string }

export interface ModifyTarget {
  /** The table rows are written to. */
  readonly table: Table
  /** The columns a scan of `table` carries (what every expression here reads). */
  readonly columns: readonly ColumnId[]
  /** The named relation as the statement's expressions see it. */
  readonly scope: Scope
  /** The named relation (table or view) and its columns. */
  readonly relation: Table | View
  readonly columnNames: readonly string[]
  readonly targets: readonly ColumnTarget[]
  /** Conditions of the views on the way (rows outside them are not visible through the view). */
  readonly quals: readonly BoundExpr[]
  readonly viewChecks: BoundViewChecks | undefined
}

/** A table or view resolved down to its base table. */
interface Level {
  readonly table: Table
  readonly columns: readonly ColumnId[]
  readonly item: ScopeItem
  readonly targets: readonly ColumnTarget[]
  readonly quals: readonly BoundExpr[]
  readonly checks: BoundViewChecks['checks'][number][]
}

export function bindModifyTarget(
  context: BindContext,
  range: RangeVar | undefined,
  operation: ModifyOperation,
  readsColumns = false,
): ModifyTarget {
  const access: Access = { operation, readsColumns }
  const name = range?.relname ?? ''
  const position = context.position(range?.location)
  checkSchemaUsage(context, range?.schemaname, range?.location)
  const relation = context.findRelation(range?.schemaname, name)
  if (relation === undefined) throw context.notATable(range?.schemaname, name, position)
  if (relation.kind !== 'table' && relation.kind !== 'view') {
    throw wrongRelationKind(relation, 'a table', position)
  }
  const reference = range?.alias?.aliasname ?? name
  const level =
    relation.kind === 'table'
      ? tableLevel(context, relation, reference, access)
      : viewLevel(context, relation, reference, access, false)
  const columnNames = relation.columns.map((column) => column.name)
  return {
    table: level.table,
    columns: level.columns,
    scope: new Scope([level.item], undefined),
    relation,
    columnNames,
    targets: level.targets,
    quals: level.quals,
    viewChecks:
      level.checks.length === 0 ? undefined : { columns: level.columns, checks: level.checks },
  }
}

/** What the statement does with its target: row-level security depends on it. */
interface Access {
  readonly operation: ModifyOperation
  /** The statement reads the target's columns (WHERE, RETURNING). */
  readonly readsColumns: boolean
}

function tableLevel(context: BindContext, table: Table, reference: string, access: Access): Level {
  const { columns, item } = bindTableItem(context, table, reference)
  const security = rowSecurityQuals(context, table, columns, access.operation, access.readsColumns)
  return {
    table,
    columns,
    item,
    targets: table.columns.map((_, index) => ({ kind: 'base', index })),
    quals: [...security.filters],
    checks: security.checks.map((check) => ({
      view: table.name,
      condition: check.condition,
      rowSecurity: check.kind,
    })),
  }
}

/** `view` as a write target: checked for updatability, resolved to the level beneath, its
 * columns and condition expressed over the base table's columns. `isCascaded`: a view above
 * has CASCADED CHECK OPTION, so this view's condition is checked too. */
function viewLevel(
  context: BindContext,
  view: View,
  reference: string,
  access: Access,
  isCascaded: boolean,
): Level {
  return withViewRights(context, view, () =>
    viewLevelAs(context, view, reference, access, isCascaded),
  )
}

function viewLevelAs(
  context: BindContext,
  view: View,
  reference: string,
  access: Access,
  isCascaded: boolean,
): Level {
  const operation = access.operation
  const select = view.query.node
  const refuse = (detail: string): SqlError => notUpdatable(view, operation, detail)
  const reason = nonUpdatableReason(context, select)
  if (reason !== undefined) throw refuse(reason)
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
  const range = singleRangeVar(select)
  if (range === undefined) throw refuse(singleRelationDetail)
  const innerName = range.relname ?? ''
  const inner = context.findRelation(range.schemaname, innerName)
  if (inner === undefined) throw relationNotFound(range.schemaname, innerName, undefined)
  const innerReference = range.alias?.aliasname ?? innerName
  const checksBelow = isCascaded || view.checkOption === 'cascaded'
  const outerCtes = context.ctes.splice(0)
  context.viewsExpanding.push(view.oid)
  try {
    let below: Level
    if (inner.kind === 'table') below = tableLevel(context, inner, innerReference, access)
    else if (inner.kind === 'view') {
      below = viewLevel(context, inner, innerReference, access, checksBelow)
    } else throw refuse(singleRelationDetail)
    const scope = new Scope([below.item], undefined)
    const targets = context.withAggregateBan(undefined, () =>
      bindTargets(context, scope, select.targetList ?? []),
    )
    if (targets.some((target) => containsAggregate(target.expr))) {
      throw refuse('Views that return aggregate functions are not automatically updatable.')
    }
    const where =
      select.whereClause === undefined
        ? undefined
        : bindCondition(context, scope, select.whereClause, 'WHERE')
    const sources = targetSources(select.targetList ?? [], below.item)
    const kept = targets.slice(0, view.columns.length)
    const columnTargets = kept.map((_, i): ColumnTarget => {
      const source = sources[i]
      const beneath = source === undefined ? undefined : below.targets[source]
      return beneath ?? { kind: 'computed', view: view.name, column: view.columns[i]?.name ?? '' }
    })
    const checks = [...below.checks]
    if (where !== undefined && (isCascaded || view.checkOption !== 'none')) {
      checks.push({ view: view.name, condition: where })
    }
    return {
      table: below.table,
      columns: below.columns,
      item: {
        reference,
        table: undefined,
        columns: kept.map((target, i) => {
          const column = view.columns[i]
          return {
            name: column?.name ?? target.name,
            type: target.expr.type,
            column: context.newColumn(),
            origin: { table: view, number: i + 1 },
            expr: target.expr,
          }
        }),
        children: [],
      },
      targets: columnTargets,
      quals: where === undefined ? below.quals : [...below.quals, where],
      checks,
    }
  } finally {
    context.viewsExpanding.pop()
    context.ctes.push(...outerCtes)
  }
}

const singleRelationDetail =
  'Views that do not select from a single table or view are not automatically updatable.'

/** Why PostgreSQL would not write through a view with this query, or undefined. Whether it
 * returns aggregates needs the bound query: `hasAggregates` says (when known). */
export function nonUpdatableReason(
  context: BindContext,
  select: SelectStmt,
  hasAggregates = false,
): string | undefined {
  if (select.distinctClause !== undefined) {
    return 'Views containing DISTINCT are not automatically updatable.'
  }
  if ((select.groupClause ?? []).length > 0) {
    return 'Views containing GROUP BY are not automatically updatable.'
  }
  if (select.havingClause !== undefined) {
    return 'Views containing HAVING are not automatically updatable.'
  }
  if (select.op !== undefined && select.op !== 'SETOP_NONE') {
    return 'Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.'
  }
  if (select.withClause !== undefined) {
    return 'Views containing WITH are not automatically updatable.'
  }
  if (select.limitCount !== undefined || select.limitOffset !== undefined) {
    return 'Views containing LIMIT or OFFSET are not automatically updatable.'
  }
  if (hasAggregates) return 'Views that return aggregate functions are not automatically updatable.'
  const range = singleRangeVar(select)
  if (range === undefined) return singleRelationDetail
  const relation = context.findRelation(range.schemaname, range.relname ?? '')
  if (relation?.kind !== 'table' && relation?.kind !== 'view') return singleRelationDetail
  return undefined
}

function singleRangeVar(select: SelectStmt): RangeVar | undefined {
  const from = select.fromClause ?? []
  const only = from.length === 1 ? from[0] : undefined
  return only !== undefined && 'RangeVar' in only ? only.RangeVar : undefined
}

/** For each output column of the target list, the index of the column of `item` it is a plain
 * reference to (`a`, `t.a`, or one of `*` / `t.*`), or undefined for anything else. */
function targetSources(list: readonly Node[], item: ScopeItem): (number | undefined)[] {
  const sources: (number | undefined)[] = []
  for (const node of list) {
    const value = 'ResTarget' in node ? node.ResTarget.val : undefined
    if (value === undefined || !('ColumnRef' in value)) {
      sources.push(undefined)
      continue
    }
    const fields = value.ColumnRef.fields ?? []
    const last = fields.at(-1)
    if (last !== undefined && 'A_Star' in last) {
      for (let i = 0; i < item.columns.length; i++) sources.push(i)
      continue
    }
    const name = stringOf(last)
    const index = item.columns.findIndex((column) => column.name === name)
    sources.push(index < 0 ? undefined : index)
  }
  return sources
}

function containsAggregate(expr: BoundExpr): boolean {
  if (expr.kind === 'Aggregate') return true
  let found = false
  forEachChild(expr, (child) => {
    if (!found && containsAggregate(child)) found = true
  })
  return found
}

const operationWords: Readonly<
  Record<ModifyOperation, { readonly verb: string; readonly hint: string }>
> = {
  insert: {
    verb: 'insert into',
    hint: 'inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO INSTEAD rule',
  },
  update: {
    verb: 'update',
    hint: 'updating the view, provide an INSTEAD OF UPDATE trigger or an unconditional ON UPDATE DO INSTEAD rule',
  },
  delete: {
    verb: 'delete from',
    hint: 'deleting from the view, provide an INSTEAD OF DELETE trigger or an unconditional ON DELETE DO INSTEAD rule',
  },
}

function notUpdatable(view: View, operation: ModifyOperation, detail: string): SqlError {
  const words = operationWords[operation]
  return new SqlError(
    SqlState.objectNotInPrerequisiteState,
    `cannot ${words.verb} view "${view.name}"`,
    { detail, hint: `To enable ${words.hint}.` },
  )
}

/** 0A000 for writing a view column that is not a column of the base relation. */
export function columnNotUpdatable(
  target: ColumnTarget & { kind: 'computed' },
  operation: 'insert' | 'update',
): SqlError {
  const verb = operation === 'insert' ? 'insert into' : 'update'
  return new SqlError(
    SqlState.featureNotSupported,
    `cannot ${verb} column "${target.column}" of view "${target.view}"`,
    { detail: 'View columns that are not columns of their base relation are not updatable.' },
  )
}
