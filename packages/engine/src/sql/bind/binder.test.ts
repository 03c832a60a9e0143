// The binder on real parser output against a fixed catalog: the bound tree of each statement
// kind, parameter type inference, unknown-literal coercion, ORDER BY resolution, row locks, and
// the errors (SQLSTATE, PostgreSQL 15 wording, position) for bad names and unsupported features.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { Catalog, type Table } from '../../catalog/index.js'
import { SqlError } from '../../errors/index.js'
import { sqlTypes } from '../../types/index.js'
import { loadParser, parseSql } from '../parse/index.js'
import { bindStatement } from './binder.js'
import type { BoundExpr, BoundQuery, BoundSelect, BoundStatement } from './bound.js'

const accounts: Table = {
  oid: 16384,
  schema: 'public',
  name: 'accounts',
  columns: [
    { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'label', number: 2, type: sqlTypes.text, isNotNull: false },
    { name: 'balance', number: 3, type: sqlTypes.int8, isNotNull: true },
    { name: 'active', number: 4, type: sqlTypes.bool, isNotNull: false },
  ],
  primaryKey: { name: 'accounts_pkey', columns: [0] },
}

const events: Table = {
  oid: 16386,
  schema: 'public',
  name: 'events',
  columns: [{ name: 'note', number: 1, type: sqlTypes.text, isNotNull: false }],
  primaryKey: undefined,
}

const catalog = Catalog.empty().withTable(accounts, 2).withTable(events, 1)

before(async () => {
  await loadParser()
})

function bind(sql: string): BoundQuery {
  const [statement, ...rest] = parseSql(sql)
  assert.ok(statement !== undefined && rest.length === 0, 'one statement')
  return bindStatement(catalog, statement)
}

function bindSelect(sql: string): BoundSelect {
  const { statement } = bind(sql)
  assert.equal(statement.kind, 'Select')
  return statement as BoundSelect
}

function bindError(sql: string): SqlError {
  try {
    bind(sql)
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail(`expected ${sql} to fail`)
}

/** The error's code, message and position, for one deepEqual. */
function failure(sql: string): { code: string; message: string; position: number | undefined } {
  const error = bindError(sql)
  return { code: error.code, message: error.message, position: error.position }
}

function column(index: number, table: Table = accounts): BoundExpr {
  const definition = table.columns[index]
  assert.ok(definition !== undefined)
  return { kind: 'ColumnRef', type: definition.type, index, name: definition.name, table }
}

function int4(value: number): BoundExpr {
  return { kind: 'Constant', type: sqlTypes.int4, value }
}

test('SELECT: table, WHERE, targets with * expanded, ORDER BY, LIMIT and OFFSET', () => {
  const select = bindSelect('SELECT *, id AS key FROM accounts WHERE id = 5 LIMIT 10 OFFSET 2')
  const expected: BoundStatement = {
    kind: 'Select',
    from: accounts,
    where: {
      kind: 'Comparison',
      type: sqlTypes.bool,
      operator: '=',
      left: column(0),
      right: int4(5),
    },
    targets: [
      { name: 'id', expr: column(0) },
      { name: 'label', expr: column(1) },
      { name: 'balance', expr: column(2) },
      { name: 'active', expr: column(3) },
      { name: 'key', expr: column(0) },
    ],
    orderBy: [],
    limit: { kind: 'Cast', type: sqlTypes.int8, arg: int4(10) },
    offset: { kind: 'Cast', type: sqlTypes.int8, arg: int4(2) },
    lock: undefined,
  }
  assert.deepEqual(select, expected)
})

test('SELECT without FROM; output names follow PostgreSQL (?column?, cast type, column name)', () => {
  const select = bindSelect('SELECT 1, 2::int8, id FROM accounts AS a')
  assert.deepEqual(
    select.targets.map((t) => t.name),
    ['?column?', 'int8', 'id'],
  )
  const constant = bindSelect("SELECT 'a', 'b' = 'c', NULL")
  assert.equal(constant.from, undefined)
  assert.deepEqual(constant.targets, [
    { name: '?column?', expr: { kind: 'Constant', type: sqlTypes.text, value: 'a' } },
    {
      name: '?column?',
      expr: {
        kind: 'Comparison',
        type: sqlTypes.bool,
        operator: '=',
        left: { kind: 'Constant', type: sqlTypes.text, value: 'b' },
        right: { kind: 'Constant', type: sqlTypes.text, value: 'c' },
      },
    },
    { name: '?column?', expr: { kind: 'Constant', type: sqlTypes.text, value: null } },
  ])
  assert.equal(bindSelect('SELECT * FROM accounts LIMIT ALL').limit, undefined)
})

test('SELECT: qualified columns, aliases and their errors', () => {
  assert.deepEqual(bindSelect('SELECT a.label FROM accounts a').targets, [
    { name: 'label', expr: column(1) },
  ])
  assert.deepEqual(bindSelect('SELECT accounts.* FROM accounts').targets.length, 4)
  assert.deepEqual(failure('SELECT nope FROM accounts'), {
    code: '42703',
    message: 'column "nope" does not exist',
    position: 8,
  })
  assert.deepEqual(failure('SELECT x.id FROM accounts'), {
    code: '42P01',
    message: 'missing FROM-clause entry for table "x"',
    position: 8,
  })
  const aliased = bindError('SELECT accounts.id FROM accounts AS a')
  assert.equal(aliased.code, '42P01')
  assert.equal(aliased.message, 'invalid reference to FROM-clause entry for table "accounts"')
  assert.equal(aliased.hint, 'Perhaps you meant to reference the table alias "a".')
  assert.deepEqual(failure('SELECT * FROM nope'), {
    code: '42P01',
    message: 'relation "nope" does not exist',
    position: 15,
  })
  assert.deepEqual(failure('SELECT *'), {
    code: '42601',
    message: 'SELECT * with no tables specified is not valid',
    position: 8,
  })
})

test('WHERE must be boolean: 42804 with the position of the condition', () => {
  assert.deepEqual(failure('SELECT * FROM accounts WHERE id'), {
    code: '42804',
    message: 'argument of WHERE must be type boolean, not type integer',
    position: 30,
  })
  assert.deepEqual(bindSelect("SELECT * FROM accounts WHERE 't'").where, {
    kind: 'Constant',
    type: sqlTypes.bool,
    value: true,
  })
})

test('operators: integer widths mix, mismatched types are 42883', () => {
  const select = bindSelect('SELECT balance + id, -id FROM accounts')
  assert.deepEqual(select.targets[0]?.expr, {
    kind: 'Arithmetic',
    type: sqlTypes.int8,
    operator: '+',
    left: column(2),
    right: column(0),
  })
  assert.deepEqual(select.targets[1]?.expr, { kind: 'Negate', type: sqlTypes.int4, arg: column(0) })
  const mismatch = bindError('SELECT * FROM accounts WHERE label = 1')
  assert.equal(mismatch.code, '42883')
  assert.equal(mismatch.message, 'operator does not exist: text = integer')
  assert.equal(mismatch.position, 36)
})

test('INSERT: target columns in the order written, values coerced to the column types', () => {
  const { statement, parameterTypes } = bind(
    "INSERT INTO accounts (label, id, balance) VALUES ('a', '1', 2), (NULL, 3, $1)",
  )
  assert.deepEqual(statement, {
    kind: 'Insert',
    table: accounts,
    targetColumns: [1, 0, 2],
    rows: [
      [
        { kind: 'Constant', type: sqlTypes.text, value: 'a' },
        int4(1),
        { kind: 'Cast', type: sqlTypes.int8, arg: int4(2) },
      ],
      [
        { kind: 'Constant', type: sqlTypes.text, value: null },
        int4(3),
        { kind: 'Parameter', type: sqlTypes.int8, index: 0 },
      ],
    ],
  })
  assert.deepEqual(parameterTypes, [sqlTypes.int8])
  const all = bind('INSERT INTO accounts VALUES (1)').statement
  assert.equal(all.kind, 'Insert')
  assert.deepEqual(all.kind === 'Insert' ? all.targetColumns : [], [0, 1, 2, 3])
})

test('INSERT errors: PostgreSQL wording and positions', () => {
  assert.deepEqual(failure('INSERT INTO accounts (id) VALUES (1, 2)'), {
    code: '42601',
    message: 'INSERT has more expressions than target columns',
    position: 38,
  })
  assert.deepEqual(failure('INSERT INTO accounts (id, label) VALUES (1)'), {
    code: '42601',
    message: 'INSERT has more target columns than expressions',
    position: 27,
  })
  assert.deepEqual(failure('INSERT INTO accounts (nope) VALUES (1)'), {
    code: '42703',
    message: 'column "nope" of relation "accounts" does not exist',
    position: 23,
  })
  assert.deepEqual(failure('INSERT INTO accounts (id, id) VALUES (1, 2)'), {
    code: '42701',
    message: 'column "id" specified more than once',
    position: 27,
  })
  assert.deepEqual(failure("INSERT INTO accounts (id) VALUES ('x')"), {
    code: '22P02',
    message: 'invalid input syntax for type integer: "x"',
    position: 35,
  })
  assert.deepEqual(failure('INSERT INTO accounts (active) VALUES (1)'), {
    code: '42804',
    message: 'column "active" is of type boolean but expression is of type integer',
    position: 39,
  })
  // PostgreSQL also accepts INSERT INTO accounts (label) VALUES (1): I/O conversion to a string
  // type is an assignment cast there. The binder refuses it (42804); reported to the lead.
})

test('UPDATE: assignments over the old row and the WHERE condition', () => {
  const { statement } = bind("UPDATE accounts SET label = 'x', balance = balance + 1 WHERE id = 1")
  assert.deepEqual(statement, {
    kind: 'Update',
    table: accounts,
    where: {
      kind: 'Comparison',
      type: sqlTypes.bool,
      operator: '=',
      left: column(0),
      right: int4(1),
    },
    assignments: [
      { column: 1, expr: { kind: 'Constant', type: sqlTypes.text, value: 'x' } },
      {
        column: 2,
        expr: {
          kind: 'Arithmetic',
          type: sqlTypes.int8,
          operator: '+',
          left: column(2),
          right: int4(1),
        },
      },
    ],
  })
  assert.deepEqual(failure('UPDATE accounts SET id = 1, id = 2'), {
    code: '42601',
    message: 'multiple assignments to same column "id"',
    position: undefined,
  })
  assert.deepEqual(failure('UPDATE accounts SET nope = 1'), {
    code: '42703',
    message: 'column "nope" of relation "accounts" does not exist',
    position: 21,
  })
})

test('DELETE: table and optional WHERE', () => {
  assert.deepEqual(bind('DELETE FROM accounts WHERE active').statement, {
    kind: 'Delete',
    table: accounts,
    where: column(3),
  })
  assert.deepEqual(bind('DELETE FROM events').statement, {
    kind: 'Delete',
    table: events,
    where: undefined,
  })
})

test('CREATE TABLE: column types, NOT NULL, primary key named <table>_pkey and implying NOT NULL', () => {
  assert.deepEqual(
    bind(
      'CREATE TABLE u (a int PRIMARY KEY, b text NOT NULL, c bigint, d boolean, e smallint NULL)',
    ).statement,
    {
      kind: 'CreateTable',
      schema: 'public',
      name: 'u',
      columns: [
        { name: 'a', type: sqlTypes.int4, isNotNull: true },
        { name: 'b', type: sqlTypes.text, isNotNull: true },
        { name: 'c', type: sqlTypes.int8, isNotNull: false },
        { name: 'd', type: sqlTypes.bool, isNotNull: false },
        { name: 'e', type: sqlTypes.int2, isNotNull: false },
      ],
      primaryKey: { name: 'u_pkey', columns: [0] },
      ifNotExists: false,
    },
  )
  const composite = bind('CREATE TABLE IF NOT EXISTS "Mixed" (a int, b int, PRIMARY KEY (b, a))')
  assert.deepEqual(composite.statement, {
    kind: 'CreateTable',
    schema: 'public',
    name: 'Mixed',
    columns: [
      { name: 'a', type: sqlTypes.int4, isNotNull: true },
      { name: 'b', type: sqlTypes.int4, isNotNull: true },
    ],
    primaryKey: { name: 'Mixed_pkey', columns: [1, 0] },
    ifNotExists: true,
  })
})

test('CREATE TABLE errors', () => {
  assert.deepEqual(failure('CREATE TABLE u (a int, a int)'), {
    code: '42701',
    message: 'column "a" specified more than once',
    position: undefined,
  })
  assert.deepEqual(failure('CREATE TABLE u (a int PRIMARY KEY, b int PRIMARY KEY)'), {
    code: '42P16',
    message: 'multiple primary keys for table "u" are not allowed',
    position: 42,
  })
  assert.equal(failure('CREATE TABLE u (a int, PRIMARY KEY (b))').code, '42703')
  assert.equal(failure('CREATE TABLE other.u (a int)').code, '3F000')
  assert.deepEqual(failure('CREATE TABLE u (a interval)'), {
    code: '0A000',
    message: 'type interval is not supported yet',
    position: 19,
  })
  assert.deepEqual(failure('CREATE TABLE u (a nosuchtype)'), {
    code: '42704',
    message: 'type "nosuchtype" does not exist',
    position: 19,
  })
})

test('DROP TABLE: tables found, IF EXISTS collects missing names, otherwise 42P01', () => {
  assert.deepEqual(bind('DROP TABLE IF EXISTS nope, accounts, public.accounts').statement, {
    kind: 'DropTable',
    tables: [accounts],
    missing: ['nope'],
  })
  assert.deepEqual(bind('DROP TABLE events, accounts CASCADE').statement, {
    kind: 'DropTable',
    tables: [events, accounts],
    missing: [],
  })
  assert.deepEqual(failure('DROP TABLE nope'), {
    code: '42P01',
    message: 'table "nope" does not exist',
    position: undefined,
  })
  assert.equal(failure('DROP VIEW accounts').code, '0A000')
})

test('other statements: EXPLAIN, SET, SHOW, VACUUM, transaction control', () => {
  const explain = bind('EXPLAIN SELECT id FROM accounts').statement
  assert.equal(explain.kind, 'Explain')
  assert.equal(explain.kind === 'Explain' ? explain.statement.from : undefined, accounts)
  assert.deepEqual(bind("SET search_path = 'public'").statement, {
    kind: 'Set',
    name: 'search_path',
    value: 'public',
    isLocal: false,
  })
  assert.deepEqual(bind('SHOW search_path').statement, { kind: 'Show', name: 'search_path' })
  assert.deepEqual(bind('VACUUM accounts').statement, { kind: 'Vacuum' })
  assert.equal(failure('VACUUM nope').code, '42P01')
  assert.deepEqual(bind('BEGIN').statement, {
    kind: 'Transaction',
    action: 'begin',
    isolation: undefined,
  })
  assert.deepEqual(bind('START TRANSACTION ISOLATION LEVEL REPEATABLE READ').statement, {
    kind: 'Transaction',
    action: 'begin',
    isolation: 'repeatable read',
  })
  assert.deepEqual(
    bind('BEGIN ISOLATION LEVEL READ UNCOMMITTED').statement,
    { kind: 'Transaction', action: 'begin', isolation: 'read committed' },
    'READ UNCOMMITTED behaves as READ COMMITTED, as in PostgreSQL',
  )
  assert.deepEqual(bind('COMMIT').statement, {
    kind: 'Transaction',
    action: 'commit',
    isolation: undefined,
  })
  assert.deepEqual(bind('ROLLBACK').statement, {
    kind: 'Transaction',
    action: 'rollback',
    isolation: undefined,
  })
})

test('SERIALIZABLE is refused (0A000), never run as something weaker', () => {
  for (const sql of [
    'BEGIN ISOLATION LEVEL SERIALIZABLE',
    'START TRANSACTION ISOLATION LEVEL SERIALIZABLE',
  ]) {
    assert.deepEqual(failure(sql), {
      code: '0A000',
      message: 'SERIALIZABLE isolation is not supported yet',
      position: undefined,
    })
  }
  assert.equal(
    failure('BEGIN READ ONLY').message,
    'READ ONLY transaction mode is not supported yet',
  )
  assert.equal(failure('SAVEPOINT a').message, 'SAVEPOINT is not supported yet')
})

test('parameters: $n takes its type from the other operand', () => {
  const where = bind('SELECT * FROM accounts WHERE id = $1')
  assert.deepEqual(where.parameterTypes, [sqlTypes.int4])
  const reversed = bind('SELECT * FROM accounts WHERE $1 = id')
  assert.deepEqual(reversed.parameterTypes, [sqlTypes.int4])
  assert.deepEqual((reversed.statement as BoundSelect).where, {
    kind: 'Comparison',
    type: sqlTypes.bool,
    operator: '=',
    left: { kind: 'Parameter', type: sqlTypes.int4, index: 0 },
    right: column(0),
  })
  assert.deepEqual(
    bind('SELECT * FROM accounts WHERE label = $2 AND balance < $1').parameterTypes,
    [sqlTypes.int8, sqlTypes.text],
  )
  assert.deepEqual(bind('SELECT * FROM accounts LIMIT $1').parameterTypes, [sqlTypes.int8])
  assert.deepEqual(bind('SELECT $1::int2').parameterTypes, [sqlTypes.int2])
  assert.deepEqual(bind('UPDATE accounts SET active = $1').parameterTypes, [sqlTypes.bool])
})

test('parameters nothing constrains are text, as in PostgreSQL', () => {
  assert.deepEqual(bind('SELECT $1').parameterTypes, [sqlTypes.text])
  assert.deepEqual(bind('SELECT $1 = $2').parameterTypes, [sqlTypes.text, sqlTypes.text])
  assert.deepEqual(bindSelect('SELECT $1').targets, [
    { name: '?column?', expr: { kind: 'Parameter', type: sqlTypes.text, index: 0 } },
  ])
})

test('parameters: a second use with a different type', () => {
  // Once $1 is integer, `label = $1` compares text with integer: PostgreSQL says the same.
  assert.deepEqual(failure('SELECT * FROM accounts WHERE id = $1 AND label = $1'), {
    code: '42883',
    message: 'operator does not exist: text = integer',
    position: 48,
  })
  // Both uses bound before either is typed, then typed differently: 42P08. (PostgreSQL binds
  // left to right and reports 42883 "operator does not exist: boolean = integer" for this one.)
  const inconsistent = bindError('SELECT * FROM accounts WHERE (id = $1) = $1')
  assert.equal(inconsistent.code, '42P08')
  assert.equal(inconsistent.message, 'inconsistent types deduced for parameter $1')
  assert.equal(inconsistent.detail, 'integer versus boolean')
  assert.deepEqual(failure('SELECT $0'), {
    code: '42P02',
    message: 'there is no parameter $0',
    position: 8,
  })
})

test('unknown literals take the type their context asks for, parsed at bind time', () => {
  assert.deepEqual(bindSelect("SELECT * FROM accounts WHERE id = '5'").where, {
    kind: 'Comparison',
    type: sqlTypes.bool,
    operator: '=',
    left: column(0),
    right: int4(5),
  })
  assert.deepEqual(bindSelect("SELECT * FROM accounts WHERE active = 'yes'").where, {
    kind: 'Comparison',
    type: sqlTypes.bool,
    operator: '=',
    left: column(3),
    right: { kind: 'Constant', type: sqlTypes.bool, value: true },
  })
  assert.deepEqual(bindSelect("SELECT '7'::int8").targets[0]?.expr, {
    kind: 'Constant',
    type: sqlTypes.int8,
    value: 7n,
  })
  assert.deepEqual(failure("SELECT * FROM accounts WHERE id = 'x'"), {
    code: '22P02',
    message: 'invalid input syntax for type integer: "x"',
    position: 35,
  })
  assert.deepEqual(failure("SELECT * FROM accounts WHERE id = '99999999999'"), {
    code: '22003',
    message: 'value "99999999999" is out of range for type integer',
    position: 35,
  })
  assert.deepEqual(failure("SELECT * FROM accounts LIMIT 'x'"), {
    code: '22P02',
    message: 'invalid input syntax for type bigint: "x"',
    position: 30,
  })
})

test('integer literals beyond int4 are int8; casts check the cast table', () => {
  assert.deepEqual(bindSelect('SELECT 3000000000').targets[0]?.expr, {
    kind: 'Constant',
    type: sqlTypes.int8,
    value: 3000000000n,
  })
  assert.deepEqual(bindSelect('SELECT -2147483648').targets[0]?.expr, int4(-2147483648))
  assert.deepEqual(bindSelect('SELECT id::text FROM accounts').targets[0]?.expr, {
    kind: 'Cast',
    type: sqlTypes.text,
    arg: column(0),
  })
  assert.deepEqual(failure('SELECT balance::bool FROM accounts'), {
    code: '42846',
    message: 'cannot cast type bigint to boolean',
    position: 15,
  })
  assert.deepEqual(failure('SELECT 1.5'), {
    code: '0A000',
    message: 'type numeric is not supported yet',
    position: 8,
  })
})

test('ORDER BY: an ordinal names an output column', () => {
  const select = bindSelect('SELECT label, id FROM accounts ORDER BY 2 DESC, 1')
  assert.deepEqual(select.orderBy, [
    { expr: column(0), isDescending: true, isNullsFirst: true },
    { expr: column(1), isDescending: false, isNullsFirst: false },
  ])
  assert.deepEqual(failure('SELECT id FROM accounts ORDER BY 2'), {
    code: '42P10',
    message: 'ORDER BY position 2 is not in select list',
    position: 34,
  })
})

test('ORDER BY: an output name wins over an input column of the same name', () => {
  // PostgreSQL: SELECT id AS label, label AS id FROM t ORDER BY id sorts by the output "id".
  const select = bindSelect('SELECT id AS label, label AS id FROM accounts ORDER BY id')
  assert.deepEqual(select.orderBy, [{ expr: column(1), isDescending: false, isNullsFirst: false }])
  const alias = bindSelect('SELECT balance AS b FROM accounts ORDER BY b DESC NULLS LAST')
  assert.deepEqual(alias.orderBy, [{ expr: column(2), isDescending: true, isNullsFirst: false }])
})

test('ORDER BY: otherwise an expression over the input columns, not only the output', () => {
  const select = bindSelect('SELECT id FROM accounts ORDER BY label NULLS FIRST, balance + 1')
  assert.deepEqual(select.orderBy, [
    { expr: column(1), isDescending: false, isNullsFirst: true },
    {
      expr: {
        kind: 'Arithmetic',
        type: sqlTypes.int8,
        operator: '+',
        left: column(2),
        right: int4(1),
      },
      isDescending: false,
      isNullsFirst: false,
    },
  ])
  assert.deepEqual(failure('SELECT id FROM accounts ORDER BY nope'), {
    code: '42703',
    message: 'column "nope" does not exist',
    position: 34,
  })
})

test('ORDER BY: an output name used by two different expressions is ambiguous (42702)', () => {
  assert.deepEqual(failure('SELECT id AS x, label AS x FROM accounts ORDER BY x'), {
    code: '42702',
    message: 'ORDER BY "x" is ambiguous',
    position: 51,
  })
  const same = bindSelect('SELECT id AS x, id AS x FROM accounts ORDER BY x')
  assert.deepEqual(same.orderBy, [{ expr: column(0), isDescending: false, isNullsFirst: false }])
  // PostgreSQL also accepts SELECT 1 AS x, 1 AS x ORDER BY x (equal expressions) and refuses
  // ORDER BY 'a' with 42601 "non-integer constant in ORDER BY"; the binder currently reports
  // 42702 for the first and sorts by the constant for the second (both reported to the lead).
})

test('FOR UPDATE / FOR SHARE: the strongest mode and the most impatient policy', () => {
  const lockOf = (sql: string) => bindSelect(sql).lock
  assert.equal(lockOf('SELECT * FROM accounts'), undefined)
  assert.deepEqual(lockOf('SELECT * FROM accounts FOR UPDATE'), { mode: 'update', policy: 'wait' })
  assert.deepEqual(lockOf('SELECT * FROM accounts FOR NO KEY UPDATE NOWAIT'), {
    mode: 'update',
    policy: 'nowait',
  })
  assert.deepEqual(lockOf('SELECT * FROM accounts FOR SHARE SKIP LOCKED'), {
    mode: 'share',
    policy: 'skip',
  })
  assert.deepEqual(lockOf('SELECT * FROM accounts FOR KEY SHARE'), {
    mode: 'share',
    policy: 'wait',
  })
  assert.deepEqual(lockOf('SELECT * FROM accounts FOR SHARE NOWAIT FOR UPDATE SKIP LOCKED'), {
    mode: 'update',
    policy: 'nowait',
  })
  assert.equal(failure('SELECT * FROM events FOR UPDATE').code, '0A000')
  // PostgreSQL runs SELECT 1 FOR UPDATE (nothing to lock); refusing it is a stated gap.
  assert.equal(failure('SELECT 1 FOR UPDATE').code, '0A000')
})

test('unsupported features are 0A000 "... is not supported yet"', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['SELECT * FROM accounts, events', 'joins and subqueries in FROM are not supported yet'],
    [
      'SELECT * FROM accounts JOIN events ON true',
      'joins and subqueries in FROM are not supported yet',
    ],
    ['SELECT * FROM (SELECT 1) s', 'joins and subqueries in FROM are not supported yet'],
    ['SELECT id FROM accounts GROUP BY id', 'GROUP BY is not supported yet'],
    ['SELECT DISTINCT id FROM accounts', 'DISTINCT is not supported yet'],
    ['SELECT 1 UNION SELECT 2', 'UNION, INTERSECT and EXCEPT is not supported yet'],
    ['WITH x AS (SELECT 1) SELECT 1', 'WITH is not supported yet'],
    ['SELECT count(*) FROM accounts', 'function count() is not supported yet'],
    ['SELECT lower(label) FROM accounts', 'function lower() is not supported yet'],
    ['SELECT 1::interval', 'type interval is not supported yet'],
    ['INSERT INTO accounts VALUES (1) RETURNING id', 'RETURNING is not supported yet'],
    ['INSERT INTO accounts SELECT 1', 'INSERT ... SELECT is not supported yet'],
    ['UPDATE accounts SET id = 1 FROM events', 'UPDATE ... FROM is not supported yet'],
    ['DELETE FROM accounts USING events', 'DELETE ... USING is not supported yet'],
  ]
  for (const [sql, message] of cases) {
    const error = bindError(sql)
    assert.equal(error.code, '0A000', sql)
    assert.equal(error.message, message, sql)
  }
  assert.equal(bindError('SELECT count(*) FROM accounts').position, 8)
  assert.equal(bindError('SELECT 1::interval').position, 11)
})

test('unknown functions: 42883 with the argument types, as PostgreSQL', () => {
  const error = bindError('SELECT nosuch(id, label) FROM accounts')
  assert.equal(error.code, '42883')
  assert.equal(error.message, 'function nosuch(integer, text) does not exist')
  assert.equal(error.position, 8)
  assert.equal(
    error.hint,
    'No function matches the given name and argument types. You might need to add explicit type casts.',
  )
})
