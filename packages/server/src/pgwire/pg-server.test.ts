/**
 * The pgwire server over real TCP sockets on port 0, against the scripted FakeDatabase of
 * test-doubles.test.ts: real clients (node-postgres, psql) for what they exercise, a raw byte
 * client for what they never send (bad lengths, unknown types, pipelining), and the lifecycle:
 * clients leaving mid-query, close() with idle and busy connections, timeouts.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { QueryResult } from 'pg'
import { type PgServer, type PgServerOptions, startPgServer } from './index.js'
import {
  connectPostgres,
  cstring,
  dataRowValues,
  FakeDatabase,
  frontendMessage,
  int32,
  RawClient,
  type RawMessage,
  RecordingLogger,
  RecordingMetrics,
  reportFields,
  scramLogin,
  startupPacket,
} from './test-doubles.test.js'

const psqlPath = '/usr/bin/psql'
const psqlSkip = existsSync(psqlPath) ? false : `${psqlPath} is not installed`

const unhandled: unknown[] = []
process.on('unhandledRejection', (reason) => unhandled.push(reason))
after(() => assert.deepEqual(unhandled, [], 'no unhandled rejections'))

interface Harness {
  readonly server: PgServer
  readonly port: number
  readonly database: FakeDatabase
  readonly logger: RecordingLogger
  readonly metrics: RecordingMetrics
}

async function startFake(options: Partial<PgServerOptions> = {}): Promise<Harness> {
  const database = new FakeDatabase()
  const logger = new RecordingLogger()
  const metrics = new RecordingMetrics()
  const server = await startPgServer({
    host: '127.0.0.1',
    port: 0,
    database,
    databaseNames: ['postgres', 'shop'],
    logger,
    metrics,
    ...options,
  })
  return { server, port: server.port, database, logger, metrics }
}

/** Runs `body` against a fresh server and always closes it. */
async function withServer(
  body: (harness: Harness) => Promise<void>,
  options: Partial<PgServerOptions> = {},
): Promise<void> {
  const harness = await startFake(options)
  try {
    await body(harness)
  } finally {
    harness.database.openGate()
    await harness.server.close()
  }
}

const connectPg = connectPostgres

/** node-postgres returns an array for a multi-statement query; its types do not say so. */
function resultsOf(outcome: unknown): QueryResult[] {
  assert.ok(Array.isArray(outcome), 'a multi-statement query gives one result per statement')
  return outcome
}

async function waitFor(isDone: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

interface PsqlRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function psql(port: number, args: readonly string[], password = 'secret'): Promise<PsqlRun> {
  const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres']
  return new Promise((resolve) => {
    execFile(
      psqlPath,
      ['-X', '-v', 'ON_ERROR_STOP=1', ...connection, ...args],
      {
        env: { ...process.env, PGPASSWORD: password, PGSSLMODE: 'prefer', PGCONNECT_TIMEOUT: '5' },
        timeout: 15_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      },
    )
  })
}

function typesOf(messages: readonly RawMessage[]): string {
  return messages.map((message) => message.type).join('')
}

describe('pgwire with node-postgres', () => {
  it('logs in with a password and runs a multi-statement query', async () => {
    await withServer(async ({ port, database }) => {
      const client = await connectPg(port, { application_name: 'pgwire-test' })
      try {
        const [first, second] = resultsOf(await client.query('select 1 as one; select 2 as two'))
        assert.deepEqual(first?.rows, [{ one: 1 }])
        assert.deepEqual(second?.rows, [{ two: 2 }])
        assert.equal(first?.command, 'SELECT')
        const nulls = await client.query('select null as nothing')
        assert.deepEqual(nulls.rows, [{ nothing: null }])
        const unicode = await client.query('unicode')
        assert.deepEqual(unicode.rows, [{ greeting: 'héllo ✓ 𝄞' }])
        assert.equal(database.sessions[0]?.applicationName, 'pgwire-test')
        assert.equal(database.sessions[0]?.user, 'postgres')
      } finally {
        await client.end()
      }
      await waitFor(() => database.sessions[0]?.isClosed === true, 'session close on Terminate')
    })
  })

  it('reports errors with code and position, and stays usable after them', async () => {
    await withServer(async ({ port }) => {
      const client = await connectPg(port)
      try {
        await assert.rejects(client.query('select 1 as one; bogus'), {
          code: '42601',
          message: 'syntax error at or near "bogus"',
          position: '18',
          severity: 'ERROR',
        })
        await assert.rejects(client.query('throw'), { code: 'XX000' })
        const after = await client.query('select 3 as three')
        assert.deepEqual(after.rows, [{ three: 3 }])
      } finally {
        await client.end()
      }
    })
  })

  it('refuses a wrong password with 28P01 and logs it', async () => {
    await withServer(async ({ port, logger, database }) => {
      await assert.rejects(connectPg(port, { password: 'wrong' }), {
        code: '28P01',
        message: 'password authentication failed for user "postgres"',
        severity: 'FATAL',
      })
      await assert.rejects(connectPg(port, { user: 'mallory' }), { code: '28P01' })
      assert.equal(database.sessions.length, 0, 'no session before authentication')
      const warnings = logger.records.filter((record) => record.level === 'warn')
      assert.ok(warnings.some((record) => record.fields['code'] === '28P01'))
      assert.ok(warnings.every((record) => typeof record.fields['connectionId'] === 'number'))
    })
  })

  it('refuses an unknown database (3D000) and a role the engine refuses (its code)', async () => {
    await withServer(async ({ port }) => {
      await assert.rejects(connectPg(port, { database: 'nope' }), {
        code: '3D000',
        message: 'database "nope" does not exist',
      })
      const shop = await connectPg(port, { database: 'shop' })
      await shop.end()
      await assert.rejects(connectPg(port, { user: 'nobody' }), {
        code: '28000',
        message: 'role "nobody" does not exist',
        severity: 'FATAL',
      })
    })
  })

  it('reports an extended query error and recovers at Sync', async () => {
    await withServer(async ({ port }) => {
      const client = await connectPg(port)
      try {
        await assert.rejects(client.query('select 1 as one', [1]), {
          code: '0A000',
          message: 'prepare is not modelled by FakeSession',
        })
        const after = await client.query('select 4 as four')
        assert.deepEqual(after.rows, [{ four: 4 }])
      } finally {
        await client.end()
      }
    })
  })
})

describe('pgwire with psql', () => {
  it('connects (after an SSLRequest) and runs -c and -f', { skip: psqlSkip }, async () => {
    await withServer(async ({ port }) => {
      const command = await psql(port, ['-At', '-c', 'select 1 as one; select 2 as two'])
      assert.equal(command.stderr, '')
      assert.equal(command.code, 0)
      assert.equal(command.stdout, '1\n2\n')

      const directory = await mkdtemp(join(tmpdir(), 'pgwire-psql-'))
      try {
        const file = join(directory, 'script.sql')
        await writeFile(file, 'begin;\nselect 5 as five;\nselect null as nothing;\ncommit;\n')
        const script = await psql(port, ['-f', file])
        assert.equal(script.code, 0, script.stderr)
        assert.match(script.stdout, /^BEGIN\n five \n------\n {4}5\n\(1 row\)/)
        assert.match(script.stdout, /COMMIT\n$/)
      } finally {
        await rm(directory, { recursive: true, force: true })
      }
    })
  })

  it('shows errors with their position, notices, and a wrong password', {
    skip: psqlSkip,
  }, async () => {
    await withServer(async ({ port }) => {
      const failed = await psql(port, ['-c', 'bogus'])
      assert.equal(failed.code, 1)
      assert.match(
        failed.stderr,
        /ERROR: {2}syntax error at or near "bogus"\nLINE 1: bogus\n {8}\^/,
      )

      const notice = await psql(port, ['-c', 'notice'])
      assert.equal(notice.code, 0)
      assert.match(notice.stderr, /NOTICE: {2}hi/)
      assert.equal(notice.stdout, 'DO\n')

      const denied = await psql(port, ['-c', 'select 1 as one'], 'wrong')
      assert.equal(denied.code, 2)
      assert.match(denied.stderr, /password authentication failed for user "postgres"/)
    })
  })
})

describe('pgwire protocol details', () => {
  it('reports transaction status, empty queries, NULLs and notices', async () => {
    await withServer(async ({ port }) => {
      const client = await RawClient.ready(port)
      const query = async (sql: string): Promise<RawMessage[]> => {
        client.send(frontendMessage('Q', cstring(sql)))
        return client.readUntil('Z')
      }
      const status = (messages: readonly RawMessage[]): string =>
        messages.at(-1)?.body.toString('latin1') ?? ''

      const begin = await query('begin; select null as nothing')
      assert.equal(typesOf(begin), 'CTDCZ')
      assert.deepEqual(dataRowValues(begin[2]?.body ?? Buffer.alloc(0)), [null])
      assert.equal(status(begin), 'T')
      const failed = await query('bogus')
      assert.equal(typesOf(failed), 'EZ')
      assert.equal(reportFields(failed[0]?.body ?? Buffer.alloc(0)).get('P'), '1')
      assert.equal(status(failed), 'E')
      const aborted = await query('select 1 as one')
      assert.equal(reportFields(aborted[0]?.body ?? Buffer.alloc(0)).get('C'), '25P02')
      assert.equal(status(await query('rollback')), 'I')

      assert.equal(typesOf(await query('')), 'IZ')
      assert.equal(typesOf(await query(' ; ')), 'IZ')
      const notice = await query('notice')
      assert.equal(typesOf(notice), 'NCZ')
      assert.equal(reportFields(notice[0]?.body ?? Buffer.alloc(0)).get('M'), 'hi')

      client.send(frontendMessage('X'))
      await client.ended
    })
  })

  it('sends ParameterStatus and BackendKeyData at login', async () => {
    await withServer(async ({ port, database }) => {
      const client = await RawClient.connect(port)
      client.send(startupPacket({ user: 'alice', application_name: 'raw', database: 'shop' }))
      assert.equal(await scramLogin(client, 'secret'), undefined)
      const messages = await client.readUntil('Z')
      assert.equal(typesOf(messages), `R${'S'.repeat(11)}KZ`)
      const parameters = new Map(
        messages
          .filter((message) => message.type === 'S')
          .map((message) => {
            const [name = '', value = ''] = message.body.toString('utf8').split('\0')
            return [name, value]
          }),
      )
      assert.equal(parameters.get('server_version'), '15.0')
      assert.equal(parameters.get('application_name'), 'raw')
      assert.equal(parameters.get('is_superuser'), 'off')
      assert.equal(parameters.get('session_authorization'), 'alice')
      assert.equal(parameters.get('client_encoding'), 'UTF8')
      assert.equal(parameters.get('DateStyle'), 'ISO, MDY')
      assert.equal(parameters.get('integer_datetimes'), 'on')
      assert.equal(parameters.get('IntervalStyle'), 'postgres')
      assert.equal(parameters.get('standard_conforming_strings'), 'on')
      const key = messages.find((message) => message.type === 'K')
      assert.equal(key?.body.readInt32BE(0), database.sessions[0]?.id)
      client.socket.destroy()
    })
  })

  it('refuses SSL and GSS encryption with N, once each', async () => {
    await withServer(async ({ port }) => {
      const client = await RawClient.connect(port)
      client.send(Buffer.concat([int32(8), int32(80877104)]))
      assert.equal(await client.readByte(), 'N')
      client.send(Buffer.concat([int32(8), int32(80877103)]))
      assert.equal(await client.readByte(), 'N')
      client.send(Buffer.concat([int32(8), int32(80877103)]))
      const error = reportFields((await client.expect('E')).body)
      assert.equal(error.get('C'), '0A000')
      assert.equal(
        error.get('M'),
        'unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0',
      )
      await client.ended

      const secure = await RawClient.connect(port)
      secure.send(Buffer.concat([int32(8), int32(80877103)]))
      assert.equal(await secure.readByte(), 'N')
      secure.send(startupPacket({ user: 'postgres' }))
      assert.equal((await secure.expect('R')).body.readInt32BE(0), 10, 'AuthenticationSASL')
      secure.socket.destroy()
    })
  })

  it('refuses bad startup packets with PostgreSQL errors', async () => {
    await withServer(async ({ port }) => {
      const cases: [Buffer, string, string][] = [
        [
          startupPacket({ database: 'postgres' }),
          '28000',
          'no PostgreSQL user name specified in startup packet',
        ],
        [
          startupPacket({ user: 'postgres' }, 2 << 16),
          '0A000',
          'unsupported frontend protocol 2.0: server supports 3.0 to 3.0',
        ],
        [startupPacket({ user: 'ghost' }), '3D000', 'database "ghost" does not exist'],
      ]
      for (const [packet, code, message] of cases) {
        const client = await RawClient.connect(port)
        client.send(packet)
        const fields = reportFields((await client.expect('E')).body)
        assert.deepEqual(
          [fields.get('S'), fields.get('C'), fields.get('M')],
          ['FATAL', code, message],
        )
        await client.ended
      }
    })
  })

  it('negotiates down a newer minor version and unknown protocol options', async () => {
    await withServer(async ({ port }) => {
      const client = await RawClient.connect(port)
      client.send(startupPacket({ user: 'postgres', '_pq_.compression': 'on' }, (3 << 16) | 1))
      const negotiate = await client.expect('v')
      assert.equal(negotiate.body.readInt32BE(0), 0)
      assert.equal(negotiate.body.readInt32BE(4), 1)
      assert.equal(negotiate.body.toString('utf8', 8), '_pq_.compression\0')
      assert.equal(await scramLogin(client, 'secret'), undefined)
      assert.equal(typesOf(await client.readUntil('Z')).at(0), 'R')
      client.socket.destroy()
    })
  })

  it('rejects an oversized startup packet and keeps serving others', async () => {
    await withServer(async ({ port, logger }) => {
      const client = await RawClient.connect(port)
      client.send(int32(10_001))
      const fields = reportFields((await client.expect('E')).body)
      assert.deepEqual(
        [fields.get('S'), fields.get('C'), fields.get('M')],
        ['FATAL', '08P01', 'invalid length of startup packet'],
      )
      await client.ended
      assert.ok(
        logger.records.some(
          (record) => record.level === 'warn' && record.fields['code'] === '08P01',
        ),
      )

      const next = await connectPg(port)
      assert.deepEqual((await next.query('select 7 as seven')).rows, [{ seven: 7 }])
      await next.end()
    })
  })

  it('closes on an oversized message or password, or an unknown message type', async () => {
    await withServer(async ({ port }) => {
      const oversized = await RawClient.ready(port)
      oversized.send(Buffer.concat([Buffer.from('Q'), int32(0x7fff_ffff)]))
      assert.equal(
        reportFields((await oversized.expect('E')).body).get('M'),
        'invalid message length',
      )
      await oversized.ended

      const password = await RawClient.connect(port)
      password.send(startupPacket({ user: 'postgres' }))
      await password.expect('R')
      password.send(Buffer.concat([Buffer.from('p'), int32(70_000)]))
      assert.equal(reportFields((await password.expect('E')).body).get('C'), '08P01')
      await password.ended

      const unknown = await RawClient.ready(port)
      unknown.send(frontendMessage('z'))
      const fields = reportFields((await unknown.expect('E')).body)
      assert.deepEqual(
        [fields.get('S'), fields.get('C'), fields.get('M')],
        ['FATAL', '08P01', 'invalid frontend message type 122'],
      )
      await unknown.ended
    })
  })

  it('skips extended messages to Sync, answers FunctionCall, ignores CopyData', async () => {
    await withServer(async ({ port }) => {
      const client = await RawClient.ready(port)
      client.send(
        Buffer.concat([
          frontendMessage('P', Buffer.from('\0select 1\0\0\0')),
          frontendMessage('B', Buffer.alloc(8)),
          frontendMessage('Q', cstring('select 1 as one')),
          frontendMessage('S'),
          frontendMessage('d', Buffer.from('stray')),
          frontendMessage('F', Buffer.alloc(10)),
          frontendMessage('Q', cstring('select 2 as two')),
        ]),
      )
      const extended = await client.readUntil('Z')
      assert.equal(typesOf(extended), 'EZ', 'one error, then ReadyForQuery at Sync')
      assert.equal(reportFields(extended[0]?.body ?? Buffer.alloc(0)).get('C'), '0A000')
      const functionCall = await client.readUntil('Z')
      assert.equal(typesOf(functionCall), 'EZ')
      assert.equal(
        reportFields(functionCall[0]?.body ?? Buffer.alloc(0)).get('M'),
        'function call protocol is not supported yet',
      )
      assert.equal(typesOf(await client.readUntil('Z')), 'TDCZ')
      client.socket.destroy()
    })
  })

  it('answers pipelined queries strictly in order', async () => {
    await withServer(async ({ port, database }) => {
      const client = await RawClient.ready(port)
      const waiting = database.whenWaiting()
      client.send(
        Buffer.concat([
          frontendMessage('Q', cstring('wait')),
          frontendMessage('Q', cstring('select 8 as eight')),
        ]),
      )
      await waiting
      await new Promise((resolve) => setTimeout(resolve, 20))
      database.openGate()
      const first = await client.readUntil('Z')
      assert.deepEqual(dataRowValues(first[1]?.body ?? Buffer.alloc(0)), ['1'])
      const second = await client.readUntil('Z')
      assert.deepEqual(dataRowValues(second[1]?.body ?? Buffer.alloc(0)), ['8'])
      client.socket.destroy()
    })
  })

  it('stops reading from a client that pipelines far ahead of a running query', async () => {
    await withServer(async ({ port, database }) => {
      const client = await RawClient.ready(port)
      const waiting = database.whenWaiting()
      client.send(frontendMessage('Q', cstring('wait')))
      await waiting
      // 32 MiB of queued queries: more than the loopback socket buffers hold, so if the server
      // kept reading into memory the client's own buffer would empty; paused, it stays full.
      const padded = frontendMessage('Q', cstring(`${' '.repeat(64 * 1024)}select 1 as one`))
      const count = 512
      for (let index = 0; index < count; index++) client.send(padded)
      await new Promise((resolve) => setTimeout(resolve, 200))
      assert.ok(client.socket.writableLength > 0, 'the server stopped reading')
      database.openGate()
      assert.equal(typesOf(await client.readUntil('Z')), 'TDCZ')
      for (let index = 0; index < count; index++) {
        assert.equal(typesOf(await client.readUntil('Z')), 'TDCZ')
      }
      client.socket.destroy()
    })
  })

  it('closes a cancel request without an answer', async () => {
    await withServer(async ({ port }) => {
      const client = await RawClient.connect(port)
      client.send(Buffer.concat([int32(16), int32(80877102), int32(1), int32(2)]))
      assert.equal(await client.next(), undefined)
    })
  })

  it('times out a client that does not authenticate', async () => {
    await withServer(
      async ({ port }) => {
        const client = await RawClient.connect(port)
        client.send(startupPacket({ user: 'postgres' }))
        await client.expect('R')
        const fields = reportFields((await client.expect('E')).body)
        assert.deepEqual(
          [fields.get('C'), fields.get('M')],
          ['57014', 'canceling authentication due to timeout'],
        )
        await client.ended
      },
      { authenticationTimeoutMs: 50 },
    )
  })
})

describe('pgwire lifecycle', () => {
  it('closes the session of a client that left mid-query once the query ends', async () => {
    await withServer(async ({ server, port, database, logger }) => {
      const client = await RawClient.ready(port)
      const waiting = database.whenWaiting()
      client.send(frontendMessage('Q', cstring('begin; wait')))
      await waiting
      client.socket.destroy()
      await waitFor(() => server.connectionCount === 0, 'the connection to close')
      const session = database.sessions[0]
      assert.ok(session !== undefined)
      assert.equal(session.isClosed, false, 'not closed while its query runs')
      database.openGate()
      await waitFor(() => session.isClosed, 'the session to close')
      assert.equal(session.closeCount, 1)
      assert.deepEqual(
        logger.records.filter((record) => record.level === 'error'),
        [],
        'no errors, no writes to the dead socket',
      )
      const next = await connectPg(port)
      assert.deepEqual((await next.query('select 9 as nine')).rows, [{ nine: 9 }])
      await next.end()
    })
  })

  it('close() ends idle connections at once and busy ones after their query', async () => {
    const { server, port, database, metrics } = await startFake()
    const idle = await connectPg(port)
    const idleErrors: Error[] = []
    idle.on('error', (error) => idleErrors.push(error))
    const idleError = once(idle, 'error')
    const busy = await connectPg(port)
    const busyErrors: Error[] = []
    busy.on('error', (error) => busyErrors.push(error))
    const starting = await RawClient.connect(port)
    starting.send(startupPacket({ user: 'postgres' }))
    await starting.expect('R')
    assert.equal(server.connectionCount, 3)
    assert.equal(metrics.value('bkg_db_pg_connections'), 3)

    const waiting = database.whenWaiting()
    const busyQuery = busy.query('wait')
    await waiting
    const closing = server.close()
    const [idleFatal] = await idleError
    assert.equal(idleFatal.code, '57P01')
    assert.equal(idleFatal.message, 'terminating connection due to administrator command')
    assert.equal(reportFields((await starting.expect('E')).body).get('C'), '57P01')
    assert.equal(busyErrors.length, 0, 'the busy connection is left to finish')

    database.openGate()
    assert.deepEqual((await busyQuery).rows, [{ waited: 1 }])
    await closing
    await waitFor(() => busyErrors.length > 0, 'the busy client to hear of the shutdown')
    assert.equal((busyErrors[0] as Error & { code?: string }).code, '57P01')
    assert.equal(server.connectionCount, 0)
    assert.equal(metrics.value('bkg_db_pg_connections'), 0)
    assert.ok(database.sessions.every((session) => session.closeCount === 1))
    await assert.rejects(connectPg(port), { code: 'ECONNREFUSED' })
    assert.equal(await server.close(), undefined, 'close() again resolves')
  })

  it('close() destroys a connection still busy after the grace period', async () => {
    const { server, port, database } = await startFake({ shutdownGraceMs: 100 })
    const client = await connectPg(port)
    client.on('error', () => {})
    const waiting = database.whenWaiting()
    const stuck = client.query('wait').then(
      () => undefined,
      (error: unknown) => error,
    )
    await waiting
    const startedMs = Date.now()
    await server.close()
    assert.ok(Date.now() - startedMs >= 90, 'waited for the grace period')
    assert.ok((await stuck) instanceof Error, 'the stuck query fails when its socket is destroyed')
    database.openGate()
    await waitFor(() => database.sessions[0]?.isClosed === true, 'the session to close')
  })

  it('counts queries and their durations by status', async () => {
    await withServer(async ({ port, metrics }) => {
      const client = await connectPg(port)
      await client.query('select 1 as one')
      await client.query('select 1 as one; select 2 as two')
      await assert.rejects(client.query('bogus'))
      await client.end()
      assert.equal(metrics.value('bkg_db_pg_queries_total', { status: 'ok' }), 2)
      assert.equal(metrics.value('bkg_db_pg_queries_total', { status: 'error' }), 1)
      assert.equal(metrics.value('bkg_db_pg_query_duration_seconds'), 3)
    })
  })

  it('fails to start on a port in use with EADDRINUSE', async () => {
    await withServer(async ({ port }) => {
      await assert.rejects(startFake({ port }), { code: 'EADDRINUSE' })
    })
  })
})
