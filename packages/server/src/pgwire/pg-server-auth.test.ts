/**
 * SCRAM-SHA-256 authentication against the real engine's roles, with node-postgres, psql and a
 * raw client; `pg.trust`; and PostgreSQL's errors for roles that may not log in.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Database } from '@bkg-db/engine'
import { Client } from 'pg'
import type { PgServer } from './index.js'
import * as doubles from './test-doubles.test.js'

const { frontendMessage, RawClient, reportFields, ScramClient, saslInitialResponse } = doubles
const { scramLogin, startEngineServer, startServerFor, startupPacket } = doubles
const psqlSkip = existsSync('/usr/bin/psql') ? false : '/usr/bin/psql is not installed'

let database: Database
let server: PgServer

before(async () => {
  ;({ database, server } = await startEngineServer())
  const setup = await database.createSession({ user: 'postgres' })
  for (const sql of [
    "CREATE ROLE carol LOGIN PASSWORD 'carol-pw'",
    "CREATE ROLE dave NOLOGIN PASSWORD 'dave-pw'",
    'CREATE ROLE erin LOGIN',
    "CREATE ROLE frank LOGIN PASSWORD 'frank-pw' VALID UNTIL '2001-01-01 00:00:00+00'",
    "CREATE ROLE grace LOGIN SUPERUSER PASSWORD 'grace-pw'",
  ]) {
    const outcome = await setup.execute(sql)
    assert.equal(outcome.error, undefined, sql)
  }
  setup.close()
})

after(async () => {
  await server.close()
  await database.close()
})

function connect(user: string, password: string, port = server.port): Promise<Client> {
  const client = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' })
  return client.connect().then(() => client)
}

describe('pgwire SCRAM-SHA-256 authentication', () => {
  it('logs in a role with its own password, and the bootstrap role with the credential', async () => {
    const carol = await connect('carol', 'carol-pw')
    const row = (await carol.query('SELECT current_user AS who')).rows[0]
    assert.deepEqual(row, { who: 'carol' })
    await carol.end()
    const postgres = await connect('postgres', 'secret')
    await postgres.end()
  })

  it('refuses wrong passwords, unknown roles and roles without a password alike (28P01)', async () => {
    for (const [user, password] of [
      ['carol', 'wrong'],
      ['ghost', 'anything'],
      ['erin', 'guess'],
      ['frank', 'frank-pw'],
    ] as const) {
      await assert.rejects(connect(user, password), {
        code: '28P01',
        message: `password authentication failed for user "${user}"`,
        severity: 'FATAL',
      })
    }
  })

  it('refuses a NOLOGIN role with the right password (28000)', async () => {
    await assert.rejects(connect('dave', 'dave-pw'), {
      code: '28000',
      message: 'role "dave" is not permitted to log in',
      severity: 'FATAL',
    })
  })

  it('reports is_superuser from the role, not from its name', async () => {
    const reported: Record<string, string | undefined> = {}
    for (const [user, password] of [
      ['grace', 'grace-pw'],
      ['carol', 'carol-pw'],
      ['postgres', 'secret'],
    ] as const) {
      const client = await RawClient.connect(server.port)
      client.send(startupPacket({ user, database: 'postgres' }))
      assert.equal(await scramLogin(client, password), undefined, `${user} logs in`)
      const messages = await client.readUntil('Z')
      const status = messages
        .filter((message) => message.type === 'S')
        .map((message) => message.body.toString('utf8').split('\0'))
        .find(([name]) => name === 'is_superuser')
      reported[user] = status?.[1]
      client.socket.destroy()
    }
    assert.deepEqual(reported, { grace: 'on', carol: 'off', postgres: 'on' })
  })

  it('gives an unknown user the same exchange as a known one', async () => {
    const shapes: string[] = []
    for (const user of ['carol', 'ghost']) {
      const client = await RawClient.connect(server.port)
      client.send(startupPacket({ user, database: 'postgres' }))
      const error = await scramLogin(client, 'wrong')
      const fields = reportFields(error?.body ?? Buffer.alloc(0))
      shapes.push(`${error?.type} ${fields.get('C')}`)
      await client.ended
    }
    assert.deepEqual(shapes, ['E 28P01', 'E 28P01'])
  })

  it('refuses an unknown SASL mechanism and a non-SASL message', async () => {
    const mechanism = await RawClient.connect(server.port)
    mechanism.send(startupPacket({ user: 'carol', database: 'postgres' }))
    await mechanism.expect('R')
    mechanism.send(saslInitialResponse('SCRAM-SHA-1', new ScramClient('x').first()))
    const fields = reportFields((await mechanism.expect('E')).body)
    assert.deepEqual(
      [fields.get('S'), fields.get('C'), fields.get('M')],
      ['FATAL', '08P01', 'client selected an invalid SASL authentication mechanism'],
    )
    await mechanism.ended

    const query = await RawClient.connect(server.port)
    query.send(startupPacket({ user: 'carol', database: 'postgres' }))
    await query.expect('R')
    query.send(frontendMessage('Q', Buffer.from('SELECT 1\0')))
    const error = reportFields((await query.expect('E')).body)
    assert.equal(error.get('M'), 'expected SASL response, got message type 81')
    await query.ended
  })

  it('answers repeated failures from one address more and more slowly', async () => {
    const throttled = await startServerFor(database, { authFailureDelayMs: 150 })
    try {
      const elapsed: number[] = []
      for (let attempt = 0; attempt < 2; attempt++) {
        const started = Date.now()
        await assert.rejects(connect('carol', 'wrong', throttled.port), { code: '28P01' })
        elapsed.push(Date.now() - started)
      }
      assert.ok(elapsed[0] !== undefined && elapsed[0] >= 140, `first ${elapsed[0]} ms`)
      assert.ok(elapsed[1] !== undefined && elapsed[1] >= 290, `second ${elapsed[1]} ms`)
      const ok = await connect('carol', 'carol-pw', throttled.port)
      await ok.end()
    } finally {
      await throttled.close()
    }
  })

  it('lets clients from a pg.trust address in without a password', async () => {
    const trusting = await startServerFor(database, { trust: ['127.0.0.0/8'] })
    try {
      const client = await RawClient.connect(trusting.port)
      client.send(startupPacket({ user: 'erin', database: 'postgres' }))
      const first = await client.expect('R')
      assert.equal(first.body.readInt32BE(0), 0, 'AuthenticationOk at once')
      await client.readUntil('Z')
      client.socket.destroy()
      const other = await startServerFor(database, { trust: ['10.0.0.0/8'] })
      try {
        await assert.rejects(connect('erin', 'guess', other.port), { code: '28P01' })
      } finally {
        await other.close()
      }
    } finally {
      await trusting.close()
    }
  })

  it('authenticates psql with SCRAM', { skip: psqlSkip }, async () => {
    const run = (password: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          '/usr/bin/psql',
          [
            '-h',
            '127.0.0.1',
            '-p',
            String(server.port),
            '-U',
            'carol',
            '-d',
            'postgres',
            '-Atc',
            'select current_user',
          ],
          {
            env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
            timeout: 15_000,
          },
          (error, stdout, stderr) =>
            resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
        )
      })
    const ok = await run('carol-pw')
    assert.equal(ok.code, 0, ok.stderr)
    assert.equal(ok.stdout.trim(), 'carol')
    const denied = await run('nope')
    assert.notEqual(denied.code, 0)
    assert.match(denied.stderr, /password authentication failed for user "carol"/)
  })
})
