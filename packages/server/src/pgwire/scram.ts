/**
 * The server side of a SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as PostgreSQL runs it over
 * pgwire, against a verifier stored as `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`:
 *
 *   client-first  n,,n=<ignored>,r=<client nonce>          (SASLInitialResponse)
 *   server-first  r=<client nonce><server nonce>,s=<salt>,i=<iterations>   (SASLContinue)
 *   client-final  c=biws,r=<nonce>,p=<ClientProof>          (SASLResponse)
 *   server-final  v=<ServerSignature>                        (SASLFinal)
 *
 * The client proves it knows the password: ClientKey = ClientProof XOR HMAC(StoredKey,
 * AuthMessage) must hash to StoredKey (compared with timingSafeEqual). As in PostgreSQL, the
 * user name in client-first is ignored (the startup packet's user counts), no authorization
 * identity is accepted, and channel binding is not offered (no TLS here), so the client's gs2
 * flag must be 'n' or 'y'.
 *
 * No user enumeration: for a role that does not exist or has no SCRAM verifier the exchange is
 * run against a mock secret whose salt derives from the user name and a server secret (so it is
 * the same on every attempt, like a real one) and the proof always fails; the client sees the
 * same messages and the same error as for a wrong password.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { parseScramVerifier, SqlError, SqlState } from '@bkg-db/engine'

export const scramMechanism = 'SCRAM-SHA-256'

/** PostgreSQL's scram_iterations default, used for mock exchanges. */
const mockIterations = 4096
const nonceBytes = 18
const keyBytes = 32

interface ScramSecret {
  readonly iterations: number
  readonly salt: Buffer
  readonly storedKey: Buffer
  readonly serverKey: Buffer
}

export type ScramFinalOutcome =
  | { readonly isAuthenticated: true; readonly serverFinal: string }
  | { readonly isAuthenticated: false }

export class ScramExchange {
  readonly #secret: ScramSecret
  readonly #isMock: boolean
  #clientFirstBare: string | undefined
  #gs2Header = ''
  #serverFirst = ''
  #nonce = ''
  readonly #serverNonce: string

  /**
   * `verifier` is the role's stored password (undefined: none); anything but a SCRAM verifier
   * gives a mock exchange keyed by `mockSecret` (a server-wide secret) and `user`. Tests fix
   * `serverNonce`; otherwise it is 18 random bytes, as in PostgreSQL.
   */
  constructor(
    user: string,
    verifier: string | undefined,
    mockSecret: Uint8Array,
    serverNonce = randomBytes(nonceBytes).toString('base64'),
  ) {
    this.#serverNonce = serverNonce
    const parsed = verifier === undefined ? undefined : parseScramVerifier(verifier)
    this.#isMock = parsed === undefined
    this.#secret = parsed ?? mockSecretFor(user, mockSecret)
  }

  /** Reads client-first-message; returns server-first-message. Throws FATAL 08P01 if malformed. */
  first(clientFirst: string): string {
    if (this.#clientFirstBare !== undefined) throw malformed('Unexpected client-first-message.')
    const flagEnd = clientFirst.indexOf(',')
    const flag = flagEnd < 0 ? '' : clientFirst.slice(0, flagEnd)
    if (flag.startsWith('p=')) {
      throw malformed(
        'The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.',
      )
    }
    if (flag !== 'n' && flag !== 'y') throw malformed(`Unexpected channel-binding flag "${flag}".`)
    const authzidEnd = clientFirst.indexOf(',', flagEnd + 1)
    if (authzidEnd < 0) throw malformed('Comma expected.')
    if (authzidEnd !== flagEnd + 1) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'client uses authorization identity, but it is not supported',
        { severity: 'FATAL' },
      )
    }
    const bare = clientFirst.slice(authzidEnd + 1)
    const attributes = bare.split(',')
    if (attributes[0]?.startsWith('m=')) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'client requires an unsupported SCRAM extension',
        {
          severity: 'FATAL',
        },
      )
    }
    if (!attributes[0]?.startsWith('n=')) throw malformed('Expected attribute "n".')
    const clientNonce = attributes[1]?.startsWith('r=') === true ? attributes[1].slice(2) : ''
    if (clientNonce === '' || !/^[\x21-\x2b\x2d-\x7e]+$/.test(clientNonce)) {
      throw malformed('Expected attribute "r" with a printable nonce.')
    }
    this.#clientFirstBare = bare
    this.#gs2Header = clientFirst.slice(0, authzidEnd + 1)
    this.#nonce = clientNonce + this.#serverNonce
    const { salt, iterations } = this.#secret
    this.#serverFirst = `r=${this.#nonce},s=${salt.toString('base64')},i=${iterations}`
    return this.#serverFirst
  }

  /** Reads client-final-message; says whether the proof holds (and what to answer if so). */
  final(clientFinal: string): ScramFinalOutcome {
    if (this.#clientFirstBare === undefined) throw malformed('Unexpected client-final-message.')
    const proofStart = clientFinal.lastIndexOf(',p=')
    if (proofStart < 0) throw malformed('Proof expected.')
    const withoutProof = clientFinal.slice(0, proofStart)
    const attributes = withoutProof.split(',')
    const binding = attributes[0]?.startsWith('c=') === true ? attributes[0].slice(2) : undefined
    if (binding === undefined) throw malformed('Expected attribute "c".')
    if (binding !== Buffer.from(this.#gs2Header).toString('base64')) {
      throw new SqlError(SqlState.protocolViolation, 'SCRAM channel binding check failed', {
        severity: 'FATAL',
      })
    }
    if (attributes[1] !== `r=${this.#nonce}`) throw malformed('Nonce does not match.')
    const proof = Buffer.from(clientFinal.slice(proofStart + 3), 'base64')
    if (proof.length !== keyBytes) throw malformed('Malformed proof in client-final-message.')
    const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`
    const { storedKey, serverKey } = this.#secret
    const clientSignature = hmac(storedKey, authMessage)
    const clientKey = Buffer.alloc(keyBytes)
    for (let index = 0; index < keyBytes; index++) {
      clientKey[index] = (proof[index] ?? 0) ^ (clientSignature[index] ?? 0)
    }
    const computed = createHash('sha256').update(clientKey).digest()
    const isMatch = computed.length === storedKey.length && timingSafeEqual(computed, storedKey)
    if (!isMatch || this.#isMock) return { isAuthenticated: false }
    return {
      isAuthenticated: true,
      serverFinal: `v=${hmac(serverKey, authMessage).toString('base64')}`,
    }
  }
}

function mockSecretFor(user: string, mockSecret: Uint8Array): ScramSecret {
  const salt = createHash('sha256').update(mockSecret).update(user).digest().subarray(0, 16)
  return {
    iterations: mockIterations,
    salt,
    storedKey: randomBytes(keyBytes),
    serverKey: randomBytes(keyBytes),
  }
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest()
}

function malformed(detail: string): SqlError {
  return new SqlError(SqlState.protocolViolation, 'malformed SCRAM message', {
    severity: 'FATAL',
    detail,
  })
}
