/**
 * The parts of SQL PREPARE and EXECUTE that read the catalog: PREPARE's declared parameter
 * types, and EXECUTE's argument expressions, each converted to its parameter's type by an
 * assignment coercion, as PostgreSQL's EvaluateParams does (42804 when there is none). The
 * session keeps the statements and runs them (session/engine-session.ts).
 */
import type { Catalog, SearchPath } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type SqlType, sqlTypes, type TypeContext } from '../../types/index.js'
import type { Node, ParsedStatement } from '../parse/index.js'
import { BindContext, type BindSession } from './bind-context.js'
import { bindExpression, convertType, locationOf } from './bind-expression.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundExpr } from './bound.js'
import { Scope } from './scope.js'

/** PREPARE name (type, ...): the declared types. */
export function bindDeclaredTypes(
  catalog: Catalog,
  searchPath: SearchPath,
  statement: ParsedStatement,
  nodes: readonly Node[],
): SqlType[] {
  const context = {
    catalog,
    searchPath,
    position: (location: number | undefined) => statement.source.positionAt(location),
  }
  return nodes.map((node) =>
    resolveTypeNode(context, 'TypeName' in node ? node.TypeName : undefined),
  )
}

/** EXECUTE name (argument, ...): the arguments as expressions of the parameters' types. */
export function bindExecuteArguments(
  catalog: Catalog,
  statement: ParsedStatement,
  nodes: readonly Node[],
  types: readonly SqlType[],
  typeContext: TypeContext,
  session: BindSession,
): BoundExpr[] {
  const context = new BindContext(catalog, statement.source, typeContext, session)
  context.bindSubquery = () => {
    throw new SqlError(SqlState.featureNotSupported, 'cannot use subquery in EXECUTE parameter')
  }
  context.aggregateBan = 'EXECUTE parameters'
  context.windowBan = 'EXECUTE parameters'
  const scope = Scope.empty()
  const bound = nodes.map((node, index) => {
    const type = types[index]
    const expr = bindExpression(context, scope, node)
    if (type === undefined) return expr
    const position = context.position(locationOf(node))
    const converted = convertType(context, expr, type, 'assignment', position)
    if (converted !== undefined) return converted
    throw new SqlError(
      SqlState.datatypeMismatch,
      `parameter $${index + 1} of type ${expr.type.displayName} cannot be coerced to the expected type ${type.displayName}`,
      {
        hint: 'You will need to rewrite or cast the expression.',
        ...(position === undefined ? {} : { position }),
      },
    )
  })
  if (context.parameterTypes(sqlTypes.text).length > 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'parameters in EXECUTE arguments are not supported yet',
    )
  }
  return bound
}
