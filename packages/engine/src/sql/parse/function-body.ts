/**
 * The statements of a SQL-standard function body (CREATE FUNCTION ... RETURN expr / BEGIN
 * ATOMIC ... END), as the parser nests them: RETURN expr is read as SELECT expr.
 */
import type { Node } from './ast.js'

/** The statements of a SQL-standard body: RETURN expr is SELECT expr; BEGIN ATOMIC's list. */
export function bodyStatements(sqlBody: Node): Node[] {
  if ('ReturnStmt' in sqlBody) {
    const value = sqlBody.ReturnStmt.returnval
    return [
      { SelectStmt: { targetList: value === undefined ? [] : [{ ResTarget: { val: value } }] } },
    ]
  }
  if ('List' in sqlBody) {
    return (sqlBody.List.items ?? []).flatMap((item) =>
      'List' in item ? (item.List.items ?? []) : [item],
    )
  }
  return [sqlBody]
}
