/**
 * BTreeCursor: a lazy scan of a key range of a BTree, forward or backward.
 *
 * Each step (`next()`) is one public operation of the tree: it reads pages by number, returns
 * copies, and calls endOperation before returning, so it never holds a page body between steps.
 * Between steps it keeps its position as page numbers and slot indexes (the parent stack; there
 * are no sibling pointers) together with the tree's modificationCount at the time. Once that
 * count moves (a put, a delete, copy-on-write moving pages), the position may name freed or
 * moved pages, so the next step re-seeks from the root to the first key after the last one
 * returned (before it, going backward).
 *
 * Invariants:
 *   1. Each step returns the first entry of the range after the previously returned key in the
 *      tree as it is at that step (before it, going backward). So keys strictly increase
 *      (decrease), none repeats, an entry deleted before the cursor reaches it is not returned,
 *      and one inserted ahead of the cursor is.
 *   2. Without changes in between, a scan of k entries reads O(depth + k) pages: a seek reads
 *      one page per level; a step reads its leaf, and leaving a leaf reads at most 2 × depth
 *      pages, once per leaf.
 */
import { assert } from '../../lib/assert.js'
import type { BTree } from './btree.js'
import {
  btreeDepthMax,
  cellKeyLength,
  cellKeyOffset,
  checkPage,
  inlineCellEnd,
  NodePage,
} from './node-page.js'
import { materializeValue, readOverflowChain } from './overflow-chain.js'
import type { PageStore } from './page-store.js'

export interface BTreeBound {
  readonly key: Uint8Array
  readonly inclusive: boolean
}

/** A key range; an absent bound leaves that side open. Shaped like the kernel's KeyRange. */
export interface BTreeCursorRange {
  readonly lower?: BTreeBound
  readonly upper?: BTreeBound
}

export type BTreeDirection = 'forward' | 'backward'

/** One entry; both arrays are copies the caller owns. */
export interface BTreeEntry {
  readonly key: Uint8Array
  readonly value: Uint8Array
}

/** One entry of a leaf batch: key in bytes[keyStart, keyEnd), value in [keyEnd, valueEnd). */
export type LeafEntryVisitor = (
  bytes: Uint8Array,
  keyStart: number,
  keyEnd: number,
  valueEnd: number,
) => void

/** A position in an interior page: the cell whose child the cursor is in. */
interface Frame {
  readonly pageNumber: number
  index: number
}

const finished: IteratorReturnResult<undefined> = { done: true, value: undefined }

export class BTreeCursor implements IterableIterator<BTreeEntry, undefined> {
  readonly #tree: BTree
  readonly #store: PageStore
  readonly #range: BTreeCursorRange
  readonly #isForward: boolean
  #frames: Frame[] = []
  #leafPageNumber = 0
  /** Index in the leaf of the next entry to return; may lie outside the leaf. */
  #leafIndex = 0
  /** The tree's modificationCount the position is valid for; -1 before the first seek. */
  #positionVersion = -1
  #lastKey: Uint8Array | undefined
  #isDone = false

  constructor(tree: BTree, store: PageStore, range: BTreeCursorRange, direction: BTreeDirection) {
    this.#tree = tree
    this.#store = store
    this.#range = range
    this.#isForward = direction === 'forward'
  }

  [Symbol.iterator](): BTreeCursor {
    return this
  }

  next(): IteratorResult<BTreeEntry, undefined> {
    if (this.#isDone) return finished
    assert(!this.#tree.isDropped, 'a cursor is not used after its tree is dropped')
    try {
      if (this.#positionVersion !== this.#tree.modificationCount) this.#seek()
      const entry = this.#readEntry()
      if (entry !== undefined) return { done: false, value: entry }
      this.#isDone = true
      return finished
    } finally {
      this.#store.endOperation()
    }
  }

  /**
   * The batch path of forward scans: visits the entries of the cursor's current leaf from its
   * position up to the range's end, in one page read and without copies: `visit` gets the bytes
   * holding the entry, its key in [keyStart, keyEnd) and its value in [keyEnd, valueEnd), valid
   * only during the call. Then `finish` runs (still inside the operation, so it may read what
   * the last visit saw) and the cursor moves past the entries. An overflow value is read into a
   * copy holding key and value, and ends the batch, since reading its chain may end the
   * operation. Returns false, having visited nothing, when the range has no more entries.
   * `visit` must not change the tree.
   */
  visitLeaf(visit: LeafEntryVisitor, finish: () => void): boolean {
    if (this.#isDone) return false
    assert(this.#isForward, 'leaf batches go forward')
    assert(!this.#tree.isDropped, 'a cursor is not used after its tree is dropped')
    const modificationCount = this.#tree.modificationCount
    try {
      if (this.#positionVersion !== modificationCount) this.#seek()
      const leaf = this.#currentLeaf()
      if (leaf === undefined) {
        this.#isDone = true
        return false
      }
      const end = this.#range.upper
      const start = this.#leafIndex
      const count = leaf.cellCount
      const bytes = leaf.bytes
      let index = start
      for (; index < count; index++) {
        if (end !== undefined) {
          const order = leaf.compareKey(index, end.key)
          if (order > 0 || (order === 0 && !end.inclusive)) {
            this.#isDone = true
            break
          }
        }
        const offset = leaf.inlineCellOffset(index)
        if (offset < 0) {
          const key = leaf.keyAt(index)
          const overflow = leaf.overflowAt(index)
          assert(overflow !== undefined, 'a value is inline or in an overflow chain')
          this.#lastKey = key
          this.#leafIndex = index + 1
          const entry = new Uint8Array(key.length + overflow.length)
          entry.set(key)
          entry.set(readOverflowChain(this.#store, overflow), key.length)
          visit(entry, 0, key.length, entry.length)
          finish()
          return true
        }
        const keyStart = offset + cellKeyOffset
        const keyEnd = keyStart + cellKeyLength(bytes, offset)
        visit(bytes, keyStart, keyEnd, inlineCellEnd(bytes, offset))
      }
      assert(
        this.#tree.modificationCount === modificationCount,
        'a visitor does not change the tree',
      )
      if (index > start) {
        finish()
        this.#lastKey = leaf.keyAt(index - 1)
      }
      this.#leafIndex = index
      return index > start
    } finally {
      this.#store.endOperation()
    }
  }

  /** The leaf holding the position, moving to the next leaf when the position is past the
   * current one; undefined at the end of the tree. */
  #currentLeaf(): NodePage | undefined {
    // A seek or a step lands at most one past a leaf's end, and the next leaf is not empty
    // (a non-root leaf holds an entry), so two leaves are enough in a valid tree.
    for (let leaves = 0; leaves < 2; leaves++) {
      const leaf = NodePage.read(this.#store.read(this.#leafPageNumber), this.#leafPageNumber)
      checkPage(leaf.isLeaf, this.#leafPageNumber, "the cursor's leaf is a leaf")
      if (this.#leafIndex >= 0 && this.#leafIndex < leaf.cellCount) return leaf
      if (!this.#moveToNextLeaf()) return undefined
    }
    assert(false, 'a non-root leaf holds at least one entry')
  }

  /** Ends the scan early (a `break` out of `for ... of`). */
  return(): IteratorResult<BTreeEntry, undefined> {
    this.#isDone = true
    return finished
  }

  /** Positions the cursor at the first candidate: after the last returned key, else at the
   * range's starting bound, else at the tree's first (last) entry. */
  #seek(): void {
    const bound = this.#isForward ? this.#range.lower : this.#range.upper
    const target = this.#lastKey ?? bound?.key
    const isStrict = this.#lastKey !== undefined || bound?.inclusive === false
    this.#frames = []
    let pageNumber = this.#tree.rootPageNumber
    for (let level = 0; level < btreeDepthMax; level++) {
      const page = NodePage.read(this.#store.read(pageNumber), pageNumber)
      if (page.isLeaf) {
        this.#leafPageNumber = pageNumber
        this.#leafIndex = this.#leafStart(page, target, isStrict)
        this.#positionVersion = this.#tree.modificationCount
        return
      }
      const index =
        target === undefined
          ? this.#edgeIndex(page)
          : page.childIndexFor(target, !this.#isForward && isStrict)
      this.#frames.push({ pageNumber, index })
      pageNumber = page.childAt(index)
    }
    assert(false, 'B+tree depth stays within btreeDepthMax levels')
  }

  #leafStart(leaf: NodePage, target: Uint8Array | undefined, isStrict: boolean): number {
    if (target === undefined) return this.#edgeIndex(leaf)
    // Forward: the first key ≥ target (> when strict). Backward: the last key ≤ target
    // (< when strict), which is one before the first key > target (≥ when strict).
    return this.#isForward
      ? leaf.lowerBound(target, isStrict)
      : leaf.lowerBound(target, !isStrict) - 1
  }

  /** The first cell of a page going forward, the last going backward. */
  #edgeIndex(page: NodePage): number {
    return this.#isForward ? 0 : page.cellCount - 1
  }

  /** The entry at the position, moving to the next leaf when the position is past this one. */
  #readEntry(): BTreeEntry | undefined {
    const leaf = this.#currentLeaf()
    return leaf === undefined ? undefined : this.#take(leaf)
  }

  /** The entry at the position if it is inside the range; advances the position. */
  #take(leaf: NodePage): BTreeEntry | undefined {
    const index = this.#leafIndex
    const end = this.#isForward ? this.#range.upper : this.#range.lower
    if (end !== undefined) {
      const order = leaf.compareKey(index, end.key) * (this.#isForward ? 1 : -1)
      if (order > 0 || (order === 0 && !end.inclusive)) return undefined
    }
    const key = leaf.keyAt(index)
    const value = leaf.valueAt(index)
    this.#lastKey = key.slice()
    this.#leafIndex += this.#isForward ? 1 : -1
    // Reading an overflow chain may end the operation; the leaf body is not used after this.
    return { key, value: materializeValue(this.#store, value) }
  }

  /** Climbs the parent stack to the nearest page with a next (previous) child, then descends
   * along the near edge to a leaf. False when the cursor was in the tree's last leaf. */
  #moveToNextLeaf(): boolean {
    const step = this.#isForward ? 1 : -1
    for (let level = this.#frames.length - 1; level >= 0; level--) {
      const frame = this.#frames[level] as Frame
      const page = NodePage.read(this.#store.read(frame.pageNumber), frame.pageNumber)
      const index = frame.index + step
      if (index < 0 || index >= page.cellCount) continue
      frame.index = index
      this.#frames.length = level + 1
      this.#descendEdge(page.childAt(index))
      return true
    }
    return false
  }

  #descendEdge(startPageNumber: number): void {
    let pageNumber = startPageNumber
    for (let level = this.#frames.length; level < btreeDepthMax; level++) {
      const page = NodePage.read(this.#store.read(pageNumber), pageNumber)
      if (page.isLeaf) {
        this.#leafPageNumber = pageNumber
        this.#leafIndex = this.#edgeIndex(page)
        return
      }
      const index = this.#edgeIndex(page)
      this.#frames.push({ pageNumber, index })
      pageNumber = page.childAt(index)
    }
    assert(false, 'B+tree depth stays within btreeDepthMax levels')
  }
}
