/**
 * SQL value functions: the keywords CURRENT_DATE, CURRENT_TIME[(p)], CURRENT_TIMESTAMP[(p)],
 * LOCALTIME[(p)], LOCALTIMESTAMP[(p)], CURRENT_USER, USER, CURRENT_ROLE, SESSION_USER,
 * CURRENT_CATALOG and CURRENT_SCHEMA, which the parser gives as SQLValueFunction nodes. Each is a
 * call of the declared function PostgreSQL maps it to; a precision becomes the call's argument
 * and the result's typmod (at most 6, as in PostgreSQL), so `CURRENT_TIMESTAMP(3)` describes
 * itself as timestamp(3) with time zone.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { sqlTypes, withTypmod } from '../../types/index.js'
import { builtinCatalog, resolveFunction } from '../functions/index.js'
import type { SQLValueFunction } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundExpr } from './bound.js'

/** The function each keyword calls, and whether it takes the precision. */
const functionOf: Readonly<Record<string, { name: string; hasPrecision: boolean }>> = {
  SVFOP_CURRENT_DATE: { name: 'current_date', hasPrecision: false },
  SVFOP_CURRENT_TIME: { name: 'current_time', hasPrecision: false },
  SVFOP_CURRENT_TIME_N: { name: 'current_time', hasPrecision: true },
  SVFOP_CURRENT_TIMESTAMP: { name: 'current_timestamp', hasPrecision: false },
  SVFOP_CURRENT_TIMESTAMP_N: { name: 'current_timestamp', hasPrecision: true },
  SVFOP_LOCALTIME: { name: 'localtime', hasPrecision: false },
  SVFOP_LOCALTIME_N: { name: 'localtime', hasPrecision: true },
  SVFOP_LOCALTIMESTAMP: { name: 'localtimestamp', hasPrecision: false },
  SVFOP_LOCALTIMESTAMP_N: { name: 'localtimestamp', hasPrecision: true },
  SVFOP_CURRENT_ROLE: { name: 'current_user', hasPrecision: false },
  SVFOP_CURRENT_USER: { name: 'current_user', hasPrecision: false },
  SVFOP_USER: { name: 'current_user', hasPrecision: false },
  SVFOP_SESSION_USER: { name: 'session_user', hasPrecision: false },
  SVFOP_CURRENT_CATALOG: { name: 'current_database', hasPrecision: false },
  SVFOP_CURRENT_SCHEMA: { name: 'current_schema', hasPrecision: false },
}

/** Largest fractional-second precision of time and timestamp types. */
const precisionMax = 6

export function bindValueFunction(context: BindContext, node: SQLValueFunction): BoundExpr {
  const target = functionOf[node.op ?? '']
  const position = context.position(node.location)
  if (target === undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `SQL value function ${node.op ?? '?'} is not supported yet`,
      position === undefined ? {} : { position },
    )
  }
  const catalog = builtinCatalog()
  const declarations = catalog.functions.get(target.name) ?? []
  // The grammar only accepts an unsigned integer literal as the precision.
  const precision = Math.min(node.typmod ?? 0, precisionMax)
  const args: BoundExpr[] = target.hasPrecision
    ? [{ kind: 'Constant', type: sqlTypes.int4, value: precision }]
    : []
  const resolution = resolveFunction(
    catalog,
    target.name,
    declarations,
    args.map((arg) => arg.type),
  )
  if (resolution === undefined) {
    throw new SqlError(SqlState.internalError, `no declaration of ${target.name} fits`)
  }
  return {
    kind: 'Call',
    type: target.hasPrecision
      ? withTypmod(resolution.resultType, precision)
      : resolution.resultType,
    name: target.name,
    callee: resolution.declaration,
    isOperator: false,
    args,
  }
}

/** The column name PostgreSQL gives a SQL value function in a target list. */
export function valueFunctionColumnName(node: SQLValueFunction): string {
  switch (node.op) {
    case 'SVFOP_CURRENT_TIME_N':
      return 'current_time'
    case 'SVFOP_CURRENT_TIMESTAMP_N':
      return 'current_timestamp'
    case 'SVFOP_LOCALTIME_N':
      return 'localtime'
    case 'SVFOP_LOCALTIMESTAMP_N':
      return 'localtimestamp'
    case undefined:
      return '?column?'
    default:
      return node.op.slice('SVFOP_'.length).toLowerCase()
  }
}
