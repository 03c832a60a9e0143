/**
 * Pager: fixed-size pages of the data file with checksums, a buffer pool under a byte budget,
 * copy-on-write between checkpoints, a persistent free list, and alternating meta pages.
 * Implements the B+tree's PageStore. See pager.ts for the invariants.
 * Imports: vfs, lib, errors, limits. Tests: pager.test.ts.
 */
export { BufferPool, type Frame } from './buffer-pool.js'
export { type MetaState, metaStateBytesMax } from './meta-page.js'
export { type DurableLsnSource, Pager, type PagerOptions, type PendingCheckpoint } from './pager.js'
export { corruptPage, failedState, ioError } from './storage-error.js'
