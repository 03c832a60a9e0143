/**
 * Free-list pages: the page numbers a checkpoint's snapshot does not use, written at the cut
 * into pages taken from the list itself.
 *
 * Body format (version 1), integers big-endian:
 *   0   u32  next free-list page (0: this is the last)
 *   4   u32  count n of page numbers in this page
 *   8   n × u32 page numbers
 * Validity: n ≤ freeListCapacity; every page number ≥ 2 (pages 0 and 1 are the meta slots).
 */
import { assert } from '../../lib/assert.js'
import { pageBytes, pageHeaderBytes } from '../../limits.js'

export const freeListCapacity = Math.floor((pageBytes - pageHeaderBytes - 8) / 4)

export function encodeFreeList(body: Uint8Array, next: number, pages: readonly number[]): void {
  assert(pages.length <= freeListCapacity, 'free-list page is not overfull')
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  view.setUint32(0, next)
  view.setUint32(4, pages.length)
  for (let i = 0; i < pages.length; i++) view.setUint32(8 + i * 4, pages[i] as number)
}

export function decodeFreeList(body: Uint8Array): { next: number; pages: number[] } {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const count = view.getUint32(4)
  assert(count <= freeListCapacity, 'free-list count is in range')
  const pages: number[] = []
  for (let i = 0; i < count; i++) {
    const page = view.getUint32(8 + i * 4)
    assert(page >= 2, 'free pages are data pages')
    pages.push(page)
  }
  return { next: view.getUint32(0), pages }
}
