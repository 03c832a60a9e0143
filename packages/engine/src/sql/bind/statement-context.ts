/**
 * A BindContext made ready to bind a statement: the hooks through which expression binding
 * reaches the query binder (subqueries, window calls; they live in files that bind expressions
 * themselves) and where window calls are refused by statement kind. Used for statements sent by
 * clients (binder.ts) and for the statements of SQL function bodies (bind-routine-body.ts).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { type Node, nodeTag, type WithClause } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindInsert } from './bind-insert.js'
import { bindDelete, bindUpdate } from './bind-modify.js'
import { bindSelect } from './bind-select.js'
import { bindWindowCall } from './bind-window.js'
import type { BoundDelete, BoundInsert, BoundStatement, BoundUpdate } from './bound.js'

export function prepareContext(context: BindContext, node: Node): void {
  context.bindSubquery = (select, parent) => bindSelect(context, select, parent)
  context.bindWindowCall = (scope, call, name) => bindWindowCall(context, scope, call, name)
  context.windowBan = windowBanOf(node)
  context.bindModifying = (query) => bindModifyingStatement(context, query)
  context.topLevelWith = topLevelWithOf(node)
}

/** The WITH clause of a top-level SELECT / INSERT / UPDATE / DELETE: where data-modifying
 * queries may stand. */
function topLevelWithOf(node: Node): WithClause | undefined {
  if ('SelectStmt' in node) return node.SelectStmt.withClause
  if ('InsertStmt' in node) return node.InsertStmt.withClause
  if ('UpdateStmt' in node) return node.UpdateStmt.withClause
  if ('DeleteStmt' in node) return node.DeleteStmt.withClause
  return undefined
}

function bindModifyingStatement(
  context: BindContext,
  node: Node,
): BoundInsert | BoundUpdate | BoundDelete {
  // Window calls in the query's clauses are named for its own command (42P20).
  const saved = context.windowBan
  context.windowBan = windowBanOf(node)
  try {
    if ('InsertStmt' in node) return bindInsert(context, node.InsertStmt)
    if ('UpdateStmt' in node) return bindUpdate(context, node.UpdateStmt)
    if ('DeleteStmt' in node) return bindDelete(context, node.DeleteStmt)
  } finally {
    context.windowBan = saved
  }
  throw new SqlError(SqlState.featureNotSupported, `${nodeTag(node)} is not supported in WITH`)
}

/** The statement with the data-modifying WITH queries bound on the way, to run first. */
export function withModifyingCtes(context: BindContext, bound: BoundStatement): BoundStatement {
  if (context.modifyingCtes.length === 0) return bound
  if (
    bound.kind !== 'Select' &&
    bound.kind !== 'Insert' &&
    bound.kind !== 'Update' &&
    bound.kind !== 'Delete'
  ) {
    throw new SqlError(SqlState.internalError, 'data-modifying WITH on another statement')
  }
  return { kind: 'ModifyingWith', ctes: [...context.modifyingCtes], main: bound }
}

/** Outside SELECT, window calls are errors named for the statement's clause (42P20). */
function windowBanOf(node: Node): string | undefined {
  if ('UpdateStmt' in node) return 'UPDATE'
  if ('InsertStmt' in node) return 'VALUES'
  if ('DeleteStmt' in node) return 'WHERE'
  return undefined
}

/** SELECT, INSERT, UPDATE or DELETE (what a SQL function's body may hold); undefined for
 * other statements. */
export function bindQueryStatement(context: BindContext, node: Node): BoundStatement | undefined {
  if ('SelectStmt' in node) {
    const select = bindSelect(context, node.SelectStmt)
    return { ...select, hasInlineCalls: context.hasInlineCalls }
  }
  if ('InsertStmt' in node) return bindInsert(context, node.InsertStmt)
  if ('UpdateStmt' in node) return bindUpdate(context, node.UpdateStmt)
  if ('DeleteStmt' in node) return bindDelete(context, node.DeleteStmt)
  return undefined
}
