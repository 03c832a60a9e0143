/**
 * Writing a query's results to a socket whose reader has stopped: output must wait for 'drain'
 * (so server memory stays near pgSendBufferBytesMax, not the result's size), resume when the
 * client reads, and give up quietly when the client disappears. Real TCP sockets on port 0.
 */
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { ExecuteOutcome } from '@bkg-db/engine'
import { pgSendBufferBytesMax } from '../limits.js'
import { writeQueryOutcome } from './simple-query.js'
import { SocketOutput } from './socket-output.js'
import { textColumn } from './test-doubles.test.js'

const rowCount = 100_000
const value = 'v'.repeat(200)

function largeOutcome(): ExecuteOutcome {
  return {
    results: [
      {
        command: 'SELECT',
        commandTag: `SELECT ${rowCount}`,
        columns: [textColumn('value')],
        rows: Array.from({ length: rowCount }, () => [value]),
        rowCount,
        notices: [],
      },
    ],
    error: undefined,
  }
}

/** Bytes of the messages largeOutcome produces: RowDescription, DataRows, CommandComplete. */
const expectedBytes =
  1 + 4 + 2 + ('value'.length + 1 + 18) + rowCount * (1 + 4 + 2 + 4 + value.length) + 1 + 4 + 14

async function socketPair(server: Server): Promise<{ client: Socket; serverSide: Socket }> {
  const accepted = once(server, 'connection')
  const address = server.address()
  assert.ok(address !== null && typeof address === 'object')
  const client = connect({ host: '127.0.0.1', port: address.port })
  client.on('error', () => {})
  const [serverSide] = (await accepted) as [Socket]
  serverSide.on('error', () => {})
  await once(client, 'connect')
  return { client, serverSide }
}

describe('writeQueryOutcome backpressure', () => {
  const server = createServer()
  before(async () => {
    server.listen({ host: '127.0.0.1', port: 0 })
    await once(server, 'listening')
  })
  after(() => server.close())

  it('waits for a client that stopped reading, and finishes once it reads', async () => {
    const { client, serverSide } = await socketPair(server)
    client.pause()
    const output = new SocketOutput(serverSide)
    let isWritten = false
    const writing = writeQueryOutcome(largeOutcome(), output).then(() => {
      isWritten = true
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.equal(isWritten, false, 'the write waits while the client does not read')
    assert.ok(
      serverSide.writableLength <= pgSendBufferBytesMax + 1024,
      `buffered ${serverSide.writableLength} bytes in the server process`,
    )

    let received = 0
    client.on('data', (chunk: Buffer) => {
      received += chunk.length
    })
    client.resume()
    await writing
    await output.flush()
    const deadline = Date.now() + 5000
    while (received < expectedBytes && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    assert.equal(received, expectedBytes)
    client.destroy()
  })

  it('stops quietly when the client disappears while output waits', async () => {
    const { client, serverSide } = await socketPair(server)
    client.pause()
    const output = new SocketOutput(serverSide)
    const writing = writeQueryOutcome(largeOutcome(), output)
    await new Promise((resolve) => setTimeout(resolve, 100))
    client.destroy()
    await writing
    assert.equal(output.isClosed, true)
    output.queue(Buffer.from('late'))
    assert.equal(output.pendingBytes, 0, 'nothing is queued for a closed socket')
    await output.flush()
  })
})
