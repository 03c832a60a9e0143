// SQL value functions bind to the declared functions PostgreSQL maps them to, with its result
// types, typmods (precision, at most 6) and column names (checked with psql's \gdesc on
// PostgreSQL 15).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { Catalog } from '../../catalog/index.js'
import { formatType } from '../../types/index.js'
import { loadParser, parseSql } from '../parse/index.js'
import { type BoundSelect, bindStatement } from './index.js'

before(async () => {
  await loadParser()
})

function describe(sql: string): string[] {
  const [parsed] = parseSql(sql)
  assert.ok(parsed !== undefined)
  const { statement } = bindStatement(Catalog.empty(), parsed)
  assert.equal(statement.kind, 'Select')
  return (statement as BoundSelect).output.map(
    (column) => `${column.name} ${formatType(column.type)}`,
  )
}

test('date and time keywords: types and precision', () => {
  assert.deepEqual(
    describe(
      'SELECT current_timestamp(3), localtimestamp(0), current_time(2), localtime, current_date, current_timestamp, localtime(9)',
    ),
    [
      'current_timestamp timestamp(3) with time zone',
      'localtimestamp timestamp(0) without time zone',
      'current_time time(2) with time zone',
      'localtime time without time zone',
      'current_date date',
      'current_timestamp timestamp with time zone',
      'localtime time(6) without time zone',
    ],
  )
})

test('user and schema keywords are of type name', () => {
  assert.deepEqual(
    describe(
      'SELECT current_user, session_user, user, current_role, current_catalog, current_schema',
    ),
    [
      'current_user name',
      'session_user name',
      'user name',
      'current_role name',
      'current_catalog name',
      'current_schema name',
    ],
  )
})
