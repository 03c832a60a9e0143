/** The SQLSTATE → HTTP status table: specific codes beat their class, unknown classes are 500. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { httpStatusForSqlState } from './http-status.js'

describe('httpStatusForSqlState', () => {
  it('maps the classes clients meet most', () => {
    const cases: [string, number][] = [
      ['42601', 400], // syntax error
      ['42P01', 400], // undefined table
      ['42703', 400], // undefined column
      ['22P02', 400], // invalid text representation
      ['23505', 409], // unique violation
      ['28P01', 401], // invalid password
      ['40001', 409], // serialization failure: retry
      ['0A000', 501], // feature not supported
      ['53100', 503], // disk full
      ['57014', 503], // query canceled
      ['58030', 500], // I/O error
      ['XX000', 500], // internal error
    ]
    for (const [code, status] of cases) assert.equal(httpStatusForSqlState(code), status, code)
  })

  it('lets a specific code win over its class', () => {
    assert.equal(httpStatusForSqlState('42501'), 403)
    assert.equal(httpStatusForSqlState('P0001'), 400)
    assert.equal(httpStatusForSqlState('P0002'), 500)
  })

  it('answers 500 for classes it does not list', () => {
    assert.equal(httpStatusForSqlState('HV000'), 500)
  })
})
