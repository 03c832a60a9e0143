/**
 * Comment functions: obj_description(oid, catalog) and col_description(oid, column), reading
 * what COMMENT ON stored, through the session's view of the catalog (TypeContext
 * relationNames). Stable and strict, as in pg_proc; an unknown object or catalog name gives NULL.
 */
import type { Value } from '../../../types/index.js'
import type { BuiltinFamily, CallContext } from '../registry.js'

function commentOf(call: CallContext, oid: Value, catalog: string, column: number): Value {
  if (typeof oid !== 'number') return null
  return call.types.relationNames?.commentOf?.(oid, catalog, column) ?? null
}

export const commentBuiltins: BuiltinFamily = {
  functions: [
    {
      name: 'obj_description',
      args: ['oid', 'name'],
      returns: 'text',
      volatility: 'stable',
      isStrict: true,
      evaluate: ([oid, catalog], call) =>
        commentOf(call, oid ?? null, typeof catalog === 'string' ? catalog : '', 0),
    },
    {
      name: 'col_description',
      args: ['oid', 'int4'],
      returns: 'text',
      volatility: 'stable',
      isStrict: true,
      evaluate: ([oid, column], call) =>
        typeof column === 'number' && column > 0
          ? commentOf(call, oid ?? null, 'pg_class', column)
          : null,
    },
  ],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
