/** The result of a DDL statement: its command tag, no rows, and the notices it raised. */
import type { ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'

export function ddlResult(commandTag: string, context: ExecutionContext): StatementResult {
  return {
    command: commandTag,
    commandTag,
    columns: undefined,
    rows: [],
    rowCount: undefined,
    notices: context.notices.splice(0),
  }
}
