// Sequences across sessions, restarts and crashes. Goal: a value handed out is never handed out
// again. Method: sessions interleave nextval and every value is collected; databases on a
// simulated disk lose power at seeded points (unsynced writes torn or lost), and after recovery
// the next value must be greater than every value any statement returned before the crash.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Database, openDatabase } from '../database.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from '../kernel/index.js'
import { Random } from '../lib/random.js'
import type { Session } from './session.js'

async function run(session: Session, sql: string): Promise<unknown[][]> {
  const { results, error } = await session.execute(sql)
  if (error !== undefined) throw error
  return results.at(-1)?.rows.map((row) => [...row]) ?? []
}

async function value(session: Session, sql: string): Promise<bigint> {
  const rows = await run(session, sql)
  const first = rows[0]?.[0]
  assert.equal(typeof first, 'bigint', `${sql} returns a bigint`)
  return first as bigint
}

function open(vfs: Vfs): Promise<Database> {
  return openDatabase({ path: 'sequences-test', vfs, checkpointIntervalMs: 0 })
}

test('two sessions interleaving nextval get distinct values; CACHE hands out blocks', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const a = database.createSession({ user: 'postgres' })
  const b = database.createSession({ user: 'postgres' })
  await run(a, 'CREATE SEQUENCE plain; CREATE SEQUENCE cached CACHE 10')
  const seen = new Set<bigint>()
  const calls: Promise<bigint>[] = []
  for (let i = 0; i < 50; i++) {
    calls.push(value(a, "SELECT nextval('plain')"), value(b, "SELECT nextval('plain')"))
  }
  for (const got of await Promise.all(calls)) {
    assert.ok(!seen.has(got), `value ${got} handed out twice`)
    seen.add(got)
  }
  assert.equal(seen.size, 100)
  // Inside transactions that roll back, values are still consumed.
  await run(a, "BEGIN; SELECT nextval('plain')")
  const inside = await value(a, "SELECT currval('plain')")
  await run(a, 'ROLLBACK')
  assert.ok((await value(b, "SELECT nextval('plain')")) > inside)
  // CACHE 10: each session takes a block of ten and uses it up first, as in PostgreSQL.
  assert.equal(await value(a, "SELECT nextval('cached')"), 1n)
  assert.equal(await value(b, "SELECT nextval('cached')"), 11n)
  assert.equal(await value(a, "SELECT nextval('cached')"), 2n)
  assert.equal(await value(b, "SELECT nextval('cached')"), 12n)
  a.close()
  b.close()
  await database.close()
})

test('definitions and state survive a restart; state of rolled-back DDL is never adopted', async () => {
  const vfs = new MemoryVfs()
  const first = await open(vfs)
  const session = first.createSession({ user: 'postgres' })
  await run(session, 'CREATE SEQUENCE s INCREMENT 3; CREATE TABLE t (id serial, v text)')
  await run(session, "SELECT nextval('s'), nextval('s')")
  await run(session, "INSERT INTO t (v) VALUES ('a'), ('b')")
  await run(session, 'ALTER SEQUENCE s RESTART WITH 100')
  // A sequence created and used in a rolled-back transaction: its OID is free again after the
  // restart, and the next sequence to get it must start afresh.
  await run(session, "BEGIN; CREATE SEQUENCE gone; SELECT nextval('gone'), nextval('gone')")
  await run(session, 'ROLLBACK')
  session.close()
  await first.close()

  const second = await open(vfs)
  const again = second.createSession({ user: 'postgres' })
  assert.equal(await value(again, "SELECT nextval('s')"), 100n)
  await run(again, "INSERT INTO t (v) VALUES ('c')")
  assert.deepEqual(await run(again, 'SELECT id, v FROM t ORDER BY id'), [
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
  ])
  await run(again, 'CREATE SEQUENCE fresh')
  assert.equal(await value(again, "SELECT nextval('fresh')"), 1n)
  again.close()
  await second.close()
})

test('after a crash the next value is greater than every value handed out', async () => {
  const seeds = Number(process.env['CRASH_SEEDS'] ?? 12)
  const base = Number(process.env['SEED'] ?? 1)
  for (let seed = base; seed < base + seeds; seed++) {
    const random = new Random(seed)
    const vfs = new SimulatedVfs({ seed, crashUnsynced: seed % 2 === 0 ? 'torn' : 'lost' })
    const database = await open(vfs)
    const session = database.createSession({ user: 'postgres' })
    await run(session, 'CREATE SEQUENCE s CACHE 3; CREATE TABLE t (id bigserial, n int)')
    let highest = 0n
    let highestRow = 0n
    const steps = 5 + random.nextInt(40)
    for (let step = 0; step < steps; step++) {
      switch (random.nextInt(4)) {
        case 0:
          highest = maxOf(
            highest,
            await value(
              session,
              "SELECT max(nextval('s')) FROM (VALUES (1), (2), (3), (4)) AS v (x)",
            ),
          )
          break
        case 1: {
          // Values seen inside a transaction that never commits count too.
          await run(session, 'BEGIN')
          highest = maxOf(highest, await value(session, "SELECT nextval('s')"))
          await run(session, random.nextInt(2) === 0 ? 'ROLLBACK' : 'COMMIT')
          break
        }
        case 2:
          highest = maxOf(highest, await value(session, "SELECT nextval('s')"))
          break
        default:
          await run(session, `INSERT INTO t (n) VALUES (${step}), (${step})`)
          highestRow = maxOf(highestRow, await value(session, "SELECT currval('t_id_seq')"))
      }
    }
    vfs.crash()
    const reopened = await open(vfs)
    const after = reopened.createSession({ user: 'postgres' })
    const next = await value(after, "SELECT nextval('s')")
    assert.ok(next > highest, `seed ${seed}: ${next} after ${highest} before the crash`)
    const nextRow = await value(after, "SELECT nextval('t_id_seq')")
    assert.ok(nextRow > highestRow, `seed ${seed}: row id ${nextRow} after ${highestRow}`)
    after.close()
    await reopened.close()
  }
})

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}
