// System catalogs through sessions: what pgbench asks before it runs (pg_class, pg_namespace,
// pg_partitioned_table, pg_inherits, current_schemas), and that pg_class follows the
// transaction's own catalog version (its DDL shows; another session's uncommitted DDL does not).
// Row-by-row agreement with PostgreSQL is tests/differential/catalog-queries.test.ts's job.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../database.js'
import { fails, rows, run } from '../../testing/session-assertions.js'
import { SqlArray } from '../../types/index.js'

const pgbenchProbe = `select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1`

test("pgbench's partition probe finds its table on the search path", async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  assert.deepEqual(await rows(session, pgbenchProbe), [])
  await run(session, 'CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, abalance int)')
  assert.deepEqual(await rows(session, pgbenchProbe), [[2, null, 0n]])
  assert.deepEqual(await rows(session, 'SELECT current_schemas(true), current_schemas(false)'), [
    [new SqlArray(['pg_catalog', 'public']), new SqlArray(['public'])],
  ])
  await database.close()
})

test("pg_class shows the transaction's own DDL and not another's uncommitted DDL", async () => {
  const database = await openDatabase({ path: ':memory:' })
  const writer = database.createSession({ user: 'postgres' })
  const reader = database.createSession({ user: 'postgres' })
  const probe = "SELECT relname, relkind FROM pg_class WHERE relname LIKE 'mv%' ORDER BY relname"
  await run(writer, 'BEGIN')
  await run(writer, 'CREATE TABLE mvt (id int PRIMARY KEY)')
  await run(writer, 'CREATE VIEW mvv AS SELECT id FROM mvt')
  assert.deepEqual(await rows(writer, probe), [
    ['mvt', 'r'],
    ['mvt_pkey', 'i'],
    ['mvv', 'v'],
  ])
  assert.deepEqual(await rows(reader, probe), [])
  await run(writer, 'ROLLBACK')
  assert.deepEqual(await rows(writer, probe), [])
  assert.deepEqual(
    await rows(
      writer,
      "SELECT 'pg_class'::regclass::oid, 'pg_catalog.pg_namespace'::regclass::oid",
    ),
    [[1259, 2615]],
  )
  await database.close()
})

test('reg* types read and print names, with PostgreSQL errors for unknown ones', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, "CREATE TYPE regmood AS ENUM ('a')")
  assert.deepEqual(
    await rows(
      session,
      "SELECT 2200::regnamespace::text, 'anon'::regrole::text, 23::regtype::text, 'character varying'::regtype::oid, 'regmood'::regtype::text, 0::regclass::text, 'pg_type'::regclass::text",
    ),
    [['public', 'anon', 'integer', 1043, 'regmood', '-', 'pg_type']],
  )
  await fails(session, "SELECT 'nope'::regnamespace", '3F000')
  await fails(session, "SELECT 'nope'::regrole", '42704')
  await fails(session, "SELECT 'nope'::regtype", '42704')
  await database.close()
})

test('catalog functions: format_type, pg_get_*def, visibility, serial sequences', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(
    session,
    'CREATE TABLE fa (id serial PRIMARY KEY, name varchar(20) NOT NULL, n numeric(10,2) CHECK (n > 0))',
  )
  await run(session, 'CREATE TABLE fb (a int REFERENCES fa (id) ON DELETE CASCADE)')
  await run(session, 'CREATE UNIQUE INDEX fa_name ON fa (name DESC)')
  assert.deepEqual(
    await rows(
      session,
      "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'fa'::regclass AND attnum > 0 ORDER BY attnum",
    ),
    [['integer'], ['character varying(20)'], ['numeric(10,2)']],
  )
  assert.deepEqual(
    await rows(
      session,
      "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'fa'::regclass ORDER BY indexrelid",
    ),
    [
      ['CREATE UNIQUE INDEX fa_pkey ON public.fa USING btree (id)'],
      ['CREATE UNIQUE INDEX fa_name ON public.fa USING btree (name DESC)'],
    ],
  )
  assert.deepEqual(
    await rows(
      session,
      "SELECT contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('fa'::regclass, 'fb'::regclass) ORDER BY contype",
    ),
    [
      ['c', 'CHECK ((n > 0))'],
      ['f', 'FOREIGN KEY (a) REFERENCES fa(id) ON DELETE CASCADE'],
      ['p', 'PRIMARY KEY (id)'],
    ],
  )
  assert.deepEqual(
    await rows(
      session,
      "SELECT pg_table_is_visible('fa'::regclass), pg_get_userbyid(10), pg_get_serial_sequence('fa', 'id'), pg_size_pretty(20480::int8)",
    ),
    [[true, 'postgres', 'public.fa_id_seq', '20 kB']],
  )
  await fails(session, "SELECT pg_get_serial_sequence('nope', 'id')", '42P01')
  await fails(session, "SELECT pg_get_serial_sequence('fa', 'nope')", '42703')
  await database.close()
})

test("pg_settings lists the session's settings with their current values", async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, "SET TimeZone = 'Europe/Paris'")
  assert.deepEqual(
    await rows(
      session,
      "SELECT name, setting FROM pg_settings WHERE name IN ('TimeZone', 'search_path') ORDER BY name",
    ),
    // Ordered by code point (the engine's collation): upper case first.
    [
      ['TimeZone', 'Europe/Paris'],
      ['search_path', '"$user", public'],
    ],
  )
  await database.close()
})

test('system catalogs are read-only: writes are refused with 42501', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await fails(session, "INSERT INTO pg_class (relname) VALUES ('x')", '42501')
  await fails(session, 'DELETE FROM pg_catalog.pg_tables', '42501')
  await fails(session, "UPDATE information_schema.tables SET table_name = 'x'", '42501')
  await fails(session, 'TRUNCATE pg_class', '42501')
  await fails(session, 'INSERT INTO no_such_table VALUES (1)', '42P01')
  await database.close()
})

test('row-level security shows in pg_class, pg_tables, pg_policy and pg_policies', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  try {
    await run(session, 'CREATE TABLE notes (id int, owner text)')
    await run(session, 'ALTER TABLE notes ENABLE ROW LEVEL SECURITY')
    await run(session, 'ALTER TABLE notes FORCE ROW LEVEL SECURITY')
    await run(
      session,
      'CREATE POLICY own ON notes FOR SELECT TO anon, authenticated USING (owner = current_user)',
    )
    await run(session, 'CREATE POLICY cap ON notes AS RESTRICTIVE FOR INSERT WITH CHECK (id < 100)')
    assert.deepEqual(
      await rows(
        session,
        "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'notes'",
      ),
      [[true, true]],
    )
    assert.deepEqual(
      await rows(session, "SELECT rowsecurity FROM pg_tables WHERE tablename = 'notes'"),
      [[true]],
    )
    assert.deepEqual(
      await rows(
        session,
        "SELECT polname, polcmd, polpermissive, polqual IS NOT NULL, polwithcheck FROM pg_policy WHERE polrelid = 'notes'::regclass ORDER BY polname",
      ),
      [
        ['cap', 'a', false, false, 'id < 100'],
        ['own', 'r', true, true, null],
      ],
    )
    assert.deepEqual(
      await rows(
        session,
        "SELECT policyname, permissive, roles::text, cmd FROM pg_policies WHERE tablename = 'notes' ORDER BY policyname",
      ),
      [
        ['cap', 'RESTRICTIVE', '{public}', 'INSERT'],
        ['own', 'PERMISSIVE', '{anon,authenticated}', 'SELECT'],
      ],
    )
  } finally {
    session.close()
    await database.close()
  }
})
