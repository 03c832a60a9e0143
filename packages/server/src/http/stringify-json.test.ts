/** stringifyJson: exact bigints and number text, JSON.stringify's output for everything else. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JsonNumberText, stringifyJson } from './stringify-json.js'

describe('stringifyJson', () => {
  it('writes bigints as exact JSON numbers', () => {
    assert.equal(
      stringifyJson([9007199254740993n, -(2n ** 63n)]),
      '[9007199254740993,-9223372036854775808]',
    )
  })

  it('matches JSON.stringify for plain values and leaves out undefined members', () => {
    const value = {
      a: 1.5,
      b: 'quote " and \n and \u2028',
      c: [true, false, null],
      d: undefined,
      e: {},
    }
    const { d: _omitted, ...plain } = value
    assert.equal(stringifyJson(value), JSON.stringify(plain))
  })

  it('writes validated number text unchanged and refuses what is not a JSON number', () => {
    const exact = JsonNumberText.parse('12345678901234567890.000000000000000001')
    assert.ok(exact !== undefined)
    assert.equal(stringifyJson({ n: exact }), '{"n":12345678901234567890.000000000000000001}')
    for (const text of ['NaN', 'Infinity', '1.', '.5', '01', '+1', '1e']) {
      assert.equal(JsonNumberText.parse(text), undefined, text)
    }
  })

  it('refuses non-finite numbers', () => {
    assert.throws(() => stringifyJson(Number.NaN), RangeError)
  })
})
