/**
 * ListenError: a listener could not bind its address (port in use, no permission, no such
 * address). The message names the face, the host and the port, so the user knows which flag
 * or key to change; the command exits with code 2 as for any configuration problem.
 */

export type ListenFace = 'HTTP' | 'pgwire'

const reasons: Readonly<Record<string, string>> = {
  EADDRINUSE: 'is already in use',
  EACCES: 'needs more privileges (ports below 1024 usually do)',
  EADDRNOTAVAIL: 'is on an address this machine does not have',
}

export class ListenError extends Error {
  override readonly name = 'ListenError'
  readonly face: ListenFace
  readonly host: string
  readonly port: number
  /** The system error code (EADDRINUSE, EACCES, ...). */
  readonly systemCode: string

  constructor(
    face: ListenFace,
    host: string,
    port: number,
    systemCode: string,
    options?: { cause?: unknown },
  ) {
    const reason = reasons[systemCode] ?? `cannot be listened on (${systemCode})`
    super(`cannot start ${face}: port ${port} on ${host} ${reason}`, options)
    this.face = face
    this.host = host
    this.port = port
    this.systemCode = systemCode
  }

  /** The ListenError for `error` if it is (or wraps) a bind failure, else undefined. */
  static from(
    face: ListenFace,
    host: string,
    port: number,
    error: unknown,
  ): ListenError | undefined {
    let current: unknown = error
    for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
      const code = 'code' in current ? current.code : undefined
      if (typeof code === 'string' && code in reasons) {
        return new ListenError(face, host, port, code, { cause: error })
      }
      current = current.cause
    }
    return undefined
  }
}
