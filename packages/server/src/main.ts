/**
 * The composition root: reads the config, creates telemetry, loads credentials, opens the
 * engine and starts the listeners. Everything else receives what it needs from here.
 *
 * Start order: credentials → engine → HTTP → pgwire → ready. HTTP listens first so /healthz
 * answers 503 "unavailable" while the rest starts. If a listener cannot bind, whatever started
 * is closed again and the ListenError (port in use → exit 2) propagates.
 *
 * Shutdown (first SIGINT/SIGTERM): /healthz turns 503, both listeners stop accepting and let
 * in-flight work finish (pgwire: running queries; HTTP: running requests, idle keep-alive
 * sockets closed at once), bounded by shutdownGraceMs; then the engine closes and the process
 * exits 0. A second signal exits at once with 130. An uncaught error is logged and exits 1.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { type Database, engineVersion, openDatabase, scramVerifier } from '@bkg-db/engine'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import { type Config, type ConfigFlags, type LogFormatSetting, loadConfig } from './config.js'
import { type Credentials, loadCredentials } from './credentials.js'
import { type DataDirLock, lockDataDir } from './data-dir-lock.js'
import { ListenError } from './errors/index.js'
import { createApp, Health } from './http/index.js'
import { shutdownGraceMs } from './limits.js'
import { bootstrapLogin, type PgServer, startPgServer } from './pgwire/index.js'
import {
  JsonLogger,
  type LogFormat,
  type Logger,
  type LogStream,
  type MetricsRegistry,
  ProcessMetrics,
  PrometheusRegistry,
  StorageMetrics,
} from './telemetry/index.js'

export interface Telemetry {
  readonly logger: Logger
  readonly metrics: MetricsRegistry
}

export interface RunningServer {
  readonly version: string
  readonly config: Config
  readonly credentials: Credentials
  /** Ports actually bound (differ from the config when it said 0). */
  readonly httpPort: number
  readonly pgPort: number
  readonly health: Health
  /** Graceful shutdown, as described at the top of this file. Idempotent. */
  close(): Promise<void>
}

export interface RunOptions {
  readonly flags: ConfigFlags
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Where logs go (and what decides `log.format: auto`). */
  readonly stdout: LogStream
  /** Called once everything listens, before waiting for a signal (the CLI prints its banner). */
  readonly onReady?: (server: RunningServer) => void
}

/** Runs the server until a signal stops it; resolves with the exit code. */
export async function runServer(options: RunOptions): Promise<number> {
  const config = loadConfig(options)
  const logger = new JsonLogger({
    level: config.log.level,
    format: resolveLogFormat(config.log.format, options.stdout),
    stream: options.stdout,
  })
  installCrashHandlers(logger)
  const shutdownSignal = listenForShutdownSignals(logger)
  const processMetrics = new ProcessMetrics()
  try {
    const metrics = new PrometheusRegistry({ collectors: [processMetrics] })
    const server = await startServer(config, { logger, metrics })
    options.onReady?.(server)
    return await shutDown(server, await shutdownSignal, logger)
  } finally {
    processMetrics.close()
  }
}

export async function startServer(config: Config, telemetry: Telemetry): Promise<RunningServer> {
  const { logger, metrics } = telemetry
  const health = new Health()
  const credentials = loadCredentials({
    dataDir: config.dataDir,
    adminKey: config.adminKey,
    password: config.password,
  })
  const lock = lockDataDir(config.dataDir)
  let database: Database
  try {
    database = await openDatabase({
      path: config.dataDir,
      cacheBytes: config.storage.cacheBytes,
      checkpointWalBytes: config.storage.checkpointWalBytes,
      checkpointIntervalMs: config.storage.checkpointTimeoutMs,
    })
  } catch (error: unknown) {
    lock.release()
    throw error
  }
  health.setCheck('database', 'ok')
  metrics.addCollector(new StorageMetrics(database))
  let httpServer: Server | undefined
  try {
    const app = createApp({
      database,
      health,
      adminKey: credentials.adminKey,
      logger,
      metrics,
      version: engineVersion,
    })
    httpServer = await listenHttp(app, config.http, logger)
    const pgServer = await startPgServer({
      host: config.pg.host,
      port: config.pg.port,
      database,
      findLogin: bootstrapLogin(database, scramVerifier(credentials.password)),
      trust: config.pg.trust,
      maxConnections: config.pg.maxConnections,
      scramMockSecret: createHash('sha256')
        .update('bkg-db scram mock\0')
        .update(credentials.password)
        .digest(),
      databaseNames: ['postgres'],
      logger,
      metrics,
    }).catch((error: unknown) => {
      throw ListenError.from('pgwire', config.pg.host, config.pg.port, error) ?? error
    })
    health.setCheck('pgwire', 'ok')
    health.markReady()
    const server = describeServer({
      config,
      credentials,
      health,
      httpServer,
      pgServer,
      database,
      lock,
      logger,
    })
    logReady(server, logger)
    return server
  } catch (error: unknown) {
    if (httpServer !== undefined) await closeHttp(httpServer)
    await database.close()
    lock.release()
    throw error
  }
}

interface ServerParts {
  readonly config: Config
  readonly credentials: Credentials
  readonly health: Health
  readonly httpServer: Server
  readonly pgServer: PgServer
  readonly database: Database
  readonly lock: DataDirLock
  readonly logger: Logger
}

function describeServer(parts: ServerParts): RunningServer {
  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    parts.health.markStopping()
    parts.health.setCheck('pgwire', 'unavailable')
    // Both listeners drain in parallel; the engine closes only once neither can use it.
    const results = await Promise.allSettled([parts.pgServer.close(), closeHttp(parts.httpServer)])
    for (const result of results) {
      if (result.status === 'rejected')
        parts.logger.error('listener close failed', { error: result.reason })
    }
    await parts.database.close()
    parts.lock.release()
    parts.health.setCheck('database', 'unavailable')
  }
  return {
    version: engineVersion,
    config: parts.config,
    credentials: parts.credentials,
    httpPort: boundPort(parts.httpServer),
    pgPort: parts.pgServer.port,
    health: parts.health,
    close() {
      closing ??= close()
      return closing
    },
  }
}

function logReady(server: RunningServer, logger: Logger): void {
  // The secrets themselves are printed in the banner only, never into log records, which
  // usually end up in shared log storage.
  logger.info('bkg-db ready', {
    version: server.version,
    httpUrl: `http://${urlHost(server.config.http.host)}:${server.httpPort}`,
    pgUrl: `postgresql://postgres@${urlHost(server.config.pg.host)}:${server.pgPort}/postgres`,
    dataDir: server.config.dataDir,
    adminKeySource: server.credentials.adminKeySource,
    passwordSource: server.credentials.passwordSource,
    credentialsFile: server.credentials.filePath,
  })
}

/** The host to put in a URL: wildcard addresses become localhost, IPv6 gets brackets. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost'
  return host.includes(':') ? `[${host}]` : host
}

function resolveLogFormat(setting: LogFormatSetting, stream: LogStream): LogFormat {
  if (setting !== 'auto') return setting
  return stream.isTTY === true ? 'pretty' : 'json'
}

function listenHttp(app: Hono, listener: Config['http'], logger: Logger): Promise<Server> {
  const server = createServer(
    getRequestListener(app.fetch, {
      // The app answers its own errors; this sees only failures of the adapter itself.
      errorHandler: (error) => {
        logger.error('HTTP adapter error', { error })
        return new Response(null, { status: 500 })
      },
    }),
  )
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      reject(ListenError.from('HTTP', listener.host, listener.port, error) ?? error)
    }
    server.once('error', onError)
    server.listen({ host: listener.host, port: listener.port }, () => {
      server.off('error', onError)
      resolve(server)
    })
  })
}

function boundPort(server: Server): number {
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new TypeError('HTTP server is not listening on TCP')
  return address.port
}

/**
 * Stops accepting and resolves once running requests have finished. Idle keep-alive sockets
 * are closed as they become idle; after shutdownGraceMs every socket is closed.
 */
function closeHttp(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve()
  return new Promise((resolve) => {
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50)
    const deadline = setTimeout(() => server.closeAllConnections(), shutdownGraceMs)
    server.close(() => {
      clearInterval(idleSweep)
      clearTimeout(deadline)
      resolve()
    })
    server.closeIdleConnections()
  })
}

/**
 * Resolves with the first SIGINT/SIGTERM; a second one exits at once with 130. Installed before
 * anything starts, so a signal that arrives while starting (or right after the ready message,
 * which a supervisor may react to) is never left to Node's default action of dying on the spot.
 */
function listenForShutdownSignals(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let isStopping = false
    const onSignal = (signal: NodeJS.Signals) => {
      if (isStopping) {
        logger.warn('second signal: exiting without finishing in-flight work', { signal })
        process.exit(130)
      }
      isStopping = true
      resolve(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
}

async function shutDown(
  server: RunningServer,
  signal: NodeJS.Signals,
  logger: Logger,
): Promise<number> {
  logger.info('shutting down', { signal })
  try {
    await server.close()
  } catch (error: unknown) {
    logger.error('shutdown failed', { error })
    return 1
  }
  logger.info('stopped')
  return 0
}

function installCrashHandlers(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { error })
    process.exit(1)
  })
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection', { error: reason })
    process.exit(1)
  })
}
