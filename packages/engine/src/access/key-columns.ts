/**
 * Key columns: how a value of each SQL type is encoded in an order-preserving key, shared by
 * table keys (table-access.ts) and secondary index entries (index-access.ts), so a lookup value
 * encodes exactly like the stored key it is compared with.
 */
import type { KeyColumn, KeyKind } from '../lib/keycode.js'
import { behaviourOf, isIntegerType, type SqlType, type Value } from '../types/index.js'

function keyKindOf(type: SqlType): KeyKind {
  if (isIntegerType(type)) return 'integer'
  if (type.kind === 'bool') return 'boolean'
  if (type.kind === 'text') return 'text'
  return 'custom'
}

/** The key column of a value of `type`: the shared encodings for integers, bool and text (so
 * 1::int4 and 1::int8 encode alike), the type's own order-preserving encoding otherwise. */
export function keyColumnOf(
  type: SqlType,
  order: { readonly descending: boolean; readonly nullsFirst: boolean },
): KeyColumn {
  const kind = keyKindOf(type)
  if (kind !== 'custom') return { kind, ...order }
  const behaviour = behaviourOf(type)
  return {
    kind,
    ...order,
    encode: (value, writer) => behaviour.encodeKey(value as Value, type, writer),
  }
}
