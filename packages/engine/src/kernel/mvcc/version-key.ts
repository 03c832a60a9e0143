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
import {
  headOf,
  readUint32,
  readUint53,
  tailOf,
  writeUint32,
  writeUint53,
} from '../../lib/bytes.js'

export const versionSuffixBytes = 8
const versionHeaderBytes = 13
const twoTo32 = 0x1_0000_0000
const maxU32 = 0xffff_ffff

export const versionKinds = { row: 1, tombstone: 2 } as const

export interface VersionId {
  readonly transactionId: number
  readonly commandId: number
}

// Sequences, transaction ids and command ids stay below 2^53, so 64-bit fields are written and
// read as two 32-bit halves in plain numbers: this runs for every version read or written, and
// BigInt conversions cost more than the rest of the encoding.

export function encodeVersionKey(userKey: Uint8Array, sequence: number): Uint8Array {
  assert(Number.isSafeInteger(sequence) && sequence >= 0, 'a sequence is a safe integer')
  const key = new Uint8Array(userKey.length + versionSuffixBytes)
  key.set(userKey)
  const low = sequence % twoTo32
  writeUint32(key, userKey.length, maxU32 - (sequence - low) / twoTo32)
  writeUint32(key, userKey.length + 4, maxU32 - low)
  return key
}

export function decodeVersionKey(key: Uint8Array): { userKey: Uint8Array; sequence: number } {
  assert(key.length >= versionSuffixBytes, 'a version key has a version suffix')
  const split = key.length - versionSuffixBytes
  const high = maxU32 - readUint32(key, split)
  const low = maxU32 - readUint32(key, split + 4)
  return { userKey: headOf(key, split), sequence: high * twoTo32 + low }
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
  value[0] = row === undefined ? versionKinds.tombstone : versionKinds.row
  writeUint53(value, 1, version.transactionId)
  writeUint32(value, 9, version.commandId)
  if (row !== undefined) value.set(row, versionHeaderBytes)
  return value
}

/** The row of a version value (a copy or a view, whichever is cheaper: lib/bytes.ts), or
 * undefined for a tombstone. */
export function decodeVersionValue(value: Uint8Array): Uint8Array | undefined {
  const kind = value[0]
  assert(kind === versionKinds.row || kind === versionKinds.tombstone, 'known version kind')
  assert(value.length >= versionHeaderBytes, 'a version value has its header')
  return kind === versionKinds.row ? tailOf(value, versionHeaderBytes) : undefined
}

/** Who wrote a version (transaction and command). */
export function decodeVersionId(value: Uint8Array): VersionId {
  assert(value.length >= versionHeaderBytes, 'a version value has its header')
  return {
    transactionId: readUint53(value, 1),
    commandId: readUint32(value, 9),
  }
}

/** The writing transaction of the version value at bytes[offset...] (decodeVersionId without
 * an object or a view). */
export function versionTransactionIdAt(bytes: Uint8Array, offset: number): number {
  return readUint53(bytes, offset + 1)
}

/** The writing command of the version value at bytes[offset...]. */
export function versionCommandIdAt(bytes: Uint8Array, offset: number): number {
  return readUint32(bytes, offset + 9)
}

/** Where the row of the version value at bytes[offset...] starts, or -1 for a tombstone. */
export function versionRowStartAt(bytes: Uint8Array, offset: number): number {
  const kind = bytes[offset]
  assert(kind === versionKinds.row || kind === versionKinds.tombstone, 'known version kind')
  return kind === versionKinds.row ? offset + versionHeaderBytes : -1
}

/** Whether `key` (a version key) belongs to `userKey`. */
export function isVersionOf(key: Uint8Array, userKey: Uint8Array): boolean {
  if (key.length !== userKey.length + versionSuffixBytes) return false
  for (let i = 0; i < userKey.length; i++) if (key[i] !== userKey[i]) return false
  return true
}
