/**
 * Hostile or careless clients cannot take the server down: an oversized startup packet, a
 * malformed one, a client that disconnects while its query runs (pgwire and HTTP). After each,
 * the server still answers new clients.
 */
import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { Client } from 'pg'
import { ServerProcess } from '../support/server-process.js'

describe('robustness', () => {
  let server: ServerProcess
  let password = ''
  let adminKey = ''

  before(async () => {
    server = await ServerProcess.start()
    ;({ password, adminKey } = server.credentials())
  })

  after(async () => {
    await server.dispose()
  })

  async function connectClient(): Promise<Client> {
    const client = new Client({
      host: '127.0.0.1',
      port: server.pgPort,
      user: 'postgres',
      password,
      database: 'postgres',
    })
    await client.connect()
    return client
  }

  async function assertStillServing(): Promise<void> {
    const client = await connectClient()
    try {
      const result = await client.query('SELECT 1 AS one')
      assert.deepEqual(result.rows, [{ one: 1 }])
    } finally {
      await client.end()
    }
    const health = await fetch(`${server.httpUrl}/healthz`)
    assert.equal(health.status, 200)
  }

  /** Sends `bytes` on a raw socket and resolves with what came back before the server closed it. */
  function sendRaw(bytes: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const socket: Socket = connect({ host: '127.0.0.1', port: server.pgPort })
      const received: Buffer[] = []
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new Error('the server did not close the connection'))
      }, 10_000)
      socket.on('data', (chunk) => received.push(chunk))
      socket.on('error', () => {})
      socket.on('close', () => {
        clearTimeout(timer)
        resolve(Buffer.concat(received))
      })
      socket.write(bytes)
    })
  }

  it('closes a connection whose startup packet is oversized, and keeps serving', async () => {
    const header = Buffer.alloc(8)
    header.writeInt32BE(1_000_000, 0)
    header.writeInt32BE(196608, 4)
    const reply = await sendRaw(Buffer.concat([header, Buffer.alloc(20_000, 0x61)]))
    if (reply.length > 0) {
      assert.equal(
        String.fromCharCode(reply[0] ?? 0),
        'E',
        'anything sent back is an ErrorResponse',
      )
    }
    await assertStillServing()
  })

  it('closes a connection whose startup packet is nonsense, and keeps serving', async () => {
    const reply = await sendRaw(Buffer.from([0, 0, 0, 8, 0xde, 0xad, 0xbe, 0xef]))
    if (reply.length > 0) assert.equal(String.fromCharCode(reply[0] ?? 0), 'E')
    await assertStillServing()
  })

  it('survives a pgwire client that disconnects mid-query', async () => {
    const client = await connectClient()
    await client.query('CREATE TABLE IF NOT EXISTS gone (id int primary key)')
    client.on('error', () => {})
    const pending = client.query('INSERT INTO gone VALUES (1), (2), (3)')
    // Two more Query messages pipelined behind it, written straight to the socket, then gone.
    client.connection.query('SELECT * FROM gone ORDER BY id')
    client.connection.query('SELECT id FROM gone WHERE id > 1')
    client.connection.stream.destroy()
    await assert.rejects(pending)
    await assertStillServing()
  })

  it('survives an HTTP client that disconnects mid-request', async () => {
    const controller = new AbortController()
    const request = fetch(`${server.httpUrl}/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql: 'SELECT 1' }),
      signal: controller.signal,
    })
    controller.abort()
    await assert.rejects(request)
    await assertStillServing()
  })

  it('survives an HTTP client that disconnects halfway through its body', async () => {
    const socket = connect({ host: '127.0.0.1', port: server.httpPort })
    socket.on('error', () => {})
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST /query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminKey}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"sql": "SELE',
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    socket.destroy()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await assertStillServing()
  })

  it('logged no errors of its own while clients misbehaved', () => {
    const errors = server.logRecords().filter((record) => record['level'] === 'error')
    assert.deepEqual(errors, [])
  })
})
