/**
 * SELECT binding: FROM (one table or none), WHERE, the target list (with `*`), ORDER BY (by
 * output name, ordinal or expression, as PostgreSQL resolves them), LIMIT and OFFSET.
 */
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { sqlTypes } from '../../types/index.js'
import {
  type Node,
  type ResTarget,
  type SelectStmt,
  type SortBy,
  stringOf,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindCondition, bindExpression, coerce, locationOf } from './bind-expression.js'
import type { BoundExpr, BoundRowLock, BoundSelect, BoundSortKey, BoundTarget } from './bound.js'
import { Scope } from './scope.js'

export function bindSelect(context: BindContext, select: SelectStmt): BoundSelect {
  rejectUnsupported(context, select)
  const { table, scope } = bindFrom(context, select.fromClause ?? [])
  const where =
    select.whereClause === undefined
      ? undefined
      : bindCondition(context, scope, select.whereClause, 'WHERE')
  const targets = bindTargets(context, scope, select.targetList ?? [])
  const orderBy = (select.sortClause ?? []).map((node) =>
    bindSortKey(context, scope, targets, node),
  )
  return {
    kind: 'Select',
    from: table,
    where,
    targets,
    orderBy,
    limit: bindLimit(context, select.limitCount, 'LIMIT'),
    offset: bindLimit(context, select.limitOffset, 'OFFSET'),
    lock: bindLocking(select.lockingClause ?? [], table),
  }
}

/**
 * FOR UPDATE / FOR NO KEY UPDATE lock rows against other writers and lockers; FOR SHARE / FOR KEY
 * SHARE against writers. The KEY variants are taken as their stronger neighbour, which can make
 * a transaction wait where PostgreSQL would not, never the reverse.
 */
function bindLocking(clauses: readonly Node[], table: Table | undefined): BoundRowLock | undefined {
  let lock: { mode: 'share' | 'update'; policy: 'wait' | 'nowait' | 'skip' } | undefined
  for (const node of clauses) {
    if (!('LockingClause' in node)) continue
    const clause = node.LockingClause
    if (table === undefined) {
      throw new SqlError(SqlState.featureNotSupported, 'FOR UPDATE/SHARE needs a table in FROM')
    }
    if (table.primaryKey === undefined) {
      throw notYet('FOR UPDATE/SHARE on a table without a primary key')
    }
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
  return lock
}

function rejectUnsupported(context: BindContext, select: SelectStmt): void {
  const unsupported: [unknown, string][] = [
    [select.valuesLists, 'a VALUES list as a query'],
    [select.groupClause, 'GROUP BY'],
    [select.havingClause, 'HAVING'],
    [select.distinctClause, 'DISTINCT'],
    [select.windowClause, 'WINDOW'],
    [select.withClause, 'WITH'],
    [select.intoClause, 'SELECT INTO'],
  ]
  if (select.op !== undefined && select.op !== 'SETOP_NONE') {
    throw notYet('UNION, INTERSECT and EXCEPT')
  }
  for (const [clause, name] of unsupported) {
    if (clause !== undefined && !(Array.isArray(clause) && clause.length === 0)) throw notYet(name)
  }
  if (select.limitOption === 'LIMIT_OPTION_WITH_TIES') throw notYet('FETCH ... WITH TIES')
  void context
}

/** 0A000 for a feature the engine lacks; `verb` agrees with a plural feature name. */
function notYet(feature: string, verb: 'is' | 'are' = 'is'): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} ${verb} not supported yet`)
}

function bindFrom(
  context: BindContext,
  from: readonly Node[],
): { table: Table | undefined; scope: Scope } {
  if (from.length === 0) return { table: undefined, scope: Scope.empty() }
  const first = from[0]
  if (from.length > 1 || first === undefined || !('RangeVar' in first)) {
    throw notYet('joins and subqueries in FROM', 'are')
  }
  const range = first.RangeVar
  const table = context.catalog.getTable(
    range.schemaname,
    range.relname ?? '',
    context.position(range.location),
  )
  return { table, scope: Scope.ofTable(table, range.alias?.aliasname) }
}

function bindTargets(context: BindContext, scope: Scope, list: readonly Node[]): BoundTarget[] {
  const targets: BoundTarget[] = []
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
): BoundTarget[] {
  if (qualifier !== '' && !scope.hasTableReference(qualifier)) {
    const position = context.position(location)
    throw scope.unknownQualifier(qualifier, position === undefined ? {} : { position })
  }
  if (scope.columns.length === 0 && qualifier === '') {
    const position = context.position(location)
    throw new SqlError(
      SqlState.syntaxError,
      'SELECT * with no tables specified is not valid',
      position === undefined ? {} : { position },
    )
  }
  return scope.columns
    .filter((column) => qualifier === '' || column.tableReference === qualifier)
    .map((column) => ({
      name: column.name,
      expr: {
        kind: 'ColumnRef',
        type: column.type,
        index: column.index,
        name: column.name,
        table: column.table,
      },
    }))
}

/** PostgreSQL's FigureColname for the expressions the engine supports. */
function outputName(node: Node): string {
  if ('ColumnRef' in node) {
    const fields = node.ColumnRef.fields ?? []
    return stringOf(fields[fields.length - 1]) ?? '?column?'
  }
  if ('TypeCast' in node) {
    const inner = node.TypeCast.arg === undefined ? '?column?' : outputName(node.TypeCast.arg)
    if (inner !== '?column?') return inner
    const names = node.TypeCast.typeName?.names ?? []
    return stringOf(names[names.length - 1]) ?? '?column?'
  }
  if ('FuncCall' in node) {
    const names = node.FuncCall.funcname ?? []
    return stringOf(names[names.length - 1]) ?? '?column?'
  }
  return '?column?'
}

function bindSortKey(
  context: BindContext,
  scope: Scope,
  targets: readonly BoundTarget[],
  node: Node,
): BoundSortKey {
  if (!('SortBy' in node)) throw notYet('this ORDER BY entry')
  const sort: SortBy = node.SortBy
  const isDescending = sort.sortby_dir === 'SORTBY_DESC'
  const isNullsFirst =
    sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ||
    (sort.sortby_nulls !== 'SORTBY_NULLS_LAST' && isDescending)
  return { expr: bindSortExpression(context, scope, targets, sort), isDescending, isNullsFirst }
}

/** ORDER BY resolution order, as PostgreSQL: an ordinal, then an output column name, then an
 * expression over the input columns. */
function bindSortExpression(
  context: BindContext,
  scope: Scope,
  targets: readonly BoundTarget[],
  sort: SortBy,
): BoundExpr {
  const node = sort.node
  if (node === undefined) throw new SqlError(SqlState.syntaxError, 'ORDER BY without an expression')
  if ('A_Const' in node && node.A_Const.ival === undefined && node.A_Const.isnull !== true) {
    const position = context.position(node.A_Const.location)
    throw new SqlError(
      SqlState.syntaxError,
      'non-integer constant in ORDER BY',
      position === undefined ? {} : { position },
    )
  }
  if ('A_Const' in node && node.A_Const.ival !== undefined) {
    const ordinal = node.A_Const.ival.ival ?? 0
    const target = targets[ordinal - 1]
    if (target === undefined) {
      const position = context.position(node.A_Const.location)
      throw new SqlError(
        SqlState.invalidColumnReference,
        `ORDER BY position ${ordinal} is not in select list`,
        position === undefined ? {} : { position },
      )
    }
    return target.expr
  }
  if ('ColumnRef' in node && (node.ColumnRef.fields ?? []).length === 1) {
    const name = stringOf(node.ColumnRef.fields?.[0])
    const matches = targets.filter((target) => target.name === name)
    const first = matches[0]
    // Several output columns of that name are ambiguous unless they are the same expression.
    if (first !== undefined && matches.some((m) => !sameExpression(m.expr, first.expr))) {
      const position = context.position(node.ColumnRef.location)
      throw new SqlError(
        SqlState.ambiguousColumn,
        `ORDER BY "${name}" is ambiguous`,
        position === undefined ? {} : { position },
      )
    }
    if (first !== undefined) return first.expr
  }
  const expr = bindExpression(context, scope, node)
  return expr.type.kind === 'unknown' ? coerce(context, expr, sqlTypes.text, undefined) : expr
}

/** Structural equality of two bound expressions (PostgreSQL's equal()), ignoring positions. */
function sameExpression(a: BoundExpr, b: BoundExpr): boolean {
  const canonical = (expr: BoundExpr): string =>
    JSON.stringify(expr, (key, value: unknown) => {
      if (key === 'position' || key === 'table') return undefined
      return typeof value === 'bigint' ? `${value}n` : value
    })
  return a === b || canonical(a) === canonical(b)
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
    bindExpression(context, Scope.empty(), node),
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
    position === undefined ? {} : { position },
  )
}
