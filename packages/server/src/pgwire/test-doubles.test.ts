/**
 * Test doubles for pgwire's tests (this file holds no tests itself): a scripted Database whose
 * sessions understand a handful of statements, a logger and a metrics registry that record, and
 * a raw protocol client for what drivers cannot send (bad lengths, unknown message types).
 * Named *.test.ts so it is compiled with the tests and never shipped.
 *
 * The scripted statements, separated by ';' (case-insensitive):
 *   select <int> as <name>   one int4 column, one row          begin / commit / rollback
 *   select null as <name>    one int4 column, a NULL            notice: DO with a NOTICE
 *   rows <n>                 text column `value`, n rows        unicode: one text value
 *   wait                     blocks until openGate()            throw: a non-SqlError
 * Anything else fails with 42601 at the statement's position; in a failed transaction
 * everything but commit/rollback fails with 25P02.
 */
import assert from 'node:assert/strict'
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { after, before } from 'node:test'
import {
  type ColumnDescription,
  type Database,
  type ExecuteOutcome,
  openDatabase,
  type PreparedStatement,
  type RoleLogin,
  type Session,
  type SessionOptions,
  SqlError,
  SqlState,
  type StatementResult,
  type StorageStatistics,
  scramVerifier,
  type TransactionStatus,
} from '@bkg-db/engine'
import { Client, type ClientConfig } from 'pg'
import type {
  Counter,
  Gauge,
  Histogram,
  Labels,
  LogFields,
  Logger,
  LogLevel,
  MetricsRegistry,
} from '../telemetry/index.js'
import { bootstrapLogin, type PgServer, type PgServerOptions, startPgServer } from './index.js'

export const int4Column = (name: string): ColumnDescription => ({
  name,
  typeOid: 23,
  typeSize: 4,
  typeModifier: -1,
  tableOid: 0,
  columnNumber: 0,
})

export const textColumn = (name: string): ColumnDescription => ({
  name,
  typeOid: 25,
  typeSize: -1,
  typeModifier: -1,
  tableOid: 0,
  columnNumber: 0,
})

export const zeroStorageStatistics: StorageStatistics = {
  checkpointsCompleted: 0,
  walInsertLsn: 0,
  walFlushLsn: 0,
  redoLsn: 0,
  vacuumPasses: 0,
  vacuumRemovedVersions: 0,
}

/** The SCRAM verifier of the password 'secret' every test double accepts. */
export const secretVerifier = scramVerifier('secret')

/**
 * The client side of SCRAM-SHA-256 (RFC 5802), for tests that speak the protocol by hand:
 * first() gives client-first-message, final(serverFirst) client-final-message, and
 * serverSignature the `v=` value a genuine server must answer.
 */
export class ScramClient {
  readonly #password: string
  readonly #clientNonce: string
  readonly #gs2Header: string
  serverSignature = ''

  constructor(
    password: string,
    clientNonce = randomBytes(18).toString('base64'),
    gs2Header = 'n,,',
  ) {
    this.#password = password
    this.#clientNonce = clientNonce
    this.#gs2Header = gs2Header
  }

  get clientFirstBare(): string {
    return `n=,r=${this.#clientNonce}`
  }

  first(): string {
    return `${this.#gs2Header}${this.clientFirstBare}`
  }

  final(serverFirst: string): string {
    const attributes = new Map(
      serverFirst.split(',').map((part) => [part.slice(0, 1), part.slice(2)] as const),
    )
    const salt = Buffer.from(attributes.get('s') ?? '', 'base64')
    const iterations = Number(attributes.get('i'))
    const salted = pbkdf2Sync(this.#password, salt, iterations, 32, 'sha256')
    const clientKey = createHmac('sha256', salted).update('Client Key').digest()
    const storedKey = createHash('sha256').update(clientKey).digest()
    const withoutProof = `c=${Buffer.from(this.#gs2Header).toString('base64')},r=${attributes.get('r') ?? ''}`
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`
    const signature = createHmac('sha256', storedKey).update(authMessage).digest()
    const proof = Buffer.from(clientKey.map((byte, index) => byte ^ (signature[index] ?? 0)))
    const serverKey = createHmac('sha256', salted).update('Server Key').digest()
    this.serverSignature = createHmac('sha256', serverKey).update(authMessage).digest('base64')
    return `${withoutProof},p=${proof.toString('base64')}`
  }
}

/** A SASLInitialResponse body: mechanism, int32 length, data. */
export function saslInitialResponse(mechanism: string, data: string): Buffer {
  const bytes = Buffer.from(data)
  const length = Buffer.alloc(4)
  length.writeInt32BE(bytes.length)
  return frontendMessage('p', Buffer.concat([cstring(mechanism), length, bytes]))
}

/**
 * Answers the server's AuthenticationSASL with a SCRAM-SHA-256 exchange for `password`. Returns
 * once SASLFinal arrived (checking the server's signature), or with the ErrorResponse that came
 * instead.
 */
export async function scramLogin(
  client: RawClient,
  password: string,
): Promise<RawMessage | undefined> {
  const request = await client.expect('R')
  assert.equal(request.body.readInt32BE(0), 10, 'AuthenticationSASL')
  assert.equal(request.body.toString('utf8', 4), 'SCRAM-SHA-256\0\0')
  const scram = new ScramClient(password)
  client.send(saslInitialResponse('SCRAM-SHA-256', scram.first()))
  const challenge = await client.expect('R')
  assert.equal(challenge.body.readInt32BE(0), 11, 'AuthenticationSASLContinue')
  client.send(frontendMessage('p', Buffer.from(scram.final(challenge.body.toString('utf8', 4)))))
  const last = await client.next()
  if (last?.type !== 'R') return last
  assert.equal(last.body.readInt32BE(0), 12, 'AuthenticationSASLFinal')
  assert.equal(last.body.toString('utf8', 4), `v=${scram.serverSignature}`)
  return undefined
}

/** A server in front of a real in-memory engine; user postgres, password 'secret'. */
export async function startEngineServer(): Promise<{ database: Database; server: PgServer }> {
  const database = await openDatabase({ path: ':memory:' })
  return { database, server: await startServerFor(database) }
}

/**
 * Starts an engine server before the file's tests and closes it after them; `connect()` opens a
 * node-postgres client as postgres/secret.
 */
export function useEngineServer(): {
  readonly server: PgServer
  readonly database: Database
  connect(): Promise<Client>
} {
  let started: { database: Database; server: PgServer } | undefined
  before(async () => {
    started = await startEngineServer()
  })
  after(async () => {
    await started?.server.close()
    await started?.database.close()
  })
  const current = (): PgServer => {
    assert.ok(started !== undefined, 'the server starts before the tests')
    return started.server
  }
  return {
    get server() {
      return current()
    },
    get database() {
      current()
      assert.ok(started !== undefined)
      return started.database
    },
    connect() {
      return connectPostgres(current().port)
    },
  }
}

/** A node-postgres client connected to 127.0.0.1:`port` as postgres/secret (or `config`). */
export async function connectPostgres(port: number, config: ClientConfig = {}): Promise<Client> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: 'secret',
    database: 'postgres',
    ...config,
  })
  await client.connect()
  return client
}

/** A pgwire server on a free port in front of `database`, with test defaults under `options`. */
export function startServerFor(
  database: Database,
  options: Partial<PgServerOptions> = {},
): Promise<PgServer> {
  return startPgServer({
    host: '127.0.0.1',
    port: 0,
    database,
    findLogin: bootstrapLogin(database, secretVerifier),
    databaseNames: ['postgres'],
    logger: new RecordingLogger(),
    metrics: new RecordingMetrics(),
    ...options,
  })
}

export class FakeDatabase implements Database {
  readonly path = ':fake:'
  readonly sessions: FakeSession[] = []
  #gate: Promise<void>
  #openGate: () => void = () => {}
  #waitStarted: (() => void)[] = []

  constructor() {
    this.#gate = new Promise((resolve) => {
      this.#openGate = resolve
    })
  }

  get sessionCount(): number {
    return this.sessions.filter((session) => !session.isClosed).length
  }

  storageStatistics(): StorageStatistics {
    return zeroStorageStatistics
  }

  findLogin(user: string): RoleLogin | undefined {
    return user === 'mallory'
      ? undefined
      : {
          canLogin: true,
          isSuperuser: user === 'postgres',
          verifier: secretVerifier,
          validUntil: undefined,
        }
  }

  createSession(options: SessionOptions): Session {
    if (options.user === 'nobody') {
      throw new SqlError(SqlState.invalidAuthorizationSpecification, 'role "nobody" does not exist')
    }
    const session = new FakeSession(this.sessions.length + 100, options, this)
    this.sessions.push(session)
    return session
  }

  /** Lets every `wait` statement, running or later, finish. */
  openGate(): void {
    this.#openGate()
  }

  /** Resolves when the next `wait` statement starts. */
  whenWaiting(): Promise<void> {
    return new Promise((resolve) => this.#waitStarted.push(resolve))
  }

  async waitAtGate(): Promise<void> {
    for (const resolve of this.#waitStarted.splice(0)) resolve()
    await this.#gate
  }

  subscribeChanges(): () => void {
    return () => undefined
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.close()
  }
}

export class FakeSession implements Session {
  readonly id: number
  readonly user: string
  readonly applicationName: string | undefined
  transactionStatus: TransactionStatus = 'idle'
  isClosed = false
  isExecuting = false
  closeCount = 0
  readonly #database: FakeDatabase

  constructor(id: number, options: SessionOptions, database: FakeDatabase) {
    this.id = id
    this.user = options.user
    this.applicationName = options.applicationName
    this.#database = database
  }

  async execute(sql: string): Promise<ExecuteOutcome> {
    if (this.isClosed) throw new Error('execute on a closed session')
    this.isExecuting = true
    try {
      return await this.#run(sql)
    } finally {
      this.isExecuting = false
    }
  }

  failTransaction(): void {
    if (this.transactionStatus === 'transaction') this.transactionStatus = 'failed'
  }

  /** Settings are not modelled: ParameterStatus keeps the startup values. */
  setting(): string | undefined {
    return undefined
  }

  /** Cancel requests are not part of what this double models yet. */
  cancel(): void {}

  /** The extended query protocol is tested against the real engine (extended-query.test.ts):
   * here every Parse fails, which shows how errors skip to Sync. */
  prepare(): Promise<PreparedStatement> {
    return Promise.reject(
      new SqlError(SqlState.featureNotSupported, 'prepare is not modelled by FakeSession'),
    )
  }

  preparedStatement(): PreparedStatement | undefined {
    return undefined
  }

  async sync(): Promise<void> {}

  close(): void {
    if (this.isExecuting) throw new Error('close while a statement runs')
    this.closeCount += 1
    this.isClosed = true
    this.transactionStatus = 'idle'
  }

  async #run(sql: string): Promise<ExecuteOutcome> {
    const results: StatementResult[] = []
    let offset = 0
    for (const piece of sql.split(';')) {
      const text = piece.trim()
      const position = offset + piece.indexOf(text) + 1
      offset += piece.length + 1
      if (text === '') continue
      try {
        results.push(await this.#statement(text.toLowerCase(), position))
      } catch (error) {
        if (!(error instanceof SqlError)) throw error
        if (this.transactionStatus === 'transaction') this.transactionStatus = 'failed'
        return { results, error }
      }
    }
    return { results, error: undefined }
  }

  async #statement(text: string, position: number): Promise<StatementResult> {
    if (text === 'commit' || text === 'rollback') {
      const tag = this.transactionStatus === 'failed' ? 'ROLLBACK' : text.toUpperCase()
      this.transactionStatus = 'idle'
      return result(tag, undefined, [])
    }
    if (this.transactionStatus === 'failed') {
      throw new SqlError(
        SqlState.inFailedSqlTransaction,
        'current transaction is aborted, commands ignored until end of transaction block',
      )
    }
    const select = /^select (\d+|null) as (\w+)$/.exec(text)
    if (select?.[1] !== undefined && select[2] !== undefined) {
      const value = select[1] === 'null' ? null : Number(select[1])
      return result('SELECT 1', [int4Column(select[2])], [[value]])
    }
    const rows = /^rows (\d+)$/.exec(text)
    if (rows?.[1] !== undefined) {
      const count = Number(rows[1])
      const values = Array.from({ length: count }, (_, index) => [`row-${index}`])
      return result(`SELECT ${count}`, [textColumn('value')], values)
    }
    return this.#command(text, position)
  }

  async #command(text: string, position: number): Promise<StatementResult> {
    switch (text) {
      case 'begin':
        this.transactionStatus = 'transaction'
        return result('BEGIN', undefined, [])
      case 'unicode':
        return result('SELECT 1', [textColumn('greeting')], [['héllo ✓ 𝄞']])
      case 'notice':
        return {
          ...result('DO', undefined, []),
          notices: [{ severity: 'NOTICE', code: SqlState.successfulCompletion, message: 'hi' }],
        }
      case 'wait':
        await this.#database.waitAtGate()
        return result('SELECT 1', [int4Column('waited')], [[1]])
      case 'throw':
        throw new Error('the fake engine broke')
      default:
        throw new SqlError(SqlState.syntaxError, `syntax error at or near "${text}"`, {
          position,
        })
    }
  }
}

function result(
  commandTag: string,
  columns: readonly ColumnDescription[] | undefined,
  rows: readonly (readonly (string | number | null)[])[],
): StatementResult {
  return {
    command: commandTag.split(' ')[0] ?? commandTag,
    commandTag,
    columns,
    rows,
    rowCount: columns === undefined ? undefined : rows.length,
    notices: [],
  }
}

export interface LogRecord {
  readonly level: LogLevel
  readonly message: string
  readonly fields: LogFields
}

export class RecordingLogger implements Logger {
  readonly records: LogRecord[]
  readonly #fields: LogFields

  constructor(records: LogRecord[] = [], fields: LogFields = {}) {
    this.records = records
    this.#fields = fields
  }

  debug(message: string, fields?: LogFields): void {
    this.#record('debug', message, fields)
  }
  info(message: string, fields?: LogFields): void {
    this.#record('info', message, fields)
  }
  warn(message: string, fields?: LogFields): void {
    this.#record('warn', message, fields)
  }
  error(message: string, fields?: LogFields): void {
    this.#record('error', message, fields)
  }
  child(fields: LogFields): Logger {
    return new RecordingLogger(this.records, { ...this.#fields, ...fields })
  }

  #record(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.records.push({ level, message, fields: { ...this.#fields, ...fields } })
  }
}

/** Keeps every series' value (histograms: observation count) under `name{k="v",...}`. */
export class RecordingMetrics implements MetricsRegistry {
  readonly values = new Map<string, number>()

  counter(name: string): Counter {
    return { inc: (labels, amount = 1) => this.#add(name, labels, amount) }
  }
  gauge(name: string): Gauge {
    return {
      set: (value, labels) => this.values.set(seriesKey(name, labels), value),
      inc: (labels, amount = 1) => this.#add(name, labels, amount),
      dec: (labels, amount = 1) => this.#add(name, labels, -amount),
    }
  }
  histogram(name: string): Histogram {
    return { observe: (_value, labels) => this.#add(name, labels, 1) }
  }
  render(): string {
    return [...this.values].map(([key, value]) => `${key} ${value}`).join('\n')
  }
  addCollector(): void {}
  value(name: string, labels?: Labels): number {
    return this.values.get(seriesKey(name, labels)) ?? 0
  }

  #add(name: string, labels: Labels | undefined, amount: number): void {
    const key = seriesKey(name, labels)
    this.values.set(key, (this.values.get(key) ?? 0) + amount)
  }
}

function seriesKey(name: string, labels: Labels | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([key, value]) => `${key}="${value}"`)
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`
}

// --- raw protocol client -----------------------------------------------------------------

export interface RawMessage {
  readonly type: string
  readonly body: Buffer
}

export function cstring(value: string): Buffer {
  return Buffer.concat([Buffer.from(value, 'utf8'), Buffer.from([0])])
}

export function startupPacket(parameters: Record<string, string>, version = 196608): Buffer {
  const pairs = Object.entries(parameters).flatMap(([name, value]) => [
    cstring(name),
    cstring(value),
  ])
  const body = Buffer.concat([int32(version), ...pairs, Buffer.from([0])])
  return Buffer.concat([int32(body.length + 4), body])
}

export function frontendMessage(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(body.length + 4), body])
}

export function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeInt32BE(value, 0)
  return bytes
}

/** ErrorResponse / NoticeResponse fields by code letter. */
export function reportFields(body: Buffer): Map<string, string> {
  const fields = new Map<string, string>()
  let offset = 0
  while (offset < body.length && body[offset] !== 0) {
    const code = String.fromCharCode(body[offset] ?? 0)
    const end = body.indexOf(0, offset + 1)
    fields.set(code, body.toString('utf8', offset + 1, end))
    offset = end + 1
  }
  return fields
}

/** DataRow values in text, null for NULL. */
export function dataRowValues(body: Buffer): (string | null)[] {
  const count = body.readInt16BE(0)
  const values: (string | null)[] = []
  let offset = 2
  for (let index = 0; index < count; index++) {
    const length = body.readInt32BE(offset)
    offset += 4
    if (length === -1) {
      values.push(null)
    } else {
      values.push(body.toString('utf8', offset, offset + length))
      offset += length
    }
  }
  return values
}

/** A client that speaks bytes: it sends what a test builds and splits what comes back. */
export class RawClient {
  readonly socket: Socket
  readonly ended: Promise<void>
  #buffer = Buffer.alloc(0)
  #waiters: (() => void)[] = []
  #isEnded = false

  private constructor(socket: Socket) {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk])
      this.#wake()
    })
    socket.on('error', () => {})
    this.ended = new Promise((resolve) =>
      socket.once('close', () => {
        this.#isEnded = true
        this.#wake()
        resolve()
      }),
    )
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port })
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.off('error', reject)
        resolve(new RawClient(socket))
      })
    })
  }

  /** Connects, starts up as `user` and authenticates; leaves the client at ReadyForQuery. */
  static async ready(port: number, user = 'postgres', password = 'secret'): Promise<RawClient> {
    const client = await RawClient.connect(port)
    client.send(startupPacket({ user, database: 'postgres' }))
    await scramLogin(client, password)
    await client.readUntil('Z')
    return client
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes)
  }

  /** One raw byte (the answer to SSLRequest). */
  async readByte(): Promise<string> {
    await this.#until(() => this.#buffer.length >= 1)
    const byte = String.fromCharCode(this.#buffer[0] ?? 0)
    this.#buffer = this.#buffer.subarray(1)
    return byte
  }

  /** The next message, or undefined when the server closed the connection first. */
  async next(): Promise<RawMessage | undefined> {
    await this.#until(() => this.#complete() !== undefined)
    const length = this.#complete()
    if (length === undefined) return undefined
    const message = {
      type: String.fromCharCode(this.#buffer[0] ?? 0),
      body: Buffer.from(this.#buffer.subarray(5, 1 + length)),
    }
    this.#buffer = this.#buffer.subarray(1 + length)
    return message
  }

  async expect(type: string): Promise<RawMessage> {
    const message = await this.next()
    if (message?.type !== type) {
      throw new Error(`expected message ${type}, got ${message?.type ?? 'end of stream'}`)
    }
    return message
  }

  /** Messages up to and including the first of `type`. */
  async readUntil(type: string): Promise<RawMessage[]> {
    const messages: RawMessage[] = []
    for (;;) {
      const message = await this.next()
      if (message === undefined) throw new Error(`stream ended before message ${type}`)
      messages.push(message)
      if (message.type === type) return messages
    }
  }

  #complete(): number | undefined {
    if (this.#buffer.length < 5) return undefined
    const length = this.#buffer.readInt32BE(1)
    return this.#buffer.length >= 1 + length ? length : undefined
  }

  async #until(isDone: () => boolean): Promise<void> {
    while (!isDone() && !this.#isEnded) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve))
    }
  }

  #wake(): void {
    for (const resolve of this.#waiters.splice(0)) resolve()
  }
}
