/**
 * NodeVfs: real files through `node:fs`, rooted at one directory (the data directory).
 *
 * Reads, writes, truncates and namespace calls are the synchronous `*Sync` calls: they block the
 * event loop for one system call, which for page-sized I/O served by the OS cache costs
 * microseconds, less than a round trip through the threadpool would. Durability waits use the
 * callback API, so they run on the libuv threadpool while the event loop goes on: `sync` is
 * fdatasync(2) (the file's data plus the metadata needed to read it back, such as its size);
 * `syncDirectory` opens the directory read-only and fsyncs it, which is how POSIX makes entry
 * changes durable.
 *
 * Not here: O_DIRECT, preallocation (fallocate), advisory locks against a second process on the
 * same directory (the server's data-directory lock owns that), and macOS's F_FULLFSYNC: there,
 * fdatasync reaches the drive but not through its write cache, so durability on macOS laptops is
 * weaker than on Linux (SQLite's `fullfsync` pragma exists for the same reason).
 */
import {
  close,
  closeSync,
  constants,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  open,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { assert } from '../../lib/assert.js'
import type { Vfs, VfsFile } from './vfs.js'
import { toVfsError, VfsError } from './vfs-error.js'
import { assertVfsOffset } from './vfs-offset.js'
import { assertVfsPath } from './vfs-path.js'

/** Permissions of created files and directories before the umask: the owner alone reads and
 * writes database files, as PostgreSQL requires of its data directory. */
const fileMode = 0o600
const directoryMode = 0o700

export class NodeVfs implements Vfs {
  /** Absolute path of the directory every Vfs path is relative to. */
  readonly root: string

  constructor(options: { root: string }) {
    assert(isAbsolute(options.root), 'a NodeVfs root is an absolute path')
    this.root = resolve(options.root)
  }

  open(path: string, options: { create: boolean }): VfsFile {
    const target = this.#resolve(path)
    const flags = constants.O_RDWR | (options.create ? constants.O_CREAT : 0)
    try {
      return new NodeFile(path, openSync(target, flags, fileMode))
    } catch (error) {
      throw toVfsError(error, 'open', path)
    }
  }

  exists(path: string): boolean {
    const target = this.#resolve(path)
    try {
      return statSync(target, { throwIfNoEntry: false }) !== undefined
    } catch (error) {
      const vfsError = toVfsError(error, 'exists', path)
      if (vfsError.code === 'ENOTDIR') return false
      throw vfsError
    }
  }

  list(directory: string): string[] {
    const target = this.#resolve(directory)
    try {
      return readdirSync(target).sort()
    } catch (error) {
      throw toVfsError(error, 'list', directory)
    }
  }

  remove(path: string): void {
    const target = this.#resolve(path)
    try {
      unlinkSync(target)
    } catch (error) {
      const vfsError = toVfsError(error, 'remove', path)
      // POSIX lets unlink(2) of a directory fail with EPERM (macOS does); Linux says EISDIR.
      // One code on every platform keeps the contract suite portable.
      if (
        vfsError.code === 'EACCES' &&
        statSync(target, { throwIfNoEntry: false })?.isDirectory()
      ) {
        throw new VfsError({ code: 'EISDIR', operation: 'remove', path }, { cause: error })
      }
      throw vfsError
    }
  }

  rename(from: string, to: string): void {
    const source = this.#resolve(from)
    const target = this.#resolve(to)
    try {
      renameSync(source, target)
    } catch (error) {
      const vfsError = toVfsError(error, 'rename', from, `to "${to}"`)
      // Linux says EISDIR when the target is an empty directory but ENOTEMPTY (mapped to EEXIST)
      // when it is not; both mean a directory is in the way, which the contract calls EISDIR.
      if (vfsError.code !== 'EEXIST') throw vfsError
      throw new VfsError(
        { code: 'EISDIR', operation: 'rename', path: from, detail: `to "${to}"` },
        { cause: error },
      )
    }
  }

  mkdir(path: string): void {
    const target = this.#resolve(path)
    try {
      mkdirSync(target, { recursive: true, mode: directoryMode })
    } catch (error) {
      throw toVfsError(error, 'mkdir', path)
    }
  }

  syncDirectory(path: string): Promise<void> {
    const target = this.#resolve(path)
    const flags = constants.O_RDONLY | constants.O_DIRECTORY
    return new Promise((resolvePromise, rejectPromise) => {
      const fail = (error: unknown): void => rejectPromise(toVfsError(error, 'syncDirectory', path))
      open(target, flags, (openError, fd) => {
        if (openError !== null) return fail(openError)
        fsync(fd, (syncError) => {
          close(fd, (closeError) => {
            const error = syncError ?? closeError
            if (error === null) resolvePromise()
            else fail(error)
          })
        })
      })
    })
  }

  syncDirectoryBlocking(path: string): void {
    const target = this.#resolve(path)
    let fd: number
    try {
      fd = openSync(target, constants.O_RDONLY | constants.O_DIRECTORY)
    } catch (error) {
      throw toVfsError(error, 'syncDirectory', path)
    }
    let failure: unknown
    try {
      fsyncSync(fd)
    } catch (error) {
      failure = error
    }
    try {
      closeSync(fd)
    } catch (error) {
      failure ??= error
    }
    if (failure !== undefined) throw toVfsError(failure, 'syncDirectory', path)
  }

  #resolve(path: string): string {
    assertVfsPath(path)
    return path === '' ? this.root : join(this.root, ...path.split('/'))
  }
}

class NodeFile implements VfsFile {
  readonly path: string
  readonly #fd: number
  #isClosed = false
  /** fdatasync calls not yet completed; the descriptor stays open until they are, because a
   * closed descriptor number can be reused by the next open, and a late fdatasync would then
   * sync (and report success for) a different file. */
  #syncsInFlight = 0

  constructor(path: string, fd: number) {
    this.path = path
    this.#fd = fd
  }

  read(buffer: Uint8Array, offset: number): number {
    this.#assertOpen()
    assertVfsOffset(offset)
    let total = 0
    // Each pass reads at least one byte or stops, so the loop runs at most buffer.length times.
    while (total < buffer.length) {
      let count: number
      try {
        count = readSync(this.#fd, buffer, total, buffer.length - total, offset + total)
      } catch (error) {
        throw toVfsError(error, 'read', this.path)
      }
      if (count === 0) break
      total += count
    }
    return total
  }

  write(buffer: Uint8Array, offset: number): void {
    this.#assertOpen()
    assertVfsOffset(offset)
    let total = 0
    // Each pass writes at least one byte or throws, so the loop runs at most buffer.length times.
    while (total < buffer.length) {
      let count: number
      try {
        count = writeSync(this.#fd, buffer, total, buffer.length - total, offset + total)
      } catch (error) {
        throw toVfsError(error, 'write', this.path)
      }
      if (count === 0) {
        throw new VfsError({
          code: 'EIO',
          operation: 'write',
          path: this.path,
          detail: 'no progress',
        })
      }
      total += count
    }
  }

  size(): number {
    this.#assertOpen()
    try {
      return fstatSync(this.#fd).size
    } catch (error) {
      throw toVfsError(error, 'size', this.path)
    }
  }

  truncate(length: number): void {
    this.#assertOpen()
    assertVfsOffset(length)
    try {
      ftruncateSync(this.#fd, length)
    } catch (error) {
      throw toVfsError(error, 'truncate', this.path)
    }
  }

  sync(): Promise<void> {
    this.#assertOpen()
    this.#syncsInFlight++
    return new Promise((resolvePromise, rejectPromise) => {
      fdatasync(this.#fd, (syncError) => {
        this.#syncsInFlight--
        const closeError = this.#closeIfDeferred()
        const error = syncError ?? closeError
        if (error === null) resolvePromise()
        else rejectPromise(toVfsError(error, error === syncError ? 'sync' : 'close', this.path))
      })
    })
  }

  syncBlocking(): void {
    this.#assertOpen()
    try {
      fdatasyncSync(this.#fd)
    } catch (error) {
      throw toVfsError(error, 'sync', this.path)
    }
  }

  close(): void {
    this.#assertOpen()
    this.#isClosed = true
    if (this.#syncsInFlight > 0) return
    try {
      closeSync(this.#fd)
    } catch (error) {
      throw toVfsError(error, 'close', this.path)
    }
  }

  /** Closes the descriptor of a closed file once its last sync completed; a failure to close is
   * returned so that the sync's caller learns of it. */
  #closeIfDeferred(): Error | null {
    if (!this.#isClosed || this.#syncsInFlight > 0) return null
    try {
      closeSync(this.#fd)
      return null
    } catch (error) {
      if (error instanceof Error) return error
      throw error
    }
  }

  #assertOpen(): void {
    assert(!this.#isClosed, `file "${this.path}" is used after close`)
  }
}
