/**
 * The server's life: SIGTERM shuts it down cleanly (exit 0, "stopped" logged, ports freed),
 * the data directory keeps credentials.json (mode 0600), and a restart on the same directory
 * reuses the generated password and admin key. Configured credentials win over stored ones.
 * While shutdown waits for an in-flight request, a second signal exits at once with 130.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { runPsql } from '../support/run-psql.js'
import { ServerProcess } from '../support/server-process.js'

describe('lifecycle', () => {
  let dataRoot = ''

  before(() => {
    dataRoot = mkdtempSync(join(tmpdir(), 'bkg-db-lifecycle-'))
  })

  after(() => {
    rmSync(dataRoot, { recursive: true, force: true })
  })

  it('shuts down on SIGTERM with exit 0, and a restart reuses the generated credentials', async () => {
    const dataDir = join(dataRoot, 'data')
    const first = await ServerProcess.start({ dataDir })
    let credentials: { adminKey: string; password: string }
    try {
      credentials = first.credentials()
      assert.match(first.stdout, /Password {3}\S+ {3}\(generated, kept in .*credentials\.json\)/)
      const exit = await first.stop('SIGTERM')
      assert.deepEqual(exit, { exitCode: 0, signal: null })
      const records = first.logRecords()
      assert.ok(records.some((record) => record['msg'] === 'shutting down'))
      assert.equal(records.at(-1)?.['msg'], 'stopped')
      assert.equal(first.stderr, '')
    } finally {
      await first.dispose()
    }
    assert.equal(statSync(join(dataDir, 'credentials.json')).mode & 0o777, 0o600)

    const second = await ServerProcess.start({ dataDir })
    try {
      assert.deepEqual(second.credentials(), credentials)
      assert.match(second.stdout, /\(generated earlier, kept in .*credentials\.json\)/)
      const psql = await runPsql({
        port: second.pgPort,
        password: credentials.password,
        script: 'SELECT 1 AS one;\n',
      })
      assert.equal(psql.exitCode, 0, psql.stderr)
      const response = await fetch(`${second.httpUrl}/query`, {
        method: 'POST',
        headers: { apikey: credentials.adminKey },
        body: JSON.stringify({ sql: 'SELECT 1 AS one' }),
      })
      assert.equal(response.status, 200)
      assert.deepEqual(await second.stop('SIGINT'), { exitCode: 0, signal: null })
    } finally {
      await second.dispose()
    }
  })

  it('uses configured credentials over stored ones', async () => {
    const dataDir = join(dataRoot, 'configured')
    const env = {
      BKG_DB_PASSWORD: 'configured-password',
      BKG_DB_ADMIN_KEY: 'configured-admin-key-0123',
    }
    const server = await ServerProcess.start({ dataDir, env })
    try {
      assert.match(server.stdout, /Password {3}configured-password {3}\(from the configuration\)/)
      const psql = await runPsql({
        port: server.pgPort,
        password: 'configured-password',
        script: 'SELECT 1;\n',
      })
      assert.equal(psql.exitCode, 0, psql.stderr)
      assert.deepEqual(await server.stop('SIGTERM'), { exitCode: 0, signal: null })
    } finally {
      await server.dispose()
    }
  })

  it('finishes an in-flight request before exiting 0 on SIGTERM', async () => {
    const server = await ServerProcess.start({ dataDir: join(dataRoot, 'in-flight') })
    const socket = connect({ host: '127.0.0.1', port: server.httpPort })
    socket.on('error', () => {})
    try {
      const { adminKey } = server.credentials()
      const body = '{"sql": "SELECT 1 AS one"}'.padEnd(100, ' ')
      let response = ''
      socket.setEncoding('utf8').on('data', (chunk: string) => (response += chunk))
      await new Promise<void>((resolve) => socket.once('connect', resolve))
      socket.write(
        `POST /query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminKey}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 8)}`,
      )
      await new Promise((resolve) => setTimeout(resolve, 200))
      process.kill(server.pid, 'SIGTERM')
      await waitFor(() => server.stdout.includes('"msg":"shutting down","signal":"SIGTERM"'))
      socket.write(body.slice(8))
      await waitFor(() => response.includes('"rows":[[1]]'))
      assert.match(response, /^HTTP\/1\.1 200 OK\r\n/)
      assert.deepEqual(await server.exited, { exitCode: 0, signal: null })
    } finally {
      socket.destroy()
      await server.dispose()
    }
  })

  it('exits at once with 130 on a second signal while in-flight work holds shutdown', async () => {
    const server = await ServerProcess.start({ dataDir: join(dataRoot, 'twice') })
    const socket = connect({ host: '127.0.0.1', port: server.httpPort })
    socket.on('error', () => {})
    try {
      const { adminKey } = server.credentials()
      // A request whose body never finishes: shutdown must wait for it (up to the grace period).
      await new Promise<void>((resolve) => socket.once('connect', resolve))
      socket.write(
        `POST /query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminKey}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"sql":',
      )
      await new Promise((resolve) => setTimeout(resolve, 200))
      process.kill(server.pid, 'SIGTERM')
      await waitFor(() => server.stdout.includes('"msg":"shutting down","signal":"SIGTERM"'))
      const exit = await server.stop('SIGTERM')
      assert.deepEqual(exit, { exitCode: 130, signal: null })
      assert.match(server.stdout, /second signal: exiting without finishing in-flight work/)
    } finally {
      socket.destroy()
      await server.dispose()
    }
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
