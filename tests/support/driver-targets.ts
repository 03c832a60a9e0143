/**
 * Two servers for driver tests that compare: the built bkg-db (ServerProcess) and the real
 * PostgreSQL 15 (`BKG_DIFF_PG_URL`'s host or 127.0.0.1:5432, trust auth), the latter confined
 * to a fresh scratch schema (search_path through the startup `options`) that `dispose` drops.
 * A scenario runs once per target and the transcripts must be equal.
 */
import pg from 'pg'
import { ServerProcess } from './server-process.js'

export interface DriverTarget {
  readonly name: 'bkg-db' | 'postgres'
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password: string | undefined
  readonly database: string
  /** Run-time settings for the startup packet (PostgreSQL's scratch search_path). */
  readonly settings: Readonly<Record<string, string>>
}

export interface DriverTargets {
  readonly bkg: DriverTarget
  readonly postgres: DriverTarget
  dispose(): Promise<void>
}

let schemasCreated = 0

export async function openDriverTargets(label: string): Promise<DriverTargets> {
  const url = new URL(process.env['BKG_DIFF_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test')
  const schema = `bkg_${label}_${process.pid}_${++schemasCreated}`
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  await admin.query(`CREATE SCHEMA ${schema}`)
  let server: ServerProcess
  try {
    server = await ServerProcess.start()
  } catch (error) {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
    throw error
  }
  return {
    bkg: {
      name: 'bkg-db',
      host: '127.0.0.1',
      port: server.pgPort,
      user: 'postgres',
      password: server.credentials().password,
      database: 'postgres',
      settings: {},
    },
    postgres: {
      name: 'postgres',
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: url.password === '' ? undefined : decodeURIComponent(url.password),
      database: url.pathname.slice(1) || 'postgres',
      settings: { search_path: schema },
    },
    async dispose() {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      } finally {
        await admin.end()
        await server.dispose()
      }
    },
  }
}

/** A JSON-comparable copy: Buffers as hex, bigints as strings, Dates as ISO text. */
export function comparable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'bigint') return `${item}n`
      if (
        typeof item === 'object' &&
        item !== null &&
        'type' in item &&
        item.type === 'Buffer' &&
        'data' in item &&
        Array.isArray(item.data)
      ) {
        return `\\x${Buffer.from(item.data as number[]).toString('hex')}`
      }
      return item
    }),
  )
}

/** node-postgres settings for a target (its startup settings as `-c name=value` options). */
export function clientConfig(target: DriverTarget): pg.ClientConfig {
  const options = Object.entries(target.settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ')
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
    ...(options === '' ? {} : { options }),
  }
}
