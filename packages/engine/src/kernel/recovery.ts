/**
 * Recovery: opens the data file and the log and brings the version tree to the state of the
 * last durable log record.
 *
 *   1. The pager opens the newest valid meta page: tree root, redo LSN, next transaction id,
 *      transactions running at that checkpoint, crash-aborted transactions.
 *   2. The log is read from the redo LSN, one record at a time (wal/wal-reader.ts: a torn tail
 *      ends it; damage before the tail refuses to open), and puts and deletes are applied to the
 *      tree in log order as they are read: the tree then holds exactly what it held when the last
 *      record was written. Memory does not depend on the size of the log: besides one read
 *      window, recovery keeps only the transactions that wrote and have not ended yet.
 *   3. Transactions that were running at the checkpoint or wrote after it, and have neither a
 *      commit nor an abort record, were cut off by the crash: they are aborted, and their
 *      versions stay (invisible) until vacuum removes them. So are those with an abandon record
 *      (a large rollback that left its versions). A transaction running at the checkpoint has its
 *      earlier writes in the checkpoint's pages and its outcome, if any, after the redo LSN.
 *   4. The torn tail, if any, is cut off the last segment, durably, before anything new is
 *      written after it; the last segment is fsynced first either way, so that what was read
 *      (maybe written out by a large transaction before its commit, never synced) is durable
 *      before pages that reflect it are written.
 */
import { BTree } from './btree/index.js'
import type { CommitClock } from './kernel-core.js'
import { KernelCore } from './kernel-core.js'
import { decodeKernelState, encodeKernelState } from './kernel-state.js'
import { decodeLogRecord } from './log-records.js'
import { decodeVersionKey, TransactionTable } from './mvcc/index.js'
import { ioError, Pager } from './pager/index.js'
import type { Vfs } from './vfs/index.js'
import {
  listSegments,
  type WalEnd,
  WalReader,
  WalWriter,
  walRecordHeaderBytes,
} from './wal/index.js'

export interface RecoveryOptions {
  readonly vfs: Vfs
  readonly cacheBytes: number
  readonly clock: CommitClock
  readonly dataFileName: string
  readonly walDirectory: string
  /** The WAL writer's pending bound and segment size (tests set them small). */
  readonly walPendingBytesMax?: number
  readonly walSegmentBytes?: number
}

export interface Recovered {
  readonly pager: Pager
  readonly wal: WalWriter
  readonly core: KernelCore
  readonly redoLsn: number
  readonly replayedRecords: number
}

const emptyState = encodeKernelState({
  treeRoot: 0,
  xidNext: 1,
  versionSequenceNext: 1,
  aborted: [],
  inProgress: [],
})

export async function recover(options: RecoveryOptions): Promise<Recovered> {
  const { vfs } = options
  const isNew = !vfs.exists(options.dataFileName)
  if (!vfs.exists(options.walDirectory)) vfs.mkdir(options.walDirectory)
  const file = vfs.open(options.dataFileName, { create: true })
  // New directory entries (the data file, the wal directory) are durable only once their
  // directory is synced.
  if (isNew) await vfs.syncDirectory('')
  // The writer is the pager's DurableLsnSource; it is created once the end of the valid log is
  // known. Until then (during replay) the log is durable as far as it has been read: the last
  // segment is synced before replay starts, and earlier ones were synced before it got data.
  let wal: WalWriter | undefined
  let replayedLsn = 0
  const durableLsn = {
    get lsnDurable(): number {
      return wal?.lsnDurable ?? replayedLsn
    },
    flushSync(lsn: number): void {
      wal?.flushSync(lsn)
    },
    requestFlush(lsn: number): void {
      wal?.requestFlush(lsn)
    },
  }
  const pager = await Pager.open({
    file,
    cacheBytes: options.cacheBytes,
    durableLsn,
    initialKernelState: emptyState,
  })
  const state = decodeKernelState(pager.meta.kernelState)
  await syncLastSegment(vfs, options.walDirectory)
  const tree = state.treeRoot === 0 ? BTree.create(pager) : new BTree(pager, state.treeRoot)
  const outcome = replay(
    new WalReader(vfs, options.walDirectory, pager.meta.redoLsn),
    tree,
    pager,
    state.inProgress,
    (lsn) => {
      replayedLsn = lsn
    },
  )
  await cutTornTail(vfs, outcome.end)
  wal = new WalWriter({
    vfs,
    directory: options.walDirectory,
    lsnEnd: outcome.end.lsnEnd,
    tailSegmentStart: outcome.end.tailSegment?.startLsn,
    ...(options.walPendingBytesMax === undefined
      ? {}
      : { pendingBytesMax: options.walPendingBytesMax }),
    ...(options.walSegmentBytes === undefined ? {} : { segmentBytes: options.walSegmentBytes }),
  })
  const transactions = new TransactionTable(
    Math.max(state.xidNext, outcome.xidMax + 1),
    state.aborted,
  )
  for (const id of outcome.cutOff) markCrashAborted(transactions, id)
  const core = new KernelCore(tree, transactions, pager, wal, options.clock)
  core.raiseVersionSequence(Math.max(state.versionSequenceNext, outcome.sequenceMax + 1))
  return { pager, wal, core, redoLsn: pager.meta.redoLsn, replayedRecords: outcome.records }
}

interface ReplayOutcome {
  readonly end: WalEnd
  readonly records: number
  readonly sequenceMax: number
  /** Transactions to abort: running at the checkpoint or writing after it, without an outcome
   * (or abandoned). */
  readonly cutOff: ReadonlySet<number>
  readonly xidMax: number
}

/** Applies the log to the tree as it is read; keeps per transaction only what is unresolved. */
function replay(
  reader: WalReader,
  tree: BTree,
  pager: Pager,
  runningAtCheckpoint: readonly number[],
  onReplayed: (lsn: number) => void,
): ReplayOutcome {
  // Unresolved: running at the checkpoint, or wrote since, with no commit or abort yet.
  const unresolved = new Set(runningAtCheckpoint)
  const abandoned = new Set<number>()
  let xidMax = 0
  let sequenceMax = 0
  let records = 0
  try {
    for (let record = reader.next(); record !== undefined; record = reader.next()) {
      records++
      const recordEnd = record.lsn + walRecordHeaderBytes + record.payload.length
      onReplayed(recordEnd)
      pager.setLsn(recordEnd)
      const decoded = decodeLogRecord(record.type, record.payload)
      if (decoded.transactionId > xidMax) xidMax = decoded.transactionId
      switch (decoded.kind) {
        case 'put':
          tree.put(decoded.key, decoded.value)
          sequenceMax = Math.max(sequenceMax, decodeVersionKey(decoded.key).sequence)
          if (decoded.transactionId !== 0) unresolved.add(decoded.transactionId)
          break
        case 'delete':
          tree.delete(decoded.key)
          break
        case 'commit':
        case 'abort':
          unresolved.delete(decoded.transactionId)
          break
        case 'abandon':
          unresolved.delete(decoded.transactionId)
          abandoned.add(decoded.transactionId)
          break
        case 'changes':
          break
      }
    }
  } finally {
    reader.close()
  }
  for (const id of abandoned) unresolved.add(id)
  return { end: reader.end, records, sequenceMax, cutOff: unresolved, xidMax }
}

/** A transaction cut off by the crash: aborted, with versions left for vacuum. */
function markCrashAborted(transactions: TransactionTable, id: number): void {
  // The table only aborts running transactions; register the id as running, then abort it.
  transactions.adoptInProgress(id)
  transactions.markAborted(id, true)
}

/** The log's last segment may hold bytes written but never synced; make them durable. */
async function syncLastSegment(vfs: Vfs, directory: string): Promise<void> {
  const segments = listSegments(vfs, directory)
  const last = segments[segments.length - 1]
  if (last === undefined) return
  const file = vfs.open(last.path, { create: false })
  try {
    await file.sync()
  } catch (error: unknown) {
    throw ioError('fsync', last.path, error)
  } finally {
    file.close()
  }
}

async function cutTornTail(vfs: Vfs, end: WalEnd): Promise<void> {
  if (end.tornBytes === 0 || end.tailSegment === undefined) return
  const file = vfs.open(end.tailSegment.path, { create: false })
  try {
    file.truncate(end.lsnEnd - end.tailSegment.startLsn)
    await file.sync()
  } catch (error: unknown) {
    throw ioError('truncate', end.tailSegment.path, error)
  } finally {
    file.close()
  }
}
