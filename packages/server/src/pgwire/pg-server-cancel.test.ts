/**
 * CancelRequest against the real engine: the right key cancels exactly its backend's statement
 * (57014), a wrong key or an unknown process id does nothing.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Client } from 'pg'
import { int32, RawClient, useEngineServer } from './test-doubles.test.js'

const engine = useEngineServer()
const connectPg = (): Promise<Client> => engine.connect()

/** node-postgres keeps BackendKeyData on the client; its types do not say so. */
function keyOf(client: Client): { processId: number; secretKey: number } {
  const { processID, secretKey } = client as unknown as { processID: number; secretKey: number }
  assert.ok(Number.isInteger(processID) && Number.isInteger(secretKey))
  return { processId: processID, secretKey }
}

async function sendCancel(processId: number, secretKey: number): Promise<void> {
  const raw = await RawClient.connect(engine.server.port)
  raw.send(Buffer.concat([int32(16), int32(80877102), int32(processId), int32(secretKey)]))
  assert.equal(await raw.next(), undefined, 'a CancelRequest is never answered')
  await raw.ended
}

describe('pgwire CancelRequest', () => {
  it('cancels the statement of the backend whose key is quoted, and only with the right key', async () => {
    const holder = await connectPg()
    const waiter = await connectPg()
    const bystander = await connectPg()
    try {
      await holder.query('CREATE TABLE cancel_t (id int PRIMARY KEY, n int)')
      await holder.query('INSERT INTO cancel_t VALUES (1, 0)')
      await holder.query('BEGIN')
      await holder.query('UPDATE cancel_t SET n = 1 WHERE id = 1')
      let settled = false
      const blocked = waiter.query('UPDATE cancel_t SET n = 2 WHERE id = 1')
      const settle = (): void => {
        settled = true
      }
      blocked.then(settle, settle)
      await new Promise((resolve) => setTimeout(resolve, 100))
      const key = keyOf(waiter)
      await sendCancel(key.processId, key.secretKey ^ 1)
      await sendCancel(key.processId + 1000, key.secretKey)
      await sendCancel(keyOf(bystander).processId, key.secretKey)
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal(settled, false, 'wrong keys cancel nothing')
      await sendCancel(key.processId, key.secretKey)
      await assert.rejects(blocked, {
        code: '57014',
        message: 'canceling statement due to user request',
      })
      await holder.query('COMMIT')
      assert.deepEqual((await waiter.query('SELECT n FROM cancel_t')).rows, [{ n: 1 }])
      assert.deepEqual((await bystander.query('SELECT 1 AS one')).rows, [{ one: 1 }])
    } finally {
      await Promise.all([holder.end(), waiter.end(), bystander.end()])
    }
  })

  it('gives every backend a different secret key', async () => {
    const clients = await Promise.all([connectPg(), connectPg(), connectPg()])
    try {
      const keys = new Set(clients.map((client) => keyOf(client).secretKey))
      assert.equal(keys.size, 3)
    } finally {
      await Promise.all(clients.map((client) => client.end()))
    }
  })
})
