/**
 * CHECK constraints: the condition checked once when the constraint is defined (CREATE TABLE,
 * ALTER TABLE ... ADD), with PostgreSQL's errors (0A000 subquery, 42803 aggregate, 42P20 window
 * function, 42804 not boolean), stored as StoredExpression; and bound anew over a table's
 * columns when rows are written or validated (`bindTableChecks`). Unnamed constraints are named
 * as PostgreSQL names them: `<table>_<column>_check` for a column constraint or a table
 * constraint reading one column, `<table>_check` otherwise, with a number appended while taken.
 */
import type { Catalog, SearchPath, StoredExpression, Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { identifierBytesMax, nameAttemptsMax } from '../../limits.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import { type Constraint, SourceText } from '../parse/index.js'
import {
  draftRowScope,
  findRawNode,
  findRawNodes,
  positioned,
  stored,
  tableRowScope,
} from './bind-column-expressions.js'
import { BindContext } from './bind-context.js'
import { bindExpression, convertType } from './bind-expression.js'
import type { BoundExpr, ColumnId } from './bound.js'

/** A CHECK constraint as defined, before it gets its OID. */
export interface CheckDraft {
  readonly name: string
  readonly expression: StoredExpression
  readonly isValidated: boolean
}

/**
 * Checks a CHECK constraint's condition over `columns` and names it (`column`: the column of a
 * column constraint). `taken` says whether a constraint name is in use on the table.
 */
export function bindCheckConstraint(
  context: BindContext,
  constraint: Constraint,
  table: string,
  columns: readonly { readonly name: string; readonly type: SqlType }[],
  column: string | undefined,
  taken: (name: string) => boolean,
  end: number | undefined,
  duplicateMessage: (name: string) => string,
): CheckDraft {
  const node = constraint.raw_expr
  if (node === undefined) throw new SqlError(SqlState.internalError, 'CHECK without condition')
  const subquery = findRawNode(node, ['SubLink'])
  if (subquery !== undefined) {
    throw positioned(
      new SqlError(SqlState.featureNotSupported, 'cannot use subquery in check constraint'),
      context.position(subquery.location),
    )
  }
  const bound = context.withAggregateBan('check constraints', () =>
    bindExpression(context, draftRowScope(context, table, columns), node),
  )
  asBoolean(context, bound, context.position(firstLocation(node)))
  let name = constraint.conname
  if (name === undefined) {
    const referenced = new Set(findRawNodes(node, 'ColumnRef').map((found) => lastField(found)))
    const [only] = referenced
    const label = column ?? (referenced.size === 1 ? only : undefined)
    name = chooseConstraintName(label === undefined ? table : `${table}_${label}`, 'check', taken)
  } else if (taken(name)) {
    throw new SqlError(SqlState.duplicateObject, duplicateMessage(name))
  }
  return {
    name,
    expression: stored(context.source, node, end),
    isValidated: constraint.skip_validation !== true,
  }
}

/** The table's CHECK constraints bound for execution (sql/execute/table-checks.ts), over
 * new column ids (`columns`, in column order). */
export function bindStoredChecks(
  catalog: Catalog,
  searchPath: SearchPath,
  table: Table,
): {
  readonly columns: readonly ColumnId[]
  readonly checks: readonly { readonly name: string; readonly condition: BoundExpr }[]
} {
  const context = new BindContext(catalog, new SourceText(''), undefined, {
    searchPath,
    user: 'postgres',
  })
  const columns = table.columns.map(() => context.newColumn())
  return { columns, checks: bindTableChecks(context, table, columns) }
}

/** The CHECK constraints of `table` bound over its columns (`columns`: the ids of a row of the
 * table, in column order), in the order PostgreSQL evaluates them (by name). */
export function bindTableChecks(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
): { readonly name: string; readonly condition: BoundExpr }[] {
  const scope = tableRowScope(context, table, columns)
  return [...table.checks]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((check) => ({
      name: check.name,
      condition: asBoolean(
        context,
        bindExpression(context, scope, check.expression.node),
        undefined,
      ),
    }))
}

/** The condition as boolean, or 42804 `argument of <what> must be type boolean` (CHECK,
 * POLICY). */
export function asBoolean(
  context: BindContext,
  bound: BoundExpr,
  position: number | undefined,
  what = 'CHECK',
): BoundExpr {
  const converted = convertType(context, bound, sqlTypes.bool, 'implicit', position)
  if (converted !== undefined) return converted
  throw positioned(
    new SqlError(
      SqlState.datatypeMismatch,
      `argument of ${what} must be type boolean, not type ${bound.type.displayName}`,
    ),
    position,
  )
}

function lastField(found: { readonly node: unknown }): string {
  const fields = (found.node as { fields?: unknown[] }).fields ?? []
  const last = fields[fields.length - 1] as { String?: { sval?: string } } | undefined
  return last?.String?.sval ?? '*'
}

function firstLocation(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined
  for (const value of Object.values(node)) {
    const location = (value as { location?: unknown } | null)?.location
    if (typeof location === 'number') return location
  }
  return undefined
}

/** `<base>_<suffix>`, shortened to fit an identifier, with 1, 2, ... appended to the base while
 * the name is taken (PostgreSQL's ChooseConstraintName). */
export function chooseConstraintName(
  base: string,
  suffix: string,
  taken: (name: string) => boolean,
): string {
  for (let attempt = 0; attempt <= nameAttemptsMax; attempt++) {
    const extra = attempt === 0 ? '' : String(attempt)
    const room = identifierBytesMax - suffix.length - 1 - extra.length
    let head = base
    while (Buffer.byteLength(head) > room) head = head.slice(0, -1)
    const name = `${head}_${suffix}${extra}`
    if (!taken(name)) return name
  }
  throw new SqlError(
    SqlState.duplicateObject,
    `could not choose a name for constraint of "${base}"`,
  )
}
