/**
 * Reads past change-feed events back from the WAL: transactions whose commit record lies after
 * a given LSN, with the changes their `changes` records name and the new values their put
 * records hold. Only durable records are read (below the writer's durable LSN).
 *
 * A transaction whose first writes lie in segments already deleted (one that ran across a
 * checkpoint: a long transaction triggers checkpoints itself) cannot be rebuilt: its new values
 * are gone. Resuming to before its commit is refused (55000) rather than reporting those rows
 * as deleted.
 */
import { SqlError, SqlState } from '../errors/index.js'
import {
  type ChangeEvent,
  decodeChanges,
  type KeyChange,
  type LoggedChange,
} from './change-feed.js'
import { decodeLogRecord } from './log-records.js'
import { decodeVersionValue, encodeVersionKey } from './mvcc/index.js'
import type { Vfs } from './vfs/index.js'
import { listSegments, WalReader } from './wal/index.js'

function keyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}

export function readChangesFromWal(
  vfs: Vfs,
  directory: string,
  fromLsn: number,
  lsnDurable: number,
): ChangeEvent[] {
  const oldest = listSegments(vfs, directory)[0]?.startLsn ?? lsnDurable
  if (fromLsn < oldest) {
    throw new SqlError(
      SqlState.objectNotInPrerequisiteState,
      `change feed position ${fromLsn} is no longer available; the oldest position still in the WAL is ${oldest}`,
    )
  }
  const puts = new Map<number, Map<string, Uint8Array | undefined>>()
  const logged = new Map<number, LoggedChange[]>()
  const events: ChangeEvent[] = []
  // One record at a time (a payload is valid until the next): only the transactions still
  // open at that point of the log are kept, with their new values.
  const reader = new WalReader(vfs, directory, oldest)
  try {
    for (let record = reader.next(); record !== undefined; record = reader.next()) {
      if (record.lsn >= lsnDurable) break
      const decoded = decodeLogRecord(record.type, record.payload)
      const id = decoded.transactionId
      switch (decoded.kind) {
        case 'put':
        case 'delete': {
          let versions = puts.get(id)
          if (versions === undefined) {
            versions = new Map()
            puts.set(id, versions)
          }
          versions.set(
            keyString(decoded.key),
            decoded.kind === 'put' ? decoded.value.slice() : undefined,
          )
          break
        }
        case 'changes':
          logged.set(id, decodeChanges(decoded.payload).changes)
          break
        case 'commit': {
          const changes = logged.get(id)
          if (changes !== undefined && record.lsn > fromLsn) {
            const resolved = resolve(changes, puts.get(id))
            if (resolved === undefined) {
              throw new SqlError(
                SqlState.objectNotInPrerequisiteState,
                `change feed position ${fromLsn} is no longer available; transaction ${id}, committed at ${record.lsn}, began before the oldest position still in the WAL, ${oldest}`,
              )
            }
            events.push({
              lsn: record.lsn,
              commitTimeMs: decoded.commitTimeMs,
              transactionId: id,
              changes: resolved,
            })
          }
          puts.delete(id)
          logged.delete(id)
          break
        }
        case 'abort':
        case 'abandon':
          puts.delete(id)
          logged.delete(id)
          break
      }
    }
  } finally {
    reader.close()
  }
  return events
}

/** The changes with their new values, or undefined if a final version's put record is not in
 * the log read (it lies before the oldest segment kept). */
function resolve(
  changes: readonly LoggedChange[],
  versions: ReadonlyMap<string, Uint8Array | undefined> | undefined,
): KeyChange[] | undefined {
  const resolved: KeyChange[] = []
  for (const change of changes) {
    const versionKey = keyString(encodeVersionKey(change.key, change.sequence))
    if (versions?.has(versionKey) !== true) return undefined
    const stored = versions.get(versionKey)
    resolved.push({
      key: change.key,
      before: change.before,
      after: stored === undefined ? undefined : decodeVersionValue(stored),
    })
  }
  return resolved
}
