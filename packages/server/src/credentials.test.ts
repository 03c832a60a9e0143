/**
 * Credentials: generated once and kept in credentials.json (0600, directory created), reused
 * on later loads, configured values win and stay off disk, a damaged file is an error rather
 * than a silent new password, and secretEquals compares exactly.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { CredentialsError, generateSecret, loadCredentials, secretEquals } from './credentials.js'

let root = ''
let dataDir = ''

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bkg-db-credentials-'))
  dataDir = join(root, 'nested', 'data')
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

function counterSecrets(): () => string {
  let next = 0
  return () => `secret-${++next}`
}

describe('loadCredentials', () => {
  it('generates both secrets on first start and keeps them in credentials.json', () => {
    const credentials = loadCredentials({
      dataDir,
      adminKey: undefined,
      password: undefined,
      generateSecret: counterSecrets(),
    })
    assert.deepEqual(credentials, {
      adminKey: 'secret-1',
      adminKeySource: 'generated',
      password: 'secret-2',
      passwordSource: 'generated',
      filePath: join(dataDir, 'credentials.json'),
    })
    assert.equal(statSync(dataDir).mode & 0o777, 0o700)
    assert.equal(statSync(credentials.filePath).mode & 0o777, 0o600)
    assert.deepEqual(JSON.parse(readFileSync(credentials.filePath, 'utf8')), {
      version: 1,
      adminKey: 'secret-1',
      password: 'secret-2',
    })
  })

  it('reuses stored secrets on later starts', () => {
    loadCredentials({
      dataDir,
      adminKey: undefined,
      password: undefined,
      generateSecret: counterSecrets(),
    })
    const again = loadCredentials({
      dataDir,
      adminKey: undefined,
      password: undefined,
      generateSecret: () => assert.fail('nothing should be generated'),
    })
    assert.equal(again.adminKey, 'secret-1')
    assert.equal(again.adminKeySource, 'stored')
    assert.equal(again.password, 'secret-2')
    assert.equal(again.passwordSource, 'stored')
  })

  it('prefers configured values and never writes them', () => {
    const credentials = loadCredentials({
      dataDir,
      adminKey: 'configured-admin-key-123',
      password: 'configured-password',
    })
    assert.equal(credentials.adminKeySource, 'configured')
    assert.equal(credentials.passwordSource, 'configured')
    assert.equal(existsSync(credentials.filePath), false)

    const mixed = loadCredentials({
      dataDir,
      adminKey: 'configured-admin-key-123',
      password: undefined,
      generateSecret: counterSecrets(),
    })
    assert.equal(mixed.password, 'secret-1')
    assert.deepEqual(JSON.parse(readFileSync(mixed.filePath, 'utf8')), {
      version: 1,
      password: 'secret-1',
    })
  })

  it('lets a configured value win over a stored one, leaving the file as it was', () => {
    loadCredentials({
      dataDir,
      adminKey: undefined,
      password: undefined,
      generateSecret: counterSecrets(),
    })
    const before = readFileSync(join(dataDir, 'credentials.json'), 'utf8')
    const credentials = loadCredentials({ dataDir, adminKey: undefined, password: 'from-config' })
    assert.equal(credentials.password, 'from-config')
    assert.equal(credentials.adminKey, 'secret-1')
    assert.equal(readFileSync(join(dataDir, 'credentials.json'), 'utf8'), before)
  })

  it('refuses a damaged credentials.json instead of replacing the password', () => {
    loadCredentials({ dataDir, adminKey: undefined, password: undefined })
    const filePath = join(dataDir, 'credentials.json')
    writeFileSync(filePath, '{"version": 1, "password": ')
    assert.throws(
      () => loadCredentials({ dataDir, adminKey: undefined, password: undefined }),
      (error: unknown) =>
        error instanceof CredentialsError && error.message.includes('is not valid JSON'),
    )
    writeFileSync(filePath, '{"version": 2}')
    assert.throws(
      () => loadCredentials({ dataDir, adminKey: undefined, password: undefined }),
      /unsupported version 2/,
    )
    writeFileSync(filePath, '{"version": 1, "password": 5}')
    assert.throws(
      () => loadCredentials({ dataDir, adminKey: undefined, password: undefined }),
      /password must be a non-empty string/,
    )
  })
})

describe('generateSecret', () => {
  it('makes 43 URL-safe characters, different every time', () => {
    const first = generateSecret()
    assert.match(first, /^[A-Za-z0-9_-]{43}$/)
    assert.notEqual(generateSecret(), first)
  })
})

describe('secretEquals', () => {
  it('is true only for equal strings, whatever their lengths', () => {
    assert.equal(secretEquals('abc', 'abc'), true)
    assert.equal(secretEquals('abc', 'abd'), false)
    assert.equal(secretEquals('abc', 'abcd'), false)
    assert.equal(secretEquals('', 'abc'), false)
    assert.equal(secretEquals('ключ', 'ключ'), true)
  })
})
