/**
 * BTree: a copy-on-write B+tree of byte keys → byte values on the pages of a PageStore.
 *
 * Entries live in leaves, in unsigned byte order (compareBytes); interior pages route keys by
 * separators (node-page.ts has the page formats); values longer than btreeInlineValueBytesMax
 * live in overflow chains (overflow-chain.ts). There are no sibling pointers: copy-on-write
 * would have to copy every neighbour of a copied page. Navigation keeps a stack of parent
 * positions instead, and a mutation edits its whole root-to-leaf path top down, patching each
 * parent when `edit` hands back a copy on a new page. A page of the current epoch only has
 * ancestors of the current epoch (it got there by editing its parent), so editing the path
 * copies exactly the pages that copy-on-write must copy anyway. The root's number changes when
 * the root is copied, grows or collapses: the owner persists `rootPageNumber` after mutations.
 *
 * Mutations fix the tree bottom up. An insert that does not fit splits the page (evenly, or
 * leaving the old page full when appending at the right edge or prepending at the left edge, or
 * cutting right after the new entry in a run of ascending inserts anywhere in the tree, so
 * sequential loads fill pages). A page that falls below a quarter full is rebalanced with a
 * sibling: merged when both fit in one page, else their cells are redistributed evenly. A root
 * with one child is replaced by that child.
 *
 * Invariants (verify-btree.ts checks them all):
 *   1. Keys strictly increase within a page, and every key in child i's subtree lies in
 *      [key_i, key_i+1) of its parent, within the parent's own bounds.
 *   2. Every leaf is at the same depth, at most btreeDepthMax.
 *   3. A non-root interior page has at least two children; the root, if interior, too.
 *      A non-root leaf holds at least one entry.
 *   4. Each page is reachable once: from one parent cell, or as one link of one overflow chain.
 *   5. Pages are changed only through `edit` or `allocate` bodies, and no body is used after the
 *      endOperation() that ends each public call (PageStore invariants 2 and 3).
 *   6. `modificationCount` grows with every change, so cursors know when to re-seek.
 *   7. The finger (the path to the leaf the last operation reached, with the key range that
 *      leaf covers) is used only while `modificationCount` is what it was when it was taken:
 *      then no page of that path has changed, so a key inside its range lies in its leaf.
 *
 * The finger spares the descent when operations stay in one leaf, above all a load of ascending
 * keys: the uniqueness and conflict probe of a row reads the leaf, and the put that follows edits
 * the same path without searching it again.
 * A tree's pages must be changed through one BTree object only. A call that throws InternalError
 * (a corrupt page, a bug) or a store error may leave the tree half changed: the owner must stop
 * using it and recover from the last checkpoint and the WAL.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import { compareBytes } from '../../lib/keycode.js'
import { btreeInlineValueBytesMax, btreeKeyBytesMax, valueBytesMax } from '../../limits.js'
import { BTreeCursor, type BTreeCursorRange, type BTreeDirection } from './btree-cursor.js'
import {
  btreeDepthMax,
  cellChild,
  cellKey,
  cellKeyLength,
  cellKeyOffset,
  cellsBytes,
  checkPage,
  encodeInteriorCell,
  encodeLeafCellInto,
  inlineCellEnd,
  type LeafValue,
  leafCellBytesMax,
  NodePage,
  nodeCapacityBytes,
  shortestSeparator,
} from './node-page.js'
import {
  freeOverflowChain,
  materializeValue,
  type OverflowReference,
  writeOverflowChain,
} from './overflow-chain.js'
import type { PageStore } from './page-store.js'
import { type BtreeStats, verifyBtree } from './verify-btree.js'

/** Pages of a tree are numbered in 32 bits; bounds loops that visit every page. */
const pagesMax = 2 ** 32

const emptyKey = new Uint8Array(0)

/** Root first, leaf last, every page editable; indexes[level] is the cell of pages[level]
 * that leads to pages[level + 1]. */
interface EditPath {
  readonly pages: NodePage[]
  readonly indexes: readonly number[]
}

/** What a level hands to its parent after a change. */
type Pending =
  | { readonly kind: 'Done' }
  | { readonly kind: 'Underfull' }
  | { readonly kind: 'Split'; readonly separator: Uint8Array; readonly rightPageNumber: number }

type SplitBias = 'Balanced' | 'Append' | 'Prepend' | 'Sequential'

/** The path to the leaf the last operation reached (invariant 7). */
interface Finger {
  /** The tree's modificationCount the path is valid for. */
  readonly modificationCount: number
  /** Root first, leaf last. */
  readonly pageNumbers: readonly number[]
  /** indexes[level]: the cell of pageNumbers[level] that leads to pageNumbers[level + 1]. */
  readonly indexes: readonly number[]
  /** The leaf holds every key of the tree in [low, high); undefined: unbounded on that side. */
  readonly low: Uint8Array | undefined
  readonly high: Uint8Array | undefined
}

/** Visits entries of a range (BTree.visitRange); returns false to stop. The key and value may
 * be views into a page, valid only during the call: the visitor copies what it keeps. The
 * visitor must not change the tree. */
export type EntryVisitor = (key: Uint8Array, value: Uint8Array) => boolean

const done: Pending = { kind: 'Done' }
const underfull: Pending = { kind: 'Underfull' }

export class BTree {
  readonly #store: PageStore
  readonly #capacityBytes: number
  /** Below this many used bytes a non-root page is rebalanced with a sibling. */
  readonly #underfullBytes: number
  #rootPageNumber: number
  #modificationCount = 0
  #isDropped = false
  #finger: Finger | undefined
  /** Where the last put inserted a new entry without a split (for runs of ascending keys). */
  #lastInsert: { readonly pageNumber: number; readonly index: number } | undefined
  /** Where put encodes its leaf cell; the cell is copied into a page before put returns. */
  readonly #cellScratch = new Uint8Array(leafCellBytesMax)

  constructor(store: PageStore, rootPageNumber: number) {
    assert(Number.isInteger(rootPageNumber) && rootPageNumber >= 0, 'the root is a page number')
    const capacity = nodeCapacityBytes(store.pageBodyBytes)
    assert(store.pageBodyBytes <= 0xffff, 'node offsets fit in 16 bits')
    assert(
      capacity >= 2 * (8 + btreeKeyBytesMax + btreeInlineValueBytesMax),
      'a leaf holds two maximal entries, so a split always succeeds',
    )
    assert(
      capacity >= 4 * (8 + btreeKeyBytesMax),
      'an interior page holds four maximal separators, so a split leaves two on each side',
    )
    this.#store = store
    this.#capacityBytes = capacity
    this.#underfullBytes = Math.floor(capacity / 4)
    this.#rootPageNumber = rootPageNumber
  }

  /** A new, empty tree: one empty leaf as its root. */
  static create(store: PageStore): BTree {
    try {
      const page = store.allocate()
      NodePage.format(page.bytes, page.pageNumber, true)
      return new BTree(store, page.pageNumber)
    } finally {
      store.endOperation()
    }
  }

  /** The root's page number; it changes when a mutation copies, grows or collapses the root. */
  get rootPageNumber(): number {
    return this.#rootPageNumber
  }

  /** Grows with every change; cursors compare it to know when pages may have moved. */
  get modificationCount(): number {
    return this.#modificationCount
  }

  get isDropped(): boolean {
    return this.#isDropped
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.#assertUsable()
    try {
      const leaf = this.#findLeaf(key)
      const index = leaf.lowerBound(key)
      if (index === leaf.cellCount || leaf.compareKey(index, key) !== 0) return undefined
      return materializeValue(this.#store, leaf.valueAt(index))
    } finally {
      this.#store.endOperation()
    }
  }

  /** Inserts `key` or replaces its value. A replaced overflow chain is freed. */
  put(key: Uint8Array, value: Uint8Array): void {
    this.#assertUsable()
    checkKeyLength(key)
    checkValueLength(value)
    const finger = this.#fingerCovering(key)
    this.#finger = undefined
    this.#modificationCount++
    try {
      const stored: LeafValue =
        value.length <= btreeInlineValueBytesMax
          ? { kind: 'Inline', bytes: value }
          : {
              kind: 'Overflow',
              length: value.length,
              firstPageNumber: writeOverflowChain(this.#store, value),
            }
      const cell = encodeLeafCellInto(this.#cellScratch, key, stored)
      const path = finger === undefined ? this.#editPath(key) : this.#editFingerPath(finger)
      const level = path.pages.length - 1
      const leaf = path.pages[level] as NodePage
      // An ascending load appends at the end of its leaf: one comparison instead of a search.
      const count = leaf.cellCount
      const index = count > 0 && leaf.compareKey(count - 1, key) < 0 ? count : leaf.lowerBound(key)
      const isReplace = index < leaf.cellCount && leaf.compareKey(index, key) === 0
      const replaced = isReplace ? leaf.overflowAt(index) : undefined
      const pending = isReplace
        ? this.#replaceEntry(leaf, index, cell, level > 0)
        : this.#insertOrSplit(leaf, index, cell, this.#leafSplitBias(path, index, finger))
      const isInserted = !isReplace && pending.kind === 'Done'
      this.#lastInsert = isInserted ? { pageNumber: leaf.pageNumber, index } : undefined
      this.#fixUp(path, pending)
      // The path stays valid unless pages split or merged; record it before a chain is freed.
      const root = path.pages[0] as NodePage
      if (pending.kind === 'Done' && root.pageNumber === this.#rootPageNumber) {
        this.#finger =
          finger !== undefined && isSamePath(finger, path.pages)
            ? { ...finger, modificationCount: this.#modificationCount }
            : this.#fingerOf(path.pages, path.indexes)
      }
      if (replaced !== undefined) freeOverflowChain(this.#store, replaced)
    } finally {
      this.#store.endOperation()
    }
  }

  /** Removes `key`; false when it was absent (then no page is edited). */
  delete(key: Uint8Array): boolean {
    this.#assertUsable()
    try {
      const found = this.#findLeaf(key)
      const foundIndex = found.lowerBound(key)
      if (foundIndex === found.cellCount || found.compareKey(foundIndex, key) !== 0) return false
      this.#finger = undefined
      this.#modificationCount++
      const path = this.#editPath(key)
      const leaf = path.pages[path.pages.length - 1] as NodePage
      const index = leaf.lowerBound(key)
      assert(leaf.compareKey(index, key) === 0, 'the edited path leads to the same entry')
      const removed = leaf.overflowAt(index)
      leaf.removeCell(index)
      const isRoot = path.pages.length === 1
      this.#fixUp(path, !isRoot && leaf.usedBytes < this.#underfullBytes ? underfull : done)
      if (removed !== undefined) freeOverflowChain(this.#store, removed)
      return true
    } finally {
      this.#store.endOperation()
    }
  }

  /** Entries within `range` in key order (or reverse order), read lazily; see btree-cursor.ts
   * for how it stays correct while the tree changes between steps. */
  cursor(range: BTreeCursorRange = {}, direction: BTreeDirection = 'forward'): BTreeCursor {
    this.#assertUsable()
    return new BTreeCursor(this, this.#store, range, direction)
  }

  /**
   * Calls `visit` with each entry whose key lies in [lower, upper), in key order, until it
   * returns false. One operation and usually one leaf (read through the finger when it covers
   * `lower`): a lean alternative to a cursor for short runs, such as one key's versions.
   */
  visitRange(lower: Uint8Array, upper: Uint8Array, visit: EntryVisitor): void {
    this.#assertUsable()
    const modificationCount = this.#modificationCount
    let lastKey: Uint8Array | undefined
    try {
      let leaf = this.#findLeaf(lower)
      const leafPageNumber = leaf.pageNumber
      // Whether the range may go on past this leaf; the finger now describes this leaf.
      const high = this.#finger?.high
      const start = leaf.lowerBound(lower)
      let index = start
      for (; index < leaf.cellCount; index++) {
        if (leaf.compareKey(index, upper) >= 0) return
        const offset = leaf.inlineCellOffset(index)
        let wantsMore: boolean
        if (offset >= 0) {
          // Views into the page: no copy unless the visitor makes one.
          const bytes = leaf.bytes
          const keyStart = offset + cellKeyOffset
          const keyEnd = keyStart + cellKeyLength(bytes, offset)
          wantsMore = visit(
            bytes.subarray(keyStart, keyEnd),
            bytes.subarray(keyEnd, inlineCellEnd(bytes, offset)),
          )
        } else {
          const key = leaf.keyAt(index)
          const value = materializeValue(this.#store, leaf.valueAt(index))
          // Reading an overflow chain may end the operation: take the leaf body again.
          leaf = NodePage.read(this.#store.read(leafPageNumber), leafPageNumber)
          wantsMore = visit(key, value)
        }
        assert(this.#modificationCount === modificationCount, 'a visitor does not change the tree')
        if (!wantsMore) return
      }
      if (high === undefined || compareBytes(high, upper) >= 0) return
      if (index > start) lastKey = leaf.keyAt(index - 1)
    } finally {
      this.#store.endOperation()
    }
    // The range goes on in the next leaves (one key with many versions): continue with a cursor.
    const from =
      lastKey === undefined ? { key: lower, inclusive: true } : { key: lastKey, inclusive: false }
    for (const entry of this.cursor({ lower: from, upper: { key: upper, inclusive: false } })) {
      if (!visit(entry.key, entry.value)) return
    }
  }

  /** Frees every page of the tree, overflow chains included (DROP TABLE). The tree is unusable
   * afterwards. */
  drop(): void {
    this.#assertUsable()
    this.#finger = undefined
    this.#modificationCount++
    this.#isDropped = true
    try {
      const stack = [this.#rootPageNumber]
      for (let visited = 0; stack.length > 0; visited++) {
        assert(visited < pagesMax, 'drop visits each page once')
        const pageNumber = stack.pop() as number
        const page = NodePage.read(this.#store.read(pageNumber), pageNumber)
        const chains: OverflowReference[] = []
        for (let index = 0; index < page.cellCount; index++) {
          if (!page.isLeaf) stack.push(page.childAt(index))
          else {
            const chain = page.overflowAt(index)
            if (chain !== undefined) chains.push(chain)
          }
        }
        this.#store.free(pageNumber)
        for (const chain of chains) freeOverflowChain(this.#store, chain)
        // No body is held between pages, so a large tree need not fit in the buffer pool.
        this.#store.endOperation()
      }
    } finally {
      this.#store.endOperation()
    }
  }

  /** Full structural check of the tree (verify-btree.ts); throws InternalError on a violation. */
  verify(): BtreeStats {
    this.#assertUsable()
    try {
      return verifyBtree(this.#store, this.#rootPageNumber)
    } finally {
      this.#store.endOperation()
    }
  }

  #assertUsable(): void {
    assert(!this.#isDropped, 'a dropped B+tree is not used')
  }

  /** The leaf whose key range holds `key`, read only; through the finger when it covers `key`,
   * else by a descent that leaves the finger on this leaf. */
  #findLeaf(key: Uint8Array): NodePage {
    const finger = this.#fingerCovering(key)
    if (finger !== undefined) {
      const leafPageNumber = finger.pageNumbers[finger.pageNumbers.length - 1] as number
      return NodePage.read(this.#store.read(leafPageNumber), leafPageNumber)
    }
    const pages: NodePage[] = []
    const indexes: number[] = []
    let pageNumber = this.#rootPageNumber
    for (let level = 0; level < btreeDepthMax; level++) {
      const page = NodePage.read(this.#store.read(pageNumber), pageNumber)
      pages.push(page)
      if (page.isLeaf) {
        this.#finger = this.#fingerOf(pages, indexes)
        return page
      }
      const index = page.childIndexFor(key)
      indexes.push(index)
      pageNumber = page.childAt(index)
    }
    assert(false, 'B+tree depth stays within btreeDepthMax levels')
  }

  /**
   * How a leaf insert at `index` splits if it must: as splitBias says, except in a run of
   * ascending inserts anywhere in the tree (this put lands, through the finger, right after the
   * entry the last put inserted in the same leaf): then 'Sequential', which cuts right after the
   * new entry. A table's rows lie in the middle of the one tree as soon as a later table has
   * rows, and a sequential load into it would otherwise leave every leaf half full.
   */
  #leafSplitBias(path: EditPath, index: number, finger: Finger | undefined): SplitBias {
    const level = path.pages.length - 1
    const last = this.#lastInsert
    const fingerLeaf = finger?.pageNumbers[finger.pageNumbers.length - 1]
    const isRun = last !== undefined && fingerLeaf === last.pageNumber && index === last.index + 1
    const bias = splitBias(path, level, index)
    return isRun && bias === 'Balanced' ? 'Sequential' : bias
  }

  /** The finger, if the tree has not changed since it was taken and its leaf covers `key`. */
  #fingerCovering(key: Uint8Array): Finger | undefined {
    const finger = this.#finger
    if (finger === undefined || finger.modificationCount !== this.#modificationCount) return
    if (finger.low !== undefined && compareBytes(key, finger.low) < 0) return
    if (finger.high !== undefined && compareBytes(key, finger.high) >= 0) return
    assert(finger.pageNumbers[0] === this.#rootPageNumber, 'the finger starts at the root')
    return finger
  }

  /** A finger for a root-to-leaf path read or edited in this operation. The leaf's range is
   * bounded by the separators beside the deepest cells taken that are not at a page's edge. */
  #fingerOf(pages: readonly NodePage[], indexes: readonly number[]): Finger {
    let low: Uint8Array | undefined
    let high: Uint8Array | undefined
    for (let level = indexes.length - 1; level >= 0; level--) {
      const page = pages[level] as NodePage
      const index = indexes[level] as number
      if (low === undefined && index > 0) low = page.keyAt(index)
      if (high === undefined && index + 1 < page.cellCount) high = page.keyAt(index + 1)
      if (low !== undefined && high !== undefined) break
    }
    return {
      modificationCount: this.#modificationCount,
      pageNumbers: pages.map((page) => page.pageNumber),
      indexes: indexes.slice(),
      low,
      high,
    }
  }

  /** As #editPath, along the finger's path instead of searching each page for the key. */
  #editFingerPath(finger: Finger): EditPath {
    const root = this.#store.edit(finger.pageNumbers[0] as number)
    this.#rootPageNumber = root.pageNumber
    let page = NodePage.read(root.bytes, root.pageNumber)
    const pages = [page]
    for (let level = 0; level < finger.indexes.length; level++) {
      const index = finger.indexes[level] as number
      const pageNumber = finger.pageNumbers[level + 1] as number
      checkPage(page.childAt(index) === pageNumber, page.pageNumber, 'the finger path is intact')
      const child = this.#store.edit(pageNumber)
      if (child.pageNumber !== pageNumber) page.setChildAt(index, child.pageNumber)
      page = NodePage.read(child.bytes, child.pageNumber)
      pages.push(page)
    }
    checkPage(page.isLeaf, page.pageNumber, "the finger's last page is a leaf")
    return { pages, indexes: finger.indexes }
  }

  /** Edits every page from the root to `key`'s leaf, patching parents that get copies. */
  #editPath(key: Uint8Array): EditPath {
    const root = this.#store.edit(this.#rootPageNumber)
    this.#rootPageNumber = root.pageNumber
    let page = NodePage.read(root.bytes, root.pageNumber)
    const pages = [page]
    const indexes: number[] = []
    while (!page.isLeaf) {
      assert(pages.length < btreeDepthMax, 'B+tree depth stays within btreeDepthMax levels')
      const index = page.childIndexFor(key)
      const pageNumber = page.childAt(index)
      const child = this.#store.edit(pageNumber)
      if (child.pageNumber !== pageNumber) page.setChildAt(index, child.pageNumber)
      page = NodePage.read(child.bytes, child.pageNumber)
      pages.push(page)
      indexes.push(index)
    }
    return { pages, indexes }
  }

  /** Carries a leaf's change up the path: splits insert separators, underfull pages rebalance. */
  #fixUp(path: EditPath, leafPending: Pending): void {
    let pending = leafPending
    for (let level = path.pages.length - 2; level >= 0 && pending.kind !== 'Done'; level--) {
      const parent = path.pages[level] as NodePage
      const index = path.indexes[level] as number
      if (pending.kind === 'Split') {
        const cell = encodeInteriorCell(pending.rightPageNumber, pending.separator)
        pending = this.#insertOrSplit(parent, index + 1, cell, splitBias(path, level, index + 1))
      } else {
        pending = this.#rebalance(parent, index, path.pages[level + 1] as NodePage)
      }
    }
    if (pending.kind === 'Split') this.#growRoot(pending, path.pages.length)
    else this.#collapseRoot(path.pages[0] as NodePage)
  }

  #replaceEntry(leaf: NodePage, index: number, cell: Uint8Array, hasParent: boolean): Pending {
    if (leaf.replaceCellInPlace(index, cell)) return done
    leaf.removeCell(index)
    const pending = this.#insertOrSplit(leaf, index, cell, 'Balanced')
    if (pending.kind === 'Done' && hasParent && leaf.usedBytes < this.#underfullBytes) {
      return underfull
    }
    return pending
  }

  #insertOrSplit(page: NodePage, index: number, cell: Uint8Array, bias: SplitBias): Pending {
    if (page.insertCell(index, cell)) return done
    const isLeafRun = page.isLeaf && (bias === 'Append' || bias === 'Sequential')
    if (isLeafRun && index === page.cellCount) return this.#splitAppendingLeaf(page, cell)
    const cells = page.copyCells()
    cells.splice(index, 0, cell)
    const middle =
      bias === 'Sequential' && page.isLeaf
        ? sequentialSplit(cells, index, this.#capacityBytes)
        : chooseSplit(cells, page.isLeaf, this.#capacityBytes, bias)
    const allocated = this.#store.allocate()
    const right = NodePage.format(allocated.bytes, allocated.pageNumber, page.isLeaf)
    const divided = divideCells(cells, middle, page.isLeaf)
    page.writeCells(cells.slice(0, middle))
    right.writeCells(divided.rightCells)
    return { kind: 'Split', separator: divided.separator, rightPageNumber: right.pageNumber }
  }

  /**
   * The split chooseSplit picks for an append to a full leaf at the right edge (the old cells
   * stay, the new cell starts the right page), without copying and rewriting the old cells:
   * in a sequential load this runs once per leaf.
   */
  #splitAppendingLeaf(leaf: NodePage, cell: Uint8Array): Pending {
    const allocated = this.#store.allocate()
    const right = NodePage.format(allocated.bytes, allocated.pageNumber, true)
    const isInserted = right.insertCell(0, cell)
    assert(isInserted, 'one cell fits an empty leaf')
    const separator = shortestSeparator(leaf.keyAt(leaf.cellCount - 1), cellKey(cell))
    return { kind: 'Split', separator, rightPageNumber: right.pageNumber }
  }

  /** Rebalances the underfull child `index` of `parent` with a sibling: merges the two when
   * they fit in one page, else spreads their cells evenly. */
  #rebalance(parent: NodePage, index: number, child: NodePage): Pending {
    // Only the root can have a single child here (invariant 3); #collapseRoot lifts the child.
    if (parent.cellCount < 2) return done
    const leftIndex = index > 0 ? index - 1 : 0
    const rightIndex = leftIndex + 1
    const leftCells = this.#siblingCells(parent, leftIndex, index, child)
    const rightCells = this.#siblingCells(parent, rightIndex, index, child)
    if (!child.isLeaf) {
      // The right page's cell 0 inherits the parent's separator as its key.
      const first = rightCells[0] as Uint8Array
      rightCells[0] = encodeInteriorCell(cellChild(first), parent.keyAt(rightIndex))
    }
    const cells = leftCells.concat(rightCells)
    if (cellsBytes(cells) <= this.#capacityBytes) {
      const left = this.#editSibling(parent, leftIndex, index, child)
      const rightPageNumber = parent.childAt(rightIndex)
      left.writeCells(cells)
      this.#store.free(rightPageNumber)
      parent.removeCell(rightIndex)
      return parent.usedBytes < this.#underfullBytes ? underfull : done
    }
    const middle = chooseSplit(cells, child.isLeaf, this.#capacityBytes, 'Balanced')
    const divided = divideCells(cells, middle, child.isLeaf)
    const left = this.#editSibling(parent, leftIndex, index, child)
    const right = this.#editSibling(parent, rightIndex, index, child)
    left.writeCells(cells.slice(0, middle))
    right.writeCells(divided.rightCells)
    parent.removeCell(rightIndex)
    const cell = encodeInteriorCell(right.pageNumber, divided.separator)
    const pending = this.#insertOrSplit(parent, rightIndex, cell, 'Balanced')
    if (pending.kind === 'Done' && parent.usedBytes < this.#underfullBytes) return underfull
    return pending
  }

  /** Copies of the cells of `parent`'s child `index` (the path's `child` or a sibling). */
  #siblingCells(
    parent: NodePage,
    index: number,
    childIndex: number,
    child: NodePage,
  ): Uint8Array[] {
    if (index === childIndex) return child.copyCells()
    const pageNumber = parent.childAt(index)
    const sibling = NodePage.read(this.#store.read(pageNumber), pageNumber)
    checkPage(sibling.isLeaf === child.isLeaf, pageNumber, 'siblings are at the same depth')
    return sibling.copyCells()
  }

  /** An editable view of `parent`'s child `index`, patching the parent if it was copied. */
  #editSibling(parent: NodePage, index: number, childIndex: number, child: NodePage): NodePage {
    if (index === childIndex) return child
    const pageNumber = parent.childAt(index)
    const editable = this.#store.edit(pageNumber)
    if (editable.pageNumber !== pageNumber) parent.setChildAt(index, editable.pageNumber)
    return NodePage.read(editable.bytes, editable.pageNumber)
  }

  #growRoot(split: Extract<Pending, { kind: 'Split' }>, depth: number): void {
    assert(depth < btreeDepthMax, 'B+tree depth stays within btreeDepthMax levels')
    const allocated = this.#store.allocate()
    const root = NodePage.format(allocated.bytes, allocated.pageNumber, false)
    root.writeCells([
      encodeInteriorCell(this.#rootPageNumber, emptyKey),
      encodeInteriorCell(split.rightPageNumber, split.separator),
    ])
    this.#rootPageNumber = root.pageNumber
  }

  /** Replaces a root with a single child by that child, as often as needed. */
  #collapseRoot(root: NodePage): void {
    let page = root
    for (let level = 0; !page.isLeaf && page.cellCount === 1; level++) {
      assert(level < btreeDepthMax, 'B+tree depth stays within btreeDepthMax levels')
      const child = page.childAt(0)
      this.#store.free(page.pageNumber)
      this.#rootPageNumber = child
      page = NodePage.read(this.#store.read(child), child)
    }
  }
}

/** Whether an edited path went through exactly the finger's pages (nothing was copied on
 * write): then the separators bounding its leaf are the finger's, and the finger stays right
 * for the tree after an insert without a split (invariant 7). */
function isSamePath(finger: Finger, pages: readonly NodePage[]): boolean {
  const numbers = finger.pageNumbers
  if (numbers.length !== pages.length) return false
  for (let level = 0; level < pages.length; level++) {
    if (numbers[level] !== (pages[level] as NodePage).pageNumber) return false
  }
  return true
}

function checkKeyLength(key: Uint8Array): void {
  if (key.length <= btreeKeyBytesMax) return
  throw new SqlError(
    SqlState.programLimitExceeded,
    `index row size ${key.length} exceeds btree maximum ${btreeKeyBytesMax}`,
    { hint: 'Values larger than a B-tree page allows cannot be indexed or used as keys.' },
  )
}

function checkValueLength(value: Uint8Array): void {
  if (value.length <= valueBytesMax) return
  throw new SqlError(
    SqlState.programLimitExceeded,
    `row is too big: size ${value.length}, maximum size ${valueBytesMax}`,
  )
}

/**
 * How to split a page that an insert at `index` overflows: at the tree's right edge an append
 * leaves the old page full and starts a new one (sequential keys then fill pages completely),
 * and likewise a prepend at the left edge; anything else splits evenly.
 */
function splitBias(path: EditPath, level: number, index: number): SplitBias {
  const page = path.pages[level] as NodePage
  let isRightEdge = index === page.cellCount
  let isLeftEdge = index === (page.isLeaf ? 0 : 1)
  for (let upper = 0; upper < level && (isRightEdge || isLeftEdge); upper++) {
    const childIndex = path.indexes[upper] as number
    isRightEdge &&= childIndex === (path.pages[upper] as NodePage).cellCount - 1
    isLeftEdge &&= childIndex === 0
  }
  return isRightEdge ? 'Append' : isLeftEdge ? 'Prepend' : 'Balanced'
}

/**
 * Where to cut `cells` into a left page [0, middle) and a right page [middle, n): both must fit
 * and keep their minimum (one entry per leaf, two children per interior page, invariant 3).
 * An interior cut moves cell middle's key up, so the right page stores it with an empty key.
 */
function chooseSplit(
  cells: readonly Uint8Array[],
  isLeaf: boolean,
  capacityBytes: number,
  bias: SplitBias,
): number {
  const minimum = isLeaf ? 1 : 2
  const count = cells.length
  assert(count >= 2 * minimum, 'a page splits only with enough cells for two pages')
  const total = cellsBytes(cells)
  const prefix = [0]
  for (const cell of cells) prefix.push((prefix[prefix.length - 1] as number) + cell.length + 2)
  const sides = (middle: number) => {
    const left = prefix[middle] as number
    const moved = isLeaf ? 0 : cellKey(cells[middle] as Uint8Array).length
    return { left, right: total - left - moved }
  }
  const fits = (middle: number) => {
    const { left, right } = sides(middle)
    return left <= capacityBytes && right <= capacityBytes
  }
  if (bias === 'Append' && fits(count - minimum)) return count - minimum
  if (bias === 'Prepend' && fits(minimum)) return minimum
  let best = -1
  let bestImbalance = Number.POSITIVE_INFINITY
  for (let middle = minimum; middle <= count - minimum; middle++) {
    const { left, right } = sides(middle)
    const imbalance = Math.abs(left - right)
    if (fits(middle) && imbalance < bestImbalance) {
      best = middle
      bestImbalance = imbalance
    }
  }
  assert(best >= 0, 'some cut leaves both pages within capacity')
  return best
}

/**
 * A leaf split in a run of ascending inserts: the new entry (at `index`) ends the left page and
 * the entries after it, which the run is approaching from below, start the right one; the run
 * then goes on appending to the left page. Balanced when that cut does not fit.
 */
function sequentialSplit(
  cells: readonly Uint8Array[],
  index: number,
  capacityBytes: number,
): number {
  const middle = index + 1
  if (middle < cells.length && cellsBytes(cells.slice(0, middle)) <= capacityBytes) {
    if (cellsBytes(cells.slice(middle)) <= capacityBytes) return middle
  }
  return chooseSplit(cells, true, capacityBytes, 'Balanced')
}

/** The separator for a cut at `middle` and the right page's cells. */
function divideCells(
  cells: readonly Uint8Array[],
  middle: number,
  isLeaf: boolean,
): { separator: Uint8Array; rightCells: Uint8Array[] } {
  const first = cells[middle] as Uint8Array
  if (isLeaf) {
    const last = cells[middle - 1] as Uint8Array
    return {
      separator: shortestSeparator(cellKey(last), cellKey(first)),
      rightCells: cells.slice(middle),
    }
  }
  return {
    separator: cellKey(first).slice(),
    rightCells: [encodeInteriorCell(cellChild(first), emptyKey), ...cells.slice(middle + 1)],
  }
}
