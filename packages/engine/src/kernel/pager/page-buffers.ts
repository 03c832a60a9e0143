/**
 * PageBuffers: the memory of the buffer pool's frames, carved from slabs and recycled.
 *
 * A page buffer of its own per frame (`new Uint8Array(8192)`) is an off-heap allocation that
 * V8 accounts as external memory, and with tens of thousands of them alive that accounting
 * makes each one cost tens of microseconds (garbage collections it triggers included): a
 * micro-benchmark on the benchmark machine measured 36 µs per retained 8 KiB page allocated
 * alone, 4 µs per page carved from a 256 KiB slab. Every new B+tree page (leaf splits, copies
 * on write) and every page read from the file needs one, so the pager takes them from here:
 * slabs of pageBufferSlabPages pages, and buffers of frames that left the pool, reused.
 *
 * A buffer is given back only when nothing can still use it: a frame evicted by the pool (it
 * was not pinned, so no B+tree operation holds its body), or a frame dropped while pinned once
 * that operation has ended (`releaseDeferred`, called by Pager.endOperation; PageStore
 * invariant: no body is used after the endOperation that ends its operation).
 *
 * Memory: the slabs stay allocated while any of their pages is in use. At most
 * `spareMax` buffers are kept for reuse; past that a returned buffer is dropped, and its slab
 * goes once all its pages are dropped. So memory stays within the pool's peak plus spareMax
 * pages plus the partly used slabs.
 */
import { assert } from '../../lib/assert.js'
import { pageBufferSlabPages, pageBytes, pageHeaderBytes } from '../../limits.js'

/** A page's memory: the whole page, and its body after the pager's header (a view of it). */
export interface PageBuffer {
  readonly page: Uint8Array
  readonly body: Uint8Array
}

export class PageBuffers {
  readonly #spare: PageBuffer[] = []
  readonly #deferred: PageBuffer[] = []
  readonly #spareMax: number
  /** The current slab and how many of its pages are handed out. */
  #slab: Uint8Array | undefined
  #slabUsed = pageBufferSlabPages

  constructor(spareMax: number) {
    assert(spareMax >= 0, 'a spare count is not negative')
    this.#spareMax = spareMax
  }

  /** Buffers kept for reuse (tests). */
  get spareCount(): number {
    return this.#spare.length
  }

  /** A page buffer; its bytes are stale unless `isZeroed`. */
  take(isZeroed: boolean): PageBuffer {
    const reused = this.#spare.pop()
    if (reused !== undefined) {
      if (isZeroed) reused.page.fill(0)
      return reused
    }
    if (this.#slab === undefined || this.#slabUsed === pageBufferSlabPages) {
      this.#slab = new Uint8Array(pageBytes * pageBufferSlabPages)
      this.#slabUsed = 0
    }
    const start = this.#slabUsed * pageBytes
    this.#slabUsed++
    // A fresh slab is zeroed.
    const page = this.#slab.subarray(start, start + pageBytes)
    return { page, body: page.subarray(pageHeaderBytes) }
  }

  /** A buffer nothing uses any more. */
  give(buffer: PageBuffer): void {
    if (this.#spare.length < this.#spareMax) this.#spare.push(buffer)
  }

  /** A buffer the current operation may still use: given back at `releaseDeferred`. */
  giveAfterOperation(buffer: PageBuffer): void {
    this.#deferred.push(buffer)
  }

  releaseDeferred(): void {
    if (this.#deferred.length === 0) return
    for (const buffer of this.#deferred) this.give(buffer)
    this.#deferred.length = 0
  }
}
