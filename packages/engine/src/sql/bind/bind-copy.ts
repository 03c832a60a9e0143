/**
 * COPY: binds `COPY table [(columns)] FROM STDIN | 'file'` and `COPY table [(columns)] | (query)
 * TO STDOUT | 'file'` with PostgreSQL 15's checks and errors. The session runs them (they stream
 * data through a CopyHandler, sql/execute/copy/): COPY FROM stores rows through the bound
 * `INSERT INTO table (columns) VALUES ($1, ...)` (defaults, identity, generated columns,
 * constraints and foreign keys as INSERT has them), COPY TO runs the bound SELECT.
 */

import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'
import type { CopyStmt, InsertStmt, Node, RangeVar } from '../parse/index.js'
import { BindContext } from './bind-context.js'
import { bindInsert } from './bind-insert.js'
import { bindSelect } from './bind-select.js'
import type { BoundInsert, BoundSelect } from './bound.js'
import { bindCopyOptions, type CopyColumnSet, type CopyOptions } from './copy-options.js'

/** Where COPY's data comes from or goes: the client (STDIN / STDOUT) or a server file. */
export type CopyEndpoint =
  | { readonly kind: 'Client' }
  | { readonly kind: 'File'; readonly path: string }

export interface BoundCopyFrom {
  readonly kind: 'CopyFrom'
  readonly table: Table
  /** `INSERT INTO table (columns) VALUES ($1, ...)`: what stores each row. */
  readonly insert: BoundInsert
  /** The data's columns, in order: names and types. */
  readonly columnNames: readonly string[]
  readonly columnTypes: readonly SqlType[]
  /** Per data column: FORCE_NOT_NULL / FORCE_NULL apply (CSV). */
  readonly forceNotNull: readonly boolean[]
  readonly forceNull: readonly boolean[]
  readonly options: CopyOptions
  readonly source: CopyEndpoint
}

export interface BoundCopyTo {
  readonly kind: 'CopyTo'
  readonly query: BoundSelect
  readonly columnNames: readonly string[]
  readonly columnTypes: readonly SqlType[]
  /** Per column: FORCE_QUOTE applies (CSV). */
  readonly forceQuote: readonly boolean[]
  readonly options: CopyOptions
  readonly target: CopyEndpoint
}

export function bindCopy(context: BindContext, copy: CopyStmt): BoundCopyFrom | BoundCopyTo {
  const isFrom = copy.is_from === true
  const options = bindCopyOptions(copy.options ?? [], isFrom, (location) =>
    context.position(location),
  )
  const endpoint = bindEndpoint(context, copy, isFrom)
  if (copy.whereClause !== undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'COPY FROM ... WHERE is not supported yet')
  }
  if (isFrom) return bindCopyFrom(context, copy, options, endpoint)
  return bindCopyTo(context, copy, options, endpoint)
}

function bindEndpoint(context: BindContext, copy: CopyStmt, isFrom: boolean): CopyEndpoint {
  const path = copy.filename
  if (path === undefined) return { kind: 'Client' }
  const isSuperuser = context.catalog.findRole(context.user)?.isSuperuser === true
  if (copy.is_program === true) {
    if (!isSuperuser) {
      throw new SqlError(
        SqlState.insufficientPrivilege,
        'must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program',
        {
          hint: "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.",
        },
      )
    }
    throw new SqlError(
      SqlState.featureNotSupported,
      'COPY ... PROGRAM is not supported: bkg-db does not run server programs',
      { hint: 'Use COPY ... FROM STDIN / TO STDOUT (psql: \\copy).' },
    )
  }
  if (!isSuperuser) {
    throw new SqlError(
      SqlState.insufficientPrivilege,
      isFrom
        ? 'must be superuser or have privileges of the pg_read_server_files role to COPY from a file'
        : 'must be superuser or have privileges of the pg_write_server_files role to COPY to a file',
      {
        hint: "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.",
      },
    )
  }
  if (!path.startsWith('/')) {
    throw new SqlError(
      SqlState.invalidName,
      isFrom
        ? 'relative path not allowed for COPY from file'
        : 'relative path not allowed for COPY to file',
    )
  }
  return { kind: 'File', path }
}

function relationOf(context: BindContext, relation: RangeVar, isFrom: boolean): Table {
  const found = context.findRelation(relation.schemaname, relation.relname ?? '')
  if (found !== undefined && found.kind !== 'table') {
    const kind = found.kind === 'view' ? 'view' : found.kind
    throw new SqlError(
      SqlState.wrongObjectType,
      isFrom
        ? `cannot copy to ${kind} "${found.name}"`
        : `cannot copy from ${kind} "${found.name}"`,
      found.kind === 'view'
        ? {
            hint: isFrom
              ? 'To enable copying to a view, provide an INSTEAD OF INSERT trigger.'
              : 'Try the COPY (SELECT ...) TO variant.',
          }
        : {},
    )
  }
  return context.getTable(relation.schemaname, relation.relname ?? '', relation.location)
}

/** The COPY's column names: the list given, else every column that is not generated. */
function columnNamesOf(copy: CopyStmt, table: Table): string[] {
  const list = copy.attlist ?? []
  if (list.length === 0) {
    return table.columns.filter((column) => column.generated === undefined).map((c) => c.name)
  }
  const names: string[] = []
  for (const item of list) {
    const name = 'String' in item ? (item.String.sval ?? '') : ''
    const column = table.columns.find((c) => c.name === name)
    if (column === undefined) {
      throw new SqlError(
        SqlState.undefinedColumn,
        `column "${name}" of relation "${table.name}" does not exist`,
      )
    }
    if (column.generated !== undefined) {
      throw new SqlError(
        SqlState.invalidColumnReference,
        `column "${name}" is a generated column`,
        { detail: 'Generated columns cannot be used in COPY.' },
      )
    }
    if (names.includes(name)) {
      throw new SqlError(SqlState.duplicateColumn, `column "${name}" specified more than once`)
    }
    names.push(name)
  }
  return names
}

/** Per column: whether a FORCE_* option names it (42P10 for a column not in the COPY). */
function forced(
  set: CopyColumnSet | undefined,
  names: readonly string[],
  option: string,
): boolean[] {
  if (set === undefined) return names.map(() => false)
  if (set.kind === 'All') return names.map(() => true)
  for (const name of set.names) {
    if (!names.includes(name)) {
      throw new SqlError(
        SqlState.invalidColumnReference,
        `${option} column "${name}" not referenced by COPY`,
      )
    }
  }
  return names.map((name) => set.names.includes(name))
}

function bindCopyFrom(
  context: BindContext,
  copy: CopyStmt,
  options: CopyOptions,
  source: CopyEndpoint,
): BoundCopyFrom {
  const relation = copy.relation
  if (relation === undefined) {
    throw new SqlError(SqlState.syntaxError, 'COPY FROM needs a table')
  }
  const table = relationOf(context, relation, true)
  const names = columnNamesOf(copy, table)
  // The INSERT is bound in a context of its own: its $n are COPY's fields, not parameters of
  // the COPY statement (which has none).
  const insertContext = new BindContext(context.catalog, context.source, context.typeContext, {
    searchPath: context.searchPath,
    user: context.user,
    sessionUser: context.sessionUser,
  })
  const insertNode: InsertStmt = {
    relation: { ...relation, schemaname: table.schema, relname: table.name },
    cols: names.map((name) => ({ ResTarget: { name } })),
    selectStmt: {
      SelectStmt: {
        valuesLists: [
          { List: { items: names.map((_, index) => ({ ParamRef: { number: index + 1 } })) } },
        ],
        limitOption: 'LIMIT_OPTION_DEFAULT',
        op: 'SETOP_NONE',
      },
    },
    // COPY writes identity columns it is given, as PostgreSQL's COPY does.
    override: 'OVERRIDING_SYSTEM_VALUE',
  }
  const insert = bindInsert(insertContext, insertNode)
  const columnTypes = names.map((name) => {
    const column = table.columns.find((c) => c.name === name)
    if (column === undefined) throw new SqlError(SqlState.internalError, 'COPY column exists')
    return column.type
  })
  return {
    kind: 'CopyFrom',
    table,
    insert,
    columnNames: names,
    columnTypes,
    forceNotNull: forced(options.forceNotNull, names, 'FORCE_NOT_NULL'),
    forceNull: forced(options.forceNull, names, 'FORCE_NULL'),
    options,
    source,
  }
}

function bindCopyTo(
  context: BindContext,
  copy: CopyStmt,
  options: CopyOptions,
  target: CopyEndpoint,
): BoundCopyTo {
  let query: BoundSelect
  if (copy.query !== undefined) {
    if (!('SelectStmt' in copy.query)) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'COPY (query) TO supports SELECT and VALUES queries only',
      )
    }
    if ((copy.attlist ?? []).length > 0) {
      throw new SqlError(SqlState.syntaxError, 'COPY (query) does not take a column list')
    }
    query = bindSelect(context, copy.query.SelectStmt)
  } else {
    const relation = copy.relation
    if (relation === undefined) throw new SqlError(SqlState.syntaxError, 'COPY TO needs a table')
    const table = relationOf(context, relation, false)
    const names = columnNamesOf(copy, table)
    const select: Node = {
      SelectStmt: {
        targetList: names.map((name) => ({
          ResTarget: { val: { ColumnRef: { fields: [{ String: { sval: name } }] } } },
        })),
        fromClause: [
          { RangeVar: { ...relation, schemaname: table.schema, relname: table.name, inh: true } },
        ],
        limitOption: 'LIMIT_OPTION_DEFAULT',
        op: 'SETOP_NONE',
      },
    }
    query = bindSelect(
      context,
      (select as { SelectStmt: Parameters<typeof bindSelect>[1] }).SelectStmt,
    )
  }
  const columnNames = query.output.map((column) => column.name)
  return {
    kind: 'CopyTo',
    query,
    columnNames,
    columnTypes: query.output.map((column) => column.type),
    forceQuote: forced(options.forceQuote, columnNames, 'FORCE_QUOTE'),
    options,
    target,
  }
}
