/**
 * The pager's header at the start of every page of the data file.
 *
 * Format (version 1), 32 bytes, integers big-endian:
 *   0   u32  CRC-32C of bytes [4, pageBytes): the rest of the header and the whole body
 *   4   u8   format version (1)
 *   5   u8   page kind: 1 meta, 2 data (body owned by the B+tree), 3 free list
 *   6   u16  reserved (0)
 *   8   u32  page number (catches writes that landed at the wrong offset)
 *   12  u32  epoch: the checkpoint epoch in which the page was last written
 *   16  u64  LSN of the last WAL record whose change the page holds
 *   24  8    reserved (0)
 * Validity: the checksum matches, the version is 1, the kind is known, and the page number is
 * the page's position in the file. The checksum is computed last, when the page is written, and
 * verified on every read from the file (STYLE.md §6: pair checks on two paths).
 */
import { crc32c } from '../../lib/crc32c.js'
import { pageHeaderBytes } from '../../limits.js'

export const pageFormatVersion = 1

export const pageKinds = { meta: 1, data: 2, freeList: 3 } as const
export type PageKind = (typeof pageKinds)[keyof typeof pageKinds]

export interface PageHeader {
  readonly kind: PageKind
  readonly pageNumber: number
  readonly epoch: number
  readonly lsn: number
}

export function writePageHeader(page: Uint8Array, header: PageHeader): void {
  const view = new DataView(page.buffer, page.byteOffset, pageHeaderBytes)
  view.setUint8(4, pageFormatVersion)
  view.setUint8(5, header.kind)
  view.setUint16(6, 0)
  view.setUint32(8, header.pageNumber)
  view.setUint32(12, header.epoch)
  view.setBigUint64(16, BigInt(header.lsn))
  view.setBigUint64(24, 0n)
  view.setUint32(0, crc32c(page, 4))
}

/** Why a page failed validation, or undefined when it is valid. */
export function checkPage(page: Uint8Array, expectedPageNumber: number): string | undefined {
  const view = new DataView(page.buffer, page.byteOffset, pageHeaderBytes)
  if (view.getUint32(0) !== crc32c(page, 4)) return 'checksum mismatch'
  if (view.getUint8(4) !== pageFormatVersion) return `unknown page format ${view.getUint8(4)}`
  const kind = view.getUint8(5)
  if (kind !== pageKinds.meta && kind !== pageKinds.data && kind !== pageKinds.freeList) {
    return `unknown page kind ${kind}`
  }
  const pageNumber = view.getUint32(8)
  if (pageNumber !== expectedPageNumber) return `page claims to be page ${pageNumber}`
  return undefined
}

export function readPageHeader(page: Uint8Array): PageHeader {
  const view = new DataView(page.buffer, page.byteOffset, pageHeaderBytes)
  return {
    kind: view.getUint8(5) as PageKind,
    pageNumber: view.getUint32(8),
    epoch: view.getUint32(12),
    lsn: Number(view.getBigUint64(16)),
  }
}
