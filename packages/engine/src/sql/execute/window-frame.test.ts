// Frame computation edge cases: empty partitions and frames, peer groups, offsets reaching past
// the partition's ends, EXCLUDE, and RANGE offsets with NULL ordering keys (NULLs first and
// last, ascending and descending). Each case states the frame PostgreSQL gives for it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  type FrameBoundSpec,
  type FrameSpec,
  firstWhere,
  frameSegments,
  type PeerGroups,
  peerGroups,
  rangeBounds,
} from './window-frame.js'

/** Peer groups of sorted keys (equal neighbours are peers). */
function peersOf(keys: readonly (number | null)[]): PeerGroups {
  return peerGroups(keys.length, (a, b) => keys[a] === keys[b])
}

function bound(kind: FrameBoundSpec['kind'], count = 0): FrameBoundSpec {
  return { kind, count }
}

function frame(
  mode: FrameSpec['mode'],
  start: FrameBoundSpec,
  end: FrameBoundSpec,
  exclude: FrameSpec['exclude'] = 'noOthers',
): FrameSpec {
  return { mode, start, end, exclude }
}

/** Every row's frame as the list of positions it holds. */
function framesOf(
  spec: FrameSpec,
  keys: readonly (number | null)[],
  range?: Parameters<typeof frameSegments>[3],
): number[][] {
  const peers = peersOf(keys)
  return keys.map((_, row) =>
    frameSegments(spec, peers, row, range).flatMap(([start, end]) =>
      Array.from({ length: end - start }, (_, i) => start + i),
    ),
  )
}

test('peer groups: equal neighbours share a group; an empty partition has none', () => {
  const peers = peersOf([1, 1, 2, null, null])
  assert.deepEqual([...peers.groupOf], [0, 0, 1, 2, 2])
  assert.deepEqual(peers.starts, [0, 2, 3])
  assert.deepEqual(peersOf([]).starts, [])
  assert.deepEqual(
    framesOf(frame('rows', bound('unboundedPreceding'), bound('currentRow')), []),
    [],
  )
})

test('the default frame (RANGE UNBOUNDED PRECEDING to CURRENT ROW) includes later peers', () => {
  const spec = frame('range', bound('unboundedPreceding'), bound('currentRow'))
  assert.deepEqual(framesOf(spec, [1, 1, 2, 3, 3]), [
    [0, 1],
    [0, 1],
    [0, 1, 2],
    [0, 1, 2, 3, 4],
    [0, 1, 2, 3, 4],
  ])
})

test('ROWS offsets stop at the partition edges; frames past them are empty', () => {
  const keys = [1, 2, 3, 4]
  assert.deepEqual(framesOf(frame('rows', bound('preceding', 2), bound('currentRow')), keys), [
    [0],
    [0, 1],
    [0, 1, 2],
    [1, 2, 3],
  ])
  assert.deepEqual(framesOf(frame('rows', bound('following', 2), bound('following', 5)), keys), [
    [2, 3],
    [3],
    [],
    [],
  ])
  assert.deepEqual(
    framesOf(frame('rows', bound('unboundedPreceding'), bound('preceding', 1)), keys),
    [[], [0], [0, 1], [0, 1, 2]],
  )
  // A zero offset is the current row itself.
  assert.deepEqual(framesOf(frame('rows', bound('preceding', 0), bound('following', 0)), keys), [
    [0],
    [1],
    [2],
    [3],
  ])
})

test('GROUPS offsets count peer groups from the current row’s group', () => {
  const keys = [1, 1, 2, 3, 3, 4]
  assert.deepEqual(framesOf(frame('groups', bound('preceding', 1), bound('following', 1)), keys), [
    [0, 1, 2],
    [0, 1, 2],
    [0, 1, 2, 3, 4],
    [2, 3, 4, 5],
    [2, 3, 4, 5],
    [3, 4, 5],
  ])
  assert.deepEqual(framesOf(frame('groups', bound('following', 1), bound('following', 2)), keys), [
    [2, 3, 4],
    [2, 3, 4],
    [3, 4, 5],
    [5],
    [5],
    [],
  ])
  assert.deepEqual(
    framesOf(frame('groups', bound('unboundedPreceding'), bound('preceding', 2)), keys),
    [[], [], [], [0, 1], [0, 1], [0, 1, 2]],
  )
})

test('EXCLUDE CURRENT ROW, GROUP and TIES cut the frame into segments', () => {
  const keys = [1, 2, 2, 2, 3]
  const whole = (exclude: FrameSpec['exclude']): FrameSpec =>
    frame('rows', bound('unboundedPreceding'), bound('unboundedFollowing'), exclude)
  assert.deepEqual(framesOf(whole('currentRow'), keys)[2], [0, 1, 3, 4])
  assert.deepEqual(framesOf(whole('group'), keys)[2], [0, 4])
  assert.deepEqual(framesOf(whole('ties'), keys)[2], [0, 2, 4])
  assert.deepEqual(framesOf(whole('noOthers'), keys)[2], [0, 1, 2, 3, 4])
  // Excluding what the frame does not hold changes nothing; an excluded row alone leaves nothing.
  const one = frame('rows', bound('preceding', 1), bound('preceding', 1), 'currentRow')
  assert.deepEqual(framesOf(one, keys), [[], [0], [1], [2], [3]])
  const self = frame('rows', bound('currentRow'), bound('currentRow'), 'ties')
  assert.deepEqual(framesOf(self, keys), [[0], [1], [2], [3], [4]])
})

/** RANGE offset bounds over integer keys, with NULLs where the sort puts them. */
function rangeFrames(
  keys: readonly (number | null)[],
  options: { isDescending: boolean; isNullsFirst: boolean },
  start: FrameBoundSpec,
  end: FrameBoundSpec,
): number[][] {
  const peers = peersOf(keys)
  const isWithin = (offset: number) => (row: number, base: number, sub: boolean, less: boolean) => {
    const value = keys[row] as number
    const origin = keys[base] as number
    const limit = sub ? origin - offset : origin + offset
    return less ? value <= limit : value >= limit
  }
  const range = rangeBounds({
    peers,
    ...options,
    isNull: (row) => keys[row] === null,
    start,
    end,
    isWithinStart: isWithin(start.count),
    isWithinEnd: isWithin(end.count),
  })
  return framesOf(frame('range', start, end), keys, range)
}

test('RANGE offsets bound the key; NULL keys are near only NULLs (NULLS LAST, ascending)', () => {
  const keys = [1, 2, 4, 5, null, null]
  const frames = rangeFrames(
    keys,
    { isDescending: false, isNullsFirst: false },
    bound('preceding', 1),
    bound('following', 1),
  )
  assert.deepEqual(frames, [
    [0, 1],
    [0, 1],
    [2, 3],
    [2, 3],
    [4, 5],
    [4, 5],
  ])
})

test('RANGE offsets with NULLS FIRST and with a descending key', () => {
  const ascending = rangeFrames(
    [null, 1, 2, 4],
    { isDescending: false, isNullsFirst: true },
    bound('following', 1),
    bound('unboundedFollowing'),
  )
  // From a NULL row the offset start is its first peer; from a value, NULLs are never near.
  assert.deepEqual(ascending, [[0, 1, 2, 3], [2, 3], [3], []])
  const descending = rangeFrames(
    [5, 4, 2, null],
    { isDescending: true, isNullsFirst: false },
    bound('preceding', 1),
    bound('currentRow'),
  )
  assert.deepEqual(descending, [[0], [0, 1], [2], [3]])
})

test('RANGE offsets larger than every distance reach the partition ends', () => {
  const frames = rangeFrames(
    [1, 3, 3, 9],
    { isDescending: false, isNullsFirst: false },
    bound('preceding', 100),
    bound('preceding', 2),
  )
  assert.deepEqual(frames, [[], [0], [0], [0, 1, 2]])
})

test('firstWhere finds the boundary of a monotone test, or the end', () => {
  assert.equal(
    firstWhere(0, 10, (i) => i >= 7),
    7,
  )
  assert.equal(
    firstWhere(0, 10, () => false),
    10,
  )
  assert.equal(
    firstWhere(3, 3, () => true),
    3,
  )
})
