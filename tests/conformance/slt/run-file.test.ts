// Record semantics of the runner on a scripted connection: what counts as a pass, and the
// reasons failures are grouped by.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseSlt } from './parse-slt.js'
import {
  errorReason,
  failureReasons,
  type RecordResult,
  type RunOutcome,
  runRecords,
  type SltConnection,
} from './run-file.js'

/** Answers each SQL text from a table; unknown SQL is a syntax error. */
function scriptedConnection(answers: Record<string, RunOutcome>): SltConnection {
  return {
    run: async (sql) =>
      answers[sql] ?? { kind: 'error', code: '42601', message: `syntax error at or near "${sql}"` },
    close: async () => {},
  }
}

const rows = (typeOids: number[], values: (string | null)[][]): RunOutcome => ({
  kind: 'ok',
  columnTypeOids: typeOids,
  rows: values,
})
const done: RunOutcome = { kind: 'ok', columnTypeOids: undefined, rows: [] }

test('classifies each record as pass or fail with a grouping reason', async () => {
  const file = [
    'statement ok',
    'CREATE TABLE t1(a INT)',
    '',
    'statement ok',
    'CREATE TABLE t1(a INT)',
    '',
    'statement error',
    'CREATE TABLE t1(a INT)',
    '',
    'statement error',
    'DROP TABLE t1',
    '',
    'query I rowsort',
    'SELECT a FROM t1',
    '----',
    '1',
    '2',
    '',
    'query II nosort',
    'SELECT a FROM t1',
    '----',
    '1',
    '',
    'query I nosort',
    'SELECT a FROM t1',
    '----',
    '1',
    '',
    'query I nosort',
    'SELECT 2',
    '----',
    '3',
    '',
    'query I nosort',
    'INSERT INTO t1 VALUES(1)',
    '',
  ].join('\n')
  let created = false
  const base = scriptedConnection({
    'DROP TABLE t1': done,
    'SELECT a FROM t1': rows([23], [['2'], ['1']]),
    'SELECT 2': rows([23], [['2']]),
    'INSERT INTO t1 VALUES(1)': done,
  })
  const connection: SltConnection = {
    run: async (sql) => {
      if (sql !== 'CREATE TABLE t1(a INT)') return base.run(sql)
      if (created) return { kind: 'error', code: '42P07', message: 'relation "t1" already exists' }
      created = true
      return done
    },
    close: base.close,
  }
  const results: RecordResult[] = []
  await runRecords(parseSlt(file), connection, (result) => results.push(result))
  assert.deepEqual(
    results.map((r) => [r.line, r.isPass, r.reason]),
    [
      [1, true, undefined],
      [4, false, '42P07 relation "…" already exists'],
      [7, true, undefined],
      [10, false, failureReasons.unexpectedSuccess],
      [13, true, undefined],
      [19, false, failureReasons.columnCount],
      [24, false, failureReasons.rowCount],
      [29, false, failureReasons.values],
      [34, false, failureReasons.noRows],
    ],
  )
  assert.equal(results[7]?.detail, 'expected 1 values: 3; got 1 values: 2')
})

test('a connection that throws fails the record, not the file', async () => {
  const connection: SltConnection = {
    run: async () => {
      throw new Error('boom')
    },
    close: async () => {},
  }
  const results: RecordResult[] = []
  await runRecords(parseSlt('statement ok\nSELECT 1\n\nstatement ok\nSELECT 2'), connection, (r) =>
    results.push(r),
  )
  assert.deepEqual(
    results.map((r) => r.reason),
    [failureReasons.exception, failureReasons.exception],
  )
})

const reasons: [code: string, message: string, reason: string][] = [
  ['42P01', 'relation "t1" does not exist', '42P01 relation "…" does not exist'],
  [
    '0A000',
    'expressions of kind CaseExpr are not supported yet',
    '0A000 expressions of kind CaseExpr are not supported yet',
  ],
  ['42601', 'syntax error at or near ")"', '42601 syntax error at or near ")"'],
  [
    '22003',
    'value 3000000000 is out of range for type integer',
    '22003 value N is out of range for type integer',
  ],
  [
    '42883',
    'operator does not exist: text + integer\nHINT: ...',
    '42883 operator does not exist: text + integer',
  ],
]

for (const [code, message, reason] of reasons) {
  test(`groups error ${code} ${message.split('\n')[0]}`, () => {
    assert.equal(errorReason(code, message), reason)
  })
}

test('a failure for want of a relation whose CREATE failed is attributed to that CREATE', async () => {
  const file = [
    'statement ok',
    'CREATE TABLE t1(a FLOAT)',
    '',
    'statement ok',
    'CREATE VIEW v1 AS SELECT a FROM t1',
    '',
    'query I nosort',
    'SELECT a FROM v1',
    '----',
    '',
    'statement ok',
    'DROP TABLE t1',
    '',
    'statement ok',
    'CREATE TABLE t1(a INT)',
    '',
    'query I nosort',
    'SELECT a FROM t2',
    '----',
  ].join('\n')
  const missing = (name: string): RunOutcome => ({
    kind: 'error',
    code: '42P01',
    message: `relation "${name}" does not exist`,
  })
  const connection = scriptedConnection({
    'CREATE TABLE t1(a FLOAT)': {
      kind: 'error',
      code: '0A000',
      message: 'type float8 is not supported yet',
    },
    'CREATE VIEW v1 AS SELECT a FROM t1': missing('t1'),
    'SELECT a FROM v1': missing('v1'),
    'DROP TABLE t1': { kind: 'error', code: '42P01', message: 'table "t1" does not exist' },
    'CREATE TABLE t1(a INT)': done,
    'SELECT a FROM t2': missing('t2'),
  })
  const results: RecordResult[] = []
  await runRecords(parseSlt(file), connection, (result) => results.push(result))
  const float = '0A000 type float8 is not supported yet'
  assert.deepEqual(
    results.map((r) => [r.line, r.cause]),
    [
      [1, undefined], // the root: its reason is its own
      [4, float], // the view over the missing table
      [7, float], // through the view to the table
      [11, float],
      [14, undefined], // passes
      [17, undefined], // t2 was never created by a failing CREATE
    ],
  )
})
