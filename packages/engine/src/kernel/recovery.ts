/**
 * Recovery: opens the data file and the log and brings the version tree to the state of the
 * last durable log record.
 *
 *   1. The pager opens the newest valid meta page: tree root, redo LSN, next transaction id,
 *      transactions running at that checkpoint, crash-aborted transactions.
 *   2. The log is read from the redo LSN (wal/wal-reader.ts: a torn tail ends it; damage before
 *      the tail refuses to open). Puts and deletes are applied to the tree in log order: the tree
 *      then holds exactly what it held when the last record was written.
 *   3. Transactions that were running at the checkpoint or wrote after it, and have neither a
 *      commit nor an abort record, were cut off by the crash: they are aborted, and their
 *      versions stay (invisible) until vacuum removes them.
 *   4. The torn tail, if any, is cut off the last segment, durably, before anything new is
 *      written after it.
 */
import { BTree } from './btree/index.js'
import type { CommitClock } from './kernel-core.js'
import { KernelCore } from './kernel-core.js'
import { decodeKernelState, encodeKernelState } from './kernel-state.js'
import { decodeLogRecord } from './log-records.js'
import { decodeVersionKey, TransactionTable } from './mvcc/index.js'
import { ioError, Pager } from './pager/index.js'
import type { Vfs } from './vfs/index.js'
import { scanWal, type WalScan, WalWriter, walRecordHeaderBytes } from './wal/index.js'

export interface RecoveryOptions {
  readonly vfs: Vfs
  readonly cacheBytes: number
  readonly clock: CommitClock
  readonly dataFileName: string
  readonly walDirectory: string
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
  // The writer is the pager's DurableLsnSource; it is created before the pager and positioned
  // at the end of the valid log once that is known.
  let wal: WalWriter | undefined
  const durableLsn = {
    get lsnDurable(): number {
      return wal?.lsnDurable ?? 0
    },
    flushSync(lsn: number): void {
      wal?.flushSync(lsn)
    },
  }
  const pager = await Pager.open({
    file,
    cacheBytes: options.cacheBytes,
    durableLsn,
    initialKernelState: emptyState,
  })
  const state = decodeKernelState(pager.meta.kernelState)
  const scan = scanWal(vfs, options.walDirectory, pager.meta.redoLsn)
  await cutTornTail(vfs, scan)
  wal = new WalWriter({
    vfs,
    directory: options.walDirectory,
    lsnEnd: scan.lsnEnd,
    tailSegmentStart: scan.tailSegment?.startLsn,
  })
  const tree = state.treeRoot === 0 ? BTree.create(pager) : new BTree(pager, state.treeRoot)
  const outcome = replay(scan, tree, pager)
  const transactions = new TransactionTable(
    Math.max(state.xidNext, outcome.xidMax + 1),
    state.aborted,
  )
  const cutOff = new Set(state.inProgress)
  for (const id of outcome.writers) cutOff.add(id)
  for (const id of cutOff) {
    if (outcome.finished.has(id)) continue
    markCrashAborted(transactions, id)
  }
  const core = new KernelCore(tree, transactions, pager, wal, options.clock)
  core.raiseVersionSequence(Math.max(state.versionSequenceNext, outcome.sequenceMax + 1))
  return { pager, wal, core, redoLsn: pager.meta.redoLsn, replayedRecords: scan.records.length }
}

interface ReplayOutcome {
  readonly sequenceMax: number
  readonly writers: ReadonlySet<number>
  readonly finished: ReadonlySet<number>
  readonly xidMax: number
}

function replay(scan: WalScan, tree: BTree, pager: Pager): ReplayOutcome {
  const writers = new Set<number>()
  const finished = new Set<number>()
  let xidMax = 0
  let sequenceMax = 0
  for (const record of scan.records) {
    pager.setLsn(record.lsn + walRecordHeaderBytes + record.payload.length)
    const decoded = decodeLogRecord(record.type, record.payload)
    if (decoded.transactionId > xidMax) xidMax = decoded.transactionId
    switch (decoded.kind) {
      case 'put':
        tree.put(decoded.key, decoded.value)
        sequenceMax = Math.max(sequenceMax, decodeVersionKey(decoded.key).sequence)
        if (decoded.transactionId !== 0) writers.add(decoded.transactionId)
        break
      case 'delete':
        tree.delete(decoded.key)
        break
      case 'commit':
      case 'abort':
        finished.add(decoded.transactionId)
        break
      case 'changes':
        break
    }
  }
  return { writers, finished, xidMax, sequenceMax }
}

/** A transaction cut off by the crash: aborted, with versions left for vacuum. */
function markCrashAborted(transactions: TransactionTable, id: number): void {
  // The table only aborts running transactions; register the id as running, then abort it.
  transactions.adoptInProgress(id)
  transactions.markAborted(id, true)
}

async function cutTornTail(vfs: Vfs, scan: WalScan): Promise<void> {
  if (scan.tornBytes === 0 || scan.tailSegment === undefined) return
  const file = vfs.open(scan.tailSegment.path, { create: false })
  try {
    file.truncate(scan.lsnEnd - scan.tailSegment.startLsn)
    await file.sync()
  } catch (error: unknown) {
    throw ioError('truncate', scan.tailSegment.path, error)
  } finally {
    file.close()
  }
}
