// Differential test of the executor's analytical fast paths against the real PostgreSQL (the
// oracle): top-k (ORDER BY ... LIMIT / OFFSET over a sort, NULL placement, ties between equal
// rows, LIMIT 0 / NULL / ALL, a projection between LIMIT and sort), hash aggregates with integer
// group keys and count / sum / avg over int2, int4, int8 (NULLs, empty input, int8 sums beyond
// 2^53, mixed-width keys), hash joins on integer keys (int4 = int8, NULL keys, duplicates,
// outer joins). Rows, column names and errors (SQLSTATE, message) must agree.
import { scriptDifferentialTest } from './support/script-differential.js'

/** Statements in order; each runs alone (its own implicit transaction) on both systems. */
const script = [
  'CREATE TABLE an_t (id int PRIMARY KEY, g int, v int, s smallint, b bigint, txt text)',
  `INSERT INTO an_t SELECT i, i % 7, (i * 37) % 101, (i % 5)::smallint,
     (i::bigint * 1000000007) * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END), 'r' || (i % 13)
   FROM generate_series(1, 500) AS s(i)`,
  'INSERT INTO an_t VALUES (501, NULL, NULL, NULL, NULL, NULL), (502, 3, NULL, 1, NULL, NULL)',
  'INSERT INTO an_t VALUES (503, 8, 9223372036854775807 % 1000, 2, 9223372036854775807, NULL)',
  'INSERT INTO an_t VALUES (504, 8, 5, 2, 9223372036854775807, NULL)',
  // Top-k: distinct sort keys, then keys whose ties are equal rows in the output.
  'SELECT id, v FROM an_t ORDER BY v DESC, id LIMIT 10',
  'SELECT id, v FROM an_t ORDER BY v, id DESC LIMIT 5 OFFSET 3',
  'SELECT v FROM an_t ORDER BY v LIMIT 12',
  'SELECT v FROM an_t ORDER BY v DESC NULLS LAST LIMIT 4',
  'SELECT v FROM an_t ORDER BY v NULLS FIRST LIMIT 4',
  'SELECT v FROM an_t ORDER BY v DESC LIMIT 3',
  'SELECT g, v FROM an_t ORDER BY g DESC, v DESC LIMIT 6',
  'SELECT txt FROM an_t ORDER BY txt LIMIT 3 OFFSET 40',
  'SELECT v + 1 AS w, id FROM an_t ORDER BY v DESC, id LIMIT 3',
  'SELECT * FROM (SELECT id, v FROM an_t ORDER BY v, id LIMIT 4) s',
  'SELECT id FROM an_t ORDER BY id LIMIT 0',
  'SELECT count(*) FROM (SELECT id FROM an_t ORDER BY v, id LIMIT NULL) s',
  'SELECT count(*) FROM (SELECT id FROM an_t ORDER BY v, id LIMIT ALL OFFSET 500) s',
  'SELECT id FROM an_t ORDER BY v, id LIMIT 2 OFFSET 1000',
  'SELECT b FROM an_t ORDER BY b DESC NULLS LAST LIMIT 3',
  'SELECT id FROM an_t ORDER BY v LIMIT -1',
  // One WITH query read under a LIMIT and without one: only the first read is a top-k.
  `WITH c AS (SELECT id, v FROM an_t ORDER BY v, id)
   SELECT (SELECT count(*) FROM (SELECT * FROM c LIMIT 2) l), (SELECT count(*) FROM c)`,
  `WITH c AS (SELECT id, v FROM an_t ORDER BY v, id)
   SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM (SELECT * FROM c LIMIT 2) l)`,
  `WITH c AS (SELECT id, v FROM an_t ORDER BY v, id)
   SELECT count(*) FROM (SELECT * FROM c LIMIT 3) l, c`,
  // Hash aggregates.
  'SELECT g, count(*), count(v), sum(v), avg(v) FROM an_t GROUP BY g ORDER BY g',
  'SELECT s, sum(s), avg(s), sum(g), min(v), max(v) FROM an_t GROUP BY s ORDER BY s',
  'SELECT g, sum(b), avg(b), count(b) FROM an_t GROUP BY g ORDER BY g',
  'SELECT sum(b) FROM an_t WHERE b > 0',
  'SELECT sum(v), avg(v), count(*) FROM an_t WHERE id < 0',
  'SELECT g, sum(v) FROM an_t WHERE id < 0 GROUP BY g',
  'SELECT b % 3 AS k, count(*) FROM an_t GROUP BY b % 3 ORDER BY k',
  'SELECT txt, count(*), sum(v) FROM an_t GROUP BY txt ORDER BY txt',
  'SELECT g, s, count(*) FROM an_t GROUP BY g, s ORDER BY g, s',
  'SELECT count(*) FROM (SELECT g FROM an_t GROUP BY g) s',
  'SELECT sum(v) FILTER (WHERE g = 1), count(DISTINCT g) FROM an_t',
  'SELECT sum(x) FROM (VALUES (2147483647), (2147483647), (1)) AS s(x)',
  'SELECT sum(x), avg(x) FROM (VALUES (9223372036854775807), (9223372036854775807)) AS s(x)',
  'SELECT sum(x::int8), avg(x::int8) FROM (VALUES (-9007199254740993), (2)) AS s(x)',
  // Hash joins.
  'CREATE TABLE an_b (id bigint PRIMARY KEY, w int)',
  'INSERT INTO an_b SELECT i, i * 3 FROM generate_series(0, 9) AS s(i)',
  'INSERT INTO an_b VALUES (9007199254740993, 1)',
  'SELECT count(*), sum(t.v + b.w) FROM an_t t JOIN an_b b ON t.g = b.id',
  'SELECT t.g, count(*) FROM an_t t JOIN an_b b ON t.g = b.id GROUP BY t.g ORDER BY t.g',
  'SELECT b.id, count(t.id) FROM an_b b LEFT JOIN an_t t ON t.g = b.id GROUP BY b.id ORDER BY b.id',
  'SELECT count(*) FROM an_t t LEFT JOIN an_b b ON t.g = b.id WHERE b.id IS NULL',
  'SELECT count(*) FROM an_t t FULL JOIN an_b b ON t.s = b.id',
  'SELECT count(*) FROM an_t t JOIN an_b b ON t.b = b.id',
  'SELECT count(*) FROM an_t t JOIN an_t u ON t.v = u.v AND t.g = u.g',
  'DROP TABLE an_b',
  'DROP TABLE an_t',
]

scriptDifferentialTest(
  'the engine agrees with PostgreSQL on top-k, hash aggregates and hash joins',
  'bkg_diff_analytics',
  script,
)
