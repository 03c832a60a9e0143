// Conformance smoke for `npm test`: runs the sqllogictest smoke subset (tests/conformance/floor.json:
// select1-4 and evidence/*.test of the shared corpus) on the engine, two files at a time, each
// within the floor's per-file budget and all within smokeBudgetMs, and fails if fewer target
// records pass than the floor. A regression fails the build; an improvement is recorded by
// raising the floor with `npm run conformance -- --smoke --update-floor`. Skipped when the corpus
// is not beside the repo (../shared/conformance/sqllogictest, or $SLT_CORPUS).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { defaultCorpusDir, hasCorpus, loadBaseline } from './slt/corpus.js'
import { readFloor } from './slt/floor.js'
import { buildReport, formatReport } from './slt/report.js'
import { runCorpus } from './slt/run-corpus.js'

const corpusDir = defaultCorpusDir()

/** The whole smoke's wall-clock bound: files still running then are killed, and their unfinished
 * records fail. Keeps `npm test` bounded however slow the engine gets; generous, because select4
 * alone takes ~90 s on an idle 2-core machine and a loaded one must not fail spuriously. */
const smokeBudgetMs = 240_000

test('sqllogictest smoke passes at least the floor', {
  skip: hasCorpus(corpusDir) ? false : `no corpus at ${corpusDir}`,
}, async (t) => {
  const floor = readFloor()
  const startedAt = new Date()
  const outcomes = await runCorpus({
    corpusDir,
    files: floor.files,
    backend: { kind: 'engine' },
    jobs: 2,
    fileBudgetMs: floor.fileBudgetMs,
    deadline: startedAt.getTime() + smokeBudgetMs,
    workerHeapMbMax: 2048,
  })
  const report = buildReport(outcomes, loadBaseline(corpusDir), {
    backend: 'engine',
    startedAt,
    corpusDir,
    jobs: 2,
    fileBudgetMs: floor.fileBudgetMs,
    failuresPerFile: 0,
  })
  const lines = formatReport(report, 10)
  for (const line of lines) t.diagnostic(line)
  const summary = lines.join('\n')
  const { passed } = report.totals
  const slow = report.files.filter((file) => file.status === 'timeout').map((file) => file.file)
  const slowNote =
    slow.length === 0
      ? ''
      : `\nout of time (per file ${floor.fileBudgetMs} ms, all ${smokeBudgetMs} ms): ${slow.join(', ')}; the engine got slower, or the machine is overloaded`
  assert.ok(
    passed >= floor.passedMin,
    `sqllogictest smoke: ${passed} target records pass, below the floor of ${floor.passedMin}${slowNote}\n${summary}`,
  )
  if (passed > floor.passedMin) {
    t.diagnostic(
      `above the floor (${floor.passedMin}): raise it with npm run conformance -- --smoke --update-floor`,
    )
  }
})
