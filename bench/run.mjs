#!/usr/bin/env node
// bkg-db benchmark harness: runs the same workloads on bkg-db's embedded engine and on its
// peers (better-sqlite3, PGlite, PostgreSQL on 127.0.0.1:5432) in the same run, and prints
// operations per second with each peer's ratio to bkg-db (peer time ÷ bkg-db time: above 1
// means bkg-db is faster). Results are also written to bench/results/latest.json.
//
// Usage: npm run bench [-- --rows N] [-- --only name,name]
// Each issue extends the workload list; figures go to docs/performance.md.
import { mkdirSync, writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { openDatabase } from '../packages/engine/dist/index.js'

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    only: { type: 'string' },
  },
})
const rowCount = Number(options.rows)
const batchRows = 100
const pointLookups = 10_000
const rangeQueries = 2_000

/** A peer: open/close plus three primitives the workloads are written in. */
async function bkgDbPeer() {
  const db = await openDatabase({ path: ':memory:' })
  const session = db.createSession({ user: 'postgres' })
  const run = async (sql, params) => {
    const { results, error } = await session.execute(sql, params)
    if (error) throw error
    return results[results.length - 1]?.rows ?? []
  }
  return { name: 'bkg-db (embedded)', run, close: () => db.close() }
}

async function sqlitePeer() {
  const { default: Sqlite } = await import('better-sqlite3')
  const db = new Sqlite(':memory:')
  const cache = new Map()
  const prepare = (sql) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare(sql.replace(/\$\d+/g, '?'))
      cache.set(sql, statement)
    }
    return statement
  }
  const run = async (sql, params = []) => {
    if (/^\s*(BEGIN|COMMIT)/i.test(sql)) {
      db.exec(sql)
      return []
    }
    const statement = prepare(sql)
    if (statement.reader) return statement.raw().all(...params)
    statement.run(...params)
    return []
  }
  return { name: 'better-sqlite3 (memory)', run, close: async () => db.close() }
}

async function pgLitePeer() {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create()
  const run = async (sql, params) => (await db.query(sql, params, { rowMode: 'array' })).rows
  return { name: 'PGlite (memory)', run, close: () => db.close() }
}

async function postgresPeer() {
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  })
  await client.connect()
  const schema = `bkg_bench_${process.pid}`
  await client.query(`CREATE SCHEMA ${schema}`)
  await client.query(`SET search_path = ${schema}`)
  const run = async (sql, params) =>
    (await client.query({ text: sql, values: params, rowMode: 'array' })).rows
  const close = async () => {
    await client.query(`DROP SCHEMA ${schema} CASCADE`)
    await client.end()
  }
  return { name: 'PostgreSQL 15 (TCP, pg)', run, close }
}

/** Workloads: each returns the number of operations it performed. */
const workloads = [
  {
    name: `insert ${rowCount} rows (${batchRows}-row INSERTs, one transaction)`,
    async run(peer) {
      await peer.run('BEGIN')
      for (let start = 0; start < rowCount; start += batchRows) {
        const values = []
        for (let id = start; id < start + batchRows; id++) values.push(`(${id}, 'name ${id}')`)
        await peer.run(`INSERT INTO t VALUES ${values.join(', ')}`)
      }
      await peer.run('COMMIT')
      return rowCount
    },
  },
  {
    name: `point select by primary key (${pointLookups} queries)`,
    async run(peer) {
      for (let i = 0; i < pointLookups; i++) {
        const rows = await peer.run('SELECT id, name FROM t WHERE id = $1', [(i * 7919) % rowCount])
        if (rows.length !== 1) throw new Error(`${peer.name}: expected one row`)
      }
      return pointLookups
    },
  },
  {
    name: `range + ORDER BY + LIMIT 10 (${rangeQueries} queries)`,
    async run(peer) {
      for (let i = 0; i < rangeQueries; i++) {
        const rows = await peer.run('SELECT id, name FROM t WHERE id > $1 ORDER BY id LIMIT 10', [
          (i * 104729) % (rowCount - 20),
        ])
        if (rows.length !== 10) throw new Error(`${peer.name}: expected ten rows`)
      }
      return rangeQueries
    },
  },
]

const peers = [bkgDbPeer, sqlitePeer, pgLitePeer, postgresPeer]
const only = options.only?.split(',')
const results = []
for (const open of peers) {
  const peer = await open()
  if (only && !only.some((name) => peer.name.includes(name))) {
    await peer.close()
    continue
  }
  await peer.run('CREATE TABLE t (id int primary key, name text)')
  const timings = []
  for (const workload of workloads) {
    const started = performance.now()
    const operations = await workload.run(peer)
    const seconds = (performance.now() - started) / 1000
    timings.push({ workload: workload.name, operations, seconds, perSecond: operations / seconds })
  }
  await peer.close()
  results.push({ peer: peer.name, timings })
  console.error(`done: ${peer.name}`)
}

const base = results[0]
console.log(`\nbkg-db benchmark, ${new Date().toISOString()}, node ${process.version}\n`)
for (const [index, workload] of workloads.entries()) {
  console.log(workload.name)
  for (const result of results) {
    const timing = result.timings[index]
    const ratio = base ? timing.seconds / base.timings[index].seconds : 1
    console.log(
      `  ${result.peer.padEnd(28)} ${Math.round(timing.perSecond).toString().padStart(10)} ops/s   ` +
        `peer/bkg-db time ${ratio.toFixed(2)}`,
    )
  }
}
mkdirSync(new URL('./results', import.meta.url), { recursive: true })
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rowCount, results }, null, 2)}\n`,
)
