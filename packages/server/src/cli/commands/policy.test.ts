/**
 * `bkg-db policy compile`: the issue's DBAL YAML and a JSON policy file compile to the same SQL
 * as the engine's golden fixtures (so YAML and its JSON form agree), against a schema given as
 * SQL or as a data directory; invalid rules and files exit 2 naming the rule and the problem.
 */
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '@bkg-db/engine'
import type { CliIo } from '../cli-io.js'
import { runCli } from '../run-cli.js'

const fixtures = fileURLToPath(new URL('../../../../engine/src/policy/fixtures', import.meta.url))

const issueYaml = `# The example of issue #5, as DBAL users write it.
rules:
  - entity: User
    role: [user]
    operations: [read]
    row_level_filter: "id = $user.id"
  - entity: User
    role: [admin, god, supergod]
    operations: [create, read, update, delete]
  - entity: PageConfig
    role: [user, admin]
    operations: [read]
    row_level_filter: "level <= $user.level"
`

let dir: string

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
    cwd: dir,
  }
  const exitCode = await runCli(argv, io)
  return { exitCode, stdout, stderr }
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'bkg-policy-cli-'))
  writeFileSync(join(dir, 'acl.yaml'), issueYaml)
  copyFileSync(join(fixtures, 'acl-dbal-example', 'schema.sql'), join(dir, 'schema.sql'))
})

after(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('bkg-db policy compile', () => {
  it('prints the SQL of the issue YAML, equal to the JSON form golden output', async () => {
    const result = await run(['policy', 'compile', 'acl.yaml', '--schema-sql', 'schema.sql'])
    assert.equal(result.stderr, '')
    assert.equal(result.exitCode, 0)
    const expected = readFileSync(join(fixtures, 'acl-dbal-example', 'expected.sql'), 'utf8')
    assert.equal(result.stdout, expected)
    const again = await run(['policy', 'compile', 'acl.yaml', '--schema-sql', 'schema.sql'])
    assert.equal(again.stdout, result.stdout, 'deterministic')
  })

  it('compiles JSON policy documents too', async () => {
    const json = join(fixtures, 'json-notes')
    const result = await run([
      'policy',
      'compile',
      join(json, 'policies.json'),
      '--schema-sql',
      join(json, 'schema.sql'),
    ])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.equal(result.stdout, readFileSync(join(json, 'expected.sql'), 'utf8'))
  })

  it('checks against a data directory', async () => {
    const dataDir = join(dir, 'data')
    const db = await openDatabase({ path: dataDir })
    const session = db.createSession({ user: 'postgres' })
    const { error } = await session.execute(readFileSync(join(dir, 'schema.sql'), 'utf8'))
    assert.equal(error, undefined)
    await db.close()
    const result = await run(['policy', 'compile', 'acl.yaml', '--data-dir', 'data'])
    assert.equal(result.exitCode, 0, result.stderr)
    assert.match(result.stdout, /CREATE POLICY dbal_2_read ON public\.page_config/)
    const byEnv = await run(['policy', 'compile', 'acl.yaml'], { BKG_DB_DATA_DIR: dataDir })
    assert.equal(byEnv.stdout, result.stdout)
  })

  it('exits 2 naming the rule and the problem, printing no SQL', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      `${issueYaml}  - entity: PageConfig\n    role: user\n    operations: [read]\n    row_level_filter: "levle <= $user.level"\n`,
    )
    const result = await run(['policy', 'compile', 'bad.yaml', '--schema-sql', 'schema.sql'])
    assert.equal(result.exitCode, 2)
    assert.equal(result.stdout, '')
    assert.equal(
      result.stderr,
      'bkg-db: bad.yaml: rules[3] (entity PageConfig): row_level_filter: column "levle" does not exist\n',
    )
  })

  it('exits 2 for a file that is not YAML, repeats a key, or is missing', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'rules: [\n')
    const broken = await run(['policy', 'compile', 'broken.yaml', '--schema-sql', 'schema.sql'])
    assert.equal(broken.exitCode, 2)
    assert.match(broken.stderr, /^bkg-db: broken\.yaml: not valid YAML: /)
    writeFileSync(join(dir, 'twice.yaml'), 'rules: []\nrules: []\n')
    const twice = await run(['policy', 'compile', 'twice.yaml', '--schema-sql', 'schema.sql'])
    assert.equal(twice.exitCode, 2)
    assert.match(twice.stderr, /not valid YAML: .*unique/i)
    const missing = await run(['policy', 'compile', 'nope.yaml', '--schema-sql', 'schema.sql'])
    assert.equal(missing.exitCode, 2)
    assert.equal(missing.stderr, 'bkg-db: nope.yaml: no such file\n')
  })

  it('exits 2 for wrong usage', async () => {
    const noAction = await run(['policy'])
    assert.equal(noAction.exitCode, 2)
    assert.match(noAction.stderr, /policy: unknown action ""/)
    const noFile = await run(['policy', 'compile'])
    assert.match(noFile.stderr, /missing FILE/)
    const both = await run([
      'policy',
      'compile',
      'acl.yaml',
      '--data-dir',
      'd',
      '--schema-sql',
      's',
    ])
    assert.match(both.stderr, /not both/)
    const noSchema = await run(['policy', 'compile', 'acl.yaml'])
    assert.equal(noSchema.exitCode, 2)
    assert.match(noSchema.stderr, /does not exist; give --data-dir or --schema-sql/)
    const help = await run(['policy', '--help'])
    assert.equal(help.exitCode, 0)
    assert.match(help.stdout, /^Usage: bkg-db policy compile FILE/)
  })
})
