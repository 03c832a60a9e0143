/**
 * Name scope of a query level: the FROM items an expression may reference, and the enclosing
 * query's scope for correlated references. Lookups follow PostgreSQL: an unqualified name must
 * match exactly one visible column (42702 when ambiguous, 42703 when none, also not in an
 * enclosing query); a qualified name finds the FROM item by alias or table name (42P01 with
 * PostgreSQL's hints). A JOIN ... USING / NATURAL item shows the join columns once, merged; its
 * sides stay reachable by qualified names unless the join itself has an alias.
 */
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'
import type { BoundExpr, ColumnId, ColumnOrigin } from './bound.js'
import { noteColumnRead } from './privilege-checks.js'

export interface ScopeColumn {
  readonly name: string
  readonly type: SqlType
  readonly column: ColumnId
  readonly origin: ColumnOrigin | undefined
  /** A merged USING column of a FULL join is COALESCE(left, right): this expression. */
  readonly expr?: BoundExpr
}

export interface ScopeItem {
  /** Alias, or table name; undefined for a join without alias. */
  readonly reference: string | undefined
  readonly table: Table | undefined
  /** Visible columns, in `*` order. */
  readonly columns: readonly ScopeColumn[]
  /** An unaliased join's sides, reachable by qualified names. */
  readonly children: readonly ScopeItem[]
}

/** A column found by a lookup, and how many query levels up (0: this query). */
export interface ResolvedColumn {
  readonly column: ScopeColumn
  readonly levelsUp: number
}

export class Scope {
  readonly items: readonly ScopeItem[]
  readonly parent: Scope | undefined
  /** FROM items of this query level that this part of it cannot see: the items left of a comma,
   * for a JOIN's ON condition. Only error messages read them. */
  readonly hidden: readonly ScopeItem[]

  constructor(
    items: readonly ScopeItem[],
    parent: Scope | undefined,
    hidden: readonly ScopeItem[] = [],
  ) {
    this.items = items
    this.parent = parent
    this.hidden = hidden
  }

  static empty(parent?: Scope): Scope {
    return new Scope([], parent)
  }

  /** This scope with one more FROM item. */
  with(item: ScopeItem): Scope {
    return new Scope([...this.items, item], this.parent, this.hidden)
  }

  /** Every visible column, in `*` order. */
  get columns(): ScopeColumn[] {
    return this.items.flatMap((item) => item.columns)
  }

  /** The FROM item called `reference` in this query level (searching unaliased joins). */
  findItem(reference: string): ScopeItem | undefined {
    const search = (items: readonly ScopeItem[]): ScopeItem | undefined => {
      for (const item of items) {
        if (item.reference === reference) return item
        if (item.reference === undefined) {
          const inner = search(item.children)
          if (inner !== undefined) return inner
        }
      }
      return undefined
    }
    return search(this.items)
  }

  /** The error for `qualifier.x` when no FROM item is called `qualifier`: if a table of that name
   * is in FROM under an alias, PostgreSQL says so. */
  unknownQualifier(qualifier: string, at: { position?: number }): SqlError {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      const aliased = allItems(scope.items).find(
        (item) => item.table?.name === qualifier && item.reference !== qualifier,
      )
      if (aliased?.reference !== undefined) {
        return new SqlError(
          SqlState.undefinedTable,
          `invalid reference to FROM-clause entry for table "${qualifier}"`,
          {
            ...at,
            hint: `Perhaps you meant to reference the table alias "${aliased.reference}".`,
          },
        )
      }
    }
    // In FROM but out of sight (`a, b JOIN c ON a.x = c.x`): PostgreSQL names the entry.
    const hidden = allItems(this.hidden).find(
      (item) => item.reference === qualifier || item.table?.name === qualifier,
    )
    if (hidden?.reference !== undefined) {
      return new SqlError(
        SqlState.undefinedTable,
        `invalid reference to FROM-clause entry for table "${qualifier}"`,
        {
          ...at,
          hint: `There is an entry for table "${hidden.reference}", but it cannot be referenced from this part of the query.`,
        },
      )
    }
    return new SqlError(
      SqlState.undefinedTable,
      `missing FROM-clause entry for table "${qualifier}"`,
      at,
    )
  }

  /** Resolves `name` or `qualifier.name`, looking into enclosing queries when not found here. */
  resolve(
    qualifier: string | undefined,
    name: string,
    position: number | undefined,
  ): ResolvedColumn {
    const at = position === undefined ? {} : { position }
    let levelsUp = 0
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      if (qualifier !== undefined) {
        const item = scope.findItem(qualifier)
        if (item !== undefined) {
          const matches = item.columns.filter((column) => column.name === name)
          if (matches.length > 1) {
            throw new SqlError(
              SqlState.ambiguousColumn,
              `column reference "${qualifier}.${name}" is ambiguous`,
              at,
            )
          }
          const match = matches[0]
          if (match === undefined) {
            throw new SqlError(
              SqlState.undefinedColumn,
              `column ${qualifier}.${name} does not exist`,
              at,
            )
          }
          noteColumnRead(match.origin)
          return { column: match, levelsUp }
        }
      } else {
        const matches = scope.items.flatMap((item) =>
          item.columns.filter((column) => column.name === name),
        )
        if (matches.length > 1) {
          throw new SqlError(
            SqlState.ambiguousColumn,
            `column reference "${name}" is ambiguous`,
            at,
          )
        }
        const match = matches[0]
        if (match !== undefined) {
          noteColumnRead(match.origin)
          return { column: match, levelsUp }
        }
      }
      levelsUp++
    }
    if (qualifier !== undefined) throw this.unknownQualifier(qualifier, at)
    throw new SqlError(SqlState.undefinedColumn, `column "${name}" does not exist`, at)
  }
}

function allItems(items: readonly ScopeItem[]): ScopeItem[] {
  return items.flatMap((item) => [item, ...allItems(item.children)])
}
