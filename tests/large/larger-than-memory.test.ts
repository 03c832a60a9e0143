/**
 * Larger than memory, small: a database more than 10× its buffer-pool budget (2 MiB cache, a
 * 24 MiB load) is loaded, changed, reopened and read back — chunked scans, a full scan on a non-key
 * predicate, point lookups of present, deleted and absent ids — and every row must match the
 * values computed from its id. It runs bench/larger-than-memory.mjs (the same check `npm run
 * test:large` runs at 16 MiB / 300 MiB) in a child process and reads its JSON result.
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { repoPaths } from '../support/repo-paths.js'
import { runCommand } from '../support/run-command.js'

interface LargerThanMemoryResult {
  readonly cacheMultiple: number
  readonly rowsLoaded: number
  readonly rowsVerified: number
  readonly scannedRows: number
  readonly mismatches: readonly string[]
}

const script = join(repoPaths.root, 'bench', 'larger-than-memory.mjs')

test('a database over 10x its cache budget reads back exactly what was written', async () => {
  const run = await runCommand(
    process.execPath,
    [script, '--cache-mib', '2', '--table-mib', '24', '--lookups', '2000', '--json'],
    { timeoutMs: 90_000 },
  )
  assert.equal(run.exitCode, 0, `exit ${run.exitCode ?? run.signal}\n${run.stdout}\n${run.stderr}`)
  const line = run.stdout.split('\n').find((text) => text.startsWith('RESULT '))
  assert.ok(line !== undefined, `no RESULT line in:\n${run.stdout}`)
  // JSON enters here; the fields used are checked below.
  const result = JSON.parse(line.slice('RESULT '.length)) as LargerThanMemoryResult
  assert.deepEqual(result.mismatches, [])
  assert.ok(result.cacheMultiple >= 10, `data file only ${result.cacheMultiple}x the cache`)
  assert.equal(result.rowsVerified, result.rowsLoaded - 1_000, 'all rows but the deleted block')
  assert.equal(result.scannedRows, 5_000, 'the full scan finds exactly the negated block')
})
