/**
 * What WAL records mean. The log is a physical history of the one B+tree that holds every row
 * version (version keys, see mvcc/version-key.ts), plus transaction outcomes. Replaying it from a
 * checkpoint's redo LSN reproduces the tree exactly, uncommitted versions included; the outcome
 * records then say which transactions committed.
 *
 * Payloads (version 1), integers big-endian:
 *   1 put      u64 transaction id, u32 key length k, k key bytes, value bytes (the rest)
 *   2 delete   u64 transaction id, u32 key length k, k key bytes
 *   3 commit   u64 transaction id, u64 commit time (milliseconds since the Unix epoch)
 *   4 abort    u64 transaction id (its writes were undone by logged deletes before this)
 *   5 changes  the keys a committing transaction changed and their old values, for the change
 *              feed (change-feed.ts); recovery skips it
 *   6 abandon  u64 transaction id: aborted without undoing its writes (a rollback of more than
 *              rollbackUndoVersionsMax versions); its versions stay in the tree, invisible, until
 *              vacuum removes them, so recovery records it as aborted with versions left
 * The transaction id of put/delete is the writer (vacuum logs its deletes with id 0).
 */
import { InternalError } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import { readUint32, readUint53, writeUint32, writeUint53 } from '../lib/bytes.js'

export const logRecordTypes = {
  put: 1,
  delete: 2,
  commit: 3,
  abort: 4,
  changes: 5,
  abandon: 6,
} as const

export type LogRecord =
  | {
      readonly kind: 'put'
      readonly transactionId: number
      readonly key: Uint8Array
      readonly value: Uint8Array
    }
  | { readonly kind: 'delete'; readonly transactionId: number; readonly key: Uint8Array }
  | { readonly kind: 'commit'; readonly transactionId: number; readonly commitTimeMs: number }
  | { readonly kind: 'abort'; readonly transactionId: number }
  | { readonly kind: 'abandon'; readonly transactionId: number }
  | { readonly kind: 'changes'; readonly transactionId: number; readonly payload: Uint8Array }

// Encoded byte by byte (lib/bytes.ts): one put per row written, and recovery decodes each.
// Puts and deletes are written into the log from their parts (header, key, value).

/** Bytes of a put's or delete's payload before its key: the transaction id and key length. */
export const writeHeaderBytes = 12

/** Writes a put's or delete's header into `target` (writeHeaderBytes long); the payload is that
 * header, the key, then (a put) the value: the kernel logs them from these parts
 * (WalWriter.append), without joining them in a buffer of their own. */
export function encodeWriteHeader(
  target: Uint8Array,
  transactionId: number,
  keyLength: number,
): void {
  writeUint53(target, 0, transactionId)
  writeUint32(target, 8, keyLength)
}

export function encodeOutcome(transactionId: number, commitTimeMs?: number): Uint8Array {
  const payload = new Uint8Array(commitTimeMs === undefined ? 8 : 16)
  writeUint53(payload, 0, transactionId)
  if (commitTimeMs !== undefined) writeUint53(payload, 8, commitTimeMs)
  return payload
}

export function decodeLogRecord(type: number, payload: Uint8Array): LogRecord {
  assert(payload.length >= 8, 'a log record names its transaction')
  const transactionId = readUint53(payload, 0)
  switch (type) {
    case logRecordTypes.put:
    case logRecordTypes.delete: {
      assert(payload.length >= 12, 'a put or delete holds its key length')
      const keyLength = readUint32(payload, 8)
      assert(12 + keyLength <= payload.length, 'the key fits the record')
      const key = payload.subarray(12, 12 + keyLength)
      if (type === logRecordTypes.delete) return { kind: 'delete', transactionId, key }
      return { kind: 'put', transactionId, key, value: payload.subarray(12 + keyLength) }
    }
    case logRecordTypes.commit:
      assert(payload.length === 16, 'a commit record holds its time')
      return { kind: 'commit', transactionId, commitTimeMs: readUint53(payload, 8) }
    case logRecordTypes.abort:
      return { kind: 'abort', transactionId }
    case logRecordTypes.abandon:
      return { kind: 'abandon', transactionId }
    case logRecordTypes.changes:
      return { kind: 'changes', transactionId, payload }
    default:
      throw new InternalError(`unknown WAL record type ${type}`)
  }
}
