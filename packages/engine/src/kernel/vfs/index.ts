/**
 * Vfs: the file I/O seam of the kernel. Pager and WAL read and write files only through it, so
 * the same kernel runs on disk (NodeVfs), in memory (MemoryVfs, for `:memory:` databases and fast
 * tests) and on a simulated disk that loses power and fails on command (SimulatedVfs, for crash
 * tests replayed from a seed). Reads and writes are synchronous; only `sync` and
 * `syncDirectory` (the durability waits) are asynchronous, so group commit can gather commits
 * while an fdatasync is in flight. Not here: page layout, checksums, caching (pager/), log
 * framing (wal/), and the data-directory lock against a second process (the server's).
 *
 * Invariants (every implementation; the contract suite checks them):
 *   1. A read returns the bytes of the latest writes and truncates to the file through any
 *      handle, zeros in gaps, and is short only at the end of the file.
 *   2. A write or truncate is durable once a `sync` issued after it resolves; a directory entry
 *      change (create, rename, remove, mkdir) once a `syncDirectory` of its directory issued
 *      after it resolves. Nothing else is promised to survive power loss.
 *   3. `rename` replaces its target atomically: a reader sees the old file or the new, never
 *      neither, and after power loss the same holds once the directory was synced.
 *   4. I/O failures are VfsErrors with a code (EIO, ENOSPC, ENOENT, ...), the operation and the
 *      path; a rejected `sync` means the covered writes may be lost even if reads return them.
 *   5. Misuse (a call on a closed file, a malformed path or offset) throws InternalError.
 *   6. SimulatedVfs is deterministic: the same seed and calls give the same faults and crashes.
 * Imports: lib, errors. Tests: vfs-contract.test.ts (the contract suite of vfs-contract.ts run on
 * all three), simulated-vfs.test.ts, settle-file-ops.test.ts, node-vfs.test.ts, vfs-error.test.ts.
 */
export { MemoryVfs } from './memory-vfs.js'
export { NodeVfs } from './node-vfs.js'
export {
  type CrashUnsynced,
  type FaultOperation,
  SimulatedVfs,
  type SimulatedVfsCounters,
  type SimulatedVfsOptions,
} from './simulated-vfs.js'
export type { Vfs, VfsFile } from './vfs.js'
export { VfsError, type VfsErrorCode, type VfsOperation } from './vfs-error.js'
