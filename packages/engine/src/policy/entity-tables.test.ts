/** Entity → table names: the documented order of candidates and the plural rules. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { plural, snakeCase, tableCandidates } from './entity-tables.js'

test('candidates: exact, snake_case, lower case, then their plurals', () => {
  assert.deepEqual(tableCandidates('PageConfig'), [
    'PageConfig',
    'page_config',
    'pageconfig',
    'page_configs',
    'pageconfigs',
  ])
  assert.deepEqual(tableCandidates('User'), ['User', 'user', 'users'])
  assert.deepEqual(tableCandidates('users'), ['users', 'userses'])
})

test('snake_case splits words and acronyms', () => {
  assert.equal(snakeCase('HTTPRequest'), 'http_request')
  assert.equal(snakeCase('userID'), 'user_id')
  assert.equal(snakeCase('Order Line'), 'order_line')
})

test('regular English plurals', () => {
  assert.equal(plural('box'), 'boxes')
  assert.equal(plural('match'), 'matches')
  assert.equal(plural('category'), 'categories')
  assert.equal(plural('day'), 'days')
  assert.equal(plural('user'), 'users')
})
