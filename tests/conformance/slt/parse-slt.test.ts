// Parser of sqllogictest files: record kinds, conditions, results, CRLF, and which records the
// engine `postgresql` runs (skipif/onlyif, halt).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isTestRecord, parseSlt, planRecords, type SltRecord } from './parse-slt.js'

const sample = [
  '# a comment before the first record',
  'hash-threshold 8',
  '',
  'statement ok',
  'CREATE TABLE t1(a INTEGER, b TEXT)',
  '',
  'statement error',
  'INSERT INTO nosuch VALUES(1)',
  '',
  'onlyif mysql # aggregate syntax: ',
  'query I rowsort label-7',
  'SELECT a',
  '  FROM t1',
  '----',
  '1',
  '2',
  '',
  'skipif postgresql',
  'skipif mssql',
  'statement ok',
  'INSERT OR REPLACE INTO t1 VALUES(1)',
  '',
  'query IT valuesort',
  'SELECT a, b FROM t1',
  '----',
  '30 values hashing to 3c13dee48d9356ae19af2515e05e6b54',
  '',
  'query I nosort',
  'SELECT a FROM t1 WHERE 0',
  '',
  'query T',
  "SELECT ''",
  '----',
  '(empty)',
  '',
  'onlyif mssql',
  'halt',
  '',
  'bogus line',
  '',
  'skipif sqlite',
  'halt',
  '',
  'statement ok',
  'SELECT 1',
  '',
].join('\r\n')

test('parses every record kind with its line, conditions and body (CRLF input)', () => {
  const records = parseSlt(sample)
  const expected: SltRecord[] = [
    { kind: 'hash-threshold', line: 2, conditions: [], threshold: 8 },
    {
      kind: 'statement',
      line: 4,
      conditions: [],
      expectsError: false,
      sql: 'CREATE TABLE t1(a INTEGER, b TEXT)',
    },
    {
      kind: 'statement',
      line: 7,
      conditions: [],
      expectsError: true,
      sql: 'INSERT INTO nosuch VALUES(1)',
    },
    {
      kind: 'query',
      line: 11,
      conditions: [{ kind: 'onlyif', engine: 'mysql' }],
      types: 'I',
      sortMode: 'rowsort',
      label: 'label-7',
      sql: 'SELECT a\n  FROM t1',
      expected: { kind: 'values', values: ['1', '2'] },
    },
    {
      kind: 'statement',
      line: 20,
      conditions: [
        { kind: 'skipif', engine: 'postgresql' },
        { kind: 'skipif', engine: 'mssql' },
      ],
      expectsError: false,
      sql: 'INSERT OR REPLACE INTO t1 VALUES(1)',
    },
    {
      kind: 'query',
      line: 23,
      conditions: [],
      types: 'IT',
      sortMode: 'valuesort',
      label: undefined,
      sql: 'SELECT a, b FROM t1',
      expected: { kind: 'hash', count: 30, md5: '3c13dee48d9356ae19af2515e05e6b54' },
    },
    {
      kind: 'query',
      line: 28,
      conditions: [],
      types: 'I',
      sortMode: 'nosort',
      label: undefined,
      sql: 'SELECT a FROM t1 WHERE 0',
      expected: { kind: 'values', values: [] },
    },
    {
      kind: 'query',
      line: 31,
      conditions: [],
      types: 'T',
      sortMode: 'nosort',
      label: undefined,
      sql: "SELECT ''",
      expected: { kind: 'values', values: ['(empty)'] },
    },
    { kind: 'halt', line: 37, conditions: [{ kind: 'onlyif', engine: 'mssql' }] },
    { kind: 'invalid', line: 39, conditions: [], problem: 'unknown record type: bogus' },
    { kind: 'halt', line: 42, conditions: [{ kind: 'skipif', engine: 'sqlite' }] },
    { kind: 'statement', line: 44, conditions: [], expectsError: false, sql: 'SELECT 1' },
  ]
  assert.deepEqual(records, expected)
})

test('postgresql runs records not excluded by skipif/onlyif, up to an applicable halt', () => {
  const plan = planRecords(parseSlt(sample), 'postgresql').filter((e) => isTestRecord(e.record))
  assert.deepEqual(
    plan.map((entry) => [entry.record.line, entry.isSkipped]),
    [
      [4, false],
      [7, false],
      [11, true], // onlyif mysql
      [20, true], // skipif postgresql
      [23, false],
      [28, false],
      [31, false],
      [39, false], // the unparsable record runs (and fails)
      // `skipif sqlite` + halt applies to postgresql: line 44 is never reached
    ],
  )
})

const malformed: { name: string; text: string; problem: string }[] = [
  {
    name: 'bad statement mode',
    text: 'statement maybe\nSELECT 1',
    problem: 'bad statement mode: maybe',
  },
  { name: 'statement without SQL', text: 'statement ok', problem: 'no SQL' },
  { name: 'bad column types', text: 'query X\nSELECT 1', problem: 'bad column types: X' },
  {
    name: 'bad sort mode',
    text: 'query I upsidedown\nSELECT 1',
    problem: 'bad sort mode: upsidedown',
  },
  { name: 'query without SQL', text: 'query I nosort\n----\n1', problem: 'no SQL' },
  { name: 'conditions alone', text: 'skipif mysql', problem: 'conditions without a record' },
  { name: 'bad hash-threshold', text: 'hash-threshold x', problem: 'bad hash-threshold: x' },
]

for (const { name, text, problem } of malformed) {
  test(`reports an unparsable record: ${name}`, () => {
    const [record] = parseSlt(text)
    assert.equal(record?.kind, 'invalid')
    assert.equal(record.kind === 'invalid' ? record.problem : undefined, problem)
  })
}
