/**
 * startServer in-process on free ports: it serves HTTP and pgwire, reports ready, shuts down
 * in order, and when a port is taken it throws a ListenError naming that port and closes
 * whatever had already started. Signals and exit codes are covered by tests/e2e/.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { Config } from './config.js'
import { ListenError } from './errors/index.js'
import { startServer, type Telemetry } from './main.js'
import { JsonLogger } from './telemetry/json-logger.js'
import { PrometheusRegistry } from './telemetry/prometheus-registry.js'

let dataDir = ''

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'bkg-db-main-'))
})

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

function testConfig(ports: { http: number; pg: number }): Config {
  return {
    dataDir,
    configFile: undefined,
    http: { host: '127.0.0.1', port: ports.http },
    pg: { host: '127.0.0.1', port: ports.pg, trust: [], maxConnections: 100 },
    adminKey: undefined,
    password: 'test-password',
    log: { level: 'warn', format: 'json' },
    storage: {
      cacheBytes: 8 * 1024 * 1024,
      checkpointWalBytes: 64 * 1024 * 1024,
      checkpointTimeoutMs: 300_000,
    },
  }
}

function testTelemetry(): Telemetry {
  const logger = new JsonLogger({ level: 'warn', format: 'json', stream: { write: () => true } })
  return { logger, metrics: new PrometheusRegistry() }
}

/** Holds a port open, as another program would. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve))
  const address = server.address()
  assert.ok(address !== null && typeof address === 'object')
  return { port: address.port, server }
}

async function isPortFree(port: number): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(true)))
  })
}

describe('startServer', () => {
  it('serves /healthz on the chosen port, then shuts down and frees both ports', async () => {
    const server = await startServer(testConfig({ http: 0, pg: 0 }), testTelemetry())
    assert.notEqual(server.httpPort, 0)
    assert.notEqual(server.pgPort, 0)
    assert.equal(server.credentials.passwordSource, 'configured')
    assert.equal(server.credentials.adminKeySource, 'generated')
    const response = await fetch(`http://127.0.0.1:${server.httpPort}/healthz`)
    assert.equal(response.status, 200)
    assert.equal(((await response.json()) as { status: string }).status, 'ok')
    await server.close()
    assert.equal(server.health.phase, 'stopping')
    assert.equal(await isPortFree(server.httpPort), true)
    assert.equal(await isPortFree(server.pgPort), true)
  })

  it('names a taken HTTP port', async () => {
    const taken = await occupyPort()
    try {
      await assert.rejects(
        startServer(testConfig({ http: taken.port, pg: 0 }), testTelemetry()),
        (error: unknown) => {
          assert.ok(error instanceof ListenError)
          assert.equal(error.face, 'HTTP')
          assert.equal(
            error.message,
            `cannot start HTTP: port ${taken.port} on 127.0.0.1 is already in use`,
          )
          return true
        },
      )
    } finally {
      taken.server.close()
    }
  })

  it('names a taken pgwire port and closes the HTTP listener it had started', async () => {
    const taken = await occupyPort()
    const free = await occupyPort()
    await new Promise((resolve) => free.server.close(resolve))
    try {
      await assert.rejects(
        startServer(testConfig({ http: free.port, pg: taken.port }), testTelemetry()),
        (error: unknown) => {
          assert.ok(error instanceof ListenError)
          assert.equal(error.face, 'pgwire')
          assert.equal(error.port, taken.port)
          return true
        },
      )
      assert.equal(await isPortFree(free.port), true)
    } finally {
      taken.server.close()
    }
  })
})
