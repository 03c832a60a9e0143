/**
 * Secondary index scans: the lookups of a plan's SecondaryIndexAccess become key ranges over
 * the index's entries (equal values encoded as a key prefix, then a range on the next key);
 * each entry's value is its row's key, read with one get. Rows come in index order (backward
 * when asked); lookups run in the order given, a repeated one (`a IN (1, 1)`) once.
 *
 * NULL never equals anything and never lies in a range, so a lookup with a NULL value reads
 * nothing, and a range stops at the NULLs of its key (which sort first or last).
 */
import {
  encodeIndexPrefix,
  getRowBySuffix,
  type IndexWriter,
  indexPrefixRange,
  indexWriter,
} from '../../access/index.js'
import type { Table } from '../../catalog/index.js'
import { InternalError } from '../../errors/index.js'
import type { KernelTransaction, KeyBound, KeyRange } from '../../kernel/index.js'
import { compareBytes, prefixEnd } from '../../lib/keycode.js'
import type { Row, Value } from '../../types/index.js'
import type { IndexLookup, SecondaryIndexAccess } from '../bind/index.js'
import {
  type CompiledExpression,
  type CompileScope,
  compileExpression,
} from './compile-expression.js'
import { indexRowCompiler } from './index-rows.js'

interface CompiledLookup {
  readonly equal: readonly CompiledExpression[]
  readonly lower: { readonly value: CompiledExpression; readonly isInclusive: boolean } | undefined
  readonly upper: { readonly value: CompiledExpression; readonly isInclusive: boolean } | undefined
}

/** A compiled secondary index scan: call it per execution for the rows and their keys;
 * `entries()` gives the visible entries' row keys without fetching the rows (an index-only
 * scan: an entry is visible exactly when its row version is, see access/index-access.ts). */
export type IndexScanner = {
  (): Iterable<{ readonly suffix: Uint8Array; readonly row: Row }>
  readonly entries: () => Iterable<Uint8Array>
}

export function compileIndexScan(
  scope: CompileScope,
  table: Table,
  access: SecondaryIndexAccess,
  isBackward: boolean,
): IndexScanner {
  const writer = indexWriter(table, access.index, indexRowCompiler(scope.execution))
  const lookups = access.lookups.map((lookup) => compileLookup(scope, lookup))
  const transaction = (): KernelTransaction => scope.execution.transaction
  const direction = isBackward ? 'backward' : 'forward'
  function* entries(): Generator<Uint8Array> {
    const ranges: KeyRange[] = []
    if (lookups.length === 0) ranges.push(indexPrefixRange(writer, []))
    const seen: Uint8Array[] = []
    for (const lookup of lookups) {
      const range = lookupRange(writer, lookup)
      if (range === undefined) continue
      const start = range.lower?.key
      if (start !== undefined && seen.some((key) => compareBytes(key, start) === 0)) continue
      if (start !== undefined) seen.push(start)
      ranges.push(range)
    }
    if (isBackward) ranges.reverse()
    for (const range of ranges) {
      for (const entry of transaction().scan(range, direction)) yield entry.value
    }
  }
  function* rows(): Generator<{ readonly suffix: Uint8Array; readonly row: Row }> {
    for (const value of entries()) {
      const suffix = value.slice()
      const row = getRowBySuffix(transaction(), table, suffix)
      if (row !== undefined) yield { suffix, row }
    }
  }
  return Object.assign(rows, { entries })
}

function compileLookup(scope: CompileScope, lookup: IndexLookup): CompiledLookup {
  const bound = (b: IndexLookup['lower']) =>
    b === undefined
      ? undefined
      : { value: compileExpression(scope, b.expr), isInclusive: b.isInclusive }
  return {
    equal: lookup.equal.map((expr) => compileExpression(scope, expr)),
    lower: bound(lookup.lower),
    upper: bound(lookup.upper),
  }
}

/** Tag byte of a non-NULL key component (keycode.ts), as stored for an ASC or DESC key. */
const valueTag = 0x02

/**
 * The entry range of one lookup, or undefined when it can match nothing. A bound on a DESC key
 * limits the other end of the byte range; an open side stops at the key's NULLs.
 */
function lookupRange(writer: IndexWriter, lookup: CompiledLookup): KeyRange | undefined {
  const equal: Value[] = lookup.equal.map((value) => value([]))
  if (equal.includes(null)) return undefined
  if (lookup.lower === undefined && lookup.upper === undefined) {
    return indexPrefixRange(writer, equal)
  }
  const position = equal.length
  const key = writer.index.keys[position]
  if (key === undefined) return indexPrefixRange(writer, equal)
  const prefix = encodeIndexPrefix(writer, equal)
  const boundKey = (value: Value): Uint8Array => encodeIndexPrefix(writer, [...equal, value])
  // Every non-NULL value of the key starts with its tag: [prefix|tag, prefix|tag+1).
  const tag = key.descending ? valueTag ^ 0xff : valueTag
  let start: KeyBound = { key: withByte(prefix, tag), inclusive: true }
  let end: KeyBound = { key: withByte(prefix, tag + 1), inclusive: false }
  const low = lookup.lower === undefined ? undefined : lookup.lower.value([])
  const high = lookup.upper === undefined ? undefined : lookup.upper.value([])
  if (low === null || high === null) return undefined
  // In byte order, an ASC key's lower bound is the range's start; a DESC key's is its end.
  const apply = (value: Value, isInclusive: boolean, isLowerValue: boolean): void => {
    const encoded = boundKey(value)
    const isStart = isLowerValue !== key.descending
    if (isStart) {
      start = isInclusive
        ? { key: encoded, inclusive: true }
        : { key: after(encoded), inclusive: true }
    } else {
      end = isInclusive
        ? { key: after(encoded), inclusive: false }
        : { key: encoded, inclusive: false }
    }
  }
  if (low !== undefined && lookup.lower !== undefined) apply(low, lookup.lower.isInclusive, true)
  if (high !== undefined && lookup.upper !== undefined) apply(high, lookup.upper.isInclusive, false)
  if (compareBytes(start.key, end.key) >= 0) return undefined
  return { lower: start, upper: end }
}

function withByte(prefix: Uint8Array, byte: number): Uint8Array {
  const key = new Uint8Array(prefix.length + 1)
  key.set(prefix)
  key[prefix.length] = byte
  return key
}

function after(key: Uint8Array): Uint8Array {
  const end = prefixEnd(key)
  if (end === undefined) throw new InternalError('an index key has a successor')
  return end
}
