/**
 * Connection management against the real engine: max_connections (53300), and a client that
 * drops mid-transaction has its transaction rolled back and its locks released.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  connectPostgres,
  frontendMessage,
  RawClient,
  reportFields,
  scramLogin,
  startServerFor,
  startupPacket,
  useEngineServer,
} from './test-doubles.test.js'

const engine = useEngineServer()

const connectTo = connectPostgres

describe('pgwire connection management', () => {
  it('refuses a connection beyond max_connections with FATAL 53300, then serves again', async () => {
    const first = await engine.connect()
    try {
      const limited = await startServerFor(engine.database, { maxConnections: 2 })
      try {
        const clients = [await connectTo(limited.port), await connectTo(limited.port)]
        await assert.rejects(connectTo(limited.port), {
          code: '53300',
          message: 'sorry, too many clients already',
          severity: 'FATAL',
        })
        const raw = await RawClient.connect(limited.port)
        raw.send(startupPacket({ user: 'postgres', database: 'postgres' }))
        assert.equal(reportFields((await raw.expect('E')).body).get('C'), '53300')
        await raw.ended
        await clients[0]?.end()
        await waitUntil(() => limited.connectionCount < 2)
        const again = await connectTo(limited.port)
        assert.deepEqual((await again.query('SELECT 1 AS one')).rows, [{ one: 1 }])
        await Promise.all([again.end(), clients[1]?.end()])
      } finally {
        await limited.close()
      }
    } finally {
      await first.end()
    }
  })

  it('applies statement_timeout from the startup options to a statement waiting on a lock', async () => {
    const holder = await engine.connect()
    const waiter = await connectPostgres(engine.server.port, {
      options: '-c statement_timeout=200',
    })
    try {
      await holder.query('CREATE TABLE timeout_t (id int PRIMARY KEY, n int)')
      await holder.query('INSERT INTO timeout_t VALUES (1, 0)')
      await holder.query('BEGIN')
      await holder.query('UPDATE timeout_t SET n = 1 WHERE id = 1')
      assert.deepEqual((await waiter.query('SHOW statement_timeout')).rows, [
        { statement_timeout: '200ms' },
      ])
      const started = Date.now()
      await assert.rejects(waiter.query('UPDATE timeout_t SET n = 2 WHERE id = 1'), {
        code: '57014',
        message: 'canceling statement due to statement timeout',
      })
      assert.ok(Date.now() - started >= 150)
      await holder.query('ROLLBACK')
      assert.deepEqual((await waiter.query('SELECT n FROM timeout_t')).rows, [{ n: 0 }])
    } finally {
      await Promise.all([holder.end(), waiter.end()])
    }
  })

  it('ends a connection idle in a transaction with FATAL 25P03 and releases its locks', async () => {
    const setup = await engine.connect()
    try {
      await setup.query('CREATE TABLE idle_t (id int PRIMARY KEY, n int)')
      await setup.query('INSERT INTO idle_t VALUES (1, 0)')
      const raw = await RawClient.connect(engine.server.port)
      raw.send(
        startupPacket({
          user: 'postgres',
          database: 'postgres',
          options: '-c idle_in_transaction_session_timeout=150',
        }),
      )
      await scramLogin(raw, 'secret')
      await raw.readUntil('Z')
      for (const sql of ['BEGIN', 'UPDATE idle_t SET n = 5 WHERE id = 1']) {
        raw.send(frontendMessage('Q', Buffer.from(`${sql}\0`)))
        await raw.readUntil('Z')
      }
      const fields = reportFields((await raw.expect('E')).body)
      assert.deepEqual(
        [fields.get('S'), fields.get('C'), fields.get('M')],
        ['FATAL', '25P03', 'terminating connection due to idle-in-transaction timeout'],
      )
      await raw.ended
      await setup.query("SET statement_timeout = '3s'")
      const updated = await setup.query('UPDATE idle_t SET n = n + 1 WHERE id = 1 RETURNING n')
      assert.deepEqual(updated.rows, [{ n: 1 }])
    } finally {
      await setup.end()
    }
  })

  it('does not time out a connection idle outside a transaction', async () => {
    const client = await connectPostgres(engine.server.port, {
      options: '-c idle_in_transaction_session_timeout=50',
    })
    try {
      await new Promise((resolve) => setTimeout(resolve, 150))
      assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }])
    } finally {
      await client.end()
    }
  })

  it('rolls back and releases the locks of a client that drops mid-transaction', async () => {
    const setup = await engine.connect()
    const dropper = await engine.connect()
    try {
      await setup.query('CREATE TABLE dropped_t (id int PRIMARY KEY, n int)')
      await setup.query('INSERT INTO dropped_t VALUES (1, 0)')
      await dropper.query('BEGIN')
      await dropper.query('UPDATE dropped_t SET n = 99 WHERE id = 1')
      const socket = (dropper as unknown as { connection: { stream: { destroy(): void } } })
        .connection.stream
      dropper.on('error', () => {})
      socket.destroy()
      await setup.query("SET statement_timeout = '3s'")
      const updated = await setup.query('UPDATE dropped_t SET n = n + 1 WHERE id = 1 RETURNING n')
      assert.deepEqual(updated.rows, [{ n: 1 }], 'the dropped update was rolled back')
    } finally {
      await setup.end()
    }
  })
})

async function waitUntil(isDone: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
