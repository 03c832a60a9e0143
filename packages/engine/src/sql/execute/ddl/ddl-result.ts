/** The result of a DDL statement: its command tag, no rows, and the notices it raised. */
import { SqlError, SqlState } from '../../../errors/index.js'
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

/**
 * CREATE of a relation whose name is taken in `schema`: with IF NOT EXISTS, PostgreSQL's notice
 * and the statement's result (nothing created); without, 42P07. Undefined when the name is free.
 */
export function relationNameTaken(
  context: ExecutionContext,
  create: { readonly name: string; readonly ifNotExists: boolean },
  schema: string,
  commandTag: string,
): StatementResult | undefined {
  if (!context.catalog.hasRelation(schema, create.name)) return undefined
  if (!create.ifNotExists) {
    throw new SqlError(SqlState.duplicateTable, `relation "${create.name}" already exists`)
  }
  context.notices.push({
    severity: 'NOTICE',
    code: SqlState.duplicateTable,
    message: `relation "${create.name}" already exists, skipping`,
  })
  return ddlResult(commandTag, context)
}
