// Random differential test: generated schemas, data and queries run on bkg-db and on PostgreSQL
// 15 (127.0.0.1:5432, or BKG_DIFF_PG_URL), whose answers must agree by the rule of
// support/compare-outcomes.ts. Bounded for `npm test`: BKG_DIFF_CASES cases (default 200) over
// BKG_DIFF_SCHEMAS schemas (default 3), from BKG_DIFF_SEED (default: a fixed seed, so `npm test` is deterministic;
// `npm run differential` explores fresh seeds);
// BKG_DIFF_ONLY=i replays case i of each schema. The long run is `npm run differential`.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatMismatch, runDifferential } from './differential-run.js'

/** npm test's seed: random seeds belong in `npm run differential`, where a failure is a finding,
 * not a flaky build. */
const fixedSeed = 20261202

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
  }
  return value
}

test('bkg-db agrees with PostgreSQL on generated queries', async () => {
  const seed = intFromEnv('BKG_DIFF_SEED', fixedSeed)
  const schemas = Math.max(1, intFromEnv('BKG_DIFF_SCHEMAS', 3))
  const cases = intFromEnv('BKG_DIFF_CASES', 200)
  const onlyRaw = process.env['BKG_DIFF_ONLY']
  const only = onlyRaw === undefined || onlyRaw === '' ? undefined : intFromEnv('BKG_DIFF_ONLY', 0)
  const report = await runDifferential({
    seed,
    schemas,
    casesPerSchema: Math.ceil(cases / schemas),
    only,
  })
  const shown = report.mismatches
    .slice(0, 5)
    .map((result) => formatMismatch(result, report.schemas.get(result.schemaSeed)))
  assert.equal(
    report.mismatches.length,
    0,
    `BKG_DIFF_SEED=${seed}: ${report.mismatches.length} of ${report.cases} cases differ ` +
      `from PostgreSQL\n${shown.join('\n\n')}`,
  )
  // A run that compares nothing proves nothing: most cases must have been compared in full.
  assert.ok(report.matched >= report.cases / 2, `seed ${seed}: only ${report.matched} matched`)
})
