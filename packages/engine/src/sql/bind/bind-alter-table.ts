/**
 * ALTER TABLE and ALTER TABLE ... RENAME (of a table, column or constraint): binding finds the
 * table (IF EXISTS: none, and a notice at execution); the subcommands are bound at execution
 * (sql/execute/ddl/alter-table.ts), each against the table as the ones before it left it.
 */

import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import {
  type AlterTableCmd,
  type AlterTableStmt,
  type Node,
  type RenameStmt,
  SourceText,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundAlterTable } from './bound.js'
import { requireOwnership } from './privilege-checks.js'

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
  const table = isMissing
    ? undefined
    : context.getTable(relation?.schemaname, name, relation?.location)
  if (table !== undefined) requireOwnership(context, table)
  return { kind: 'AlterTable', node, source: context.source, table }
}

/** `ALTER TABLE table DROP COLUMN c, ...` as a bound statement: how DROP TYPE ... CASCADE drops
 * the columns of a dropped type (execute/ddl/enum-type.ts), through ALTER TABLE's own rules. */
export function dropColumnsStatement(table: Table, columns: readonly string[]): BoundAlterTable {
  const cmds: Node[] = columns.map((name) => ({
    AlterTableCmd: { subtype: 'AT_DropColumn', name, behavior: 'DROP_RESTRICT' } as AlterTableCmd,
  }))
  const node: AlterTableStmt = {
    relation: { schemaname: table.schema, relname: table.name, inh: true, relpersistence: 'p' },
    cmds,
    objtype: 'OBJECT_TABLE',
  }
  return { kind: 'AlterTable', node, source: new SourceText(''), table }
}
