// search_path parsing: the list syntax PostgreSQL accepts (quoted and unquoted identifiers,
// "$user"), checked against what PostgreSQL resolves for the same values.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { searchPathSchemas } from './settings.js'

test('search_path: the default names the user, then public', () => {
  assert.deepEqual(searchPathSchemas('"$user", public', 'alice'), ['alice', 'public'])
  assert.deepEqual(searchPathSchemas('$user,public', 'bob'), ['bob', 'public'])
})

test('search_path: unquoted names fold to lower case, quoted ones keep case and quotes', () => {
  assert.deepEqual(searchPathSchemas('App, "My Schema", "a""b"', 'u'), ['app', 'My Schema', 'a"b'])
})

test('search_path: empty and blank values name no schema; extra commas are skipped', () => {
  assert.deepEqual(searchPathSchemas('', 'u'), [])
  assert.deepEqual(searchPathSchemas('  ', 'u'), [])
  assert.deepEqual(searchPathSchemas('a,,b ,', 'u'), ['a', 'b'])
})
