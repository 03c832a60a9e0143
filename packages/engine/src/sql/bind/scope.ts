/**
 * Name scope of a query: the columns an expression may reference, with the table (and alias)
 * each comes from. Lookups raise PostgreSQL's errors: 42703 for unknown columns, 42702 for
 * ambiguous ones, 42P01 for an unknown table qualifier.
 */
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'

export interface ScopeColumn {
  readonly name: string
  readonly type: SqlType
  /** Position in the input row. */
  readonly index: number
  readonly table: Table | undefined
  /** The name the table is referenced by in this query (its alias, or its name). */
  readonly tableReference: string | undefined
}

export class Scope {
  readonly columns: readonly ScopeColumn[]

  constructor(columns: readonly ScopeColumn[]) {
    this.columns = columns
  }

  static empty(): Scope {
    return new Scope([])
  }

  static ofTable(table: Table, alias: string | undefined): Scope {
    const reference = alias ?? table.name
    return new Scope(
      table.columns.map((column, index) => ({
        name: column.name,
        type: column.type,
        index,
        table,
        tableReference: reference,
      })),
    )
  }

  hasTableReference(name: string): boolean {
    return this.columns.some((column) => column.tableReference === name)
  }

  /** The error for `qualifier.x` when no FROM item is called `qualifier`: if a table of that name
   * is in FROM under an alias, PostgreSQL says so. */
  unknownQualifier(qualifier: string, at: { position?: number }): SqlError {
    const aliased = this.columns.find((column) => column.table?.name === qualifier)
    if (aliased?.tableReference !== undefined) {
      return new SqlError(
        SqlState.undefinedTable,
        `invalid reference to FROM-clause entry for table "${qualifier}"`,
        {
          ...at,
          hint: `Perhaps you meant to reference the table alias "${aliased.tableReference}".`,
        },
      )
    }
    return new SqlError(
      SqlState.undefinedTable,
      `missing FROM-clause entry for table "${qualifier}"`,
      at,
    )
  }

  /** Resolves `name` or `qualifier.name`; `position` is 1-based for the error. */
  resolve(qualifier: string | undefined, name: string, position: number | undefined): ScopeColumn {
    const at = position === undefined ? {} : { position }
    if (qualifier !== undefined && !this.hasTableReference(qualifier))
      throw this.unknownQualifier(qualifier, at)
    const matches = this.columns.filter(
      (column) =>
        column.name === name && (qualifier === undefined || column.tableReference === qualifier),
    )
    if (matches.length > 1) {
      throw new SqlError(SqlState.ambiguousColumn, `column reference "${name}" is ambiguous`, at)
    }
    const match = matches[0]
    if (match !== undefined) return match
    const shown = qualifier === undefined ? `"${name}"` : `${qualifier}.${name}`
    throw new SqlError(SqlState.undefinedColumn, `column ${shown} does not exist`, at)
  }
}
