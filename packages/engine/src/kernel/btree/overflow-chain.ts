/**
 * Overflow chains: values longer than btreeInlineValueBytesMax live in a singly linked chain of
 * overflow pages; the leaf cell keeps the value's length and the chain's first page number.
 *
 * A chain is immutable once written: replacing a value writes a new chain and frees the old one.
 * So copy-on-write never has to copy overflow pages, and a checkpoint's snapshot may share them
 * with the live tree until the value changes. Chains are written back to front, so each page is
 * written once, complete with its successor's number, and no page body is held while the next
 * page is allocated.
 *
 * Overflow page body, version 1 (integers big-endian):
 *
 *   offset  size   field
 *   0       1      kind: 0x03 overflow
 *   1       1      format version: 0x01
 *   2       2      payloadBytes: value bytes on this page, 1 ≤ payloadBytes ≤ bodyBytes − 8
 *   4       4      next: the following page of the chain; 0xFFFF_FFFF on the last page
 *   8       p      payload: the value's next payloadBytes bytes
 *
 * Validity: a value of L bytes has a chain of ceil(L / (bodyBytes − 8)) pages; every page but the
 * last is full; the payloads add up to L; only the last page has next = 0xFFFF_FFFF. Readers
 * check each page against the length the leaf recorded, so a chain can neither loop nor end early
 * without raising InternalError.
 *
 * Pages a chain touches are released every `overflowPagesPerRelease` pages (by endOperation; the
 * chain code holds no page body then), so a 256 MB value never pins 256 MB of buffer pool.
 */
import { assert } from '../../lib/assert.js'
import { btreeInlineValueBytesMax, valueBytesMax } from '../../limits.js'
import { checkPage, type LeafValue } from './node-page.js'
import type { PageStore } from './page-store.js'

const kindOverflow = 0x03
const formatVersion = 0x01
const headerBytes = 8
const noNextPage = 0xffff_ffff

/** Overflow pages touched between two endOperation calls while a chain is read, written or
 * freed; bounds the pages a large value pins in the pager. */
export const overflowPagesPerRelease = 32

/** A value's place in an overflow chain, as a leaf cell records it. */
export interface OverflowReference {
  readonly length: number
  readonly firstPageNumber: number
}

export function overflowPayloadBytes(bodyBytes: number): number {
  return bodyBytes - headerBytes
}

/** Pages in the chain of a value of `length` bytes. */
export function overflowChainPages(length: number, bodyBytes: number): number {
  assert(length > btreeInlineValueBytesMax, 'only large values overflow')
  assert(length <= valueBytesMax, 'overflow values are within the limit')
  return Math.ceil(length / overflowPayloadBytes(bodyBytes))
}

/** Writes `value` into a new chain; returns its first page number. */
export function writeOverflowChain(store: PageStore, value: Uint8Array): number {
  const payloadMax = overflowPayloadBytes(store.pageBodyBytes)
  const pages = overflowChainPages(value.length, store.pageBodyBytes)
  let next = noNextPage
  for (let index = pages - 1; index >= 0; index--) {
    const start = index * payloadMax
    const payload = value.subarray(start, Math.min(value.length, start + payloadMax))
    const page = store.allocate()
    assert(page.pageNumber !== noNextPage, 'page numbers stay below the end-of-chain marker')
    const view = new DataView(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength)
    page.bytes[0] = kindOverflow
    page.bytes[1] = formatVersion
    view.setUint16(2, payload.length)
    view.setUint32(4, next)
    page.bytes.set(payload, headerBytes)
    next = page.pageNumber
    if (index % overflowPagesPerRelease === 0) store.endOperation()
  }
  return next
}

/** A leaf value as bytes, reading its overflow chain if it has one. */
export function materializeValue(store: PageStore, value: LeafValue): Uint8Array {
  return value.kind === 'Inline' ? value.bytes : readOverflowChain(store, value)
}

/** The value stored in the chain `reference`. */
export function readOverflowChain(store: PageStore, reference: OverflowReference): Uint8Array {
  const value = new Uint8Array(reference.length)
  let offset = 0
  walkOverflowChain(store, reference, (_pageNumber, payload) => {
    value.set(payload, offset)
    offset += payload.length
  })
  assert(offset === reference.length, 'the chain holds the whole value')
  return value
}

/** Frees every page of the chain `reference`. */
export function freeOverflowChain(store: PageStore, reference: OverflowReference): void {
  walkOverflowChain(store, reference, (pageNumber) => store.free(pageNumber))
}

/**
 * Calls `visit` with each page of the chain in order, after checking that page against the
 * format rule; `payload` is a view valid only during the call. `visit` may free the page.
 */
export function walkOverflowChain(
  store: PageStore,
  reference: OverflowReference,
  visit: (pageNumber: number, payload: Uint8Array) => void,
): void {
  const payloadMax = overflowPayloadBytes(store.pageBodyBytes)
  const pages = overflowChainPages(reference.length, store.pageBodyBytes)
  let pageNumber = reference.firstPageNumber
  for (let index = 0; index < pages; index++) {
    const isLast = index === pages - 1
    const expected = isLast ? reference.length - index * payloadMax : payloadMax
    const bytes = store.read(pageNumber)
    checkPage(bytes[0] === kindOverflow, pageNumber, 'is an overflow page')
    checkPage(bytes[1] === formatVersion, pageNumber, 'has overflow format version 1')
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    checkPage(view.getUint16(2) === expected, pageNumber, 'an overflow page holds its share')
    const next = view.getUint32(4)
    checkPage((next === noNextPage) === isLast, pageNumber, 'the chain ends at its last page')
    visit(pageNumber, bytes.subarray(headerBytes, headerBytes + expected))
    pageNumber = next
    if ((index + 1) % overflowPagesPerRelease === 0) store.endOperation()
  }
}
