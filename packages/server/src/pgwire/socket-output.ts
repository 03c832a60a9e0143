/**
 * SocketOutput: the connection's only way to write to its socket. Messages are queued and sent
 * in one write per flush; when the socket's buffer is full, `flush` waits for 'drain', so a
 * client that stops reading stalls its own query's output instead of growing server memory.
 * Once the socket is closed every write is dropped: nothing is ever written to a dead socket.
 */
import type { Socket } from 'node:net'

export class SocketOutput {
  readonly #socket: Socket
  #pending: Buffer[] = []
  #pendingBytes = 0

  constructor(socket: Socket) {
    this.#socket = socket
  }

  /** True once the socket can no longer be written (closed, destroyed, or ended by us). */
  get isClosed(): boolean {
    return this.#socket.destroyed || !this.#socket.writable
  }

  /** Bytes queued and not yet handed to the socket. */
  get pendingBytes(): number {
    return this.#pendingBytes
  }

  queue(message: Buffer): void {
    if (this.isClosed) return
    this.#pending.push(message)
    this.#pendingBytes += message.length
  }

  /** Writes what is queued; resolves once the socket can take more (or has closed). */
  async flush(): Promise<void> {
    const data = this.#takePending()
    if (data === undefined || this.isClosed) return
    if (this.#socket.write(data)) return
    await this.#drained()
  }

  /** Writes what is queued and half-closes the socket; the client then sees end of stream. */
  end(): void {
    const data = this.#takePending()
    if (this.isClosed) return
    if (data === undefined) this.#socket.end()
    else this.#socket.end(data)
  }

  #takePending(): Buffer | undefined {
    const pending = this.#pending
    this.#pending = []
    this.#pendingBytes = 0
    if (pending.length === 0) return undefined
    return pending.length === 1 ? pending[0] : Buffer.concat(pending)
  }

  #drained(): Promise<void> {
    const socket = this.#socket
    if (socket.destroyed) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        socket.off('drain', done)
        socket.off('close', done)
        resolve()
      }
      socket.on('drain', done)
      socket.on('close', done)
    })
  }
}
