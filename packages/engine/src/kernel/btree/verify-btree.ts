/**
 * verifyBtree: the full structural check of a B+tree, run by tests after every mutation
 * (STYLE.md §6: expensive checks are verify* functions). It checks every invariant of btree.ts:
 * each page's format (node-page.ts, overflow-chain.ts), key order within pages, separators
 * bounding their subtrees, all leaves at one depth within btreeDepthMax, the minimum children
 * and entries per page, that no page is reachable twice, and every overflow chain's length.
 * It throws InternalError on the first violation and otherwise returns the tree's shape.
 *
 * It walks the tree depth first with an explicit stack of page numbers and key bounds and ends
 * the store operation after each page, so it holds no page body between pages and a tree larger
 * than the buffer pool can be verified.
 */
import { assert } from '../../lib/assert.js'
import { btreeDepthMax, NodePage } from './node-page.js'
import { type OverflowReference, walkOverflowChain } from './overflow-chain.js'
import type { PageStore } from './page-store.js'

export interface BtreeStats {
  /** Levels from the root to the leaves; 1 for a tree that is a single leaf. */
  readonly depth: number
  /** Leaf and interior pages. */
  readonly nodePages: number
  readonly overflowPages: number
  /** Every page the tree owns: nodePages + overflowPages. */
  readonly pages: number
  readonly entries: number
}

/** A page still to check, with the key bounds its parent sets: lower ≤ key < upper. */
interface Visit {
  readonly pageNumber: number
  readonly level: number
  readonly lower: Uint8Array | undefined
  readonly upper: Uint8Array | undefined
}

/** Page numbers have 32 bits; bounds the walk. */
const pagesMax = 2 ** 32

export function verifyBtree(store: PageStore, rootPageNumber: number): BtreeStats {
  const seen = new Set<number>()
  const stack: Visit[] = [
    { pageNumber: rootPageNumber, level: 0, lower: undefined, upper: undefined },
  ]
  let leafLevel: number | undefined
  let nodePages = 0
  let overflowPages = 0
  let entries = 0
  for (let visited = 0; stack.length > 0; visited++) {
    assert(visited < pagesMax, 'the walk visits each page once')
    const visit = stack.pop() as Visit
    claimPage(seen, visit.pageNumber)
    assert(visit.level < btreeDepthMax, `page ${visit.pageNumber}: depth within the limit`)
    const page = NodePage.read(store.read(visit.pageNumber), visit.pageNumber)
    page.verifyLayout()
    checkBounds(page, visit)
    nodePages++
    if (page.isLeaf) {
      leafLevel ??= visit.level
      assert(leafLevel === visit.level, `leaf ${visit.pageNumber}: all leaves at one depth`)
      assert(visit.level === 0 || page.cellCount > 0, `leaf ${visit.pageNumber} is not empty`)
      entries += page.cellCount
      const chains = leafChains(page)
      for (const chain of chains) {
        walkOverflowChain(store, chain, (pageNumber) => {
          claimPage(seen, pageNumber)
          overflowPages++
        })
      }
    } else {
      assert(page.cellCount >= 2, `interior page ${visit.pageNumber} has two children`)
      pushChildren(stack, page, visit)
    }
    store.endOperation()
  }
  assert(leafLevel !== undefined, 'the tree has a leaf')
  return {
    depth: leafLevel + 1,
    nodePages,
    overflowPages,
    pages: nodePages + overflowPages,
    entries,
  }
}

function claimPage(seen: Set<number>, pageNumber: number): void {
  assert(!seen.has(pageNumber), `page ${pageNumber} is reachable once`)
  seen.add(pageNumber)
}

/** Keys must lie in the bounds the parent set; order within the page is verifyLayout's. */
function checkBounds(page: NodePage, visit: Visit): void {
  const count = page.cellCount
  // An interior page's key_0 is empty and stands for its lower bound, so check from key_1.
  const first = page.isLeaf ? 0 : 1
  if (count <= first) return
  if (visit.lower !== undefined) {
    const order = page.compareKey(first, visit.lower)
    assert(
      page.isLeaf ? order >= 0 : order > 0,
      `page ${page.pageNumber}: keys are not below the parent's separator`,
    )
  }
  if (visit.upper !== undefined) {
    assert(
      page.compareKey(count - 1, visit.upper) < 0,
      `page ${page.pageNumber}: keys are below the next separator`,
    )
  }
}

function leafChains(leaf: NodePage): OverflowReference[] {
  const chains: OverflowReference[] = []
  for (let index = 0; index < leaf.cellCount; index++) {
    const chain = leaf.overflowAt(index)
    if (chain !== undefined) chains.push(chain)
  }
  return chains
}

/** Children are pushed last first, so the walk visits them in key order. */
function pushChildren(stack: Visit[], page: NodePage, visit: Visit): void {
  const count = page.cellCount
  let upper = visit.upper
  for (let index = count - 1; index >= 0; index--) {
    const lower = index === 0 ? visit.lower : page.keyAt(index)
    stack.push({ pageNumber: page.childAt(index), level: visit.level + 1, lower, upper })
    upper = lower
  }
}
