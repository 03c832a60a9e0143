/**
 * TRUNCATE [TABLE] [ONLY] name [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE |
 * RESTRICT]: resolves the names to tables (42P01 for a missing one, 42809 for a view, sequence
 * or index, without a position, as PostgreSQL reports them). Foreign keys referencing the tables
 * are checked at execution (execute/ddl/truncate.ts), where CASCADE adds their tables. ONLY
 * changes nothing: there is no table inheritance.
 */
import { Privilege, type Table } from '../../catalog/index.js'
import type { TruncateStmt } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundTruncate } from './bound.js'
import { checkSchemaUsage, requireRelation } from './privilege-checks.js'

export function bindTruncate(context: BindContext, truncate: TruncateStmt): BoundTruncate {
  const tables: Table[] = []
  for (const node of truncate.relations ?? []) {
    if (!('RangeVar' in node)) continue
    const range = node.RangeVar
    checkSchemaUsage(context, range.schemaname, range.location)
    const table = context.getTable(range.schemaname, range.relname ?? '', undefined)
    if (!tables.some((t) => t.oid === table.oid)) tables.push(table)
    requireRelation(context, table, Privilege.truncate)
  }
  return {
    kind: 'Truncate',
    tables,
    restartIdentity: truncate.restart_seqs === true,
    cascade: truncate.behavior === 'DROP_CASCADE',
  }
}
