// Temporary data directories for on-disk workloads. Each is created under the OS temp dir with
// a recognisable prefix and removed when its workload ends, or at process exit (also on Ctrl-C
// or SIGTERM) if a workload threw, so an interrupted run does not leave hundreds of MiB behind.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const live = new Set()

function removeAll() {
  for (const directory of live) rmSync(directory, { recursive: true, force: true })
  live.clear()
}

process.once('exit', removeAll)
// Ctrl-C or a kill: clean up, then exit with the conventional 128 + signal number.
for (const [signal, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
]) {
  process.once(signal, () => {
    removeAll()
    process.exit(128 + number)
  })
}

/** Creates a fresh empty directory; remove it with removeTempDirectory (or it goes at exit). */
export function makeTempDirectory(label) {
  const directory = mkdtempSync(join(tmpdir(), `bkg-bench-${label}-`))
  live.add(directory)
  return directory
}

export function removeTempDirectory(directory) {
  rmSync(directory, { recursive: true, force: true })
  live.delete(directory)
}

/** Runs `body(directory)` with a fresh directory and removes it afterwards, whatever happens. */
export async function withTempDirectory(label, body) {
  const directory = makeTempDirectory(label)
  try {
    return await body(directory)
  } finally {
    removeTempDirectory(directory)
  }
}
