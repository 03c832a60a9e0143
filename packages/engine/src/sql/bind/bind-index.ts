/**
 * CREATE INDEX binding, PostgreSQL's default index and constraint names, and the binding of a
 * stored index definition (key expressions, partial index predicate) against its table, which
 * index maintenance and the planner both need.
 *
 * Index expressions and predicates must be immutable (42P17), contain no subquery (0A000) and
 * no aggregate (42803), as in PostgreSQL: an index entry must depend on its row alone.
 */
import type { Index, Table } from '../../catalog/index.js'
import { Catalog } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { identifierBytesMax } from '../../limits.js'
import {
  type IndexElem,
  type IndexStmt,
  type Node,
  type RenameStmt,
  SourceText,
  stringOf,
} from '../parse/index.js'
import { BindContext } from './bind-context.js'
import { bindCondition, bindExpression } from './bind-expression.js'
import { bindTableItem } from './bind-select.js'
import type {
  BoundCreateIndex,
  BoundExpr,
  BoundIndexKey,
  BoundRenameIndex,
  ColumnId,
} from './bound.js'
import { requireOwnership } from './privilege-checks.js'
import { Scope } from './scope.js'
import { forEachChild } from './walk.js'

/** Access methods PostgreSQL has that the engine does not (yet): 0A000 rather than 42704. */
const otherAccessMethods: ReadonlySet<string> = new Set(['hash', 'gist', 'gin', 'spgist', 'brin'])

export function bindCreateIndex(context: BindContext, statement: IndexStmt): BoundCreateIndex {
  const relation = statement.relation
  // PostgreSQL reports a missing table here without a position.
  const table = context.getTable(relation?.schemaname, relation?.relname ?? '', undefined)
  requireOwnership(context, table)
  const method = statement.accessMethod ?? 'btree'
  if (method !== 'btree') {
    if (otherAccessMethods.has(method)) {
      throw new SqlError(
        SqlState.featureNotSupported,
        `access method "${method}" is not supported yet`,
      )
    }
    throw new SqlError(SqlState.undefinedObject, `access method "${method}" does not exist`)
  }
  if ((statement.excludeOpNames ?? []).length > 0) throw notYet('exclusion constraints')
  if (statement.tableSpace !== undefined) throw notYet('tablespaces')
  if ((statement.options ?? []).length > 0) throw notYet('index storage parameters')
  const { columns, item } = bindTableItem(context, table, undefined)
  const scope = new Scope([item], undefined)
  const keys = (statement.indexParams ?? []).map((node) =>
    bindIndexElem(context, table, scope, node),
  )
  const include = (statement.indexIncludingParams ?? []).map((node) => {
    const name = 'IndexElem' in node ? node.IndexElem.name : undefined
    if (name === undefined) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'expressions are not supported in included columns',
      )
    }
    return columnIndex(table, name)
  })
  const predicate =
    statement.whereClause === undefined
      ? undefined
      : checkIndexExpression(
          context.withAggregateBan('index predicates', () =>
            bindCondition(context, scope, statement.whereClause as Node, 'WHERE'),
          ),
          'index predicate',
        )
  const schema = table.schema
  const name =
    statement.idxname ??
    chooseIndexName(
      context.catalog,
      schema,
      table.name,
      indexColumnNames(table, statement),
      'idx',
      new Set(),
    )
  return {
    kind: 'CreateIndex',
    table,
    name,
    columns,
    keys,
    include,
    predicate,
    nodes: {
      keys: (statement.indexParams ?? []).map((node) =>
        'IndexElem' in node ? node.IndexElem.expr : undefined,
      ),
      predicate: statement.whereClause,
    },
    isUnique: statement.unique === true,
    nullsNotDistinct: statement.nulls_not_distinct === true,
    ifNotExists: statement.if_not_exists === true,
  }
}

function bindIndexElem(
  context: BindContext,
  table: Table,
  scope: Scope,
  node: Node,
): BoundIndexKey {
  if (!('IndexElem' in node)) throw notYet('this index element')
  const element: IndexElem = node.IndexElem
  if ((element.collation ?? []).length > 0) throw notYet('COLLATE in index definitions')
  if ((element.opclass ?? []).length > 0) throw notYet('operator classes')
  const descending = element.ordering === 'SORTBY_DESC'
  const nullsFirst =
    element.nulls_ordering === 'SORTBY_NULLS_FIRST'
      ? true
      : element.nulls_ordering === 'SORTBY_NULLS_LAST'
        ? false
        : descending
  if (element.name !== undefined) {
    return { column: columnIndex(table, element.name), expr: undefined, descending, nullsFirst }
  }
  if (element.expr === undefined) throw notYet('this index element')
  const expr = checkIndexExpression(
    context.withAggregateBan('index expressions', () =>
      bindExpression(context, scope, element.expr as Node),
    ),
    'index expression',
  )
  // An expression that is just a column is a column key, as PostgreSQL stores it.
  if (expr.kind === 'ColumnRef' && expr.origin !== undefined) {
    return { column: expr.origin.number - 1, expr: undefined, descending, nullsFirst }
  }
  return { column: undefined, expr, descending, nullsFirst }
}

function columnIndex(table: Table, name: string): number {
  const index = table.columns.findIndex((column) => column.name === name)
  if (index < 0) throw new SqlError(SqlState.undefinedColumn, `column "${name}" does not exist`)
  return index
}

/** Refuses what an index expression or predicate may not contain. */
function checkIndexExpression(expr: BoundExpr, what: string): BoundExpr {
  const visit = (node: BoundExpr): void => {
    if (node.kind === 'SubLink') {
      throw new SqlError(SqlState.featureNotSupported, `cannot use subquery in ${what}`)
    }
    if (node.kind === 'Call' && node.callee.volatility !== 'immutable') {
      throw new SqlError(
        SqlState.invalidObjectDefinition,
        `functions in ${what} must be marked IMMUTABLE`,
      )
    }
    if (node.kind === 'Call' && node.callee.routine !== undefined) {
      throw new SqlError(
        SqlState.featureNotSupported,
        `user-defined functions in ${what}s are not supported yet`,
      )
    }
    forEachChild(node, visit)
  }
  visit(expr)
  return expr
}

/**
 * PostgreSQL's column part of a default index name: column names, and for expressions the
 * function's name (`lower`), a cast's argument or type, or `expr`.
 */
function indexColumnNames(table: Table, statement: IndexStmt): string[] {
  const names: string[] = []
  const elements = [...(statement.indexParams ?? []), ...(statement.indexIncludingParams ?? [])]
  for (const node of elements) {
    if (!('IndexElem' in node)) continue
    const element = node.IndexElem
    names.push(element.name ?? figureName(element.expr) ?? 'expr')
  }
  void table
  return names
}

function figureName(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined
  if ('ColumnRef' in node) {
    const fields = node.ColumnRef.fields ?? []
    return stringOf(fields[fields.length - 1])
  }
  if ('FuncCall' in node) {
    const names = node.FuncCall.funcname ?? []
    return stringOf(names[names.length - 1])
  }
  if ('TypeCast' in node) {
    const inner = figureName(node.TypeCast.arg)
    if (inner !== undefined) return inner
    const names = node.TypeCast.typeName?.names ?? []
    return stringOf(names[names.length - 1])
  }
  return undefined
}

/**
 * PostgreSQL's ChooseRelationName: `<table>_<columns>_<label>`, each part truncated so the name
 * fits an identifier, then `<label>1`, `<label>2`, ... until the name is free in the schema and
 * not in `taken` (names chosen earlier in the same statement).
 */
export function chooseIndexName(
  catalog: Catalog,
  schema: string,
  table: string,
  columns: readonly string[],
  label: string,
  taken: ReadonlySet<string>,
): string {
  const columnPart = uniqueColumnNames(columns).join('_')
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const suffix = attempt === 0 ? label : `${label}${attempt}`
    const name = makeObjectName(table, columnPart, suffix)
    if (!catalog.hasRelation(schema, name) && !taken.has(name)) return name
  }
  throw new SqlError(SqlState.duplicateTable, `could not choose a name for an index on "${table}"`)
}

/** A column repeated in an index gets a number, as PostgreSQL's ChooseIndexColumnNames does
 * (`a`, `a1`), and the joined names stop growing once they pass an identifier's length. */
function uniqueColumnNames(columns: readonly string[]): string[] {
  const out: string[] = []
  let length = 0
  for (const column of columns) {
    let name = column
    for (let n = 1; out.includes(name); n++) name = `${column}${n}`
    if (length > 0 && length >= identifierBytesMax) break
    out.push(name)
    length += Buffer.byteLength(name) + (out.length > 1 ? 1 : 0)
  }
  return out
}

/** PostgreSQL's makeObjectName: name1_name2_label, shortening the longer of name1 and name2
 * until it fits an identifier. */
function makeObjectName(name1: string, name2: string, label: string): string {
  const overhead = Buffer.byteLength(label) + 1 + (name2 === '' ? 0 : 1)
  let first = name1
  let second = name2
  const room = identifierBytesMax - overhead
  while (Buffer.byteLength(first) + Buffer.byteLength(second) > room) {
    if (Buffer.byteLength(first) > Buffer.byteLength(second)) first = first.slice(0, -1)
    else second = second.slice(0, -1)
  }
  return second === '' ? `${first}_${label}` : `${first}_${second}_${label}`
}

/** A stored index definition bound against its table: columns numbered by the table's column
 * positions (column i is ColumnId i + 1), so callers map them onto their own scan's ids. */
export interface BoundIndexDefinition {
  /** One per key: the column's reference, or the bound expression. */
  readonly keys: readonly BoundExpr[]
  readonly predicate: BoundExpr | undefined
  /** ColumnId of table column i: columns[i]. */
  readonly columns: readonly ColumnId[]
}

const definitions = new WeakMap<Table, Map<number, BoundIndexDefinition>>()

/** Binds (once per table definition) the keys and predicate of one of its indexes. */
export function bindIndexDefinition(table: Table, index: Index): BoundIndexDefinition {
  let perTable = definitions.get(table)
  if (perTable === undefined) {
    perTable = new Map()
    definitions.set(table, perTable)
  }
  const cached = perTable.get(index.oid)
  if (cached !== undefined) return cached
  // Stored expressions name only the table's columns and built-in functions and types.
  const context = new BindContext(Catalog.empty(), new SourceText(''))
  const { columns, item } = bindTableItem(context, table, undefined)
  const scope = new Scope([item], undefined)
  const keys = index.keys.map((key): BoundExpr => {
    if (key.column !== undefined) {
      const column = table.columns[key.column]
      const id = columns[key.column]
      if (column === undefined || id === undefined) {
        throw new SqlError(SqlState.internalError, `index "${index.name}" names a missing column`)
      }
      return {
        kind: 'ColumnRef',
        type: column.type,
        column: id,
        name: column.name,
        origin: { table, number: column.number },
      }
    }
    if (key.expression === undefined) {
      throw new SqlError(SqlState.internalError, `index "${index.name}" has an empty key`)
    }
    return bindExpression(context, scope, key.expression.node)
  })
  const predicate =
    index.predicate === undefined
      ? undefined
      : bindCondition(context, scope, index.predicate.node, 'WHERE')
  const definition: BoundIndexDefinition = { keys, predicate, columns }
  perTable.set(index.oid, definition)
  return definition
}

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} are not supported yet`)
}

/** ALTER INDEX [IF EXISTS] name RENAME TO new_name (the primary key's index too). */
export function bindRenameIndex(context: BindContext, statement: RenameStmt): BoundRenameIndex {
  const relation = statement.relation
  const schema = relation?.schemaname
  const name = relation?.relname ?? ''
  const newName = statement.newname ?? ''
  const found = context.findRelation(schema, name)
  const shown = schema === undefined ? name : `${schema}.${name}`
  if (found === undefined) {
    if (statement.missing_ok === true) {
      return {
        kind: 'RenameIndex',
        entry: undefined,
        newName,
        missingNotice: `relation "${shown}" does not exist, skipping`,
      }
    }
    throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
  }
  if (found.kind !== 'index') {
    throw new SqlError(SqlState.wrongObjectType, `"${name}" is not an index`)
  }
  if (context.catalog.hasRelation(found.schema, newName)) {
    throw new SqlError(SqlState.duplicateTable, `relation "${newName}" already exists`)
  }
  return { kind: 'RenameIndex', entry: found, newName, missingNotice: undefined }
}
