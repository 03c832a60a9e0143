/**
 * MessageReader: cuts whole frontend messages out of a TCP byte stream, incrementally. Bytes
 * arrive in chunks of any size; `push` buffers them and `next` returns the next complete frame,
 * or undefined until one has arrived.
 *
 * Two framings, chosen by the connection (`isStartupPhase`):
 *   startup packet   Int32 length (counts itself), then length - 4 body bytes. No type byte.
 *                    Validity: 8 <= length <= pgStartupPacketBytesMax.
 *   regular message  Byte1 type, Int32 length (counts itself, not the type byte), then
 *                    length - 4 body bytes. Validity: 4 <= length <= pgMessageBytesMax.
 * A length is checked as soon as its header has arrived, before the body is awaited, so a
 * client declaring a huge message is refused without the server reserving or buffering it;
 * the violation is a FATAL SqlError 08P01, after which the stream is not resynchronisable and
 * the connection closes. Message bodies are in frontend-message.ts.
 */
import { assert, SqlError, SqlState } from '@bkg-db/engine'
import { pgMessageBytesMax, pgStartupPacketBytesMax } from '../../limits.js'

export type Frame =
  | { readonly kind: 'StartupPacket'; readonly body: Buffer }
  | { readonly kind: 'Message'; readonly type: number; readonly body: Buffer }

const startupPacketBytesMin = 8
const messageLengthMin = 4

export class MessageReader {
  /** Received, not yet consumed; the first `#headOffset` bytes of `#chunks[0]` are consumed. */
  #chunks: Buffer[] = []
  #headOffset = 0
  #bufferedBytes = 0
  /** True until the StartupMessage has been read; SSLRequest is followed by another packet. */
  isStartupPhase = true
  /** Largest regular message accepted now; lowered while the client is not yet authenticated. */
  messageBytesMax = pgMessageBytesMax

  /** Bytes received and not yet returned in a frame. */
  get bufferedBytes(): number {
    return this.#bufferedBytes
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.#chunks.push(chunk)
    this.#bufferedBytes += chunk.length
  }

  /** The next complete frame, or undefined when more bytes are needed. Throws on a bad length. */
  next(): Frame | undefined {
    return this.isStartupPhase ? this.#nextStartupPacket() : this.#nextMessage()
  }

  #nextStartupPacket(): Frame | undefined {
    if (this.#bufferedBytes < 4) return undefined
    const length = this.#peek(4).readInt32BE(0)
    if (length < startupPacketBytesMin || length > pgStartupPacketBytesMax) {
      throw protocolViolation('invalid length of startup packet')
    }
    if (this.#bufferedBytes < length) return undefined
    this.#consume(4)
    return { kind: 'StartupPacket', body: this.#take(length - 4) }
  }

  #nextMessage(): Frame | undefined {
    if (this.#bufferedBytes < 5) return undefined
    const header = this.#peek(5)
    const type = header.readUInt8(0)
    const length = header.readInt32BE(1)
    if (length < messageLengthMin || length > this.messageBytesMax) {
      throw protocolViolation('invalid message length')
    }
    if (this.#bufferedBytes < 1 + length) return undefined
    this.#consume(5)
    return { kind: 'Message', type, body: this.#take(length - 4) }
  }

  /** The first `count` buffered bytes, not consumed; `count` is a header's size. */
  #peek(count: number): Buffer {
    assert(count <= this.#bufferedBytes, 'peek within the buffered bytes')
    const head = this.#chunks[0]
    assert(head !== undefined, 'buffered bytes live in chunks')
    if (head.length - this.#headOffset >= count) {
      return head.subarray(this.#headOffset, this.#headOffset + count)
    }
    return this.#gather(count, false)
  }

  /** The next `count` bytes, consumed: a view of one chunk when possible, else one copy. */
  #take(count: number): Buffer {
    const head = this.#chunks[0]
    if (count === 0) return Buffer.alloc(0)
    assert(head !== undefined, 'buffered bytes live in chunks')
    if (head.length - this.#headOffset >= count) {
      const bytes = head.subarray(this.#headOffset, this.#headOffset + count)
      this.#consume(count)
      return bytes
    }
    return this.#gather(count, true)
  }

  /** Copies the next `count` bytes out of the chunks, consuming them if `isConsumed`. */
  #gather(count: number, isConsumed: boolean): Buffer {
    assert(count <= this.#bufferedBytes, 'gather within the buffered bytes')
    const target = Buffer.allocUnsafe(count)
    let copied = 0
    let offset = this.#headOffset
    // Bounded by the number of chunks: each pass copies the rest of one chunk or finishes.
    for (const chunk of this.#chunks) {
      if (copied === count) break
      copied += chunk.copy(target, copied, offset, Math.min(chunk.length, offset + count - copied))
      offset = 0
    }
    assert(copied === count, 'gathered every requested byte')
    if (isConsumed) this.#consume(count)
    return target
  }

  #consume(count: number): void {
    let remaining = count
    this.#bufferedBytes -= count
    // Bounded by the number of chunks: each pass drops one chunk or ends.
    while (remaining > 0) {
      const head = this.#chunks[0]
      assert(head !== undefined, 'consume within the buffered bytes')
      const available = head.length - this.#headOffset
      if (available > remaining) {
        this.#headOffset += remaining
        return
      }
      remaining -= available
      this.#chunks.shift()
      this.#headOffset = 0
    }
  }
}

function protocolViolation(message: string): SqlError {
  return new SqlError(SqlState.protocolViolation, message, { severity: 'FATAL' })
}
