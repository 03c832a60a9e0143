/**
 * startPgServer: the TCP listener. It accepts sockets, gives each a PgConnection with its own id
 * and child logger, counts them, and shuts them all down on close().
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:net'
import type { Database, RoleLogin } from '@bkg-db/engine'
import { assert } from '@bkg-db/engine'
import {
  pgAuthenticationTimeoutMs,
  pgAuthFailureDelayMsDefault,
  pgMaxConnectionsDefault,
  shutdownGraceMs,
} from '../limits.js'
import type { Logger, MetricsRegistry } from '../telemetry/index.js'
import { AuthThrottle } from './auth-throttle.js'
import { CancelRegistry } from './cancel.js'
import { PgConnection } from './connection.js'
import { createPgMetrics, type PgMetrics } from './pg-metrics.js'
import { trustedAddresses } from './trust.js'

export interface PgServerOptions {
  readonly host: string
  /** 0 picks a free port; PgServer.port tells which. */
  readonly port: number
  readonly database: Database
  /** A role's login facts and SCRAM verifier; default database.findLogin. */
  readonly findLogin?: (user: string) => RoleLogin | undefined
  /** CIDR blocks whose clients need no password (`pg.trust`); default none. */
  readonly trust?: readonly string[]
  /** Connections served at once; a client beyond gets FATAL 53300 after its startup packet.
   * Default pgMaxConnectionsDefault. */
  readonly maxConnections?: number
  /** Delay before answering a first failed password check, doubled per further failure from
   * the same address; default pgAuthFailureDelayMsDefault. */
  readonly authFailureDelayMs?: number
  /** Keys mock SCRAM exchanges for unknown users; keep it stable across restarts so their
   * salts do too. Default: random per server. */
  readonly scramMockSecret?: Uint8Array
  /** Accepted database names, e.g. ['postgres']; any other gets 3D000. */
  readonly databaseNames: readonly string[]
  readonly logger: Logger
  readonly metrics: MetricsRegistry
  /** How long close() lets busy connections finish; default shutdownGraceMs (limits.ts). */
  readonly shutdownGraceMs?: number
  /** Time allowed for startup and authentication; default pgAuthenticationTimeoutMs. */
  readonly authenticationTimeoutMs?: number
}

export interface PgServer {
  /** The port listened on (the chosen one when options.port was 0). */
  readonly port: number
  /** Open connections, in any state. */
  readonly connectionCount: number
  /**
   * Stops accepting, ends idle connections with FATAL 57P01, lets busy ones finish their query
   * first, and destroys what is left after the grace period. Resolves when every socket has
   * closed. Idempotent.
   */
  close(): Promise<void>
}

/** Listens on host:port. Rejects with the net error (its `code`, e.g. 'EADDRINUSE') if it can't. */
export async function startPgServer(options: PgServerOptions): Promise<PgServer> {
  const logger = options.logger.child({ component: 'pgwire' })
  const metrics = createPgMetrics(options.metrics)
  const connections = new Set<PgConnection>()
  let connectionIdNext = 1
  let closing: Promise<void> | undefined
  const findLogin = options.findLogin ?? ((user: string) => options.database.findLogin(user))
  const isTrusted = trustedAddresses(options.trust ?? [])
  const cancelRegistry = new CancelRegistry()
  const authThrottle = new AuthThrottle(options.authFailureDelayMs ?? pgAuthFailureDelayMsDefault)
  const scramMockSecret = options.scramMockSecret ?? randomBytes(32)

  const server = createServer({ noDelay: true }, (socket) => {
    const connectionId = connectionIdNext++
    const connection = new PgConnection(socket, {
      connectionId,
      database: options.database,
      findLogin,
      isTrusted,
      scramMockSecret,
      cancelRegistry,
      authThrottle,
      isOverLimit: connections.size >= (options.maxConnections ?? pgMaxConnectionsDefault),
      databaseNames: options.databaseNames,
      logger: logger.child({ connectionId }),
      metrics,
      authenticationTimeoutMs: options.authenticationTimeoutMs ?? pgAuthenticationTimeoutMs,
    })
    track(connection, connections, metrics)
    if (closing !== undefined) connection.shutdown()
  })
  await listen(server, options.host, options.port)
  server.on('error', (error) => logger.error('listener error', { error: error.message }))
  const port = boundPort(server)
  logger.info('listening', { host: options.host, port })

  return {
    port,
    get connectionCount() {
      return connections.size
    },
    close() {
      closing ??= closeServer(server, connections, {
        graceMs: options.shutdownGraceMs ?? shutdownGraceMs,
        logger,
      })
      return closing
    },
  }
}

function track(connection: PgConnection, connections: Set<PgConnection>, metrics: PgMetrics) {
  connections.add(connection)
  metrics.connections.inc()
  void connection.closed.then(() => {
    connections.delete(connection)
    metrics.connections.dec()
  })
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening)
      reject(error)
    }
    const onListening = (): void => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen({ host, port })
  })
}

function boundPort(server: Server): number {
  const address = server.address()
  assert(address !== null && typeof address === 'object', 'a listening TCP server has a port')
  return address.port
}

async function closeServer(
  server: Server,
  connections: ReadonlySet<PgConnection>,
  { graceMs, logger }: { graceMs: number; logger: Logger },
): Promise<void> {
  const listenerClosed = new Promise<void>((resolve) => {
    server.close((error) => {
      if (error !== undefined) logger.warn('listener close failed', { error: error.message })
      resolve()
    })
  })
  logger.info('shutting down', { connections: connections.size })
  for (const connection of connections) connection.shutdown()
  const graceTimer = setTimeout(() => {
    logger.warn('shutdown grace period over, closing connections', {
      connections: connections.size,
    })
    for (const connection of connections) connection.destroy()
  }, graceMs)
  // Bounded: the listener accepts no more sockets, and one accepted as closing began is shut
  // down on arrival, so each pass waits for a set that can only shrink.
  while (connections.size > 0) {
    await Promise.all([...connections].map((connection) => connection.closed))
  }
  clearTimeout(graceTimer)
  await listenerClosed
  logger.info('stopped')
}

/**
 * Database.findLogin, except that the bootstrap superuser `postgres`, while it has no password
 * of its own (ALTER ROLE postgres PASSWORD sets one, which then wins), authenticates with the
 * configured or generated credential (credentials.ts) through `verifier`, its SCRAM verifier.
 */
export function bootstrapLogin(
  database: Database,
  verifier: string,
): (user: string) => RoleLogin | undefined {
  return (user) => {
    const login = database.findLogin(user)
    if (user !== 'postgres' || login === undefined || login.verifier !== undefined) return login
    return { ...login, verifier }
  }
}
