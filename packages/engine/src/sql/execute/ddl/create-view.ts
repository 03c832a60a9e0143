/**
 * CREATE [OR REPLACE] VIEW and ALTER VIEW ... RENAME: the view's definition is stored in the
 * statement's transaction and added to (or replaced in) the transaction's catalog version.
 *
 * OR REPLACE follows PostgreSQL: the new query may add columns at the end, but an existing
 * column keeps its name and type (42P16); the options, check option and dependencies are those
 * of the new definition. A replacement can make views reach each other in a cycle, as in
 * PostgreSQL; using such a view then fails with 42P17 (bind/bind-view.ts).
 */
import { storeObject, type View } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { formatType } from '../../../types/index.js'
import type { BoundCreateView, BoundRenameView } from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'
import { checkRowTypeNameFree } from './type-names.js'

export function executeCreateView(
  create: BoundCreateView,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  const existing = catalog.findRelation(create.schema, create.name)
  const definition = {
    schema: create.schema,
    name: create.name,
    columns: create.columns,
    query: create.query,
    checkOption: create.checkOption,
    securityInvoker: create.securityInvoker,
    securityBarrier: create.securityBarrier,
    dependsOn: create.dependsOn,
  }
  if (existing !== undefined) {
    if (!create.isReplace) {
      throw new SqlError(SqlState.duplicateTable, `relation "${create.name}" already exists`)
    }
    if (existing.kind !== 'view') {
      throw new SqlError(SqlState.wrongObjectType, `"${create.name}" is not a view`)
    }
    checkReplacementColumns(existing, create.columns)
    const view: View = { kind: 'view', oid: existing.oid, owner: existing.owner, ...definition }
    if (existing.comment !== undefined) Object.assign(view, { comment: existing.comment })
    context.catalog = catalog.replacingRelation(existing, view, 0)
    storeObject(context.transaction, view, context.catalog.nextOid)
    return ddlResult('CREATE VIEW', context)
  }
  checkRowTypeNameFree(catalog, create.schema, create.name)
  const owner = currentRoleOf(context)
  const view: View = { kind: 'view', oid: catalog.nextOid, owner, ...definition }
  context.catalog = catalog.withRelation(view, 1)
  storeObject(context.transaction, view, context.catalog.nextOid)
  return ddlResult('CREATE VIEW', context)
}

/** PostgreSQL's checkViewTupleDesc: columns may be added at the end, never dropped, renamed or
 * retyped. */
function checkReplacementColumns(existing: View, columns: BoundCreateView['columns']): void {
  if (columns.length < existing.columns.length) {
    throw new SqlError(SqlState.invalidTableDefinition, 'cannot drop columns from view')
  }
  for (const [i, previous] of existing.columns.entries()) {
    const next = columns[i]
    if (next === undefined) continue
    if (next.name !== previous.name) {
      throw new SqlError(
        SqlState.invalidTableDefinition,
        `cannot change name of view column "${previous.name}" to "${next.name}"`,
        { hint: 'Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.' },
      )
    }
    if (next.type.oid !== previous.type.oid || next.type.typmod !== previous.type.typmod) {
      throw new SqlError(
        SqlState.invalidTableDefinition,
        `cannot change data type of view column "${previous.name}" from ${formatType(previous.type)} to ${formatType(next.type)}`,
      )
    }
  }
}

export function executeRenameView(
  rename: BoundRenameView,
  context: ExecutionContext,
): StatementResult {
  const view = rename.view
  if (view === undefined) {
    if (rename.missingNotice !== undefined) {
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.successfulCompletion,
        message: rename.missingNotice,
      })
    }
    return ddlResult('ALTER VIEW', context)
  }
  const catalog = context.catalog
  let next: View
  if (rename.column === undefined) {
    if (catalog.hasRelation(view.schema, rename.newName)) {
      throw new SqlError(SqlState.duplicateTable, `relation "${rename.newName}" already exists`)
    }
    next = { ...view, name: rename.newName }
  } else {
    const columns = view.columns.map((column, i) =>
      i === rename.column ? { ...column, name: rename.newName } : column,
    )
    next = { ...view, columns }
  }
  context.catalog = catalog.replacingRelation(view, next, 0)
  storeObject(context.transaction, next, context.catalog.nextOid)
  if (next.name !== view.name) renameInDependents(context, view, next.name)
  return ddlResult('ALTER VIEW', context)
}

/**
 * Views reading a renamed view name it in their stored queries (qualified, see
 * bind-create-view.ts): those names follow the rename, as PostgreSQL's references by OID do.
 * Their text, kept for display, still shows the name as written.
 */
export function renameInDependents(
  context: ExecutionContext,
  renamed: Pick<View, 'oid' | 'schema' | 'name'>,
  newName: string,
  newSchema: string = renamed.schema,
): void {
  for (const dependent of context.catalog.dependentsOf(renamed.oid)) {
    if (dependent.kind !== 'view') continue
    const view = dependent.view
    const node = JSON.parse(JSON.stringify(view.query.node), (key, value: unknown) => {
      if (key !== 'RangeVar' || typeof value !== 'object' || value === null) return value
      const range = value as { schemaname?: string; relname?: string }
      const isRenamed = range.schemaname === renamed.schema && range.relname === renamed.name
      return isRenamed ? { ...range, schemaname: newSchema, relname: newName } : value
    }) as View['query']['node']
    const next: View = { ...view, query: { ...view.query, node } }
    context.catalog = context.catalog.replacingRelation(view, next, 0)
    storeObject(context.transaction, next, context.catalog.nextOid)
  }
}
