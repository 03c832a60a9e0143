#!/usr/bin/env node
// Child process of the recovery workload: loads the benchmark table in 1,000-row transactions
// with timed checkpoints off until at least --wal-bytes of WAL were written, printing one line
// `acked <rows>` after each acknowledged (durable) commit, then kills itself with SIGKILL: no
// close, no checkpoint, no exit handlers — what a crash leaves behind.
//
// Usage: node bench/lib/crash-writer.mjs --peer bkg-db|better-sqlite3 --directory DIR
//          --wal-bytes N [--engine path/to/engine/dist/index.js]
import { parseArgs } from 'node:util'
import { peers } from '../peers/index.mjs'
import { benchRow, benchTableSql, insertStatement } from './row-values.mjs'

const { values: args } = parseArgs({
  options: {
    peer: { type: 'string' },
    directory: { type: 'string' },
    'wal-bytes': { type: 'string' },
    engine: { type: 'string' },
  },
})
const peer = peers.find((candidate) => candidate.id === args.peer)
if (peer === undefined || !peer.canRecover) throw new Error(`no recoverable peer ${args.peer}`)
const walBytesTarget = Number(args['wal-bytes'])
const batchRows = 100
const batchesPerTransaction = 10
/** Bounds the loop even if the WAL never grows (a checkpoint recycling it, say). */
const rowsMax = 20_000_000

const handle = await peer.open({
  directory: args.directory,
  isCheckpointDisabled: true,
  enginePath: args.engine,
})
await handle.run(benchTableSql)
const insert = insertStatement('t', batchRows)
let rows = 0
// WAL written so far: the sum of the WAL's growth, so that a checkpoint recycling segments
// (bkg-db past 64 MiB) does not keep the loop going.
let walWritten = 0
let walSeen = peer.walBytes(args.directory)
while (walWritten < walBytesTarget && rows < rowsMax) {
  await handle.run('BEGIN')
  for (let batch = 0; batch < batchesPerTransaction; batch++) {
    const params = []
    for (let id = rows + batch * batchRows; id < rows + (batch + 1) * batchRows; id++) {
      params.push(...benchRow(id))
    }
    await handle.run(insert, params)
  }
  await handle.run('COMMIT')
  rows += batchRows * batchesPerTransaction
  process.stdout.write(`acked ${rows}\n`)
  const walNow = peer.walBytes(args.directory)
  walWritten += Math.max(0, walNow - walSeen)
  walSeen = walNow
}
process.stdout.write(`wal ${peer.walBytes(args.directory)}\n`, () =>
  process.kill(process.pid, 'SIGKILL'),
)
