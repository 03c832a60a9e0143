/**
 * A differential run: for each schema seed, a fresh schema with generated data on both bkg-db
 * and PostgreSQL, then generated queries compared by the rule of support/compare-outcomes.ts.
 * Shared by the bounded run in `npm test` (random-queries.test.ts) and the long run of
 * `npm run differential` (run-differential.ts).
 *
 * Seeds: a run has a seed S below 2^32. Schema k (0-based) is generated from seed S + k; case i
 * of that schema from seed (S + k) * 2^20 + i, so any case replays on its own with
 * `BKG_DIFF_SEED=S+k BKG_DIFF_ONLY=i`, whatever the other cases drew.
 */
import { Random } from '@bkg-db/engine'
import { generateCase } from './generator/query-generator.js'
import { generateSchema, type SchemaSpec } from './generator/schema-generator.js'
import {
  type CompareOptions,
  compareOutcomes,
  type Outcome,
  type Verdict,
} from './support/compare-outcomes.js'
import { DifferentialHarness } from './support/differential-harness.js'

export const seedMax = 2 ** 32
export const casesPerSchemaMax = 2 ** 20
const skippedExamplesMax = 3

export interface DifferentialRunOptions {
  readonly seed: number
  readonly schemas: number
  readonly casesPerSchema: number
  /** Run only this case index of each schema (replaying one case). */
  readonly only?: number | undefined
  /** Called after each case, e.g. to print progress. */
  readonly onCase?: ((result: CaseResult) => void) | undefined
}

export interface CaseResult {
  readonly schemaSeed: number
  readonly index: number
  readonly sql: string
  readonly options: CompareOptions
  readonly verdict: Verdict
  readonly postgres: Outcome
  readonly engine: Outcome
}

export interface DifferentialReport {
  readonly cases: number
  readonly matched: number
  readonly skipped: number
  /** Statements where PostgreSQL raised an error (any kind): how many cases test errors. */
  readonly postgresErrors: number
  readonly mismatches: readonly CaseResult[]
  readonly skippedReasons: ReadonlyMap<string, number>
  /** The first few skipped cases of each reason, to look at by hand. */
  readonly skippedExamples: readonly CaseResult[]
  readonly schemas: ReadonlyMap<number, SchemaSpec>
}

export async function runDifferential(
  options: DifferentialRunOptions,
): Promise<DifferentialReport> {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed >= seedMax) {
    throw new Error(`a differential seed is an integer in [0, 2^32), got ${options.seed}`)
  }
  if (options.casesPerSchema > casesPerSchemaMax) {
    throw new Error(`at most ${casesPerSchemaMax} cases per schema`)
  }
  const mismatches: CaseResult[] = []
  const skippedReasons = new Map<string, number>()
  const skippedExamples: CaseResult[] = []
  const schemas = new Map<number, SchemaSpec>()
  let cases = 0
  let matched = 0
  let skipped = 0
  let postgresErrors = 0
  for (let k = 0; k < options.schemas; k++) {
    const schemaSeed = options.seed + k
    const schema = generateSchema(new Random(schemaSeed))
    schemas.set(schemaSeed, schema)
    const harness = await DifferentialHarness.open()
    try {
      await harness.setup(schema.statements)
      const indexes =
        options.only === undefined
          ? Array.from({ length: options.casesPerSchema }, (_, index) => index)
          : [options.only]
      for (const index of indexes) {
        const result = await runCase(harness, schema, schemaSeed, index)
        cases += 1
        if (result.postgres.kind === 'error') postgresErrors += 1
        if (result.verdict.verdict === 'match') matched += 1
        else if (result.verdict.verdict === 'skipped') {
          skipped += 1
          const reason = result.verdict.reason
          const seen = skippedReasons.get(reason) ?? 0
          skippedReasons.set(reason, seen + 1)
          if (seen < skippedExamplesMax) skippedExamples.push(result)
        } else mismatches.push(result)
        options.onCase?.(result)
      }
    } finally {
      await harness.close()
    }
  }
  return {
    cases,
    matched,
    skipped,
    postgresErrors,
    mismatches,
    skippedReasons,
    skippedExamples,
    schemas,
  }
}

async function runCase(
  harness: DifferentialHarness,
  schema: SchemaSpec,
  schemaSeed: number,
  index: number,
): Promise<CaseResult> {
  const generated = generateCase(new Random(schemaSeed * casesPerSchemaMax + index), schema)
  const { engine, postgres } = await harness.run(generated.sql)
  const options: CompareOptions = {
    orderKeys: generated.orderKeys,
    dataDependentErrors: generated.risks,
  }
  const verdict = compareOutcomes(postgres, engine, options)
  return { schemaSeed, index, sql: generated.sql, options, verdict, postgres, engine }
}

/** A mismatch (or a skipped case) as a developer needs it to reproduce: seeds, schema, SQL, both outcomes. */
export function formatMismatch(result: CaseResult, schema: SchemaSpec | undefined): string {
  const verdict = result.verdict
  const kind = verdict.verdict === 'mismatch' ? `${verdict.kind}: ${verdict.detail}` : ''
  const lines = [
    verdict.verdict === 'skipped' ? `skipped: ${verdict.reason}` : `mismatch ${kind}`,
    `  replay: BKG_DIFF_SEED=${result.schemaSeed} BKG_DIFF_ONLY=${result.index}`,
    `  schema: ${(schema?.statements ?? []).join(';\n          ')}`,
    `  sql: ${result.sql}`,
    `  order keys: ${result.options.orderKeys?.join(', ') ?? 'none'}; risks: ${
      [...(result.options.dataDependentErrors ?? [])].join(', ') || 'none'
    }`,
    `  PostgreSQL: ${formatOutcome(result.postgres)}`,
    `  bkg-db:     ${formatOutcome(result.engine)}`,
  ]
  return lines.join('\n')
}

const rowsShownMax = 12

export function formatOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'error':
      return `error ${outcome.code}: ${outcome.message}`
    case 'command':
      return outcome.tag
    case 'rows': {
      const header = outcome.columns.map((column) => `${column.name}:${column.typeOid}`).join(', ')
      const rows = outcome.rows.slice(0, rowsShownMax).map((row) => JSON.stringify(row))
      const more = outcome.rows.length > rowsShownMax ? ` ... (${outcome.rows.length} rows)` : ''
      return `${outcome.tag} (${header}) ${rows.join(' ')}${more}`
    }
  }
}

/**
 * A short signature of a mismatch for grouping: its kind and the detail with literals and
 * numbers blanked, so one bug met by many queries counts once.
 */
export function mismatchSignature(result: CaseResult): string {
  const verdict = result.verdict
  if (verdict.verdict !== 'mismatch') return verdict.verdict
  const detail = verdict.detail
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\[.*\]/g, '[…]')
    .replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, 'N')
  return `${verdict.kind}: ${detail}`
}
