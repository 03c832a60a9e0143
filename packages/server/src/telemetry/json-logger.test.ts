/**
 * JsonLogger: the JSON record shape (time, level, msg, then fields), level filtering, child
 * fields, the conversions for values JSON lacks, and the pretty format used on terminals.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JsonLogger, type JsonLoggerOptions, type LogStream } from './json-logger.js'

const fixedTime = new Date('2025-01-02T03:04:05.678Z')

function collectingLogger(options: Partial<JsonLoggerOptions> & { isTTY?: boolean } = {}) {
  const lines: string[] = []
  const stream: LogStream = {
    isTTY: options.isTTY ?? false,
    write(chunk: string) {
      lines.push(chunk)
      return true
    },
  }
  const logger = new JsonLogger({
    level: 'info',
    format: 'json',
    now: () => fixedTime,
    stream,
    ...options,
  })
  return { logger, lines }
}

describe('JsonLogger', () => {
  it('writes one JSON object per line: time, level, msg, then the fields', () => {
    const { logger, lines } = collectingLogger()
    logger.info('listening', { port: 54321, host: '127.0.0.1' })
    assert.deepEqual(lines, [
      '{"time":"2025-01-02T03:04:05.678Z","level":"info","msg":"listening","port":54321,"host":"127.0.0.1"}\n',
    ])
  })

  it('drops records below the configured level', () => {
    const { logger, lines } = collectingLogger({ level: 'warn' })
    logger.debug('a')
    logger.info('b')
    logger.warn('c')
    logger.error('d')
    assert.deepEqual(
      lines.map((line) => JSON.parse(line).msg),
      ['c', 'd'],
    )
    assert.equal(logger.isLevelEnabled('info'), false)
    assert.equal(logger.isLevelEnabled('error'), true)
  })

  it('adds child fields to every record, call fields winning', () => {
    const { logger, lines } = collectingLogger()
    const child = logger.child({ component: 'pgwire', connectionId: 1 }).child({ connectionId: 2 })
    child.info('hello', { user: 'postgres' })
    assert.deepEqual(JSON.parse(lines[0] ?? ''), {
      time: fixedTime.toISOString(),
      level: 'info',
      msg: 'hello',
      component: 'pgwire',
      connectionId: 2,
      user: 'postgres',
    })
  })

  it('converts bigints, errors and cycles, and keeps reserved names from being overwritten', () => {
    const { logger, lines } = collectingLogger()
    const cycle: Record<string, unknown> = { name: 'loop' }
    cycle['self'] = cycle
    const error = Object.assign(new Error('boom'), { code: 'EADDRINUSE' })
    logger.error('failed', { big: 2n ** 64n, error, cycle, msg: 'mine', level: 'x' })
    const record = JSON.parse(lines[0] ?? '')
    assert.equal(record.msg, 'failed')
    assert.equal(record.level, 'error')
    assert.equal(record.msg_, 'mine')
    assert.equal(record.level_, 'x')
    assert.equal(record.big, '18446744073709551616')
    assert.equal(record.error.name, 'Error')
    assert.equal(record.error.message, 'boom')
    assert.equal(record.error.code, 'EADDRINUSE')
    assert.match(record.error.stack, /^Error: boom/)
    assert.deepEqual(record.cycle, { name: 'loop', self: '[Circular]' })
  })

  it('prints a readable line in the pretty format, colored only on a terminal', () => {
    const plain = collectingLogger({ format: 'pretty' })
    plain.logger.warn('slow query', { durationMs: 1500, sql: 'SELECT 1', path: '/query' })
    assert.deepEqual(plain.lines, [
      '03:04:05.678 WARN  slow query durationMs=1500 sql="SELECT 1" path=/query\n',
    ])
    const colored = collectingLogger({ format: 'pretty', isTTY: true })
    colored.logger.info('ready')
    assert.equal(colored.lines[0], '\x1b[2m03:04:05.678\x1b[0m \x1b[36mINFO \x1b[0m ready\n')
  })
})
