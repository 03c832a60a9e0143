/**
 * User-defined enum types as SqlType values (CREATE TYPE ... AS ENUM; the catalog owns them).
 *
 * Each label is a member with three identities, each for one purpose:
 *   - `label`: the text (what input reads and output prints; RENAME VALUE changes it);
 *   - `oid`: never changes and is never reused (PostgreSQL's pg_enum row OID, from the catalog's
 *     OID allocator): what a table row stores, so RENAME VALUE rewrites no row;
 *   - `sortKey`: the member's place in the type's order, a byte string compared unsigned
 *     lexicographically (shorter prefix first). ADD VALUE BEFORE / AFTER picks a key strictly
 *     between its neighbours' (`sortKeyBetween`), which always exists, so existing keys never
 *     change: index entries (keyed by sortKey) stay valid forever. PostgreSQL uses float4 sort
 *     orders and renumbers when they run out, which its btrees survive because they compare
 *     through pg_enum; our index keys are bytes compared by the kernel, hence unbounded keys.
 * A value in memory is its label (a string), as before user types existed.
 */
import { assert } from '../lib/assert.js'
import { compareBytes } from '../lib/keycode.js'
import type { SqlType } from './sql-type.js'

export interface EnumMember {
  readonly label: string
  readonly oid: number
  readonly sortKey: Uint8Array
  /** Added by ALTER TYPE ... ADD VALUE in a transaction that has not committed: input of the
   * label is refused (55P04) until it has, as in PostgreSQL (an index built on it could
   * otherwise outlive a rollback of the label). Never stored; cleared when the catalog is
   * published (Catalog.committed). */
  readonly isUncommitted?: true
}

/** PostgreSQL's NAMEDATALEN - 1: a label's bytes at most. */
export const enumLabelBytesMax = 63

export interface EnumTypeDefinition {
  readonly oid: number
  readonly arrayOid: number
  readonly schema: string
  readonly name: string
  /** Members in any order; the type keeps them sorted by sortKey. */
  readonly members: readonly EnumMember[]
}

/** The SqlType of an enum (pg_type: typlen 4, category E). */
export function enumType(definition: EnumTypeDefinition): SqlType {
  const members = [...definition.members].sort((a, b) => compareBytes(a.sortKey, b.sortKey))
  return {
    kind: 'enum',
    oid: definition.oid,
    name: definition.name,
    size: 4,
    displayName: definition.name,
    category: 'E',
    isPreferred: false,
    typmod: -1,
    arrayOid: definition.arrayOid,
    enumLabels: members.map((m) => m.label),
    enumMembers: members,
    schema: definition.schema,
  }
}

/** CREATE TYPE's enum: `labels` in order, their OIDs consecutive from `firstLabelOid`. */
export function newEnumType(
  definition: Omit<EnumTypeDefinition, 'members'> & {
    readonly labels: readonly string[]
    readonly firstLabelOid: number
  },
): SqlType {
  const { oid, arrayOid, schema, name, labels, firstLabelOid } = definition
  const sortKeys = initialSortKeys(labels.length)
  const members = labels.map(
    (label, i): EnumMember => ({
      label,
      oid: firstLabelOid + i,
      sortKey: sortKeys[i] ?? new Uint8Array(0),
    }),
  )
  return enumType({ oid, arrayOid, schema, name, members })
}

/** Sort keys for the labels of CREATE TYPE, in order: short, with room around each. */
export function initialSortKeys(count: number): Uint8Array[] {
  const keys: Uint8Array[] = []
  let previous: Uint8Array | undefined
  for (let i = 0; i < count; i++) {
    previous = sortKeyBetween(previous, undefined)
    keys.push(previous)
  }
  return keys
}

/**
 * A key strictly between `low` and `high` (undefined: unbounded). Keys never end in a 0 byte,
 * which guarantees a key between any two distinct keys. Appending (high undefined) increments
 * the first byte below 255, so a type grown one value at a time keeps short keys.
 */
export function sortKeyBetween(
  low: Uint8Array | undefined,
  high: Uint8Array | undefined,
): Uint8Array {
  const a = low ?? new Uint8Array(0)
  if (high === undefined) {
    for (let i = 0; i < a.length; i++) {
      const digit = a[i] ?? 0
      if (digit < 255) return Uint8Array.from([...a.subarray(0, i), digit + 1])
    }
    return Uint8Array.from([...a, 128])
  }
  assert(compareBytes(a, high) < 0, 'sort key bounds are ordered')
  const out: number[] = []
  let upper: Uint8Array | undefined = high
  // Each step either returns or copies a digit of `a` (or 0 past its end while `upper` still
  // bounds): at most a.length + high.length + 1 steps.
  for (let i = 0; ; i++) {
    const da = a[i] ?? 0
    const db = upper === undefined ? 256 : (upper[i] ?? 0)
    if (db - da > 1) {
      out.push((da + db) >> 1)
      return Uint8Array.from(out)
    }
    out.push(da)
    // Below `upper` from here on: only `a` bounds what follows.
    if (db - da === 1) upper = undefined
  }
}

/** The member with `label`, if any. */
export function findEnumMember(type: SqlType, label: string): EnumMember | undefined {
  return type.enumMembers?.find((m) => m.label === label)
}
