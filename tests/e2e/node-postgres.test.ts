/**
 * node-postgres (`pg`) against the built server, with the simple query protocol (query text
 * without parameters): the create/insert/select/drop scenario, results decoded by pg's own
 * type parsers, and the four error cases with their SQLSTATE, position and detail.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Client, DatabaseError } from 'pg'
import { crudScenario, errorCases, errorSetup } from '../support/crud-scenario.js'
import { ServerProcess } from '../support/server-process.js'

describe('node-postgres', () => {
  let server: ServerProcess
  let client: Client

  before(async () => {
    server = await ServerProcess.start()
    client = new Client(server.pgClientConfig())
    await client.connect()
  })

  after(async () => {
    await client.end()
    await server.dispose()
  })

  it('pg_backend_pid() is the process id BackendKeyData gave the client', async () => {
    const { processID } = client as unknown as { processID: number }
    const result = await client.query('SELECT pg_backend_pid() AS pid')
    assert.deepEqual(result.rows, [{ pid: processID }])
  })

  it('creates, fills, queries and drops a table', async () => {
    const create = await client.query(crudScenario.create)
    assert.equal(create.command, 'CREATE')
    const insert = await client.query(crudScenario.insert)
    assert.deepEqual([insert.command, insert.rowCount], ['INSERT', 3])
    const select = await client.query(crudScenario.select)
    assert.deepEqual([select.command, select.rowCount], ['SELECT', 2])
    assert.deepEqual(
      select.fields.map((field) => [field.name, field.dataTypeID]),
      [
        ['id', 23],
        ['name', 25],
      ],
    )
    assert.deepEqual(
      select.rows,
      crudScenario.selectRows.map(([id, name]) => ({ id, name })),
    )
    const drop = await client.query(crudScenario.drop)
    assert.equal(drop.command, 'DROP')
  })

  it('refuses a wrong password', async () => {
    const stranger = new Client({
      host: '127.0.0.1',
      port: server.pgPort,
      user: 'postgres',
      password: 'wrong',
      database: 'postgres',
    })
    await assert.rejects(stranger.connect(), (error: unknown) => {
      assert.ok(error instanceof DatabaseError)
      assert.equal(error.code, '28P01')
      return true
    })
  })

  describe('errors', () => {
    before(async () => {
      await client.query(errorSetup)
    })

    for (const errorCase of errorCases) {
      it(`reports ${errorCase.what} as ${errorCase.code}`, async () => {
        await assert.rejects(client.query(errorCase.sql), (error: unknown) => {
          assert.ok(error instanceof DatabaseError, String(error))
          assert.equal(error.code, errorCase.code)
          assert.match(error.message, errorCase.message)
          assert.equal(
            error.position,
            errorCase.position === undefined ? undefined : String(errorCase.position),
          )
          assert.equal(error.detail, errorCase.detail)
          return true
        })
      })
    }

    it('keeps the connection usable after the errors', async () => {
      const result = await client.query('SELECT name FROM t')
      assert.deepEqual(result.rows, [{ name: 'a' }])
    })
  })
})
