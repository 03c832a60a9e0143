/**
 * Turns file outcomes into the conformance report: per file and per group, how many target
 * records pass (the target: every record run for `postgresql` that PostgreSQL 15 passes, per the
 * baseline), the records that pass here but fail on PostgreSQL (interesting, not counted), and
 * the failure reasons ranked by how many target records each costs: the list that says which
 * missing feature to build next.
 *
 * With the pg backend the report also checks the runner: PostgreSQL must pass exactly the
 * records the baseline says it passes.
 */
import type { Baseline } from './corpus.js'
import type { FileOutcome } from './run-corpus.js'

/**
 * A failure reason and the target records it costs: those failing with it directly, plus those
 * failing because a CREATE that failed with it left their table or view missing (`cascaded`).
 */
export interface ReasonCount {
  readonly reason: string
  readonly count: number
  readonly cascaded: number
  /** The first lines failing for this reason. */
  readonly lines: readonly number[]
}

export interface FailureExample {
  readonly line: number
  readonly reason: string
  /** The root reason when this failed for want of a relation whose CREATE failed. */
  readonly cause: string | undefined
  readonly detail: string | undefined
  readonly sql: string | undefined
}

export interface FileSummary {
  readonly file: string
  readonly group: string
  readonly status: FileOutcome['status']
  readonly problem: string | undefined
  readonly elapsedMs: number
  /** Records run for `postgresql`. */
  readonly records: number
  readonly skipped: number
  /** Run records PostgreSQL passes: what counts. */
  readonly target: number
  readonly passed: number
  /** Records that pass here and fail on PostgreSQL. */
  readonly extraPasses: number
  /** Their first lines. */
  readonly extraPassLines: readonly number[]
  /** Where this file or its plan differs from what the baseline ran. */
  readonly baselineProblems: readonly string[]
  /** Failure reasons among target records, most frequent first. */
  readonly reasons: readonly ReasonCount[]
  /** The first failures among target records, with detail and SQL. */
  readonly failures: readonly FailureExample[]
}

export interface TopReason {
  readonly reason: string
  readonly count: number
  readonly cascaded: number
  readonly files: number
  readonly example: (FailureExample & { readonly file: string }) | undefined
}

export interface GroupSummary {
  readonly group: string
  readonly files: number
  readonly target: number
  readonly passed: number
  readonly extraPasses: number
}

/** A record whose pass/fail on the pg backend differs from the baseline. */
export interface ValidationMismatch {
  readonly file: string
  readonly line: number
  readonly baseline: 'pass' | 'fail'
  readonly reason: string | undefined
}

export interface ConformanceReport {
  readonly meta: {
    readonly backend: string
    readonly startedAt: string
    readonly elapsedMs: number
    readonly corpusDir: string
    readonly baselineServer: string
    readonly jobs: number
    readonly fileBudgetMs: number
    readonly node: string
  }
  readonly totals: {
    readonly files: number
    readonly records: number
    readonly skipped: number
    readonly target: number
    readonly passed: number
    readonly extraPasses: number
    readonly filesTimedOut: number
    readonly filesCrashed: number
  }
  readonly groups: readonly GroupSummary[]
  readonly topReasons: readonly TopReason[]
  readonly files: readonly FileSummary[]
  /** pg backend only: records whose outcome differs from the baseline's (the first ones). */
  readonly validation:
    | { readonly mismatchCount: number; readonly mismatches: readonly ValidationMismatch[] }
    | undefined
}

export interface ReportOptions {
  readonly backend: 'engine' | 'pg'
  readonly startedAt: Date
  readonly corpusDir: string
  readonly jobs: number
  readonly fileBudgetMs: number
  /** Failures kept per file with detail and SQL. */
  readonly failuresPerFile: number
}

/** Lines kept per reason per file. */
const reasonLinesMax = 10
/** Validation mismatches kept in the report. */
const validationMismatchesMax = 200

/** `sqlite/select1.test` → `select`; `sqlite/index/between/10/x.test` → `index/between`. */
export function fileGroup(file: string): string {
  const parts = file.split('/')
  if (parts[0] === 'sqlite') parts.shift()
  if (parts.length === 1) return (parts[0] ?? '').replace(/\d*\.test$/, '')
  if (parts[0] === 'index' || parts[0] === 'random') return `${parts[0]}/${parts[1]}`
  return parts[0] ?? file
}

function baselineProblems(outcome: FileOutcome, baseline: Baseline): string[] {
  const entry = baseline.files.get(outcome.file)
  if (entry === undefined) return ['not in the baseline: all its run records count as target']
  const problems: string[] = []
  if (entry.sha1 !== outcome.sha1) problems.push(`file differs from the baseline's (${entry.sha1})`)
  if (entry.records !== outcome.results.length) {
    problems.push(`runs ${outcome.results.length} records, the baseline ran ${entry.records}`)
  }
  if (entry.skipped !== outcome.skipped) {
    problems.push(`skips ${outcome.skipped} records, the baseline skipped ${entry.skipped}`)
  }
  return problems
}

export function summarizeFile(
  outcome: FileOutcome,
  baseline: Baseline,
  failuresPerFile: number,
): FileSummary {
  const failLines = baseline.files.get(outcome.file)?.failLines ?? new Set<number>()
  let target = 0
  let passed = 0
  let extraPasses = 0
  const extraPassLines: number[] = []
  const reasons = new Map<string, { count: number; cascaded: number; lines: number[] }>()
  const failures: FailureExample[] = []
  for (const result of outcome.results) {
    if (failLines.has(result.line)) {
      if (result.isPass) {
        extraPasses++
        if (extraPassLines.length < reasonLinesMax) extraPassLines.push(result.line)
      }
      continue
    }
    target++
    if (result.isPass) {
      passed++
      continue
    }
    const reason = result.reason ?? 'unknown'
    const root = result.cause ?? reason
    const entry = reasons.get(root) ?? { count: 0, cascaded: 0, lines: [] }
    entry.count++
    if (result.cause !== undefined) entry.cascaded++
    if (entry.lines.length < reasonLinesMax) entry.lines.push(result.line)
    reasons.set(root, entry)
    if (failures.length < failuresPerFile) {
      failures.push({
        line: result.line,
        reason,
        cause: result.cause,
        detail: result.detail,
        sql: result.sql,
      })
    }
  }
  return {
    file: outcome.file,
    group: fileGroup(outcome.file),
    status: outcome.status,
    problem: outcome.problem,
    elapsedMs: outcome.elapsedMs,
    records: outcome.results.length,
    skipped: outcome.skipped,
    target,
    passed,
    extraPasses,
    extraPassLines,
    baselineProblems: baselineProblems(outcome, baseline),
    reasons: [...reasons]
      .map(([reason, { count, cascaded, lines }]) => ({ reason, count, cascaded, lines }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    failures,
  }
}

function topReasons(
  outcomes: readonly FileOutcome[],
  files: readonly FileSummary[],
  baseline: Baseline,
): TopReason[] {
  const totals = new Map<string, { count: number; cascaded: number; files: number }>()
  for (const file of files) {
    for (const { reason, count, cascaded } of file.reasons) {
      const entry = totals.get(reason) ?? { count: 0, cascaded: 0, files: 0 }
      entry.count += count
      entry.cascaded += cascaded
      entry.files++
      totals.set(reason, entry)
    }
  }
  // The first target failure of each root reason that kept its SQL, in file order: a record
  // failing with the reason itself if there is one, else one it cascaded to.
  const direct = new Map<string, NonNullable<TopReason['example']>>()
  const cascaded = new Map<string, NonNullable<TopReason['example']>>()
  for (const outcome of outcomes) {
    const failLines = baseline.files.get(outcome.file)?.failLines
    for (const r of outcome.results) {
      if (r.isPass || r.sql === undefined || failLines?.has(r.line) === true) continue
      const reason = r.reason ?? 'unknown'
      const examples = r.cause === undefined ? direct : cascaded
      const root = r.cause ?? reason
      if (examples.has(root)) continue
      examples.set(root, {
        file: outcome.file,
        line: r.line,
        reason,
        cause: r.cause,
        detail: r.detail,
        sql: r.sql,
      })
    }
  }
  return [...totals]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([reason, entry]) => ({
      reason,
      count: entry.count,
      cascaded: entry.cascaded,
      files: entry.files,
      example: direct.get(reason) ?? cascaded.get(reason),
    }))
}

function groupSummaries(files: readonly FileSummary[]): GroupSummary[] {
  const groups = new Map<string, GroupSummary>()
  for (const file of files) {
    const g = groups.get(file.group) ?? {
      group: file.group,
      files: 0,
      target: 0,
      passed: 0,
      extraPasses: 0,
    }
    groups.set(file.group, {
      group: g.group,
      files: g.files + 1,
      target: g.target + file.target,
      passed: g.passed + file.passed,
      extraPasses: g.extraPasses + file.extraPasses,
    })
  }
  return [...groups.values()]
}

/** pg backend: every target record must pass and every record PostgreSQL fails must fail. */
function validate(outcomes: readonly FileOutcome[], baseline: Baseline): ValidationMismatch[] {
  const mismatches: ValidationMismatch[] = []
  for (const outcome of outcomes) {
    const failLines = baseline.files.get(outcome.file)?.failLines ?? new Set<number>()
    for (const result of outcome.results) {
      const isBaselinePass = !failLines.has(result.line)
      if (result.isPass === isBaselinePass) continue
      mismatches.push({
        file: outcome.file,
        line: result.line,
        baseline: isBaselinePass ? 'pass' : 'fail',
        reason: result.reason,
      })
    }
  }
  return mismatches
}

export function buildReport(
  outcomes: readonly FileOutcome[],
  baseline: Baseline,
  options: ReportOptions,
): ConformanceReport {
  const files = outcomes.map((o) => summarizeFile(o, baseline, options.failuresPerFile))
  const sum = (pick: (file: FileSummary) => number): number =>
    files.reduce((total, file) => total + pick(file), 0)
  const validation = options.backend === 'pg' ? validate(outcomes, baseline) : undefined
  return {
    meta: {
      backend: options.backend,
      startedAt: options.startedAt.toISOString(),
      elapsedMs: Date.now() - options.startedAt.getTime(),
      corpusDir: options.corpusDir,
      baselineServer: baseline.server,
      jobs: options.jobs,
      fileBudgetMs: options.fileBudgetMs,
      node: process.version,
    },
    totals: {
      files: files.length,
      records: sum((f) => f.records),
      skipped: sum((f) => f.skipped),
      target: sum((f) => f.target),
      passed: sum((f) => f.passed),
      extraPasses: sum((f) => f.extraPasses),
      filesTimedOut: files.filter((f) => f.status === 'timeout').length,
      filesCrashed: files.filter((f) => f.status === 'crashed').length,
    },
    groups: groupSummaries(files),
    topReasons: topReasons(outcomes, files, baseline),
    files,
    validation:
      validation === undefined
        ? undefined
        : {
            mismatchCount: validation.length,
            mismatches: validation.slice(0, validationMismatchesMax),
          },
  }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

/** One line per file as it finishes. */
export function formatFileLine(file: FileSummary): string {
  const status = file.status === 'complete' ? '' : `  ${file.status.toUpperCase()}`
  return [
    file.file.padEnd(48),
    String(file.passed).padStart(7),
    ` / ${String(file.target).padEnd(6)}`,
    percent(file.passed, file.target).padStart(7),
    seconds(file.elapsedMs).padStart(8),
    status,
  ].join('')
}

/** The report as text: groups, totals, top reasons, baseline or validation problems. */
export function formatReport(report: ConformanceReport, reasonsShown: number): string[] {
  const out: string[] = ['', `${'file'.padEnd(48)}${'passed'.padStart(7)} / target`]
  const byName = [...report.files].sort((a, b) => (a.file < b.file ? -1 : 1))
  for (const file of byName) out.push(formatFileLine(file))
  out.push('', `${'group'.padEnd(24)}${'files'.padStart(6)}${'passed'.padStart(10)} / target`)
  for (const g of report.groups) {
    out.push(
      `${g.group.padEnd(24)}${String(g.files).padStart(6)}${String(g.passed).padStart(10)} / ${String(g.target).padEnd(8)}${percent(g.passed, g.target).padStart(7)}`,
    )
  }
  const t = report.totals
  out.push(
    '',
    `passed ${t.passed} of ${t.target} (${percent(t.passed, t.target)}) target records, ${report.meta.backend}, ${seconds(report.meta.elapsedMs)}`,
    `records run ${t.records}, skipped ${t.skipped}; files timed out ${t.filesTimedOut}, crashed ${t.filesCrashed}`,
    `records passing here that PostgreSQL fails (not counted): ${t.extraPasses}`,
  )
  const shown = report.topReasons.slice(0, reasonsShown)
  if (shown.length > 0) {
    out.push(
      '',
      `top ${shown.length} failure reasons, by target records they cost (including "N via failed CREATE": records that failed because a CREATE failing for this reason left their table or view missing):`,
    )
  }
  for (const reason of shown) {
    const where =
      reason.example === undefined ? '' : `  e.g. ${reason.example.file}:${reason.example.line}`
    const cascaded = reason.cascaded === 0 ? '' : ` (${reason.cascaded} via failed CREATE)`
    out.push(
      `${String(reason.count).padStart(8)}  ${reason.reason}${cascaded}  [${reason.files} files]${where}`,
    )
  }
  for (const file of report.files) {
    for (const problem of file.baselineProblems) out.push(`baseline: ${file.file}: ${problem}`)
    if (file.problem !== undefined) out.push(`${file.status}: ${file.file}: ${file.problem}`)
  }
  if (report.validation !== undefined) {
    out.push(
      '',
      report.validation.mismatchCount === 0
        ? 'runner validation: PostgreSQL passes exactly the records the baseline says it passes'
        : `runner validation: ${report.validation.mismatchCount} records differ from the baseline`,
    )
    for (const m of report.validation.mismatches.slice(0, 50)) {
      out.push(
        `  ${m.file}:${m.line} baseline ${m.baseline}, here ${m.baseline === 'pass' ? `fail (${m.reason})` : 'pass'}`,
      )
    }
  }
  return out
}
