// Regressions found by the random differential run (random-queries.test.ts), kept as fixed
// statements compared with PostgreSQL by the same harness and rule, so each bug stays fixed
// whatever the generator draws later. One entry per bug, reduced to a minimal reproduction.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type CompareOptions, compareOutcomes } from './support/compare-outcomes.js'
import { DifferentialHarness } from './support/differential-harness.js'

const schema = [
  'CREATE TABLE r (id int PRIMARY KEY, i int4, g int8, n numeric, s text, f float8, d date)',
  "INSERT INTO r VALUES (1, 7, 5, 1.5, 'a', 0.1, '2024-01-01'), (2, NULL, NULL, NULL, NULL, NULL, NULL)",
]

interface Regression {
  readonly why: string
  readonly sql: string
  readonly options?: CompareOptions
}

const regressions: Regression[] = [
  {
    why: 'a cast names its column by the type when its operand only has a fallback name',
    sql: 'SELECT CAST(g::int8 AS text), CAST(NULL::date AS timestamp), CAST(i AS text), CAST(upper(s) AS text) FROM r',
  },
  {
    why: 'CASE takes its ELSE name only when that name is strong (a column or a function)',
    sql: 'SELECT CASE WHEN true THEN 1 ELSE i::int8 END, CASE WHEN true THEN 1 ELSE i END, CAST(CASE WHEN true THEN 1 END AS float8) FROM r',
  },
  {
    why: "a scalar subquery's output name is strong, even ?column?",
    sql: 'SELECT CAST((SELECT 1) AS int8), CAST((SELECT r.i FROM r WHERE id = 1) AS text) FROM r',
  },
  {
    why: 'an aggregate as the left operand of IN / ANY / ALL belongs to the outer query (was XX000)',
    sql: 'SELECT count(*) IN (SELECT i FROM r), max(s) > ALL (SELECT s FROM r AS u WHERE u.i < r.i) FROM r GROUP BY i',
  },
  {
    why: 'the left operand of IN reads an ungrouped column: 42803 as for any grouped expression',
    sql: 'SELECT s IN (SELECT s FROM r) FROM r GROUP BY i',
  },
  {
    why: 'a string_agg result compared with a subquery (was 42803 "subquery uses ungrouped column")',
    sql: "SELECT string_agg(s, ',' ORDER BY s) IN (SELECT s FROM r) FROM r",
  },
  {
    why: 'a JOIN condition naming an item left of a comma: "invalid reference", not "missing"',
    sql: 'SELECT 1 FROM r AS a, r AS b JOIN r AS c ON a.i = c.i',
  },
  {
    why: 'a subquery reading only a row two levels out is correlated (was run once)',
    sql: 'SELECT id, (SELECT (SELECT r.id) FROM r AS u ORDER BY 1 LIMIT 1), EXISTS (SELECT 1 FROM r AS u WHERE EXISTS (SELECT 1 WHERE r.i = 7)) FROM r',
  },
  {
    why: 'a correlated scalar subquery as the left operand of NOT IN is evaluated per row',
    sql: 'SELECT id, (SELECT sum(3) FROM r AS u WHERE r.i > 0) NOT IN (SELECT g FROM r AS u) FROM r',
  },
  {
    why: 'a set operation whose left branch folds to no rows still hashes typed values (was XX000)',
    sql: 'SELECT 3.14 FROM r WHERE false UNION SELECT COALESCE(-2147483648, NULL::numeric) FROM r',
  },
]

let harness: DifferentialHarness

before(async () => {
  harness = await DifferentialHarness.open()
  await harness.setup(schema)
})

after(async () => {
  await harness.close()
})

for (const regression of regressions) {
  test(regression.why, async () => {
    const { engine, postgres } = await harness.run(regression.sql)
    const verdict = compareOutcomes(postgres, engine, regression.options)
    assert.deepEqual(
      verdict,
      { verdict: 'match' },
      `${regression.sql}\n${JSON.stringify({ postgres, engine })}`,
    )
  })
}
