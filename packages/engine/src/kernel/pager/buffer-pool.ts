/**
 * BufferPool: the pages held in memory, bounded by a byte budget, evicting the least recently
 * used page that no running operation holds. It stores frames; the pager decides what to load,
 * what is dirty and how to write it (the pool calls back to write a dirty victim).
 *
 * Pages touched by the current operation are pinned (the B+tree may hold their bodies until it
 * calls endOperation), so when every page is pinned the pool grows past its budget rather than
 * evict one; it shrinks back at the next eviction. Map iteration order is insertion order, so
 * re-inserting a frame on access makes the Map an LRU list.
 */
export interface Frame {
  readonly pageNumber: number
  /** The whole page: header and body. */
  readonly page: Uint8Array
  /** The body: the page after the pager's header. */
  readonly body: Uint8Array
  isDirty: boolean
  /** Epoch in which the page was last written (its copy-on-write generation). */
  epoch: number
  /** LSN of the newest change the page holds (WAL before page: invariant of the pager). */
  lsn: number
}

export class BufferPool {
  readonly #frames = new Map<number, Frame>()
  readonly #pinned = new Set<number>()
  readonly #capacity: number
  readonly #writeVictim: (frame: Frame) => void

  constructor(capacityPages: number, writeVictim: (frame: Frame) => void) {
    this.#capacity = capacityPages
    this.#writeVictim = writeVictim
  }

  get size(): number {
    return this.#frames.size
  }

  get capacity(): number {
    return this.#capacity
  }

  /** The frame of a cached page, marked recently used and pinned. */
  find(pageNumber: number): Frame | undefined {
    const frame = this.#frames.get(pageNumber)
    if (frame === undefined) return undefined
    this.#frames.delete(pageNumber)
    this.#frames.set(pageNumber, frame)
    this.#pinned.add(pageNumber)
    return frame
  }

  /** Adds a frame (pinned), evicting unpinned pages beyond the budget. */
  admit(frame: Frame): void {
    this.#frames.set(frame.pageNumber, frame)
    this.#pinned.add(frame.pageNumber)
    this.#evictBeyondCapacity()
  }

  /** Drops a page without writing it (it was freed, or the pool is being reset). */
  discard(pageNumber: number): void {
    this.#frames.delete(pageNumber)
    this.#pinned.delete(pageNumber)
  }

  unpinAll(): void {
    this.#pinned.clear()
    this.#evictBeyondCapacity()
  }

  dirtyFrames(): Frame[] {
    return [...this.#frames.values()].filter((frame) => frame.isDirty)
  }

  #evictBeyondCapacity(): void {
    if (this.#frames.size <= this.#capacity) return
    for (const [pageNumber, frame] of this.#frames) {
      if (this.#frames.size <= this.#capacity) return
      if (this.#pinned.has(pageNumber)) continue
      if (frame.isDirty) this.#writeVictim(frame)
      this.#frames.delete(pageNumber)
    }
  }
}
