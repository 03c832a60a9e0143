/**
 * DROP TABLE / VIEW / INDEX / SEQUENCE / SCHEMA with PostgreSQL's dependency rules: what
 * depends on a dropped object (views reading it, foreign keys referencing it, a schema's
 * contents, types included) blocks a plain DROP with 2BP01 and the list of dependents, and goes with it under
 * CASCADE (announced by a NOTICE, as PostgreSQL does). Automatic dependents (a table's indexes,
 * sequences owned by its columns) go silently.
 */
import { deleteAllRows, deleteIndexEntries } from '../../../access/index.js'
import {
  type Catalog,
  type Relation,
  removeObject,
  type SearchPath,
  type Sequence,
  type SqlFunction,
  storeObject,
  type Table,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { assert } from '../../../lib/assert.js'
import { type BoundDrop, type DropTarget, signatureOf } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'
import { defaultsUsing } from './default-dependencies.js'
import { typeUses } from './enum-type.js'

/** Everything one DROP removes, found before anything changes. */
interface DropSet {
  /** Relations to remove, by OID. */
  readonly relations: Map<number, Relation>
  /** Foreign keys to remove from tables that stay: table OID → constraint names. */
  readonly foreignKeys: Map<number, Set<string>>
  /** Normal dependents not named by the DROP: reported, and removed only under CASCADE. */
  readonly cascaded: string[]
  /** Relations the DROP names: not reported as dependents of one another. */
  readonly named: ReadonlySet<number>
  /** Column defaults naming a dropped sequence, removed from tables that stay: table OID →
   * column indexes. */
  readonly defaults: Map<number, Set<number>>
}

export function executeDrop(drop: BoundDrop, context: ExecutionContext): StatementResult {
  for (const message of drop.missingNotices) {
    context.notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message })
  }
  const catalog = context.catalog
  const set: DropSet = {
    relations: new Map(),
    foreignKeys: new Map(),
    cascaded: [],
    named: new Set(drop.targets.flatMap((t) => (t.kind === 'relation' ? [t.relation.oid] : []))),
    defaults: new Map(),
  }
  const dependencyLines: string[] = []
  const describe = (relation: Relation): string =>
    describeRelation(relation, catalog, context.searchPath)
  for (const target of drop.targets) {
    if (target.kind === 'schema') {
      // The schema's contents in creation (OID) order, as PostgreSQL lists them.
      const name = target.schema.name
      const contents: (Relation | SqlFunction)[] = [...catalog.relationsIn(name)]
      for (const fn of catalog.functions()) if (fn.schema === name) contents.push(fn)
      contents.sort((a, b) => a.oid - b.oid)
      for (const object of contents) {
        if (object.kind === 'function') {
          const shown = `function ${object.schema}.${signatureOf(object)}`
          dependencyLines.push(`${shown} depends on schema ${name}`)
          set.cascaded.push(`drop cascades to ${shown}`)
          continue
        }
        if (set.relations.has(object.oid) || isOwnedBy(object, set)) continue
        dependencyLines.push(`${describe(object)} depends on schema ${name}`)
        set.cascaded.push(`drop cascades to ${describe(object)}`)
        collect(object, catalog, set, dependencyLines, describe)
      }
      for (const type of catalog.typesIn(target.schema.name)) {
        const shown = `type ${catalog.typeDisplayName(type, context.searchPath)}`
        dependencyLines.push(`${shown} depends on schema ${target.schema.name}`)
        set.cascaded.push(`drop cascades to ${shown}`)
      }
    } else if (target.kind === 'relation') {
      collect(target.relation, catalog, set, dependencyLines, describe)
    } else if (target.kind === 'index' && !set.relations.has(target.entry.table.oid)) {
      // Foreign keys referencing the table through this unique index depend on it.
      for (const { table, key } of catalog.foreignKeysUsing(
        target.entry.table.oid,
        target.entry.oid,
      )) {
        const names = set.foreignKeys.get(table.oid) ?? new Set<string>()
        if (names.has(key.name)) continue
        names.add(key.name)
        set.foreignKeys.set(table.oid, names)
        const constraint = `constraint ${key.name} on ${describe(table)}`
        dependencyLines.push(`${constraint} depends on index ${target.entry.name}`)
        set.cascaded.push(`drop cascades to ${constraint}`)
      }
    }
  }
  if (!drop.cascade && dependencyLines.length > 0) {
    const only = drop.targets.length === 1 ? drop.targets[0] : undefined
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      only === undefined
        ? 'cannot drop desired object(s) because other objects depend on them'
        : `cannot drop ${describeTarget(only, catalog, context.searchPath)} because other objects depend on it`,
      {
        detail: dependencyLines.join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      },
    )
  }
  if (set.cascaded.length === 1) {
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: set.cascaded[0] ?? '',
    })
  } else if (set.cascaded.length > 1) {
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.successfulCompletion,
      message: `drop cascades to ${set.cascaded.length} other objects`,
      detail: set.cascaded.join('\n'),
    })
  }
  for (const [tableOid, names] of set.foreignKeys) {
    if (set.relations.has(tableOid)) continue
    const table = context.catalog.findTableByOid(tableOid)
    assert(table !== undefined, 'a referencing table exists')
    replaceTable(context, table, {
      ...table,
      foreignKeys: table.foreignKeys.filter((key) => !names.has(key.name)),
    })
  }
  for (const [tableOid, columns] of set.defaults) {
    if (set.relations.has(tableOid)) continue
    const table = context.catalog.findTableByOid(tableOid)
    assert(table !== undefined, 'a table whose default is dropped exists')
    replaceTable(context, table, {
      ...table,
      columns: table.columns.map((column, index) =>
        columns.has(index) ? { ...column, default: undefined } : column,
      ),
    })
  }
  for (const relation of set.relations.values()) dropRelation(context, relation.oid)
  for (const target of drop.targets) {
    if (target.kind === 'index') {
      const table = context.catalog.findTableByOid(target.entry.table.oid)
      if (table === undefined) continue // dropped with its table above
      deleteIndexEntries(context.transaction, target.entry.oid)
      replaceTable(context, table, {
        ...table,
        indexes: table.indexes.filter((index) => index.oid !== target.entry.oid),
      })
    } else if (target.kind === 'schema') {
      const schema = context.catalog.findSchema(target.schema.name)
      assert(schema !== undefined, 'a dropped schema exists until dropped')
      for (const fn of [...context.catalog.functions()]) {
        if (fn.schema !== schema.name) continue
        removeObject(context.transaction, fn)
        context.catalog = context.catalog.withoutFunction(fn)
      }
      for (const type of [...context.catalog.typesIn(schema.name)]) {
        const use = typeUses(context.catalog, type, context.searchPath)[0]
        if (use !== undefined) {
          throw new SqlError(
            SqlState.featureNotSupported,
            `DROP SCHEMA ... CASCADE is not supported yet while ${use.what} (outside the schema) depends on type ${type.name}`,
          )
        }
        removeObject(context.transaction, type)
        context.catalog = context.catalog.withoutType(type)
      }
      removeObject(context.transaction, schema)
      context.catalog = context.catalog.withoutSchema(schema)
    }
  }
  return ddlResult(`DROP ${drop.objectKind}`, context)
}

/** Adds `relation` and, recursively, what depends on it to the set. Rewriting or deleting a
 * table's definition key conflicts with the share lock DML takes on it, so concurrent writers
 * and the DROP are ordered by the kernel. */
function collect(
  relation: Relation,
  catalog: Catalog,
  set: DropSet,
  dependencyLines: string[],
  describe: (relation: Relation) => string,
): void {
  if (set.relations.has(relation.oid)) return
  set.relations.set(relation.oid, relation)
  if (relation.kind === 'sequence')
    collectSequenceUses(relation, catalog, set, dependencyLines, describe)
  for (const dependent of catalog.dependentsOf(relation.oid)) {
    switch (dependent.kind) {
      case 'owned sequence':
        set.relations.set(dependent.sequence.oid, dependent.sequence)
        break
      case 'view':
        if (set.relations.has(dependent.view.oid)) break
        if (set.named.has(dependent.view.oid)) {
          collect(dependent.view, catalog, set, dependencyLines, describe)
          break
        }
        dependencyLines.push(`${describe(dependent.view)} depends on ${describe(relation)}`)
        set.cascaded.push(`drop cascades to ${describe(dependent.view)}`)
        collect(dependent.view, catalog, set, dependencyLines, describe)
        break
      case 'foreign key': {
        // A self-reference, or a key of a table this DROP names, goes with its table.
        if (dependent.table.oid === relation.oid || set.named.has(dependent.table.oid)) break
        const names = set.foreignKeys.get(dependent.table.oid) ?? new Set<string>()
        if (names.has(dependent.name)) break
        names.add(dependent.name)
        set.foreignKeys.set(dependent.table.oid, names)
        const constraint = `constraint ${dependent.name} on ${describe(dependent.table)}`
        dependencyLines.push(`${constraint} depends on ${describe(relation)}`)
        set.cascaded.push(`drop cascades to ${constraint}`)
        break
      }
    }
  }
}

/**
 * A sequence dropped by name: an identity column's sequence is part of its column (refused even
 * with CASCADE, as PostgreSQL's internal dependency); a column default naming it depends on it.
 */
function collectSequenceUses(
  sequence: Sequence,
  catalog: Catalog,
  set: DropSet,
  dependencyLines: string[],
  describe: (relation: Relation) => string,
): void {
  const owner =
    sequence.ownedBy === undefined ? undefined : catalog.findTableByOid(sequence.ownedBy.table)
  const ownerColumn = owner?.columns[sequence.ownedBy?.column ?? -1]
  if (owner !== undefined && ownerColumn?.identity?.sequence === sequence.oid) {
    if (set.relations.has(owner.oid)) return
    const column = `column ${ownerColumn.name} of ${describe(owner)}`
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      `cannot drop ${describe(sequence)} because ${column} requires it`,
      { hint: `You can drop ${column} instead.` },
    )
  }
  for (const use of defaultsUsing(catalog, sequence.oid)) {
    if (set.relations.has(use.table.oid)) continue
    const columns = set.defaults.get(use.table.oid) ?? new Set<number>()
    if (columns.has(use.column)) continue
    columns.add(use.column)
    set.defaults.set(use.table.oid, columns)
    const name = use.table.columns[use.column]?.name ?? ''
    const dependent = `default value for column ${name} of ${describe(use.table)}`
    dependencyLines.push(`${dependent} depends on ${describe(sequence)}`)
    set.cascaded.push(`drop cascades to ${dependent}`)
  }
}

function isOwnedBy(relation: Relation, set: DropSet): boolean {
  return relation.kind === 'sequence' && relation.ownedBy !== undefined
    ? set.relations.has(relation.ownedBy.table)
    : false
}

/** Removes a relation's rows (or entries) and its definition. */
function dropRelation(context: ExecutionContext, oid: number): void {
  const relation = context.catalog.findRelationByOid(oid)
  if (relation === undefined) return
  if (relation.kind === 'table') {
    deleteAllRows(context.transaction, relation) // and its indexes' entries
  }
  removeObject(context.transaction, relation)
  context.catalog = context.catalog.withoutRelation(relation)
}

function replaceTable(context: ExecutionContext, previous: Table, next: Table): void {
  context.catalog = context.catalog.replacingRelation(previous, next, 0)
  storeObject(context.transaction, next, context.catalog.nextOid)
}

/** `table t`, `view s.v`: qualified when the name alone would not find it. */
function describeRelation(relation: Relation, catalog: Catalog, searchPath: SearchPath): string {
  return `${relation.kind} ${catalog.displayName(relation, searchPath)}`
}

function describeTarget(target: DropTarget, catalog: Catalog, searchPath: SearchPath): string {
  switch (target.kind) {
    case 'relation':
      return describeRelation(target.relation, catalog, searchPath)
    case 'index':
      return `index ${target.entry.name}`
    case 'schema':
      return `schema ${target.schema.name}`
  }
}
