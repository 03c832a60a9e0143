// Index maintenance against a model: random inserts, updates (of indexed and unindexed columns,
// and of the primary key) and deletes through access/, each committed or rolled back, then
// every index scanned in full must equal the model's rows in that index's order (ASC, DESC,
// NULLS FIRST/LAST, an expression key, a partial index), and a unique index must refuse
// exactly the duplicates the model has. Also: a crash after commit loses no entry, and the
// recovered indexes still agree with the rows.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { type Index, plainTable, type Table } from '../catalog/index.js'
import { SqlError } from '../errors/index.js'
import {
  DurableKernel,
  type KernelTransaction,
  MemoryVfs,
  SimulatedVfs,
  type Vfs,
} from '../kernel/index.js'
import { compareValues, type Row, sqlTypes, type Value } from '../types/index.js'
import {
  deleteRow,
  getRow,
  type IndexRowCompiler,
  indexPrefixRange,
  indexWriter,
  insertRow,
  rowKey,
  scanRows,
  updateRow,
} from './index.js'
import { getRowBySuffix } from './table-access.js'

function columnKey(column: number, descending = false, nullsFirst = descending) {
  return { column, expression: undefined, descending, nullsFirst }
}

function index(oid: number, name: string, keys: Index['keys'], extra: Partial<Index> = {}): Index {
  return {
    oid,
    name,
    keys,
    include: [],
    isUnique: false,
    nullsNotDistinct: false,
    predicate: undefined,
    isConstraint: false,
    ...extra,
  }
}

const expressionNode = { A_Const: { ival: { ival: 0 } } }

/** items(id int PK, a int, b text, c int) with five indexes. */
const items: Table = {
  ...plainTable({
    oid: 16400,
    schema: 'public',
    name: 'items',
    columns: [
      { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
      { name: 'a', number: 2, type: sqlTypes.int4, isNotNull: false },
      { name: 'b', number: 3, type: sqlTypes.text, isNotNull: false },
      { name: 'c', number: 4, type: sqlTypes.int4, isNotNull: false },
    ],
    primaryKey: { oid: 16401, name: 'items_pkey', columns: [0] },
  }),
  indexes: [
    index(16402, 'items_a', [columnKey(1)]),
    index(16403, 'items_b_desc_a', [columnKey(2, true, false), columnKey(1, false, true)]),
    index(16404, 'items_c_key', [columnKey(3)], { isUnique: true }),
    // (a * 2) WHERE c IS NOT NULL: the test compiles the expression and predicate below.
    index(
      16405,
      'items_expr_partial',
      [{ column: undefined, expression: { node: expressionNode, text: '(a * 2)' }, ...order() }],
      { predicate: { node: expressionNode, text: '(c IS NOT NULL)' } },
    ),
  ],
}

function order() {
  return { descending: false, nullsFirst: false }
}

/** What the SQL layer would compile for items_expr_partial. */
const compiler: IndexRowCompiler = (_table, definition) => {
  assert.equal(definition.name, 'items_expr_partial')
  return {
    keyTypes: [sqlTypes.int4],
    keyValues: (row) => [row[1] === null ? null : (row[1] as number) * 2],
    holds: (row) => row[3] !== null,
    keyLabels: ['(a * 2)'],
  }
}

const options = {
  nextRowId: (): bigint => assert.fail('items has a primary key'),
  indexRows: compiler,
}

function compareKey(
  x: readonly Value[],
  y: readonly Value[],
  keys: readonly { descending: boolean; nullsFirst: boolean }[],
): number {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as { descending: boolean; nullsFirst: boolean }
    const a = x[i] ?? null
    const b = y[i] ?? null
    if (a === null || b === null) {
      if (a === b) continue
      return (a === null) === key.nullsFirst ? -1 : 1
    }
    const order = compareValues(a, b)
    if (order !== 0) return key.descending ? -order : order
  }
  return 0
}

/** The model's expected index contents: each held row's id, in index order (then row key). */
function expectedOrder(rows: readonly Row[], definition: Index): number[] {
  const functions =
    definition.name === 'items_expr_partial'
      ? compiler(items, definition)
      : {
          keyValues: (row: Row) => definition.keys.map((k) => row[k.column ?? -1] ?? null),
          holds: undefined,
        }
  const held = rows.filter((row) => functions.holds === undefined || functions.holds(row))
  return held
    .map((row) => ({ id: row[0] as number, key: functions.keyValues(row) }))
    .sort((x, y) => compareKey(x.key, y.key, definition.keys) || x.id - y.id)
    .map((entry) => entry.id)
}

function scanIndex(transaction: KernelTransaction, definition: Index): number[] {
  const writer = indexWriter(items, definition, compiler)
  const ids: number[] = []
  for (const entry of transaction.scan(indexPrefixRange(writer, []), 'forward')) {
    const row = getRowBySuffix(transaction, items, entry.value)
    assert.ok(row !== undefined, `entry of ${definition.name} points at a row`)
    ids.push(row[0] as number)
  }
  return ids
}

type Operation =
  | { kind: 'insert'; row: Row }
  | { kind: 'update'; id: number; a: number | null; c: number | null; newId: number | undefined }
  | { kind: 'delete'; id: number }

const smallInt = fc.option(fc.integer({ min: -3, max: 3 }), { nil: null, freq: 4 })
const text = fc.option(fc.constantFrom('p', 'q', 'r'), { nil: null, freq: 4 })
const id = fc.integer({ min: 1, max: 12 })
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    row: fc.tuple(id, smallInt, text, smallInt).map((row): Row => row),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    id,
    a: smallInt,
    c: smallInt,
    newId: fc.option(id, { nil: undefined, freq: 3 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), id }),
)

function open(vfs: Vfs): Promise<DurableKernel> {
  return DurableKernel.open({ vfs, cacheBytes: 1 << 20, checkpointIntervalMs: 0 })
}

async function withKernel(run: (kernel: DurableKernel) => Promise<void>): Promise<void> {
  const kernel = await open(new MemoryVfs())
  try {
    await run(kernel)
  } finally {
    await kernel.close()
  }
}

function begin(kernel: DurableKernel): KernelTransaction {
  const transaction = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
  transaction.beginStatement()
  return transaction
}

/** Applies one operation to the kernel (through access/) and to the model; a uniqueness or
 * constraint error must happen exactly when the model says so. */
function apply(transaction: KernelTransaction, model: Map<number, Row>, op: Operation): void {
  const isDuplicate = (row: Row, except: number | undefined): boolean =>
    [...model.values()].some(
      (other) =>
        other[0] !== except && (other[0] === row[0] || (row[3] !== null && other[3] === row[3])),
    )
  switch (op.kind) {
    case 'insert': {
      const expectsError = isDuplicate(op.row, undefined)
      const error = attempt(transaction, () => insertRow(transaction, items, op.row, options))
      assert.equal(error?.code, expectsError ? '23505' : undefined)
      if (!expectsError) model.set(op.row[0] as number, op.row)
      return
    }
    case 'update': {
      const previous = getRow(transaction, items, [op.id])
      assert.deepEqual(previous ?? undefined, model.get(op.id))
      if (previous === undefined) return
      const next: Row = [op.newId ?? op.id, op.a, previous[2] ?? null, op.c]
      const expectsError = isDuplicate(next, op.id)
      const key = rowKey(items, [op.id])
      const error = attempt(transaction, () =>
        updateRow(transaction, items, key, { previous, row: next }, options),
      )
      assert.equal(error?.code, expectsError ? '23505' : undefined)
      if (!expectsError) {
        model.delete(op.id)
        model.set(next[0] as number, next)
      }
      return
    }
    case 'delete': {
      const row = getRow(transaction, items, [op.id])
      if (row === undefined) return
      deleteRow(transaction, items, rowKey(items, [op.id]), row, options)
      model.delete(op.id)
      return
    }
  }
}

/** Runs `run`; a failed statement is rolled back to its start, as the session does. */
function attempt(transaction: KernelTransaction, run: () => void): SqlError | undefined {
  try {
    run()
    return undefined
  } catch (error: unknown) {
    transaction.rollbackStatement()
    if (error instanceof SqlError) return error
    throw error
  }
}

function checkIndexes(transaction: KernelTransaction, model: Map<number, Row>): void {
  const rows = [...model.values()]
  for (const definition of items.indexes) {
    const expected = expectedOrder(rows, definition)
    assert.deepEqual(scanIndex(transaction, definition), expected, definition.name)
  }
  const stored = [...scanRows(transaction, items)].map((row) => row[0])
  assert.deepEqual(
    stored,
    [...model.keys()].sort((x, y) => x - y),
  )
}

test('every index equals the model after random writes, commits and rollbacks', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ ops: fc.array(operation, { maxLength: 6 }), commit: fc.boolean() }), {
        maxLength: 12,
      }),
      async (transactions) => {
        await withKernel(async (kernel) => {
          let model = new Map<number, Row>()
          for (const { ops, commit } of transactions) {
            const transaction = begin(kernel)
            const working = new Map(model)
            for (const op of ops) {
              transaction.beginStatement()
              apply(transaction, working, op)
            }
            transaction.beginStatement()
            checkIndexes(transaction, working)
            if (commit) {
              await transaction.commit()
              model = working
            } else {
              transaction.rollback()
            }
            const reader = begin(kernel)
            checkIndexes(reader, model)
            reader.rollback()
          }
        })
      },
    ),
    { numRuns: 60 },
  )
})

/** One operation as its own statement. */
function step(transaction: KernelTransaction, model: Map<number, Row>, op: Operation): void {
  transaction.beginStatement()
  apply(transaction, model, op)
}

test('index entries survive a crash with their rows: recovery leaves every index consistent', async () => {
  const vfs = new SimulatedVfs({ seed: 5 })
  const kernel = await open(vfs)
  const model = new Map<number, Row>()
  const committed = begin(kernel)
  for (let i = 1; i <= 40; i++) {
    step(committed, model, { kind: 'insert', row: [i, i % 7, i % 2 === 0 ? 'p' : null, i] })
  }
  step(committed, model, { kind: 'update', id: 3, a: 100, c: 300, newId: 41 })
  step(committed, model, { kind: 'delete', id: 5 })
  await committed.commit()
  // A transaction cut off by the crash: its rows and entries must vanish together.
  const cutOff = begin(kernel)
  const lost = new Map(model)
  for (let i = 50; i < 60; i++) step(cutOff, lost, { kind: 'insert', row: [i, 1, 'q', i] })
  step(cutOff, lost, { kind: 'delete', id: 7 })
  vfs.crash()
  const reopened = await open(vfs)
  try {
    const reader = begin(reopened)
    checkIndexes(reader, model)
    reader.rollback()
    const writer = begin(reopened)
    const error = attempt(writer, () => insertRow(writer, items, [60, 0, null, 40], options))
    assert.equal(error?.code, '23505', 'the recovered unique index still refuses a duplicate')
    writer.rollback()
  } finally {
    await reopened.close()
  }
})
