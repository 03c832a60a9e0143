/**
 * The built `bkg-db` command as a user runs it: --help and --version exit 0; wrong usage, a
 * malformed config file and a port already in use exit 2 with a message naming the culprit,
 * and nothing keeps running afterwards.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { findFreePort } from '../support/find-free-port.js'
import { repoPaths } from '../support/repo-paths.js'
import { type CommandResult, cleanEnv, runCommand } from '../support/run-command.js'

let workDir = ''

before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'bkg-db-cli-'))
})

after(() => {
  rmSync(workDir, { recursive: true, force: true })
})

function bkgDb(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CommandResult> {
  return runCommand(process.execPath, [repoPaths.cli, ...args], {
    cwd: workDir,
    env: cleanEnv(env),
  })
}

async function holdPort(): Promise<{ port: number; server: Server }> {
  const port = await findFreePort()
  const server = createServer()
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port }, resolve))
  return { port, server }
}

describe('bkg-db --help and --version', () => {
  for (const flag of ['--help', '-h']) {
    it(`${flag} prints usage and exits 0`, async () => {
      const result = await bkgDb([flag])
      assert.equal(result.exitCode, 0)
      assert.match(result.stdout, /Usage:\n {2}bkg-db start \[options\]/)
    })
  }

  for (const flag of ['--version', '-v']) {
    it(`${flag} prints the version and exits 0`, async () => {
      const result = await bkgDb([flag])
      assert.equal(result.exitCode, 0)
      assert.match(result.stdout, /^bkg-db \d+\.\d+\.\d+/)
    })
  }
})

describe('bkg-db wrong usage', () => {
  it('exits 2 for an unknown command', async () => {
    const result = await bkgDb(['serve'])
    assert.equal(result.exitCode, 2)
    assert.match(result.stderr, /unknown command "serve"/)
  })

  it('exits 2 for an unknown flag', async () => {
    const result = await bkgDb(['start', '--port', '1'])
    assert.equal(result.exitCode, 2)
    assert.match(result.stderr, /Unknown option '--port'/)
  })
})

describe('bkg-db start with a malformed config file', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a bad value',
      'http:\n  port: abc\n',
      /config error: http\.port \(from bad\.yaml\) must be an integer from 0 to 65535.*got "abc"/,
    ],
    [
      'an unknown key',
      'pg:\n  prot: 5432\n',
      /config error: pg\.prot \(from bad\.yaml\) is not a known key/,
    ],
    ['broken YAML', 'http:\n  port: [54321\n', /config error: cannot parse bad\.yaml: .*line \d+/],
  ]
  for (const [what, text, message] of cases) {
    it(`exits 2 for ${what}, naming the key`, async () => {
      writeFileSync(join(workDir, 'bad.yaml'), text)
      const result = await bkgDb([
        'start',
        '--config',
        'bad.yaml',
        '--data-dir',
        join(workDir, 'data'),
      ])
      assert.equal(result.exitCode, 2)
      assert.match(result.stderr, message)
      assert.equal(result.stdout, '')
    })
  }

  it('exits 2 for a bad environment variable, naming it', async () => {
    const result = await bkgDb(['start'], { BKG_DB_HTTP_PORT: '65536' })
    assert.equal(result.exitCode, 2)
    assert.match(result.stderr, /BKG_DB_HTTP_PORT \(from environment\) must be an integer/)
  })
})

describe('bkg-db start with a port in use', () => {
  for (const face of ['HTTP', 'pgwire'] as const) {
    it(`exits 2 naming the ${face} port`, async () => {
      const taken = await holdPort()
      try {
        const free = await findFreePort()
        const [httpPort, pgPort] = face === 'HTTP' ? [taken.port, free] : [free, taken.port]
        const result = await bkgDb([
          'start',
          '--data-dir',
          join(workDir, `data-${face}`),
          '--http-port',
          String(httpPort),
          '--pg-port',
          String(pgPort),
        ])
        assert.equal(result.exitCode, 2, result.stderr)
        assert.match(
          result.stderr,
          new RegExp(
            `cannot start ${face}: port ${taken.port} on 127\\.0\\.0\\.1 is already in use`,
          ),
        )
      } finally {
        taken.server.close()
      }
    })
  }
})
