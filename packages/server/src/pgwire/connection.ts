/**
 * PgConnection: one client connection, from its first startup packet to its socket's close.
 * Frames come from a MessageReader and are handled strictly one at a time: a query's results
 * and its ReadyForQuery are all sent before the next message is looked at. All output goes
 * through SocketOutput, which waits for 'drain' and drops writes once the socket is gone.
 *
 * States, and the function behind each transition:
 *
 *   accept ─► AwaitingStartup ◄─┐ SSLRequest, GSSENCRequest: #refuseEncryption ('N')
 *                 │  └──────────┘
 *                 │ StartupMessage: #acceptStartup (AuthenticationSASL [SCRAM-SHA-256]),
 *                 │ or #openSession at once for a `trust` address
 *                 ▼
 *           AwaitingPassword
 *                 │ SASLInitialResponse: #authenticate (SASLContinue, scram.ts)
 *                 │ SASLResponse with the right proof: #authenticate (SASLFinal), #openSession
 *                 │ (AuthenticationOk, ParameterStatus..., BackendKeyData, ReadyForQuery)
 *                 ▼
 *               Ready ──── Query: #runQuery ────► Busy
 *                 ▲                                 │
 *                 └─ results, ReadyForQuery ────────┘
 *
 *   any state ─► Closed
 *     #terminate      Terminate, CancelRequest (after cancelling the quoted backend's statement:
 *                     cancel.ts), shutdown(), authentication timeout, idle-in-transaction
 *                     timeout (25P03, idle-timeout.ts), and every FATAL error (sent first): bad
 *                     framing, bad startup, too many clients (53300), wrong password (after the
 *                     per-address delay of auth-throttle.ts)
 *     #onSocketClose  the socket closed: the client left, or destroy()
 *   Closed while Busy: the query runs to its end, then #releaseSession closes the Session
 *   (rolling back) and nothing is written.
 *
 * The extended query protocol's messages (Parse, Bind, Describe, Execute, Close, Flush) go to
 * ExtendedQuery (extended-query.ts), which holds statements and portals; after an error there,
 * messages are skipped up to Sync. Before each ReadyForQuery, reported settings that changed
 * (SET TimeZone, SET application_name ...) are sent as ParameterStatus (#reportChangedSettings).
 */
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import {
  assert,
  assertNever,
  type Database,
  type ExecuteOutcome,
  type RoleLogin,
  type Session,
  SqlError,
  SqlState,
  type SqlStateCode,
} from '@bkg-db/engine'
import {
  pgCloseLingerMs,
  pgMessageBytesMax,
  pgPasswordMessageBytesMax,
  pgReceiveBufferBytesMax,
} from '../limits.js'
import type { Logger } from '../telemetry/index.js'
import type { AuthThrottle } from './auth-throttle.js'
import type { BackendKey, CancelRegistry } from './cancel.js'
import {
  authenticationOk,
  authenticationSasl,
  authenticationSaslContinue,
  authenticationSaslFinal,
  backendKeyData,
  type ExtendedMessage,
  encryptionRefusal,
  encryptionRequestCode,
  errorResponse,
  type Frame,
  type FrontendMessage,
  MessageReader,
  negotiateProtocolVersion,
  parameterStatus,
  parseFrontendMessage,
  parseSaslInitialResponse,
  parseStartupPacket,
  type ReportFields,
  readyForQuery,
  type StartupMessage,
  unsupportedProtocolError,
} from './codec/index.js'
import { CopyProtocol } from './copy-protocol.js'
import { ExtendedQuery } from './extended-query.js'
import { idleInTransactionTimeout, idleInTransactionTimeoutMs } from './idle-timeout.js'
import type { PgMetrics } from './pg-metrics.js'
import { ScramExchange, scramMechanism } from './scram.js'
import { executeQuery, writeQueryOutcome } from './simple-query.js'
import { SocketOutput } from './socket-output.js'
import {
  negotiateStartup,
  reportedParameters,
  type StartupParameters,
  startupSettings,
} from './startup-negotiation.js'

export interface PgConnectionContext {
  readonly connectionId: number
  readonly database: Database
  /** The role's login facts (Database.findLogin, plus the bootstrap credential). */
  readonly findLogin: (user: string) => RoleLogin | undefined
  /** Whether a client at this address is trusted (no password asked: `pg.trust`). */
  readonly isTrusted: (address: string) => boolean
  /** The server already served max_connections when this one arrived: FATAL 53300 at startup
   * (a CancelRequest is still handled). */
  readonly isOverLimit: boolean
  /** Delays answers to failed password checks per client address (auth-throttle.ts). */
  readonly authThrottle: AuthThrottle
  /** Backend keys of the open sessions, for CancelRequest (cancel.ts). */
  readonly cancelRegistry: CancelRegistry
  /** Server secret keying mock SCRAM exchanges for unknown users (scram.ts). */
  readonly scramMockSecret: Uint8Array
  readonly databaseNames: readonly string[]
  /** Already carries the connection id. */
  readonly logger: Logger
  readonly metrics: PgMetrics
  readonly authenticationTimeoutMs: number
}

type ConnectionState = 'AwaitingStartup' | 'AwaitingPassword' | 'Ready' | 'Busy' | 'Closed'

type EncryptionRequest = 'SslRequest' | 'GssEncRequest'

const passwordMessageType = 0x70 // 'p'

const adminShutdown: ReportFields = {
  severity: 'FATAL',
  code: SqlState.adminShutdown,
  message: 'terminating connection due to administrator command',
}

export class PgConnection {
  readonly id: number
  /** Resolves once the socket has closed; never rejects. */
  readonly closed: Promise<void>
  readonly #socket: Socket
  readonly #context: PgConnectionContext
  readonly #logger: Logger
  readonly #reader = new MessageReader()
  readonly #output: SocketOutput
  readonly #encryptionRefused = new Set<EncryptionRequest>()
  #state: ConnectionState = 'AwaitingStartup'
  #startup: StartupParameters | undefined
  #session: Session | undefined
  #backendKey: BackendKey | undefined
  #unregisterCancel: (() => void) | undefined
  /** True while #process runs: frames are being handled, so new ones wait. */
  #isProcessing = false
  /** True while the Session executes a query; it may not be closed until that ends. */
  #isExecuting = false
  #extended: ExtendedQuery | undefined
  /** The ParameterStatus values last sent, by name. */
  readonly #reported = new Map<string, string>()
  #isShutdownRequested = false
  /** COPY FROM STDIN / TO STDOUT over this connection (copy-protocol.ts). */
  readonly #copy: CopyProtocol
  /** Wakes #nextFrame when data arrives or the socket closes while a query runs. */
  #frameWaiter: (() => void) | undefined
  #authenticationTimer: NodeJS.Timeout | undefined
  #scram: ScramExchange | undefined
  #lingerTimer: NodeJS.Timeout | undefined
  /** Armed after ReadyForQuery inside a transaction block (idle-timeout.ts). */
  #idleTimer: NodeJS.Timeout | undefined

  constructor(socket: Socket, context: PgConnectionContext) {
    this.id = context.connectionId
    this.#socket = socket
    this.#context = context
    this.#logger = context.logger
    this.#output = new SocketOutput(socket)
    this.#copy = new CopyProtocol(this.#output, () => this.#nextFrame())
    this.#reader.messageBytesMax = pgPasswordMessageBytesMax
    socket.on('data', (chunk: Buffer) => this.#onData(chunk))
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.#logger.debug('socket error', { code: error.code, error: error.message })
    })
    socket.on('close', () => this.#onSocketClose())
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()))
    this.#authenticationTimer = setTimeout(
      () => this.#onAuthenticationTimeout(),
      context.authenticationTimeoutMs,
    )
    this.#authenticationTimer.unref()
    this.#logger.debug('connection opened', {
      remoteAddress: socket.remoteAddress,
      remotePort: socket.remotePort,
    })
  }

  /** Known once authenticated; what a CancelRequest quotes to cancel this connection's query. */
  get backendKey(): BackendKey | undefined {
    return this.#backendKey
  }

  /**
   * Ends the connection with FATAL 57P01: now if it is waiting for the client, or after the
   * message being handled (a running query's results and ReadyForQuery are sent first).
   */
  shutdown(): void {
    this.#isShutdownRequested = true
    if (!this.#isProcessing) this.#terminate(adminShutdown)
  }

  /** Closes the socket at once, whatever is in flight. */
  destroy(): void {
    this.#socket.destroy()
  }

  #onData(chunk: Buffer): void {
    if (this.#isClosed()) return
    clearTimeout(this.#idleTimer)
    this.#reader.push(chunk)
    if (this.#isProcessing) {
      if (this.#reader.bufferedBytes > pgReceiveBufferBytesMax) this.#socket.pause()
      this.#wakeFrameWaiter()
      return
    }
    this.#process().catch((error: unknown) => {
      // #process catches everything; reaching this is a bug in its error path.
      this.#logger.error('connection failed while failing', { error: describeError(error) })
      this.#socket.destroy()
    })
  }

  /**
   * The next frame, read while a query runs (COPY FROM STDIN): waits for data, resuming a
   * socket paused for backpressure once what was buffered is read; undefined when the
   * connection is gone.
   */
  async #nextFrame(): Promise<Frame | undefined> {
    for (;;) {
      if (this.#isClosed()) return undefined
      const frame = this.#reader.next()
      if (frame !== undefined) return frame
      if (this.#socket.isPaused()) this.#socket.resume()
      await new Promise<void>((resolve) => {
        this.#frameWaiter = resolve
      })
    }
  }

  #wakeFrameWaiter(): void {
    const waiter = this.#frameWaiter
    this.#frameWaiter = undefined
    waiter?.()
  }

  async #process(): Promise<void> {
    this.#isProcessing = true
    try {
      // Bounded by the bytes received: each pass handles one frame or leaves the loop.
      for (;;) {
        if (this.#isClosed()) break
        if (this.#isShutdownRequested) {
          this.#terminate(adminShutdown)
          break
        }
        const frame = this.#reader.next()
        if (frame === undefined) break
        await this.#handleFrame(frame)
      }
    } catch (error) {
      this.#fail(error)
    }
    // No await between the last check above and this line, so shutdown() and #onData see
    // either a running loop that will look at their request, or none.
    this.#isProcessing = false
    if (!this.#isClosed() && this.#socket.isPaused()) this.#socket.resume()
  }

  async #handleFrame(frame: Frame): Promise<void> {
    const state = this.#state
    switch (state) {
      case 'AwaitingStartup':
        assert(frame.kind === 'StartupPacket', 'the reader frames startup packets until startup')
        return this.#handleStartupPacket(frame.body)
      case 'AwaitingPassword':
        assert(frame.kind === 'Message', 'the reader frames messages after startup')
        return this.#authenticate(frame.type, frame.body)
      case 'Ready':
        assert(frame.kind === 'Message', 'the reader frames messages after startup')
        return this.#handleMessage(parseFrontendMessage(frame.type, frame.body))
      case 'Busy':
      case 'Closed':
        assert(false, `no frame is handled while ${state}`)
        return
      default:
        return assertNever(state, 'connection state')
    }
  }

  async #handleStartupPacket(body: Buffer): Promise<void> {
    const request = parseStartupPacket(body)
    switch (request.kind) {
      case 'SslRequest':
      case 'GssEncRequest':
        return this.#refuseEncryption(request.kind)
      case 'CancelRequest':
        // As in PostgreSQL, the request itself is never answered: the connection just closes.
        this.#logger.debug('cancel request', {
          processId: request.processId,
          isCancelled: this.#context.cancelRegistry.cancel(request.processId, request.secretKey),
        })
        return this.#terminate(undefined)
      case 'StartupMessage':
        return this.#acceptStartup(request)
      default:
        return assertNever(request, 'startup request')
    }
  }

  async #refuseEncryption(kind: EncryptionRequest): Promise<void> {
    // PostgreSQL answers each kind once; a second one reads as an unknown protocol version.
    if (this.#encryptionRefused.has(kind))
      throw unsupportedProtocolError(encryptionRequestCode(kind))
    this.#encryptionRefused.add(kind)
    // When TLS is accepted here, bytes that arrived after the SSLRequest and before the
    // handshake must be refused, not read as the first encrypted bytes (CVE-2021-23214).
    this.#output.queue(encryptionRefusal())
    await this.#output.flush()
  }

  async #acceptStartup(message: StartupMessage): Promise<void> {
    if (this.#context.isOverLimit) {
      throw fatal(SqlState.tooManyConnections, 'sorry, too many clients already')
    }
    const startup = negotiateStartup(message, this.#context.databaseNames)
    this.#startup = startup
    this.#reader.isStartupPhase = false
    this.#state = 'AwaitingPassword'
    if (startup.isVersionNegotiated) {
      this.#output.queue(negotiateProtocolVersion(startup.protocolOptionsUnrecognized))
    }
    if (this.#context.isTrusted(this.#socket.remoteAddress ?? '')) {
      this.#logger.debug('trusted address, no password asked', { user: startup.user })
      return this.#openSession(startup)
    }
    this.#output.queue(authenticationSasl([scramMechanism]))
    await this.#output.flush()
  }

  /** One step of the SCRAM exchange (scram.ts); the last one opens the session. */
  async #authenticate(type: number, body: Buffer): Promise<void> {
    const startup = this.#startup
    assert(startup !== undefined, 'a StartupMessage precedes authentication')
    if (type !== passwordMessageType) {
      throw fatal(SqlState.protocolViolation, `expected SASL response, got message type ${type}`)
    }
    const exchange = this.#scram
    if (exchange === undefined) {
      const initial = parseSaslInitialResponse(body)
      if (initial.mechanism !== scramMechanism) {
        throw fatal(
          SqlState.protocolViolation,
          'client selected an invalid SASL authentication mechanism',
        )
      }
      const login = this.#context.findLogin(startup.user)
      this.#scram = new ScramExchange(startup.user, login?.verifier, this.#context.scramMockSecret)
      const serverFirst = this.#scram.first(initial.data.toString('latin1'))
      this.#output.queue(authenticationSaslContinue(serverFirst))
      await this.#output.flush()
      return
    }
    const outcome = exchange.final(body.toString('latin1'))
    const login = this.#context.findLogin(startup.user)
    const address = this.#socket.remoteAddress ?? ''
    if (!outcome.isAuthenticated || login === undefined || isExpired(login)) {
      const delayMs = this.#context.authThrottle.recordFailure(address)
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      throw fatal(
        SqlState.invalidPassword,
        `password authentication failed for user "${startup.user}"`,
      )
    }
    this.#scram = undefined
    this.#context.authThrottle.recordSuccess(address)
    this.#output.queue(authenticationSaslFinal(outcome.serverFinal))
    await this.#openSession(startup)
  }

  async #openSession(startup: StartupParameters): Promise<void> {
    const { user, applicationName } = startup
    const session = this.#context.database.createSession(
      applicationName === undefined ? { user } : { user, applicationName },
    )
    assert(
      Number.isInteger(session.id) && session.id >= 0 && session.id <= 0x7fff_ffff,
      'a session id fits BackendKeyData',
    )
    this.#session = session
    this.#extended = new ExtendedQuery(session, this.#output, this.#copy)
    this.#state = 'Ready'
    this.#reader.messageBytesMax = pgMessageBytesMax
    clearTimeout(this.#authenticationTimer)
    await applyStartupSettings(session, startupSettings(startup))
    const registered = this.#context.cancelRegistry.register(session.id, () => session.cancel())
    this.#backendKey = registered.key
    this.#unregisterCancel = registered.unregister
    this.#output.queue(authenticationOk())
    const isSuperuser = this.#context.findLogin(user)?.isSuperuser === true
    for (const [name, fallback] of reportedParameters(startup, isSuperuser)) {
      const value = session.setting(name) ?? fallback
      this.#reported.set(name, value)
      this.#output.queue(parameterStatus(name, value))
    }
    this.#output.queue(backendKeyData(this.#backendKey.processId, this.#backendKey.secretKey))
    this.#output.queue(readyForQuery(session.transactionStatus))
    this.#logger.debug('authenticated', { user, database: startup.database, pid: session.id })
    await this.#output.flush()
  }

  async #handleMessage(message: FrontendMessage): Promise<void> {
    const extended = this.#extended
    assert(extended !== undefined, 'a ready connection has its extended query state')
    if (extended.isSkipping && message.kind !== 'Sync' && message.kind !== 'Terminate') return
    switch (message.kind) {
      case 'Query':
        return this.#runQuery(message.sql)
      case 'Sync':
        return this.#sync(extended)
      case 'Terminate':
        return this.#terminate(undefined)
      case 'Parse':
      case 'Bind':
      case 'Describe':
      case 'Execute':
      case 'Close':
      case 'Flush':
        return this.#runExtended(extended, message)
      case 'FunctionCall':
        // TODO(#6): the function call sub-protocol; like a Query, it ends in ReadyForQuery.
        this.#output.queue(errorResponse(notSupported('function call protocol')))
        return this.#sendReadyForQuery()
      case 'CopyInput':
        // Outside COPY, PostgreSQL ignores CopyData, CopyDone and CopyFail: they trail a COPY
        // FROM STDIN that failed (COPY itself reads them: copy-protocol.ts).
        return
      case 'Malformed':
        if (message.isExtended === true) return extended.fail(message.error)
        this.#output.queue(errorResponse(message.error))
        return this.#sendReadyForQuery()
      case 'Unknown':
        throw fatal(SqlState.protocolViolation, `invalid frontend message type ${message.typeCode}`)
      default:
        return assertNever(message, 'frontend message')
    }
  }

  async #runQuery(sql: string): Promise<void> {
    const session = this.#session
    assert(session !== undefined, 'a ready connection has a session')
    this.#state = 'Busy'
    this.#isExecuting = true
    const startedMs = performance.now()
    const outcome = await executeQuery(session, sql, this.#copy)
    this.#isExecuting = false
    this.#recordQuery(outcome, startedMs)
    if (this.#isClosed()) {
      // The client left while the query ran: nobody reads the results.
      this.#releaseSession()
      return
    }
    this.#extended?.afterQuery(outcome.results.map((result) => result.commandTag))
    await writeQueryOutcome(outcome, this.#output)
    if (outcome.error !== undefined && outcome.error.severity !== 'ERROR') {
      this.#terminate(undefined) // the FATAL report was just queued: send it and close
      return
    }
    await this.#sendReadyForQuery()
    if (this.#state === 'Busy') this.#state = 'Ready'
  }

  /** One extended query message; its replies stay queued until Sync or Flush. */
  async #runExtended(extended: ExtendedQuery, message: ExtendedMessage): Promise<void> {
    this.#state = 'Busy'
    this.#isExecuting = true
    const startedMs = performance.now()
    await extended.handle(message)
    this.#isExecuting = false
    if (message.kind === 'Execute') {
      this.#context.metrics.queries.inc({ status: extended.isSkipping ? 'error' : 'ok' })
      this.#context.metrics.queryDuration.observe((performance.now() - startedMs) / 1000)
    }
    if (this.#isClosed()) {
      this.#releaseSession()
      return
    }
    this.#state = 'Ready'
  }

  async #sync(extended: ExtendedQuery): Promise<void> {
    this.#state = 'Busy'
    this.#isExecuting = true
    await extended.sync()
    this.#isExecuting = false
    if (this.#isClosed()) {
      this.#releaseSession()
      return
    }
    await this.#sendReadyForQuery()
    if (this.#state === 'Busy') this.#state = 'Ready'
  }

  #recordQuery(outcome: ExecuteOutcome, startedMs: number): void {
    const status = outcome.error === undefined ? 'ok' : 'error'
    this.#context.metrics.queries.inc({ status })
    this.#context.metrics.queryDuration.observe((performance.now() - startedMs) / 1000)
  }

  async #sendReadyForQuery(): Promise<void> {
    const session = this.#session
    if (session === undefined || this.#isClosed()) return
    this.#reportChangedSettings(session)
    this.#output.queue(readyForQuery(session.transactionStatus))
    await this.#output.flush()
    const idleMs = idleInTransactionTimeoutMs(session)
    if (idleMs > 0 && !this.#isClosed()) {
      clearTimeout(this.#idleTimer)
      this.#idleTimer = setTimeout(() => this.#onIdleInTransactionTimeout(), idleMs)
      this.#idleTimer.unref()
    }
  }

  #onIdleInTransactionTimeout(): void {
    if (this.#isProcessing || this.#isClosed()) return
    this.#logger.info('idle-in-transaction timeout', {})
    this.#terminate(idleInTransactionTimeout)
  }

  /** ParameterStatus for each reported setting whose value changed since it was last sent. */
  #reportChangedSettings(session: Session): void {
    for (const [name, sent] of this.#reported) {
      const value = session.setting(name)
      if (value === undefined || value === sent) continue
      this.#reported.set(name, value)
      this.#output.queue(parameterStatus(name, value))
    }
  }

  /** Sends `report` (a FATAL error) if given, ends the socket, and releases the session. */
  #terminate(report: ReportFields | undefined): void {
    if (this.#isClosed()) return
    this.#state = 'Closed'
    this.#wakeFrameWaiter()
    clearTimeout(this.#authenticationTimer)
    clearTimeout(this.#idleTimer)
    if (report !== undefined) this.#output.queue(errorResponse(report))
    this.#output.end()
    this.#lingerTimer = setTimeout(() => this.#socket.destroy(), pgCloseLingerMs)
    this.#lingerTimer.unref()
    this.#releaseSession()
  }

  #fail(error: unknown): void {
    if (error instanceof SqlError) {
      this.#logger.warn('connection refused or ended by protocol error', {
        code: error.code,
        error: error.message,
      })
      this.#terminate({
        ...error.fields(),
        code: error.code,
        message: error.message,
        severity: 'FATAL',
      })
      return
    }
    this.#logger.error('connection failed', { error: describeError(error) })
    this.#terminate({
      severity: 'FATAL',
      code: SqlState.internalError,
      message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
    })
  }

  #onAuthenticationTimeout(): void {
    if (this.#state !== 'AwaitingStartup' && this.#state !== 'AwaitingPassword') return
    this.#logger.warn('authentication timed out', { state: this.#state })
    this.#terminate({
      severity: 'FATAL',
      code: SqlState.queryCanceled,
      message: 'canceling authentication due to timeout',
    })
  }

  #onSocketClose(): void {
    const isClientFirst = !this.#isClosed()
    this.#state = 'Closed'
    this.#wakeFrameWaiter()
    clearTimeout(this.#authenticationTimer)
    clearTimeout(this.#lingerTimer)
    clearTimeout(this.#idleTimer)
    this.#releaseSession()
    this.#logger.debug('connection closed', { isClientFirst })
  }

  /** Closes the Session (rolling back), unless a query still runs: #runQuery calls again. */
  #releaseSession(): void {
    const session = this.#session
    if (session === undefined || this.#isExecuting) return
    this.#session = undefined
    this.#unregisterCancel?.()
    try {
      session.close()
    } catch (error) {
      this.#logger.error('session close failed', { error: describeError(error) })
    }
  }

  /** A method, not a field test, so TypeScript does not narrow the state across awaits. */
  #isClosed(): boolean {
    return this.#state === 'Closed'
  }
}

/**
 * Run-time settings from the startup packet (application_name, DateStyle, TimeZone ...), set as
 * PostgreSQL sets them before the first query; a value the session refuses is FATAL, as there.
 */
async function applyStartupSettings(
  session: Session,
  settings: readonly (readonly [string, string])[],
): Promise<void> {
  for (const [name, value] of settings) {
    if (session.setting(name) === undefined) continue // not a setting this session knows
    const outcome = await session.execute('SELECT set_config($1, $2, false)', [name, value])
    if (outcome.error !== undefined) {
      throw new SqlError(outcome.error.code, outcome.error.message, {
        ...outcome.error.fields(),
        severity: 'FATAL',
      })
    }
  }
}

/** VALID UNTIL in the past: PostgreSQL refuses the password even when it is right. */
function isExpired(login: RoleLogin): boolean {
  if (login.validUntil === undefined || login.validUntil === 'infinity') return false
  const until = Date.parse(login.validUntil.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'))
  return Number.isFinite(until) && until <= Date.now()
}

function fatal(code: SqlStateCode, message: string): SqlError {
  return new SqlError(code, message, { severity: 'FATAL' })
}

function notSupported(feature: string): ReportFields {
  return {
    severity: 'ERROR',
    code: SqlState.featureNotSupported,
    message: `${feature} is not supported yet`,
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}
