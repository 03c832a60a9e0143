/**
 * MemoryPageStore: an in-memory PageStore for tests, stricter than the contract requires, so a
 * B+tree bug fails at the faulty call instead of surfacing later as wrong data.
 *
 * What it models and catches:
 *   - Copy-on-write as the pager does it: every page carries the epoch that wrote it;
 *     `checkpoint()` starts a new epoch; `edit` of a page from an older epoch copies it to a new
 *     page and retires the old number; `free` of an older page retires it. Retired pages become
 *     reusable at the next checkpoint, pages of the current epoch at once (LIFO, so reuse bugs
 *     show quickly).
 *   - Use after free: free and retired pages are unreadable (read, edit and free throw
 *     InternalError) and their old bodies are poisoned with 0xDB, so a body kept across a free
 *     reads bytes that fail every format check.
 *   - Bodies held across operations (PageStore invariant 3): at endOperation, with probability
 *     `evictionProbability`, every page moves to a fresh array and the old array is poisoned,
 *     as if the pager had evicted and re-read it.
 *   - Writes through read-only bodies or into checkpointed pages (invariant 2): with
 *     `keepDurableImage`, checkpoint() copies every live page; verifyDurableImage() checks that
 *     pages of older epochs still equal their copies, and durableImage() serves the copies
 *     read-only, so a test can open the tree exactly as the checkpoint left it.
 * Statistics: allocations, frees, copies, live/free/retired page counts, and the most distinct
 * pages one operation touched (what the pager must keep resident).
 */
import { InternalError } from '../../../errors/index.js'
import { assert } from '../../../lib/assert.js'
import { Random } from '../../../lib/random.js'
import { pageBytes, pageHeaderBytes } from '../../../limits.js'
import type { EditablePage, PageStore } from '../page-store.js'

export interface MemoryPageStoreOptions {
  readonly pageBodyBytes?: number
  /** Seeds the eviction choices, so a failing run replays. */
  readonly seed?: number
  /** Chance that an endOperation evicts every page; 0 (never) by default. */
  readonly evictionProbability?: number
  /** Keep a copy of every page at each checkpoint (see durableImage). */
  readonly keepDurableImage?: boolean
}

type PageState = 'Live' | 'Free' | 'Retired'

/** Pages 0 and 1 are the pager's meta slots; starting at 2 keeps the double honest. */
const firstPageNumber = 2
const poisonByte = 0xdb

export class MemoryPageStore implements PageStore {
  readonly pageBodyBytes: number
  /** Indexed by page number, as are #epochs and #states. */
  readonly #bodies: (Uint8Array | undefined)[] = []
  #pageEnd = firstPageNumber
  readonly #epochs: number[] = []
  readonly #states: PageState[] = []
  #free: number[] = []
  #retired: number[] = []
  #epoch = 1
  readonly #random: Random
  readonly #evictionProbability: number
  readonly #keepDurableImage: boolean
  #durable = new Map<number, Uint8Array>()
  readonly #touched = new Set<number>()
  #touchedMax = 0
  #allocations = 0
  #frees = 0
  #copies = 0
  #reads = 0
  #operations = 0

  constructor(options: MemoryPageStoreOptions = {}) {
    this.pageBodyBytes = options.pageBodyBytes ?? pageBytes - pageHeaderBytes
    this.#random = new Random(options.seed ?? 0)
    this.#evictionProbability = options.evictionProbability ?? 0
    this.#keepDurableImage = options.keepDurableImage ?? false
  }

  read(pageNumber: number): Uint8Array {
    this.#reads++
    return this.#liveBody(pageNumber, 'read')
  }

  edit(pageNumber: number): EditablePage {
    const body = this.#liveBody(pageNumber, 'edit')
    if (this.#epochs[pageNumber] === this.#epoch) return { pageNumber, bytes: body }
    const copy = this.allocate()
    copy.bytes.set(body)
    this.#copies++
    this.#retire(pageNumber)
    return copy
  }

  allocate(): EditablePage {
    const pageNumber = this.#free.pop() ?? this.#pageEnd++
    // A fresh array even for a reused page: a stale body of its previous life stays poisoned.
    const bytes = new Uint8Array(this.pageBodyBytes)
    this.#bodies[pageNumber] = bytes
    this.#epochs[pageNumber] = this.#epoch
    this.#states[pageNumber] = 'Live'
    this.#allocations++
    this.#touched.add(pageNumber)
    return { pageNumber, bytes }
  }

  free(pageNumber: number): void {
    this.#liveBody(pageNumber, 'free')
    this.#frees++
    if (this.#epochs[pageNumber] === this.#epoch) {
      this.#poison(pageNumber)
      this.#states[pageNumber] = 'Free'
      this.#free.push(pageNumber)
    } else this.#retire(pageNumber)
  }

  endOperation(): void {
    this.#operations++
    this.#touchedMax = Math.max(this.#touchedMax, this.#touched.size)
    this.#touched.clear()
    if (this.#evictionProbability > 0 && this.#random.chance(this.#evictionProbability)) {
      this.evictAll()
    }
  }

  /** Moves every live page to a fresh array and poisons the old one. */
  evictAll(): void {
    for (const pageNumber of this.livePageNumbers()) {
      const body = this.#body(pageNumber)
      this.#bodies[pageNumber] = body.slice()
      body.fill(poisonByte)
    }
  }

  /** Cuts a checkpoint: later edits of today's pages copy them; retired pages become free. */
  checkpoint(): void {
    for (const pageNumber of this.#retired) {
      this.#states[pageNumber] = 'Free'
      this.#free.push(pageNumber)
    }
    this.#retired = []
    this.#epoch++
    if (!this.#keepDurableImage) return
    this.#durable = new Map()
    for (const pageNumber of this.livePageNumbers()) {
      this.#durable.set(pageNumber, this.#body(pageNumber).slice())
    }
  }

  /** Throws InternalError if a page of an older epoch changed since the last checkpoint. */
  verifyDurableImage(): void {
    assert(this.#keepDurableImage, 'the durable image is kept')
    for (const pageNumber of this.livePageNumbers()) {
      if (this.#epochs[pageNumber] === this.#epoch) continue
      const copy = this.#durable.get(pageNumber)
      assert(copy !== undefined, `page ${pageNumber} of an older epoch is in the durable image`)
      const body = this.#body(pageNumber)
      const isEqual = body.every((byte, offset) => byte === copy[offset])
      assert(isEqual, `page ${pageNumber} of an older epoch is unchanged since the checkpoint`)
    }
  }

  /** The pages as of the last checkpoint, read-only. */
  durableImage(): PageStore {
    assert(this.#keepDurableImage, 'the durable image is kept')
    const pages = this.#durable
    const refuse = (): never => {
      throw new InternalError('the durable image is read-only')
    }
    return {
      pageBodyBytes: this.pageBodyBytes,
      read: (pageNumber) => {
        const body = pages.get(pageNumber)
        if (body === undefined) throw new InternalError(`page ${pageNumber} is not durable`)
        return body
      },
      edit: refuse,
      allocate: refuse,
      free: refuse,
      endOperation: () => {},
    }
  }

  /** Flips bits of one byte of a live page, as a torn write or bad disk would. */
  corruptByte(pageNumber: number, offset: number, mask = 0xff): void {
    const body = this.#liveBody(pageNumber, 'corrupt')
    assert(offset >= 0 && offset < body.length, 'the corrupted byte is inside the page')
    body[offset] = (body[offset] ?? 0) ^ mask
  }

  livePageNumbers(): number[] {
    const pages: number[] = []
    for (let pageNumber = firstPageNumber; pageNumber < this.#pageEnd; pageNumber++) {
      if (this.#states[pageNumber] === 'Live') pages.push(pageNumber)
    }
    return pages
  }

  get livePageCount(): number {
    return this.livePageNumbers().length
  }

  get freePageCount(): number {
    return this.#free.length
  }

  get retiredPageCount(): number {
    return this.#retired.length
  }

  get epoch(): number {
    return this.#epoch
  }

  /** Counters since creation; `touchedPagesMax` is the most distinct pages of one operation. */
  get statistics(): {
    allocations: number
    frees: number
    copies: number
    reads: number
    operations: number
    touchedPagesMax: number
  } {
    return {
      allocations: this.#allocations,
      frees: this.#frees,
      copies: this.#copies,
      reads: this.#reads,
      operations: this.#operations,
      touchedPagesMax: Math.max(this.#touchedMax, this.#touched.size),
    }
  }

  resetTouchedPagesMax(): void {
    this.#touchedMax = 0
  }

  #liveBody(pageNumber: number, action: string): Uint8Array {
    const state = this.#states[pageNumber]
    if (state !== 'Live') {
      throw new InternalError(`${action} of page ${pageNumber}, which is ${state ?? 'unknown'}`)
    }
    this.#touched.add(pageNumber)
    return this.#body(pageNumber)
  }

  #body(pageNumber: number): Uint8Array {
    const body = this.#bodies[pageNumber]
    assert(body !== undefined, `page ${pageNumber} has a body`)
    return body
  }

  #retire(pageNumber: number): void {
    this.#poison(pageNumber)
    this.#states[pageNumber] = 'Retired'
    this.#retired.push(pageNumber)
  }

  #poison(pageNumber: number): void {
    this.#body(pageNumber).fill(poisonByte)
  }
}
