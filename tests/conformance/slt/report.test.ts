// The report's arithmetic: target = run records PostgreSQL passes; passes of records PostgreSQL
// fails are counted apart; the pg backend is checked record by record against the baseline.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Baseline } from './corpus.js'
import { buildReport, fileGroup } from './report.js'
import type { FileOutcome } from './run-corpus.js'

const baseline: Baseline = {
  server: 'PostgreSQL 15',
  files: new Map([
    ['sqlite/select1.test', { sha1: 'abc', records: 4, skipped: 1, failLines: new Set([30]) }],
  ]),
}

const outcome: FileOutcome = {
  file: 'sqlite/select1.test',
  sha1: 'abc',
  status: 'complete',
  problem: undefined,
  elapsedMs: 5,
  skipped: 1,
  results: [
    { line: 10, isPass: true },
    { line: 20, isPass: false, reason: '0A000 x', detail: 'd', sql: 'SELECT x' },
    { line: 30, isPass: true }, // PostgreSQL fails it
    { line: 40, isPass: false, reason: '42P01 relation "…" does not exist', cause: '0A000 x' },
  ],
}

const options = {
  startedAt: new Date(),
  corpusDir: '/corpus',
  jobs: 2,
  fileBudgetMs: 1000,
  failuresPerFile: 1,
}

test('counts target records, extra passes and failure reasons', () => {
  const report = buildReport([outcome], baseline, { ...options, backend: 'engine' })
  assert.deepEqual(report.totals, {
    files: 1,
    records: 4,
    skipped: 1,
    target: 3,
    passed: 1,
    extraPasses: 1,
    filesTimedOut: 0,
    filesCrashed: 0,
  })
  const [file] = report.files
  // The record that failed for want of a table counts against the reason its CREATE failed.
  assert.deepEqual(file?.reasons, [{ reason: '0A000 x', count: 2, cascaded: 1, lines: [20, 40] }])
  assert.deepEqual(file?.failures, [
    { line: 20, reason: '0A000 x', cause: undefined, detail: 'd', sql: 'SELECT x' },
  ])
  assert.deepEqual(file?.extraPassLines, [30])
  assert.deepEqual(file?.baselineProblems, [])
  assert.equal(report.topReasons[0]?.example?.sql, 'SELECT x')
  assert.equal(report.topReasons[0]?.cascaded, 1)
  assert.equal(report.validation, undefined)
})

test('on the pg backend, every record must pass or fail as in the baseline', () => {
  const report = buildReport([outcome], baseline, { ...options, backend: 'pg' })
  assert.equal(report.validation?.mismatchCount, 3)
  assert.deepEqual(
    report.validation?.mismatches.map((m) => [m.line, m.baseline]),
    [
      [20, 'pass'],
      [30, 'fail'],
      [40, 'pass'],
    ],
  )
})

test('reports a file whose records or content differ from what the baseline ran', () => {
  const changed = { ...outcome, sha1: 'def', skipped: 2, results: outcome.results.slice(1) }
  const [file] = buildReport([changed], baseline, { ...options, backend: 'engine' }).files
  assert.equal(file?.baselineProblems.length, 3)
})

test('groups files by directory', () => {
  assert.equal(fileGroup('sqlite/select4.test'), 'select')
  assert.equal(fileGroup('sqlite/evidence/in1.test'), 'evidence')
  assert.equal(fileGroup('sqlite/index/between/10/slt_good_2.test'), 'index/between')
  assert.equal(fileGroup('sqlite/random/expr/slt_good_18.test'), 'random/expr')
})
