/**
 * ALTER TABLE | VIEW | SEQUENCE ... SET SCHEMA s: finds the relation (ALTER TABLE takes any of
 * the three, as PostgreSQL's; ALTER VIEW / SEQUENCE only their own kind, else 42809) and the
 * target schema (3F000); IF EXISTS names no relation with a notice at execution. The move
 * itself is sql/execute/ddl/set-schema.ts.
 */
import { relationNotFound, wrongRelationKind } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { AlterObjectSchemaStmt } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundSetSchema } from './bound.js'

const commands: Readonly<Record<string, { tag: string; kind?: string; word: string }>> = {
  OBJECT_TABLE: { tag: 'ALTER TABLE', word: 'a table' },
  OBJECT_VIEW: { tag: 'ALTER VIEW', kind: 'view', word: 'a view' },
  OBJECT_SEQUENCE: { tag: 'ALTER SEQUENCE', kind: 'sequence', word: 'a sequence' },
}

export function bindSetSchema(
  context: BindContext,
  statement: AlterObjectSchemaStmt,
): BoundSetSchema {
  const command = commands[statement.objectType ?? '']
  if (command === undefined) {
    const kind = (statement.objectType ?? 'OBJECT').replace('OBJECT_', '')
    throw new SqlError(
      SqlState.featureNotSupported,
      `ALTER ${kind} SET SCHEMA is not supported yet`,
    )
  }
  const range = statement.relation
  const name = range?.relname ?? ''
  const position = context.position(range?.location)
  const relation = context.findRelation(range?.schemaname, name)
  if (relation === undefined) {
    if (statement.missing_ok === true) {
      return {
        kind: 'SetSchema',
        tag: command.tag,
        relation: undefined,
        schema: statement.newschema ?? '',
        missingNotice: `relation "${name}" does not exist, skipping`,
      }
    }
    throw relationNotFound(range?.schemaname, name, position)
  }
  if (relation.kind === 'index' || (command.kind !== undefined && relation.kind !== command.kind)) {
    throw wrongRelationKind(relation, command.word, position)
  }
  return {
    kind: 'SetSchema',
    tag: command.tag,
    relation,
    schema: statement.newschema ?? '',
    missingNotice: undefined,
  }
}
