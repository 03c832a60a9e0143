/**
 * CREATE [OR REPLACE] FUNCTION, DROP FUNCTION, ALTER FUNCTION ... RENAME and COMMENT ON
 * FUNCTION: the catalog changes, made in the statement's transaction (the definition is a
 * catalog entry like a table's, so DDL on functions is transactional and survives restart).
 * OR REPLACE keeps the OID and owner and refuses what PostgreSQL's ProcedureCreate refuses: a
 * changed result type or a renamed input parameter (42P13). Plans cached against the previous
 * catalog are not reused: the plan cache is keyed by the catalog value, which every DDL renews.
 */
import { removeObject, type SqlFunction, storeObject, type View } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import {
  type BoundAlterFunction,
  type BoundCreateFunction,
  type BoundDropFunction,
  isSameSignature,
  signatureOf,
} from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult } from './ddl-result.js'
import { executeDrop } from './drop.js'

export function executeCreateFunction(
  create: BoundCreateFunction,
  context: ExecutionContext,
): StatementResult {
  const definition = create.definition
  const types = definition.parameters.map((p) => p.type)
  const existing = context.catalog.functionsNamed(definition.name).find(
    (fn) =>
      fn.schema === definition.schema &&
      isSameSignature(
        fn.parameters.map((p) => p.type),
        types,
      ),
  )
  if (existing !== undefined && !create.isReplace) {
    throw new SqlError(
      SqlState.duplicateFunction,
      `function "${definition.name}" already exists with same argument types`,
    )
  }
  if (existing !== undefined) checkReplacement(existing, definition)
  const oid = existing?.oid ?? context.catalog.nextOid
  const fn: SqlFunction = {
    ...definition,
    oid,
    owner: existing?.owner ?? definition.owner,
    ...(existing?.comment === undefined ? {} : { comment: existing.comment }),
  }
  context.catalog = context.catalog.withFunction(fn, existing === undefined ? 1 : 0)
  storeObject(context.transaction, fn, context.catalog.nextOid)
  return ddlResult('CREATE FUNCTION', context)
}

/** What OR REPLACE may not change (PostgreSQL's ProcedureCreate). */
function checkReplacement(existing: SqlFunction, next: Omit<SqlFunction, 'oid'>): void {
  const hint = `Use DROP FUNCTION ${signatureOf(existing)} first.`
  if (!isSameResult(existing.returns, next.returns)) {
    throw new SqlError(
      SqlState.invalidFunctionDefinition,
      'cannot change return type of existing function',
      { hint },
    )
  }
  existing.parameters.forEach((parameter, i) => {
    const name = parameter.name
    if (name !== undefined && next.parameters[i]?.name !== name) {
      throw new SqlError(
        SqlState.invalidFunctionDefinition,
        `cannot change name of input parameter "${name}"`,
        { hint },
      )
    }
  })
  const defaults = existing.parameters.filter((p) => p.default !== undefined).length
  if (next.parameters.filter((p) => p.default !== undefined).length < defaults) {
    throw new SqlError(
      SqlState.invalidFunctionDefinition,
      'cannot remove parameter defaults from existing function',
      { hint },
    )
  }
}

function isSameResult(a: SqlFunction['returns'], b: SqlFunction['returns']): boolean {
  if (a.isSet !== b.isSet || a.type.oid !== b.type.oid) return false
  if (a.type.element?.oid !== b.type.element?.oid) return false
  const columnsA = a.columns ?? []
  const columnsB = b.columns ?? []
  return (
    columnsA.length === columnsB.length &&
    columnsA.every((c, i) => c.name === columnsB[i]?.name && c.type.oid === columnsB[i]?.type.oid)
  )
}

export function executeDropFunction(
  drop: BoundDropFunction,
  context: ExecutionContext,
): StatementResult {
  for (const message of drop.missingNotices) {
    context.notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message })
  }
  // Views calling a dropped function depend on it (and views reading those views on them):
  // 2BP01, or dropped with it under CASCADE, listed depth first as PostgreSQL lists them.
  const views = new Map<number, View>()
  const lines: string[] = []
  const describe = (view: View): string =>
    `view ${context.catalog.displayName(view, context.searchPath)}`
  const visit = (oid: number, what: string): void => {
    for (const dependent of context.catalog.dependentsOf(oid)) {
      if (dependent.kind !== 'view' || views.has(dependent.view.oid)) continue
      views.set(dependent.view.oid, dependent.view)
      lines.push(`${describe(dependent.view)} depends on ${what}`)
      visit(dependent.view.oid, describe(dependent.view))
    }
  }
  for (const fn of drop.functions) visit(fn.oid, `function ${signatureOf(fn)}`)
  if (lines.length > 0 && !drop.cascade) {
    const only = drop.functions.length === 1 ? drop.functions[0] : undefined
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      only === undefined
        ? 'cannot drop desired object(s) because other objects depend on them'
        : `cannot drop function ${signatureOf(only)} because other objects depend on it`,
      { detail: lines.join('\n'), hint: 'Use DROP ... CASCADE to drop the dependent objects too.' },
    )
  }
  if (views.size > 0) {
    const cascaded = [...views.values()].map((view) => `drop cascades to ${describe(view)}`)
    context.notices.push(
      cascaded.length === 1
        ? { severity: 'NOTICE', code: SqlState.successfulCompletion, message: cascaded[0] ?? '' }
        : {
            severity: 'NOTICE',
            code: SqlState.successfulCompletion,
            message: `drop cascades to ${cascaded.length} other objects`,
            detail: cascaded.join('\n'),
          },
    )
    const notices = context.notices.splice(0)
    const targets = [...views.values()].map((relation) => ({ kind: 'relation', relation }) as const)
    const dropped = executeDrop(
      { kind: 'Drop', objectKind: 'VIEW', targets, cascade: true, missingNotices: [] },
      context,
    )
    context.notices.push(...notices, ...dropped.notices)
  }
  for (const named of drop.functions) {
    const fn = context.catalog.findFunctionByOid(named.oid)
    if (fn === undefined) continue
    removeObject(context.transaction, fn)
    context.catalog = context.catalog.withoutFunction(fn)
  }
  return ddlResult('DROP FUNCTION', context)
}

export function executeAlterFunction(
  alter: BoundAlterFunction,
  context: ExecutionContext,
): StatementResult {
  context.catalog = context.catalog.withFunction(alter.next, 0)
  storeObject(context.transaction, alter.next, context.catalog.nextOid)
  return ddlResult(alter.commandTag, context)
}
