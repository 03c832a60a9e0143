/**
 * MessageReader framing: frames come out whole however the bytes are split, lengths outside the
 * limits are refused as soon as the header arrives, and nothing the size of a refused length is
 * ever allocated.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqlError } from '@bkg-db/engine'
import { pgMessageBytesMax, pgStartupPacketBytesMax } from '../../limits.js'
import { cstring, frontendMessage, int32, startupPacket } from '../test-doubles.test.js'
import { type Frame, MessageReader } from './message-reader.js'

function readAll(reader: MessageReader): Frame[] {
  const frames: Frame[] = []
  for (let frame = reader.next(); frame !== undefined; frame = reader.next()) frames.push(frame)
  return frames
}

function assertProtocolViolation(action: () => unknown, message: string): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof SqlError)
    assert.equal(error.code, '08P01')
    assert.equal(error.severity, 'FATAL')
    assert.equal(error.message, message)
    return true
  })
}

/** Records the sizes of every Buffer allocation made while `action` runs. */
function allocationsDuring(action: () => void): number[] {
  const sizes: number[] = []
  const { alloc, allocUnsafe, allocUnsafeSlow } = Buffer
  Buffer.alloc = (size, fill, encoding) => {
    sizes.push(size)
    return alloc(size, fill, encoding)
  }
  Buffer.allocUnsafe = (size) => {
    sizes.push(size)
    return allocUnsafe(size)
  }
  Buffer.allocUnsafeSlow = (size) => {
    sizes.push(size)
    return allocUnsafeSlow(size)
  }
  try {
    action()
  } finally {
    Object.assign(Buffer, { alloc, allocUnsafe, allocUnsafeSlow })
  }
  return sizes
}

describe('MessageReader', () => {
  it('frames a startup packet fed one byte at a time', () => {
    const packet = startupPacket({ user: 'alice', database: 'shop' })
    const reader = new MessageReader()
    for (let index = 0; index < packet.length - 1; index++) {
      reader.push(packet.subarray(index, index + 1))
      assert.equal(reader.next(), undefined)
    }
    reader.push(packet.subarray(packet.length - 1))
    const frame = reader.next()
    assert.deepEqual(frame, { kind: 'StartupPacket', body: packet.subarray(4) })
    assert.equal(reader.bufferedBytes, 0)
  })

  it('frames several messages from one chunk and keeps the partial rest', () => {
    const query = frontendMessage('Q', cstring('SELECT 1'))
    const sync = frontendMessage('S')
    const terminate = frontendMessage('X')
    const reader = new MessageReader()
    reader.isStartupPhase = false
    reader.push(Buffer.concat([query, sync, terminate.subarray(0, 3)]))
    const frames = readAll(reader)
    assert.deepEqual(
      frames.map((frame) => frame.kind === 'Message' && String.fromCharCode(frame.type)),
      ['Q', 'S'],
    )
    assert.deepEqual(frames[0], { kind: 'Message', type: 0x51, body: cstring('SELECT 1') })
    assert.deepEqual(frames[1], { kind: 'Message', type: 0x53, body: Buffer.alloc(0) })
    assert.equal(reader.bufferedBytes, 3)
    reader.push(terminate.subarray(3))
    assert.deepEqual(readAll(reader), [{ kind: 'Message', type: 0x58, body: Buffer.alloc(0) }])
  })

  it('joins a body split across many chunks, header split too', () => {
    const sql = `SELECT '${'x'.repeat(5000)}'`
    const message = frontendMessage('Q', cstring(sql))
    const reader = new MessageReader()
    reader.isStartupPhase = false
    const cuts = [2, 3, 7, 1000, 1001, 4000, message.length]
    let start = 0
    for (const cut of cuts) {
      reader.push(message.subarray(start, cut))
      start = cut
      if (cut < message.length) assert.equal(reader.next(), undefined)
    }
    const frame = reader.next()
    assert.ok(frame?.kind === 'Message')
    assert.equal(frame.body.toString('utf8', 0, frame.body.length - 1), sql)
  })

  it('switches framing after the startup phase', () => {
    const reader = new MessageReader()
    const sslRequest = Buffer.concat([int32(8), int32(80877103)])
    reader.push(Buffer.concat([sslRequest, startupPacket({ user: 'bob' })]))
    assert.equal(reader.next()?.kind, 'StartupPacket')
    assert.equal(reader.next()?.kind, 'StartupPacket')
    reader.isStartupPhase = false
    reader.push(frontendMessage('X'))
    assert.equal(reader.next()?.kind, 'Message')
  })

  it('refuses an oversized startup length from its header, allocating nothing of that size', () => {
    const reader = new MessageReader()
    const sizes = allocationsDuring(() => {
      reader.push(int32(pgStartupPacketBytesMax + 1))
      assertProtocolViolation(() => reader.next(), 'invalid length of startup packet')
    })
    assert.ok(
      sizes.every((size) => size <= 16),
      `allocated ${sizes.join(', ')}`,
    )
  })

  it('refuses startup lengths below 8', () => {
    const reader = new MessageReader()
    reader.push(int32(7))
    assertProtocolViolation(() => reader.next(), 'invalid length of startup packet')
  })

  it('accepts a startup packet of exactly the limit', () => {
    const reader = new MessageReader()
    const packet = Buffer.alloc(pgStartupPacketBytesMax)
    packet.writeInt32BE(pgStartupPacketBytesMax, 0)
    reader.push(packet)
    assert.equal(reader.next()?.kind, 'StartupPacket')
  })

  it('refuses a message length above the limit, allocating nothing of that size', () => {
    const reader = new MessageReader()
    reader.isStartupPhase = false
    const sizes = allocationsDuring(() => {
      reader.push(Buffer.concat([Buffer.from('Q'), int32(0x7fff_ffff)]))
      assertProtocolViolation(() => reader.next(), 'invalid message length')
    })
    assert.ok(
      sizes.every((size) => size <= 16),
      `allocated ${sizes.join(', ')}`,
    )
    const atLimit = new MessageReader()
    atLimit.isStartupPhase = false
    atLimit.push(Buffer.concat([Buffer.from('Q'), int32(pgMessageBytesMax)]))
    assert.equal(atLimit.next(), undefined, 'a length at the limit waits for its body')
  })

  it('refuses message lengths below 4 and above a lowered limit', () => {
    const tooShort = new MessageReader()
    tooShort.isStartupPhase = false
    tooShort.push(Buffer.concat([Buffer.from('S'), int32(3)]))
    assertProtocolViolation(() => tooShort.next(), 'invalid message length')

    const lowered = new MessageReader()
    lowered.isStartupPhase = false
    lowered.messageBytesMax = 100
    lowered.push(Buffer.concat([Buffer.from('p'), int32(101)]))
    assertProtocolViolation(() => lowered.next(), 'invalid message length')
  })
})
