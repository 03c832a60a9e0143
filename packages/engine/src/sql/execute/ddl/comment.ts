/**
 * COMMENT ON: the comment is part of the object's definition (PostgreSQL keeps it in
 * pg_description), so it is written, rolled back and loaded with it. A built-in schema is
 * stored only when it gets a comment.
 */
import { type Relation, storeObject, type Table } from '../../../catalog/index.js'
import { assert } from '../../../lib/assert.js'
import type { BoundComment } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'

export function executeComment(
  statement: BoundComment,
  context: ExecutionContext,
): StatementResult {
  const { target, comment } = statement
  switch (target.kind) {
    case 'schema': {
      const next = { ...target.schema, comment }
      context.catalog = context.catalog.replacingSchema(target.schema, next)
      storeObject(context.transaction, next, context.catalog.nextOid)
      break
    }
    case 'relation':
      replace(context, target.relation, { ...target.relation, comment })
      break
    case 'column': {
      const relation = target.relation
      const withComment = <C extends { readonly comment?: string | undefined }>(
        column: C,
        index: number,
      ): C => (index === target.column ? { ...column, comment } : column)
      replace(
        context,
        relation,
        relation.kind === 'table'
          ? { ...relation, columns: relation.columns.map(withComment) }
          : { ...relation, columns: relation.columns.map(withComment) },
      )
      break
    }
    case 'index': {
      const table: Table = target.entry.table
      const index = target.entry.index
      if (index === undefined) {
        assert(table.primaryKey !== undefined, 'an index entry without an index is a primary key')
        replace(context, table, { ...table, primaryKey: { ...table.primaryKey, comment } })
      } else {
        const indexes = table.indexes.map((i) => (i.oid === index.oid ? { ...i, comment } : i))
        replace(context, table, { ...table, indexes })
      }
      break
    }
  }
  return ddlResult('COMMENT', context)
}

function replace(context: ExecutionContext, previous: Relation, next: Relation): void {
  context.catalog = context.catalog.replacingRelation(previous, next, 0)
  storeObject(context.transaction, next, context.catalog.nextOid)
}
