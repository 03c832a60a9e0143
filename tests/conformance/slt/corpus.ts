/**
 * The shared sqllogictest corpus and its PostgreSQL baseline. The corpus lives outside the repo
 * (`../shared/conformance/sqllogictest` beside the checkout, or $SLT_CORPUS); files are named by
 * their path inside it (`sqlite/select1.test`), as in the baseline. The baseline records, per
 * file, which run records PostgreSQL 15 fails; every other run record is the target.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The checkout's root, from this file's compiled location (tests/dist/conformance/slt/). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))

/** Where the corpus is: $SLT_CORPUS, else ../shared/conformance/sqllogictest beside the repo. */
export function defaultCorpusDir(): string {
  const fromEnv = process.env['SLT_CORPUS']
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv)
  return resolve(repoRoot, '..', 'shared', 'conformance', 'sqllogictest')
}

export function hasCorpus(corpusDir: string): boolean {
  return existsSync(join(corpusDir, 'sqlite'))
}

/** Every `*.test` file under the corpus, as corpus-relative paths with `/`, sorted. */
export function listCorpusFiles(corpusDir: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.test')) out.push(relative(corpusDir, path).split(sep).join('/'))
    }
  }
  walk(join(corpusDir, 'sqlite'))
  return out.sort()
}

/** The git blob id of a file's bytes (what MANIFEST.txt and the baseline record). */
export function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

export interface BaselineFile {
  /** Git blob id of the file the baseline ran. */
  readonly sha1: string
  /** Records run for `postgresql` (not skipped, before any applicable halt). */
  readonly records: number
  readonly skipped: number
  /** Lines of the run records PostgreSQL fails. */
  readonly failLines: ReadonlySet<number>
}

export interface Baseline {
  readonly server: string
  readonly files: ReadonlyMap<string, BaselineFile>
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readBaselineFile(name: string, value: unknown): BaselineFile {
  if (!isRecord(value)) throw new Error(`baseline: files["${name}"] is not an object`)
  const { sha1, records, skipped, fail } = value
  if (typeof sha1 !== 'string' || typeof records !== 'number' || typeof skipped !== 'number') {
    throw new Error(`baseline: files["${name}"] lacks sha1/records/skipped`)
  }
  if (!Array.isArray(fail) || !fail.every((line): line is number => typeof line === 'number')) {
    throw new Error(`baseline: files["${name}"].fail is not a list of line numbers`)
  }
  return { sha1, records, skipped, failLines: new Set(fail) }
}

export function loadBaseline(corpusDir: string): Baseline {
  const path = join(corpusDir, 'postgres15-baseline.json')
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (!isRecord(json) || !isRecord(json['files'])) throw new Error(`${path}: no "files" object`)
  const meta = isRecord(json['meta']) ? json['meta'] : {}
  const files = new Map<string, BaselineFile>()
  for (const [name, value] of Object.entries(json['files'])) {
    files.set(name, readBaselineFile(name, value))
  }
  return { server: typeof meta['server'] === 'string' ? meta['server'] : 'unknown', files }
}
