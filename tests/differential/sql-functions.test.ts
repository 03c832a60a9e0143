// Differential test of SQL-language functions against the real PostgreSQL (the oracle): calls
// with overloads and implicit casts, named notation, defaults, VARIADIC, STRICT, SETOF and
// RETURNS TABLE in FROM and select lists, inlined and called bodies in WHERE, DML in bodies,
// recursion, and the CREATE-time checks; each statement runs alone on the embedded engine and
// on PostgreSQL 15 at 127.0.0.1:5432, and column names, rows, command tags and errors
// (SQLSTATE, message, position) must agree. A fresh schema isolates the run.
import { scriptDifferentialTest } from './support/script-differential.js'

const script = [
  'CREATE TABLE fn_t (id int PRIMARY KEY, owner text, n numeric)',
  "INSERT INTO fn_t VALUES (1, 'ann', 1.5), (2, 'bob', NULL), (3, 'cy', 10)",
  // Overloads, implicit casts, unknown literals.
  "CREATE FUNCTION fn_ov(int) RETURNS text LANGUAGE sql AS $$select 'int'$$",
  "CREATE FUNCTION fn_ov(numeric) RETURNS text LANGUAGE sql AS $$select 'numeric'$$",
  "CREATE FUNCTION fn_ov(text) RETURNS text LANGUAGE sql AS $$select 'text'$$",
  "SELECT fn_ov(1), fn_ov(1.5), fn_ov('x'), fn_ov(2::bigint), fn_ov(n) FROM fn_t WHERE id = 1",
  'SELECT fn_ov(1::smallint)',
  'SELECT fn_ov(true)',
  // Named notation and defaults.
  "CREATE FUNCTION fn_d(a int, b text DEFAULT 'z', c int DEFAULT 3) RETURNS text LANGUAGE sql AS $$select a || b || c$$",
  "SELECT fn_d(1), fn_d(1, 'y'), fn_d(1, c => 5), fn_d(c := 7, a := 2), fn_d(id, owner) FROM fn_t ORDER BY id",
  'SELECT fn_d(1, a => 2)',
  "SELECT fn_d(b => 'x')",
  'SELECT fn_d(1, c => 2, c => 3)',
  'SELECT fn_d()',
  // VARIADIC.
  'CREATE FUNCTION fn_v(sep text, VARIADIC a text[]) RETURNS text LANGUAGE sql AS $$select array_to_string(a, sep)$$',
  "SELECT fn_v('-', 'a'), fn_v('-', 'a', 'b', 'c'), fn_v(',', VARIADIC ARRAY['x', 'y'])",
  "SELECT fn_v('-')",
  "SELECT fn_v('-', ARRAY['x'])",
  // STRICT, NULL results, void.
  'CREATE FUNCTION fn_s(int) RETURNS int LANGUAGE sql STRICT AS $$select 1 / 0$$',
  'SELECT fn_s(NULL)',
  'SELECT fn_s(1)',
  'CREATE FUNCTION fn_owner(i int) RETURNS text LANGUAGE sql STABLE AS $$select owner from fn_t where id = i$$',
  'SELECT fn_owner(2), fn_owner(9)',
  "SELECT id FROM fn_t WHERE fn_owner(id) <> 'bob' ORDER BY id",
  'CREATE FUNCTION fn_void(x int) RETURNS void LANGUAGE sql AS $$select x$$',
  'SELECT fn_void(1)',
  // Inlined bodies: arguments in place, columns of the caller.
  'CREATE FUNCTION fn_add(x int, y int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE AS $$select x + y$$',
  'SELECT id, fn_add(id), fn_add(id, id) FROM fn_t WHERE fn_add(id) > 2 ORDER BY id',
  'CREATE FUNCTION fn_sq(x numeric) RETURNS numeric LANGUAGE sql AS $$select x * x$$',
  'SELECT id, fn_sq(n), fn_sq(n + 1) FROM fn_t ORDER BY id',
  "CREATE FUNCTION fn_setting() RETURNS text LANGUAGE sql STABLE AS $$select nullif(current_setting('fn.test', true), '')$$",
  "SELECT count(*) FROM fn_t WHERE owner = coalesce(fn_setting(), 'cy')",
  // SETOF and RETURNS TABLE.
  'CREATE FUNCTION fn_ids() RETURNS SETOF int LANGUAGE sql AS $$select id from fn_t order by id$$',
  'SELECT * FROM fn_ids()',
  'SELECT fn_ids() AS i ORDER BY 1 DESC',
  'SELECT i FROM fn_ids() AS i WHERE i > 1',
  'CREATE FUNCTION fn_sq_rows(k int) RETURNS TABLE (i int, sq int) LANGUAGE sql AS $$select g, g * g from generate_series(1, k) g$$',
  'SELECT * FROM fn_sq_rows(3)',
  'SELECT r.sq FROM fn_sq_rows(4) AS r WHERE r.i > 2',
  'SELECT t.id, s.sq FROM fn_t t, fn_sq_rows(t.id) s ORDER BY 1, 2',
  'SELECT * FROM fn_sq_rows(2) WITH ORDINALITY',
  'SELECT * FROM fn_t WHERE fn_ids() > 1',
  // Parameters by name: columns win, function-qualified names reach the parameter.
  'CREATE FUNCTION fn_shadow(id int) RETURNS bigint LANGUAGE sql AS $$select count(*) from fn_t where id = fn_shadow.id$$',
  'CREATE FUNCTION fn_shadow2(id int) RETURNS bigint LANGUAGE sql AS $$select count(*) from fn_t where id = id$$',
  'SELECT fn_shadow(2), fn_shadow2(2)',
  // DML in bodies.
  'CREATE FUNCTION fn_add_row(i int, o text) RETURNS int LANGUAGE sql AS $$insert into fn_t values (i, o) returning id * 10$$',
  "SELECT fn_add_row(4, 'dee')",
  "SELECT fn_add_row(4, 'dup')",
  'SELECT id, owner FROM fn_t ORDER BY id',
  // Recursion and SQL-standard bodies.
  'CREATE FUNCTION fn_fib(k int) RETURNS int LANGUAGE sql AS $$select case when k < 2 then k else fn_fib(k - 1) + fn_fib(k - 2) end$$',
  'SELECT fn_fib(12)',
  'CREATE FUNCTION fn_ret(x int) RETURNS int RETURN x * 2',
  'CREATE FUNCTION fn_atomic(x int) RETURNS int BEGIN ATOMIC select 1; select x * 3; END',
  'SELECT fn_ret(4), fn_atomic(4)',
  // CREATE-time checks.
  "CREATE FUNCTION fn_bad() RETURNS int LANGUAGE sql AS $$select 'a'::text$$",
  'CREATE FUNCTION fn_bad() RETURNS int LANGUAGE sql AS $$select nosuch$$',
  'CREATE FUNCTION fn_bad(a int) RETURNS int LANGUAGE sql AS $$select $2$$',
  'CREATE FUNCTION fn_bad() RETURNS TABLE (a int, b text) LANGUAGE sql AS $$select 1$$',
  'CREATE FUNCTION fn_add(x int, y int) RETURNS int LANGUAGE sql AS $$select 1$$',
  'CREATE OR REPLACE FUNCTION fn_add(x int, y int) RETURNS bigint LANGUAGE sql AS $$select 1$$',
  // Built-in variadic functions called with separate values.
  `SELECT json_extract_path('{"a":{"b":2}}', 'a', 'b'), jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b')`,
  `SELECT jsonb_delete('{"a":1,"b":2,"c":3}', 'a', 'b')`,
  'DROP FUNCTION fn_ov',
  'DROP FUNCTION fn_ov(int), fn_ov(numeric), fn_ov(text)',
  'SELECT fn_ov(1)',
]

scriptDifferentialTest('SQL functions match PostgreSQL 15', 'diff_sqlfn', script)
