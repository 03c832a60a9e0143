/**
 * A BindContext made ready to bind a statement: the hooks through which expression binding
 * reaches the query binder (subqueries, window calls; they live in files that bind expressions
 * themselves) and where window calls are refused by statement kind. Used for statements sent by
 * clients (binder.ts) and for the statements of SQL function bodies (bind-routine-body.ts).
 */
import type { Node } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindInsert } from './bind-insert.js'
import { bindDelete, bindUpdate } from './bind-modify.js'
import { bindSelect } from './bind-select.js'
import { bindWindowCall } from './bind-window.js'
import type { BoundStatement } from './bound.js'

export function prepareContext(context: BindContext, node: Node): void {
  context.bindSubquery = (select, parent) => bindSelect(context, select, parent)
  context.bindWindowCall = (scope, call, name) => bindWindowCall(context, scope, call, name)
  context.windowBan = windowBanOf(node)
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
