/**
 * Version keys: each write of a key is a separate B+tree entry: the user key followed by a
 * version sequence number, inverted so that a key's versions sort newest first right after it.
 * The sequence is one counter for the whole kernel, so "newest" means "written last". (Ordering
 * by transaction id instead would put a version written late by an old transaction behind a
 * younger transaction's version, and readers would take the older value for the newest: a lost
 * update.) Writers of one key never overlap (a second writer waits), so for committed versions
 * write order is commit order.
 *
 * Key format (version 1):
 *   user key (prefix-free: no user key is a prefix of another; keycode keys are)
 *   u64  ~sequence, big-endian
 * Value format (version 1):
 *   u8   kind: 1 row, 2 tombstone (the key was deleted)
 *   u64  writer's transaction id
 *   u32  writer's command id
 *   ...  the row bytes (empty for a tombstone)
 */
import { assert } from '../../lib/assert.js'

export const versionSuffixBytes = 8
const versionHeaderBytes = 13
const maxU64 = 0xffff_ffff_ffff_ffffn

export const versionKinds = { row: 1, tombstone: 2 } as const

export interface VersionId {
  readonly transactionId: number
  readonly commandId: number
}

export function encodeVersionKey(userKey: Uint8Array, sequence: number): Uint8Array {
  const key = new Uint8Array(userKey.length + versionSuffixBytes)
  key.set(userKey)
  new DataView(key.buffer, userKey.length).setBigUint64(0, maxU64 - BigInt(sequence))
  return key
}

export function decodeVersionKey(key: Uint8Array): { userKey: Uint8Array; sequence: number } {
  assert(key.length >= versionSuffixBytes, 'a version key has a version suffix')
  const split = key.length - versionSuffixBytes
  const view = new DataView(key.buffer, key.byteOffset + split, versionSuffixBytes)
  return { userKey: key.subarray(0, split), sequence: Number(maxU64 - view.getBigUint64(0)) }
}

/** The smallest version key of `userKey` (its newest possible version). */
export function firstVersionKey(userKey: Uint8Array): Uint8Array {
  const key = new Uint8Array(userKey.length + versionSuffixBytes)
  key.set(userKey)
  return key
}

/** Just past every version of `userKey`. */
export function afterVersionsKey(userKey: Uint8Array): Uint8Array {
  const key = new Uint8Array(userKey.length + versionSuffixBytes + 1)
  key.set(userKey)
  key.fill(0xff, userKey.length, userKey.length + versionSuffixBytes)
  return key
}

export function encodeVersionValue(version: VersionId, row: Uint8Array | undefined): Uint8Array {
  const value = new Uint8Array(versionHeaderBytes + (row?.length ?? 0))
  const view = new DataView(value.buffer)
  view.setUint8(0, row === undefined ? versionKinds.tombstone : versionKinds.row)
  view.setBigUint64(1, BigInt(version.transactionId))
  view.setUint32(9, version.commandId)
  if (row !== undefined) value.set(row, versionHeaderBytes)
  return value
}

/** The row of a version value, or undefined for a tombstone. */
export function decodeVersionValue(value: Uint8Array): Uint8Array | undefined {
  const kind = value[0]
  assert(kind === versionKinds.row || kind === versionKinds.tombstone, 'known version kind')
  assert(value.length >= versionHeaderBytes, 'a version value has its header')
  return kind === versionKinds.row ? value.subarray(versionHeaderBytes) : undefined
}

/** Who wrote a version (transaction and command). */
export function decodeVersionId(value: Uint8Array): VersionId {
  assert(value.length >= versionHeaderBytes, 'a version value has its header')
  const view = new DataView(value.buffer, value.byteOffset, versionHeaderBytes)
  return { transactionId: Number(view.getBigUint64(1)), commandId: view.getUint32(9) }
}

/** Whether `key` (a version key) belongs to `userKey`. */
export function isVersionOf(key: Uint8Array, userKey: Uint8Array): boolean {
  if (key.length !== userKey.length + versionSuffixBytes) return false
  for (let i = 0; i < userKey.length; i++) if (key[i] !== userKey[i]) return false
  return true
}
