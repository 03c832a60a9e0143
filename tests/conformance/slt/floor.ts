/**
 * The smoke floor (tests/conformance/floor.json, committed): the files `npm test` runs and the
 * fewest target records they must pass. A regression below the floor fails the build; an
 * improvement is recorded by raising it (`npm run conformance -- --smoke --update-floor`).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './corpus.js'

export interface SmokeFloor {
  /** Corpus-relative files of the smoke subset. */
  readonly files: readonly string[]
  /** Per-file budget in the smoke run. */
  readonly fileBudgetMs: number
  /** Target records the smoke files must pass at least. */
  readonly passedMin: number
}

export const floorPath = join(repoRoot, 'tests', 'conformance', 'floor.json')

const floorComment =
  'Smoke subset of the sqllogictest corpus run by npm test (tests/conformance/slt-smoke.test.ts): ' +
  'it must pass at least passedMin target records. Raise with: npm run conformance -- --smoke --update-floor'

export function readFloor(): SmokeFloor {
  const json: unknown = JSON.parse(readFileSync(floorPath, 'utf8'))
  if (typeof json !== 'object' || json === null) throw new Error(`${floorPath}: not an object`)
  const files: unknown = 'files' in json ? json.files : undefined
  const budget: unknown = 'fileBudgetMs' in json ? json.fileBudgetMs : undefined
  const passedMin: unknown = 'passedMin' in json ? json.passedMin : undefined
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === 'string')) {
    throw new Error(`${floorPath}: "files" must be a list of corpus paths`)
  }
  if (typeof budget !== 'number' || typeof passedMin !== 'number') {
    throw new Error(`${floorPath}: "fileBudgetMs" and "passedMin" must be numbers`)
  }
  return { files, fileBudgetMs: budget, passedMin }
}

export function writeFloor(floor: SmokeFloor): void {
  const json = { comment: floorComment, ...floor }
  writeFileSync(floorPath, `${JSON.stringify(json, null, 2)}\n`)
}
