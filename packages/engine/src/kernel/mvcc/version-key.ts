/**
 * Version keys: each write of a key is a separate B+tree entry, the user key followed by the
 * writer's transaction id and command id, both inverted so that a key's versions sort newest
 * first right after it.
 *
 * Format (version 1):
 *   user key (prefix-free: no user key is a prefix of another; keycode keys are)
 *   u64  ~transaction id, big-endian
 *   u32  ~command id, big-endian
 * Value of a version:
 *   u8   kind: 1 row, 2 tombstone (the key was deleted)
 *   ...  the row bytes (empty for a tombstone)
 */
import { assert } from '../../lib/assert.js'

export const versionSuffixBytes = 12
const maxU64 = 0xffff_ffff_ffff_ffffn

export const versionKinds = { row: 1, tombstone: 2 } as const

export interface VersionId {
  readonly transactionId: number
  readonly commandId: number
}

export function encodeVersionKey(userKey: Uint8Array, version: VersionId): Uint8Array {
  const key = new Uint8Array(userKey.length + versionSuffixBytes)
  key.set(userKey)
  const view = new DataView(key.buffer, userKey.length)
  view.setBigUint64(0, maxU64 - BigInt(version.transactionId))
  view.setUint32(8, 0xffff_ffff - version.commandId)
  return key
}

export function decodeVersionKey(key: Uint8Array): { userKey: Uint8Array; version: VersionId } {
  assert(key.length >= versionSuffixBytes, 'a version key has a version suffix')
  const split = key.length - versionSuffixBytes
  const view = new DataView(key.buffer, key.byteOffset + split, versionSuffixBytes)
  return {
    userKey: key.subarray(0, split),
    version: {
      transactionId: Number(maxU64 - view.getBigUint64(0)),
      commandId: 0xffff_ffff - view.getUint32(8),
    },
  }
}

/** The smallest version key of `userKey` (its newest possible version). */
export function firstVersionKey(userKey: Uint8Array): Uint8Array {
  const key = new Uint8Array(userKey.length + versionSuffixBytes)
  key.set(userKey)
  return key
}

/** Just past every version of `userKey`. */
export function afterVersionsKey(userKey: Uint8Array): Uint8Array {
  const key = new Uint8Array(userKey.length + versionSuffixBytes)
  key.set(userKey)
  key.fill(0xff, userKey.length)
  const end = new Uint8Array(key.length + 1)
  end.set(key)
  return end
}

export function encodeVersionValue(row: Uint8Array | undefined): Uint8Array {
  const value = new Uint8Array(1 + (row?.length ?? 0))
  value[0] = row === undefined ? versionKinds.tombstone : versionKinds.row
  if (row !== undefined) value.set(row, 1)
  return value
}

/** The row of a version value, or undefined for a tombstone. */
export function decodeVersionValue(value: Uint8Array): Uint8Array | undefined {
  const kind = value[0]
  assert(kind === versionKinds.row || kind === versionKinds.tombstone, 'known version kind')
  return kind === versionKinds.row ? value.subarray(1) : undefined
}

/** Whether `key` (a version key) belongs to `userKey`. */
export function isVersionOf(key: Uint8Array, userKey: Uint8Array): boolean {
  if (key.length !== userKey.length + versionSuffixBytes) return false
  for (let i = 0; i < userKey.length; i++) if (key[i] !== userKey[i]) return false
  return true
}
