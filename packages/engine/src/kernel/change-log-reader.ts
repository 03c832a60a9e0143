/**
 * Reads past change-feed events back from the WAL: transactions whose commit record lies after
 * a given LSN, with the changes their `changes` records name and the new values their put
 * records hold. Only durable records are read (below the writer's durable LSN).
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
import { listSegments, scanWal } from './wal/index.js'

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
  for (const record of scanWal(vfs, directory, oldest).records) {
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
          events.push({
            lsn: record.lsn,
            commitTimeMs: decoded.commitTimeMs,
            transactionId: id,
            changes: resolve(changes, puts.get(id)),
          })
        }
        puts.delete(id)
        logged.delete(id)
        break
      }
      case 'abort':
        puts.delete(id)
        logged.delete(id)
        break
    }
  }
  return events
}

function resolve(
  changes: readonly LoggedChange[],
  versions: ReadonlyMap<string, Uint8Array | undefined> | undefined,
): KeyChange[] {
  return changes.map((change) => {
    const versionKey = encodeVersionKey(change.key, change.sequence)
    const stored = versions?.get(keyString(versionKey))
    return {
      key: change.key,
      before: change.before,
      after: stored === undefined ? undefined : decodeVersionValue(stored),
    }
  })
}
