/**
 * PageStore: what the B+tree needs from the pager, declared here (the lower layer) and
 * implemented by pager/ (STYLE.md §2: a lower layer declares a small interface that the higher
 * one implements; the B+tree must not know about files, caching or the log).
 *
 * Pages are copy-on-write between checkpoints: a page that belongs to the last durable
 * checkpoint is never modified in place. `edit` returns either the same page (when it was
 * created or copied since the last checkpoint cut) or a fresh copy with a new page number; the
 * B+tree then stores the new number in the parent, copying the parent in turn, up to the root.
 * Page bodies exclude the pager's header: `bytes.length === pageBodyBytes`.
 *
 * Invariants the B+tree may rely on:
 *   1. `read(n)` returns the body last written through `edit`/`allocate` for page n, until `free(n)`.
 *   2. Bodies returned by `read` must not be modified; only bodies from `edit`/`allocate` may be.
 *   3. Every page touched since the last `endOperation()` stays in memory, and the bodies handed
 *      out for it stay valid (edits visible through them), until the next `endOperation()`.
 *      After that the pager may evict them: the B+tree never holds a body across public calls
 *      and calls `endOperation()` when each public operation (get, put, delete, a cursor step)
 *      finishes.
 */

export interface EditablePage {
  readonly pageNumber: number
  readonly bytes: Uint8Array
}

export interface PageStore {
  /** Bytes of a page body (the page size minus the pager's header). */
  readonly pageBodyBytes: number
  /** The body of an existing page, read-only. Throws InternalError for a free or unknown page. */
  read(pageNumber: number): Uint8Array
  /** A writable body with the content of page `pageNumber`: the same page if it may be changed
   * in place, else a copy on a new page (the old one is freed when it is safe to reuse). */
  edit(pageNumber: number): EditablePage
  /** A new zeroed page. */
  allocate(): EditablePage
  /** Returns a page to the free list (reused once no durable checkpoint refers to it). */
  free(pageNumber: number): void
  /** Ends one B+tree operation: the pages it touched may be evicted from now on. */
  endOperation(): void
}
