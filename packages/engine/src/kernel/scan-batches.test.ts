// KernelTransaction.scanBatches against scan(range, 'forward'), its model: for random histories
// of committed, rolled-back and in-flight writes (overflow values included), random ranges and
// both isolation levels, the batched scan returns exactly the rows the entry-at-a-time scan
// returns, in order. And writes between batches (an UPDATE scanning what it changes) behave as
// the cursor's do: each key once, in increasing order.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { btreeInlineValueBytesMax } from '../limits.js'
import { DurableKernel } from './durable-kernel.js'
import type { KernelTransaction, KeyRange } from './kernel.js'
import { MemoryVfs } from './vfs/index.js'

const keyOf = (n: number): Uint8Array => Uint8Array.of(0x10, n >> 8, n & 0xff)

/** A value whose bytes say which key and write made it; `big` makes it an overflow value. */
function rowValue(n: number, write: number, big: boolean): Uint8Array {
  const value = new Uint8Array(big ? btreeInlineValueBytesMax + 100 : 6)
  value.fill(write & 0xff)
  value[0] = n >> 8
  value[1] = n & 0xff
  return value
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

function batched(transaction: KernelTransaction, range: KeyRange): string[] {
  const out: string[] = []
  for (const batch of transaction.scanBatches(range, (bytes, start, end) =>
    hex(bytes.subarray(start, end)),
  )) {
    assert.ok(batch.length > 0, 'batches are never empty')
    out.push(...batch)
  }
  return out
}

function entryAtATime(transaction: KernelTransaction, range: KeyRange): string[] {
  return [...transaction.scan(range, 'forward')].map((entry) => hex(entry.value))
}

const writeArbitrary = fc.record({
  key: fc.integer({ min: 0, max: 300 }),
  isDelete: fc.boolean(),
  big: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
})

/** Applies `writes`, numbering them from `writeNumber` on; returns the last number used. */
function applyWrites(
  transaction: KernelTransaction,
  writes: readonly { key: number; isDelete: boolean; big: boolean }[],
  writeNumber: number,
): number {
  let number = writeNumber
  for (const write of writes) {
    number++
    if (write.isDelete) transaction.delete(keyOf(write.key))
    else transaction.put(keyOf(write.key), rowValue(write.key, number, write.big))
  }
  return number
}

const historyArbitrary = fc.array(
  fc.record({
    writes: fc.array(writeArbitrary, { minLength: 1, maxLength: 40 }),
    outcome: fc.constantFrom('commit', 'rollback', 'commit', 'commit'),
  }),
  { minLength: 1, maxLength: 12 },
)

const boundArbitrary = fc.option(
  fc.record({ key: fc.integer({ min: 0, max: 300 }).map(keyOf), inclusive: fc.boolean() }),
  { nil: undefined },
)

test('scanBatches returns exactly what scan returns, for any history, snapshot and range', async () => {
  await fc.assert(
    fc.asyncProperty(
      historyArbitrary,
      fc.array(writeArbitrary, { maxLength: 20 }),
      fc.integer({ min: 0, max: 12 }),
      boundArbitrary,
      boundArbitrary,
      async (history, inFlightWrites, readerStartsAfter, lower, upper) => {
        const kernel = await DurableKernel.open({
          vfs: new MemoryVfs(),
          cacheBytes: 1 << 20,
          checkpointIntervalMs: 0,
        })
        try {
          let writeNumber = 0
          let reader: KernelTransaction | undefined
          for (const [step, { writes, outcome }] of history.entries()) {
            if (step === readerStartsAfter) {
              reader = kernel.begin({ isolation: 'repeatable read', isSynchronousCommit: false })
              reader.beginStatement()
              entryAtATime(reader, {}) // takes the snapshot now
            }
            const writer = kernel.begin({ isolation: 'read committed', isSynchronousCommit: false })
            writer.beginStatement()
            writeNumber = applyWrites(writer, writes, writeNumber)
            if (outcome === 'commit') await writer.commit()
            else writer.rollback()
          }
          // One transaction still in flight: its writes are invisible to others, visible to it
          // from its next statement on.
          const inFlight = kernel.begin({ isolation: 'read committed', isSynchronousCommit: false })
          inFlight.beginStatement()
          applyWrites(inFlight, inFlightWrites, writeNumber)
          inFlight.beginStatement()
          const range: KeyRange = {
            ...(lower === undefined ? {} : { lower }),
            ...(upper === undefined ? {} : { upper }),
          }
          const fresh = kernel.begin({ isolation: 'read committed', isSynchronousCommit: false })
          fresh.beginStatement()
          for (const transaction of [fresh, inFlight, reader]) {
            if (transaction === undefined) continue
            assert.deepEqual(batched(transaction, range), entryAtATime(transaction, range))
          }
          fresh.rollback()
          inFlight.rollback()
          reader?.rollback()
        } finally {
          await kernel.close()
        }
      },
    ),
    { numRuns: 60 },
  )
})

test('writes between batches: every key once, in increasing order, as the cursor does', async () => {
  const kernel = await DurableKernel.open({
    vfs: new MemoryVfs(),
    cacheBytes: 1 << 20,
    checkpointIntervalMs: 0,
  })
  try {
    const load = kernel.begin({ isolation: 'read committed', isSynchronousCommit: false })
    load.beginStatement()
    for (let n = 0; n < 3000; n++) load.put(keyOf(n), rowValue(n, 1, false))
    await load.commit()
    const updater = kernel.begin({ isolation: 'read committed', isSynchronousCommit: false })
    updater.beginStatement()
    const seen: number[] = []
    for (const batch of updater.scanBatches({}, (bytes, start) => {
      const high = bytes[start] ?? 0
      const low = bytes[start + 1] ?? 0
      return high * 256 + low
    })) {
      for (const n of batch) {
        seen.push(n)
        // New versions of rows ahead of and behind the scan, and new rows behind it: the
        // statement does not see its own writes, and the cursor re-seeks after each change.
        updater.put(keyOf(n), rowValue(n, 2, n % 97 === 0))
        if (n + 1 < 3000) updater.put(keyOf(n + 1), rowValue(n + 1, 3, false))
      }
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 3000 }, (_, n) => n),
    )
    updater.rollback()
  } finally {
    await kernel.close()
  }
})
