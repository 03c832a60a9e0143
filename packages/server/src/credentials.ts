/**
 * Credentials: the admin key (full access over HTTP) and the password of the superuser
 * `postgres` (pgwire). A configured value (config file or environment) always wins and is never
 * written to disk. Otherwise the value is generated on first start (32 random bytes, base64url)
 * and kept in `<data_dir>/credentials.json`, so later starts reuse it:
 *
 *   { "version": 1, "adminKey": "<43 characters>", "password": "<43 characters>" }
 *
 * The file holds only generated values; either field may be absent. It is written with mode
 * 0600 (through a temporary file and a rename, so a crash never leaves half a file) and the
 * data directory is created with mode 0700 when missing, as PostgreSQL requires of PGDATA.
 *
 * Secrets are compared with secretEquals, whose running time depends on neither secret.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const credentialsFileName = 'credentials.json'
const credentialsFileVersion = 1

/** Where a credential came from: the config, generated just now, or credentials.json. */
export type CredentialSource = 'configured' | 'generated' | 'stored'

export interface Credentials {
  readonly adminKey: string
  readonly adminKeySource: CredentialSource
  readonly password: string
  readonly passwordSource: CredentialSource
  /** Absolute path of credentials.json, whether or not it holds anything. */
  readonly filePath: string
}

export interface CredentialsOptions {
  readonly dataDir: string
  /** Configured values; undefined means generate or reuse. */
  readonly adminKey: string | undefined
  readonly password: string | undefined
  /** Source of new secrets; tests pass a deterministic one. */
  readonly generateSecret?: () => string
}

/** credentials.json exists but cannot be read or does not hold what it should. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError'
}

interface StoredCredentials {
  readonly adminKey?: string
  readonly password?: string
}

export function loadCredentials(options: CredentialsOptions): Credentials {
  const filePath = join(options.dataDir, credentialsFileName)
  const generate = options.generateSecret ?? generateSecret
  const stored = readStoredCredentials(filePath)
  const adminKey = chooseSecret(options.adminKey, stored.adminKey, generate)
  const password = chooseSecret(options.password, stored.password, generate)
  if (adminKey.source === 'generated' || password.source === 'generated') {
    const next: StoredCredentials = {
      ...stored,
      ...(adminKey.source === 'generated' ? { adminKey: adminKey.value } : {}),
      ...(password.source === 'generated' ? { password: password.value } : {}),
    }
    writeStoredCredentials(options.dataDir, filePath, next)
  }
  return {
    adminKey: adminKey.value,
    adminKeySource: adminKey.source,
    password: password.value,
    passwordSource: password.source,
    filePath,
  }
}

function chooseSecret(
  configured: string | undefined,
  stored: string | undefined,
  generate: () => string,
): { value: string; source: CredentialSource } {
  if (configured !== undefined) return { value: configured, source: 'configured' }
  if (stored !== undefined) return { value: stored, source: 'stored' }
  return { value: generate(), source: 'generated' }
}

/** A new secret: 32 bytes from the system's CSPRNG, base64url (43 URL-safe characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Whether `given` equals `expected`, in time independent of both: the two are hashed first, so
 * neither the position of the first difference nor the length of the secret leaks.
 */
export function secretEquals(given: string, expected: string): boolean {
  const givenDigest = createHash('sha256').update(given, 'utf8').digest()
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest()
  return timingSafeEqual(givenDigest, expectedDigest)
}

function readStoredCredentials(filePath: string): StoredCredentials {
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {}
    throw new CredentialsError(`cannot read ${filePath}: ${String(error)}`, { cause: error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error: unknown) {
    throw new CredentialsError(
      `${filePath} is not valid JSON; fix it or delete it to generate new credentials`,
      { cause: error },
    )
  }
  return validateStoredCredentials(parsed, filePath)
}

function validateStoredCredentials(parsed: unknown, filePath: string): StoredCredentials {
  const invalid = (what: string) =>
    new CredentialsError(`${filePath}: ${what}; fix it or delete it to generate new credentials`)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('expected a JSON object')
  }
  const record = parsed as Readonly<Record<string, unknown>>
  if (record['version'] !== credentialsFileVersion) {
    throw invalid(`unsupported version ${JSON.stringify(record['version'])}`)
  }
  const result: { adminKey?: string; password?: string } = {}
  for (const name of ['adminKey', 'password'] as const) {
    const value = record[name]
    if (value === undefined) continue
    if (typeof value !== 'string' || value === '')
      throw invalid(`${name} must be a non-empty string`)
    result[name] = value
  }
  return result
}

function writeStoredCredentials(
  dataDir: string,
  filePath: string,
  stored: StoredCredentials,
): void {
  const text = `${JSON.stringify({ version: credentialsFileVersion, ...stored }, null, 2)}\n`
  const temporaryPath = `${filePath}.tmp`
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    // A leftover from a crash could carry other permissions; `mode` applies only on creation.
    rmSync(temporaryPath, { force: true })
    writeFileSync(temporaryPath, text, { mode: 0o600, flush: true })
    renameSync(temporaryPath, filePath)
  } catch (error: unknown) {
    throw new CredentialsError(`cannot write ${filePath}: ${String(error)}`, { cause: error })
  }
}
