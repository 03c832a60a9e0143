/**
 * B+tree: ordered byte keys → byte values on the pages of a PageStore, copy-on-write.
 *
 * A BTree maps arbitrary byte-string keys (up to btreeKeyBytesMax, in unsigned byte order) to
 * values (up to valueBytesMax; beyond btreeInlineValueBytesMax they go to overflow chains). It
 * edits pages only through PageStore, whose `edit` may hand back a copy on a new page: the tree
 * patches parents up to the root, so a checkpoint's pages are never written in place. Cursors
 * scan key ranges in both directions and stay correct while the tree changes between steps.
 * Not here: files, caching, checksums and the free list (pager/), logging and atomicity of
 * several changes (wal/, mvcc/), transactions and versions of rows (mvcc/), SQL types (access/
 * encodes rows and keys; lib/keycode.ts orders them).
 *
 * Invariants (btree.ts numbers the tree's own; verifyBtree checks them):
 *   1. Keys are unique and ordered by compareBytes across the whole tree; a get after a put of
 *      the same key returns the put value until a later put or delete of that key.
 *   2. Every page belongs to exactly one tree position (one parent cell or one chain link);
 *      dropping a tree or replacing/deleting a large value frees its pages.
 *   3. No page body is used after the endOperation() that ends each public call; pages of an
 *      older epoch are never written in place (PageStore invariants).
 *   4. Page formats carry a version byte and are checked on read: a corrupt page raises
 *      InternalError, never wrong data.
 * Imports: lib (assert), errors, limits; PageStore is declared here and implemented by pager/.
 * Tests: btree.test.ts, btree.property.test.ts (model: a sorted map), btree-cursor.test.ts,
 * node-page.test.ts, overflow-chain.test.ts, verify-btree.test.ts; testing/memory-page-store.ts
 * is the copy-on-write test double.
 */
export { BTree } from './btree.js'
export type {
  BTreeBound,
  BTreeCursor,
  BTreeCursorRange,
  BTreeDirection,
  BTreeEntry,
} from './btree-cursor.js'
export { btreeDepthMax } from './node-page.js'
export type { EditablePage, PageStore } from './page-store.js'
export { type BtreeStats, verifyBtree } from './verify-btree.js'
