/**
 * WAL: the write-ahead log. Framed, checksummed records in segment files; appends in memory and
 * group commit (one fsync in flight; commits that arrive meanwhile share the next); a reader for
 * recovery that truncates a torn tail and refuses a log damaged before its end.
 * Not here: what the records mean (kernel/log-records.ts) or replaying them (kernel/recovery.ts).
 * Imports: vfs, pager (storage errors), lib, errors, limits. Tests: wal.test.ts.
 */
export { segmentName } from './segment-name.js'
export {
  listSegments,
  scanWal,
  type WalEnd,
  WalReader,
  type WalScan,
  type WalSegment,
} from './wal-reader.js'
export { type WalRecord, walRecordHeaderBytes } from './wal-record.js'
export { WalWriter, type WalWriterOptions } from './wal-writer.js'
