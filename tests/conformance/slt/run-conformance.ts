/**
 * `npm run conformance`: runs the sqllogictest corpus on the engine (or, with --pg, on real
 * PostgreSQL to check the runner against the baseline), prints a line per file, the figures per
 * group, `passed X of Y` and the top failure reasons, and writes the full report as JSON.
 *
 *   node tests/dist/conformance/slt/run-conformance.js [options] [path-substring ...]
 *
 * Options:
 *   --smoke               run the smoke subset of tests/conformance/floor.json
 *   --update-floor        after the run, set the floor to the smoke subset's passed count (not
 *                         lowered when a smoke file timed out or crashed)
 *   --pg [url]            run on PostgreSQL (default postgres://postgres@127.0.0.1:5432/postgres;
 *                         or --pg-url <url>), a fresh database per file; exits 1 unless it
 *                         reproduces the baseline exactly
 *   --jobs <n>            files run in parallel (default 2)
 *   --file-budget-ms <n>  wall-clock budget per file (default $SLT_FILE_BUDGET_MS or 120000)
 *   --heap-mb <n>         heap limit per worker (default 4096)
 *   --out <path>          JSON report (default tests/conformance/results/latest.json, or
 *                         pg-latest.json with --pg)
 *   --failures <n>        failures per file kept in the JSON with detail and SQL (default 20)
 *   --reasons <n>         failure reasons printed (default 25)
 *   --corpus <dir>        the corpus (default $SLT_CORPUS or ../shared/conformance/sqllogictest)
 *   --quiet               no line per file
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultCorpusDir, hasCorpus, listCorpusFiles, loadBaseline, repoRoot } from './corpus.js'
import { readFloor, writeFloor } from './floor.js'
import { buildReport, formatFileLine, formatReport, summarizeFile } from './report.js'
import { type BackendOption, runCorpus } from './run-corpus.js'

const defaultPgUrl = 'postgres://postgres@127.0.0.1:5432/postgres'

function print(line: string): void {
  process.stdout.write(`${line}\n`)
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`)
  return n
}

function parseOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      smoke: { type: 'boolean', default: false },
      'update-floor': { type: 'boolean', default: false },
      pg: { type: 'boolean', default: false },
      'pg-url': { type: 'string' },
      jobs: { type: 'string' },
      'file-budget-ms': { type: 'string' },
      'heap-mb': { type: 'string' },
      out: { type: 'string' },
      failures: { type: 'string' },
      reasons: { type: 'string' },
      corpus: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  })
  // `--pg <url>`: parseArgs has no optional values, so a URL right after --pg is a positional.
  const filters = [...positionals]
  let pgUrl = values['pg-url']
  if (values.pg && pgUrl === undefined && filters[0]?.startsWith('postgres') === true) {
    pgUrl = filters.shift()
  }
  const envBudget = process.env['SLT_FILE_BUDGET_MS']
  return {
    filters,
    isSmoke: values.smoke,
    isFloorUpdate: values['update-floor'],
    pgUrl: values.pg || pgUrl !== undefined ? (pgUrl ?? defaultPgUrl) : undefined,
    jobs: positiveInteger(values.jobs, 2, '--jobs'),
    fileBudgetMs: values['file-budget-ms'] ?? (envBudget === '' ? undefined : envBudget),
    heapMb: positiveInteger(values['heap-mb'], 4096, '--heap-mb'),
    out: values.out,
    failuresPerFile: positiveInteger(values.failures, 20, '--failures'),
    reasonsShown: positiveInteger(values.reasons, 25, '--reasons'),
    corpusDir: values.corpus === undefined ? defaultCorpusDir() : resolve(values.corpus),
    isQuiet: values.quiet,
  }
}

async function main(): Promise<number> {
  const options = parseOptions()
  if (!hasCorpus(options.corpusDir)) {
    print(`no sqllogictest corpus at ${options.corpusDir} (set SLT_CORPUS or --corpus)`)
    return 2
  }
  const baseline = loadBaseline(options.corpusDir)
  const floor = readFloor()
  let files = options.isSmoke ? [...floor.files] : listCorpusFiles(options.corpusDir)
  if (options.filters.length > 0) {
    files = files.filter((file) => options.filters.some((filter) => file.includes(filter)))
  }
  if (files.length === 0) {
    print('no corpus files match')
    return 2
  }
  const defaultBudget = options.isSmoke ? floor.fileBudgetMs : 120_000
  const fileBudgetMs = positiveInteger(options.fileBudgetMs, defaultBudget, '--file-budget-ms')
  const backend: BackendOption =
    options.pgUrl === undefined ? { kind: 'engine' } : { kind: 'pg', url: options.pgUrl }
  const startedAt = new Date()
  print(
    `sqllogictest: ${files.length} files on ${backend.kind === 'pg' ? `PostgreSQL (${options.pgUrl})` : 'the engine'}, ${options.jobs} at a time, ${fileBudgetMs} ms per file`,
  )
  const outcomes = await runCorpus({
    corpusDir: options.corpusDir,
    files,
    backend,
    jobs: options.jobs,
    fileBudgetMs,
    workerHeapMbMax: options.heapMb,
    onFileDone: (outcome) => {
      if (!options.isQuiet) print(formatFileLine(summarizeFile(outcome, baseline, 0)))
    },
  })
  const report = buildReport(outcomes, baseline, {
    backend: backend.kind,
    startedAt,
    corpusDir: options.corpusDir,
    jobs: options.jobs,
    fileBudgetMs,
    failuresPerFile: options.failuresPerFile,
  })
  for (const line of formatReport(report, options.reasonsShown)) print(line)
  const resultsDir = join(repoRoot, 'tests', 'conformance', 'results')
  const out =
    options.out ?? join(resultsDir, backend.kind === 'pg' ? 'pg-latest.json' : 'latest.json')
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`)
  print(`report: ${out}`)
  if (options.isFloorUpdate) {
    const missing = floor.files.filter((file) => !files.includes(file))
    if (missing.length > 0 || backend.kind !== 'engine') {
      print(
        `--update-floor needs an engine run of every smoke file (missing: ${missing.join(', ')})`,
      )
      return 2
    }
    const smokeFiles = report.files.filter((file) => floor.files.includes(file.file))
    const passed = smokeFiles.reduce((total, file) => total + file.passed, 0)
    const unfinished = smokeFiles.filter((file) => file.status !== 'complete')
    if (passed < floor.passedMin && unfinished.length > 0) {
      print(`floor not lowered: ${unfinished.map((f) => `${f.file} ${f.status}`).join(', ')}`)
      return 1
    }
    writeFloor({ ...floor, passedMin: passed })
    const change = passed < floor.passedMin ? 'LOWERED' : 'raised'
    print(
      `floor ${change}: ${floor.passedMin} → ${passed} target records (tests/conformance/floor.json)`,
    )
  }
  if (report.validation !== undefined) {
    const hasBaselineProblems = report.files.some((file) => file.baselineProblems.length > 0)
    return report.validation.mismatchCount === 0 && !hasBaselineProblems ? 0 : 1
  }
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exitCode = 2
  },
)
