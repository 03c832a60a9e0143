/**
 * settleFileOps: decides which unsynced writes and truncates of one file reach its durable image,
 * at sector granularity, when SimulatedVfs loses power or an fsync fails. The model (see the
 * header of simulated-vfs.ts for why it is realistic):
 *
 *   - Data: each sector is written back from the page cache at some moment, atomically. So each
 *     sector ends in one of the states it passed through: its durable content with the first
 *     `cut` of the writes that touched it applied, for a cut in [0, writes touching it]. Sectors
 *     are independent of each other, so a page write may end half old, half new.
 *   - Size: the file size is metadata, journaled in order, so it ends as the size after some
 *     prefix of the operations. A truncate in that prefix zeroes the bytes it cut off (the blocks
 *     were freed); data past the final size is not visible.
 *
 * `choose(count)` picks each cut in [0, count]: always 0 loses everything, always `count` keeps
 * everything (then the durable image equals the volatile one), a seeded draw tears.
 */
import { assert } from '../../lib/assert.js'
import type { ByteImage } from './byte-image.js'

export type FileOp =
  | {
      readonly kind: 'Write'
      readonly sequence: number
      readonly offset: number
      readonly bytes: Uint8Array
    }
  | { readonly kind: 'Truncate'; readonly sequence: number; readonly length: number }

/** Chooses how many of `count` ordered candidates take effect: an integer in [0, count]. */
export type CutChooser = (count: number) => number

/** One sector's share of a write: `bytes` land at `offset`, inside sector `sector`. */
interface Fragment {
  readonly sector: number
  readonly offset: number
  readonly bytes: Uint8Array
}

/** Applies every op in order; the fast path of a successful sync. */
export function applyFileOps(durable: ByteImage, ops: readonly FileOp[]): void {
  for (const op of ops) {
    if (op.kind === 'Write') durable.write(op.bytes, op.offset)
    else durable.truncate(op.length)
  }
}

/** Applies to `durable` what of `ops` (in issue order) survives, as chosen by `choose`. */
export function settleFileOps(
  durable: ByteImage,
  ops: readonly FileOp[],
  options: { sectorBytes: number; choose: CutChooser },
): void {
  const { sectorBytes, choose } = options
  assert(Number.isSafeInteger(sectorBytes) && sectorBytes > 0, 'a sector has a positive size')
  const sizes = [durable.size]
  const touches = new Map<number, number>()
  for (const op of ops) {
    const sizeBefore = sizes[sizes.length - 1] ?? 0
    if (op.kind === 'Write') {
      for (const fragment of fragmentsOf(op, sectorBytes)) {
        touches.set(fragment.sector, (touches.get(fragment.sector) ?? 0) + 1)
      }
      sizes.push(Math.max(sizeBefore, op.offset + op.bytes.length))
    } else {
      sizes.push(op.length)
    }
  }
  const cuts = new Map<number, number>()
  for (const [sector, count] of touches) cuts.set(sector, checkedCut(choose, count))
  const sizeCut = checkedCut(choose, ops.length)
  const applied = new Map<number, number>()
  ops.forEach((op, index) => {
    if (op.kind === 'Truncate') {
      if (index < sizeCut) zeroTail(durable, op.length, sizes[index] ?? 0)
      return
    }
    for (const fragment of fragmentsOf(op, sectorBytes)) {
      const ordinal = applied.get(fragment.sector) ?? 0
      applied.set(fragment.sector, ordinal + 1)
      if (ordinal < (cuts.get(fragment.sector) ?? 0)) durable.write(fragment.bytes, fragment.offset)
    }
  })
  durable.truncate(sizes[sizeCut] ?? 0)
}

/** Splits a write at sector boundaries (of the file, not of the write). */
export function fragmentsOf(
  write: { readonly offset: number; readonly bytes: Uint8Array },
  sectorBytes: number,
): Fragment[] {
  const fragments: Fragment[] = []
  const end = write.offset + write.bytes.length
  for (let start = write.offset; start < end; ) {
    const sector = Math.floor(start / sectorBytes)
    const stop = Math.min(end, (sector + 1) * sectorBytes)
    const bytes = write.bytes.subarray(start - write.offset, stop - write.offset)
    fragments.push({ sector, offset: start, bytes })
    start = stop
  }
  return fragments
}

function checkedCut(choose: CutChooser, count: number): number {
  const cut = choose(count)
  assert(Number.isInteger(cut) && cut >= 0 && cut <= count, 'a cut lies in [0, count]')
  return cut
}

/** Zeroes [length, sizeBefore): the bytes a shrinking truncate freed. */
function zeroTail(image: ByteImage, length: number, sizeBefore: number): void {
  if (length >= sizeBefore) return
  const end = Math.min(sizeBefore, image.size)
  if (end > length) image.write(new Uint8Array(end - length), length)
}
