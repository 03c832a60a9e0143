/**
 * Window frames: which rows of a partition each row's frame holds, as PostgreSQL defines them
 * (manual, "Window Function Calls"). Pure functions over row positions, so the edge cases
 * (empty frames, peers, NULL keys, offsets past the partition's ends) are unit-tested alone
 * (window-frame.test.ts); run-window.ts feeds them partitions.
 *
 * A partition's rows are sorted by the window's ORDER BY; rows equal on every key are peers and
 * form a peer group (without ORDER BY every row is a peer of every other). A frame is
 * [start, end) of positions, minus what EXCLUDE removes, so it is a list of at most three
 * disjoint ascending segments.
 *
 *   ROWS    offsets count rows from the current one.
 *   GROUPS  offsets count peer groups from the current row's group.
 *   RANGE   CURRENT ROW means the current row's peer group; offsets bound the one ordering
 *           key's value (key ± offset), found by binary search since keys are sorted. A row
 *           whose key is NULL has only its NULL peers within any offset, and NULLs are within
 *           no offset of a non-NULL key (they sort beyond every value).
 */
import { InternalError } from '../../errors/index.js'

/** Positions of the peer groups of one partition. */
export interface PeerGroups {
  /** Row count of the partition. */
  readonly size: number
  /** The group of each row (0-based, ascending). */
  readonly groupOf: Int32Array
  /** The first row of each group; a group ends where the next starts (or at `size`). */
  readonly starts: readonly number[]
}

/** Frame bound with its offset already evaluated: a row or group count (ROWS, GROUPS); RANGE
 * offsets are applied by the `RangeBounds` a caller supplies. */
export interface FrameBoundSpec {
  readonly kind:
    | 'unboundedPreceding'
    | 'preceding'
    | 'currentRow'
    | 'following'
    | 'unboundedFollowing'
  /** ROWS / GROUPS n PRECEDING / FOLLOWING: n (non-negative, clamped by the caller). */
  readonly count: number
}

export interface FrameSpec {
  readonly mode: 'rows' | 'range' | 'groups'
  readonly start: FrameBoundSpec
  readonly end: FrameBoundSpec
  readonly exclude: 'noOthers' | 'currentRow' | 'group' | 'ties'
}

/** RANGE offset bounds of a row: the first frame row for the start bound, one past the last
 * for the end bound (only called for offset bounds). */
export interface RangeBounds {
  start(row: number): number
  end(row: number): number
}

/** [start, end) segments of positions; ascending, disjoint, none empty. */
export type FrameSegments = readonly (readonly [number, number])[]

/** Peer groups of `size` sorted rows, where `isPeer(a, b)` says whether rows a and b (a + 1 = b)
 * are peers. */
export function peerGroups(size: number, isPeer: (a: number, b: number) => boolean): PeerGroups {
  const groupOf = new Int32Array(size)
  const starts: number[] = []
  for (let row = 0; row < size; row++) {
    if (row === 0 || !isPeer(row - 1, row)) starts.push(row)
    groupOf[row] = starts.length - 1
  }
  return { size, groupOf, starts }
}

export function groupStart(peers: PeerGroups, row: number): number {
  return peers.starts[peers.groupOf[row] ?? 0] ?? 0
}

export function groupEnd(peers: PeerGroups, row: number): number {
  return peers.starts[(peers.groupOf[row] ?? 0) + 1] ?? peers.size
}

/** The frame of `row` before EXCLUDE: [start, end), possibly empty (start >= end). */
export function frameBounds(
  spec: FrameSpec,
  peers: PeerGroups,
  row: number,
  range: RangeBounds | undefined,
): { start: number; end: number } {
  return {
    start: boundPosition(spec, spec.start, true, peers, row, range),
    end: boundPosition(spec, spec.end, false, peers, row, range),
  }
}

function boundPosition(
  spec: FrameSpec,
  bound: FrameBoundSpec,
  isStart: boolean,
  peers: PeerGroups,
  row: number,
  range: RangeBounds | undefined,
): number {
  const size = peers.size
  switch (bound.kind) {
    case 'unboundedPreceding':
      return 0
    case 'unboundedFollowing':
      return size
    case 'currentRow':
      if (spec.mode === 'rows') return isStart ? row : row + 1
      return isStart ? groupStart(peers, row) : groupEnd(peers, row)
    case 'preceding':
    case 'following': {
      const sign = bound.kind === 'preceding' ? -1 : 1
      if (spec.mode === 'rows') {
        return clamp(row + sign * bound.count + (isStart ? 0 : 1), 0, size)
      }
      if (spec.mode === 'groups') {
        const group = (peers.groupOf[row] ?? 0) + sign * bound.count
        const count = peers.starts.length
        if (isStart) return group < 0 ? 0 : group >= count ? size : (peers.starts[group] ?? size)
        return group < 0 ? 0 : group >= count - 1 ? size : (peers.starts[group + 1] ?? size)
      }
      if (range === undefined) throw new InternalError('RANGE offset frame without its bounds')
      return isStart ? range.start(row) : range.end(row)
    }
  }
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value
}

/** The frame of `row` as segments, after EXCLUDE CURRENT ROW / GROUP / TIES. */
export function frameSegments(
  spec: FrameSpec,
  peers: PeerGroups,
  row: number,
  range: RangeBounds | undefined,
): FrameSegments {
  const { start, end } = frameBounds(spec, peers, row, range)
  const segments: [number, number][] = []
  const add = (from: number, to: number): void => {
    const low = Math.max(from, start)
    const high = Math.min(to, end)
    if (low < high) segments.push([low, high])
  }
  switch (spec.exclude) {
    case 'noOthers':
      add(start, end)
      break
    case 'currentRow':
      add(start, row)
      add(row + 1, end)
      break
    case 'group':
      add(start, groupStart(peers, row))
      add(groupEnd(peers, row), end)
      break
    case 'ties':
      add(start, groupStart(peers, row))
      add(row, row + 1)
      add(groupEnd(peers, row), end)
      break
  }
  return segments
}

/** The first position in [low, high) where `test` holds, `test` being false then true along
 * the range; `high` when it never holds. */
export function firstWhere(low: number, high: number, test: (position: number) => boolean): number {
  let lo = low
  let hi = high
  while (lo < hi) {
    const middle = (lo + hi) >>> 1
    if (test(middle)) hi = middle
    else lo = middle + 1
  }
  return lo
}

/**
 * RANGE offset bounds over one sorted key. `isWithin(row, base, sub, less)` is PostgreSQL's
 * in_range: whether row's key compares (<= when `less`, else >=) with base's key minus (`sub`)
 * or plus the offset; keys of both rows are non-NULL when it is called.
 */
export function rangeBounds(options: {
  readonly peers: PeerGroups
  readonly isDescending: boolean
  readonly isNullsFirst: boolean
  readonly isNull: (row: number) => boolean
  readonly start: { readonly kind: FrameBoundSpec['kind'] }
  readonly end: { readonly kind: FrameBoundSpec['kind'] }
  readonly isWithinStart: (row: number, base: number, sub: boolean, less: boolean) => boolean
  readonly isWithinEnd: (row: number, base: number, sub: boolean, less: boolean) => boolean
}): RangeBounds {
  const { peers, isDescending, isNullsFirst, isNull } = options
  const isAscending = !isDescending
  // NULLs sort first or last; seen from a non-NULL row they lie beyond every offset.
  const nullIsAfter = !isNullsFirst
  return {
    start(row) {
      if (isNull(row)) return groupStart(peers, row)
      const sub = (options.start.kind === 'preceding') === isAscending
      const less = !isAscending
      return firstWhere(0, peers.size, (other) =>
        isNull(other) ? nullIsAfter : options.isWithinStart(other, row, sub, less),
      )
    },
    end(row) {
      if (isNull(row)) return groupEnd(peers, row)
      const sub = (options.end.kind === 'preceding') === isAscending
      const less = isAscending
      return firstWhere(0, peers.size, (other) =>
        isNull(other) ? nullIsAfter : !options.isWithinEnd(other, row, sub, less),
      )
    },
  }
}
