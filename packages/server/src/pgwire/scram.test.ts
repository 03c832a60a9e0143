import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqlError, scramVerifier } from '@bkg-db/engine'
import { ScramExchange } from './scram.js'
import { ScramClient } from './test-doubles.test.js'

// RFC 7677 section 3: user "user", password "pencil".
const rfcVerifier =
  'SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU='
const rfcClientNonce = 'rOprNGfwEbeRWgbNEkqO'
const rfcServerNonce = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0'
const mockSecret = Buffer.alloc(32, 7)

function fatalCode(error: unknown): string {
  assert.ok(error instanceof SqlError)
  assert.equal(error.fields().severity, 'FATAL')
  return error.code
}

describe('ScramExchange', () => {
  it('reproduces the RFC 7677 exchange byte for byte', () => {
    const exchange = new ScramExchange('user', rfcVerifier, mockSecret, rfcServerNonce)
    const serverFirst = exchange.first(`n,,n=user,r=${rfcClientNonce}`)
    assert.equal(
      serverFirst,
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
    )
    const outcome = exchange.final(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    )
    assert.deepEqual(outcome, {
      isAuthenticated: true,
      serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
    })
  })

  it('accepts the right password and refuses a wrong one', () => {
    const verifier = scramVerifier('correct horse')
    for (const [password, isAuthenticated] of [
      ['correct horse', true],
      ['correct horsE', false],
    ] as const) {
      const client = new ScramClient(password)
      const exchange = new ScramExchange('alice', verifier, mockSecret)
      const outcome = exchange.final(client.final(exchange.first(client.first())))
      assert.equal(outcome.isAuthenticated, isAuthenticated)
      if (outcome.isAuthenticated) assert.equal(outcome.serverFinal, `v=${client.serverSignature}`)
    }
  })

  it('runs a mock exchange with a stable salt for unknown users and always fails', () => {
    const salts = ['ghost', 'ghost', 'other'].map((user) => {
      const client = new ScramClient('anything')
      const exchange = new ScramExchange(user, undefined, mockSecret)
      const serverFirst = exchange.first(client.first())
      assert.match(serverFirst, /^r=[^,]+,s=[A-Za-z0-9+/=]{24},i=4096$/)
      assert.deepEqual(exchange.final(client.final(serverFirst)), { isAuthenticated: false })
      return serverFirst.split(',')[1]
    })
    assert.equal(salts[0], salts[1], 'the same user sees the same salt every time')
    assert.notEqual(salts[0], salts[2])
    // An MD5 hash cannot be used by SCRAM: a mock exchange, as in PostgreSQL.
    const md5 = new ScramExchange('bob', `md5${'0'.repeat(32)}`, mockSecret)
    const client = new ScramClient('x')
    assert.equal(md5.final(client.final(md5.first(client.first()))).isAuthenticated, false)
  })

  it('refuses malformed messages with FATAL 08P01 or 0A000', () => {
    const cases: [string, string][] = [
      ['', '08P01'],
      ['x,,n=,r=abc', '08P01'],
      ['p=tls-server-end-point,,n=,r=abc', '08P01'],
      ['n,a=admin,n=,r=abc', '0A000'],
      ['n,,m=ext,n=,r=abc', '0A000'],
      ['n,,n=,r=', '08P01'],
      ['n,,r=abc', '08P01'],
    ]
    for (const [message, code] of cases) {
      const exchange = new ScramExchange('u', rfcVerifier, mockSecret)
      assert.throws(
        () => exchange.first(message),
        (error) => fatalCode(error) === code,
        message,
      )
    }
    const finals: [string, string][] = [
      ['c=biws,r=wrong,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', '08P01'],
      ['c=eSws,r=abcdef,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', '08P01'],
      ['c=biws,r=abcdef', '08P01'],
      ['c=biws,r=abcdef,p=c2hvcnQ=', '08P01'],
    ]
    for (const [message, code] of finals) {
      const exchange = new ScramExchange('u', rfcVerifier, mockSecret, 'def')
      exchange.first('n,,n=,r=abc')
      assert.throws(
        () => exchange.final(message),
        (error) => fatalCode(error) === code,
        message,
      )
    }
    const early = new ScramExchange('u', rfcVerifier, mockSecret)
    assert.throws(
      () => early.final('c=biws,r=x,p=y'),
      (error) => fatalCode(error) === '08P01',
    )
  })
})
