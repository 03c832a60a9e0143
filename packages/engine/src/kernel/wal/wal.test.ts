// The WAL writer and reader over MemoryVfs and SimulatedVfs: records round-trip with contiguous
// LSNs across segments, group commit shares fsyncs (counted by the simulator with manual sync
// completion), a torn tail is cut while damage before the end is XX001, and a failed fsync
// fails every waiting and later flush and append with 58030. Past its pending bound the writer
// writes records out before any flush, closing (fsyncing) each segment before the next gets
// data, so a crash then leaves a torn tail, never corruption; the reader streams records of any
// size.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../errors/index.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from '../vfs/index.js'
import {
  listSegments,
  scanWal,
  segmentName,
  type WalRecord,
  WalWriter,
  walRecordHeaderBytes,
} from './index.js'

const directory = 'wal'

function newWriter(vfs: Vfs, segmentBytes?: number, pendingBytesMax?: number): WalWriter {
  vfs.mkdir(directory)
  // The directory's own entry must be durable for the simulator to keep anything inside it.
  vfs.syncDirectoryBlocking('')
  return new WalWriter({
    vfs,
    directory,
    lsnEnd: 0,
    tailSegmentStart: undefined,
    ...(segmentBytes === undefined ? {} : { segmentBytes }),
    ...(pendingBytesMax === undefined ? {} : { pendingBytesMax }),
  })
}

function payloadOf(n: number, length = 12): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = (n * 31 + i) & 0xff
  return bytes
}

function summary(
  records: readonly WalRecord[],
): { lsn: number; type: number; payload: number[] }[] {
  return records.map((r) => ({ lsn: r.lsn, type: r.type, payload: [...r.payload] }))
}

/** Appends `count` records (type = index % 200 + 1, distinct payloads); returns their LSNs. */
function appendRecords(writer: WalWriter, count: number, payloadBytes = 12): number[] {
  const lsns: number[] = []
  for (let i = 0; i < count; i++)
    lsns.push(writer.append((i % 200) + 1, payloadOf(i, payloadBytes)))
  return lsns
}

/** Completes the simulator's syncs until `promise` settles. */
async function settle<T>(vfs: SimulatedVfs, promise: Promise<T>): Promise<T> {
  let isSettled = false
  const watched = promise.finally(() => {
    isSettled = true
  })
  watched.catch(() => {})
  for (let round = 0; round < 1000 && !isSettled; round++) {
    vfs.completeSyncs()
    await new Promise((resolve) => setImmediate(resolve))
  }
  assert.ok(isSettled, 'settled after completing the pending syncs')
  return watched
}

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

async function rejection(promise: Promise<unknown>): Promise<SqlError> {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected a rejection')
}

function segmentPath(startLsn: number): string {
  return `${directory}/${segmentName(startLsn)}`
}

function fileSize(vfs: Vfs, path: string): number {
  const file = vfs.open(path, { create: false })
  try {
    return file.size()
  } finally {
    file.close()
  }
}

function writeAt(vfs: Vfs, path: string, bytes: Uint8Array, offset: number): void {
  const file = vfs.open(path, { create: false })
  try {
    file.write(bytes, offset)
  } finally {
    file.close()
  }
}

test('records round-trip: append, flush, scan; LSNs are byte positions', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  assert.equal(writer.append(7, new Uint8Array([1, 2, 3])), 0)
  assert.equal(writer.append(8, new Uint8Array()), walRecordHeaderBytes + 3)
  assert.equal(writer.append(9, payloadOf(1, 100)), 2 * walRecordHeaderBytes + 3)
  const lsnEnd = writer.lsnEnd
  assert.equal(lsnEnd, 3 * walRecordHeaderBytes + 103)
  assert.equal(writer.lsnDurable, 0, 'appending makes nothing durable')
  await writer.flush()
  assert.equal(writer.lsnDurable, lsnEnd)
  assert.equal(writer.lsnWritten, lsnEnd)
  writer.close()

  const scan = scanWal(vfs, directory, 0)
  assert.deepEqual(summary(scan.records), [
    { lsn: 0, type: 7, payload: [1, 2, 3] },
    { lsn: 31, type: 8, payload: [] },
    { lsn: 59, type: 9, payload: [...payloadOf(1, 100)] },
  ])
  assert.equal(scan.lsnEnd, lsnEnd)
  assert.equal(scan.tornBytes, 0)
  assert.deepEqual(scan.tailSegment, { startLsn: 0, path: segmentPath(0) })
})

test('an empty log scans to nothing; flush of nothing resolves at once', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  await writer.flush()
  await writer.flush(0)
  assert.deepEqual(listSegments(vfs, directory), [], 'no segment before the first record')
  assert.deepEqual(scanWal(vfs, directory, 0), {
    records: [],
    lsnEnd: 0,
    tailSegment: undefined,
    tornBytes: 0,
  })
})

test('flush(lsn) waits only for the log below lsn', async () => {
  const vfs = new SimulatedVfs({ seed: 11, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  const [first, second] = appendRecords(writer, 2)
  assert.ok(first !== undefined && second !== undefined)
  await settle(vfs, writer.flush(second))
  assert.ok(writer.lsnDurable >= second, 'the first record is durable')
  const durable = vfs.findDurableBytes(segmentPath(0))
  assert.ok(durable !== undefined && durable.length >= second)
})

test('group commit: flushes that arrive during an fsync share the next one', async () => {
  const vfs = new SimulatedVfs({ seed: 7, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  const before = vfs.counters()
  writer.append(1, payloadOf(0))
  const first = writer.flush()
  assert.equal(vfs.syncsPending, 1, 'one durability wait in flight')
  const later: Promise<void>[] = []
  for (let i = 1; i <= 20; i++) {
    writer.append(1, payloadOf(i))
    later.push(writer.flush())
  }
  await settle(vfs, Promise.all([first, ...later]))
  const after = vfs.counters()
  assert.equal(writer.lsnDurable, writer.lsnEnd)
  // The first commit needs the new segment's directory entry and its data synced; the twenty
  // that arrived meanwhile share a single fsync.
  assert.equal(after.syncDirectories - before.syncDirectories, 1)
  assert.equal(after.syncs - before.syncs, 2, '21 flushes, 2 fsyncs')
  const scan = scanWal(vfs, directory, 0)
  assert.equal(scan.records.length, 21)
})

test('group commit: flushes arriving while one is in flight resolve only after their fsync', async () => {
  const vfs = new SimulatedVfs({ seed: 3, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  writer.append(1, payloadOf(0))
  let isFirstDone = false
  const first = writer.flush().then(() => {
    isFirstDone = true
  })
  writer.append(1, payloadOf(1))
  let isSecondDone = false
  const second = writer.flush().then(() => {
    isSecondDone = true
  })
  // Complete the directory sync and the first data sync only.
  for (let round = 0; round < 10 && !isFirstDone; round++) {
    vfs.completeSyncs(1)
    await new Promise((resolve) => setImmediate(resolve))
  }
  assert.ok(isFirstDone)
  assert.ok(!isSecondDone, 'the second record is not yet durable')
  assert.ok(writer.lsnDurable < writer.lsnEnd)
  await settle(vfs, Promise.all([first, second]))
  assert.ok(isSecondDone)
})

test('segments roll over at segmentBytes; a record never spans two; LSNs stay contiguous', async () => {
  const vfs = new MemoryVfs()
  const segmentBytes = 256
  const writer = newWriter(vfs, segmentBytes)
  const recordBytes = walRecordHeaderBytes + 40
  const lsns = appendRecords(writer, 30, 40)
  await writer.flush()
  writer.close()
  assert.deepEqual(
    lsns,
    lsns.map((_, i) => i * recordBytes),
  )
  const segments = listSegments(vfs, directory)
  assert.ok(segments.length > 5, `${segments.length} segments`)
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    assert.ok(segment !== undefined)
    assert.equal(segment.path, segmentPath(segment.startLsn))
    assert.equal(segment.startLsn % recordBytes, 0, 'segments start at a record')
    const size = fileSize(vfs, segment.path)
    assert.ok(size >= segmentBytes || i === segments.length - 1, 'only the last one is short')
    assert.ok(size < segmentBytes + recordBytes, 'a segment closes once it is full')
    const next = segments[i + 1]
    if (next !== undefined) assert.equal(next.startLsn, segment.startLsn + size)
  }
  const scan = scanWal(vfs, directory, 0)
  assert.deepEqual(
    scan.records.map((r) => r.lsn),
    lsns,
  )
  assert.deepEqual(
    scan.records.map((r) => [...r.payload]),
    lsns.map((_, i) => [...payloadOf(i, 40)]),
  )
  assert.equal(scan.lsnEnd, 30 * recordBytes)
  assert.equal(scan.tailSegment?.startLsn, segments[segments.length - 1]?.startLsn)
})

test('scanWal from a mid LSN returns the records from there, in any segment', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs, 200)
  const lsns = appendRecords(writer, 25)
  await writer.flush()
  writer.close()
  for (const index of [0, 1, 7, 12, 24]) {
    const from = lsns[index] as number
    const scan = scanWal(vfs, directory, from)
    assert.deepEqual(
      scan.records.map((r) => r.lsn),
      lsns.slice(index),
      `from record ${index}`,
    )
    assert.equal(scan.lsnEnd, writer.lsnEnd)
  }
  const atEnd = scanWal(vfs, directory, writer.lsnEnd)
  assert.deepEqual(atEnd.records, [])
  assert.equal(atEnd.lsnEnd, writer.lsnEnd)
})

test('a reopened writer continues the log where the scan says it ends', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs, 200)
  appendRecords(writer, 9)
  await writer.flush()
  writer.close()
  const scan = scanWal(vfs, directory, 0)
  const reopened = new WalWriter({
    vfs,
    directory,
    lsnEnd: scan.lsnEnd,
    tailSegmentStart: scan.tailSegment?.startLsn,
    segmentBytes: 200,
  })
  assert.equal(reopened.lsnDurable, scan.lsnEnd)
  const next = reopened.append(99, new Uint8Array([42]))
  assert.equal(next, scan.lsnEnd)
  await reopened.flush()
  reopened.close()
  const again = scanWal(vfs, directory, 0)
  assert.equal(again.records.length, 10)
  assert.deepEqual(summary(again.records.slice(-1)), [{ lsn: next, type: 99, payload: [42] }])
})

test('garbage after the last record is a torn tail: records intact, tornBytes counted', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  const lsns = appendRecords(writer, 5)
  await writer.flush()
  writer.close()
  const end = writer.lsnEnd
  writeAt(vfs, segmentPath(0), new Uint8Array(50).fill(0xab), end)
  const scan = scanWal(vfs, directory, 0)
  assert.deepEqual(
    scan.records.map((r) => r.lsn),
    lsns,
  )
  assert.equal(scan.lsnEnd, end)
  assert.equal(scan.tornBytes, 50)
  assert.equal(scan.tailSegment?.startLsn, 0)
})

test('a record cut short or a stale copy at the end is also a torn tail', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  const lsns = appendRecords(writer, 4)
  await writer.flush()
  writer.close()
  const end = writer.lsnEnd
  // A copy of record 0 at the end claims LSN 0, so it does not validate there.
  const file = vfs.open(segmentPath(0), { create: false })
  const copy = new Uint8Array(walRecordHeaderBytes + 12)
  file.read(copy, 0)
  file.write(copy, end)
  file.close()
  const stale = scanWal(vfs, directory, 0)
  assert.equal(stale.records.length, 4)
  assert.equal(stale.tornBytes, copy.length)
  // The last record losing its final bytes.
  const cut = vfs.open(segmentPath(0), { create: false })
  cut.truncate(end - 5)
  cut.close()
  const torn = scanWal(vfs, directory, 0)
  assert.deepEqual(
    torn.records.map((r) => r.lsn),
    lsns.slice(0, 3),
  )
  assert.equal(torn.lsnEnd, lsns[3])
  assert.equal(torn.tornBytes, end - 5 - (lsns[3] as number))
})

test('damage in a segment that is not the last one is corruption (XX001)', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs, 200)
  const lsns = appendRecords(writer, 20)
  await writer.flush()
  writer.close()
  const segments = listSegments(vfs, directory)
  assert.ok(segments.length >= 3)
  const second = lsns[1] as number
  writeAt(vfs, segmentPath(0), new Uint8Array([0xff, 0xee]), second + walRecordHeaderBytes)
  const error = catchSqlError(() => scanWal(vfs, directory, 0))
  assert.equal(error.code, 'XX001')
  assert.match(error.message, new RegExp(`file "${segmentPath(0)}" at offset ${second}`))
  assert.match(error.message, /checksum mismatch/)
  assert.ok(error.hint !== undefined)
  // Reading from beyond the damage does not look at it.
  const firstOfSecond = segments[1]?.startLsn as number
  assert.equal(
    scanWal(vfs, directory, firstOfSecond).records[0]?.lsn,
    firstOfSecond,
    'the second segment starts with a record',
  )
})

test('damage in the last segment before a record that was written after it was durable is XX001', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  const [first] = appendRecords(writer, 1)
  await writer.flush()
  appendRecords(writer, 1)
  await writer.flush()
  writer.close()
  // The second record says everything before it was durable when it was written.
  writeAt(vfs, segmentPath(0), new Uint8Array([0x01]), (first as number) + 30)
  const error = catchSqlError(() => scanWal(vfs, directory, 0))
  assert.equal(error.code, 'XX001')
  assert.match(error.message, /at offset 0: checksum mismatch/)
})

test('a missing segment or a gap between segments is XX001', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs, 150)
  appendRecords(writer, 20)
  await writer.flush()
  writer.close()
  const segments = listSegments(vfs, directory)
  assert.ok(segments.length >= 4)
  const middle = segments[1]
  assert.ok(middle !== undefined)
  vfs.remove(middle.path)
  const gap = catchSqlError(() => scanWal(vfs, directory, 0))
  assert.equal(gap.code, 'XX001')
  assert.match(gap.message, /segment starts at LSN \d+, previous one ends at \d+/)
  vfs.remove(segmentPath(0))
  const missing = catchSqlError(() => scanWal(vfs, directory, 0))
  assert.equal(missing.code, 'XX001')
  assert.match(missing.message, /segment holding LSN 0 is missing/)
})

test('removeSegmentsBefore drops segments wholly before the LSN, never the current one', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs, 150)
  appendRecords(writer, 12)
  await writer.flush()
  const segments = listSegments(vfs, directory)
  const third = segments[2]
  assert.ok(third !== undefined)
  writer.removeSegmentsBefore(third.startLsn, segments)
  assert.deepEqual(
    listSegments(vfs, directory).map((s) => s.startLsn),
    segments.slice(2).map((s) => s.startLsn),
  )
  assert.equal(scanWal(vfs, directory, third.startLsn).records[0]?.lsn, third.startLsn)
  writer.removeSegmentsBefore(writer.lsnEnd + 1000, listSegments(vfs, directory))
  assert.equal(listSegments(vfs, directory).length, 1, 'the segment being written stays')
  writer.close()
})

test('a failed fsync rejects the waiting flushes and fails every later flush and append (58030)', async () => {
  const vfs = new SimulatedVfs({ seed: 5, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  vfs.failAt({ operation: 'sync', nth: 1, code: 'EIO' })
  writer.append(1, payloadOf(0))
  const first = rejection(writer.flush())
  writer.append(1, payloadOf(1))
  const waiting = rejection(writer.flush())
  const firstError = await settle(vfs, first)
  const waitingError = await waiting
  assert.equal(firstError.code, '58030')
  assert.match(firstError.message, /could not write or fsync file "wal"/)
  assert.equal(waitingError, firstError, 'every waiter gets the same failure')
  assert.ok(writer.failure !== undefined)
  assert.equal(writer.lsnDurable, 0, 'nothing became durable')

  const later = await rejection(writer.flush())
  assert.equal(later.code, '58030')
  assert.match(later.message, /failed state/)
  const append = catchSqlError(() => writer.append(1, payloadOf(2)))
  assert.equal(append.code, '58030')
  assert.match(append.message, /failed state/)
  const blocking = catchSqlError(() => writer.flushSync(writer.lsnEnd))
  assert.equal(blocking.code, '58030')
  // Even a flush asking for nothing new is refused: a failed writer acknowledges nothing.
  await writer.flush(0).then(
    () => assert.fail('a failed writer acknowledges nothing'),
    (error: unknown) => assert.ok(error instanceof SqlError),
  )
})

test('a failed blocking fsync fails the writer too', () => {
  const vfs = new SimulatedVfs({ seed: 9, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  writer.append(1, payloadOf(0))
  vfs.failAt({ operation: 'sync', nth: 1, code: 'EIO' })
  const error = catchSqlError(() => writer.flushSync(writer.lsnEnd))
  assert.equal(error.code, '58030')
  assert.equal(writer.lsnDurable, 0)
  assert.equal(catchSqlError(() => writer.append(1, payloadOf(1))).code, '58030')
})

test('flushSync makes the log durable before it returns', () => {
  const vfs = new SimulatedVfs({ seed: 2, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  appendRecords(writer, 3)
  writer.flushSync(writer.lsnEnd)
  assert.equal(writer.lsnDurable, writer.lsnEnd)
  assert.equal(vfs.syncsPending, 0, 'no asynchronous wait was needed')
  assert.equal(vfs.findDurableBytes(segmentPath(0))?.length, writer.lsnEnd)
})

test('flushSync while an async flush waits for its fsync still makes those records durable', async () => {
  const vfs = new SimulatedVfs({ seed: 1, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  appendRecords(writer, 1)
  let isAcknowledged = false
  const flushing = writer.flush().then(() => {
    isAcknowledged = true
  })
  await new Promise((resolve) => setImmediate(resolve))
  writer.flushSync(writer.lsnEnd)
  // Whatever is acknowledged must be on the durable image, name included.
  assert.equal(vfs.findDurableBytes(segmentPath(0))?.length, writer.lsnEnd)
  vfs.completeSyncs()
  await flushing
  assert.equal(isAcknowledged, true)
})

test('flush of an LSN beyond the end is a bug, not a hang', () => {
  const writer = newWriter(new MemoryVfs())
  appendRecords(writer, 1)
  assert.throws(() => writer.flush(writer.lsnEnd + 1), /already appended/)
})

test('past the pending bound records are written out before a flush; memory stays bounded', () => {
  const vfs = new SimulatedVfs({ seed: 4, syncCompletion: 'manual' })
  const writer = newWriter(vfs, undefined, 1024)
  const lsns = appendRecords(writer, 400, 40)
  assert.ok(writer.pendingBytes < 1024, `${writer.pendingBytes} bytes pending`)
  assert.ok(writer.pendingBytesPeak < 1024 + 68, `peak ${writer.pendingBytesPeak}`)
  assert.ok(writer.lsnWritten > writer.lsnEnd - 1024, 'written out as it went')
  assert.equal(writer.lsnDurable, 0, 'nothing was synced: no commit asked for it')
  assert.equal(vfs.syncsPending, 0, 'and no fsync was issued')
  assert.ok(writer.bufferBytes <= 3 * 1024, `${writer.bufferBytes} bytes of buffers`)
  // What was written out reads back (the reader sees the volatile file, as after a restart).
  const scan = scanWal(vfs, directory, 0)
  assert.deepEqual(
    scan.records.map((r) => r.lsn),
    lsns.filter((lsn) => lsn < writer.lsnWritten),
  )
  writer.close()
})

test('written out across segments without a flush, each segment is durable before the next gets data', async () => {
  for (const unsynced of ['lost', 'torn', 'kept'] as const) {
    for (let seed = 1; seed <= 6; seed++) {
      const vfs = new SimulatedVfs({ seed, syncCompletion: 'manual' })
      const writer = newWriter(vfs, 4096, 1024)
      const lsns = appendRecords(writer, 300 + seed * 17, 60)
      const segments = listSegments(vfs, directory)
      assert.ok(segments.length >= 5, `${segments.length} segments`)
      for (const segment of segments.slice(0, -1)) {
        const next = segments[segments.indexOf(segment) + 1]
        assert.ok(next !== undefined)
        assert.equal(
          vfs.findDurableBytes(segment.path)?.length,
          next.startLsn - segment.startLsn,
          'a segment followed by another is wholly durable',
        )
      }
      assert.ok(writer.lsnDurable >= (segments[segments.length - 1]?.startLsn ?? 0))
      vfs.crash({ unsynced })
      // Never corruption: the unsynced end of the last segment is at worst a torn tail.
      const scan = scanWal(vfs, directory, 0)
      assert.deepEqual(
        scan.records.map((r) => r.lsn),
        lsns.slice(0, scan.records.length),
      )
      assert.ok(scan.lsnEnd >= writer.lsnDurable, `${unsynced}: every synced record is back`)
    }
  }
})

test('a flush waiting for its fsync while appends write out into the next segments still resolves right', async () => {
  const vfs = new SimulatedVfs({ seed: 8, syncCompletion: 'manual' })
  const writer = newWriter(vfs, 4096, 1024)
  appendRecords(writer, 10, 60)
  const target = writer.lsnEnd
  let isAcknowledged = false
  const flushing = writer.flush(target).then(() => {
    isAcknowledged = true
  })
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(isAcknowledged, false)
  // While that fsync is in flight, a large transaction writes out into later segments (each
  // crossing fsyncs the segment before it, blocking).
  appendRecords(writer, 300, 60)
  assert.ok(listSegments(vfs, directory).length >= 4)
  await settle(vfs, flushing)
  assert.equal(isAcknowledged, true)
  assert.ok(writer.lsnDurable >= target)
  // Acknowledged means durable, whatever the order in which the syncs completed.
  assert.ok((vfs.findDurableBytes(segmentPath(0))?.length ?? 0) >= Math.min(target, 4096))
  await settle(vfs, writer.flush())
  vfs.crash({ unsynced: 'lost' })
  assert.equal(scanWal(vfs, directory, 0).lsnEnd, writer.lsnEnd)
})

test('the reader streams records larger than its read window', async () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  const big = payloadOf(7, 3 * 1024 * 1024 + 5)
  writer.append(9, payloadOf(1))
  writer.append(9, big)
  writer.append(9, payloadOf(2))
  await writer.flush()
  const scan = scanWal(vfs, directory, 0)
  assert.equal(scan.records.length, 3)
  assert.deepEqual(scan.records[1]?.payload, big)
  assert.deepEqual(scan.records[2]?.payload, payloadOf(2))
  assert.equal(scan.lsnEnd, writer.lsnEnd)
})

test('a record appended from parts is the record of their concatenation', () => {
  const vfs = new MemoryVfs()
  const writer = newWriter(vfs)
  const [a, b, c] = [payloadOf(1, 12), payloadOf(2, 30), payloadOf(3, 100)]
  const joined = new Uint8Array([...a, ...b, ...c])
  const first = writer.append(7, a, b, c)
  const second = writer.append(7, joined)
  const third = writer.append(8, a, b)
  writer.flushSync(writer.lsnEnd)
  const scan = scanWal(vfs, directory, 0)
  assert.deepEqual(summary(scan.records), [
    { lsn: first, type: 7, payload: [...joined] },
    { lsn: second, type: 7, payload: [...joined] },
    { lsn: third, type: 8, payload: [...a, ...b] },
  ])
})

test('requestFlush makes the log durable in the background, once for repeated requests', async () => {
  const vfs = new SimulatedVfs({ seed: 3, syncCompletion: 'manual' })
  const writer = newWriter(vfs)
  appendRecords(writer, 3)
  const end = writer.lsnEnd
  writer.requestFlush(end)
  writer.requestFlush(end)
  assert.equal(writer.lsnDurable, 0, 'nothing blocks: the fsync is pending')
  await settle(vfs, writer.flush(end))
  assert.equal(writer.lsnDurable, end)
  writer.requestFlush(end)
  assert.equal(vfs.syncsPending, 0, 'a request for durable log starts nothing')
})
