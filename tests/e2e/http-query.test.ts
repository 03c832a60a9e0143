/**
 * SQL over HTTP against the built server (fetch → POST /query): the create/insert/select/drop
 * scenario, the four error cases with their SQLSTATE and HTTP status, authentication, and the
 * ops endpoints /healthz and /metrics counting what was done.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { crudScenario, errorCases, errorSetup } from '../support/crud-scenario.js'
import { ServerProcess } from '../support/server-process.js'

const statusBySqlState: Readonly<Record<string, number>> = {
  '42601': 400,
  '42P01': 400,
  '42703': 400,
  '23505': 409,
}

describe('POST /query', () => {
  let server: ServerProcess
  let adminKey = ''

  before(async () => {
    server = await ServerProcess.start()
    adminKey = server.credentials().adminKey
  })

  after(async () => {
    await server.dispose()
  })

  async function query(
    sql: string,
    headers: Record<string, string> = { authorization: `Bearer ${adminKey}` },
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${server.httpUrl}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ sql }),
    })
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('creates, fills, queries and drops a table', async () => {
    const create = await query(crudScenario.create)
    assert.deepEqual(create, {
      status: 200,
      body: { columns: [], rows: [], command: 'CREATE TABLE', rowCount: null },
    })
    const insert = await query(crudScenario.insert)
    assert.deepEqual(
      [insert.status, insert.body['command'], insert.body['rowCount']],
      [200, 'INSERT', 3],
    )
    const select = await query(crudScenario.select)
    assert.deepEqual(select, {
      status: 200,
      body: {
        columns: [
          { name: 'id', type: 'int4', typeOid: 23 },
          { name: 'name', type: 'text', typeOid: 25 },
        ],
        rows: crudScenario.selectRows,
        command: 'SELECT',
        rowCount: 2,
      },
    })
    const drop = await query(crudScenario.drop)
    assert.equal(drop.body['command'], 'DROP TABLE')
  })

  it('refuses a missing or wrong admin key with 401', async () => {
    const missing = await query('SELECT 1', {})
    assert.deepEqual([missing.status, missing.body['code']], [401, 'BKG-AUTH01'])
    const wrong = await query('SELECT 1', { apikey: 'not-the-admin-key' })
    assert.deepEqual([wrong.status, wrong.body['code']], [401, 'BKG-AUTH02'])
    const viaApiKey = await query('SELECT 1 AS one', { apikey: adminKey })
    assert.equal(viaApiKey.status, 200)
  })

  it('answers a malformed body with 400 JSON', async () => {
    const response = await fetch(`${server.httpUrl}/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
      body: '{"sql": ',
    })
    assert.equal(response.status, 400)
    assert.equal(((await response.json()) as { code: string }).code, 'BKG-HTTP01')
  })

  describe('errors', () => {
    before(async () => {
      const setup = await query(errorSetup)
      assert.equal(setup.status, 200, JSON.stringify(setup.body))
    })

    for (const errorCase of errorCases) {
      it(`reports ${errorCase.what} as ${errorCase.code}`, async () => {
        const { status, body } = await query(errorCase.sql)
        assert.equal(status, statusBySqlState[errorCase.code])
        assert.equal(body['code'], errorCase.code)
        assert.match(String(body['message']), errorCase.message)
        assert.equal(body['position'], errorCase.position)
        assert.equal(body['details'], errorCase.detail)
      })
    }
  })

  it('reports health as ok', async () => {
    const response = await fetch(`${server.httpUrl}/healthz`)
    assert.equal(response.status, 200)
    const body = (await response.json()) as Record<string, unknown>
    assert.equal(body['status'], 'ok')
    assert.deepEqual(body['checks'], { database: 'ok', pgwire: 'ok' })
    assert.equal(typeof body['version'], 'string')
    assert.equal(typeof body['uptimeSeconds'], 'number')
  })

  it('counts requests in /metrics', async () => {
    const countOk = async (): Promise<number> => {
      const response = await fetch(`${server.httpUrl}/metrics`)
      assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8')
      const text = await response.text()
      assert.match(text, /^process_resident_memory_bytes \d+$/m)
      const line =
        /^bkg_db_http_requests_total\{method="POST",route="\/query",status="200"\} (\d+)$/m.exec(
          text,
        )
      return Number(line?.[1] ?? 0)
    }
    const before = await countOk()
    await query('SELECT 1')
    assert.equal(await countOk(), before + 1)
  })

  it("reports the engine's storage counters in /metrics, read when scraped", async () => {
    const sample = async (name: string): Promise<number> => {
      const text = await (await fetch(`${server.httpUrl}/metrics`)).text()
      const value = new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]
      assert.ok(value !== undefined, `${name} in /metrics`)
      return Number(value)
    }
    const insertLsn = await sample('bkg_db_wal_insert_lsn_bytes')
    await query('CREATE TABLE metrics_probe (id int PRIMARY KEY)')
    await query('INSERT INTO metrics_probe VALUES (1)')
    assert.ok((await sample('bkg_db_wal_insert_lsn_bytes')) > insertLsn, 'the log grew')
    assert.ok((await sample('bkg_db_wal_flush_lsn_bytes')) > insertLsn, 'the commit is durable')
    assert.ok((await sample('bkg_db_wal_since_checkpoint_bytes')) > 0)
    assert.ok((await sample('bkg_db_checkpoints_total')) >= 0)
    assert.ok((await sample('bkg_db_vacuum_passes_total')) >= 0)
  })
})
