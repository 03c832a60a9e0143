/**
 * The kernel's part of a checkpoint's meta page: what recovery needs besides the pages.
 *
 * Format (version 1), integers big-endian:
 *   0   u8   version (1)
 *   1   u32  root page of the version tree (0: not created yet)
 *   5   u64  next transaction id
 *   13  u64  next version sequence
 *   21  u32  count a of transactions aborted by a crash whose versions remain
 *   25  a × u64 their ids
 *   ..  u32  count r of transactions in progress at the checkpoint cut
 *   ..  r × u64 their ids (recovery aborts those that did not commit in the log after it)
 */
import { assert } from '../lib/assert.js'

export interface KernelState {
  readonly treeRoot: number
  readonly xidNext: number
  readonly versionSequenceNext: number
  readonly aborted: readonly number[]
  readonly inProgress: readonly number[]
}

export function encodeKernelState(state: KernelState): Uint8Array {
  const bytes = new Uint8Array(
    1 + 4 + 8 + 8 + 4 + 8 * state.aborted.length + 4 + 8 * state.inProgress.length,
  )
  const view = new DataView(bytes.buffer)
  view.setUint8(0, 1)
  view.setUint32(1, state.treeRoot)
  view.setBigUint64(5, BigInt(state.xidNext))
  view.setBigUint64(13, BigInt(state.versionSequenceNext))
  let at = 21
  for (const list of [state.aborted, state.inProgress]) {
    view.setUint32(at, list.length)
    at += 4
    for (const id of list) {
      view.setBigUint64(at, BigInt(id))
      at += 8
    }
  }
  return bytes
}

export function decodeKernelState(bytes: Uint8Array): KernelState {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  assert(bytes.length >= 29 && view.getUint8(0) === 1, 'kernel state version 1')
  let at = 21
  const lists: number[][] = []
  for (let list = 0; list < 2; list++) {
    const count = view.getUint32(at)
    at += 4
    assert(at + count * 8 <= bytes.length, 'kernel state list fits')
    const ids: number[] = []
    for (let i = 0; i < count; i++) ids.push(Number(view.getBigUint64(at + i * 8)))
    at += count * 8
    lists.push(ids)
  }
  return {
    treeRoot: view.getUint32(1),
    xidNext: Number(view.getBigUint64(5)),
    versionSequenceNext: Number(view.getBigUint64(13)),
    aborted: lists[0] ?? [],
    inProgress: lists[1] ?? [],
  }
}
