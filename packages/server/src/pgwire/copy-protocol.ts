/**
 * The COPY sub-protocol (PostgreSQL's protocol 3 "COPY Operations") for one connection: the
 * engine's CopyHandler over the socket. COPY FROM STDIN sends CopyInResponse, then reads the
 * client's CopyData until CopyDone (the data's end) or CopyFail (57014 `COPY from stdin failed:
 * <message>`); Flush and Sync in between are ignored, any other message fails the COPY with 08P01,
 * as PostgreSQL does. After an error, the CopyData still coming is dropped by the connection
 * (it ignores copy messages outside COPY). COPY TO STDOUT sends CopyOutResponse, CopyData per
 * chunk, waiting for the socket to drain once pgSendBufferBytesMax is queued, and CopyDone.
 */
import { type CopyHandler, type CopyStart, SqlError, SqlState } from '@bkg-db/engine'
import { pgSendBufferBytesMax } from '../limits.js'
import { copyData, copyDone, copyInResponse, copyOutResponse, type Frame } from './codec/index.js'
import type { SocketOutput } from './socket-output.js'

const copyDataType = 0x64 // 'd'
const copyDoneType = 0x63 // 'c'
const copyFailType = 0x66 // 'f'
const flushType = 0x48 // 'H'
const syncType = 0x53 // 'S'

export class CopyProtocol implements CopyHandler {
  readonly #output: SocketOutput
  /** The connection's next frame; undefined once the connection is gone. */
  readonly #nextFrame: () => Promise<Frame | undefined>

  constructor(output: SocketOutput, nextFrame: () => Promise<Frame | undefined>) {
    this.#output = output
    this.#nextFrame = nextFrame
  }

  copyIn(start: CopyStart): AsyncIterable<Uint8Array> {
    const output = this.#output
    const nextFrame = this.#nextFrame
    return (async function* () {
      output.queue(copyInResponse(start.format === 'binary', start.columnCount))
      await output.flush()
      for (;;) {
        const frame = await nextFrame()
        if (frame === undefined) {
          throw new SqlError(
            SqlState.connectionFailure,
            'unexpected EOF on client connection with an open transaction',
          )
        }
        if (frame.kind !== 'Message') {
          throw new SqlError(
            SqlState.protocolViolation,
            'unexpected startup packet during COPY from stdin',
          )
        }
        switch (frame.type) {
          case copyDataType:
            yield frame.body
            break
          case copyDoneType:
            return
          case copyFailType:
            throw new SqlError(
              SqlState.queryCanceled,
              `COPY from stdin failed: ${copyFailMessage(frame.body)}`,
            )
          case flushType:
          case syncType:
            break
          default:
            throw new SqlError(
              SqlState.protocolViolation,
              `unexpected message type 0x${frame.type.toString(16).padStart(2, '0').toUpperCase()} during COPY from stdin`,
            )
        }
      }
    })()
  }

  async copyOutBegin(start: CopyStart): Promise<void> {
    this.#output.queue(copyOutResponse(start.format === 'binary', start.columnCount))
  }

  async copyOutData(chunk: Uint8Array): Promise<void> {
    this.#output.queue(copyData(chunk))
    if (this.#output.pendingBytes >= pgSendBufferBytesMax) await this.#output.flush()
  }

  copyOutEnd(): void {
    this.#output.queue(copyDone())
  }
}

/** CopyFail's error message (a C string); what is there when it is not terminated. */
function copyFailMessage(body: Buffer): string {
  const end = body.indexOf(0)
  return body.toString('utf8', 0, end === -1 ? body.length : end)
}
