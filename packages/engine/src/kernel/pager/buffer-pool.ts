/**
 * BufferPool: the pages held in memory, bounded by a byte budget. It stores frames; the pager
 * decides what to load, what is dirty and how to write it (the pool calls back to write a dirty
 * victim, and the pager's callback enforces the WAL rule before writing).
 *
 * Replacement is a clock sweep, as PostgreSQL's buffer manager: each frame has a usage count,
 * raised on every access up to bufferUsageCountMax; a hand sweeps the ring of frames, skipping
 * pinned ones and lowering the count of the others, and takes the first unpinned frame whose
 * count is zero. A page used often therefore survives several laps of the hand (a scan larger
 * than the pool does not flush the B+tree's upper levels), and an access costs one Map lookup
 * and two field writes. (It replaced an LRU kept by Map delete + set on every access, which
 * cost about 40 times a lookup and was the largest item of the bulk-load profile.)
 *
 * Pages touched by the current operation are pinned (the B+tree may hold their bodies until it
 * calls endOperation), so when every page is pinned the pool grows past its budget rather than
 * evict one; it shrinks back at the next eviction. Pins are an operation number per frame, so
 * unpinning everything is a counter increment.
 *
 * Invariants:
 *   1. A frame leaves the pool clean: a dirty victim is written (through the pager, WAL first)
 *      before it is dropped; only `discard` drops a dirty frame (freed pages, whose content is
 *      dead).
 *   2. A frame pinned in the current operation is never evicted.
 *   3. Every frame in `#slots` is in the ring at its `ringIndex`, and every ring entry that is
 *      not a hole is in `#slots`.
 */
import { assert } from '../../lib/assert.js'
import { bufferUsageCountMax } from '../../limits.js'

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

/** A frame's place in the clock. */
interface Slot {
  readonly frame: Frame
  ringIndex: number
  /** Accesses not yet paid for by a pass of the hand; 0 makes the frame a victim. */
  usage: number
  /** The operation that last pinned the frame; pinned while it equals the current one. */
  pinnedIn: number
}

export interface BufferPoolHooks {
  /** Told of every frame that leaves the pool (evicted or discarded), and whether the current
   * operation pinned it: then its body may be in use until the operation ends. */
  readonly dropped?: (frame: Frame, isPinned: boolean) => void
  /** Whether a dirty frame can be written at once (the WAL covering it is durable). Victims
   * that can are preferred, so an eviction rarely waits for an fsync. */
  readonly isWritableNow?: (frame: Frame) => boolean
  /** Every victim at hand would have to wait for the WAL: start making it durable in the
   * background (without blocking); the pool grows past its capacity meanwhile, by at most a
   * sixteenth, before it waits. */
  readonly requestDurable?: (frame: Frame) => void
  /** A number that changes whenever more frames may have become writable (the durable LSN). */
  readonly readiness?: () => number
}

export class BufferPool {
  readonly #slots = new Map<number, Slot>()
  /** The clock: slots in admission order; holes (undefined) are reused by later admissions. */
  #ring: (Slot | undefined)[] = []
  #holes: number[] = []
  #hand = 0
  /** Current operation number; a slot with `pinnedIn === #operation` is pinned. */
  #operation = 1
  #pinnedCount = 0
  readonly #capacity: number
  readonly #writeVictim: (frame: Frame) => void
  readonly #hooks: BufferPoolHooks
  /** How far the pool may grow past its capacity while the WAL of its victims becomes
   * durable in the background (BufferPoolHooks.requestDurable). */
  readonly #overshootPages: number
  /** The readiness stamp at which a lap of the hand found no victim writable without waiting:
   * until it changes, the sweep stops looking for one (it would walk a whole lap each time). */
  #fruitlessReadiness: number | undefined

  /**
   * `writeVictim` writes a dirty frame before it is evicted (through the pager: WAL first).
   * `hooks` (all optional) let the pager recycle page memory and steer eviction away from
   * pages whose WAL is not yet durable.
   */
  constructor(
    capacityPages: number,
    writeVictim: (frame: Frame) => void,
    hooks: BufferPoolHooks = {},
  ) {
    assert(capacityPages >= 1, 'the pool holds at least one page')
    this.#capacity = capacityPages
    this.#writeVictim = writeVictim
    this.#hooks = hooks
    this.#overshootPages = hooks.isWritableNow === undefined ? 0 : Math.ceil(capacityPages / 16)
  }

  get size(): number {
    return this.#slots.size
  }

  get capacity(): number {
    return this.#capacity
  }

  /** The frame of a cached page, marked used and pinned. */
  find(pageNumber: number): Frame | undefined {
    const slot = this.#slots.get(pageNumber)
    if (slot === undefined) return undefined
    if (slot.usage < bufferUsageCountMax) slot.usage++
    this.#pin(slot)
    return slot.frame
  }

  /** Whether a page is cached; does not count as a use (tests, diagnostics). */
  has(pageNumber: number): boolean {
    return this.#slots.has(pageNumber)
  }

  /**
   * Adds a frame (pinned), evicting unpinned pages beyond the budget. A new frame starts with a
   * usage count of one: a page touched once goes before pages touched again.
   */
  admit(frame: Frame): void {
    this.discard(frame.pageNumber)
    const ringIndex = this.#holes.pop() ?? this.#ring.length
    const slot: Slot = { frame, ringIndex, usage: 1, pinnedIn: 0 }
    this.#ring[ringIndex] = slot
    this.#slots.set(frame.pageNumber, slot)
    this.#pin(slot)
    this.#evictBeyondCapacity()
  }

  /** Drops a page without writing it (it was freed, or the pool is being reset). */
  discard(pageNumber: number): void {
    const slot = this.#slots.get(pageNumber)
    if (slot === undefined) return
    this.#remove(slot)
  }

  unpinAll(): void {
    this.#operation++
    this.#pinnedCount = 0
    this.#evictBeyondCapacity()
    this.#compactRing()
  }

  dirtyFrames(): Frame[] {
    const dirty: Frame[] = []
    for (const slot of this.#slots.values()) if (slot.frame.isDirty) dirty.push(slot.frame)
    return dirty
  }

  #pin(slot: Slot): void {
    if (slot.pinnedIn === this.#operation) return
    slot.pinnedIn = this.#operation
    this.#pinnedCount++
  }

  #remove(slot: Slot): void {
    const isPinned = slot.pinnedIn === this.#operation
    if (isPinned) this.#pinnedCount--
    this.#slots.delete(slot.frame.pageNumber)
    this.#ring[slot.ringIndex] = undefined
    this.#holes.push(slot.ringIndex)
    this.#hooks.dropped?.(slot.frame, isPinned)
  }

  #evictBeyondCapacity(): void {
    while (this.#slots.size > this.#capacity) {
      const victim = this.#sweep()
      if (victim === undefined) return
      const frame = victim.frame
      if (frame.isDirty && this.#hooks.isWritableNow?.(frame) === false) {
        // No victim at hand is writable without an fsync of the WAL: start that fsync in the
        // background and let the pool overshoot a little rather than block every session
        // for it; past the overshoot, the write below waits (the pager's flushSync).
        this.#hooks.requestDurable?.(frame)
        if (this.#slots.size <= this.#capacity + this.#overshootPages) return
      }
      // Invariant 1: written (WAL first, by the pager's callback) before it is dropped.
      if (frame.isDirty) this.#writeVictim(frame)
      this.#remove(victim)
    }
  }

  /**
   * Moves the hand to the next unpinned slot with a usage count of zero, lowering the counts it
   * passes, preferring a frame that is clean or writable at once (isWritableNow): a candidate
   * that is not is passed over for up to one more lap, then taken if nothing better came.
   * Undefined when every frame is pinned. Each lap lowers every unpinned count, so it ends
   * within bufferUsageCountMax + 2 laps.
   */
  #sweep(): Slot | undefined {
    if (this.#slots.size <= this.#pinnedCount) return undefined
    const ring = this.#ring
    const isWritableNow = this.#hooks.isWritableNow
    const readiness = this.#hooks.readiness?.()
    const isPreferring = isWritableNow !== undefined && readiness !== this.#fruitlessReadiness
    let fallback: Slot | undefined
    let fallbackStep = 0
    const stepsMax = (bufferUsageCountMax + 2) * ring.length + 1
    for (let step = 0; step < stepsMax; step++) {
      if (this.#hand >= ring.length) this.#hand = 0
      const slot = ring[this.#hand++]
      if (slot === undefined || slot.pinnedIn === this.#operation) continue
      if (slot.usage > 0) {
        slot.usage--
        continue
      }
      if (!isPreferring || !slot.frame.isDirty || isWritableNow(slot.frame)) return slot
      if (fallback === undefined) {
        fallback = slot
        fallbackStep = step
      } else if (step - fallbackStep >= ring.length) {
        break
      }
    }
    if (fallback !== undefined) {
      this.#fruitlessReadiness = readiness
      return fallback
    }
    assert(false, 'a clock sweep with an unpinned frame finds a victim')
  }

  /** Drops the ring's holes once they outnumber the frames (after the pool grew while pinned),
   * so sweeps do not walk empty positions. */
  #compactRing(): void {
    if (this.#holes.length <= this.#slots.size) return
    const ring: Slot[] = []
    for (const slot of this.#ring) {
      if (slot === undefined) continue
      slot.ringIndex = ring.length
      ring.push(slot)
    }
    this.#ring = ring
    this.#holes = []
    this.#hand = 0
  }
}
