// The corpus runner's processes: files run in workers on fresh databases, a file that overruns
// its budget is killed with its running record and the rest failed, and the lane goes on with a
// new worker. The timeout case needs a statement that blocks, so it uses PostgreSQL's pg_sleep
// (the local PostgreSQL that npm test expects).
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { notRunReasons, runCorpus } from './run-corpus.js'

const corpusDir = mkdtempSync(join(tmpdir(), 'slt-corpus-'))
after(() => rmSync(corpusDir, { recursive: true, force: true }))
mkdirSync(join(corpusDir, 'sqlite'))
const files = {
  'sqlite/a.test':
    'statement ok\nCREATE TABLE t(a INT)\n\nstatement ok\nINSERT INTO t VALUES (1)\n',
  'sqlite/b.test': 'query I nosort\nSELECT 1\n----\n1\n\nquery I nosort\nSELECT 1\n----\n2\n',
  // A CREATE that fails on any engine, then more failures for want of its table than keep detail.
  'sqlite/cascade.test': `statement ok\nCREATE TABLE t(a nosuchtype)\n\n${'query I nosort\nSELECT a FROM t\n----\n\n'.repeat(8)}`,
  'sqlite/slow.test':
    'statement ok\nSELECT 1\n\nstatement ok\nSELECT pg_sleep(60)\n\nstatement ok\nSELECT 2\n',
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(corpusDir, name), text)

test('runs each file on a fresh engine database in a worker', async () => {
  const outcomes = await runCorpus({
    corpusDir,
    // a.test twice on one lane: the table must not survive into the second run
    files: ['sqlite/a.test', 'sqlite/a.test', 'sqlite/b.test'],
    backend: { kind: 'engine' },
    jobs: 1,
    fileBudgetMs: 60_000,
    workerHeapMbMax: 512,
  })
  assert.deepEqual(
    outcomes.map((o) => [o.file, o.status, o.results.map((r) => r.isPass)]),
    [
      ['sqlite/a.test', 'complete', [true, true]],
      ['sqlite/a.test', 'complete', [true, true]],
      ['sqlite/b.test', 'complete', [true, false]],
    ],
  )
})

test('kills a file at the end of its budget and goes on with a new worker', async () => {
  const outcomes = await runCorpus({
    corpusDir,
    files: ['sqlite/slow.test', 'sqlite/b.test'],
    backend: { kind: 'pg', url: 'postgres://postgres@127.0.0.1:5432/postgres' },
    jobs: 1,
    fileBudgetMs: 3_000,
    workerHeapMbMax: 512,
  })
  const [slow, b] = outcomes
  assert.equal(slow?.status, 'timeout')
  assert.deepEqual(
    slow?.results.map((r) => [r.line, r.isPass, r.reason]),
    [
      [1, true, undefined],
      [4, false, notRunReasons.timeoutRunning],
      [7, false, notRunReasons.timeoutNotRun],
    ],
  )
  assert.equal(b?.status, 'complete')
  assert.deepEqual(
    b?.results.map((r) => r.isPass),
    [true, false],
  )
})

test('every failure for want of a table keeps the reason its CREATE failed', async () => {
  const [outcome] = await runCorpus({
    corpusDir,
    files: ['sqlite/cascade.test'],
    backend: { kind: 'engine' },
    jobs: 1,
    fileBudgetMs: 60_000,
    workerHeapMbMax: 512,
  })
  const results = outcome?.results ?? []
  assert.equal(results.length, 9)
  const [create, ...queries] = results
  assert.match(create?.reason ?? '', /^42704 /)
  for (const query of queries) assert.equal(query.cause, create?.reason)
  // Only the first few failures per reason keep their SQL (memory on a full run).
  assert.equal(queries.filter((q) => q.sql !== undefined).length, 4)
})
