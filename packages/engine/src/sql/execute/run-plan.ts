/**
 * The executor: a plan (bind/relation.ts) is compiled once per execution into a tree of
 * closures, each returning an iterable of rows; expressions inside are compiled with the layout
 * of the rows they see. Pull-based: a LIMIT stops its input early. Operators that must see all
 * their input (sort, hash aggregate, hash join's build side, set operations) hold it in memory,
 * counted against `resultRowsMax`. Loops that can run long call the statement's
 * `interrupt.tick()` (statement-interrupt.ts: statement_timeout and cancel): per row in filters
 * and projections (which most scans feed), per pair in joins, per row in aggregate, sort and
 * recursion inputs, and in the sort's comparisons.
 */
import {
  getRow,
  keyColumnOf,
  rowKey,
  rowRange,
  scanRows,
  tablePrefix,
  tableRange,
} from '../../access/index.js'
import { systemRows } from '../../catalog/system/index.js'
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import type { KeyBound, KeyRange } from '../../kernel/index.js'
import { assertNever } from '../../lib/assert.js'
import { encodeKey, prefixEnd } from '../../lib/keycode.js'
import { operatorRowsMax, recursiveRowsMax } from '../../limits.js'
import type { Row, Value } from '../../types/index.js'
import type { BoundExpr, BoundSortKey, Rel, ScanBound } from '../bind/index.js'
import { columnTypesOf, outputColumns } from '../bind/index.js'
import type { CallContext } from '../functions/index.js'
import {
  type CompiledExpression,
  type CompileScope,
  compileExpression,
  type Layout,
  layoutOf,
  type OuterFrame,
} from './compile-expression.js'
import { type ExecutionContext, systemSourceOf } from './execution-context.js'
import {
  type HashKey,
  hashRow,
  integerKey,
  isIntegerType,
  joinKeyer,
  nullKey,
} from './hash-keys.js'
import { compileIndexScan } from './index-scan.js'
import type { PlanCounters } from './plan-counters.js'
import { runFunctionScan, runProjectSet } from './run-set-functions.js'
import { compileWindow } from './run-window.js'
import { entryComparator, type SortEntry, sortKeyOrder, topEntries } from './sort-rows.js'

type Runner = () => Iterable<Row>

/** How many first rows of a sort are wanted (undefined: all). */
interface SortBound {
  rows: number | undefined
}

/** Runs a plan: compiles it, then iterates its rows. */
export function runPlan(
  plan: Rel,
  context: ExecutionContext,
  counters?: PlanCounters,
): Iterable<Row> {
  return compilePlan(plan, context, [], counters).run()
}

/** `counters`: EXPLAIN ANALYZE's, counting every node's rows and loops. */
export function compilePlan(
  plan: Rel,
  execution: ExecutionContext,
  outer: readonly OuterFrame[],
  counters?: PlanCounters,
): { run: Runner; layout: Layout } {
  const compiler = new PlanCompiler(execution, outer, counters)
  return { run: compiler.compile(plan), layout: layoutOf(outputColumns(plan)) }
}

class PlanCompiler {
  readonly #execution: ExecutionContext
  readonly #outer: readonly OuterFrame[]
  readonly #counters: PlanCounters | undefined
  /** Sorts under a LIMIT, with the number of rows the LIMIT will take (set when it runs). */
  readonly #sortBounds = new Map<Rel, SortBound>()

  constructor(
    execution: ExecutionContext,
    outer: readonly OuterFrame[],
    counters: PlanCounters | undefined,
  ) {
    this.#execution = execution
    this.#outer = outer
    this.#counters = counters
  }

  /** A compile scope for expressions over rows of `columns`, with extra enclosing frames. */
  #scope(layout: Layout, extraOuter: readonly OuterFrame[] = []): CompileScope {
    return {
      execution: this.#execution,
      layout,
      outer: [...this.#outer, ...extraOuter],
      compileSubplan: (plan, outer) => compilePlan(plan, this.#execution, outer, this.#counters),
    }
  }

  #expressions(input: Rel, exprs: readonly BoundExpr[]): CompiledExpression[] {
    const scope = this.#scope(layoutOf(outputColumns(input)))
    return exprs.map((expr) => compileExpression(scope, expr))
  }

  compile(node: Rel): Runner {
    const runner = this.#compileNode(node)
    return this.#counters === undefined ? runner : this.#counters.instrument(node, runner)
  }

  #compileNode(node: Rel): Runner {
    switch (node.kind) {
      case 'Result':
        return () => [[]]
      case 'Values': {
        const scope = this.#scope(new Map())
        const rows = node.rows.map((row) => row.map((expr) => compileExpression(scope, expr)))
        return () => rows.map((row) => row.map((value) => value([])))
      }
      case 'SeqScan': {
        const execution = this.#execution
        return () => scanRows(execution.transaction, node.table)
      }
      case 'SystemScan': {
        const execution = this.#execution
        return () => systemRows(node.relation, systemSourceOf(execution))
      }
      case 'IndexScan':
        return this.#indexScan(node)
      case 'Filter': {
        const input = this.compile(node.input)
        const [test] = this.#expressions(node.input, [node.predicate])
        if (test === undefined) throw new InternalError('filter without predicate')
        const interrupt = this.#execution.interrupt
        return function* () {
          for (const row of input()) {
            interrupt.tick()
            if (test(row) === true) yield row
          }
        }
      }
      case 'Project': {
        const input = this.compile(node.input)
        const targets = this.#expressions(
          node.input,
          node.targets.map((target) => target.expr),
        )
        const interrupt = this.#execution.interrupt
        return function* () {
          for (const row of input()) {
            interrupt.tick()
            yield targets.map((target) => target(row))
          }
        }
      }
      case 'Join':
        return this.#nestedLoop(node)
      case 'HashJoin':
        return this.#hashJoin(node)
      case 'Aggregate':
        return this.#aggregate(node)
      case 'Sort':
        return this.#sort(node.input, node.keys, this.#sortBounds.get(node))
      case 'Window':
        return compileWindow(
          node,
          this.compile(node.input),
          this.#scope(layoutOf(outputColumns(node.input))),
        )
      case 'Limit':
        return this.#limit(node)
      case 'Distinct':
        return this.#distinct(node)
      case 'SetOp':
        return this.#setOp(node)
      case 'SubqueryScan':
        return this.compile(node.input)
      case 'RecursiveUnion':
        return this.#recursiveUnion(node)
      case 'WorkTableScan': {
        const workTables = this.#execution.workTables
        return () => workTables.get(node.workTable) ?? []
      }
      case 'LockRows':
        return this.#lockRows(node)
      case 'FunctionScan':
        return runFunctionScan(node, this.#scope(new Map()))
      case 'ProjectSet':
        return runProjectSet(
          node,
          this.compile(node.input),
          this.#scope(layoutOf(outputColumns(node.input))),
        )
      default:
        return assertNever(node, 'plan node')
    }
  }

  #indexScan(node: Rel & { kind: 'IndexScan' }): Runner {
    const execution = this.#execution
    const scope = this.#scope(new Map())
    if (node.index !== undefined) {
      const scan = compileIndexScan(scope, node.table, node.index, node.isBackward)
      if (node.index.isIndexOnly === true) {
        // Nothing reads these rows (rule index-only-scan): one row of NULLs stands for each.
        const unread = nulls(node.columns.length)
        return function* () {
          for (const _ of scan.entries()) yield unread
        }
      }
      return function* () {
        for (const entry of scan()) yield entry.row
      }
    }
    if (node.point !== undefined) {
      const values = node.point.map((value) => compileExpression(scope, value))
      const table = node.table
      return () => {
        const key = values.map((value) => value([]))
        if (key.includes(null)) return []
        const row = getRow(execution.transaction, table, key)
        return row === undefined ? [] : [row]
      }
    }
    const lower = node.lower === undefined ? undefined : compileExpression(scope, node.lower.expr)
    const upper = node.upper === undefined ? undefined : compileExpression(scope, node.upper.expr)
    return () => {
      const range = indexRange(node, lower, upper)
      if (range === undefined) return []
      return scanRows(
        execution.transaction,
        node.table,
        range,
        node.isBackward ? 'backward' : 'forward',
      )
    }
  }

  #nestedLoop(node: Rel & { kind: 'Join' }): Runner {
    const leftLayout = layoutOf(outputColumns(node.left))
    const left = this.compile(node.left)
    const frames = this.#execution.frames
    let right: Runner
    let slot = -1
    if (node.isLateral) {
      slot = frames.length
      frames.push(undefined)
      const frame: OuterFrame = { layout: leftLayout, slot, isRead: false }
      right = new PlanCompiler(this.#execution, [...this.#outer, frame], this.#counters).compile(
        node.right,
      )
    } else {
      right = this.compile(node.right)
    }
    const joined = layoutOf([...outputColumns(node.left), ...outputColumns(node.right)])
    const condition =
      node.condition === undefined
        ? undefined
        : compileExpression(this.#scope(joined), node.condition)
    const rightWidth = outputColumns(node.right).length
    const leftWidth = outputColumns(node.left).length
    const joinType = node.joinType
    const isLateral = node.isLateral
    const interrupt = this.#execution.interrupt
    return function* () {
      const cached = isLateral ? undefined : materialize(right())
      const matchedRight =
        joinType === 'right' || joinType === 'full' ? new Set<number>() : undefined
      for (const leftRow of left()) {
        interrupt.tick()
        let isMatched = false
        let rightRows: Iterable<Row>
        if (cached !== undefined) rightRows = cached
        else {
          // Pulled lazily: the slot keeps this left row until its right rows are done, and a
          // LIMIT above stops a long (lateral generate_series) right side early.
          frames[slot] = leftRow
          rightRows = right()
        }
        let index = -1
        for (const rightRow of rightRows) {
          interrupt.tick()
          index++
          const row = leftRow.concat(rightRow)
          if (condition !== undefined && condition(row) !== true) continue
          isMatched = true
          matchedRight?.add(index)
          if (joinType === 'semi' || joinType === 'anti') break
          yield row
        }
        if (joinType === 'semi' && isMatched) yield leftRow
        else if (joinType === 'anti' && !isMatched) yield leftRow
        else if (!isMatched && (joinType === 'left' || joinType === 'full')) {
          yield leftRow.concat(nulls(rightWidth))
        }
      }
      if (matchedRight !== undefined && cached !== undefined) {
        for (let i = 0; i < cached.length; i++) {
          if (!matchedRight.has(i)) yield nulls(leftWidth).concat(cached[i] as Row)
        }
      }
    }
  }

  #hashJoin(node: Rel & { kind: 'HashJoin' }): Runner {
    const left = this.compile(node.left)
    const right = this.compile(node.right)
    const leftKeys = this.#expressions(node.left, node.leftKeys)
    const rightKeys = this.#expressions(node.right, node.rightKeys)
    // Keys of both sides hash alike: the general key follows the left side's types.
    const keyTypes = node.leftKeys.map((key) => key.type)
    const isSingleInteger =
      node.leftKeys.length === 1 &&
      isIntegerType(node.leftKeys[0]?.type) &&
      isIntegerType(node.rightKeys[0]?.type)
    const leftKeyOf = joinKeyer(leftKeys, keyTypes, isSingleInteger)
    const rightKeyOf = joinKeyer(rightKeys, keyTypes, isSingleInteger)
    const joined = layoutOf([...outputColumns(node.left), ...outputColumns(node.right)])
    const condition =
      node.condition === undefined
        ? undefined
        : compileExpression(this.#scope(joined), node.condition)
    const leftWidth = outputColumns(node.left).length
    const rightWidth = outputColumns(node.right).length
    const joinType = node.joinType
    const interrupt = this.#execution.interrupt
    return function* () {
      const table = new Map<HashKey, { row: Row; index: number }[]>()
      const rightRows: Row[] = []
      for (const row of right()) {
        interrupt.tick()
        const index = rightRows.length
        rightRows.push(row)
        checkRows(rightRows.length)
        const key = rightKeyOf(row)
        if (key === undefined) continue
        const bucket = table.get(key)
        if (bucket === undefined) table.set(key, [{ row, index }])
        else bucket.push({ row, index })
      }
      const matchedRight =
        joinType === 'right' || joinType === 'full' ? new Set<number>() : undefined
      for (const leftRow of left()) {
        interrupt.tick()
        const key = leftKeyOf(leftRow)
        let isMatched = false
        for (const entry of key === undefined ? [] : (table.get(key) ?? [])) {
          interrupt.tick()
          const row = leftRow.concat(entry.row)
          if (condition !== undefined && condition(row) !== true) continue
          isMatched = true
          matchedRight?.add(entry.index)
          if (joinType === 'semi' || joinType === 'anti') break
          yield row
        }
        if (joinType === 'semi' && isMatched) yield leftRow
        else if (joinType === 'anti' && !isMatched) yield leftRow
        else if (!isMatched && (joinType === 'left' || joinType === 'full')) {
          yield leftRow.concat(nulls(rightWidth))
        }
      }
      if (matchedRight !== undefined) {
        for (let i = 0; i < rightRows.length; i++) {
          if (!matchedRight.has(i)) yield nulls(leftWidth).concat(rightRows[i] as Row)
        }
      }
    }
  }

  #aggregate(node: Rel & { kind: 'Aggregate' }): Runner {
    const input = this.compile(node.input)
    const layout = layoutOf(outputColumns(node.input))
    const scope = this.#scope(layout)
    const keys = node.groupKeys.map((key) => compileExpression(scope, key.expr))
    const keyTypes = node.groupKeys.map((key) => key.expr.type)
    const environment = this.#execution.environment
    const aggregates = node.aggregates.map(({ call }) => ({
      declaration: call.aggregate,
      args: call.args.map((arg) => compileExpression(scope, arg)),
      argTypes: call.args.map((arg) => arg.type),
      filter: call.filter === undefined ? undefined : compileExpression(scope, call.filter),
      isDistinct: call.isDistinct,
      orderBy: call.orderBy.map((key) => ({
        order: sortKeyOrder(key),
        value: compileExpression(scope, key.expr),
      })),
      context: {
        ...environment,
        argTypes: call.args.map((arg) => arg.type),
        resultType: call.type,
      } satisfies CallContext,
    }))
    const isGrouped = node.isGrouped
    const interrupt = this.#execution.interrupt
    // One integer group key: the value itself is the Map key (hash-keys.ts).
    const [onlyKey] = keys
    const integerGroupKey = keys.length === 1 && isIntegerType(keyTypes[0]) ? onlyKey : undefined
    // Arguments are evaluated into one array per aggregate, reused from row to row (steps read
    // them and keep none), except where they are kept: agg(... ORDER BY ...).
    return function* () {
      const argBuffers = aggregates.map((aggregate) => new Array<Value>(aggregate.args.length))
      interface Group {
        readonly keys: Row
        readonly states: unknown[]
        readonly seen: (Set<string> | undefined)[]
        /** agg(... ORDER BY ...): the argument rows with their sort keys, fed in order at the end. */
        readonly ordered: ({ args: Value[]; keys: Value[] }[] | undefined)[]
      }
      const groups = new Map<HashKey, Group>()
      const newGroup = (values: Row): Group => ({
        keys: values,
        states: aggregates.map((aggregate) => aggregate.declaration.initial()),
        seen: aggregates.map((aggregate) => (aggregate.isDistinct ? new Set<string>() : undefined)),
        ordered: aggregates.map((aggregate) => (aggregate.orderBy.length > 0 ? [] : undefined)),
      })
      for (const row of input()) {
        interrupt.tick()
        let values: Row | undefined
        let single: Value = null
        let groupKey: HashKey
        if (integerGroupKey !== undefined) {
          single = integerGroupKey(row)
          groupKey = single === null ? nullKey : integerKey(single)
        } else {
          values = keys.map((key) => key(row))
          groupKey = hashRow(values, keyTypes)
        }
        let group = groups.get(groupKey)
        if (group === undefined) {
          group = newGroup(values ?? [single])
          groups.set(groupKey, group)
          checkRows(groups.size)
        }
        for (let i = 0; i < aggregates.length; i++) {
          const aggregate = aggregates[i] as (typeof aggregates)[number]
          if (aggregate.filter !== undefined && aggregate.filter(row) !== true) continue
          const args = aggregate.orderBy.length > 0 ? [] : (argBuffers[i] as Value[])
          let hasNull = false
          for (let a = 0; a < aggregate.args.length; a++) {
            const value = (aggregate.args[a] as CompiledExpression)(row)
            args[a] = value
            if (value === null) hasNull = true
          }
          if (hasNull && aggregate.declaration.isStrict) continue
          const seen = group.seen[i]
          if (seen !== undefined) {
            const key = hashRow(args, aggregate.argTypes)
            if (seen.has(key)) continue
            seen.add(key)
          }
          const ordered = group.ordered[i]
          if (ordered !== undefined) {
            ordered.push({ args, keys: aggregate.orderBy.map(({ value }) => value(row)) })
            checkRows(ordered.length)
            continue
          }
          group.states[i] = aggregate.declaration.step(group.states[i], args, aggregate.context)
        }
      }
      for (const group of groups.values()) {
        for (let i = 0; i < aggregates.length; i++) {
          const ordered = group.ordered[i]
          if (ordered === undefined) continue
          const aggregate = aggregates[i] as (typeof aggregates)[number]
          ordered.sort((a, b) => {
            for (let k = 0; k < aggregate.orderBy.length; k++) {
              const { order: compare } = aggregate.orderBy[k] as (typeof aggregate.orderBy)[number]
              const order = compare(a.keys[k] ?? null, b.keys[k] ?? null)
              if (order !== 0) return order
            }
            return 0
          })
          for (const entry of ordered) {
            group.states[i] = aggregate.declaration.step(
              group.states[i],
              entry.args,
              aggregate.context,
            )
          }
        }
      }
      if (groups.size === 0 && !isGrouped) groups.set(nullKey, newGroup([]))
      for (const group of groups.values()) {
        yield [
          ...group.keys,
          ...aggregates.map((aggregate, i) =>
            aggregate.declaration.final(group.states[i], aggregate.context),
          ),
        ]
      }
    }
  }

  /**
   * ORDER BY. `bound`, set by a LIMIT right above before it pulls rows: only that many first rows
   * are wanted, so a bounded top-k replaces the full sort.
   */
  #sort(inputNode: Rel, keys: readonly BoundSortKey[], bound?: SortBound): Runner {
    const input = this.compile(inputNode)
    const values = this.#expressions(
      inputNode,
      keys.map((key) => key.expr),
    )
    const keysOf = (row: Row): Value[] => values.map((value) => value(row))
    const compare = entryComparator(keys)
    const interrupt = this.#execution.interrupt
    return () => {
      const rowsWanted = bound?.rows
      if (rowsWanted !== undefined) {
        return topEntries(input(), rowsWanted, keysOf, compare, interrupt).map((entry) => entry.row)
      }
      const entries: SortEntry[] = []
      for (const row of input()) {
        interrupt.tick()
        entries.push({ row, keys: keysOf(row), position: entries.length })
        checkRows(entries.length)
      }
      entries.sort((a, b) => {
        interrupt.tick()
        return compare(a, b)
      })
      return entries.map((entry) => entry.row)
    }
  }

  #limit(node: Rel & { kind: 'Limit' }): Runner {
    // A sort below (through one-row-per-row nodes) needs only the first OFFSET + LIMIT rows.
    const sortBound: SortBound = { rows: undefined }
    const sort = sortUnder(node.input)
    if (sort !== undefined) this.#sortBounds.set(sort, sortBound)
    const input = this.compile(node.input)
    // A plan node reached twice (a WITH query read in two places) is bounded only here.
    if (sort !== undefined) this.#sortBounds.delete(sort)
    const scope = this.#scope(new Map())
    const count = node.count === undefined ? undefined : compileExpression(scope, node.count)
    const offset = node.offset === undefined ? undefined : compileExpression(scope, node.offset)
    return function* () {
      const limit = evaluateLimit(count, 'LIMIT')
      const skip = evaluateLimit(offset, 'OFFSET') ?? 0n
      sortBound.rows =
        limit !== undefined && limit + skip <= BigInt(operatorRowsMax)
          ? Number(limit + skip)
          : undefined
      if (limit === 0n) return
      let skipped = 0n
      let emitted = 0n
      for (const row of input()) {
        if (skipped < skip) {
          skipped++
          continue
        }
        yield row
        emitted++
        if (limit !== undefined && emitted >= limit) return
      }
    }
  }

  #distinct(node: Rel & { kind: 'Distinct' }): Runner {
    const input = this.compile(node.input)
    const types = columnTypesOf(node.input)
    if (node.on === undefined) {
      return function* () {
        const seen = new Set<string>()
        for (const row of input()) {
          const key = hashRow(row, types)
          if (seen.has(key)) continue
          seen.add(key)
          checkRows(seen.size)
          yield row
        }
      }
    }
    const on = this.#expressions(node.input, node.on)
    const onTypes = node.on.map((expr) => expr.type)
    return function* () {
      let previous: string | undefined
      for (const row of input()) {
        const key = hashRow(
          on.map((value) => value(row)),
          onTypes,
        )
        if (key === previous) continue
        previous = key
        yield row
      }
    }
  }

  #setOp(node: Rel & { kind: 'SetOp' }): Runner {
    const left = this.compile(node.left)
    const right = this.compile(node.right)
    const types = columnTypesOf(node.left)
    const { op, isAll } = node
    return function* () {
      if (op === 'union') {
        if (isAll) {
          yield* left()
          yield* right()
          return
        }
        const seen = new Set<string>()
        for (const source of [left, right]) {
          for (const row of source()) {
            const key = hashRow(row, types)
            if (seen.has(key)) continue
            seen.add(key)
            checkRows(seen.size)
            yield row
          }
        }
        return
      }
      // INTERSECT / EXCEPT: count the right side's rows, then pass left rows through.
      const counts = new Map<string, number>()
      for (const row of right()) {
        const key = hashRow(row, types)
        counts.set(key, (counts.get(key) ?? 0) + 1)
        checkRows(counts.size)
      }
      const emitted = new Set<string>()
      for (const row of left()) {
        const key = hashRow(row, types)
        const count = counts.get(key) ?? 0
        if (op === 'intersect') {
          if (count === 0) continue
          if (isAll) counts.set(key, count - 1)
          else if (emitted.has(key)) continue
        } else {
          if (isAll) {
            if (count > 0) {
              counts.set(key, count - 1)
              continue
            }
          } else if (count > 0 || emitted.has(key)) continue
        }
        emitted.add(key)
        yield row
      }
    }
  }

  #recursiveUnion(node: Rel & { kind: 'RecursiveUnion' }): Runner {
    const base = this.compile(node.base)
    const recursive = this.compile(node.recursive)
    const workTables = this.#execution.workTables
    const types = columnTypesOf(node.base)
    const { workTable, isAll } = node
    const interrupt = this.#execution.interrupt
    return function* () {
      const seen = new Set<string>()
      let total = 0
      const admit = (row: Row): boolean => {
        if (isAll) return true
        const key = hashRow(row, types)
        if (seen.has(key)) return false
        seen.add(key)
        return true
      }
      let working: Row[] = []
      for (const row of base()) {
        if (!admit(row)) continue
        working.push(row)
        yield row
      }
      while (working.length > 0) {
        workTables.set(workTable, working)
        const next: Row[] = []
        for (const row of recursive()) {
          interrupt.tick()
          if (!admit(row)) continue
          next.push(row)
          total++
          if (total > recursiveRowsMax) {
            throw new SqlError(
              SqlState.programLimitExceeded,
              `recursive query produced more than ${recursiveRowsMax} rows`,
              { hint: 'Check the recursive term for a missing stop condition.' },
            )
          }
          yield row
        }
        working = next
      }
      workTables.delete(workTable)
    }
  }

  /** SELECT ... FOR UPDATE / FOR SHARE: lock each row on its way up; skipped rows (SKIP LOCKED,
   * or deleted since the snapshot) are not returned. */
  #lockRows(node: Rel & { kind: 'LockRows' }): Runner {
    const input = this.compile(node.input)
    const layout = layoutOf(outputColumns(node.input))
    const { table, lock } = node
    const keyPositions = (table.primaryKey?.columns ?? []).map((index) => {
      const position = layout.get(node.tableColumns[index] ?? -1)
      if (position === undefined) throw new InternalError('locked row lacks its key column')
      return position
    })
    const transaction = this.#execution.transaction
    const interrupt = this.#execution.interrupt
    return function* () {
      for (const row of input()) {
        interrupt.tick()
        const key = rowKey(
          table,
          keyPositions.map((position) => row[position] ?? null),
        )
        let isLocked: boolean
        try {
          isLocked = transaction.lock(key, lock.mode, lock.policy)
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
  }
}

/** The Sort whose rows reach `node` one for one, in order (through projections), if any. */
function sortUnder(node: Rel): Rel | undefined {
  let current = node
  for (;;) {
    if (current.kind === 'Sort') return current
    if (current.kind !== 'Project' && current.kind !== 'SubqueryScan') return undefined
    current = current.input
  }
}

function materialize(rows: Iterable<Row>): Row[] {
  const out: Row[] = []
  for (const row of rows) {
    out.push(row)
    checkRows(out.length)
  }
  return out
}

function nulls(count: number): Value[] {
  return new Array<Value>(count).fill(null)
}

/** Operators holding rows in memory stop at the limit with 54000 rather than exhaust memory. */
export function checkRows(count: number): void {
  if (count > operatorRowsMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `a query step holds more than ${operatorRowsMax} rows in memory`,
      { hint: 'Add a WHERE clause or a LIMIT, or raise limits.operatorRowsMax.' },
    )
  }
}

function evaluateLimit(
  value: CompiledExpression | undefined,
  clause: 'LIMIT' | 'OFFSET',
): bigint | undefined {
  if (value === undefined) return undefined
  const result = value([])
  if (result === null) return undefined
  const amount = BigInt(result as number | bigint)
  if (amount < 0n) {
    const code =
      clause === 'LIMIT'
        ? SqlState.invalidRowCountInLimitClause
        : SqlState.invalidRowCountInResultOffsetClause
    throw new SqlError(code, `${clause} must not be negative`)
  }
  return amount
}

/** A compile scope at the top of a statement: rows carrying `columns`, no enclosing rows. */
export function statementScope(
  context: ExecutionContext,
  columns: readonly number[],
): CompileScope {
  return {
    execution: context,
    layout: layoutOf(columns),
    outer: [],
    compileSubplan: (plan, outer) => compilePlan(plan, context, outer),
  }
}

/** The key range a scan node reads (undefined: nothing can match). */
export function scanRange(
  node: Rel & { kind: 'SeqScan' | 'IndexScan' },
  context: ExecutionContext,
): KeyRange | undefined {
  if (node.kind === 'SeqScan') return tableRange(node.table)
  const scope = statementScope(context, [])
  if (node.point !== undefined) {
    // UPDATE / DELETE through a point get read exactly that key's range.
    const key = node.point.map((value) => compileExpression(scope, value)([]))
    return key.includes(null) ? undefined : rowRange(node.table, key)
  }
  const lower = node.lower === undefined ? undefined : compileExpression(scope, node.lower.expr)
  const upper = node.upper === undefined ? undefined : compileExpression(scope, node.upper.expr)
  return indexRange(node, lower, upper)
}

/**
 * Key range of an index scan. Bounds are on the first key column, so each is a key prefix:
 * `>= v` starts at prefix(v), `> v` after every key with that prefix, and symmetrically for the
 * upper side. A NULL bound matches nothing (comparisons with NULL are never true).
 */
function indexRange(
  node: Rel & { kind: 'IndexScan' },
  lowerValue: CompiledExpression | undefined,
  upperValue: CompiledExpression | undefined,
): KeyRange | undefined {
  const whole = tableRange(node.table)
  const keyColumn = node.table.columns[node.table.primaryKey?.columns[0] ?? 0]
  if (keyColumn === undefined) return whole
  const column = keyColumnOf(keyColumn.type, { descending: false, nullsFirst: false })
  const prefix = tablePrefix(node.table)
  const boundKey = (value: Value): Uint8Array | null => {
    if (value === null) return null
    const encoded = encodeKey([value], [column])
    const key = new Uint8Array(prefix.length + encoded.length)
    key.set(prefix)
    key.set(encoded, prefix.length)
    return key
  }
  let lower: KeyBound | undefined = whole.lower
  let upper: KeyBound | undefined = whole.upper
  if (node.lower !== undefined && lowerValue !== undefined) {
    const key = boundKey(lowerValue([]))
    if (key === null) return undefined
    lower = node.lower.isInclusive
      ? { key, inclusive: true }
      : { key: afterPrefix(key), inclusive: true }
  }
  if (node.upper !== undefined && upperValue !== undefined) {
    const key = boundKey(upperValue([]))
    if (key === null) return undefined
    upper = node.upper.isInclusive
      ? { key: afterPrefix(key), inclusive: false }
      : { key, inclusive: false }
  }
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) }
}

function afterPrefix(key: Uint8Array): Uint8Array {
  const end = prefixEnd(key)
  if (end === undefined) throw new SqlError(SqlState.internalError, 'key has no successor')
  return end
}

export type { ScanBound }
