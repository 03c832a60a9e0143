/**
 * Frontend message parsers: every startup request kind, StartupMessage parameters and their
 * layout errors, PostgreSQL's wording for unsupported versions, and the regular messages.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqlError } from '@bkg-db/engine'
import { cstring, int32, startupPacket } from '../test-doubles.test.js'
import {
  parseFrontendMessage,
  parsePasswordMessage,
  parseStartupPacket,
  unsupportedProtocolError,
} from './frontend-message.js'

function body(packet: Buffer): Buffer {
  return packet.subarray(4)
}

function assertSqlError(action: () => unknown, code: string, message: string): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof SqlError)
    assert.equal(error.code, code)
    assert.equal(error.message, message)
    assert.equal(error.severity, 'FATAL')
    return true
  })
}

describe('parseStartupPacket', () => {
  it('reads a 3.0 StartupMessage with its parameters', () => {
    const request = parseStartupPacket(
      body(startupPacket({ user: 'alice', database: 'shop', application_name: 'psql ✓' })),
    )
    assert.ok(request.kind === 'StartupMessage')
    assert.equal(request.minorVersion, 0)
    assert.deepEqual(
      [...request.parameters],
      [
        ['user', 'alice'],
        ['database', 'shop'],
        ['application_name', 'psql ✓'],
      ],
    )
  })

  it('reads a 3.2 StartupMessage with an empty parameter list', () => {
    const request = parseStartupPacket(body(startupPacket({}, (3 << 16) | 2)))
    assert.deepEqual(request, { kind: 'StartupMessage', minorVersion: 2, parameters: new Map() })
  })

  it('recognises SSLRequest, GSSENCRequest and CancelRequest', () => {
    assert.deepEqual(parseStartupPacket(int32(80877103)), { kind: 'SslRequest' })
    assert.deepEqual(parseStartupPacket(int32(80877104)), { kind: 'GssEncRequest' })
    assert.deepEqual(parseStartupPacket(Buffer.concat([int32(80877102), int32(42), int32(-7)])), {
      kind: 'CancelRequest',
      processId: 42,
      secretKey: -7,
    })
    assertSqlError(
      () => parseStartupPacket(Buffer.concat([int32(80877102), int32(42)])),
      '08P01',
      'invalid length of startup packet',
    )
  })

  it('refuses other protocol versions with PostgreSQL wording', () => {
    assertSqlError(
      () => parseStartupPacket(body(startupPacket({ user: 'a' }, 2 << 16))),
      '0A000',
      'unsupported frontend protocol 2.0: server supports 3.0 to 3.0',
    )
    assert.equal(
      unsupportedProtocolError(80877103).message,
      'unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0',
    )
  })

  it('refuses a parameter list without its terminator', () => {
    const layout = 'invalid startup packet layout: expected terminator as last byte'
    const withoutTerminator = Buffer.concat([int32(196608), cstring('user'), cstring('alice')])
    assertSqlError(() => parseStartupPacket(withoutTerminator), '08P01', layout)
    const missingValue = Buffer.concat([int32(196608), cstring('user'), Buffer.from([0])])
    assertSqlError(() => parseStartupPacket(missingValue), '08P01', layout)
    const earlyEnd = Buffer.concat([int32(196608), Buffer.from([0]), cstring('user'), cstring('a')])
    assertSqlError(
      () => parseStartupPacket(Buffer.concat([earlyEnd, Buffer.from([0])])),
      '08P01',
      layout,
    )
  })

  it('refuses parameters that are not UTF-8', () => {
    const packet = Buffer.concat([int32(196608), cstring('user'), Buffer.from([0xc3, 0x28, 0, 0])])
    assertSqlError(
      () => parseStartupPacket(packet),
      '22021',
      'invalid byte sequence for encoding "UTF8"',
    )
  })
})

describe('parsePasswordMessage', () => {
  it('reads the password', () => {
    assert.equal(parsePasswordMessage(cstring('s3cret ✓')), 's3cret ✓')
    assert.equal(parsePasswordMessage(cstring('')), '')
  })

  it('refuses a body the string does not fill exactly', () => {
    const size = 'invalid password packet size'
    assertSqlError(() => parsePasswordMessage(Buffer.from('abc')), '08P01', size)
    assertSqlError(() => parsePasswordMessage(Buffer.from('ab\0c\0')), '08P01', size)
  })
})

describe('parseFrontendMessage', () => {
  const type = (letter: string): number => letter.charCodeAt(0)

  it('reads Query, Sync and Terminate', () => {
    assert.deepEqual(parseFrontendMessage(type('Q'), cstring('SELECT 1; SELECT 2')), {
      kind: 'Query',
      sql: 'SELECT 1; SELECT 2',
    })
    assert.deepEqual(parseFrontendMessage(type('S'), Buffer.alloc(0)), { kind: 'Sync' })
    assert.deepEqual(parseFrontendMessage(type('X'), Buffer.alloc(0)), { kind: 'Terminate' })
  })

  it('reports a malformed Query as an ERROR, not FATAL', () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.from('SELECT 1'), '08P01', 'invalid string in message'],
      [Buffer.from('SELECT 1\0x\0'), '08P01', 'invalid message format'],
      [Buffer.from([0x53, 0xff, 0]), '22021', 'invalid byte sequence for encoding "UTF8"'],
    ]
    for (const [bytes, code, message] of cases) {
      const parsed = parseFrontendMessage(type('Q'), bytes)
      assert.ok(parsed.kind === 'Malformed')
      assert.equal(parsed.error.code, code)
      assert.equal(parsed.error.message, message)
      assert.equal(parsed.error.severity, 'ERROR')
    }
  })

  it('classifies the messages not supported yet, and unknown types', () => {
    assert.deepEqual(parseFrontendMessage(type('H'), Buffer.alloc(0)), { kind: 'Flush' })
    const parse = parseFrontendMessage(type('P'), Buffer.alloc(0))
    assert.ok(parse.kind === 'Malformed' && parse.isExtended === true)
    assert.deepEqual(parseFrontendMessage(type('F'), Buffer.alloc(0)), { kind: 'FunctionCall' })
    for (const letter of ['d', 'c', 'f']) {
      assert.deepEqual(parseFrontendMessage(type(letter), Buffer.alloc(0)), {
        kind: 'CopyInput',
        type: letter,
      })
    }
    assert.deepEqual(parseFrontendMessage(type('p'), cstring('pw')), {
      kind: 'Unknown',
      typeCode: type('p'),
    })
    assert.deepEqual(parseFrontendMessage(0, Buffer.alloc(0)), { kind: 'Unknown', typeCode: 0 })
  })
})
