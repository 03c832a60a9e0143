// Differential test of enum types against the real PostgreSQL (the oracle): ordering and
// comparisons by declaration order, also after ADD VALUE BEFORE / AFTER and RENAME VALUE (rows
// and index entries written before must keep their place), keys, indexes, grouping, DISTINCT,
// joins, arrays, casts, the enum functions and their errors, on the embedded engine and on
// PostgreSQL 15 at 127.0.0.1:5432. Column names, rows, command tags and errors (SQLSTATE,
// message, position) must agree. A fresh schema isolates the run.
import { scriptDifferentialTest } from './support/script-differential.js'

/** A deterministic spread of labels (with NULLs) for `count` rows. */
function rows(count: number, labels: readonly string[]): string {
  const values: string[] = []
  for (let id = 1; id <= count; id++) {
    const pick = (id * 7 + 3) % (labels.length + 1)
    const label = labels[pick]
    const other = labels[(id * 5) % labels.length] ?? 'ok'
    values.push(
      `(${id}, ${label === undefined ? 'NULL' : `'${label}'`}, '{${other},${label ?? other}}')`,
    )
  }
  return values.join(', ')
}

const script = [
  "CREATE TYPE dmood AS ENUM ('sad', 'ok', 'happy')",
  "CREATE TYPE dother AS ENUM ('sad', 'ok')",
  'CREATE TABLE de (id int PRIMARY KEY, m dmood, ms dmood[])',
  'CREATE INDEX de_m_idx ON de (m)',
  `INSERT INTO de VALUES ${rows(40, ['sad', 'ok', 'happy'])}`,
  'CREATE TABLE dk (m dmood PRIMARY KEY, n int)',
  "INSERT INTO dk VALUES ('happy', 3), ('sad', 1), ('ok', 2)",
  // Order and comparison by declaration, not by text.
  'SELECT id, m FROM de ORDER BY m, id',
  'SELECT id, m FROM de ORDER BY m DESC NULLS LAST, id',
  "SELECT id FROM de WHERE m > 'ok' ORDER BY id",
  "SELECT id FROM de WHERE m <= 'ok' ORDER BY id",
  "SELECT id FROM de WHERE m BETWEEN 'sad' AND 'ok' ORDER BY id",
  "SELECT id FROM de WHERE m <> 'ok' ORDER BY id",
  "SELECT id FROM de WHERE m IN ('happy', 'sad') ORDER BY id",
  'SELECT m, count(*) FROM de GROUP BY m ORDER BY m',
  'SELECT DISTINCT m FROM de ORDER BY m DESC',
  'SELECT min(m), max(m), count(DISTINCT m) FROM de',
  'SELECT de.id, dk.n FROM de JOIN dk ON dk.m = de.m ORDER BY de.id',
  'SELECT m, ms, ms[1] < ms[2] AS lt FROM de ORDER BY id LIMIT 8',
  "SELECT id FROM de WHERE 'happy' = ANY (ms) ORDER BY id",
  'SELECT ms FROM de ORDER BY ms, id LIMIT 10',
  "SELECT m::text, m::text < 'p' AS by_text FROM dk ORDER BY m",
  // New labels between old ones: stored rows and index entries keep their order.
  "ALTER TYPE dmood ADD VALUE 'meh' BEFORE 'ok'",
  "ALTER TYPE dmood ADD VALUE 'glum' BEFORE 'sad'",
  "ALTER TYPE dmood ADD VALUE 'great' AFTER 'happy'",
  "ALTER TYPE dmood ADD VALUE 'calm' AFTER 'meh'",
  "ALTER TYPE dmood ADD VALUE 'fine' BEFORE 'ok'",
  `INSERT INTO de VALUES ${rows(20, ['glum', 'meh', 'calm', 'fine', 'great', 'ok']).replaceAll(/\((\d+),/g, (_, id) => `(${Number(id) + 100},`)}`,
  "INSERT INTO dk VALUES ('meh', 4), ('glum', 5), ('great', 6), ('calm', 7), ('fine', 8)",
  'SELECT enum_range(NULL::dmood)',
  'SELECT * FROM dk ORDER BY m',
  "SELECT * FROM dk WHERE m > 'meh' AND m < 'happy' ORDER BY m DESC",
  'SELECT id, m FROM de ORDER BY m, id',
  "SELECT id FROM de WHERE m = 'calm' ORDER BY id",
  "SELECT id FROM de WHERE m >= 'fine' AND m < 'happy' ORDER BY id",
  'SELECT m, count(*) FROM de GROUP BY m ORDER BY m DESC',
  'SELECT ms FROM de WHERE id > 100 ORDER BY ms, id',
  "ALTER TYPE dmood RENAME VALUE 'meh' TO 'blah'",
  "SELECT id, m, ms FROM de WHERE m = 'blah' OR 'blah' = ANY (ms) ORDER BY id",
  'SELECT enum_first(NULL::dmood), enum_last(NULL::dmood)',
  "SELECT enum_range('blah'::dmood, 'happy'), enum_range(NULL, 'sad'::dmood)",
  "SELECT enum_range('happy'::dmood, 'sad')",
  'SELECT to_jsonb(m), to_json(ms) FROM de ORDER BY id LIMIT 3',
  // Errors.
  "SELECT 'sad'::dmood = 'sad'::dother",
  "SELECT 'nope'::dmood",
  "SELECT m FROM de WHERE m = 'nope'",
  "SELECT 'ok'::dmood = 'ok'::text",
  "SELECT 'ok'::dmood < 1",
  "INSERT INTO dk VALUES ('ok', 9)",
  "ALTER TYPE dmood ADD VALUE 'ok'",
  "ALTER TYPE dmood ADD VALUE 'x' AFTER 'zzz'",
  'DROP TYPE dmood',
]

scriptDifferentialTest('enum types agree with PostgreSQL', 'diff_enums', script)
