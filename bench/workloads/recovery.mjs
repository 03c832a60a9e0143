// Workload "recovery": how fast a database that crashed with N MiB of WAL opens again.
//
// Method, per peer and WAL size, in a fresh directory: a child process (lib/crash-writer.mjs)
// loads the benchmark table in 1,000-row transactions with checkpoints off (bkg-db:
// checkpointIntervalMs 0; SQLite: wal_autocheckpoint 0) until it wrote N MiB of WAL, reporting
// each acknowledged commit, and SIGKILLs itself. The parent then times opening the directory
// plus one query (the recovery time), and verifies that exactly the acknowledged rows are there
// (the last acknowledged id present, the next absent, every row present and correct).
//
// bkg-db replays the log from the last checkpoint into the tree and then checkpoints, all inside
// openDatabase; it also checkpoints by itself once the WAL passes 64 MiB, so for sizes above
// that the WAL left to replay is smaller than what was written (the note gives both), and the
// run checks that a checkpoint taken under load loses nothing. A size whose check fails is
// reported as FAILED with the reason; the other sizes still report. SQLite does not replay at open: it scans the WAL to rebuild
// its index and reads pages from the WAL afterwards, so its figure is a different (cheaper)
// kind of work, shown for scale. PostgreSQL (a server) and PGlite (fsync off) are left out.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { rowAmount, rowName } from '../lib/row-values.mjs'
import { startStopwatch } from '../lib/stopwatch.mjs'
import { withTempDirectory } from '../lib/temp-directory.mjs'

const crashWriter = fileURLToPath(new URL('../lib/crash-writer.mjs', import.meta.url))
const mebibyte = 1024 * 1024
/** Rows per verification query, so no single result holds the whole table. */
const verifyChunkRows = 50_000

export const recoveryWorkload = {
  id: 'recovery',
  title: 'On disk: recovery after a crash',
  peerIds: ['bkg-db', 'better-sqlite3'],
  describe: (options) =>
    `load in 1,000-row transactions until ${options.recoveryMib.join(' / ')} MiB of WAL were written, ` +
    'SIGKILL, time open + first query',

  async run({ peer, options }) {
    const measurements = []
    for (const mib of options.recoveryMib) {
      try {
        measurements.push(
          await withTempDirectory(peer.id, (directory) =>
            measureRecovery(peer, directory, mib, options),
          ),
        )
      } catch (error) {
        // A wrong recovery is a finding, not a reason to drop the other sizes' figures.
        measurements.push({ ...recoveryLabels(mib), value: Number.NaN, error: String(error) })
      }
    }
    return measurements
  },
}

async function measureRecovery(peer, directory, mib, options) {
  const acked = await crashChild(peer, directory, mib * mebibyte, options)
  const walBytes = peer.walBytes(directory)
  const stopwatch = startStopwatch()
  const handle = await peer.recover({ directory, enginePath: options.enginePath })
  try {
    const last = await handle.run('SELECT id FROM t WHERE id = $1', [acked - 1])
    const { seconds, cpuSeconds } = stopwatch.stop()
    if (last.length !== 1) throw new Error(`${peer.label}: acknowledged row ${acked - 1} lost`)
    await verifyRows(handle, peer, acked)
    return {
      ...recoveryLabels(mib),
      value: walBytes / mebibyte / seconds,
      operations: walBytes / mebibyte,
      seconds,
      note:
        `${(walBytes / mebibyte).toFixed(1)} MiB WAL left to replay, ${acked} rows, ` +
        `${(seconds * 1000).toFixed(0)} ms (CPU ${(cpuSeconds * 1000).toFixed(0)} ms)`,
    }
  } finally {
    await handle.close()
  }
}

function recoveryLabels(mib) {
  return {
    key: `recovery-${mib}`,
    label: `recovery, ${mib} MiB of WAL written (open + 1 query)`,
    unit: 'MiB/s',
    higherIsBetter: true,
  }
}

/** Runs the crash writer; resolves with the rows acknowledged before it killed itself. */
function crashChild(peer, directory, walBytes, options) {
  const args = [crashWriter, '--peer', peer.id, '--directory', directory]
  args.push('--wal-bytes', String(walBytes))
  if (options.enginePath !== undefined) args.push('--engine', options.enginePath)
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code, signal) => {
      const matches = [...stdout.matchAll(/^acked (\d+)$/gm)]
      const last = matches[matches.length - 1]
      if (signal !== 'SIGKILL' || last === undefined) {
        reject(new Error(`crash writer ended with ${signal ?? code}:\n${stderr}`))
      } else {
        resolve(Number(last[1]))
      }
    })
  })
}

/** All rows 0..acked-1 present with their values, and nothing beyond. */
async function verifyRows(handle, peer, acked) {
  const beyond = await handle.run('SELECT id FROM t WHERE id >= $1', [acked])
  if (beyond.length !== 0) throw new Error(`${peer.label}: unacknowledged rows after recovery`)
  for (let start = 0; start < acked; start += verifyChunkRows) {
    const end = Math.min(start + verifyChunkRows, acked)
    const rows = await handle.run(
      'SELECT id, name, amount FROM t WHERE id >= $1 AND id < $2 ORDER BY id',
      [start, end],
    )
    if (rows.length !== end - start) {
      const present = new Set(rows.map((row) => Number(row[0])))
      const missing = []
      for (let id = start; id < end; id++) if (!present.has(id)) missing.push(id)
      throw new Error(
        `${peer.label}: ${missing.length} acknowledged rows missing after recovery ` +
          `(ids ${missing[0]}..${missing[missing.length - 1]} among ${start}..${end - 1})`,
      )
    }
    for (const [i, row] of rows.entries()) {
      const id = start + i
      if (Number(row[0]) !== id || row[1] !== rowName(id) || Number(row[2]) !== rowAmount(id)) {
        throw new Error(`${peer.label}: row ${id} wrong after recovery: ${JSON.stringify(row)}`)
      }
    }
  }
}
