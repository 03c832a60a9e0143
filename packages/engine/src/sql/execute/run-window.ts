/**
 * The Window operator (PostgreSQL's WindowAgg): its input arrives sorted by the partition keys,
 * then the window's ORDER BY; it holds one partition at a time, computes every call over it and
 * yields the partition's rows with one more column per call.
 *
 * Costs per partition of n rows: ranking functions, lag/lead and first/last/nth_value are O(n)
 * (O(n log n) with RANGE offsets, found by binary search). Aggregates whose frame starts at
 * UNBOUNDED PRECEDING without EXCLUDE (the default frame, running totals, whole partitions) fold
 * each row in once: O(n). Other frames recompute the aggregate over the frame, O(n · frame),
 * reusing the previous row's result when its frame is the same (peers; whole partitions).
 * A partition larger than limits.operatorRowsMax fails with 54000.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { operatorRowsMax } from '../../limits.js'
import {
  behaviourOf,
  type Interval,
  Jsonb,
  type Row,
  SqlArray,
  type SqlType,
  type TypeContext,
  type Value,
} from '../../types/index.js'
import type { BoundFrame, BoundFrameBound, BoundSortKey, Rel, WindowCall } from '../bind/index.js'
import type { BuiltinAggregate, CallContext } from '../functions/index.js'
import {
  type CompileScope,
  compareTyped,
  compileExpression,
  layoutOf,
} from './compile-expression.js'
import {
  type FrameBoundSpec,
  type FrameSpec,
  frameSegments,
  groupEnd,
  groupStart,
  type PeerGroups,
  peerGroups,
  type RangeBounds,
  rangeBounds,
} from './window-frame.js'

type Runner = () => Iterable<Row>

/** Compiles a Window node over its compiled input; `scope` is for expressions over input rows. */
export function compileWindow(
  node: Rel & { kind: 'Window' },
  input: Runner,
  scope: CompileScope,
): Runner {
  const partitionKeys = node.partitionBy.map((expr) => ({
    value: compileExpression(scope, expr),
    type: expr.type,
  }))
  const orderKeys = node.orderBy.map((key) => ({ value: compileExpression(scope, key.expr), key }))
  const calls = node.calls.map((call) => compileCall(call, scope))
  return function* () {
    // Frame offsets are read once, before any row (PostgreSQL checks them even for no rows).
    for (const call of calls) call.begin()
    let partition: PartitionRow[] = []
    for (const row of input()) {
      const entry: PartitionRow = {
        row,
        partition: partitionKeys.map((key) => key.value(row)),
        order: orderKeys.map((key) => key.value(row)),
      }
      const first = partition[0]
      if (first !== undefined && !sameValues(first.partition, entry.partition, partitionKeys)) {
        yield* finishPartition(partition, orderKeys, calls)
        partition = []
      }
      partition.push(entry)
      if (partition.length > operatorRowsMax) {
        throw new SqlError(
          SqlState.programLimitExceeded,
          `a query step holds more than ${operatorRowsMax} rows in memory`,
          { hint: 'Add a WHERE clause or a LIMIT, or raise limits.operatorRowsMax.' },
        )
      }
    }
    if (partition.length > 0) yield* finishPartition(partition, orderKeys, calls)
  }
}

interface PartitionRow {
  readonly row: Row
  readonly partition: readonly Value[]
  readonly order: readonly Value[]
}

/** One partition, as the calls see it. */
interface Partition {
  readonly rows: readonly PartitionRow[]
  readonly peers: PeerGroups
  readonly orderKeys: readonly { readonly key: BoundSortKey }[]
}

interface CompiledCall {
  /** Evaluates and checks the frame offsets, at the start of each run. */
  readonly begin: () => void
  /** The call's value for each row of a partition. */
  readonly compute: (partition: Partition) => Value[]
}

function finishPartition(
  rows: readonly PartitionRow[],
  orderKeys: readonly { readonly key: BoundSortKey }[],
  calls: readonly CompiledCall[],
): Row[] {
  const peers = peerGroups(rows.length, (a, b) =>
    sameValues(
      (rows[a] as PartitionRow).order,
      (rows[b] as PartitionRow).order,
      orderKeys.map(({ key }) => ({ type: key.expr.type })),
    ),
  )
  const partition: Partition = { rows, peers, orderKeys }
  const columns = calls.map((call) => call.compute(partition))
  return rows.map((entry, i) => [...entry.row, ...columns.map((values) => values[i] ?? null)])
}

/** Equality for partitioning and peers: NULLs are equal to each other. */
function sameValues(
  a: readonly Value[],
  b: readonly Value[],
  keys: readonly { readonly type: SqlType }[],
): boolean {
  for (let i = 0; i < keys.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === null || y === null) {
      if (x !== y) return false
      continue
    }
    if (compareTyped(x, y, (keys[i] as { type: SqlType }).type) !== 0) return false
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Calls

function compileCall(computed: WindowCall, scope: CompileScope): CompiledCall {
  const frame = compileFrame(computed.call.window.frame, computed.call.window.orderBy, scope)
  return { begin: frame.begin, compute: compileCompute(computed, scope, frame.frames) }
}

function compileCompute(
  computed: WindowCall,
  scope: CompileScope,
  frame: (partition: Partition) => Frames,
): (partition: Partition) => Value[] {
  const { call } = computed
  const args = call.args.map((arg) => compileExpression(scope, arg))
  const filter = call.filter === undefined ? undefined : compileExpression(scope, call.filter)
  const argValues = (partition: Partition, index: number): Value[] => {
    const arg = args[index]
    if (arg === undefined)
      throw new InternalError(`window call ${call.name} lacks argument ${index}`)
    return partition.rows.map((entry) => arg(entry.row))
  }
  if (call.function.kind === 'aggregate') {
    const aggregate = call.function.aggregate
    const context: CallContext = {
      ...scope.execution.environment,
      argTypes: call.args.map((arg) => arg.type),
      resultType: call.type,
    }
    return (partition) =>
      aggregateOverFrames(partition, frame(partition), aggregate, context, {
        args: args.map((_, i) => argValues(partition, i)),
        included:
          filter === undefined ? undefined : partition.rows.map((e) => filter(e.row) === true),
      })
  }
  const name = call.function.name
  switch (name) {
    case 'row_number':
      return (partition) => partition.rows.map((_, i) => BigInt(i + 1))
    case 'rank':
      return (partition) => partition.rows.map((_, i) => BigInt(groupStart(partition.peers, i) + 1))
    case 'dense_rank':
      return (partition) =>
        partition.rows.map((_, i) => BigInt((partition.peers.groupOf[i] ?? 0) + 1))
    case 'percent_rank':
      return (partition) => {
        const size = partition.rows.length
        return partition.rows.map((_, i) =>
          size > 1 ? groupStart(partition.peers, i) / (size - 1) : 0,
        )
      }
    case 'cume_dist':
      return (partition) => {
        const size = partition.rows.length
        return partition.rows.map((_, i) => groupEnd(partition.peers, i) / size)
      }
    case 'ntile':
      return (partition) => ntile(partition, argValues(partition, 0))
    case 'lag':
    case 'lead':
      return (partition) =>
        shifted(partition, name === 'lag' ? -1 : 1, {
          values: argValues(partition, 0),
          offsets: args.length > 1 ? argValues(partition, 1) : undefined,
          defaults: args.length > 2 ? argValues(partition, 2) : undefined,
        })
    case 'first_value':
    case 'last_value':
    case 'nth_value':
      return (partition) => {
        const values = argValues(partition, 0)
        const frames = frame(partition)
        const positions = name === 'nth_value' ? argValues(partition, 1) : undefined
        return partition.rows.map((_, i) => {
          const segments = frames(i)
          if (name === 'first_value') return values[segments[0]?.[0] ?? -1] ?? null
          if (name === 'last_value') {
            const last = segments[segments.length - 1]
            return last === undefined ? null : (values[last[1] - 1] ?? null)
          }
          return nthValue(values, segments, positions?.[i] ?? null)
        })
      }
    default:
      throw new InternalError(`window function ${String(name)} has no implementation`)
  }
}

/** ntile(n): n buckets as equal as possible, the larger ones first; n is read at the first row. */
function ntile(partition: Partition, buckets: readonly Value[]): Value[] {
  const size = partition.rows.length
  const first = buckets[0] ?? null
  if (first === null) return partition.rows.map(() => null)
  const count = Number(first)
  if (count <= 0) {
    throw new SqlError(
      SqlState.invalidArgumentForNtileFunction,
      'argument of ntile must be greater than zero',
    )
  }
  const per = Math.floor(size / count)
  const remainder = size % count
  const out: Value[] = []
  // The first `remainder` buckets hold per + 1 rows.
  for (let i = 0; i < size; i++) {
    const bucket =
      i < remainder * (per + 1)
        ? Math.floor(i / (per + 1))
        : remainder + Math.floor((i - remainder * (per + 1)) / Math.max(per, 1))
    out.push(bucket + 1)
  }
  return out
}

/** lag / lead: the value `offset` rows before (-1) or after (+1), else the default. */
function shifted(
  partition: Partition,
  direction: -1 | 1,
  inputs: {
    readonly values: readonly Value[]
    readonly offsets: readonly Value[] | undefined
    readonly defaults: readonly Value[] | undefined
  },
): Value[] {
  const size = partition.rows.length
  return partition.rows.map((_, i) => {
    const offset = inputs.offsets === undefined ? 1 : (inputs.offsets[i] ?? null)
    if (offset === null) return null
    const target = i + direction * Number(offset)
    if (target < 0 || target >= size) return inputs.defaults?.[i] ?? null
    return inputs.values[target] ?? null
  })
}

function nthValue(values: readonly Value[], segments: Segments, position: Value): Value {
  if (position === null) return null
  const n = Number(position)
  if (n <= 0) {
    throw new SqlError(
      SqlState.invalidArgumentForNthValueFunction,
      'argument of nth_value must be greater than zero',
    )
  }
  let remaining = n - 1
  for (const [start, end] of segments) {
    if (remaining < end - start) return values[start + remaining] ?? null
    remaining -= end - start
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Frames

type Segments = readonly (readonly [number, number])[]

/** A partition's frames: the frame segments of each row. */
type Frames = ((row: number) => Segments) & { readonly spec: FrameSpec }

/** Compiles a frame: its offsets are evaluated (and checked) per partition. */
function compileFrame(
  frame: BoundFrame,
  orderBy: readonly BoundSortKey[],
  scope: CompileScope,
): { begin: () => void; frames: (partition: Partition) => Frames } {
  const start = compileOffset(frame.start, scope)
  const end = compileOffset(frame.end, scope)
  const range = frame.range === undefined ? undefined : compileRange(frame, scope)
  const types = scope.execution.environment.types
  let offsets: { readonly start: Value; readonly end: Value } | undefined
  const begin = (): void => {
    offsets = { start: start?.() ?? null, end: end?.() ?? null }
    checkOffset(frame, frame.start, offsets.start, 'starting', types, false)
    checkOffset(frame, frame.end, offsets.end, 'ending', types, false)
  }
  const frames = (partition: Partition): Frames => {
    if (offsets === undefined) throw new InternalError('window frame offsets read before begin')
    const { start: startOffset, end: endOffset } = offsets
    // RANGE offsets are checked as PostgreSQL's in_range checks them: when rows are compared.
    checkOffset(frame, frame.start, startOffset, 'starting', types, true)
    checkOffset(frame, frame.end, endOffset, 'ending', types, true)
    const spec: FrameSpec = {
      mode: frame.mode,
      start: boundSpec(frame, frame.start, startOffset, partition.rows.length),
      end: boundSpec(frame, frame.end, endOffset, partition.rows.length),
      exclude: frame.exclude,
    }
    const key = orderBy[0]
    const bounds: RangeBounds | undefined =
      range === undefined || key === undefined
        ? undefined
        : rangeBounds({
            peers: partition.peers,
            isDescending: key.isDescending,
            isNullsFirst: key.isNullsFirst,
            isNull: (row) => (partition.rows[row]?.order[0] ?? null) === null,
            start: frame.start,
            end: frame.end,
            isWithinStart: range(partition, startOffset),
            isWithinEnd: range(partition, endOffset),
          })
    const segments = (row: number): Segments => frameSegments(spec, partition.peers, row, bounds)
    return Object.assign(segments, { spec })
  }
  return { begin, frames }
}

function compileOffset(bound: BoundFrameBound, scope: CompileScope): (() => Value) | undefined {
  if (bound.offset === undefined) return undefined
  const value = compileExpression({ ...scope, layout: new Map() }, bound.offset)
  return () => value([])
}

/** NULL and negative offsets are errors, worded as PostgreSQL words them per frame mode: NULLs
 * and negative ROWS / GROUPS counts before any row is read (`hasRows` false), negative RANGE
 * offsets once rows are compared (`hasRows` true). */
function checkOffset(
  frame: BoundFrame,
  bound: BoundFrameBound,
  offset: Value,
  which: 'starting' | 'ending',
  types: TypeContext,
  hasRows: boolean,
): void {
  if (bound.offset === undefined) return
  if (offset === null) {
    if (hasRows) return
    throw new SqlError(SqlState.nullValueNotAllowed, `frame ${which} offset must not be null`)
  }
  if (hasRows !== (frame.mode === 'range')) return
  const isNegative =
    typeof offset === 'bigint' || typeof offset === 'number'
      ? offset < 0 || Number.isNaN(offset)
      : compareTyped(offset, zeroOf(bound.offset.type, types), bound.offset.type) < 0
  if (!isNegative) return
  if (frame.mode === 'range') {
    throw new SqlError(
      SqlState.invalidPrecedingOrFollowingSize,
      'invalid preceding or following size in window function',
    )
  }
  throw new SqlError(
    SqlState.invalidPrecedingOrFollowingSize,
    `frame ${which} offset must not be negative`,
  )
}

function zeroOf(type: SqlType, types: TypeContext): Value {
  return behaviourOf(type).input('0', type, types)
}

/** A bound with its row or group count; RANGE offsets are applied by rangeBounds instead. */
function boundSpec(
  frame: BoundFrame,
  bound: BoundFrameBound,
  offset: Value,
  size: number,
): FrameBoundSpec {
  if (frame.mode === 'range' || (typeof offset !== 'bigint' && typeof offset !== 'number')) {
    return { kind: bound.kind, count: 0 }
  }
  // Offsets beyond the partition reach its end; clamp so positions stay small integers.
  const count = BigInt(offset) > BigInt(size) ? size + 1 : Number(offset)
  return { kind: bound.kind, count }
}

/**
 * PostgreSQL's in_range for the RANGE key: (row's key) >= / <= (base's key ∓ offset). Integers
 * are exact (bigint), floats follow PostgreSQL's infinity and NaN rules, other types use the
 * bound + / - and compare in their result type; a sum out of the type's range is beyond every
 * value, as in PostgreSQL (no error).
 */
function compileRange(
  frame: BoundFrame,
  scope: CompileScope,
): (
  partition: Partition,
  offset: Value,
) => (row: number, base: number, sub: boolean, less: boolean) => boolean {
  const range = frame.range
  if (range === undefined) throw new InternalError('RANGE offsets without arithmetic')
  const layout = layoutOf([range.keyColumn, range.offsetColumn])
  const local = { ...scope, layout }
  const sum = compileExpression(local, range.sum)
  const difference = compileExpression(local, range.difference)
  const probe = compileExpression(local, range.probe)
  const probeType = range.sum.type
  return (partition, offset) => {
    const key = (row: number): Value => partition.rows[row]?.order[0] ?? null
    if (offset === null) return () => false
    if (range.arithmetic === 'integer') {
      const distance = BigInt(offset as number | bigint)
      return (row, base, sub, less) => {
        const value = BigInt(key(row) as number | bigint)
        const origin = BigInt(key(base) as number | bigint)
        const bound = sub ? origin - distance : origin + distance
        return less ? value <= bound : value >= bound
      }
    }
    if (range.arithmetic === 'float') {
      const distance = Number(offset)
      return (row, base, sub, less) =>
        floatInRange(Number(key(row)), Number(key(base)), distance, sub, less)
    }
    if (range.arithmetic === 'time') {
      // PostgreSQL adds only the interval's time part, and a time of day does not wrap here.
      const distance = Number((offset as Interval).micros)
      return (row, base, sub, less) => {
        const origin = Number(key(base))
        const bound = sub ? origin - distance : origin + distance
        return less ? Number(key(row)) <= bound : Number(key(row)) >= bound
      }
    }
    const bounds = new Map<string, Value | 'above' | 'below'>()
    return (row, base, sub, less) => {
      const cacheKey = `${base}:${sub}`
      let bound = bounds.get(cacheKey)
      if (bound === undefined) {
        try {
          bound = (sub ? difference : sum)([key(base), offset])
        } catch (error: unknown) {
          if (!isOutOfRange(error)) throw error
          bound = sub ? 'below' : 'above'
        }
        bounds.set(cacheKey, bound)
      }
      if (bound === 'above') return less
      if (bound === 'below') return !less
      const value = probe([key(row), offset])
      if (value === null || bound === null) return false
      const order = compareTyped(value, bound, probeType)
      return less ? order <= 0 : order >= 0
    }
  }
}

function isOutOfRange(error: unknown): boolean {
  return (
    error instanceof SqlError &&
    (error.code === SqlState.numericValueOutOfRange ||
      error.code === SqlState.datetimeFieldOverflow)
  )
}

/** in_range for float8: NaN sorts after everything and is within range only of NaN; an
 * infinite offset from an infinite key of the same sign reaches everything. */
function floatInRange(
  value: number,
  base: number,
  offset: number,
  sub: boolean,
  less: boolean,
): boolean {
  if (Number.isNaN(value)) return Number.isNaN(base) ? true : !less
  if (Number.isNaN(base)) return less
  if (offset === Number.POSITIVE_INFINITY && !Number.isFinite(base)) {
    if (sub ? base > 0 : base < 0) return true
  }
  const bound = sub ? base - offset : base + offset
  return less ? value <= bound : value >= bound
}

// ---------------------------------------------------------------------------------------------
// Aggregates over frames

/**
 * An aggregate's value for each row of a partition. Frames starting at the partition's start
 * (and excluding nothing) grow monotonically, so one state folds each row in once and is read
 * at each row; other frames are folded afresh, unless the frame equals the previous row's.
 */
function aggregateOverFrames(
  partition: Partition,
  frames: Frames,
  aggregate: BuiltinAggregate<unknown>,
  context: CallContext,
  inputs: { readonly args: readonly Value[][]; readonly included: readonly boolean[] | undefined },
): Value[] {
  const size = partition.rows.length
  const out: Value[] = []
  const step = (state: unknown, row: number): unknown => {
    if (inputs.included !== undefined && inputs.included[row] !== true) return state
    const args = inputs.args.map((values) => values[row] ?? null)
    if (aggregate.isStrict && args.some((arg) => arg === null)) return state
    return aggregate.step(state, args, context)
  }
  const spec = frames.spec
  if (spec.start.kind === 'unboundedPreceding' && spec.exclude === 'noOthers') {
    let state = aggregate.initial()
    let folded = 0
    let value: Value = null
    let valueEnd = -1
    for (let i = 0; i < size; i++) {
      const end = frames(i)[0]?.[1] ?? 0
      if (end < folded) throw new InternalError('a running frame shrank')
      for (; folded < end; folded++) state = step(state, folded)
      if (end !== valueEnd) {
        value = detach(aggregate.final(state, context))
        valueEnd = end
      }
      out.push(value)
    }
    return out
  }
  let previous: Segments | undefined
  let value: Value = null
  for (let i = 0; i < size; i++) {
    const segments = frames(i)
    if (previous === undefined || !sameSegments(previous, segments)) {
      let state = aggregate.initial()
      for (const [start, end] of segments)
        for (let row = start; row < end; row++) state = step(state, row)
      value = aggregate.final(state, context)
      previous = segments
    }
    out.push(value)
  }
  return out
}

function sameSegments(a: Segments, b: Segments): boolean {
  if (a.length !== b.length) return false
  return a.every((segment, i) => segment[0] === b[i]?.[0] && segment[1] === b[i]?.[1])
}

/**
 * A final value that stays valid while the state goes on folding rows: array_agg and jsonb_agg
 * hand out the list they append to, so it is copied (the copy is no larger than the result).
 */
function detach(value: Value): Value {
  if (value instanceof SqlArray) {
    return new SqlArray([...value.elements], value.dimensions, value.lowerBounds)
  }
  if (value instanceof Jsonb && Array.isArray(value.node)) return new Jsonb([...value.node])
  return value
}
