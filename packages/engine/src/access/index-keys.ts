/**
 * Key space of secondary indexes: every entry of index OID n starts with 0x11 and n (u32,
 * big-endian), so an index's entries form one contiguous range (dropped with one range delete).
 * The rest of an entry's key is the index key then the row's primary key (index-access.ts).
 */
import type { KernelTransaction } from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { prefixEnd } from '../lib/keycode.js'

const indexDataTag = 0x11

export function indexPrefix(indexOid: number): Uint8Array {
  const prefix = new Uint8Array(5)
  prefix[0] = indexDataTag
  new DataView(prefix.buffer).setUint32(1, indexOid)
  return prefix
}

/** Deletes every entry of an index (DROP INDEX, DROP TABLE); returns how many there were. */
export function deleteIndexEntries(transaction: KernelTransaction, indexOid: number): number {
  const prefix = indexPrefix(indexOid)
  const end = prefixEnd(prefix)
  assert(end !== undefined, 'an index prefix has an end')
  const range = { lower: { key: prefix, inclusive: true }, upper: { key: end, inclusive: false } }
  let count = 0
  for (const entry of transaction.scan(range, 'forward')) {
    transaction.delete(entry.key)
    count++
  }
  return count
}
