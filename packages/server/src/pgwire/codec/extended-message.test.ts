/**
 * The extended query protocol's messages: parsers against hand-built bodies (each field, the
 * 0 / 1 / n format-code rules, NULL parameters, unsigned OIDs) and every malformed body with
 * PostgreSQL's 08P01 wording; the backend answers byte for byte.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqlError } from '@bkg-db/engine'
import { cstring, int32 } from '../test-doubles.test.js'
import {
  bindComplete,
  closeComplete,
  dataRowEncoded,
  noData,
  parameterDescription,
  parseComplete,
  portalSuspended,
  rowDescription,
} from './backend-message.js'
import { parseExtendedMessage } from './extended-message.js'
import { parseFrontendMessage } from './frontend-message.js'

function int16(value: number): Buffer {
  const bytes = Buffer.alloc(2)
  bytes.writeInt16BE(value, 0)
  return bytes
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value, 0)
  return bytes
}

function bindBody(
  formats: number[],
  params: (Buffer | null)[],
  resultFormats: number[],
  names = ['p1', 's1'],
): Buffer {
  return Buffer.concat([
    cstring(names[0] ?? ''),
    cstring(names[1] ?? ''),
    int16(formats.length),
    ...formats.map(int16),
    int16(params.length),
    ...params.map((param) =>
      param === null ? int32(-1) : Buffer.concat([int32(param.length), param]),
    ),
    int16(resultFormats.length),
    ...resultFormats.map(int16),
  ])
}

function protocolError(letter: string, body: Buffer): SqlError {
  try {
    parseExtendedMessage(letter, body)
  } catch (error) {
    assert.ok(error instanceof SqlError)
    return error
  }
  assert.fail(`${letter} ${body.toString('hex')} parsed`)
}

describe('extended query messages', () => {
  it('parses Parse with its parameter type OIDs, unsigned', () => {
    const body = Buffer.concat([
      cstring('stmt'),
      cstring('select $1, $2'),
      int16(2),
      uint32(23),
      uint32(4_000_000_000),
    ])
    assert.deepEqual(parseExtendedMessage('P', body), {
      kind: 'Parse',
      statement: 'stmt',
      sql: 'select $1, $2',
      paramTypes: [23, 4_000_000_000],
    })
  })

  it('parses Bind, expanding one format code to every parameter', () => {
    const one = parseExtendedMessage('B', bindBody([1], [Buffer.from([1]), null], [1, 0]))
    assert.deepEqual(one, {
      kind: 'Bind',
      portal: 'p1',
      statement: 's1',
      paramFormats: [1, 1],
      params: [Buffer.from([1]), null],
      resultFormats: [1, 0],
    })
    const none = parseExtendedMessage('B', bindBody([], [Buffer.from('7')], [], ['', '']))
    assert.ok(none.kind === 'Bind')
    assert.deepEqual(none.paramFormats, [0])
    const each = parseExtendedMessage('B', bindBody([0, 1], [null, null], [1]))
    assert.ok(each.kind === 'Bind')
    assert.deepEqual(each.paramFormats, [0, 1])
  })

  it('parses Describe, Execute, Close and Flush', () => {
    assert.deepEqual(parseExtendedMessage('D', Buffer.concat([Buffer.from('S'), cstring('s')])), {
      kind: 'Describe',
      target: 'Statement',
      name: 's',
    })
    assert.deepEqual(parseExtendedMessage('D', Buffer.concat([Buffer.from('P'), cstring('')])), {
      kind: 'Describe',
      target: 'Portal',
      name: '',
    })
    assert.deepEqual(parseExtendedMessage('E', Buffer.concat([cstring('p'), int32(10)])), {
      kind: 'Execute',
      portal: 'p',
      maxRows: 10,
    })
    assert.deepEqual(parseExtendedMessage('C', Buffer.concat([Buffer.from('P'), cstring('p')])), {
      kind: 'Close',
      target: 'Portal',
      name: 'p',
    })
    assert.deepEqual(parseExtendedMessage('H', Buffer.alloc(0)), { kind: 'Flush' })
  })

  it('reports malformed bodies as ERROR 08P01 with PostgreSQL wording', () => {
    const cases: [string, Buffer, string][] = [
      ['P', cstring('s'), 'invalid string in message'],
      [
        'P',
        Buffer.concat([cstring(''), cstring('x'), int16(1)]),
        'insufficient data left in message',
      ],
      ['E', Buffer.concat([cstring('p'), int32(0), Buffer.from([1])]), 'invalid message format'],
      ['D', Buffer.concat([Buffer.from('X'), cstring('')]), 'invalid DESCRIBE message subtype 88'],
      ['C', Buffer.concat([Buffer.from('Q'), cstring('')]), 'invalid CLOSE message subtype 81'],
      [
        'B',
        bindBody([0, 0, 0], [null, null], []),
        'bind message has 3 parameter formats but 2 parameters',
      ],
      [
        'B',
        Buffer.concat([cstring(''), cstring(''), int16(0), int16(1), int32(-2), int16(0)]),
        'insufficient data left in message',
      ],
      [
        'B',
        Buffer.concat([cstring(''), cstring(''), int16(0), int16(1), int32(100), int16(0)]),
        'insufficient data left in message',
      ],
      ['H', Buffer.from([0]), 'invalid message format'],
    ]
    for (const [letter, body, message] of cases) {
      const error = protocolError(letter, body)
      assert.deepEqual([error.code, error.message, error.severity], ['08P01', message, 'ERROR'])
    }
    const badText = protocolError(
      'P',
      Buffer.concat([cstring(''), Buffer.from([0xff, 0]), int16(0)]),
    )
    assert.equal(badText.code, '22021')
  })

  it('marks a malformed extended message so the connection skips to Sync', () => {
    const parsed = parseFrontendMessage('E'.charCodeAt(0), cstring('p'))
    assert.ok(parsed.kind === 'Malformed')
    assert.equal(parsed.isExtended, true)
    assert.equal(parsed.error.code, '08P01')
  })

  it('encodes the backend answers byte for byte', () => {
    const hex = (bytes: Buffer): string => bytes.toString('hex')
    assert.equal(hex(parseComplete()), '3100000004')
    assert.equal(hex(bindComplete()), '3200000004')
    assert.equal(hex(closeComplete()), '3300000004')
    assert.equal(hex(noData()), '6e00000004')
    assert.equal(hex(portalSuspended()), '7300000004')
    assert.equal(
      hex(parameterDescription([23, 4_000_000_000])),
      '740000000e0002' + '00000017' + 'ee6b2800',
    )
    assert.equal(
      hex(dataRowEncoded([Buffer.from([0, 0, 0, 7]), null])),
      '440000001200020000000400000007ffffffff',
    )
    const column = {
      name: 'a',
      typeOid: 23,
      typeSize: 4,
      typeModifier: -1,
      tableOid: 0,
      columnNumber: 0,
    }
    const described = rowDescription([column], [1])
    assert.equal(described.readInt16BE(described.length - 2), 1, 'format code of the column')
    const text = rowDescription([column])
    assert.equal(text.readInt16BE(text.length - 2), 0)
  })
})
