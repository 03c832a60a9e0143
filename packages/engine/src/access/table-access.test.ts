// Table access through a real DurableKernel over MemoryVfs: constraint errors worded as
// PostgreSQL 15 words them, row keys ordered as the primary key (examples and a fast-check
// property), hidden row ids, updates that keep or move a key, range scans in both directions.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { plainTable, type Table } from '../catalog/index.js'
import { InternalError, SqlError } from '../errors/index.js'
import { DurableKernel, type KernelTransaction, type KeyRange, MemoryVfs } from '../kernel/index.js'
import { compareBytes } from '../lib/keycode.js'
import { compareValues, sqlTypes, type Value } from '../types/index.js'
import {
  deleteAllRows,
  getRow,
  insertRow,
  lastRowId,
  rowKey,
  rowRange,
  scanKeyedRows,
  scanRows,
  tablePrefix,
  tableRange,
  updateRow,
} from './index.js'

const accounts: Table = plainTable({
  oid: 16384,
  schema: 'public',
  name: 'accounts',
  columns: [
    { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'label', number: 2, type: sqlTypes.text, isNotNull: false },
    { name: 'balance', number: 3, type: sqlTypes.int8, isNotNull: true },
    { name: 'active', number: 4, type: sqlTypes.bool, isNotNull: false },
  ],
  primaryKey: { oid: 16385, name: 'accounts_pkey', columns: [0] },
})

/** Primary key (b, a): key order differs from column order. */
const pairs: Table = plainTable({
  oid: 16386,
  schema: 'public',
  name: 'pairs',
  columns: [
    { name: 'a', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'b', number: 2, type: sqlTypes.text, isNotNull: true },
    { name: 'note', number: 3, type: sqlTypes.text, isNotNull: false },
  ],
  primaryKey: { oid: 16387, name: 'pairs_pkey', columns: [1, 0] },
})

const events: Table = plainTable({
  oid: 16388,
  schema: 'public',
  name: 'events',
  columns: [
    { name: 'note', number: 1, type: sqlTypes.text, isNotNull: false },
    { name: 'level', number: 2, type: sqlTypes.int2, isNotNull: true },
  ],
  primaryKey: undefined,
})

const noRowIds = {
  nextRowId: (): bigint => assert.fail('tables with a primary key need no row id'),
}

function rowIdsFrom(start: bigint): { nextRowId: () => bigint } {
  let next = start
  return { nextRowId: () => next++ }
}

async function withKernel(run: (kernel: DurableKernel) => Promise<void>): Promise<void> {
  const kernel = await DurableKernel.open({
    vfs: new MemoryVfs(),
    cacheBytes: 1 << 20,
    checkpointIntervalMs: 0,
  })
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

/** Runs `write` in its own committed transaction (one statement). */
async function commitWith(
  kernel: DurableKernel,
  write: (transaction: KernelTransaction) => void,
): Promise<void> {
  const transaction = begin(kernel)
  write(transaction)
  await transaction.commit()
}

function readAll(kernel: DurableKernel, table: Table, range?: KeyRange): Value[][] {
  const transaction = begin(kernel)
  const rows = [...scanRows(transaction, table, range)]
  transaction.rollback()
  return rows
}

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

test('inserted rows read back in primary key order', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => {
      insertRow(tx, accounts, [3, 'c', 30n, true], noRowIds)
      insertRow(tx, accounts, [-1, null, 0n, null], noRowIds)
      insertRow(tx, accounts, [2, 'b', -9223372036854775808n, false], noRowIds)
    })
    assert.deepEqual(readAll(kernel, accounts), [
      [-1, null, 0n, null],
      [2, 'b', -9223372036854775808n, false],
      [3, 'c', 30n, true],
    ])
  })
})

test('NOT NULL: 23502 with the column, relation and the failing row as PostgreSQL shows it', async () => {
  await withKernel(async (kernel) => {
    const tx = begin(kernel)
    const error = catchSqlError(() => insertRow(tx, accounts, [1, 'it', null, true], noRowIds))
    assert.equal(error.code, '23502')
    assert.equal(
      error.message,
      'null value in column "balance" of relation "accounts" violates not-null constraint',
    )
    assert.equal(error.detail, 'Failing row contains (1, it, null, t).')
    assert.equal(error.schema, 'public')
    assert.equal(error.table, 'accounts')
    assert.equal(error.column, 'balance')
    const first = catchSqlError(() => insertRow(tx, accounts, [null, null, null, null], noRowIds))
    assert.equal(first.column, 'id', 'the first violated column is reported')
    assert.equal(first.detail, 'Failing row contains (null, null, null, null).')
    const hidden = catchSqlError(() => insertRow(tx, events, ['x', null], { nextRowId: () => 1n }))
    assert.equal(
      hidden.message,
      'null value in column "level" of relation "events" violates not-null constraint',
    )
    assert.equal(hidden.detail, 'Failing row contains (x, null).')
    tx.rollback()
    assert.deepEqual(readAll(kernel, accounts), [])
  })
  // PostgreSQL clips each value in this detail to 64 bytes followed by "..."; the engine shows
  // values whole (reported to the lead; not asserted here).
})

test('duplicate primary key: 23505 naming the constraint, with the key in the detail', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => insertRow(tx, accounts, [7, 'a', 1n, true], noRowIds))
    const tx = begin(kernel)
    const error = catchSqlError(() => insertRow(tx, accounts, [7, 'b', 2n, false], noRowIds))
    assert.equal(error.code, '23505')
    assert.equal(error.message, 'duplicate key value violates unique constraint "accounts_pkey"')
    assert.equal(error.detail, 'Key (id)=(7) already exists.')
    assert.equal(error.constraint, 'accounts_pkey')
    assert.equal(error.table, 'accounts')
    assert.equal(error.schema, 'public')
    tx.rollback()
    assert.deepEqual(readAll(kernel, accounts), [[7, 'a', 1n, true]], 'the first row stays')
  })
})

test('duplicate composite key: the detail lists key columns in key order', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => insertRow(tx, pairs, [1, 'x', null], noRowIds))
    const tx = begin(kernel)
    // Same a, other b: a different key.
    insertRow(tx, pairs, [1, 'y', null], noRowIds)
    const error = catchSqlError(() => insertRow(tx, pairs, [1, 'x', 'again'], noRowIds))
    assert.equal(error.message, 'duplicate key value violates unique constraint "pairs_pkey"')
    assert.equal(error.detail, 'Key (b, a)=(x, 1) already exists.')
    tx.rollback()
  })
})

test('a key inserted by an earlier statement of the same transaction is a duplicate', async () => {
  await withKernel(async (kernel) => {
    const tx = begin(kernel)
    insertRow(tx, accounts, [1, 'a', 1n, null], noRowIds)
    tx.beginStatement()
    const error = catchSqlError(() => insertRow(tx, accounts, [1, 'b', 1n, null], noRowIds))
    assert.equal(error.code, '23505')
    tx.rollback()
  })
  // Within one statement the kernel hides the statement's own writes from `get`, so a second
  // insertRow of the same key in the same statement is not caught here and overwrites the first
  // (INSERT INTO t VALUES (1), (1) reports INSERT 0 2 and keeps one row; PostgreSQL raises
  // 23505). Reported to the lead; the failing case is in the report.
})

test('rowKey: prefix 0x10 + table OID, then the key; byte order is primary key order', () => {
  const key = rowKey(accounts, [1])
  assert.deepEqual([...key.subarray(0, 5)], [0x10, 0x00, 0x00, 0x40, 0x00])
  assert.deepEqual(tablePrefix(accounts), key.subarray(0, 5))
  const ordered: Value[] = [-2147483648, -5, -1, 0, 1, 2, 255, 256, 65536, 2147483647]
  const keys = ordered.map((value) => rowKey(accounts, [value]))
  for (let i = 1; i < keys.length; i++) {
    assert.ok(compareBytes(keys[i - 1] as Uint8Array, keys[i] as Uint8Array) < 0, `${ordered[i]}`)
  }
  const range = tableRange(accounts)
  for (const k of keys) {
    assert.ok(range.lower !== undefined && compareBytes(range.lower.key, k) <= 0)
    assert.ok(range.upper !== undefined && compareBytes(k, range.upper.key) < 0)
  }
  assert.ok(
    range.upper !== undefined && compareBytes(range.upper.key, tablePrefix(pairs)) <= 0,
    'the next table starts after the range',
  )
})

test('rows scan in primary key order for any keys (property over a composite text/int key)', async () => {
  const keyArbitrary = fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 4 }))
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(keyArbitrary, {
        minLength: 1,
        maxLength: 25,
        selector: ([a, b]) => `${a}\u0000${b}`,
      }),
      async (keys) => {
        await withKernel(async (kernel) => {
          await commitWith(kernel, (tx) => {
            for (const [a, b] of keys) insertRow(tx, pairs, [a, b, `${a}:${b}`], noRowIds)
          })
          const expected = [...keys].sort(
            ([a1, b1], [a2, b2]) => compareValues(b1, b2) || compareValues(a1, a2),
          )
          assert.deepEqual(
            readAll(kernel, pairs).map((row) => [row[0], row[1]]),
            expected,
          )
        })
      },
    ),
    { numRuns: 30 },
  )
})

test('hidden row ids: a table without a primary key is keyed by the ids it is given', async () => {
  await withKernel(async (kernel) => {
    const tx0 = begin(kernel)
    assert.equal(lastRowId(tx0, events), 0n, 'an empty table')
    tx0.rollback()
    await commitWith(kernel, (tx) => {
      const ids = rowIdsFrom(1n)
      insertRow(tx, events, ['first', 1], ids)
      insertRow(tx, events, ['second', 2], ids)
      insertRow(tx, events, ['first', 1], ids)
    })
    assert.deepEqual(
      readAll(kernel, events),
      [
        ['first', 1],
        ['second', 2],
        ['first', 1],
      ],
      'equal rows are separate rows, in id order',
    )
    const tx = begin(kernel)
    assert.equal(lastRowId(tx, events), 3n)
    const keyed = [...scanKeyedRows(tx, events)]
    assert.deepEqual(
      keyed.map((entry) => entry.key),
      [1n, 2n, 3n].map((id) => rowKey(events, [id])),
    )
    insertRow(tx, events, ['big', 3], { nextRowId: () => 9007199254740993n })
    tx.beginStatement()
    assert.equal(lastRowId(tx, events), 9007199254740993n, 'ids are exact int8 values')
    tx.rollback()
  })
})

test('lastRowId is only for tables without a primary key', async () => {
  await withKernel(async (kernel) => {
    const tx = begin(kernel)
    assert.throws(() => lastRowId(tx, accounts), InternalError)
    tx.rollback()
  })
})

/** An update of a row on a table without indexes: the previous row is not read. */
function change(row: Value[]): { previous: Value[]; row: Value[] } {
  return { previous: [], row }
}

test('updateRow keeps the key in place, or moves the row when its key changes', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => {
      for (const id of [1, 2, 3])
        insertRow(tx, accounts, [id, `r${id}`, BigInt(id), null], noRowIds)
    })
    await commitWith(kernel, (tx) => {
      updateRow(tx, accounts, rowKey(accounts, [2]), change([2, 'changed', 20n, true]), noRowIds)
    })
    assert.deepEqual(readAll(kernel, accounts)[1], [2, 'changed', 20n, true])
    await commitWith(kernel, (tx) => {
      updateRow(tx, accounts, rowKey(accounts, [1]), change([10, 'moved', 1n, null]), noRowIds)
    })
    assert.deepEqual(readAll(kernel, accounts), [
      [2, 'changed', 20n, true],
      [3, 'r3', 3n, null],
      [10, 'moved', 1n, null],
    ])
    const tx = begin(kernel)
    assert.equal(tx.get(rowKey(accounts, [1])), undefined, 'the old key is gone')
    const duplicate = catchSqlError(() =>
      updateRow(tx, accounts, rowKey(accounts, [3]), change([2, 'clash', 3n, null]), noRowIds),
    )
    assert.equal(duplicate.code, '23505')
    assert.equal(duplicate.detail, 'Key (id)=(2) already exists.')
    tx.rollbackStatement()
    tx.beginStatement()
    const notNull = catchSqlError(() =>
      updateRow(tx, accounts, rowKey(accounts, [3]), change([3, 'x', null, null]), noRowIds),
    )
    assert.equal(notNull.code, '23502')
    assert.equal(notNull.detail, 'Failing row contains (3, x, null, null).')
    tx.rollback()
    assert.equal(readAll(kernel, accounts).length, 3)
  })
})

test('updateRow on a table without a primary key rewrites the row under its row id', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => insertRow(tx, events, ['a', 1], rowIdsFrom(5n)))
    await commitWith(kernel, (tx) => {
      updateRow(tx, events, rowKey(events, [5n]), change(['b', 2]), {
        nextRowId: () => assert.fail('an update keeps the row id'),
      })
    })
    const tx = begin(kernel)
    assert.deepEqual([...scanKeyedRows(tx, events)], [{ key: rowKey(events, [5n]), row: ['b', 2] }])
    tx.rollback()
  })
})

test('scanRows: key ranges with inclusive and exclusive bounds, both directions', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => {
      for (let id = 1; id <= 10; id++) insertRow(tx, accounts, [id, null, 0n, null], noRowIds)
      insertRow(tx, events, ['other table', 1], rowIdsFrom(1n))
    })
    const ids = (range?: KeyRange, direction: 'forward' | 'backward' = 'forward'): Value[] => {
      const tx = begin(kernel)
      const out = [...scanRows(tx, accounts, range, direction)].map((row) => row[0] ?? null)
      tx.rollback()
      return out
    }
    const bound = (id: number, inclusive: boolean) => ({ key: rowKey(accounts, [id]), inclusive })
    assert.deepEqual(ids(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'only this table')
    assert.deepEqual(ids({ lower: bound(3, true), upper: bound(6, false) }), [3, 4, 5])
    assert.deepEqual(ids({ lower: bound(3, false), upper: bound(6, true) }), [4, 5, 6])
    assert.deepEqual(ids({ ...tableRange(accounts), lower: bound(8, true) }), [8, 9, 10])
    assert.deepEqual(ids({ lower: bound(5, true), upper: bound(5, true) }), [5], 'a point')
    assert.deepEqual(ids({ lower: bound(6, true), upper: bound(5, true) }), [], 'empty range')
    assert.deepEqual(ids(tableRange(accounts), 'backward'), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    assert.deepEqual(ids({ ...tableRange(accounts), upper: bound(3, true) }, 'backward'), [3, 2, 1])
  })
})

test('deleteAllRows removes every row of one table and counts them', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => {
      for (let id = 1; id <= 4; id++) insertRow(tx, accounts, [id, null, 0n, null], noRowIds)
      insertRow(tx, events, ['kept', 1], rowIdsFrom(1n))
    })
    let count = -1
    await commitWith(kernel, (tx) => {
      count = deleteAllRows(tx, accounts)
    })
    assert.equal(count, 4)
    assert.deepEqual(readAll(kernel, accounts), [])
    assert.deepEqual(readAll(kernel, events), [['kept', 1]])
  })
})

test('getRow reads one row by its whole key; rowRange holds exactly that key', async () => {
  await withKernel(async (kernel) => {
    await commitWith(kernel, (tx) => {
      insertRow(tx, pairs, [1, 'x', 'one'], noRowIds)
      insertRow(tx, pairs, [2, 'x', 'two'], noRowIds)
      insertRow(tx, pairs, [1, 'xy', 'longer'], noRowIds)
    })
    const transaction = begin(kernel)
    // Key order is (b, a).
    assert.deepEqual(getRow(transaction, pairs, ['x', 1]), [1, 'x', 'one'])
    assert.deepEqual(getRow(transaction, pairs, ['xy', 1]), [1, 'xy', 'longer'])
    assert.equal(getRow(transaction, pairs, ['x', 3]), undefined)
    assert.equal(getRow(transaction, pairs, ['', 1]), undefined)
    assert.deepEqual(readAll(kernel, pairs, rowRange(pairs, ['x', 1])), [[1, 'x', 'one']])
    assert.deepEqual(readAll(kernel, pairs, rowRange(pairs, ['x', 9])), [])
    // The snapshot decides: a row deleted by a later commit is still this statement's.
    await commitWith(kernel, (tx) => tx.delete(rowKey(pairs, ['x', 2])))
    assert.deepEqual(getRow(transaction, pairs, ['x', 2]), [2, 'x', 'two'], 'same statement')
    transaction.beginStatement()
    assert.equal(getRow(transaction, pairs, ['x', 2]), undefined, 'next statement (RC)')
    transaction.rollback()
  })
})

test('tablePrefix is computed once per table and always the same bytes', () => {
  const first = tablePrefix(accounts)
  assert.equal(tablePrefix({ ...accounts }), first, 'cached by OID')
  assert.deepEqual([...first], [0x10, 0x00, 0x00, 0x40, 0x00])
})
