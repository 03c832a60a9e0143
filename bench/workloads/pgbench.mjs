// Workload "pgbench": PostgreSQL's own benchmark tool against bkg-db's server and against the
// real PostgreSQL 15 on this machine, same scale, clients, threads and duration, in the same run
// (issue #6). Per server: `pgbench -i -s SCALE` (its time is reported too), then select-only
// (`-S`) and tpcb-like with `-M prepared`, `-c CLIENTS -j 2 -T SECONDS`; the figure is pgbench's
// tps (without connection time), after an unmeasured select-only run of --pgbench-settle
// seconds that lets the work the load left behind finish. Failed transactions must be 0. Then
// the latency of a prepared point select (`SELECT abalance FROM pgbench_accounts WHERE aid = $1`, a named statement) from
// node-postgres, one at a time: p50 and p99.
//
// bkg-db runs as `bkg-db start` on a fresh data directory (the build under packages/server/dist,
// synchronous_commit on); PostgreSQL in a database of its own (bkg_pgbench), dropped afterwards.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { withTempDirectory } from '../lib/temp-directory.mjs'

const pgbench = '/usr/bin/pgbench'
const cli = fileURLToPath(new URL('../../packages/server/dist/cli/bkg-db.js', import.meta.url))
const password = 'bench-password'
const benchDatabase = 'bkg_pgbench'

export const pgbenchWorkload = {
  id: 'pgbench',
  title: 'pgbench: select-only and tpcb-like, -M prepared',
  peerIds: ['bkg-db', 'postgres'],
  describe: (options) =>
    `pgbench -i -s ${options.pgbenchScale}, then -S and tpcb-like with -M prepared ` +
    `-c ${options.pgbenchClients} -j 2 -T ${options.pgbenchSeconds}; prepared point select ` +
    `latency from node-postgres over ${options.pgbenchLatencyQueries} queries`,

  async run({ peer, options }) {
    if (peer.id === 'bkg-db') {
      return withTempDirectory('pgbench', (directory) =>
        withBkgServer(directory, (target) => measure(target, options)),
      )
    }
    return withPostgresDatabase((target) => measure(target, options))
  },
}

async function freePort() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

async function withBkgServer(directory, body) {
  const [httpPort, pgPort] = [await freePort(), await freePort()]
  const child = spawn(
    process.execPath,
    [
      cli,
      'start',
      '--data-dir',
      join(directory, 'data'),
      '--http-port',
      String(httpPort),
      '--pg-port',
      String(pgPort),
    ],
    { env: { ...process.env, BKG_DB_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  try {
    await waitForPort(pgPort, child, () => output)
    return await body({
      host: '127.0.0.1',
      port: pgPort,
      user: 'postgres',
      password,
      database: 'postgres',
    })
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

async function waitForPort(port, child, output) {
  const { default: pg } = await import('pg')
  const deadline = performance.now() + 30_000
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bkg-db exited: ${output()}`)
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
    })
    try {
      await client.connect()
      await client.end()
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  throw new Error(`bkg-db did not accept connections: ${output()}`)
}

async function withPostgresDatabase(body) {
  const { default: pg } = await import('pg')
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${benchDatabase}`)
    await admin.query(`CREATE DATABASE ${benchDatabase}`)
    try {
      return await body({
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        password: undefined,
        database: benchDatabase,
      })
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${benchDatabase}`)
    }
  } finally {
    await admin.end()
  }
}

function runPgbench(target, args) {
  const result = spawnSync(
    pgbench,
    ['-h', target.host, '-p', String(target.port), '-U', target.user, ...args, target.database],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        ...(target.password === undefined ? {} : { PGPASSWORD: target.password }),
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  if (result.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed: ${result.stderr}`)
  return `${result.stdout}\n${result.stderr}`
}

function tpsOf(output, args) {
  const failed = /number of failed transactions: (\d+)/.exec(output)
  if (failed === null || failed[1] !== '0')
    throw new Error(`pgbench ${args.join(' ')}: failed transactions: ${failed?.[1]}`)
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)
  if (tps === null) throw new Error(`no tps in pgbench output: ${output}`)
  return Number(tps[1])
}

async function measure(target, options) {
  const started = performance.now()
  runPgbench(target, ['-i', '-q', '-s', String(options.pgbenchScale)])
  const initSeconds = (performance.now() - started) / 1000
  const measurements = [
    {
      key: 'init',
      label: `pgbench -i -s ${options.pgbenchScale}`,
      unit: 's',
      higherIsBetter: false,
      value: initSeconds,
      operations: 1,
      seconds: initSeconds,
    },
  ]
  // Settle: the load leaves work behind (bkg-db: vacuum of the versions ADD PRIMARY KEY
  // replaced, checkpoints; PostgreSQL: its own autovacuum and checkpoints). An unmeasured
  // select-only run of --pgbench-settle seconds lets it finish under load on both servers.
  if (options.pgbenchSettle > 0) {
    runPgbench(target, [
      '-n',
      '-S',
      '-M',
      'prepared',
      '-c',
      String(options.pgbenchClients),
      '-j',
      '2',
      '-T',
      String(options.pgbenchSettle),
    ])
  }
  for (const [key, label, flags] of [
    ['select-only', 'select-only -M prepared', ['-S']],
    ['tpcb-like', 'tpcb-like -M prepared', []],
  ]) {
    const args = [
      '-n',
      ...flags,
      '-M',
      'prepared',
      '-c',
      String(options.pgbenchClients),
      '-j',
      '2',
      '-T',
      String(options.pgbenchSeconds),
    ]
    const tps = tpsOf(runPgbench(target, args), args)
    measurements.push({
      key,
      label,
      unit: 'tps',
      higherIsBetter: true,
      value: tps,
      operations: Math.round(tps * options.pgbenchSeconds),
      seconds: options.pgbenchSeconds,
    })
  }
  measurements.push(...(await pointSelectLatency(target, options)))
  return measurements
}

async function pointSelectLatency(target, options) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
  })
  await client.connect()
  try {
    const accounts = options.pgbenchScale * 100_000
    const query = (aid) => ({
      name: 'point',
      text: 'SELECT abalance FROM pgbench_accounts WHERE aid = $1',
      values: [aid],
    })
    for (let i = 0; i < 1000; i++) await client.query(query(1 + ((i * 7919) % accounts)))
    const latencies = []
    for (let i = 0; i < options.pgbenchLatencyQueries; i++) {
      const start = performance.now()
      const result = await client.query(query(1 + ((i * 104_729) % accounts)))
      latencies.push(performance.now() - start)
      if (result.rows.length !== 1) throw new Error('a point select found no row')
    }
    latencies.sort((a, b) => a - b)
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
    return [
      {
        key: 'p50',
        label: 'prepared point select p50',
        unit: 'ms',
        higherIsBetter: false,
        value: at(0.5),
        operations: latencies.length,
        seconds: 0,
      },
      {
        key: 'p99',
        label: 'prepared point select p99',
        unit: 'ms',
        higherIsBetter: false,
        value: at(0.99),
        operations: latencies.length,
        seconds: 0,
      },
    ]
  } finally {
    await client.end()
  }
}
