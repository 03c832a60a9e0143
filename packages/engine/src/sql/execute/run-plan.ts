/**
 * Plan execution: each plan node becomes a pull-based iterator (a generator) over rows. Rows
 * are produced lazily, so LIMIT stops the scan beneath it early.
 */
import { getRow, rowKey, rowRange, scanRows, tablePrefix, tableRange } from '../../access/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { KeyBound, KeyRange } from '../../kernel/index.js'
import { assertNever } from '../../lib/assert.js'
import { encodeKey, type KeyKind, prefixEnd } from '../../lib/keycode.js'
import { compareValues, isIntegerType, type Row, type Value } from '../../types/index.js'
import type { BoundExpr, BoundSortKey } from '../bind/index.js'
import type { PlanNode, ScanBound } from '../plan/index.js'
import { compileExpression } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'

export function runPlan(node: PlanNode, context: ExecutionContext): Iterable<Row> {
  switch (node.kind) {
    case 'Result':
      return [[]]
    case 'SeqScan':
      return scanRows(context.transaction, node.table)
    case 'IndexScan':
      return runIndexScan(node, context)
    case 'Filter':
      return runFilter(node.input, node.predicate, context)
    case 'Sort':
      return runSort(node.input, node.keys, context)
    case 'Limit':
      return runLimit(node, context)
    case 'LockRows':
      return runLockRows(node, context)
    case 'Project':
      return runProject(node, context)
    default:
      return assertNever(node, 'plan node')
  }
}

function* runFilter(
  input: PlanNode,
  predicate: Parameters<typeof compileExpression>[0],
  context: ExecutionContext,
): Generator<Row> {
  const test = compileExpression(predicate)
  for (const row of runPlan(input, context)) if (test(row, context.parameters) === true) yield row
}

function* runProject(
  node: PlanNode & { kind: 'Project' },
  context: ExecutionContext,
): Generator<Row> {
  const targets = node.targets.map((target) => compileExpression(target.expr))
  for (const row of runPlan(node.input, context)) {
    yield targets.map((target) => target(row, context.parameters))
  }
}

function runSort(input: PlanNode, keys: readonly BoundSortKey[], context: ExecutionContext): Row[] {
  const compiled = keys.map((key) => ({ ...key, value: compileExpression(key.expr) }))
  const decorated = [...runPlan(input, context)].map((row) => ({
    row,
    keys: compiled.map((key) => key.value(row, context.parameters)),
  }))
  decorated.sort((a, b) => {
    for (let i = 0; i < compiled.length; i++) {
      const key = compiled[i]
      if (key === undefined) break
      const order = compareSortValues(a.keys[i] ?? null, b.keys[i] ?? null, key)
      if (order !== 0) return order
    }
    return 0
  })
  return decorated.map((entry) => entry.row)
}

/** Order of two sort key values; NULL placement is stated in the final order, so DESC does
 * not flip it. */
function compareSortValues(a: Value, b: Value, key: BoundSortKey): number {
  if (a === null || b === null) {
    if (a === b) return 0
    return (a === null) === key.isNullsFirst ? -1 : 1
  }
  const order = compareValues(a, b)
  return key.isDescending ? -order : order
}

/** SELECT ... FOR UPDATE / FOR SHARE: lock each row on its way up; skipped rows (SKIP LOCKED,
 * or deleted since the snapshot) are not returned. */
function* runLockRows(
  node: PlanNode & { kind: 'LockRows' },
  context: ExecutionContext,
): Generator<Row> {
  const { table, lock } = node
  const keyColumns = table.primaryKey?.columns ?? []
  for (const row of runPlan(node.input, context)) {
    const key = rowKey(
      table,
      keyColumns.map((index) => row[index] ?? null),
    )
    let isLocked: boolean
    try {
      isLocked = context.transaction.lock(key, lock.mode, lock.policy)
    } catch (error: unknown) {
      if (error instanceof SqlError && error.code === SqlState.lockNotAvailable) {
        throw new SqlError(
          SqlState.lockNotAvailable,
          `could not obtain lock on row in relation "${table.name}"`,
        )
      }
      throw error
    }
    if (isLocked) yield row
  }
}

function* runLimit(node: PlanNode & { kind: 'Limit' }, context: ExecutionContext): Generator<Row> {
  const count = evaluateLimit(node.count, context, 'LIMIT')
  const offset = evaluateLimit(node.offset, context, 'OFFSET') ?? 0n
  if (count === 0n) return
  let skipped = 0n
  let emitted = 0n
  for (const row of runPlan(node.input, context)) {
    if (skipped < offset) {
      skipped++
      continue
    }
    yield row
    emitted++
    if (count !== undefined && emitted >= count) return
  }
}

function evaluateLimit(
  expr: Parameters<typeof compileExpression>[0] | undefined,
  context: ExecutionContext,
  clause: 'LIMIT' | 'OFFSET',
): bigint | undefined {
  if (expr === undefined) return undefined
  const value = compileExpression(expr)([], context.parameters)
  if (value === null) return undefined
  const amount = BigInt(value as number | bigint)
  if (amount < 0n) {
    const code =
      clause === 'LIMIT'
        ? SqlState.invalidRowCountInLimitClause
        : SqlState.invalidRowCountInResultOffsetClause
    throw new SqlError(code, `${clause} must not be negative`)
  }
  return amount
}

/** The key range a scan node reads (undefined: nothing can match). */
export function scanRange(
  node: PlanNode & { kind: 'SeqScan' | 'IndexScan' },
  context: ExecutionContext,
): KeyRange | undefined {
  if (node.kind === 'SeqScan') return tableRange(node.table)
  if (node.point !== undefined) return pointRange(node, node.point, context)
  return indexRange(node, context)
}

function runIndexScan(
  node: PlanNode & { kind: 'IndexScan' },
  context: ExecutionContext,
): Iterable<Row> {
  if (node.point !== undefined) return runPointGet(node, node.point, context)
  const range = indexRange(node, context)
  if (range === undefined) return []
  return scanRows(context.transaction, node.table, range, node.isBackward ? 'backward' : 'forward')
}

/**
 * Key range of an index scan. Bounds are on the first key column, so each is a key prefix:
 * `>= v` starts at prefix(v), `> v` after every key with that prefix, and symmetrically for the
 * upper side. A NULL bound matches nothing (comparisons with NULL are never true).
 */
function indexRange(
  node: PlanNode & { kind: 'IndexScan' },
  context: ExecutionContext,
): KeyRange | undefined {
  const whole = tableRange(node.table)
  const keyColumn = node.table.columns[node.table.primaryKey?.columns[0] ?? 0]
  if (keyColumn === undefined) return whole
  const kind: KeyKind = isIntegerType(keyColumn.type)
    ? 'integer'
    : keyColumn.type.kind === 'bool'
      ? 'boolean'
      : 'text'
  const prefix = tablePrefix(node.table)
  const boundKey = (bound: ScanBound): Uint8Array | null => {
    const value = compileExpression(bound.expr)([], context.parameters)
    if (value === null) return null
    const encoded = encodeKey([value], [{ kind, descending: false, nullsFirst: false }])
    const key = new Uint8Array(prefix.length + encoded.length)
    key.set(prefix)
    key.set(encoded, prefix.length)
    return key
  }
  let lower: KeyBound | undefined = whole.lower
  let upper: KeyBound | undefined = whole.upper
  if (node.lower) {
    const key = boundKey(node.lower)
    if (key === null) return undefined
    lower = node.lower.isInclusive
      ? { key, inclusive: true }
      : { key: afterPrefix(key), inclusive: true }
  }
  if (node.upper) {
    const key = boundKey(node.upper)
    if (key === null) return undefined
    upper = node.upper.isInclusive
      ? { key: afterPrefix(key), inclusive: false }
      : { key, inclusive: false }
  }
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) }
}

/** The primary key values of a point get; undefined when one is NULL (nothing matches). */
function pointValues(point: readonly BoundExpr[], context: ExecutionContext): Value[] | undefined {
  const values: Value[] = []
  for (const expr of point) {
    const value = compileExpression(expr)([], context.parameters)
    if (value === null) return undefined
    values.push(value)
  }
  return values
}

/** A point get: the row with the key, read as one visible version (no range, no generator). */
function runPointGet(
  node: PlanNode & { kind: 'IndexScan' },
  point: readonly BoundExpr[],
  context: ExecutionContext,
): Row[] {
  const values = pointValues(point, context)
  const row = values === undefined ? undefined : getRow(context.transaction, node.table, values)
  return row === undefined ? [] : [row]
}

/** The range of a point get's one key, for UPDATE and DELETE (which read keyed rows). */
function pointRange(
  node: PlanNode & { kind: 'IndexScan' },
  point: readonly BoundExpr[],
  context: ExecutionContext,
): KeyRange | undefined {
  const values = pointValues(point, context)
  return values === undefined ? undefined : rowRange(node.table, values)
}

function afterPrefix(key: Uint8Array): Uint8Array {
  const end = prefixEnd(key)
  if (end === undefined) throw new SqlError(SqlState.internalError, 'key has no successor')
  return end
}
