/**
 * DROP TABLE / VIEW / INDEX / SEQUENCE / SCHEMA: resolves the names to catalog objects with
 * PostgreSQL's errors (42P01 and friends for missing objects, 42809 with a hint for a name of
 * another kind, 3F000 for a missing schema) and IF EXISTS notices. Dependencies (views, foreign
 * keys, owned sequences, a schema's contents) are resolved at execution (execute/ddl/drop.ts).
 */
import type { NamedRelation } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type DropStmt, type Node, stringOf, stringsOf } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundDrop, DropTarget } from './bound.js'
import { requireOwnership } from './privilege-checks.js'

/** The relation kinds DROP handles, by the parser's object type. */
const relationDrops: Readonly<
  Record<string, { readonly kind: NamedRelation['kind']; readonly word: string }>
> = {
  OBJECT_TABLE: { kind: 'table', word: 'table' },
  OBJECT_VIEW: { kind: 'view', word: 'view' },
  OBJECT_INDEX: { kind: 'index', word: 'index' },
  OBJECT_SEQUENCE: { kind: 'sequence', word: 'sequence' },
}

export function bindDrop(context: BindContext, drop: DropStmt): BoundDrop {
  const removeType = drop.removeType ?? 'OBJECT_UNKNOWN'
  const cascade = drop.behavior === 'DROP_CASCADE'
  const isMissingOk = drop.missing_ok === true
  if (drop.concurrent === true && removeType !== 'OBJECT_INDEX') {
    throw new SqlError(SqlState.syntaxError, 'CONCURRENTLY is only allowed for DROP INDEX')
  }
  const targets: DropTarget[] = []
  const missingNotices: string[] = []
  const add = (target: DropTarget): void => {
    const oid =
      target.kind === 'relation'
        ? target.relation.oid
        : target.kind === 'index'
          ? target.entry.oid
          : target.schema.oid
    const isRepeated = targets.some(
      (t) =>
        (t.kind === 'relation'
          ? t.relation.oid
          : t.kind === 'index'
            ? t.entry.oid
            : t.schema.oid) === oid,
    )
    if (!isRepeated) targets.push(target)
  }
  if (removeType === 'OBJECT_SCHEMA') {
    for (const object of drop.objects ?? []) {
      const name = stringOf(object as Node) ?? ''
      const schema = context.catalog.findSchema(name)
      if (schema === undefined) {
        if (!isMissingOk)
          throw new SqlError(SqlState.invalidSchemaName, `schema "${name}" does not exist`)
        missingNotices.push(`schema "${name}" does not exist, skipping`)
        continue
      }
      if (schema.isBuiltin) {
        throw new SqlError(
          SqlState.dependentObjectsStillExist,
          `cannot drop schema ${name} because it is required by the database system`,
        )
      }
      add({ kind: 'schema', schema })
    }
    return { kind: 'Drop', objectKind: 'SCHEMA', targets, cascade, missingNotices }
  }
  const expected = relationDrops[removeType]
  if (expected === undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `DROP ${removeType.replace('OBJECT_', '').replaceAll('_', ' ')} is not supported yet`,
    )
  }
  for (const object of drop.objects ?? []) {
    const names = 'List' in object ? stringsOf(object.List.items) : [stringOf(object as Node) ?? '']
    const name = names[names.length - 1] ?? ''
    const schema = names.length > 1 ? names[names.length - 2] : undefined
    if (names.length > 3) {
      throw new SqlError(
        SqlState.syntaxError,
        `improper qualified name (too many dotted names): ${names.join('.')}`,
      )
    }
    if (schema !== undefined && context.catalog.findSchema(schema) === undefined) {
      if (!isMissingOk)
        throw new SqlError(SqlState.invalidSchemaName, `schema "${schema}" does not exist`)
      missingNotices.push(`schema "${schema}" does not exist, skipping`)
      continue
    }
    const relation = context.findRelation(schema, name)
    if (relation === undefined) {
      if (!isMissingOk) {
        throw new SqlError(
          expected.kind === 'index' ? SqlState.undefinedObject : SqlState.undefinedTable,
          `${expected.word} "${names.join('.')}" does not exist`,
        )
      }
      missingNotices.push(`${expected.word} "${names.join('.')}" does not exist, skipping`)
      continue
    }
    if (relation.kind !== expected.kind) {
      throw new SqlError(SqlState.wrongObjectType, `"${name}" is not ${article(expected.word)}`, {
        hint: `Use DROP ${relation.kind.toUpperCase()} to remove ${article(relation.kind)}.`,
      })
    }
    requireOwnership(context, relation)
    if (relation.kind === 'index') {
      const owner = relation.index === undefined || relation.index.isConstraint
      if (owner) {
        const index = context.catalog.displayName(relation, context.searchPath)
        const table = context.catalog.displayName(relation.table, context.searchPath)
        const constraint = `constraint ${relation.name} on table ${table}`
        throw new SqlError(
          SqlState.dependentObjectsStillExist,
          `cannot drop index ${index} because ${constraint} requires it`,
          { hint: `You can drop ${constraint} instead.` },
        )
      }
      add({ kind: 'index', entry: relation })
    } else {
      add({ kind: 'relation', relation })
    }
  }
  return {
    kind: 'Drop',
    objectKind: expected.word.toUpperCase(),
    targets,
    cascade,
    missingNotices,
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`
}
