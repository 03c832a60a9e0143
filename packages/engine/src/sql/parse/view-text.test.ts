// The text kept for a view's query: what follows AS, without a trailing check option clause or
// semicolon, as written (comments, case and non-ASCII text kept).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { loadParser } from './parser.js'
import { viewQueryText } from './view-text.js'

before(async () => {
  await loadParser()
})

test('the query text starts after the first AS outside parentheses', () => {
  assert.equal(viewQueryText('CREATE VIEW v AS SELECT 1'), 'SELECT 1')
  assert.equal(
    viewQueryText("create view v (a) with (x = 1) as select 'é' as a, (1) AS b from t"),
    "select 'é' as a, (1) AS b from t",
  )
  assert.equal(viewQueryText('CREATE VIEW v AS\n  -- note\n  VALUES (1);'), '-- note\n  VALUES (1)')
})

test('a trailing check option clause and semicolons are not part of the query', () => {
  assert.equal(
    viewQueryText('CREATE VIEW v AS SELECT a FROM t WITH LOCAL CHECK OPTION;'),
    'SELECT a FROM t',
  )
  assert.equal(
    viewQueryText('CREATE VIEW v AS SELECT a FROM t WITH CHECK OPTION'),
    'SELECT a FROM t',
  )
  assert.equal(
    viewQueryText('CREATE VIEW v AS WITH c AS (SELECT 1 AS x) SELECT x FROM c'),
    'WITH c AS (SELECT 1 AS x) SELECT x FROM c',
  )
})
