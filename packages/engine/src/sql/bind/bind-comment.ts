/**
 * COMMENT ON TABLE | VIEW | SEQUENCE | INDEX | COLUMN | SCHEMA name IS 'text' | NULL: resolves
 * the object with PostgreSQL's errors (42P01 missing relation, 42809 `"x" is not a view`,
 * 42703 missing column, 42601 unqualified column, 3F000 missing schema). An empty string
 * removes the comment, as NULL does. Other object types are 0A000.
 */
import type { NamedRelation } from '../../catalog/index.js'
import { relationNotFound } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type CommentStmt, type Node, stringOf, stringsOf } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundComment, CommentTarget } from './bound.js'

const relationKinds: Readonly<Record<string, NamedRelation['kind']>> = {
  OBJECT_TABLE: 'table',
  OBJECT_VIEW: 'view',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_INDEX: 'index',
}

export function bindComment(context: BindContext, statement: CommentStmt): BoundComment {
  const text = statement.comment
  const comment = text === undefined || text === '' ? undefined : text
  return { kind: 'Comment', target: commentTarget(context, statement), comment }
}

function commentTarget(context: BindContext, statement: CommentStmt): CommentTarget {
  const objectType = statement.objtype ?? 'OBJECT_UNKNOWN'
  const object = statement.object
  if (objectType === 'OBJECT_SCHEMA') {
    const name = object === undefined ? '' : (stringOf(object) ?? '')
    return { kind: 'schema', schema: context.catalog.getSchema(name) }
  }
  const names = object === undefined ? [] : namesOf(object)
  if (objectType === 'OBJECT_COLUMN') {
    if (names.length < 2) {
      throw new SqlError(SqlState.syntaxError, 'column name must be qualified')
    }
    const column = names[names.length - 1] ?? ''
    const relation = findRelation(context, names.slice(0, -1))
    if (relation.kind === 'table' || relation.kind === 'view') {
      const index = relation.columns.findIndex((c) => c.name === column)
      if (index >= 0) return { kind: 'column', relation, column: index }
    }
    throw new SqlError(
      SqlState.undefinedColumn,
      `column "${column}" of relation "${relation.name}" does not exist`,
    )
  }
  const kind = relationKinds[objectType]
  if (kind === undefined) {
    const what = objectType.replace('OBJECT_', '').replaceAll('_', ' ')
    throw new SqlError(SqlState.featureNotSupported, `COMMENT ON ${what} is not supported yet`)
  }
  const relation = findRelation(context, names)
  if (relation.kind !== kind) {
    const article = kind === 'index' ? 'an' : 'a'
    throw new SqlError(SqlState.wrongObjectType, `"${relation.name}" is not ${article} ${kind}`)
  }
  return relation.kind === 'index'
    ? { kind: 'index', entry: relation }
    : { kind: 'relation', relation: relation }
}

function namesOf(object: Node): string[] {
  return 'List' in object ? stringsOf(object.List.items) : [stringOf(object) ?? '']
}

function findRelation(context: BindContext, names: readonly string[]): NamedRelation {
  if (names.length > 3) {
    throw new SqlError(
      SqlState.syntaxError,
      `improper qualified name (too many dotted names): ${names.join('.')}`,
    )
  }
  const name = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[names.length - 2] : undefined
  const relation = context.findRelation(schema, name)
  if (relation === undefined) throw relationNotFound(schema, name, undefined)
  return relation
}
