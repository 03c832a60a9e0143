/**
 * The command line without a server: help and version exit 0, wrong usage and configuration
 * errors exit 2 with one clear line on stderr. Starting a real server is covered by
 * tests/e2e/cli.test.ts, which runs the built command as a child process.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CliIo } from './cli-io.js'
import { runCli } from './run-cli.js'

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
    cwd: '/nonexistent-bkg-db-test-dir',
  }
  const exitCode = await runCli(argv, io)
  return { exitCode, stdout, stderr }
}

describe('bkg-db', () => {
  for (const flag of ['--help', '-h', 'help']) {
    it(`prints usage for ${flag} and exits 0`, async () => {
      const result = await run([flag])
      assert.equal(result.exitCode, 0)
      assert.match(result.stdout, /^Usage:\n {2}bkg-db start \[options\]/m)
      assert.match(result.stdout, /--pg-port N/)
      assert.equal(result.stderr, '')
    })
  }

  for (const flag of ['--version', '-v']) {
    it(`prints the version for ${flag} and exits 0`, async () => {
      const result = await run([flag])
      assert.equal(result.exitCode, 0)
      assert.match(result.stdout, /^bkg-db \d+\.\d+\.\d+ \(PostgreSQL [\d.]+ dialect\)\n$/)
    })
  }

  it('prints start usage for start --help', async () => {
    const result = await run(['start', '--help'])
    assert.equal(result.exitCode, 0)
    assert.match(result.stdout, /^Usage: bkg-db start/)
  })

  it('exits 2 without a command, or with an unknown one', async () => {
    const missing = await run([])
    assert.equal(missing.exitCode, 2)
    assert.equal(missing.stderr, 'bkg-db: missing command\nRun "bkg-db --help" for usage.\n')
    const unknown = await run(['strat'])
    assert.equal(unknown.exitCode, 2)
    assert.match(unknown.stderr, /^bkg-db: unknown command "strat"\n/)
    const unknownOption = await run(['--verbose'])
    assert.match(unknownOption.stderr, /^bkg-db: unknown option "--verbose"\n/)
  })

  it('exits 2 for an unknown flag, a flag without its value, or a stray argument', async () => {
    const unknown = await run(['start', '--http-prot', '1'])
    assert.equal(unknown.exitCode, 2)
    assert.match(unknown.stderr, /^bkg-db: start: Unknown option '--http-prot'\n/)
    const missingValue = await run(['start', '--pg-port'])
    assert.equal(missingValue.exitCode, 2)
    assert.match(missingValue.stderr, /--pg-port/)
    const positional = await run(['start', 'now'])
    assert.equal(positional.exitCode, 2)
    assert.match(positional.stderr, /now/)
  })

  it('exits 2 with the config error for a bad flag or environment value', async () => {
    const flag = await run(['start', '--http-port', 'abc'])
    assert.equal(flag.exitCode, 2)
    assert.equal(
      flag.stderr,
      'bkg-db: config error: --http-port (from command line) must be an integer from 0 to 65535 ' +
        '(0 picks a free port), got "abc"\n',
    )
    const env = await run(['start'], { BKG_DB_LOG_FORMAT: 'xml' })
    assert.equal(env.exitCode, 2)
    assert.match(
      env.stderr,
      /BKG_DB_LOG_FORMAT \(from environment\) must be one of json, pretty, auto/,
    )
  })
})
