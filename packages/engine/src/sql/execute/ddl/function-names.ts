/**
 * Functions as DDL names them (ALTER FUNCTION, GRANT ON FUNCTION): by name, in a schema or the
 * search path, told apart by argument count when a list is given.
 */
import type { SqlFunction } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import type { ExecutionContext } from '../execution-context.js'

/** The function `schema.name(args)` names (argument count when given), or 42883 / 42725. */
export function resolveFunctionNamed(
  context: ExecutionContext,
  schema: string | undefined,
  name: string,
  args: readonly unknown[] | undefined,
): SqlFunction {
  const catalog = context.catalog
  const candidates = catalog
    .functionsNamed(name)
    .filter((fn) =>
      schema === undefined ? context.searchPath.includes(fn.schema) : fn.schema === schema,
    )
  const argCount = args?.length
  const matching =
    argCount === undefined
      ? candidates
      : candidates.filter((fn) => fn.parameters.length === argCount)
  const fn = matching[0]
  if (fn === undefined) {
    throw new SqlError(SqlState.undefinedFunction, `function ${name} does not exist`)
  }
  if (matching.length > 1) {
    throw new SqlError(SqlState.ambiguousFunction, `function name "${name}" is not unique`, {
      hint: 'Specify the argument list to select the function unambiguously.',
    })
  }
  return fn
}
