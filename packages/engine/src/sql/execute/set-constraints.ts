/**
 * SET CONSTRAINTS { ALL | name, ... } { DEFERRED | IMMEDIATE }: changes the transaction's
 * deferral modes (deferred-constraints.ts). Names are looked up among the constraints of the
 * tables in the search path's schemas, or of the named schema (42704 when none has the name);
 * a constraint that is not DEFERRABLE cannot be named (42809). IMMEDIATE runs the checks
 * already deferred for those constraints at once, as PostgreSQL does.
 */
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { BoundSetConstraints } from '../bind/index.js'
import type { ExecutionContext } from './execution-context.js'
import { runDeferredChecks } from './foreign-keys.js'
import type { StatementResult } from './statement-result.js'

export function executeSetConstraints(
  statement: BoundSetConstraints,
  context: ExecutionContext,
): StatementResult {
  const mode = statement.isDeferred ? 'deferred' : 'immediate'
  const deferred = context.deferred
  const names = new Set<string>()
  if (statement.names === undefined) {
    deferred.setAll(mode)
  } else {
    for (const { schema, name } of statement.names) {
      const schemas = schema === undefined ? context.searchPath : [schema]
      const found = constraintsNamed(context, schemas, name)
      if (found.length === 0) {
        throw new SqlError(SqlState.undefinedObject, `constraint "${name}" does not exist`)
      }
      if (found.some((isDeferrable) => !isDeferrable)) {
        throw new SqlError(SqlState.wrongObjectType, `constraint "${name}" is not deferrable`)
      }
      deferred.setNamed(name, mode)
      names.add(name)
    }
  }
  if (mode === 'immediate') {
    const due = deferred.takeDue((check) => statement.names === undefined || names.has(check.key))
    runDeferredChecks(context, due)
  }
  return {
    command: 'SET CONSTRAINTS',
    commandTag: 'SET CONSTRAINTS',
    columns: undefined,
    rows: [],
    rowCount: undefined,
    notices: context.notices,
  }
}

/** Whether each constraint named `name` in the schemas is deferrable (only foreign keys can be). */
function constraintsNamed(
  context: ExecutionContext,
  schemas: readonly string[],
  name: string,
): boolean[] {
  const found: boolean[] = []
  for (const table of context.catalog.tables()) {
    if (!schemas.includes(table.schema)) continue
    for (const key of table.foreignKeys) if (key.name === name) found.push(key.isDeferrable)
    if (hasOtherConstraint(table, name)) found.push(false)
  }
  return found
}

function hasOtherConstraint(table: Table, name: string): boolean {
  return (
    table.primaryKey?.name === name ||
    table.checks.some((check) => check.name === name) ||
    table.indexes.some((index) => index.isConstraint && index.name === name)
  )
}
