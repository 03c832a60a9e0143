// Differential test of INSERT ... ON CONFLICT and data-modifying WITH against PostgreSQL 15:
// the statements run in order on the embedded engine and on PostgreSQL (each changes both alike)
// and every outcome must agree: RETURNING rows, command tags, the tables afterwards, and errors
// (SQLSTATE, message, position).
import { scriptDifferentialTest } from './support/script-differential.js'

const script = [
  'CREATE TABLE u (id int PRIMARY KEY, email text UNIQUE, n int DEFAULT 0, g int GENERATED ALWAYS AS (n * 2) STORED)',
  'CREATE UNIQUE INDEX u_lower ON u (lower(email))',
  "INSERT INTO u VALUES (1, 'A', 1), (2, 'B', 2)",
  "INSERT INTO u VALUES (1, 'x', 5) ON CONFLICT (id) DO UPDATE SET n = u.n + excluded.n RETURNING *",
  "INSERT INTO u VALUES (3, 'a', 7) ON CONFLICT (lower(email)) DO UPDATE SET n = excluded.n RETURNING id, n, g",
  "INSERT INTO u AS x VALUES (2, 'q', 1) ON CONFLICT (id) DO UPDATE SET n = x.n + 10 WHERE x.n < 5 RETURNING *",
  "INSERT INTO u AS x VALUES (2, 'q', 1) ON CONFLICT (id) DO UPDATE SET n = x.n + 10 WHERE x.n < 5 RETURNING *",
  "INSERT INTO u VALUES (4, 'D'), (1, 'z'), (5, 'b') ON CONFLICT DO NOTHING RETURNING id",
  "INSERT INTO u VALUES (6, 'F'), (6, 'G') ON CONFLICT (id) DO NOTHING",
  "INSERT INTO u VALUES (7, 'H'), (7, 'I') ON CONFLICT (id) DO UPDATE SET n = 1",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET (n, email) = (excluded.n + 1, 'aa') RETURNING *",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET email = 'b'",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET g = 1",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT DO UPDATE SET n = 1",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT (n) DO NOTHING",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT ON CONSTRAINT u_email_key DO NOTHING",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT ON CONSTRAINT u_lower DO NOTHING",
  "INSERT INTO u VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET n = 1 RETURNING excluded.n",
  'SELECT * FROM u ORDER BY id',
  'CREATE TABLE pi (a int, b int, c text)',
  'CREATE UNIQUE INDEX pi_a ON pi (a) WHERE b > 0',
  "INSERT INTO pi VALUES (1, 1, 'one')",
  "INSERT INTO pi VALUES (1, 1, 'uno') ON CONFLICT (a) WHERE b > 0 DO UPDATE SET c = excluded.c RETURNING *",
  "INSERT INTO pi VALUES (1, 0, 'zero') ON CONFLICT (a) WHERE b > 0 DO UPDATE SET c = excluded.c RETURNING *",
  "INSERT INTO pi VALUES (1, 1, 'x') ON CONFLICT (a) DO NOTHING",
  'SELECT * FROM pi ORDER BY b',
  'CREATE TABLE archive (id int, email text, n int, g int)',
  'WITH d AS (DELETE FROM u WHERE id > 5 RETURNING *) INSERT INTO archive SELECT * FROM d RETURNING id',
  "WITH i AS (INSERT INTO u VALUES (10, 'j') RETURNING id), v AS (UPDATE u SET n = 99 WHERE id = 1 RETURNING id, n) SELECT (SELECT count(*) FROM u) AS before, i.id, v.n FROM i, v",
  "WITH i AS (INSERT INTO u VALUES (11, 'k')) SELECT count(*) FROM u",
  'WITH d AS (DELETE FROM u WHERE id = 11) SELECT * FROM d',
  'SELECT * FROM (WITH d AS (DELETE FROM u RETURNING *) SELECT * FROM d) s',
  "WITH up AS (INSERT INTO u VALUES (1, 'x', 3) ON CONFLICT (id) DO UPDATE SET n = excluded.n RETURNING id, n) SELECT * FROM up",
  'SELECT * FROM u ORDER BY id',
  'SELECT * FROM archive ORDER BY id',
  'DROP TABLE u',
  'DROP TABLE pi',
  'DROP TABLE archive',
]

scriptDifferentialTest(
  'the engine agrees with PostgreSQL on INSERT ... ON CONFLICT and data-modifying WITH',
  'bkg_diff_upsert',
  script,
)
