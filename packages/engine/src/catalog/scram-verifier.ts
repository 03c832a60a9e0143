/**
 * SCRAM-SHA-256 verifiers (RFC 5802 / RFC 7677) as PostgreSQL stores them in
 * pg_authid.rolpassword:
 *
 *   SCRAM-SHA-256$<iterations>:<salt base64>$<StoredKey base64>:<ServerKey base64>
 *
 * SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations); ClientKey =
 * HMAC(SaltedPassword, "Client Key"); StoredKey = SHA-256(ClientKey); ServerKey =
 * HMAC(SaltedPassword, "Server Key"). The clear-text password is not kept. Simplification: the
 * password is used as given (PostgreSQL applies SASLprep; for ASCII passwords that is the same).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'

/** PostgreSQL's scram_iterations default. */
export const scramIterations = 4096
const saltBytes = 16

const verifierPattern =
  /^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/

/** Whether `text` is already a verifier (then CREATE ROLE stores it as is, as PostgreSQL). */
export function isScramVerifier(text: string): boolean {
  return verifierPattern.test(text)
}

/** Whether `text` is an MD5 hash as PostgreSQL stores one ("md5" and 32 hex digits). */
export function isMd5Hash(text: string): boolean {
  return /^md5[0-9a-f]{32}$/.test(text)
}

export function scramVerifier(
  password: string,
  salt: Uint8Array = randomBytes(saltBytes),
  iterations: number = scramIterations,
): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256')
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  const storedKey = createHash('sha256').update(clientKey).digest()
  const serverKey = createHmac('sha256', salted).update('Server Key').digest()
  const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')
  return `SCRAM-SHA-256$${iterations}:${base64(salt)}$${base64(storedKey)}:${base64(serverKey)}`
}

/** The parts of a stored verifier (what a SCRAM exchange needs), or undefined. */
export function parseScramVerifier(verifier: string):
  | {
      readonly iterations: number
      readonly salt: Buffer
      readonly storedKey: Buffer
      readonly serverKey: Buffer
    }
  | undefined {
  const match = verifierPattern.exec(verifier)
  if (match === null) return undefined
  const [, iterations, salt, storedKey, serverKey] = match
  return {
    iterations: Number(iterations),
    salt: Buffer.from(salt ?? '', 'base64'),
    storedKey: Buffer.from(storedKey ?? '', 'base64'),
    serverKey: Buffer.from(serverKey ?? '', 'base64'),
  }
}

/** Whether `password` matches a stored SCRAM verifier (for in-process password checks). */
export function verifiesPassword(verifier: string, password: string): boolean {
  const parts = parseScramVerifier(verifier)
  if (parts === undefined) return false
  return scramVerifier(password, parts.salt, parts.iterations) === verifier
}
