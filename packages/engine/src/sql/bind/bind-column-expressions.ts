/**
 * Column expressions: DEFAULT and GENERATED ALWAYS AS (...) STORED, checked at CREATE TABLE with
 * PostgreSQL's errors and stored as StoredExpression (the AST without locations, and its text),
 * then bound anew by every INSERT and UPDATE that needs them (`bindColumnDefault`,
 * `bindGeneratedColumns`). Serial and identity columns draw from a sequence: their defaults are
 * nextval calls (`serialDefault`, `identityDefault`).
 *
 * A default may not read columns or run subqueries; a generation expression reads the row's
 * other columns (not generated ones) and must be immutable, since it is computed once when the
 * row is written.
 */
import {
  type Column,
  type StoredExpression,
  type Table,
  withoutLocations,
} from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'
import { type Node, parseSql, type SourceText } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindExpression, convertType } from './bind-expression.js'
import type { BoundExpr, ColumnId } from './bound.js'
import { Scope, type ScopeItem } from './scope.js'
import { forEachChild } from './walk.js'

/** What a DEFAULT or generation expression of a column being defined needs to know. */
export interface ColumnDraftInfo {
  readonly name: string
  readonly type: SqlType
}

/**
 * DEFAULT expr at CREATE TABLE: no column references (0A000), no subqueries (0A000), no
 * aggregates (42803), coercible to the column type by assignment (42804), constants read now.
 */
export function checkDefaultExpression(
  context: BindContext,
  node: Node,
  column: ColumnDraftInfo,
  end: number | undefined,
): StoredExpression {
  const found = findRawNode(node, ['ColumnRef', 'SubLink'])
  if (found !== undefined) {
    const what = found.tag === 'ColumnRef' ? 'column reference' : 'subquery'
    throw positioned(
      new SqlError(SqlState.featureNotSupported, `cannot use ${what} in DEFAULT expression`),
      context.position(found.location),
    )
  }
  const bound = context.withAggregateBan('DEFAULT expressions', () =>
    bindExpression(context, Scope.empty(), node),
  )
  coerceToColumn(context, bound, column)
  return stored(context.source, node, end)
}

/**
 * GENERATED ALWAYS AS (expr) STORED at CREATE TABLE: reads other columns of the row
 * (`columns`, generated ones refused with 42P17), no subqueries, no aggregates, immutable
 * (42P17), coercible to the column type.
 */
export function checkGenerationExpression(
  context: BindContext,
  node: Node,
  column: ColumnDraftInfo,
  columns: readonly (ColumnDraftInfo & { readonly isGenerated: boolean })[],
  end: number | undefined,
): StoredExpression {
  const subquery = findRawNode(node, ['SubLink'])
  if (subquery !== undefined) {
    throw positioned(
      new SqlError(
        SqlState.featureNotSupported,
        'cannot use subquery in column generation expression',
      ),
      context.position(subquery.location),
    )
  }
  for (const reference of findRawNodes(node, 'ColumnRef')) {
    const fields = (reference.node as { fields?: Node[] }).fields ?? []
    const last = fields[fields.length - 1]
    const name = last !== undefined && 'String' in last ? (last.String.sval ?? '') : ''
    if (columns.some((c) => c.isGenerated && c.name === name)) {
      throw positioned(
        new SqlError(
          SqlState.invalidObjectDefinition,
          `cannot use generated column "${name}" in column generation expression`,
          { detail: 'A generated column cannot reference another generated column.' },
        ),
        context.position(reference.location),
      )
    }
  }
  const bound = context.withAggregateBan('column generation expressions', () =>
    bindExpression(context, draftRowScope(context, undefined, columns), node),
  )
  if (!isImmutable(bound)) {
    throw new SqlError(SqlState.invalidObjectDefinition, 'generation expression is not immutable')
  }
  coerceToColumn(context, bound, column)
  return stored(context.source, node, end)
}

/** The DEFAULT of a serial column: nextval('<sequence>'::regclass), qualified when stored (so a
 * search_path change cannot make it miss), shown as PostgreSQL shows it. */
export function serialDefault(
  schema: string,
  sequence: string,
  shownName: string,
): StoredExpression {
  const literal = `${quoteName(schema)}.${quoteName(sequence)}`.replaceAll("'", "''")
  return {
    node: expressionNode(`nextval('${literal}'::regclass)`),
    text: `nextval('${shownName.replaceAll("'", "''")}'::regclass)`,
  }
}

/** The value an identity column takes by default: nextval of its sequence, by OID. */
export function identityDefault(context: BindContext, sequenceOid: number): BoundExpr {
  return bindExpression(context, Scope.empty(), expressionNode(`nextval(${sequenceOid}::regclass)`))
}

/** A column's default for INSERT and UPDATE ... SET c = DEFAULT: its DEFAULT expression or
 * identity sequence, coerced to its type; NULL when it has none. */
export function bindColumnDefault(context: BindContext, column: Column): BoundExpr {
  if (column.identity !== undefined) {
    return coerceToColumn(context, identityDefault(context, column.identity.sequence), column)
  }
  if (column.default === undefined) return { kind: 'Constant', type: column.type, value: null }
  const bound = bindExpression(context, Scope.empty(), column.default.node)
  return coerceToColumn(context, bound, column)
}

/** Generated columns of `table` with their expressions over the row's columns (`columns`, the
 * ids of a scan of the table in column order): computed after the other values are known. */
export function bindGeneratedColumns(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
): { readonly column: number; readonly expr: BoundExpr }[] {
  const generated: { column: number; expr: BoundExpr }[] = []
  const scope = tableRowScope(context, table, columns)
  table.columns.forEach((column, index) => {
    if (column.generated === undefined) return
    const bound = bindExpression(context, scope, column.generated.node)
    generated.push({ column: index, expr: coerceToColumn(context, bound, column) })
  })
  return generated
}

/** The expression as a value of the column's type (assignment casts); 42804 as PostgreSQL
 * words it for defaults and generation expressions. */
export function coerceToColumn(
  context: BindContext,
  bound: BoundExpr,
  column: ColumnDraftInfo,
): BoundExpr {
  const converted = convertType(context, bound, column.type, 'assignment', undefined)
  if (converted !== undefined) return converted
  throw new SqlError(
    SqlState.datatypeMismatch,
    `column "${column.name}" is of type ${column.type.displayName} but default expression is of type ${bound.type.displayName}`,
    { hint: 'You will need to rewrite or cast the expression.' },
  )
}

/** Types whose text output depends on no setting: `text || value` of them is immutable once
 * PostgreSQL inlines textanycat into a cast and textcat (its check sees the inlined form). */
const settingFreeOutput: ReadonlySet<string> = new Set([
  'int2',
  'int4',
  'int8',
  'numeric',
  'text',
  'varchar',
  'bpchar',
  'name',
  'bool',
  'uuid',
  'oid',
])

/** Whether every function and operator the expression calls is immutable. */
function isImmutable(expr: BoundExpr): boolean {
  let immutable = true
  const visit = (node: BoundExpr): void => {
    const isInlinedConcat =
      node.kind === 'Call' &&
      node.isOperator &&
      node.name === '||' &&
      node.args.every((arg) => settingFreeOutput.has(arg.type.kind))
    if (node.kind === 'Call' && node.callee.volatility !== 'immutable' && !isInlinedConcat) {
      immutable = false
    }
    if (immutable) forEachChild(node, visit)
  }
  visit(expr)
  return immutable
}

export function stored(source: SourceText, node: Node, end: number | undefined): StoredExpression {
  return { node: withoutLocations(node), text: expressionText(source, node, end) }
}

/**
 * The expression as written: from its first location up to `end` (where the next clause
 * starts) or to the first top-level comma or unbalanced parenthesis; whitespace trimmed.
 */
function expressionText(source: SourceText, node: Node, end: number | undefined): string {
  const start = firstLocation(node)
  if (start === undefined) return ''
  const text = source.slice(start, end)
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i)
    if (quote !== undefined) {
      if (char === quote) quote = undefined
      continue
    }
    if (char === "'" || char === '"') quote = char
    else if (char === '(') depth++
    else if (char === ')') {
      if (depth === 0) return text.slice(0, i).trim()
      depth--
    } else if (char === ',' && depth === 0) return text.slice(0, i).trim()
  }
  return text.trim()
}

/** The smallest location in a raw AST (where its text starts). */
function firstLocation(node: unknown): number | undefined {
  let first: number | undefined
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'location' && typeof child === 'number' && child >= 0) {
          if (first === undefined || child < first) first = child
        } else visit(child)
      }
    }
  }
  visit(node)
  return first
}

interface RawFound {
  readonly tag: string
  readonly node: unknown
  readonly location: number | undefined
}

/** The first node with one of these tags in a raw AST, in document order of the walk. */
export function findRawNode(node: unknown, tags: readonly string[]): RawFound | undefined {
  for (const tag of tags) {
    const [found] = findRawNodes(node, tag)
    if (found !== undefined) return found
  }
  return undefined
}

/** Every node with this tag in a raw AST (the AST of one expression: bounded by its size). */
export function findRawNodes(node: unknown, tag: string): RawFound[] {
  const found: RawFound[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (typeof value !== 'object' || value === null) return
    for (const [key, child] of Object.entries(value)) {
      if (key === tag && typeof child === 'object' && child !== null) {
        const location = (child as { location?: unknown }).location
        found.push({
          tag,
          node: child,
          location: typeof location === 'number' ? location : undefined,
        })
      }
      visit(child)
    }
  }
  visit(node)
  return found
}

/** One expression parsed from SQL text this module writes itself. */
function expressionNode(sql: string): Node {
  const [statement] = parseSql(`SELECT ${sql}`)
  const node = statement?.node
  const target =
    node !== undefined && 'SelectStmt' in node ? node.SelectStmt.targetList?.[0] : undefined
  const value = target !== undefined && 'ResTarget' in target ? target.ResTarget.val : undefined
  if (value === undefined) throw new SqlError(SqlState.internalError, `cannot parse ${sql}`)
  return withoutLocations(value)
}

function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`
}

export function positioned(error: SqlError, position: number | undefined): SqlError {
  return position === undefined ? error : error.withPosition(position)
}

/** The scope of an expression over a row being defined (CREATE TABLE's columns): each column
 * under a fresh id, no table yet. */
export function draftRowScope(
  context: BindContext,
  reference: string | undefined,
  columns: readonly { readonly name: string; readonly type: SqlType }[],
): Scope {
  const item: ScopeItem = {
    reference,
    table: undefined,
    columns: columns.map((c) => ({
      name: c.name,
      type: c.type,
      column: context.newColumn(),
      origin: undefined,
    })),
    children: [],
  }
  return new Scope([item], undefined)
}

/** The scope of an expression over a stored row of `table` whose columns a scan carries as
 * `columns` (in column order; missing ones get fresh ids). */
export function tableRowScope(
  context: BindContext,
  table: Table,
  columns: readonly ColumnId[],
): Scope {
  const item: ScopeItem = {
    reference: table.name,
    table,
    columns: table.columns.map((c, i) => ({
      name: c.name,
      type: c.type,
      column: columns[i] ?? context.newColumn(),
      origin: { table, number: c.number },
    })),
    children: [],
  }
  return new Scope([item], undefined)
}
