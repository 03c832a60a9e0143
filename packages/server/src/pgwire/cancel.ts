/**
 * CancelRequest: which backend a (process id, secret key) pair names. Each authenticated
 * connection registers its BackendKeyData (the secret is 32 crypto-random bits) with the
 * function that cancels its running statement, and unregisters when it closes, so the table
 * holds one entry per open session. A request whose key does not match does nothing, and, as in
 * PostgreSQL, the requester is never told whether anything was cancelled.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'

/** What a CancelRequest must quote to cancel this connection's query. */
export interface BackendKey {
  readonly processId: number
  readonly secretKey: number
}

interface Backend {
  readonly secret: Buffer
  readonly cancel: () => void
}

export class CancelRegistry {
  readonly #backends = new Map<number, Backend>()

  /** Number of registered backends (open sessions). */
  get size(): number {
    return this.#backends.size
  }

  /** Registers the session with id `processId`; returns its key and the unregister function. */
  register(processId: number, cancel: () => void): { key: BackendKey; unregister: () => void } {
    const secret = randomBytes(4)
    const backend: Backend = { secret, cancel }
    this.#backends.set(processId, backend)
    const unregister = (): void => {
      if (this.#backends.get(processId) === backend) this.#backends.delete(processId)
    }
    return { key: { processId, secretKey: secret.readInt32BE(0) }, unregister }
  }

  /** Cancels the statement of the backend `processId` if `secretKey` is its key. */
  cancel(processId: number, secretKey: number): boolean {
    const backend = this.#backends.get(processId)
    const quoted = Buffer.alloc(4)
    quoted.writeInt32BE(secretKey)
    // Compared in constant time even for an unknown process id, so timing tells nothing.
    const isMatch = timingSafeEqual(backend?.secret ?? randomBytes(4), quoted)
    if (backend === undefined || !isMatch) return false
    backend.cancel()
    return true
  }
}
