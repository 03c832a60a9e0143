// EXPLAIN ANALYZE with timing (not deterministic, so not a golden script): every node line
// carries `actual time=a..b rows=n loops=m`, the summary lines end the output, and the query
// really ran (a volatile call's side effect is visible).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../database.js'
import { MemoryVfs } from '../../kernel/index.js'

test('EXPLAIN ANALYZE prints timings, rows, loops and the summary', async () => {
  const database = await openDatabase({ path: 'explain', vfs: new MemoryVfs() })
  const session = database.createSession({ user: 'postgres' })
  const run = async (sql: string): Promise<readonly (readonly unknown[])[]> => {
    const outcome = await session.execute(sql)
    assert.equal(outcome.error, undefined, sql)
    return outcome.results.at(-1)?.rows ?? []
  }
  await run('CREATE TABLE t (id int PRIMARY KEY, v int)')
  await run('CREATE SEQUENCE s')
  await run('INSERT INTO t SELECT g, g % 3 FROM generate_series(1, 10) g')
  const lines = (await run("EXPLAIN ANALYZE SELECT nextval('s') FROM t WHERE v = 1")).map((row) =>
    String(row[0]),
  )
  assert.match(
    lines[0] ?? '',
    /^Seq Scan on t \(actual time=\d+\.\d{3}\.\.\d+\.\d{3} rows=4 loops=1\)$/,
  )
  assert.equal(lines[1], '  Filter: (v = 1)')
  assert.equal(lines[2], '  Rows Removed by Filter: 6')
  assert.match(lines[3] ?? '', /^Planning Time: \d+\.\d{3} ms$/)
  assert.match(lines[4] ?? '', /^Execution Time: \d+\.\d{3} ms$/)
  assert.equal(lines.length, 5)
  assert.deepEqual(await run("SELECT currval('s')"), [[4n]])
  await database.close()
})
