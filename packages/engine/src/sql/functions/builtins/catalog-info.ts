/**
 * System information functions that read the catalog (PostgreSQL's "System Information
 * Functions" and "System Catalog Information Functions"): current_schemas, and the pg_get_*
 * family as it grows. The answers come from CallContext.catalog (implemented over the
 * statement's catalog version by catalog/system/catalog-access.ts). Volatility and strictness
 * as in pg_proc.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import type { Value } from '../../../types/index.js'
import { SqlArray } from '../../../types/index.js'
import type { BuiltinFamily, BuiltinFunction, CallContext, CatalogAccess } from '../registry.js'

function catalogOf(call: CallContext): CatalogAccess {
  if (call.catalog === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'catalog functions need a session')
  }
  return call.catalog
}

type Fn = BuiltinFunction

/** A stable, strict function of the catalog. */
function info(
  name: string,
  args: Fn['args'],
  returns: Fn['returns'],
  evaluate: (args: readonly Value[], access: CatalogAccess, call: CallContext) => Value,
): Fn {
  return {
    name,
    args,
    returns,
    volatility: 'stable',
    isStrict: true,
    evaluate: (values, call) => evaluate(values, catalogOf(call), call),
  }
}

const oidOf = (value: Value | undefined): number => Number(value)
const orNull = (value: string | boolean | undefined): Value => value ?? null

/** pg_size_pretty: bytes, kB, MB, GB, TB, PB, rounding half up at each step as PostgreSQL. */
function sizePretty(bytes: bigint): string {
  const limit = 10n * 1024n
  const abs = (x: bigint) => (x < 0n ? -x : x)
  if (abs(bytes) < limit) return `${bytes} bytes`
  // One extra bit is kept for rounding half away from zero.
  let size = bytes / 512n
  for (const unit of ['kB', 'MB', 'GB', 'TB']) {
    if (abs(size) < limit * 2n - 1n) return `${(size + (size < 0n ? -1n : 1n)) / 2n} ${unit}`
    size /= 1024n
  }
  return `${(size + (size < 0n ? -1n : 1n)) / 2n} PB`
}

/** Encodings by number (pg_encoding_to_char); the database is UTF8 (6). */
const encodings: Readonly<Record<number, string>> = { 0: 'SQL_ASCII', 6: 'UTF8' }

/** Object sizes: tables live in the shared B+tree, so no per-relation size is kept: 0. */
const sizeFunctions: Fn[] = [
  'pg_relation_size',
  'pg_total_relation_size',
  'pg_table_size',
  'pg_indexes_size',
].map((name) => info(name, ['regclass'], 'int8', () => 0n))

export const catalogInfoBuiltins: BuiltinFamily = {
  functions: [
    info(
      'current_schemas',
      ['bool'],
      'name[]',
      ([isImplicit], access) => new SqlArray([...access.currentSchemas(isImplicit === true)]),
    ),
    info(
      'pg_get_userbyid',
      ['oid'],
      'name',
      ([oid], access) => access.roleName(oidOf(oid)) ?? `unknown (OID=${oidOf(oid)})`,
    ),
    info('pg_table_is_visible', ['oid'], 'bool', ([oid], access) =>
      orNull(access.isVisible('relation', oidOf(oid))),
    ),
    info('pg_type_is_visible', ['oid'], 'bool', ([oid], access) =>
      orNull(access.isVisible('type', oidOf(oid))),
    ),
    info('pg_function_is_visible', ['oid'], 'bool', ([oid], access) =>
      orNull(access.isVisible('function', oidOf(oid))),
    ),
    {
      // Not strict: a NULL typmod means none.
      name: 'format_type',
      args: ['oid', 'int4'],
      returns: 'text',
      volatility: 'stable',
      isStrict: false,
      evaluate: ([oid, typmod], call) =>
        oid === null || oid === undefined
          ? null
          : (catalogOf(call).formatType(oidOf(oid), typmod === null ? -1 : Number(typmod)) ??
            '???'),
    },
    // Stored expressions are kept as text (pg_node_tree columns hold it): shown as they are.
    info('pg_get_expr', ['text', 'oid'], 'text', ([text]) => text ?? null),
    info('pg_get_expr', ['text', 'oid', 'bool'], 'text', ([text]) => text ?? null),
    info('pg_get_indexdef', ['oid'], 'text', ([oid], access) =>
      orNull(access.indexDefinition(oidOf(oid), 0)),
    ),
    info('pg_get_indexdef', ['oid', 'int4', 'bool'], 'text', ([oid, column], access) =>
      orNull(access.indexDefinition(oidOf(oid), Number(column))),
    ),
    info('pg_get_constraintdef', ['oid'], 'text', ([oid], access) =>
      orNull(access.constraintDefinition(oidOf(oid))),
    ),
    info('pg_get_constraintdef', ['oid', 'bool'], 'text', ([oid], access) =>
      orNull(access.constraintDefinition(oidOf(oid))),
    ),
    info('pg_get_viewdef', ['oid'], 'text', ([oid], access) =>
      orNull(access.viewDefinition(oidOf(oid))),
    ),
    info('pg_get_viewdef', ['oid', 'bool'], 'text', ([oid], access) =>
      orNull(access.viewDefinition(oidOf(oid))),
    ),
    info('pg_get_viewdef', ['text'], 'text', ([name], access, call) => {
      const oid = call.types.relationNames?.findOid(undefined, String(name))
      return oid === undefined ? null : orNull(access.viewDefinition(oid))
    }),
    info('pg_get_function_arguments', ['oid'], 'text', ([oid], access) =>
      orNull(access.functionText(oidOf(oid), 'arguments')),
    ),
    info('pg_get_function_identity_arguments', ['oid'], 'text', ([oid], access) =>
      orNull(access.functionText(oidOf(oid), 'identity')),
    ),
    info('pg_get_function_result', ['oid'], 'text', ([oid], access) =>
      orNull(access.functionText(oidOf(oid), 'result')),
    ),
    info('pg_get_functiondef', ['oid'], 'text', ([oid], access) =>
      orNull(access.functionText(oidOf(oid), 'definition')),
    ),
    info('pg_get_serial_sequence', ['text', 'text'], 'text', ([table, column], access) =>
      orNull(access.serialSequence(String(table), String(column))),
    ),
    info('shobj_description', ['oid', 'name'], 'text', ([oid, catalog], access) =>
      orNull(access.sharedComment(oidOf(oid), String(catalog))),
    ),
    // Objects bkg-db does not have: nothing to print.
    info('pg_get_triggerdef', ['oid'], 'text', () => null),
    info('pg_get_triggerdef', ['oid', 'bool'], 'text', () => null),
    info('pg_get_statisticsobjdef_columns', ['oid'], 'text', () => null),
    info('pg_relation_is_publishable', ['regclass'], 'bool', () => false),
    info('pg_encoding_to_char', ['int4'], 'name', ([code]) => encodings[Number(code)] ?? ''),
    info('pg_my_temp_schema', [], 'oid', () => 0),
    info('pg_is_other_temp_schema', ['oid'], 'bool', () => false),
    info('pg_size_pretty', ['int8'], 'text', ([bytes]) => sizePretty(BigInt(bytes as bigint))),
    ...sizeFunctions,
  ],
  setFunctions: [
    {
      // No partitions: a relation's only ancestor is itself.
      name: 'pg_partition_ancestors',
      args: ['regclass'],
      returns: 'regclass',
      volatility: 'volatile',
      isStrict: true,
      evaluate: ([oid]) => [oid ?? null],
    },
  ],
  operators: [],
  casts: [],
  aggregates: [],
}
