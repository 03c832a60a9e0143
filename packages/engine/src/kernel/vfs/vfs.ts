/**
 * Vfs: the file I/O seam. Every byte the kernel stores goes through it, so the same kernel runs
 * on real files (NodeVfs), in memory (MemoryVfs) and on a fault-injecting simulated disk
 * (SimulatedVfs) that crash tests replay from a seed.
 *
 * Reads and writes are synchronous because a statement runs to completion on the event loop
 * (ARCHITECTURE.md §2, the better-sqlite3 model). Only durability waits are asynchronous: `sync`
 * and `syncDirectory` return promises, so that while one fdatasync is in flight on the libuv
 * threadpool, group commit can gather the next commits. Their `*Blocking` twins exist for the
 * one wait a synchronous statement cannot defer (evicting a page whose log is not durable).
 *
 * Paths are relative to the Vfs root, separated by '/', without '.', '..' or empty segments;
 * '' names the root itself. `rename` and `remove` act on files only.
 *
 * Errors: I/O failures throw (or, for `sync` and `syncDirectory`, reject with) a VfsError
 * carrying `code`, `operation` and `path`. Misuse (a closed file, a malformed path, a negative
 * offset) is a bug: it throws InternalError synchronously, also from `sync`.
 */

export interface Vfs {
  /** Opens a file for reading and writing, creating it (empty) when asked and missing. Throws
   * ENOENT when it is missing and not created, or when its directory is missing; EISDIR for a
   * directory. The file's directory entry is durable only after `syncDirectory`. */
  open(path: string, options: { create: boolean }): VfsFile
  /** Whether a file or directory exists at `path`. */
  exists(path: string): boolean
  /** Names of the files and directories directly inside `directory`, sorted by code unit. */
  list(directory: string): string[]
  /** Removes a file's directory entry; handles already open keep working (POSIX unlink). */
  remove(path: string): void
  /** Moves a file to `to`, atomically replacing any file there (POSIX rename). */
  rename(from: string, to: string): void
  /** Creates a directory and any missing parents; does nothing if it exists. */
  mkdir(path: string): void
  /** Makes the directory entries in `path` (creations, renames, removals) durable. */
  syncDirectory(path: string): Promise<void>
  /** `syncDirectory`, blocking the event loop until done; throws VfsError on I/O failure. For
   * the rare durability wait inside a synchronous statement (see `VfsFile.syncBlocking`). */
  syncDirectoryBlocking(path: string): void
}

export interface VfsFile {
  /** The path this file was opened with (a later rename does not change it). */
  readonly path: string
  /** Reads up to `buffer.length` bytes at `offset`; returns the bytes read, fewer only at the
   * end of the file. */
  read(buffer: Uint8Array, offset: number): number
  /** Writes all of `buffer` at `offset`, extending the file if needed; a gap between the old
   * end and `offset` reads as zeros. Not durable until a later `sync` resolves. */
  write(buffer: Uint8Array, offset: number): void
  size(): number
  /** Sets the size to `length`: shrinks, or extends with zeros. Durable after `sync`. */
  truncate(length: number): void
  /**
   * Makes every write and truncate made before this call durable (fdatasync); writes made while
   * it is in flight are not covered. Rejects with a VfsError on I/O failure, after which the
   * covered writes must be treated as lost (Linux may drop them from its cache while reads still
   * return them): the kernel enters its failed state rather than retrying (ARCHITECTURE.md §2.4).
   */
  sync(): Promise<void>
  /**
   * `sync`, blocking the event loop until done; throws VfsError on I/O failure, with the same
   * consequences. Only for a durability wait that cannot be deferred inside a synchronous
   * statement: the pager evicting a dirty page whose WAL is not yet durable. It stalls every
   * session for the length of one fdatasync, so the common path is `sync`.
   */
  syncBlocking(): void
  /** Releases the handle. Any later call, including a second `close`, is a bug. A `sync` still
   * in flight completes and reports its outcome. */
  close(): void
}
