/**
 * SELECT binding: a query becomes a relational plan (relation.ts) and its output columns.
 *
 *   WITH → FROM (tables, subqueries, VALUES, joins, LATERAL) → WHERE → GROUP BY / aggregates →
 *   HAVING → target list → DISTINCT [ON] → ORDER BY → LIMIT / OFFSET, and set operations
 *   (UNION / INTERSECT / EXCEPT [ALL]) and VALUES lists as queries.
 *
 * Name resolution, grouping rules and error wording follow PostgreSQL: ORDER BY resolves an
 * ordinal, then an output column name, then an expression over the input; GROUP BY resolves an
 * input column first, then an output name or ordinal; after grouping, a column outside the
 * group keys and aggregates is 42803.
 */
import { Privilege, type Table } from '../../catalog/index.js'
import { findSystemRelation, type SystemRelation } from '../../catalog/system/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import {
  type CommonTableExpr,
  type JoinExpr,
  type Node,
  type RangeSubselect,
  type RangeVar,
  type ResTarget,
  type SelectStmt,
  type SortBy,
  stringOf,
  stringsOf,
  type WithClause,
} from '../parse/index.js'
import { type BindContext, type CteBinding, setFunctionsNotAllowedIn } from './bind-context.js'
import {
  bindCondition,
  bindExpression,
  bindOperatorCall,
  coerce,
  locationOf,
  unifyTypes,
} from './bind-expression.js'
import { bindRangeFunction } from './bind-function-scan.js'
import { containsSetCall, planProjectSets } from './bind-project-set.js'
import { valueFunctionColumnName } from './bind-value-function.js'
import { bindViewReference } from './bind-view.js'
import { buildWindows, defineWindows, withWindowLevel } from './bind-window.js'
import type {
  BoundExpr,
  BoundRowLock,
  BoundSelect,
  BoundSortKey,
  ColumnId,
  OutputColumn,
} from './bound.js'
import { checkSchemaUsage, noteColumnRead, requireRelation } from './privilege-checks.js'
import { type AggregateCall, type Computed, outputColumns, type Rel } from './relation.js'
import { scanRowSecurityFilter, withRowLocking } from './row-security.js'
import { Scope, type ScopeColumn, type ScopeItem } from './scope.js'
import { forEachChild, mapExpression, mapRelExpressions, sameExpression } from './walk.js'

/** 0A000 for a feature the engine lacks; `verb` agrees with a plural feature name. */
function notYet(feature: string, verb: 'is' | 'are' = 'is'): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} ${verb} not supported yet`)
}

function positionField(position: number | undefined): { position?: number } {
  return position === undefined ? {} : { position }
}

/** Binds a SELECT statement at top level or as a subquery whose enclosing scope is `parent`. */
export function bindSelect(context: BindContext, select: SelectStmt, parent?: Scope): BoundSelect {
  // Each query decides for its own clauses where set-returning functions may run.
  return context.withSetFunctionBan(undefined, () => bindQuery(context, select, parent))
}

function bindQuery(
  context: BindContext,
  select: SelectStmt,
  parent: Scope | undefined,
): BoundSelect {
  if (select.withClause === undefined) return bindSelectBody(context, select, parent)
  const ctes = bindWith(context, select.withClause, parent)
  context.ctes.push(ctes)
  try {
    return bindSelectBody(context, select, parent)
  } finally {
    context.ctes.pop()
  }
}

function bindSelectBody(
  context: BindContext,
  select: SelectStmt,
  parent: Scope | undefined,
): BoundSelect {
  if (select.intoClause !== undefined) throw notYet('SELECT INTO')
  if (select.op !== undefined && select.op !== 'SETOP_NONE') {
    const combined = bindSetOperation(context, select, parent)
    return finishQuery(context, select, combined, parent)
  }
  if ((select.valuesLists ?? []).length > 0) {
    return finishQuery(
      context,
      select,
      bindValues(context, select.valuesLists ?? [], parent),
      parent,
    )
  }
  return withWindowLevel(context, () => bindSimpleSelect(context, select, parent))
}

// ---------------------------------------------------------------------------------------------
// WITH

/** Whether the WITH clause holds an INSERT / UPDATE / DELETE. */
export function hasModifyingQuery(clause: WithClause | undefined): boolean {
  return (clause?.ctes ?? []).some(
    (node) => 'CommonTableExpr' in node && !('SelectStmt' in (node.CommonTableExpr.ctequery ?? {})),
  )
}

export function bindWith(
  context: BindContext,
  clause: WithClause,
  parent: Scope | undefined,
): CteBinding[] {
  const bindings: CteBinding[] = []
  context.ctes.push(bindings)
  try {
    for (const node of clause.ctes ?? []) {
      if (!('CommonTableExpr' in node)) continue
      const cte = node.CommonTableExpr
      const name = cte.ctename ?? ''
      if (bindings.some((binding) => binding.name === name)) {
        throw new SqlError(
          SqlState.duplicateAlias,
          `WITH query name "${name}" specified more than once`,
          positionField(context.position(cte.location)),
        )
      }
      const isTopLevel = clause === context.topLevelWith
      bindings.push(bindCte(context, cte, clause.recursive === true, parent, isTopLevel))
    }
  } finally {
    context.ctes.pop()
  }
  return bindings
}

/**
 * INSERT / UPDATE / DELETE in WITH (only in the top-level statement's WITH clause, 0A000
 * elsewhere, as in PostgreSQL): bound as a statement of its own, run once before the statement
 * (whether referenced or not), its RETURNING rows materialized into a work table that each
 * reference scans.
 */
function bindModifyingCte(
  context: BindContext,
  cte: CommonTableExpr,
  query: Node,
  isTopLevel: boolean,
): CteBinding {
  if (!('InsertStmt' in query || 'UpdateStmt' in query || 'DeleteStmt' in query)) {
    throw notYet('this WITH query')
  }
  if (!isTopLevel) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'WITH clause containing a data-modifying statement must be at the top level',
      positionField(context.position(cte.location)),
    )
  }
  const statement = context.bindModifying(query)
  const workTable = context.newWorkTable()
  context.modifyingCtes.push({ workTable, statement })
  return {
    name: cte.ctename ?? '',
    columnNames: stringsOf(cte.aliascolnames),
    select: undefined,
    recursive: undefined,
    modifying: { workTable, output: statement.returning?.output },
  }
}

function bindCte(
  context: BindContext,
  cte: CommonTableExpr,
  isRecursiveClause: boolean,
  parent: Scope | undefined,
  isTopLevel: boolean,
): CteBinding {
  const name = cte.ctename ?? ''
  const columnNames = stringsOf(cte.aliascolnames)
  const query = cte.ctequery
  if (query === undefined) throw notYet('this WITH query')
  if (!('SelectStmt' in query)) return bindModifyingCte(context, cte, query, isTopLevel)
  const select = query.SelectStmt
  const isRecursive =
    isRecursiveClause && select.op === 'SETOP_UNION' && referencesName(select.rarg, name)
  if (!isRecursive) {
    const bound = bindSelect(context, select, parent)
    return { name, columnNames, select: bound, recursive: undefined }
  }
  // WITH RECURSIVE name AS (base UNION [ALL] recursive): bind the base, then the recursive part
  // with `name` standing for the work table of the base's column types.
  const base = bindSelect(context, select.larg ?? {}, parent)
  const workTable = context.newWorkTable()
  const binding: CteBinding = {
    name,
    columnNames,
    select: undefined,
    recursive: { workTable, types: base.output.map((column) => column.type), isReferenced: false },
  }
  context.ctes[context.ctes.length - 1]?.push(binding)
  let recursive: BoundSelect
  try {
    recursive = bindSelect(context, select.rarg ?? {}, parent)
  } finally {
    context.ctes[context.ctes.length - 1]?.pop()
  }
  if (recursive.output.length !== base.output.length) {
    throw new SqlError(
      SqlState.syntaxError,
      'each UNION query must have the same number of columns',
    )
  }
  const recursivePlan = alignTypes(
    context,
    recursive,
    base.output.map((c) => c.type),
    'UNION',
  )
  const columns = base.output.map(() => context.newColumn())
  const output: OutputColumn[] = base.output.map((column, i) => ({
    name: columnNames[i] ?? column.name,
    type: column.type,
    column: columns[i] as ColumnId,
    origin: undefined,
  }))
  return {
    name,
    columnNames,
    recursive: undefined,
    select: {
      kind: 'Select',
      plan: {
        kind: 'RecursiveUnion',
        workTable,
        isAll: select.all === true,
        base: base.plan,
        recursive: recursivePlan,
        columns,
      },
      output,
    },
  }
}

/** Whether a statement mentions `name` as a FROM item (a recursive self-reference). */
function referencesName(node: unknown, name: string): boolean {
  if (node === null || typeof node !== 'object') return false
  if (Array.isArray(node)) return node.some((item) => referencesName(item, name))
  const record = node as Record<string, unknown>
  const range = record['RangeVar'] as RangeVar | undefined
  if (range !== undefined && range.schemaname === undefined && range.relname === name) return true
  return Object.values(record).some((value) => referencesName(value, name))
}

// ---------------------------------------------------------------------------------------------
// Set operations and VALUES

function bindSetOperation(
  context: BindContext,
  select: SelectStmt,
  parent: Scope | undefined,
): BoundSelect {
  const left = bindSelect(context, select.larg ?? {}, parent)
  const right = bindSelect(context, select.rarg ?? {}, parent)
  const op =
    select.op === 'SETOP_UNION' ? 'union' : select.op === 'SETOP_INTERSECT' ? 'intersect' : 'except'
  const name = op.toUpperCase()
  if (left.output.length !== right.output.length) {
    throw new SqlError(
      SqlState.syntaxError,
      `each ${name} query must have the same number of columns`,
    )
  }
  const types = left.output.map((column, i) => {
    const other = right.output[i] as OutputColumn
    return unifyTypes(
      context,
      [typedPlaceholder(column.type), typedPlaceholder(other.type)],
      name,
      undefined,
    ).type
  })
  const columns = types.map(() => context.newColumn())
  return {
    kind: 'Select',
    plan: {
      kind: 'SetOp',
      op,
      isAll: select.all === true,
      left: alignTypes(context, left, types, name),
      right: alignTypes(context, right, types, name),
      columns,
    },
    output: left.output.map((column, i) => ({
      name: column.name,
      type: types[i] as SqlType,
      column: columns[i] as ColumnId,
      origin: undefined,
    })),
  }
}

/** A typeless stand-in so unifyTypes can pick a common type from column types alone. */
function typedPlaceholder(type: SqlType): BoundExpr {
  return { kind: 'Constant', type, value: null }
}

/** A query's plan with its output coerced to `types` (a Project on top when anything changes). */
function alignTypes(
  context: BindContext,
  select: BoundSelect,
  types: readonly SqlType[],
  construct: string,
): Rel {
  const exprs: BoundExpr[] = select.output.map((column) => columnRef(column))
  let changed = false
  const targets: Computed[] = exprs.map((expr, i) => {
    const type = types[i] as SqlType
    if (expr.type.oid === type.oid) return { column: (expr as { column: ColumnId }).column, expr }
    changed = true
    const coerced = unifyTypes(context, [typedPlaceholder(type), expr], construct, undefined)
      .exprs[1]
    return { column: context.newColumn(), expr: coerced ?? expr }
  })
  return changed ? { kind: 'Project', input: select.plan, targets } : select.plan
}

function columnRef(column: OutputColumn | ScopeColumn): BoundExpr {
  return {
    kind: 'ColumnRef',
    type: column.type,
    column: column.column,
    name: column.name,
    origin: column.origin,
  }
}

function bindValues(
  context: BindContext,
  lists: readonly Node[],
  parent: Scope | undefined,
): BoundSelect {
  const scope = Scope.empty(parent)
  const rows = lists.map((node) => {
    const items = 'List' in node ? (node.List.items ?? []) : []
    return items.map((item) =>
      context.withAggregateBan('VALUES', () =>
        context.withSetFunctionBan(setFunctionsNotAllowedIn('VALUES'), () =>
          bindExpression(context, scope, item),
        ),
      ),
    )
  })
  const width = rows[0]?.length ?? 0
  if (rows.some((row) => row.length !== width)) {
    throw new SqlError(SqlState.syntaxError, 'VALUES lists must all be the same length')
  }
  const types: SqlType[] = []
  for (let i = 0; i < width; i++) {
    const unified = unifyTypes(
      context,
      rows.map((row) => row[i] as BoundExpr),
      'VALUES',
      undefined,
    )
    types.push(unified.type)
    unified.exprs.forEach((expr, r) => {
      ;(rows[r] as BoundExpr[])[i] = expr
    })
  }
  const columns = types.map(() => context.newColumn())
  return {
    kind: 'Select',
    plan: { kind: 'Values', rows, columns, types },
    output: types.map((type, i) => ({
      name: `column${i + 1}`,
      type,
      column: columns[i] as ColumnId,
      origin: undefined,
    })),
  }
}

/** ORDER BY / LIMIT / OFFSET / locking applied to a set operation or VALUES list. */
function finishQuery(
  context: BindContext,
  select: SelectStmt,
  body: BoundSelect,
  parent: Scope | undefined,
): BoundSelect {
  let plan = body.plan
  const sortClause = select.sortClause ?? []
  if (sortClause.length > 0) {
    const item: ScopeItem = {
      reference: undefined,
      table: undefined,
      columns: body.output.map((column) => ({ ...column })),
      children: [],
    }
    const scope = new Scope([item], parent)
    const targets = body.output.map((column) => ({ name: column.name, expr: columnRef(column) }))
    const keys = sortClause.map((node) => {
      const key = bindSortKey(context, scope, targets, node)
      // Set operation results can only be ordered by their output columns.
      if (
        key.expr.kind !== 'ColumnRef' ||
        !body.output.some((c) => c.column === (key.expr as { column: ColumnId }).column)
      ) {
        throw new SqlError(
          SqlState.featureNotSupported,
          'invalid UNION/INTERSECT/EXCEPT ORDER BY clause',
          { detail: 'Only result column names can be used, not expressions or functions.' },
        )
      }
      return key
    })
    plan = { kind: 'Sort', input: plan, keys }
  }
  plan = addLimit(context, select, plan)
  if ((select.lockingClause ?? []).length > 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT',
    )
  }
  return { kind: 'Select', plan, output: body.output }
}

function addLimit(context: BindContext, select: SelectStmt, plan: Rel): Rel {
  if (select.limitOption === 'LIMIT_OPTION_WITH_TIES') throw notYet('FETCH ... WITH TIES')
  const count = bindLimit(context, select.limitCount, 'LIMIT')
  const offset = bindLimit(context, select.limitOffset, 'OFFSET')
  if (count === undefined && offset === undefined) return plan
  return { kind: 'Limit', input: plan, count, offset }
}

// ---------------------------------------------------------------------------------------------
// FROM

interface FromResult {
  readonly plan: Rel
  readonly item: ScopeItem
  /** A function in FROM reading items to its left: LATERAL without the keyword. */
  readonly isLateral?: boolean
}

export function bindFromList(
  context: BindContext,
  from: readonly Node[],
  parent: Scope | undefined,
): { plan: Rel; scope: Scope } {
  let scope = Scope.empty(parent)
  let plan: Rel | undefined
  for (const node of from) {
    const result = bindFromItem(context, node, scope, parent)
    const isLateral = result.isLateral ?? isLateralItem(node)
    plan =
      plan === undefined
        ? result.plan
        : {
            kind: 'Join',
            joinType: 'inner',
            left: plan,
            right: result.plan,
            condition: undefined,
            isLateral,
          }
    assertNoDuplicateReference(context, scope, result.item, node)
    scope = scope.with(result.item)
  }
  return { plan: plan ?? { kind: 'Result' }, scope }
}

function isLateralItem(node: Node): boolean {
  return 'RangeSubselect' in node && node.RangeSubselect.lateral === true
}

/** Two FROM items of one level may not share a name (42712). */
function assertNoDuplicateReference(
  context: BindContext,
  scope: Scope,
  item: ScopeItem,
  node: Node,
): void {
  const names = collectReferences(item)
  for (const name of names) {
    if (scope.findItem(name) !== undefined) {
      throw new SqlError(
        SqlState.duplicateAlias,
        `table name "${name}" specified more than once`,
        positionField(context.position(locationOf(node))),
      )
    }
  }
}

function collectReferences(item: ScopeItem): string[] {
  if (item.reference !== undefined) return [item.reference]
  return item.children.flatMap(collectReferences)
}

/**
 * One FROM item. `siblings` are the items to its left in the same FROM list (visible to a
 * LATERAL subquery); `parent` is the enclosing query's scope.
 */
function bindFromItem(
  context: BindContext,
  node: Node,
  siblings: Scope,
  parent: Scope | undefined,
): FromResult {
  if ('RangeVar' in node) return bindRangeVar(context, node.RangeVar)
  if ('RangeSubselect' in node)
    return bindRangeSubselect(context, node.RangeSubselect, siblings, parent)
  if ('JoinExpr' in node) return bindJoin(context, node.JoinExpr, siblings, parent)
  if ('RangeFunction' in node) return bindRangeFunction(context, node.RangeFunction, siblings)
  throw notYet('this FROM item')
}

/** A table as a FROM item: fresh column ids, named by the alias's column names when given. */
export function bindTableItem(
  context: BindContext,
  table: Table,
  alias: string | undefined,
  aliasColumns: readonly string[] = [],
): { columns: ColumnId[]; item: ScopeItem } {
  if (aliasColumns.length > table.columns.length) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      `table "${alias ?? table.name}" has ${table.columns.length} columns available but ${aliasColumns.length} columns specified`,
    )
  }
  const columns = table.columns.map(() => context.newColumn())
  return {
    columns,
    item: {
      reference: alias ?? table.name,
      table,
      columns: table.columns.map((column, i) => ({
        name: aliasColumns[i] ?? column.name,
        type: column.type,
        column: columns[i] as ColumnId,
        origin: { table, number: column.number },
      })),
      children: [],
    },
  }
}

function bindRangeVar(context: BindContext, range: RangeVar): FromResult {
  const name = range.relname ?? ''
  const alias = range.alias?.aliasname
  const aliasColumns = stringsOf(range.alias?.colnames)
  const cte = range.schemaname === undefined ? context.findCte(name) : undefined
  if (cte !== undefined) {
    return bindCteReference(context, cte, alias ?? name, aliasColumns, range.location)
  }
  checkSchemaUsage(context, range.schemaname, range.location)
  const relation = context.findRelation(range.schemaname, name)
  const system = findSystemRelation(
    range.schemaname,
    name,
    relation === undefined ? context.searchPath : [],
  )
  if (system !== undefined) return bindSystemScan(context, system, alias, aliasColumns)
  if (relation?.kind === 'view') {
    context.noteRelation(range, relation)
    requireRelation(context, relation, Privilege.select)
    return bindViewReference(context, relation, alias ?? name, aliasColumns)
  }
  const table = context.getTable(range.schemaname, name, range.location)
  context.noteRelation(range, table)
  requireRelation(context, table, Privilege.select)
  const { columns, item } = bindTableItem(context, table, alias, aliasColumns)
  const scan: Rel = { kind: 'SeqScan', table, columns }
  // Row-level security: the policies' filter directly over the scan, beneath every condition
  // of the query itself (row-security.ts).
  const policyFilter = scanRowSecurityFilter(context, table, columns)
  if (policyFilter === undefined) return { plan: scan, item }
  return { plan: { kind: 'Filter', input: scan, predicate: policyFilter }, item }
}

/** A scan of a system catalog (catalog/system/): read-only, computed when it runs. */
function bindSystemScan(
  context: BindContext,
  relation: SystemRelation,
  alias: string | undefined,
  aliasColumns: readonly string[],
): FromResult {
  const columns = relation.columns.map(() => context.newColumn())
  return {
    plan: { kind: 'SystemScan', relation, columns },
    item: {
      reference: alias ?? relation.name,
      table: undefined,
      columns: relation.columns.map((column, i) => ({
        name: aliasColumns[i] ?? column.name,
        type: column.type,
        column: columns[i] as ColumnId,
        origin: undefined,
      })),
      children: [],
    },
  }
}

function bindCteReference(
  context: BindContext,
  cte: CteBinding,
  reference: string,
  aliasColumns: readonly string[],
  location: number | undefined,
): FromResult {
  const columns: ColumnId[] = []
  const scopeColumns: ScopeColumn[] = []
  if (cte.recursive !== undefined) {
    if (cte.recursive.isReferenced) {
      throw new SqlError(
        SqlState.invalidRecursion,
        `recursive reference to query "${cte.name}" must not appear more than once`,
      )
    }
    cte.recursive.isReferenced = true
    cte.recursive.types.forEach((type, i) => {
      const column = context.newColumn()
      columns.push(column)
      scopeColumns.push({
        name: aliasColumns[i] ?? cte.columnNames[i] ?? `column${i + 1}`,
        type,
        column,
        origin: undefined,
      })
    })
    return {
      plan: { kind: 'WorkTableScan', workTable: cte.recursive.workTable, columns },
      item: { reference, table: undefined, columns: scopeColumns, children: [] },
    }
  }
  if (cte.modifying !== undefined) {
    return bindModifyingCteReference(context, cte, cte.modifying, reference, aliasColumns, location)
  }
  const select = cte.select
  if (select === undefined)
    throw new SqlError(SqlState.internalError, `CTE ${cte.name} is not bound`)
  const named = cteColumns(context, cte, select.output, aliasColumns)
  return {
    plan: { kind: 'SubqueryScan', input: select.plan, columns: named.columns },
    item: { reference, table: undefined, columns: named.scopeColumns, children: [] },
  }
}

/** Fresh columns for one reference to a WITH query with these outputs, named by the alias's
 * column list, else the WITH query's, else the outputs'. */
function cteColumns(
  context: BindContext,
  cte: CteBinding,
  outputs: readonly OutputColumn[],
  aliasColumns: readonly string[],
): { columns: ColumnId[]; scopeColumns: ScopeColumn[] } {
  const columns: ColumnId[] = []
  const scopeColumns = outputs.map((column, i): ScopeColumn => {
    const id = context.newColumn()
    columns.push(id)
    return {
      name: aliasColumns[i] ?? cte.columnNames[i] ?? column.name,
      type: column.type,
      column: id,
      origin: undefined,
    }
  })
  return { columns, scopeColumns }
}

/** A reference to a data-modifying WITH query: a scan of its RETURNING rows (0A000 without
 * RETURNING). */
function bindModifyingCteReference(
  context: BindContext,
  cte: CteBinding,
  modifying: NonNullable<CteBinding['modifying']>,
  reference: string,
  aliasColumns: readonly string[],
  location: number | undefined,
): FromResult {
  if (modifying.output === undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `WITH query "${cte.name}" does not have a RETURNING clause`,
      positionField(context.position(location)),
    )
  }
  const { columns, scopeColumns } = cteColumns(context, cte, modifying.output, aliasColumns)
  return {
    plan: { kind: 'WorkTableScan', workTable: modifying.workTable, columns },
    item: { reference, table: undefined, columns: scopeColumns, children: [] },
  }
}

function bindRangeSubselect(
  context: BindContext,
  range: RangeSubselect,
  siblings: Scope,
  parent: Scope | undefined,
): FromResult {
  const subquery = range.subquery
  if (subquery === undefined || !('SelectStmt' in subquery)) throw notYet('this subquery in FROM')
  const alias = range.alias?.aliasname
  if (alias === undefined) {
    throw new SqlError(SqlState.syntaxError, 'subquery in FROM must have an alias', {
      hint: 'For example, FROM (SELECT ...) [AS] foo.',
    })
  }
  // A LATERAL subquery sees the FROM items to its left; others only the enclosing query.
  const outer = range.lateral === true ? siblings : (parent ?? undefined)
  const select = context.withAggregateBan(undefined, () =>
    bindSelect(context, subquery.SelectStmt, outer),
  )
  const aliasColumns = stringsOf(range.alias?.colnames)
  if (aliasColumns.length > select.output.length) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      `table "${alias}" has ${select.output.length} columns available but ${aliasColumns.length} columns specified`,
    )
  }
  const columns = select.output.map(() => context.newColumn())
  return {
    plan: { kind: 'SubqueryScan', input: select.plan, columns },
    item: {
      reference: alias,
      table: undefined,
      columns: select.output.map((column, i) => ({
        name: aliasColumns[i] ?? column.name,
        type: column.type,
        column: columns[i] as ColumnId,
        origin: column.origin,
      })),
      children: [],
    },
  }
}

function bindJoin(
  context: BindContext,
  join: JoinExpr,
  siblings: Scope,
  parent: Scope | undefined,
): FromResult {
  const left = bindFromItem(context, requireFromNode(join.larg), siblings, parent)
  const rightNode = requireFromNode(join.rarg)
  const right = bindFromItem(context, rightNode, siblings.with(left.item), parent)
  const isLateral = right.isLateral ?? isLateralItem(rightNode)
  const joinType =
    join.jointype === 'JOIN_LEFT'
      ? 'left'
      : join.jointype === 'JOIN_RIGHT'
        ? 'right'
        : join.jointype === 'JOIN_FULL'
          ? 'full'
          : 'inner'
  if (isLateral && (joinType === 'right' || joinType === 'full')) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      'The combining JOIN type must be INNER or LEFT for a LATERAL reference.',
    )
  }
  const scope = new Scope([left.item, right.item], siblings.parent, [
    ...siblings.items,
    ...siblings.hidden,
  ])
  const usingNames =
    join.isNatural === true ? naturalColumns(left.item, right.item) : stringsOf(join.usingClause)
  let condition: BoundExpr | undefined
  let item: ScopeItem
  if (join.isNatural === true || (join.usingClause ?? []).length > 0) {
    const merged = mergeUsing(context, left.item, right.item, usingNames, joinType)
    condition = merged.condition
    item = merged.item
  } else {
    if (join.quals !== undefined) {
      condition = context.withAggregateBan('JOIN conditions', () =>
        context.withSetFunctionBan(setFunctionsNotAllowedIn('JOIN conditions'), () =>
          bindCondition(context, scope, join.quals as Node, 'JOIN/ON'),
        ),
      )
    }
    item = {
      reference: undefined,
      table: undefined,
      columns: [...left.item.columns, ...right.item.columns],
      children: [left.item, right.item],
    }
  }
  const alias = join.alias?.aliasname
  if (alias !== undefined) {
    const names = stringsOf(join.alias?.colnames)
    item = {
      reference: alias,
      table: undefined,
      columns: item.columns.map((column, i) => ({ ...column, name: names[i] ?? column.name })),
      children: [],
    }
  }
  return {
    plan: {
      kind: 'Join',
      joinType,
      left: left.plan,
      right: right.plan,
      condition,
      isLateral,
    },
    item,
  }
}

function requireFromNode(node: Node | undefined): Node {
  if (node === undefined) throw new SqlError(SqlState.syntaxError, 'JOIN without a table')
  return node
}

function naturalColumns(left: ScopeItem, right: ScopeItem): string[] {
  return left.columns
    .map((column) => column.name)
    .filter((name) => right.columns.some((column) => column.name === name))
}

/**
 * JOIN ... USING (a, b): the condition l.a = r.a AND l.b = r.b, and the join's columns: each
 * USING column once (the left one; the right one for RIGHT JOIN; COALESCE of both for FULL),
 * then the other columns of the left side, then of the right side.
 */
function mergeUsing(
  context: BindContext,
  left: ScopeItem,
  right: ScopeItem,
  names: readonly string[],
  joinType: 'inner' | 'left' | 'right' | 'full',
): { condition: BoundExpr | undefined; item: ScopeItem } {
  const conditions: BoundExpr[] = []
  const merged: ScopeColumn[] = []
  const used = new Set<ColumnId>()
  for (const name of names) {
    const find = (item: ScopeItem, side: string): ScopeColumn => {
      const matches = item.columns.filter((column) => column.name === name)
      if (matches.length > 1) {
        throw new SqlError(
          SqlState.ambiguousColumn,
          `common column name "${name}" appears more than once in ${side} table`,
        )
      }
      const match = matches[0]
      if (match === undefined) {
        throw new SqlError(
          SqlState.undefinedColumn,
          `column "${name}" specified in USING clause does not exist in ${side} table`,
        )
      }
      return match
    }
    const l = find(left, 'left')
    const r = find(right, 'right')
    used.add(l.column)
    used.add(r.column)
    const equals = bindOperatorCall(context, '=', columnRef(l), columnRef(r), undefined)
    conditions.push(equals)
    if (joinType === 'full') {
      const unified = unifyTypes(context, [columnRef(l), columnRef(r)], 'JOIN/USING', undefined)
      merged.push({
        name,
        type: unified.type,
        column: l.column,
        origin: undefined,
        expr: { kind: 'Coalesce', type: unified.type, args: unified.exprs },
      })
    } else {
      merged.push({ ...(joinType === 'right' ? r : l), name })
    }
  }
  const condition: BoundExpr | undefined =
    conditions.length === 0
      ? undefined
      : conditions.length === 1
        ? conditions[0]
        : { kind: 'Logical', type: sqlTypes.bool, operator: 'and', args: conditions }
  return {
    condition,
    item: {
      reference: undefined,
      table: undefined,
      columns: [
        ...merged,
        ...left.columns.filter((column) => !used.has(column.column)),
        ...right.columns.filter((column) => !used.has(column.column)),
      ],
      children: [left, right],
    },
  }
}

// ---------------------------------------------------------------------------------------------
// SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... ORDER BY ...

export interface Target {
  readonly name: string
  readonly expr: BoundExpr
}

function bindSimpleSelect(
  context: BindContext,
  select: SelectStmt,
  parent: Scope | undefined,
): BoundSelect {
  const isLocking = (select.lockingClause ?? []).length > 0
  const { plan: fromPlan, scope } = withRowLocking(context, isLocking, () =>
    bindFromList(context, select.fromClause ?? [], parent),
  )
  defineWindows(context, scope, select.windowClause ?? [])
  let plan = fromPlan
  if (select.whereClause !== undefined) {
    const where = context.withAggregateBan('WHERE', () =>
      context.withSetFunctionBan(setFunctionsNotAllowedIn('WHERE'), () =>
        bindCondition(context, scope, select.whereClause as Node, 'WHERE'),
      ),
    )
    plan = { kind: 'Filter', input: plan, predicate: where }
  }
  const targets = context.withAggregateBan(undefined, () =>
    bindTargets(context, scope, select.targetList ?? []),
  )
  let groupExprs = context.withAggregateBan('GROUP BY', () =>
    (select.groupClause ?? []).map((node) => bindGroupKey(context, scope, targets, node)),
  )
  // Set-returning functions in GROUP BY run beneath the grouping (a ProjectSet over FROM).
  let beforeGrouping = (expr: BoundExpr): BoundExpr => expr
  if (groupExprs.some(containsSetCall)) {
    const planned = planProjectSets(context, plan, groupExprs)
    plan = planned.plan
    groupExprs = planned.exprs
    beforeGrouping = planned.rewrite
  }
  const having =
    select.havingClause === undefined
      ? undefined
      : context.withAggregateBan(undefined, () =>
          context.withSetFunctionBan(setFunctionsNotAllowedIn('HAVING'), () =>
            context.withWindowBan('HAVING', () =>
              bindCondition(context, scope, select.havingClause as Node, 'HAVING'),
            ),
          ),
        )
  const distinctClause = select.distinctClause
  const isDistinct = distinctClause !== undefined
  const distinctOn =
    distinctClause !== undefined &&
    distinctClause.length > 0 &&
    Object.keys(distinctClause[0] ?? {}).length > 0
      ? distinctClause.map((node) => bindSortExpression(context, scope, targets, node))
      : undefined
  const sortKeys = context.withAggregateBan(undefined, () =>
    (select.sortClause ?? []).map((node) => bindSortKey(context, scope, targets, node)),
  )

  // Grouping: aggregates anywhere in targets, HAVING or ORDER BY, or a GROUP BY clause.
  const aggregates = collectAggregates([
    ...targets.map((t) => t.expr),
    ...(having === undefined ? [] : [having]),
    ...sortKeys.map((k) => k.expr),
  ])
  const isGrouped = (select.groupClause ?? []).length > 0
  let rewrite = beforeGrouping
  if (isGrouped || aggregates.length > 0 || having !== undefined) {
    const grouping = buildGrouping(context, plan, fromPlan, groupExprs, aggregates, isGrouped)
    plan = grouping.plan
    rewrite = (expr) => grouping.rewrite(beforeGrouping(expr))
  }
  if (having !== undefined) plan = { kind: 'Filter', input: plan, predicate: rewrite(having) }
  // Window functions see the grouped, filtered rows; DISTINCT, ORDER BY and LIMIT see theirs.
  const windows = buildWindows(
    context,
    plan,
    [
      ...targets.map((target) => rewrite(target.expr)),
      ...sortKeys.map((key) => rewrite(key.expr)),
      ...(distinctOn ?? []).map(rewrite),
    ],
    [...sortKeys, ...groupExprs.map((expr) => ({ expr }))].map((key) => rewrite(key.expr)),
  )
  plan = windows.plan
  const groupingRewrite = rewrite
  rewrite = (expr) => windows.rewrite(groupingRewrite(expr))
  let groupedTargets = targets.map((target) => ({ ...target, expr: rewrite(target.expr) }))
  let groupedKeys = sortKeys.map((key) => ({ ...key, expr: rewrite(key.expr) }))
  let groupedOn = distinctOn?.map(rewrite)

  // Set-returning functions of the select list, ORDER BY and DISTINCT ON: ProjectSet nodes
  // after grouping and windows, beneath DISTINCT, ORDER BY and LIMIT (PostgreSQL 10's order).
  const withSets = [
    ...groupedTargets.map((target) => target.expr),
    ...groupedKeys.map((key) => key.expr),
    ...(groupedOn ?? []),
  ]
  if (withSets.some(containsSetCall)) {
    const planned = planProjectSets(context, plan, withSets)
    plan = planned.plan
    const exprs = planned.exprs
    groupedTargets = groupedTargets.map((target, i) => ({ ...target, expr: exprs[i] as BoundExpr }))
    const keyStart = groupedTargets.length
    groupedKeys = groupedKeys.map((key, i) => ({ ...key, expr: exprs[keyStart + i] as BoundExpr }))
    const onStart = keyStart + groupedKeys.length
    groupedOn = groupedOn?.map((_, i) => exprs[onStart + i] as BoundExpr)
  }

  const projected: Computed[] = groupedTargets.map((target) => ({
    column: context.newColumn(),
    expr: target.expr,
  }))
  if (windows.hasWindows && (select.lockingClause ?? []).length > 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'FOR UPDATE is not allowed with window functions',
    )
  }
  const lock = bindLocking(context, select.lockingClause ?? [], fromPlan)
  if (isDistinct && groupedOn === undefined) {
    // DISTINCT: ORDER BY may use only output columns.
    const keys = groupedKeys.map((key) => {
      const index = groupedTargets.findIndex((target) => sameExpression(target.expr, key.expr))
      const target = projected[index]
      if (target === undefined) {
        throw new SqlError(
          SqlState.invalidColumnReference,
          'for SELECT DISTINCT, ORDER BY expressions must appear in select list',
        )
      }
      return { ...key, expr: computedRef(target, groupedTargets[index]?.name ?? '') }
    })
    plan = { kind: 'Project', input: plan, targets: projected }
    plan = { kind: 'Distinct', input: plan, on: undefined }
    if (keys.length > 0) plan = { kind: 'Sort', input: plan, keys }
  } else {
    if (groupedOn !== undefined) {
      // DISTINCT ON (a, b): the ORDER BY must start with a, b; sort by them, keep each first row.
      for (const [i, on] of groupedOn.entries()) {
        const key = groupedKeys[i]
        if (key !== undefined && !sameExpression(key.expr, on)) {
          throw new SqlError(
            SqlState.invalidColumnReference,
            'SELECT DISTINCT ON expressions must match initial ORDER BY expressions',
          )
        }
      }
      const keys: BoundSortKey[] = [
        ...groupedOn.map(
          (expr, i) => groupedKeys[i] ?? { expr, isDescending: false, isNullsFirst: false },
        ),
        ...groupedKeys.slice(groupedOn.length),
      ]
      plan = { kind: 'Sort', input: plan, keys }
      plan = { kind: 'Distinct', input: plan, on: groupedOn }
    } else if (groupedKeys.length > 0) {
      plan = { kind: 'Sort', input: plan, keys: groupedKeys }
    }
    if (lock !== undefined) plan = { ...lock, input: plan }
    plan = { kind: 'Project', input: plan, targets: projected }
  }
  plan = addLimit(context, select, plan)
  return {
    kind: 'Select',
    plan,
    output: groupedTargets.map((target, i) => ({
      name: target.name,
      type: target.expr.type,
      column: (projected[i] as Computed).column,
      origin: target.expr.kind === 'ColumnRef' ? target.expr.origin : undefined,
    })),
  }
}

function computedRef(target: Computed, name: string): BoundExpr {
  return {
    kind: 'ColumnRef',
    type: target.expr.type,
    column: target.column,
    name,
    origin: undefined,
  }
}

/** Every aggregate call in these expressions (not inside subqueries: those are theirs). */
function collectAggregates(exprs: readonly BoundExpr[]): (BoundExpr & { kind: 'Aggregate' })[] {
  const found: (BoundExpr & { kind: 'Aggregate' })[] = []
  const visit = (expr: BoundExpr): void => {
    if (expr.kind === 'Aggregate') {
      if (!found.some((other) => sameExpression(other, expr))) found.push(expr)
      return
    }
    forEachChild(expr, visit)
  }
  for (const expr of exprs) visit(expr)
  return found
}

/**
 * The Aggregate node and the rewrite of expressions above it: a sub-expression equal to a group
 * key reads that key, an aggregate call reads its result, and any other column of the FROM
 * clause is 42803. Grouping by a table's whole primary key makes its other columns usable
 * (functional dependency, as PostgreSQL allows).
 */
function buildGrouping(
  context: BindContext,
  input: Rel,
  fromPlan: Rel,
  groupExprs: readonly BoundExpr[],
  aggregates: readonly (BoundExpr & { kind: 'Aggregate' })[],
  isGrouped: boolean,
): { plan: Rel; rewrite: (expr: BoundExpr) => BoundExpr } {
  const keys: Computed[] = []
  for (const expr of [...groupExprs, ...functionallyDependent(fromPlan, groupExprs)]) {
    if (!keys.some((key) => sameExpression(key.expr, expr)))
      keys.push({ column: context.newColumn(), expr })
  }
  const calls: AggregateCall[] = aggregates.map((call) => ({ column: context.newColumn(), call }))
  const fromColumns = new Set(outputColumns(fromPlan))
  const rewrite = (expr: BoundExpr): BoundExpr =>
    mapExpression(expr, (node) => {
      const key = keys.find((candidate) => sameExpression(candidate.expr, node))
      if (key !== undefined)
        return computedRef(key, node.kind === 'ColumnRef' ? node.name : '?column?')
      if (node.kind === 'Aggregate') {
        const call = calls.find((candidate) => sameExpression(candidate.call, node))
        if (call !== undefined) return computedRef({ column: call.column, expr: node }, node.name)
      }
      if (node.kind === 'ColumnRef' && fromColumns.has(node.column)) {
        const qualifier = node.origin === undefined ? '' : `${node.origin.table.name}.`
        throw new SqlError(
          SqlState.groupingError,
          `column "${qualifier}${node.name}" must appear in the GROUP BY clause or be used in an aggregate function`,
        )
      }
      if (node.kind === 'SubLink') {
        // The test's left operand (`count(*)` in `count(*) IN (SELECT ...)`) belongs to this
        // query level: it is rewritten like any expression above the grouping.
        const test = node.test === undefined ? undefined : rewrite(node.test)
        return rewriteSubLinkOuterRefs({ ...node, test }, keys, fromColumns)
      }
      return undefined
    })
  return {
    plan: { kind: 'Aggregate', input, groupKeys: keys, aggregates: calls, isGrouped },
    rewrite,
  }
}

/**
 * A subquery above a grouping reads the grouped query's columns only as group keys: its outer
 * references to FROM columns are redirected to the key carrying them, and any other is 42803.
 */
function rewriteSubLinkOuterRefs(
  node: BoundExpr & { kind: 'SubLink' },
  keys: readonly Computed[],
  fromColumns: ReadonlySet<ColumnId>,
): BoundExpr {
  const redirect = (expr: BoundExpr): BoundExpr | undefined => {
    if (expr.kind !== 'ColumnRef' || !fromColumns.has(expr.column)) return undefined
    const key = keys.find(
      (candidate) => candidate.expr.kind === 'ColumnRef' && candidate.expr.column === expr.column,
    )
    if (key === undefined) {
      const qualifier = expr.origin === undefined ? '' : `${expr.origin.table.name}.`
      throw new SqlError(
        SqlState.groupingError,
        `subquery uses ungrouped column "${qualifier}${expr.name}" from outer query`,
      )
    }
    return computedRef(key, expr.name)
  }
  return {
    ...node,
    test: node.test === undefined ? undefined : mapExpression(node.test, redirect),
    plan: mapRelExpressions(node.plan, (expr) => mapExpression(expr, redirect)),
  }
}

/** Columns of a table whose whole primary key is grouped (PostgreSQL's functional dependency). */
function functionallyDependent(fromPlan: Rel, groupExprs: readonly BoundExpr[]): BoundExpr[] {
  const extra: BoundExpr[] = []
  const scans: (Rel & { kind: 'SeqScan' })[] = []
  const collect = (node: Rel): void => {
    if (node.kind === 'SeqScan') scans.push(node)
    else if (node.kind === 'Join') {
      collect(node.left)
      collect(node.right)
    }
  }
  collect(fromPlan)
  for (const scan of scans) {
    const keyColumns = scan.table.primaryKey?.columns
    if (keyColumns === undefined) continue
    const isKeyGrouped = keyColumns.every((index) =>
      groupExprs.some((expr) => expr.kind === 'ColumnRef' && expr.column === scan.columns[index]),
    )
    if (!isKeyGrouped) continue
    scan.table.columns.forEach((column, i) => {
      extra.push({
        kind: 'ColumnRef',
        type: column.type,
        column: scan.columns[i] as ColumnId,
        name: column.name,
        origin: { table: scan.table, number: column.number },
      })
    })
  }
  return extra
}

/**
 * FOR UPDATE / FOR NO KEY UPDATE lock rows against other writers and lockers; FOR SHARE / FOR KEY
 * SHARE against writers. The KEY variants are taken as their stronger neighbour, which can make
 * a transaction wait where PostgreSQL would not, never the reverse.
 */
function bindLocking(
  context: BindContext,
  clauses: readonly Node[],
  fromPlan: Rel,
): (Rel & { kind: 'LockRows' }) | undefined {
  let lock: BoundRowLock | undefined
  for (const node of clauses) {
    if (!('LockingClause' in node)) continue
    const clause = node.LockingClause
    const mode =
      clause.strength === 'LCS_FORSHARE' || clause.strength === 'LCS_FORKEYSHARE'
        ? 'share'
        : 'update'
    const policy =
      clause.waitPolicy === 'LockWaitSkip'
        ? 'skip'
        : clause.waitPolicy === 'LockWaitError'
          ? 'nowait'
          : 'wait'
    // Several clauses: the strongest mode and the most impatient policy win, as in PostgreSQL.
    lock = {
      mode: lock?.mode === 'update' || mode === 'update' ? 'update' : 'share',
      policy:
        lock?.policy === 'nowait' || policy === 'nowait'
          ? 'nowait'
          : lock?.policy === 'skip' || policy === 'skip'
            ? 'skip'
            : 'wait',
    }
  }
  if (lock === undefined) return undefined
  void context
  // A table, or one filtered by its row-level security policies.
  const scan =
    fromPlan.kind === 'SeqScan'
      ? fromPlan
      : fromPlan.kind === 'Filter' && fromPlan.input.kind === 'SeqScan'
        ? fromPlan.input
        : undefined
  if (scan === undefined) {
    throw notYet('FOR UPDATE/SHARE with joins, subqueries or without a table')
  }
  if (scan.table.primaryKey === undefined) {
    throw notYet('FOR UPDATE/SHARE on a table without a primary key')
  }
  return {
    kind: 'LockRows',
    input: { kind: 'Result' },
    table: scan.table,
    tableColumns: scan.columns,
    lock,
  }
}

// ---------------------------------------------------------------------------------------------
// Target list, ORDER BY, GROUP BY, LIMIT

export function bindTargets(context: BindContext, scope: Scope, list: readonly Node[]): Target[] {
  const targets: Target[] = []
  for (const node of list) {
    if (!('ResTarget' in node)) throw notYet('this target list entry')
    const target = node.ResTarget
    const star = starQualifier(target)
    if (star !== undefined) {
      targets.push(...expandStar(context, scope, star, target.location))
      continue
    }
    const value = target.val
    if (value === undefined) throw new SqlError(SqlState.syntaxError, 'target without a value')
    let expr = bindExpression(context, scope, value)
    // A quoted literal that nothing typed is text in the output, as in PostgreSQL.
    if (expr.type.kind === 'unknown') expr = coerce(context, expr, sqlTypes.text, undefined)
    targets.push({ name: target.name ?? outputName(value), expr })
  }
  return targets
}

/** `*` → '' ; `t.*` → 't' ; anything else → undefined. */
function starQualifier(target: ResTarget): string | undefined {
  const value = target.val
  if (value === undefined || !('ColumnRef' in value)) return undefined
  const fields = value.ColumnRef.fields ?? []
  const last = fields[fields.length - 1]
  if (last === undefined || !('A_Star' in last)) return undefined
  return fields.length === 1 ? '' : (stringOf(fields[0]) ?? '')
}

function expandStar(
  context: BindContext,
  scope: Scope,
  qualifier: string,
  location: number | undefined,
): Target[] {
  const position = context.position(location)
  if (qualifier !== '') {
    const item = scope.findItem(qualifier)
    if (item === undefined) throw scope.unknownQualifier(qualifier, positionField(position))
    return item.columns.map((column) => {
      noteColumnRead(column.origin)
      return { name: column.name, expr: column.expr ?? columnRef(column) }
    })
  }
  if (scope.items.length === 0) {
    throw new SqlError(
      SqlState.syntaxError,
      'SELECT * with no tables specified is not valid',
      positionField(position),
    )
  }
  return scope.columns.map((column) => {
    noteColumnRead(column.origin)
    return { name: column.name, expr: column.expr ?? columnRef(column) }
  })
}

/** PostgreSQL's FigureColname for the expressions the engine supports. */
function outputName(node: Node): string {
  return figureName(node)?.name ?? '?column?'
}

/**
 * A name with its strength, as PostgreSQL's FigureColnameInternal ranks them: 2 for a name that
 * comes from a column, a function or a keyword (`coalesce`), 1 for a fallback a cast or CASE
 * supplies (the type name, `case`), which an enclosing cast or CASE replaces with its own:
 * `CAST(x::int AS text)` is named `text`, `CAST(x AS text)` is named `x`.
 */
function figureName(node: Node): { name: string; strength: 1 | 2 } | undefined {
  const strong = (name: string | undefined) =>
    name === undefined ? undefined : { name, strength: 2 as const }
  if ('ColumnRef' in node) {
    const fields = node.ColumnRef.fields ?? []
    return strong(stringOf(fields[fields.length - 1]))
  }
  if ('TypeCast' in node) {
    const inner = node.TypeCast.arg === undefined ? undefined : figureName(node.TypeCast.arg)
    if (inner !== undefined && inner.strength === 2) return inner
    const names = node.TypeCast.typeName?.names ?? []
    const name = stringOf(names[names.length - 1])
    return name === undefined ? inner : { name, strength: 1 }
  }
  if ('FuncCall' in node) {
    const names = node.FuncCall.funcname ?? []
    return strong(stringOf(names[names.length - 1]))
  }
  if ('CaseExpr' in node) {
    const result = node.CaseExpr.defresult
    const inner = result === undefined ? undefined : figureName(result)
    return inner !== undefined && inner.strength === 2 ? inner : { name: 'case', strength: 1 }
  }
  if ('CoalesceExpr' in node) return strong('coalesce')
  if ('A_ArrayExpr' in node) return strong('array')
  if ('A_Indirection' in node) {
    // The last field name selected, else the name of what is subscripted.
    const fields = (node.A_Indirection.indirection ?? []).map((item) => stringOf(item))
    const field = fields.filter((name) => name !== undefined).at(-1)
    if (field !== undefined) return strong(field)
    return node.A_Indirection.arg === undefined ? undefined : figureName(node.A_Indirection.arg)
  }
  if ('SQLValueFunction' in node) return strong(valueFunctionColumnName(node.SQLValueFunction))
  if ('MinMaxExpr' in node) {
    return strong(node.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least')
  }
  if ('A_Expr' in node && node.A_Expr.kind === 'AEXPR_NULLIF') return strong('nullif')
  if ('SubLink' in node) {
    const link = node.SubLink
    if (link.subLinkType === 'EXISTS_SUBLINK') return strong('exists')
    if (link.subLinkType === 'ARRAY_SUBLINK') return strong('array')
    if (
      link.subLinkType === 'EXPR_SUBLINK' &&
      link.subselect !== undefined &&
      'SelectStmt' in link.subselect
    ) {
      // The subquery's own output name, '?column?' included, is a strong name.
      const first = link.subselect.SelectStmt.targetList?.[0]
      if (first !== undefined && 'ResTarget' in first) {
        const target = first.ResTarget
        if (target.name !== undefined) return strong(target.name)
        if (target.val !== undefined) return strong(outputName(target.val))
      }
    }
  }
  return undefined
}

function bindSortKey(
  context: BindContext,
  scope: Scope,
  targets: readonly Target[],
  node: Node,
): BoundSortKey {
  if (!('SortBy' in node)) throw notYet('this ORDER BY entry')
  const sort: SortBy = node.SortBy
  if (sort.useOp !== undefined) throw notYet('ORDER BY ... USING')
  const isDescending = sort.sortby_dir === 'SORTBY_DESC'
  const isNullsFirst =
    sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ||
    (sort.sortby_nulls !== 'SORTBY_NULLS_LAST' && isDescending)
  const sortNode = sort.node
  if (sortNode === undefined)
    throw new SqlError(SqlState.syntaxError, 'ORDER BY without an expression')
  return { expr: bindSortExpression(context, scope, targets, sortNode), isDescending, isNullsFirst }
}

/** ORDER BY / DISTINCT ON resolution, as PostgreSQL: an ordinal, then an output column name,
 * then an expression over the input columns. */
function bindSortExpression(
  context: BindContext,
  scope: Scope,
  targets: readonly Target[],
  node: Node,
): BoundExpr {
  const ordinal = targetByOrdinal(context, targets, node, 'ORDER BY')
  if (ordinal !== undefined) return ordinal
  if ('ColumnRef' in node && (node.ColumnRef.fields ?? []).length === 1) {
    const name = stringOf(node.ColumnRef.fields?.[0])
    const matches = targets.filter((target) => target.name === name)
    const first = matches[0]
    // Several output columns of that name are ambiguous unless they are the same expression.
    if (first !== undefined && matches.some((m) => !sameExpression(m.expr, first.expr))) {
      throw new SqlError(
        SqlState.ambiguousColumn,
        `ORDER BY "${name}" is ambiguous`,
        positionField(context.position(node.ColumnRef.location)),
      )
    }
    if (first !== undefined) return first.expr
  }
  const expr = bindExpression(context, scope, node)
  return expr.type.kind === 'unknown' ? coerce(context, expr, sqlTypes.text, undefined) : expr
}

/** `ORDER BY 2` / `GROUP BY 2`: the second target; other constants are errors. */
function targetByOrdinal(
  context: BindContext,
  targets: readonly Target[],
  node: Node,
  clause: string,
): BoundExpr | undefined {
  if (!('A_Const' in node)) return undefined
  const constant = node.A_Const
  const position = context.position(constant.location)
  if (constant.ival === undefined) {
    if (constant.isnull === true) return undefined
    throw new SqlError(
      SqlState.syntaxError,
      `non-integer constant in ${clause}`,
      positionField(position),
    )
  }
  const ordinal = constant.ival.ival ?? 0
  const target = targets[ordinal - 1]
  if (target === undefined) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      `${clause} position ${ordinal} is not in select list`,
      positionField(position),
    )
  }
  return target.expr
}

/** GROUP BY resolution, as PostgreSQL: an ordinal; a bare name as an input column first, then
 * as an output column name; otherwise an expression over the input. */
function bindGroupKey(
  context: BindContext,
  scope: Scope,
  targets: readonly Target[],
  node: Node,
): BoundExpr {
  const ordinal = targetByOrdinal(context, targets, node, 'GROUP BY')
  if (ordinal !== undefined) return ordinal
  if ('ColumnRef' in node && (node.ColumnRef.fields ?? []).length === 1) {
    const name = stringOf(node.ColumnRef.fields?.[0]) ?? ''
    const isInputColumn = scope.items.some((item) =>
      item.columns.some((column) => column.name === name),
    )
    if (!isInputColumn) {
      const target = targets.find((candidate) => candidate.name === name)
      if (target !== undefined) return target.expr
    }
  }
  if ('GroupingSet' in node) throw notYet('GROUPING SETS, ROLLUP and CUBE', 'are')
  const expr = bindExpression(context, scope, node)
  return expr.type.kind === 'unknown' ? coerce(context, expr, sqlTypes.text, undefined) : expr
}

function bindLimit(
  context: BindContext,
  node: Node | undefined,
  clause: string,
): BoundExpr | undefined {
  if (node === undefined) return undefined
  // LIMIT ALL arrives as a NULL constant: no limit.
  if ('A_Const' in node && node.A_Const.isnull === true) return undefined
  const expr = coerce(
    context,
    context.withAggregateBan(clause, () =>
      context.withSetFunctionBan(setFunctionsNotAllowedIn(clause), () =>
        bindExpression(context, Scope.empty(), node),
      ),
    ),
    sqlTypes.int8,
    undefined,
  )
  const position = context.position(locationOf(node))
  if (expr.type.kind === 'int8') return expr
  if (expr.type.kind === 'int2' || expr.type.kind === 'int4')
    return { kind: 'Cast', type: sqlTypes.int8, arg: expr }
  throw new SqlError(
    SqlState.datatypeMismatch,
    `argument of ${clause} must be type bigint, not type ${expr.type.displayName}`,
    positionField(position),
  )
}

export type { Table }
