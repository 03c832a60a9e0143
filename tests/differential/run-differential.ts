/**
 * `npm run differential`: the long random differential run against PostgreSQL (see
 * differential-run.ts), with a summary of the mismatches grouped by kind and the first example
 * of each group in full, so a developer can replay it. Exit code 1 if any case mismatched.
 *
 *   BKG_DIFF_SEED=n      first schema seed (default: fresh; printed)
 *   BKG_DIFF_CASES=n     total cases (default 20000)
 *   BKG_DIFF_SCHEMAS=n   schemas the cases are spread over (default 20)
 *   BKG_DIFF_ONLY=i      replay case i of each schema only
 *   BKG_DIFF_VERBOSE=1   print every mismatch in full, not one per group, and examples of
 *                        the skipped cases
 *   BKG_DIFF_PG_URL=url  the PostgreSQL to compare with (default 127.0.0.1:5432)
 */
import {
  type CaseResult,
  formatMismatch,
  mismatchSignature,
  runDifferential,
  seedMax,
} from './differential-run.js'

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  }
  return value
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

const seed = intFromEnv('BKG_DIFF_SEED', Math.floor(Math.random() * seedMax))
const schemas = Math.max(1, intFromEnv('BKG_DIFF_SCHEMAS', 20))
const cases = intFromEnv('BKG_DIFF_CASES', 20_000)
const onlyRaw = process.env['BKG_DIFF_ONLY']
const only = onlyRaw === undefined || onlyRaw === '' ? undefined : intFromEnv('BKG_DIFF_ONLY', 0)
const verbose = process.env['BKG_DIFF_VERBOSE'] === '1'
print(`differential run: BKG_DIFF_SEED=${seed}, ${cases} cases over ${schemas} schemas`)

const started = Date.now()
let done = 0
const report = await runDifferential({
  seed,
  schemas,
  casesPerSchema: Math.ceil(cases / schemas),
  only,
  onCase: () => {
    done += 1
    if (done % 1000 === 0) print(`  ${done} cases, ${Math.round((Date.now() - started) / 1000)} s`)
  },
})

const groups = new Map<string, CaseResult[]>()
for (const result of report.mismatches) {
  const signature = mismatchSignature(result)
  groups.set(signature, [...(groups.get(signature) ?? []), result])
}
const sorted = [...groups].sort((a, b) => b[1].length - a[1].length)
for (const [signature, results] of sorted) {
  print(`\n== ${results.length} x ${signature}`)
  for (const result of verbose ? results : results.slice(0, 1)) {
    print(formatMismatch(result, report.schemas.get(result.schemaSeed)))
  }
}
print('\nskipped (outcome depends on evaluation order):')
for (const [reason, count] of [...report.skippedReasons].sort((a, b) => b[1] - a[1])) {
  print(`  ${count} x ${reason}`)
}
if (verbose) {
  for (const result of report.skippedExamples) {
    print(formatMismatch(result, report.schemas.get(result.schemaSeed)))
  }
}
print(
  `\nseed ${seed}: ${report.cases} cases in ${Math.round((Date.now() - started) / 1000)} s: ` +
    `${report.matched} matched (${report.postgresErrors} where PostgreSQL raised an error), ` +
    `${report.skipped} skipped, ${report.mismatches.length} mismatched in ${groups.size} groups`,
)
process.exitCode = report.mismatches.length > 0 ? 1 : 0
