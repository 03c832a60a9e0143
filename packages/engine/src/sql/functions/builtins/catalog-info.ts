/**
 * System information functions that read the catalog (PostgreSQL's "System Information
 * Functions" and "System Catalog Information Functions"): current_schemas, and the pg_get_*
 * family as it grows. The answers come from CallContext.catalog (implemented over the
 * statement's catalog version by catalog/system/catalog-access.ts). Volatility and strictness
 * as in pg_proc.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { SqlArray } from '../../../types/index.js'
import type { BuiltinFamily, CallContext, CatalogAccess } from '../registry.js'

function catalogOf(call: CallContext): CatalogAccess {
  if (call.catalog === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'catalog functions need a session')
  }
  return call.catalog
}

export const catalogInfoBuiltins: BuiltinFamily = {
  functions: [
    {
      name: 'current_schemas',
      args: ['bool'],
      returns: 'name[]',
      volatility: 'stable',
      isStrict: true,
      evaluate: ([isImplicit], call) =>
        new SqlArray([...catalogOf(call).currentSchemas(isImplicit === true)]),
    },
  ],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
