/**
 * Backend message builders, byte for byte against the formats in backend-message.ts: every
 * builder once, with the length field checked against the bytes that follow it.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqlError, SqlState } from '@bkg-db/engine'
import { dataRowValues, int4Column, reportFields, textColumn } from '../test-doubles.test.js'
import {
  authenticationCleartextPassword,
  authenticationOk,
  backendKeyData,
  commandComplete,
  dataRow,
  emptyQueryResponse,
  encryptionRefusal,
  errorResponse,
  negotiateProtocolVersion,
  noticeResponse,
  parameterStatus,
  readyForQuery,
  rowDescription,
} from './backend-message.js'
import { MessageWriter } from './message-writer.js'

/** Checks the frame (type byte, length = bytes after the type byte) and returns the body. */
function bodyOf(message: Buffer, type: string): Buffer {
  assert.equal(String.fromCharCode(message[0] ?? 0), type)
  assert.equal(message.readInt32BE(1), message.length - 1)
  return message.subarray(5)
}

const hex = (bytes: Buffer): string => bytes.toString('hex')

describe('backend messages', () => {
  it('encode the fixed-size authentication and key messages exactly', () => {
    assert.equal(hex(encryptionRefusal()), '4e')
    assert.equal(hex(authenticationOk()), '52' + '00000008' + '00000000')
    assert.equal(hex(authenticationCleartextPassword()), '52' + '00000008' + '00000003')
    assert.equal(hex(backendKeyData(7, -2)), '4b' + '0000000c' + '00000007' + 'fffffffe')
    assert.equal(hex(emptyQueryResponse()), '49' + '00000004')
  })

  it('encode ReadyForQuery for each transaction status', () => {
    assert.equal(hex(readyForQuery('idle')), '5a' + '00000005' + '49')
    assert.equal(hex(readyForQuery('transaction')), '5a' + '00000005' + '54')
    assert.equal(hex(readyForQuery('failed')), '5a' + '00000005' + '45')
  })

  it('encode ParameterStatus, CommandComplete and NegotiateProtocolVersion', () => {
    assert.deepEqual(
      bodyOf(parameterStatus('TimeZone', 'UTC'), 'S'),
      Buffer.from('TimeZone\0UTC\0'),
    )
    assert.deepEqual(bodyOf(commandComplete('INSERT 0 3'), 'C'), Buffer.from('INSERT 0 3\0'))
    const negotiate = bodyOf(negotiateProtocolVersion(['_pq_.a', '_pq_.b']), 'v')
    assert.equal(negotiate.readInt32BE(0), 0)
    assert.equal(negotiate.readInt32BE(4), 2)
    assert.equal(negotiate.toString('utf8', 8), '_pq_.a\0_pq_.b\0')
  })

  it('encode RowDescription field by field', () => {
    const column = { ...int4Column('id'), tableOid: 16384, columnNumber: 2, typeModifier: 7 }
    const body = bodyOf(rowDescription([column, textColumn('näme')]), 'T')
    assert.equal(body.readInt16BE(0), 2)
    let offset = 2
    const expected: [string, number, number, number, number, number][] = [
      ['id', 16384, 2, 23, 4, 7],
      ['näme', 0, 0, 25, -1, -1],
    ]
    for (const [name, tableOid, columnNumber, typeOid, typeSize, typeModifier] of expected) {
      const end = body.indexOf(0, offset)
      assert.equal(body.toString('utf8', offset, end), name)
      offset = end + 1
      assert.equal(body.readInt32BE(offset), tableOid)
      assert.equal(body.readInt16BE(offset + 4), columnNumber)
      assert.equal(body.readInt32BE(offset + 6), typeOid)
      assert.equal(body.readInt16BE(offset + 10), typeSize)
      assert.equal(body.readInt32BE(offset + 12), typeModifier)
      assert.equal(body.readInt16BE(offset + 16), 0, 'text format')
      offset += 18
    }
    assert.equal(offset, body.length)
    assert.equal(hex(bodyOf(rowDescription([]), 'T')), '0000')
  })

  it('encode DataRow with byte lengths, NULL as -1, and empty strings', () => {
    const message = dataRow(['1', null, '', 'héllo 𝄞'])
    const body = bodyOf(message, 'D')
    assert.deepEqual(dataRowValues(body), ['1', null, '', 'héllo 𝄞'])
    assert.equal(hex(body.subarray(0, 11)), '0004' + '00000001' + '31' + 'ffffffff')
    assert.equal(body.readInt32BE(11), 0)
    assert.equal(body.readInt32BE(15), Buffer.byteLength('héllo 𝄞'))
    assert.equal(body.length, 19 + Buffer.byteLength('héllo 𝄞'))
  })

  it('encode ErrorResponse with every field the error has', () => {
    const error = new SqlError(SqlState.uniqueViolation, 'duplicate key value', {
      detail: 'Key (id)=(1) already exists.',
      hint: 'Pick another id.',
      position: 12,
      schema: 'public',
      table: 'users',
      column: 'id',
      dataType: 'integer',
      constraint: 'users_pkey',
    })
    const fields = reportFields(bodyOf(errorResponse(error), 'E'))
    assert.deepEqual(Object.fromEntries(fields), {
      S: 'ERROR',
      V: 'ERROR',
      C: '23505',
      M: 'duplicate key value',
      D: 'Key (id)=(1) already exists.',
      H: 'Pick another id.',
      P: '12',
      s: 'public',
      t: 'users',
      c: 'id',
      d: 'integer',
      n: 'users_pkey',
    })
    const context = {
      severity: 'ERROR',
      code: '22012',
      message: 'division by zero',
      where: 'SQL function "f" statement 1',
      internalPosition: 3,
      internalQuery: 'SELECT 1/0',
      file: 'int.c',
      line: 841,
      routine: 'int4div',
    }
    const contextBody = bodyOf(errorResponse(context), 'E')
    assert.equal(
      contextBody.toString('utf8'),
      'SERROR\0VERROR\0C22012\0Mdivision by zero\0p3\0qSELECT 1/0\0WSQL function "f" statement 1\0' +
        'Fint.c\0L841\0Rint4div\0\0',
      "PostgreSQL's order: p, q, W after P; F, L, R last",
    )
    const minimal = bodyOf(errorResponse({ severity: 'FATAL', code: '28P01', message: 'no' }), 'E')
    assert.equal(minimal.toString('latin1'), 'SFATAL\0VFATAL\0C28P01\0Mno\0\0')
  })

  it('encode NoticeResponse like ErrorResponse', () => {
    const notice = {
      severity: 'NOTICE',
      code: '00000',
      message: 'table "t" does not exist, skipping',
    }
    const fields = reportFields(bodyOf(noticeResponse(notice), 'N'))
    assert.equal(fields.get('S'), 'NOTICE')
    assert.equal(fields.get('M'), 'table "t" does not exist, skipping')
    assert.equal(fields.size, 4)
  })
})

describe('MessageWriter', () => {
  it('grows past its initial size and patches the length', () => {
    const long = 'x'.repeat(1000)
    const message = new MessageWriter('Q', 1).cstring(long).int16(-1).int8(255).finish()
    const body = bodyOf(message, 'Q')
    assert.equal(body.length, 1001 + 2 + 1)
    assert.equal(body.toString('utf8', 0, 1000), long)
    assert.equal(body.readInt16BE(1001), -1)
    assert.equal(body.readUInt8(1003), 255)
  })

  it('writes a NUL inside a string as U+FFFD, so the message stays well formed', () => {
    const bytes = new MessageWriter('C').cstring('a\0b').finish()
    const body = bytes.subarray(5)
    assert.deepEqual([...body], [...Buffer.from('a\uFFFDb\0', 'utf8')])
  })
})
