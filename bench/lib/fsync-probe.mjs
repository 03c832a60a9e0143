// The disk's own ceiling for durable commits: how many "append a small record, then fdatasync"
// cycles per second a single writer gets, with nothing else going on. Two files are probed:
//   append       — the file grows with every record (fdatasync also has to persist the size),
//                  as bkg-db's WAL segments grow today;
//   preallocated — the records overwrite a zero-filled, already-synced 16 MiB file, as
//                  PostgreSQL's WAL segments (and SQLite's reused WAL) are written.
// Calls go through libuv's thread pool (fs.fdatasync), as bkg-db's NodeVfs does.
import { closeSync, fdatasync, fdatasyncSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { withTempDirectory } from './temp-directory.mjs'

const fdatasyncAsync = promisify(fdatasync)
const recordBytes = 128
const preallocatedBytes = 16 * 1024 * 1024
/** Cycles per probe at most, whatever the time budget. */
const cyclesMax = 200_000

async function probe(path, seconds, isPreallocated) {
  const fd = openSync(path, 'w')
  try {
    if (isPreallocated) {
      writeSync(fd, Buffer.alloc(preallocatedBytes), 0, preallocatedBytes, 0)
      fdatasyncSync(fd)
    }
    const record = Buffer.alloc(recordBytes, 0x5a)
    const latenciesMs = []
    const deadline = performance.now() + seconds * 1000
    for (let offset = 0; latenciesMs.length < cyclesMax; offset += recordBytes) {
      const started = performance.now()
      if (started >= deadline || offset + recordBytes > preallocatedBytes) break
      writeSync(fd, record, 0, recordBytes, offset)
      await fdatasyncAsync(fd)
      latenciesMs.push(performance.now() - started)
    }
    const total = latenciesMs.reduce((sum, ms) => sum + ms, 0)
    latenciesMs.sort((a, b) => a - b)
    return {
      perSecond: (latenciesMs.length * 1000) / total,
      p50Ms: latenciesMs[Math.floor(latenciesMs.length / 2)],
      p99Ms: latenciesMs[Math.floor(latenciesMs.length * 0.99)],
    }
  } finally {
    closeSync(fd)
  }
}

/** Probes both files for `seconds` each; returns their rates and latencies. */
export function probeFsync(seconds) {
  return withTempDirectory('fsync', async (directory) => ({
    append: await probe(join(directory, 'append'), seconds, false),
    preallocated: await probe(join(directory, 'preallocated'), seconds, true),
  }))
}

export function describeFsync(result) {
  const line = (name, r) =>
    `${name} ${Math.round(r.perSecond).toLocaleString('en-US')}/s ` +
    `(p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms)`
  return (
    `disk ceiling, one writer, write 128 B + fdatasync: ${line('append', result.append)}; ` +
    `${line('preallocated file', result.preallocated)}`
  )
}
