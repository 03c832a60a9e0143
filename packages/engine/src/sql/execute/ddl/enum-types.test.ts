// Enum types survive a restart of an on-disk database: the type (labels, their OIDs and sort
// keys) loads back before the tables naming it; rows (label OIDs), enum arrays and index
// entries (sort keys) written before ADD VALUE BEFORE and RENAME VALUE read back in order.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { openDatabase } from '../../../database.js'
import { type Executor, fails, run } from '../../../testing/session-assertions.js'
import { formatValueText } from '../../../types/index.js'

/** The rows as text, as psql would print them. */
async function text(session: Executor, sql: string): Promise<string[][]> {
  const outcome = await session.execute(sql)
  assert.equal(outcome.error, undefined, `${sql}: ${outcome.error?.message}`)
  const result = outcome.results.at(-1)
  const columns = result?.columns ?? []
  return (result?.rows ?? []).map((row) =>
    row.map((v, i) => formatValueText(v, columns[i]?.type ?? 0) ?? 'NULL'),
  )
}

test('enum types, their rows, arrays and index entries load back after a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bkg-enums-'))
  try {
    const first = await openDatabase({ path: join(dir, 'db'), checkpointIntervalMs: 0 })
    const before = first.createSession({ user: 'postgres' })
    await run(before, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
    await run(before, 'CREATE SCHEMA s')
    await run(before, "CREATE TYPE s.level AS ENUM ('low', 'high')")
    await run(before, 'CREATE TABLE t (m mood PRIMARY KEY, ms mood[], l s.level)')
    await run(before, 'CREATE INDEX t_l_idx ON t (l)')
    await run(before, "INSERT INTO t VALUES ('ok', '{ok,sad}', 'high'), ('happy', NULL, 'low')")
    await run(before, "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok'")
    await run(before, "INSERT INTO t VALUES ('meh', '{meh}', NULL)")
    await first.close()

    const second = await openDatabase({ path: join(dir, 'db'), checkpointIntervalMs: 0 })
    const after = second.createSession({ user: 'postgres' })
    assert.deepEqual(await text(after, 'SELECT m, ms, l FROM t ORDER BY m'), [
      ['meh', '{meh}', 'NULL'],
      ['ok', '{ok,sad}', 'high'],
      ['happy', 'NULL', 'low'],
    ])
    assert.deepEqual(await text(after, 'SELECT enum_range(NULL::mood)'), [['{sad,meh,ok,happy}']])
    // The primary key (sort keys in the row key) finds rows by range.
    assert.deepEqual(await text(after, "SELECT m FROM t WHERE m > 'sad' AND m < 'happy'"), [
      ['meh'],
      ['ok'],
    ])
    await run(after, "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'")
    await run(after, "ALTER TYPE mood ADD VALUE 'glad' AFTER 'fine'")
    await run(after, "INSERT INTO t VALUES ('glad', '{glad,fine}', 'low')")
    await fails(after, "INSERT INTO t VALUES ('meh', NULL, NULL)", '23505')
    await fails(after, "SELECT 'ok'::mood", '22P02')
    await second.close()

    const third = await openDatabase({ path: join(dir, 'db'), checkpointIntervalMs: 0 })
    const last = third.createSession({ user: 'postgres' })
    assert.deepEqual(await text(last, 'SELECT m, ms FROM t ORDER BY m DESC'), [
      ['happy', 'NULL'],
      ['glad', '{glad,fine}'],
      ['fine', '{fine,sad}'],
      ['meh', '{meh}'],
    ])
    assert.deepEqual(await text(last, "SELECT m FROM t WHERE l = 'low' ORDER BY m"), [
      ['glad'],
      ['happy'],
    ])
    await fails(last, 'DROP TYPE mood', '2BP01')
    await run(last, 'DROP TABLE t')
    await run(last, 'DROP TYPE mood')
    await run(last, 'DROP SCHEMA s CASCADE')
    await third.close()

    const fourth = await openDatabase({ path: join(dir, 'db'), checkpointIntervalMs: 0 })
    const gone = fourth.createSession({ user: 'postgres' })
    await fails(gone, "SELECT 'sad'::mood", '42704')
    await fails(gone, "SELECT 'low'::s.level", '3F000')
    await fourth.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
