/**
 * DataDirLock: one bkg-db process per data directory. Two processes writing one WAL and one
 * data file would corrupt both, so `bkg-db start` takes `<data_dir>/bkg-db.pid` (created with
 * O_EXCL, holding the owner's pid) before it opens the database, and removes it when it stops.
 * A lock file left by a process that no longer runs (a crash, SIGKILL) is stale and is taken
 * over, as PostgreSQL does with postmaster.pid.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export const lockFileName = 'bkg-db.pid'

/** The data directory is in use by another running process. Exit code 2, like a port in use. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError'
  constructor(dataDir: string, pid: number) {
    super(
      `data directory "${dataDir}" is in use by another bkg-db (process ${pid}); stop it or choose another --data-dir`,
    )
  }
}

export interface DataDirLock {
  release(): void
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === 'EPERM'
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, lockFileName)
  // Two attempts: the second after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      return { release: () => rmSync(path, { force: true }) }
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10)
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new DataDirInUseError(dataDir, owner)
      }
      rmSync(path, { force: true })
    }
  }
  throw new DataDirInUseError(dataDir, -1)
}
