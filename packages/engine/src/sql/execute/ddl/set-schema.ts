/**
 * ALTER TABLE | VIEW | SEQUENCE ... SET SCHEMA: the relation moves with what belongs to it (a
 * table's indexes, which live in its schema, and the sequences its columns own); every name
 * must be free in the new schema (42P07). What names the moved relations by schema follows
 * them, as PostgreSQL's references by OID do: the views reading them (their stored queries are
 * qualified) and column defaults naming a moved sequence ('s.seq'::regclass). Foreign keys and
 * identity columns name relations by OID. Transactional like all DDL here.
 */
import {
  type Relation,
  type Sequence,
  schemaNotFound,
  storeObject,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import type { BoundSetSchema } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { lockTableShared } from '../table-lock.js'
import { renameInDependents } from './create-view.js'
import { ddlResult } from './ddl-result.js'
import { defaultsUsing, requalifyDefault } from './default-dependencies.js'

export function executeSetSchema(
  statement: BoundSetSchema,
  context: ExecutionContext,
): StatementResult {
  const relation =
    statement.relation === undefined
      ? undefined
      : context.catalog.findRelationByOid(statement.relation.oid)
  if (relation === undefined) {
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: statement.missingNotice ?? '',
    })
    return ddlResult(statement.tag, context)
  }
  const schema = statement.schema
  if (context.catalog.findSchema(schema) === undefined) throw schemaNotFound(schema)
  if (relation.schema === schema) return ddlResult(statement.tag, context)
  if (relation.kind === 'table') lockTableShared(context, relation)
  const owned: Sequence[] = []
  for (const dependent of context.catalog.dependentsOf(relation.oid)) {
    if (dependent.kind === 'owned sequence') owned.push(dependent.sequence)
  }
  const names = [relation.name, ...owned.map((sequence) => sequence.name)]
  if (relation.kind === 'table') {
    if (relation.primaryKey !== undefined) names.push(relation.primaryKey.name)
    for (const index of relation.indexes) names.push(index.name)
  }
  for (const name of names) {
    if (context.catalog.hasRelation(schema, name)) {
      throw new SqlError(
        SqlState.duplicateTable,
        `relation "${name}" already exists in schema "${schema}"`,
      )
    }
  }
  for (const moved of [relation, ...owned]) move(context, moved, schema)
  return ddlResult(statement.tag, context)
}

function move(context: ExecutionContext, relation: Relation, schema: string): void {
  const current = context.catalog.findRelationByOid(relation.oid) ?? relation
  // Found before the move: they are found by resolving the names they hold.
  const uses = current.kind === 'sequence' ? defaultsUsing(context.catalog, current.oid) : []
  const next: Relation = { ...current, schema }
  context.catalog = context.catalog.replacingRelation(current, next, 0)
  storeObject(context.transaction, next, context.catalog.nextOid)
  renameInDependents(context, current, current.name, schema)
  for (const use of uses) {
    const table = context.catalog.findTableByOid(use.table.oid)
    const column = table?.columns[use.column]
    if (table === undefined || column?.default === undefined) continue
    const requalified = requalifyDefault(column.default, current, current.schema, schema)
    const nextTable = {
      ...table,
      columns: table.columns.map((c, i) => (i === use.column ? { ...c, default: requalified } : c)),
    }
    context.catalog = context.catalog.replacingRelation(table, nextTable, 0)
    storeObject(context.transaction, nextTable, context.catalog.nextOid)
  }
}
