/**
 * The HTTP app through `app.request()`, without sockets: health, metrics, authentication, every
 * rejected request shape, the JSON encoding of results and errors (against an engine double
 * that returns chosen outcomes), and the SQL-over-HTTP scenario against the real engine.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type ColumnDescription,
  type Database,
  type ExecuteOutcome,
  openDatabase,
  type ParameterValue,
  SqlError,
  SqlState,
  type StatementResult,
} from '@bkg-db/engine'
import { zeroStorageStatistics } from '../pgwire/test-doubles.test.js'
import { JsonLogger } from '../telemetry/json-logger.js'
import { PrometheusRegistry } from '../telemetry/prometheus-registry.js'
import { createApp } from './app.js'
import { Health } from './health.js'

const adminKey = 'test-admin-key-0123456789'
const bodyBytesMax = 1024

type Execute = (
  sql: string,
  params: readonly ParameterValue[] | undefined,
) => ExecuteOutcome | Promise<ExecuteOutcome>

/** A Database whose sessions answer with `execute`, recording calls and closes. */
function databaseDouble(execute: Execute) {
  const calls: { sql: string; params: readonly ParameterValue[] | undefined }[] = []
  const sessionsClosed: number[] = []
  let sessionIdNext = 1
  const database: Database = {
    path: ':double:',
    sessionCount: 0,
    storageStatistics: () => zeroStorageStatistics,
    findLogin: () => undefined,
    async close() {},
    subscribeChanges: () => () => undefined,
    createSession({ user }) {
      const id = sessionIdNext++
      return {
        id,
        user,
        transactionStatus: 'idle',
        async execute(sql, params) {
          calls.push({ sql, params })
          return execute(sql, params)
        },
        failTransaction() {},
        setting: () => undefined,
        cancel() {},
        prepare: () => Promise.reject(new Error('the HTTP API does not prepare statements')),
        preparedStatement: () => undefined,
        sync: async () => {},
        close() {
          sessionsClosed.push(id)
        },
      }
    },
  }
  return { database, calls, sessionsClosed }
}

function column(name: string, typeOid: number): ColumnDescription {
  return { name, typeOid, typeSize: -1, typeModifier: -1, tableOid: 0, columnNumber: 0 }
}

function selectResult(
  columns: ColumnDescription[],
  rows: StatementResult['rows'],
): StatementResult {
  return {
    command: 'SELECT',
    commandTag: `SELECT ${rows.length}`,
    columns,
    rows,
    rowCount: rows.length,
    notices: [],
  }
}

function testApp(database: Database, options: { isReady?: boolean } = {}) {
  const health = new Health(() => 5000)
  health.setCheck('database', 'ok')
  health.setCheck('pgwire', 'ok')
  if (options.isReady !== false) health.markReady()
  const metrics = new PrometheusRegistry()
  const logLines: string[] = []
  const logger = new JsonLogger({
    level: 'debug',
    format: 'json',
    stream: { write: (line: string) => logLines.push(line) },
  })
  const app = createApp({
    database,
    health,
    adminKey,
    logger,
    metrics,
    version: '9.9.9',
    bodyBytesMax,
  })
  return { app, health, metrics, logLines }
}

type TestApp = ReturnType<typeof testApp>['app']

async function postQuery(
  app: TestApp,
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${adminKey}` },
): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
  const response = await app.request('/query', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, json: JSON.parse(text), text }
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>
}

const unusedDatabase = databaseDouble(() => assert.fail('no SQL expected')).database

describe('GET /healthz', () => {
  it('answers 200 ok with checks, version and uptime when ready', async () => {
    const { app } = testApp(unusedDatabase)
    const response = await app.request('/healthz')
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), {
      status: 'ok',
      checks: { database: 'ok', pgwire: 'ok' },
      version: '9.9.9',
      uptimeSeconds: 0,
    })
  })

  it('answers 503 unavailable while starting, while stopping, and when a check fails', async () => {
    const starting = testApp(unusedDatabase, { isReady: false })
    assert.equal((await starting.app.request('/healthz')).status, 503)
    const stopping = testApp(unusedDatabase)
    stopping.health.markStopping()
    const response = await stopping.app.request('/healthz')
    assert.equal(response.status, 503)
    assert.equal((await readJson(response))['status'], 'unavailable')
    const failing = testApp(unusedDatabase)
    failing.health.setCheck('pgwire', 'unavailable')
    assert.deepEqual((await readJson(await failing.app.request('/healthz')))['checks'], {
      database: 'ok',
      pgwire: 'unavailable',
    })
  })
})

describe('GET /metrics', () => {
  it('counts requests by route pattern and status, in Prometheus text', async () => {
    const { app, logLines } = testApp(unusedDatabase)
    await app.request('/healthz')
    await app.request('/no/such/path')
    const response = await app.request('/metrics')
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8')
    const text = await response.text()
    assert.match(
      text,
      /^bkg_db_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1$/m,
    )
    assert.match(
      text,
      /^bkg_db_http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m,
    )
    assert.match(
      text,
      /^bkg_db_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} 1$/m,
    )
    const logged = logLines.map((line) => JSON.parse(line))
    assert.deepEqual(
      logged.map((record) => [record.level, record.msg, record.route, record.status]),
      [
        ['debug', 'http request', '/healthz', 200],
        ['debug', 'http request', 'unmatched', 404],
        ['debug', 'http request', '/metrics', 200],
      ],
    )
  })
})

describe('POST /query authentication', () => {
  const ok = databaseDouble(() => ({
    results: [selectResult([column('one', 23)], [[1]])],
    error: undefined,
  }))

  it('refuses a request without a key', async () => {
    const { app } = testApp(ok.database)
    const response = await app.request('/query', { method: 'POST', body: '{"sql":"SELECT 1"}' })
    assert.equal(response.status, 401)
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="bkg-db"')
    assert.equal((await readJson(response))['code'], 'BKG-AUTH01')
  })

  it('refuses a wrong key, in either header', async () => {
    const { app } = testApp(ok.database)
    const bearer = await postQuery(app, { sql: 'SELECT 1' }, { authorization: 'Bearer wrong' })
    assert.deepEqual([bearer.status, bearer.json['code']], [401, 'BKG-AUTH02'])
    const apiKey = await postQuery(app, { sql: 'SELECT 1' }, { apikey: `${adminKey}x` })
    assert.deepEqual([apiKey.status, apiKey.json['code']], [401, 'BKG-AUTH02'])
  })

  it('accepts the key as a bearer token or as apikey, as Supabase clients send it', async () => {
    const { app } = testApp(ok.database)
    assert.equal(
      (await postQuery(app, { sql: 'SELECT 1' }, { authorization: `bearer ${adminKey}` })).status,
      200,
    )
    assert.equal((await postQuery(app, { sql: 'SELECT 1' }, { apikey: adminKey })).status, 200)
    const both = { apikey: adminKey, authorization: 'Bearer some-user-jwt' }
    assert.equal((await postQuery(app, { sql: 'SELECT 1' }, both)).status, 200)
  })
})

describe('POST /query request shapes', () => {
  const { app } = testApp(unusedDatabase)
  const cases: [string, string, number, string][] = [
    ['invalid JSON', '{"sql": ', 400, 'BKG-HTTP01'],
    ['an array body', '["SELECT 1"]', 400, 'BKG-HTTP02'],
    ['no sql', '{}', 400, 'BKG-HTTP02'],
    ['blank sql', '{"sql": "  "}', 400, 'BKG-HTTP02'],
    ['sql not a string', '{"sql": 1}', 400, 'BKG-HTTP02'],
    ['params not an array', '{"sql": "SELECT $1", "params": {"a": 1}}', 400, 'BKG-HTTP03'],
    ['an object parameter', '{"sql": "SELECT $1", "params": [{"a": 1}]}', 400, 'BKG-HTTP03'],
    ['an array parameter', '{"sql": "SELECT $1", "params": [[1]]}', 400, 'BKG-HTTP03'],
    ['an inexact integer', '{"sql": "SELECT $1", "params": [9007199254740993]}', 400, 'BKG-HTTP03'],
    ['an unknown field', '{"sql": "SELECT 1", "param": []}', 400, 'BKG-HTTP08'],
  ]
  for (const [what, body, status, code] of cases) {
    it(`answers ${status} ${code} for ${what}`, async () => {
      const response = await postQuery(app, body)
      assert.equal(response.status, status)
      assert.equal(response.json['code'], code)
      assert.equal(typeof response.json['message'], 'string')
    })
  }

  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const large = JSON.stringify({ sql: `SELECT '${'x'.repeat(bodyBytesMax)}'` })
    const declared = await postQuery(app, large)
    assert.deepEqual([declared.status, declared.json['code']], [413, 'BKG-HTTP04'])
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(large))
        controller.close()
      },
    })
    const streamed = await app.request('/query', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    assert.equal(streamed.status, 413)
    assert.equal((await readJson(streamed))['code'], 'BKG-HTTP04')
  })

  it('answers 404 JSON for unknown routes and methods', async () => {
    const response = await app.request('/query')
    assert.equal(response.status, 404)
    assert.deepEqual(await response.json(), {
      code: 'BKG-HTTP05',
      message: 'no route for GET /query',
    })
  })

  it('answers 503 while the server is not ready', async () => {
    const starting = testApp(unusedDatabase, { isReady: false })
    const response = await postQuery(starting.app, { sql: 'SELECT 1' })
    assert.deepEqual([response.status, response.json['code']], [503, 'BKG-HTTP06'])
  })
})

describe('POST /query results (engine double)', () => {
  it('writes int8 exactly, numeric as number text, NaN as a string; closes the session', async () => {
    const double = databaseDouble(() => ({
      results: [
        selectResult(
          [
            column('big', 20),
            column('n', 1700),
            column('f', 701),
            column('b', 16),
            column('t', 25),
          ],
          [
            [9007199254740993n, '12345678901234567890.5', Number.NaN, true, 'x'],
            [null, 'NaN', Number.NEGATIVE_INFINITY, false, null],
          ],
        ),
      ],
      error: undefined,
    }))
    const { app } = testApp(double.database)
    const response = await postQuery(app, { sql: 'SELECT ...', params: [1, 'two', null, true] })
    assert.equal(response.status, 200)
    assert.equal(
      response.text,
      '{"columns":[{"name":"big","type":"int8","typeOid":20},{"name":"n","type":"numeric","typeOid":1700},' +
        '{"name":"f","type":"float8","typeOid":701},{"name":"b","type":"bool","typeOid":16},' +
        '{"name":"t","type":"text","typeOid":25}],' +
        '"rows":[[9007199254740993,12345678901234567890.5,"NaN",true,"x"],[null,"NaN","-Infinity",false,null]],' +
        '"command":"SELECT","rowCount":2}',
    )
    assert.deepEqual(double.calls, [{ sql: 'SELECT ...', params: [1, 'two', null, true] }])
    assert.deepEqual(double.sessionsClosed, [1])
  })

  it('returns the last result at the top level and all of them under results', async () => {
    const create: StatementResult = {
      command: 'CREATE TABLE',
      commandTag: 'CREATE TABLE',
      columns: undefined,
      rows: [],
      rowCount: undefined,
      notices: [],
    }
    const double = databaseDouble(() => ({
      results: [create, selectResult([column('one', 23)], [[1]])],
      error: undefined,
    }))
    const { app } = testApp(double.database)
    const response = await postQuery(app, { sql: 'CREATE TABLE t (); SELECT 1 AS one', params: [] })
    const ddl = { columns: [], rows: [], command: 'CREATE TABLE', rowCount: null }
    const select = {
      columns: [{ name: 'one', type: 'int4', typeOid: 23 }],
      rows: [[1]],
      command: 'SELECT',
      rowCount: 1,
    }
    assert.deepEqual(response.json, { ...select, results: [ddl, select] })
    assert.deepEqual(double.calls[0]?.params, undefined)
  })

  it('answers input with only comments with an empty result', async () => {
    const { app } = testApp(databaseDouble(() => ({ results: [], error: undefined })).database)
    const response = await postQuery(app, { sql: '-- nothing' })
    assert.deepEqual(response.json, { columns: [], rows: [], command: null, rowCount: null })
  })

  it('maps SQL errors to their status and fields, and closes the session', async () => {
    const error = new SqlError(
      SqlState.uniqueViolation,
      'duplicate key value violates unique constraint "t_pkey"',
      {
        detail: 'Key (id)=(1) already exists.',
        constraint: 't_pkey',
      },
    )
    const double = databaseDouble(() => ({ results: [], error }))
    const { app } = testApp(double.database)
    const response = await postQuery(app, { sql: "INSERT INTO t VALUES (1, 'a')" })
    assert.equal(response.status, 409)
    assert.deepEqual(response.json, {
      code: '23505',
      message: 'duplicate key value violates unique constraint "t_pkey"',
      details: 'Key (id)=(1) already exists.',
    })
    assert.deepEqual(double.sessionsClosed, [1])
  })

  it('answers 500 BKG-HTTP07 for an unexpected failure, logs it, and still closes the session', async () => {
    const double = databaseDouble(() => {
      throw new TypeError('engine bug')
    })
    const { app, logLines } = testApp(double.database)
    const response = await postQuery(app, { sql: 'SELECT 1' })
    assert.deepEqual([response.status, response.json['code']], [500, 'BKG-HTTP07'])
    assert.deepEqual(double.sessionsClosed, [1])
    const logged = logLines
      .map((line) => JSON.parse(line))
      .find((record) => record.level === 'error')
    assert.equal(logged?.error?.message, 'engine bug')
  })
})

describe('POST /query (real engine)', () => {
  it('creates, fills, queries and drops a table', async () => {
    const database = await openDatabase({ path: ':memory:' })
    try {
      const { app } = testApp(database)
      const create = await postQuery(app, { sql: 'CREATE TABLE t (id int primary key, name text)' })
      assert.deepEqual(create.json, {
        columns: [],
        rows: [],
        command: 'CREATE TABLE',
        rowCount: null,
      })
      const insert = await postQuery(app, { sql: "INSERT INTO t VALUES (1, 'a'), (2, 'b')" })
      assert.deepEqual([insert.json['command'], insert.json['rowCount']], ['INSERT', 2])
      const select = await postQuery(app, {
        sql: 'SELECT id, name FROM t WHERE id >= $1 AND name <> $2 ORDER BY id DESC LIMIT 1',
        params: [1, 'z'],
      })
      assert.deepEqual(select.json, {
        columns: [
          { name: 'id', type: 'int4', typeOid: 23 },
          { name: 'name', type: 'text', typeOid: 25 },
        ],
        rows: [[2, 'b']],
        command: 'SELECT',
        rowCount: 1,
      })
      const drop = await postQuery(app, { sql: 'DROP TABLE t' })
      assert.equal(drop.json['command'], 'DROP TABLE')
      assert.equal(database.sessionCount, 0)
    } finally {
      await database.close()
    }
  })

  it('reports syntax, unknown table, unknown column and duplicate key errors', async () => {
    const database = await openDatabase({ path: ':memory:' })
    try {
      const { app } = testApp(database)
      await postQuery(app, {
        sql: "CREATE TABLE t (id int primary key, name text); INSERT INTO t VALUES (1, 'a')",
      })
      const syntax = await postQuery(app, { sql: 'SELECT FROM WHERE' })
      assert.deepEqual(
        [syntax.status, syntax.json['code'], typeof syntax.json['position']],
        [400, '42601', 'number'],
      )
      const table = await postQuery(app, { sql: 'SELECT * FROM missing' })
      assert.deepEqual([table.status, table.json['code']], [400, '42P01'])
      assert.equal(table.json['message'], 'relation "missing" does not exist')
      const columnError = await postQuery(app, { sql: 'SELECT missing FROM t' })
      assert.deepEqual([columnError.status, columnError.json['code']], [400, '42703'])
      const duplicate = await postQuery(app, { sql: "INSERT INTO t VALUES (1, 'again')" })
      assert.deepEqual([duplicate.status, duplicate.json['code']], [409, '23505'])
    } finally {
      await database.close()
    }
  })
})
