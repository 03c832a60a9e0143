/**
 * Meta pages: the root of everything durable in the data file. Pages 0 and 1 alternate: the
 * checkpoint with sequence s writes slot s % 2, so the previous checkpoint's meta page stays
 * intact while the next one is written, and a torn meta write falls back to it.
 *
 * Body format (version 1), after the page header, integers big-endian:
 *   0   8    magic "bkgdb\0m1"
 *   8   u32  page size in bytes (must equal limits.pageBytes)
 *   12  u32  reserved (0)
 *   16  u64  checkpoint sequence (0 for a new file; the epoch this checkpoint closed)
 *   24  u64  redo LSN: recovery replays the WAL from here
 *   32  u32  page count of the file as of this checkpoint
 *   36  u32  first free-list page (0: the free list is empty)
 *   40  u32  number of free pages listed
 *   44  u32  byte length n of the kernel state
 *   48  n    kernel state (opaque to the pager: tree roots, next transaction id, ...)
 * Validity: the page header is valid (kind meta), the magic matches, the page size matches, n
 * fits the page. Of the two slots the valid one with the higher sequence wins.
 */
import { assert } from '../../lib/assert.js'
import { pageBytes, pageHeaderBytes } from '../../limits.js'

const magic = new TextEncoder().encode('bkgdb\0m1')
const stateOffset = 48

export const metaStateBytesMax = pageBytes - pageHeaderBytes - stateOffset

export interface MetaState {
  readonly checkpointSequence: number
  readonly redoLsn: number
  readonly pageCount: number
  readonly freeListPage: number
  readonly freeListCount: number
  readonly kernelState: Uint8Array
}

export function encodeMetaBody(body: Uint8Array, meta: MetaState): void {
  assert(meta.kernelState.length <= metaStateBytesMax, 'kernel state fits the meta page')
  body.fill(0)
  body.set(magic, 0)
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  view.setUint32(8, pageBytes)
  view.setBigUint64(16, BigInt(meta.checkpointSequence))
  view.setBigUint64(24, BigInt(meta.redoLsn))
  view.setUint32(32, meta.pageCount)
  view.setUint32(36, meta.freeListPage)
  view.setUint32(40, meta.freeListCount)
  view.setUint32(44, meta.kernelState.length)
  body.set(meta.kernelState, stateOffset)
}

/** The meta state in a body, or why it is not one. */
export function decodeMetaBody(body: Uint8Array): MetaState | string {
  for (let i = 0; i < magic.length; i++) if (body[i] !== magic[i]) return 'not a bkg-db meta page'
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  if (view.getUint32(8) !== pageBytes) return `page size ${view.getUint32(8)} is not ${pageBytes}`
  const stateLength = view.getUint32(44)
  if (stateLength > metaStateBytesMax) return 'kernel state length out of range'
  return {
    checkpointSequence: Number(view.getBigUint64(16)),
    redoLsn: Number(view.getBigUint64(24)),
    pageCount: view.getUint32(32),
    freeListPage: view.getUint32(36),
    freeListCount: view.getUint32(40),
    kernelState: body.slice(stateOffset, stateOffset + stateLength),
  }
}
