/**
 * pgwire in front of the real engine (`openDatabase({ path: ':memory:' })`): node-postgres and
 * psql create, fill and read tables, see engine errors with their codes and positions, and a
 * client that leaves inside a transaction has its work rolled back.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Database } from '@bkg-db/engine'
import { Client } from 'pg'
import type { PgServer } from './index.js'
import {
  cstring,
  dataRowValues,
  frontendMessage,
  RawClient,
  reportFields,
  scramLogin,
  startEngineServer,
  startupPacket,
} from './test-doubles.test.js'

const psqlPath = '/usr/bin/psql'
const psqlSkip = existsSync(psqlPath) ? false : `${psqlPath} is not installed`

let database: Database
let server: PgServer

before(async () => {
  ;({ database, server } = await startEngineServer())
})

after(async () => {
  await server.close()
  await database.close()
})

async function connectPg(): Promise<Client> {
  const client = new Client({
    host: '127.0.0.1',
    port: server.port,
    user: 'postgres',
    password: 'secret',
    database: 'postgres',
  })
  await client.connect()
  return client
}

async function withClient(body: (client: Client) => Promise<void>): Promise<void> {
  const client = await connectPg()
  try {
    await body(client)
  } finally {
    await client.end()
  }
}

function psql(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const connection = ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres']
  return new Promise((resolve) => {
    execFile(
      psqlPath,
      ['-X', '-v', 'ON_ERROR_STOP=1', ...connection, '-d', 'postgres', ...args],
      { env: { ...process.env, PGPASSWORD: 'secret', PGCONNECT_TIMEOUT: '5' }, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      },
    )
  })
}

describe('pgwire on the real engine', () => {
  it('runs SELECT 1 for node-postgres', async () => {
    await withClient(async (client) => {
      const result = await client.query('SELECT 1 AS one')
      assert.deepEqual(result.rows, [{ one: 1 }])
      assert.equal(result.fields[0]?.dataTypeID, 23)
    })
  })

  it('creates, fills and reads a table, NULLs and booleans included', async () => {
    await withClient(async (client) => {
      await client.query(
        'CREATE TABLE pets (id int PRIMARY KEY, name text, indoor boolean); ' +
          "INSERT INTO pets VALUES (1, 'Rex', false), (2, NULL, true)",
      )
      const result = await client.query('SELECT id, name, indoor FROM pets ORDER BY id')
      assert.deepEqual(result.rows, [
        { id: 1, name: 'Rex', indoor: false },
        { id: 2, name: null, indoor: true },
      ])
      assert.equal(result.command, 'SELECT')
      assert.equal(result.rowCount, 2)
      await client.query('DROP TABLE pets')
    })
  })

  it('reports engine errors with code and position', async () => {
    await withClient(async (client) => {
      await assert.rejects(client.query('SELECT * FROM missing_table'), {
        code: '42P01',
        message: 'relation "missing_table" does not exist',
        position: '15',
      })
      await assert.rejects(client.query('SELEC 1'), { code: '42601', position: '1' })
      assert.deepEqual((await client.query('SELECT 2 AS two')).rows, [{ two: 2 }])
    })
  })

  it('passes notices on to the client', async () => {
    await withClient(async (client) => {
      const notices: string[] = []
      client.on('notice', (notice) => notices.push(notice.message ?? ''))
      await client.query('DROP TABLE IF EXISTS never_created')
      assert.deepEqual(notices, ['table "never_created" does not exist, skipping'])
    })
  })

  it('rolls back the open transaction of a client that disconnects', async () => {
    await withClient(async (client) => {
      await client.query('CREATE TABLE ledger (id int PRIMARY KEY)')
    })
    const sessionsBefore = database.sessionCount
    const leaving = await RawClient.ready(server.port)
    leaving.send(frontendMessage('Q', cstring('BEGIN; INSERT INTO ledger VALUES (1)')))
    await leaving.readUntil('Z')
    assert.equal(database.sessionCount, sessionsBefore + 1)
    leaving.socket.destroy()
    await leaving.ended
    const deadline = Date.now() + 3000
    while (database.sessionCount > sessionsBefore && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    assert.equal(database.sessionCount, sessionsBefore, 'the session was closed')
    await withClient(async (client) => {
      assert.deepEqual((await client.query('SELECT id FROM ledger')).rows, [])
      await client.query('INSERT INTO ledger VALUES (1)')
      assert.deepEqual((await client.query('SELECT id FROM ledger')).rows, [{ id: 1 }])
      await client.query('DROP TABLE ledger')
    })
  })

  it('serves psql -c with several statements and an error', { skip: psqlSkip }, async () => {
    const run = await psql([
      '-At',
      '-c',
      'CREATE TABLE notes (id int PRIMARY KEY, body text); ' +
        "INSERT INTO notes VALUES (1, 'hello'); SELECT body FROM notes; DROP TABLE notes",
    ])
    assert.equal(run.stderr, '')
    assert.equal(run.code, 0)
    assert.equal(run.stdout, 'CREATE TABLE\nINSERT 0 1\nhello\nDROP TABLE\n')

    const failed = await psql(['-c', 'SELECT * FROM nowhere'])
    assert.equal(failed.code, 1)
    assert.match(
      failed.stderr,
      /ERROR: {2}relation "nowhere" does not exist\nLINE 1: SELECT \* FROM nowhere\n {22}\^/,
    )
  })

  it('applies startup settings and reports them in ParameterStatus', async () => {
    const client = await RawClient.connect(server.port)
    client.send(
      startupPacket({
        user: 'postgres',
        database: 'postgres',
        application_name: 'reporter',
        DateStyle: 'ISO, DMY',
        options: '-c TimeZone=Europe/Paris --IntervalStyle=iso_8601',
      }),
    )
    await scramLogin(client, 'secret')
    const messages = await client.readUntil('Z')
    const reported = new Map(
      messages
        .filter((message) => message.type === 'S')
        .map(
          (message) => message.body.toString('utf8').split('\0').slice(0, 2) as [string, string],
        ),
    )
    assert.equal(reported.get('application_name'), 'reporter')
    assert.equal(reported.get('DateStyle'), 'ISO, DMY')
    assert.equal(reported.get('TimeZone'), 'Europe/Paris')
    assert.equal(reported.get('IntervalStyle'), 'iso_8601')
    client.send(
      frontendMessage('Q', cstring("SELECT current_setting('TimeZone'), '1 day'::interval")),
    )
    const answer = await client.readUntil('Z')
    const row = answer.find((message) => message.type === 'D')
    assert.deepEqual(dataRowValues(row?.body ?? Buffer.alloc(0)), ['Europe/Paris', 'P1D'])
    client.socket.destroy()
  })

  it('refuses a bad startup setting with FATAL, as PostgreSQL does', async () => {
    const client = await RawClient.connect(server.port)
    client.send(startupPacket({ user: 'postgres', database: 'postgres', TimeZone: 'Mars/Base' }))
    await scramLogin(client, 'secret')
    const fields = reportFields((await client.expect('E')).body)
    assert.deepEqual(
      [fields.get('S'), fields.get('C'), fields.get('M')],
      ['FATAL', '22023', 'invalid value for parameter "TimeZone": "Mars/Base"'],
    )
    await client.ended
  })
})
