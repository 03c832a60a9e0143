/**
 * ALTER TABLE and ALTER TABLE ... RENAME (of a table, column or constraint): binding finds the
 * table (IF EXISTS: none, and a notice at execution); the subcommands are bound at execution
 * (sql/execute/ddl/alter-table.ts), each against the table as the ones before it left it.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { AlterTableStmt, RenameStmt } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundAlterTable } from './bound.js'

export function bindAlterTable(
  context: BindContext,
  node: AlterTableStmt | RenameStmt,
): BoundAlterTable {
  const kind = 'renameType' in node ? node.renameType : (node as AlterTableStmt).objtype
  const allowed =
    'renameType' in node
      ? ['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT']
      : ['OBJECT_TABLE']
  if (!allowed.includes(kind ?? '')) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `ALTER ${(kind ?? 'object').replace('OBJECT_', '')} is not supported yet`,
    )
  }
  const relation = node.relation
  const name = relation?.relname ?? ''
  const isMissing =
    node.missing_ok === true && context.findRelation(relation?.schemaname, name) === undefined
  return {
    kind: 'AlterTable',
    node,
    source: context.source,
    table: isMissing ? undefined : context.getTable(relation?.schemaname, name, relation?.location),
  }
}
