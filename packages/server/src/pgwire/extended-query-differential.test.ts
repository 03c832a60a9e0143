/**
 * The extended query protocol, byte for byte against PostgreSQL 15: each pipeline of raw
 * messages goes to the real server (127.0.0.1:5432, trust, a scratch schema through the
 * startup `options`) and to bkg-db on the real engine, and the answers must be the same
 * messages: types, command tags, row bytes (text and binary), row descriptions (table OIDs
 * aside), parameter descriptions, error codes and messages, transaction status. Skipped when
 * PostgreSQL is not reachable.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Database } from '@bkg-db/engine'
import { Client } from 'pg'
import {
  bind,
  close,
  describeMessage,
  execute,
  parse,
  query,
  sync,
} from './extended-builders.test.js'
import type { PgServer } from './index.js'
import {
  cstring,
  frontendMessage,
  RawClient,
  type RawMessage,
  reportFields,
  startEngineServer,
  startupPacket,
} from './test-doubles.test.js'

const postgresPort = 5432
const schema = `bkg_xq_${process.pid}`

let database: Database
let server: PgServer
let admin: Client | undefined

before(async () => {
  ;({ database, server } = await startEngineServer())
  const client = new Client({
    host: '127.0.0.1',
    port: postgresPort,
    user: 'postgres',
    database: 'test',
  })
  try {
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.query(`CREATE SCHEMA ${schema}`)
    admin = client
  } catch {
    await client.end().catch(() => undefined)
  }
})

after(async () => {
  if (admin !== undefined) {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  }
  await server.close()
  await database.close()
})

async function connectPostgres(): Promise<RawClient> {
  const client = await RawClient.connect(postgresPort)
  client.send(
    startupPacket({ user: 'postgres', database: 'test', options: `-c search_path=${schema}` }),
  )
  await client.readUntil('Z')
  return client
}

/** One message in a form both servers must agree on. */
function normalise(message: RawMessage): string {
  const { type, body } = message
  switch (type) {
    case 'E':
    case 'N': {
      const fields = reportFields(body)
      return `${type} ${fields.get('S')} ${fields.get('C')} ${fields.get('M')}`
    }
    case 'T': {
      // Field name, type OID, size, typmod and format; table OID and column number differ.
      const parts: string[] = []
      let offset = 2
      for (let index = 0; index < body.readInt16BE(0); index++) {
        const end = body.indexOf(0, offset)
        const name = body.toString('utf8', offset, end)
        offset = end + 1 + 6
        const typeOid = body.readUInt32BE(offset)
        const size = body.readInt16BE(offset + 4)
        const typmod = body.readInt32BE(offset + 6)
        const format = body.readInt16BE(offset + 10)
        offset += 12
        parts.push(`${name}:${typeOid}/${size}/${typmod}/${format}`)
      }
      return `T ${parts.join(' ')}`
    }
    case 'C':
      return `${type} ${body.toString('utf8').replaceAll('\0', '|')}`
    case 'S':
      // The local server's default TimeZone may be spelled Etc/UTC; bkg-db's is UTC.
      return `S ${body.toString('utf8').replaceAll('\0', '|').replace('|Etc/UTC|', '|UTC|')}`
    default:
      return `${type} ${body.toString('hex')}`
  }
}

async function exchange(client: RawClient, messages: readonly Buffer[], syncs: number) {
  client.send(Buffer.concat(messages))
  const answers: string[] = []
  for (let done = 0; done < syncs; done++) {
    answers.push(...(await client.readUntil('Z')).map(normalise))
  }
  return answers
}

const int4 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4)
  bytes.writeInt32BE(value, 0)
  return bytes
}

/** Pipelines, each answered by as many ReadyForQuery as it has Sync and Query messages. */
const pipelines: readonly (readonly [string, readonly Buffer[]])[] = [
  [
    'setup',
    [
      query(
        'CREATE TABLE xd (id int PRIMARY KEY, name text, price numeric(8,2), at timestamptz, tags text[], doc jsonb)',
      ),
      query(
        "INSERT INTO xd SELECT g, 'n' || g, g * 1.25, '2024-01-01 00:00+00'::timestamptz + g * interval '1 day', ARRAY['a', NULL, 'c' || g], jsonb_build_object('g', g) FROM generate_series(1, 5) g",
      ),
    ],
  ],
  [
    'describe and run',
    [
      parse('', 'SELECT id, name, price FROM xd WHERE id = $1', [0]),
      describeMessage('S', ''),
      bind('', '', ['3']),
      describeMessage('P', ''),
      execute(''),
      sync(),
    ],
  ],
  [
    'row limits',
    [
      parse('', 'SELECT id FROM xd ORDER BY id'),
      bind('', ''),
      execute('', 2),
      execute('', 2),
      execute('', 2),
      execute('', 2),
      sync(),
    ],
  ],
  [
    'binary results and parameters',
    [
      parse(
        '',
        'SELECT id, name, price, at, tags, doc, $1::int8 AS big, $2::numeric AS n FROM xd WHERE id = $3',
        [20, 1700, 23],
      ),
      bind(
        '',
        '',
        [
          Buffer.from('00000000000000ff', 'hex'),
          Buffer.from('0001000000000002000c', 'hex'),
          int4(2),
        ],
        {
          paramFormats: [1],
          resultFormats: [1],
        },
      ),
      describeMessage('P', ''),
      execute(''),
      sync(),
    ],
  ],
  [
    'binary round trip of every type',
    [
      parse(
        '',
        'SELECT $1::bool AS b, $2::int2 AS s, $3::float4 AS f4, $4::float8 AS f8, $5::date AS d, $6::time AS t, $7::timestamp AS ts, $8::interval AS i, $9::uuid AS u, $10::jsonb AS jb, $11::json AS j, $12::bytea AS raw, $13::text[] AS texts, $14::int4[] AS ints, $15::oid AS o, $16::varchar AS v, $17::name AS nm, $18::numeric[] AS nums',
      ),
      describeMessage('S', ''),
      ...[[1], [0]]
        .map((resultFormats) =>
          bind(
            '',
            '',
            [
              '01',
              '8000',
              'ff800000',
              '400921fb54442d18',
              'fff49d7b',
              '000000141dd75fff',
              '0002b58341728608',
              '00000001ad274800ffffffff00000000',
              'a0eebc999c0b4ef8bb6d6bb9bd380a11',
              '017b2261223a206e756c6c7d',
              '7b2262223a205b312c20325d7d',
              '0001feff',
              '000000020000000100000019000000020000000100000002000000010000000161000000016200000003632064ffffffff',
              '000000010000000000000017000000020000000200000004000000070000000400000008',
              'ee6b2800',
              '6162',
              '6e6d',
              '0000000100000000000006a400000002000000010000000c0002000000000001000113880000000a00010000400000000002',
            ].map((hex) => Buffer.from(hex, 'hex')),
            { paramFormats: [1], resultFormats },
          ),
        )
        .flatMap((message) => [message, describeMessage('P', ''), execute('')]),
      sync(),
    ],
  ],
  [
    'notices and declared parameter types',
    [
      parse('', 'DROP TABLE IF EXISTS never_there'),
      bind('', ''),
      execute(''),
      parse('', 'SELECT $1 + 1 AS a, $2 AS b, $3::text AS c', [20, 0, 1043]),
      describeMessage('S', ''),
      sync(),
    ],
  ],
  [
    'mixed result formats',
    [
      parse('', 'SELECT id, name FROM xd ORDER BY id LIMIT 2'),
      bind('', '', [], { resultFormats: [0, 1] }),
      describeMessage('P', ''),
      execute(''),
      sync(),
    ],
  ],
  [
    'named statements',
    [
      parse('s1', 'SELECT name FROM xd WHERE id = $1'),
      bind('', 's1', ['1']),
      execute(''),
      sync(),
      parse('s1', 'SELECT 1'),
      sync(),
      close('S', 's1'),
      close('S', 'never'),
      bind('', 's1', ['1']),
      sync(),
      close('S', ''),
      bind('', ''),
      sync(),
    ],
  ],
  [
    'portals in a block',
    [
      query('BEGIN'),
      parse('', 'SELECT id FROM xd ORDER BY id'),
      bind('c1', ''),
      execute('c1', 1),
      sync(),
      execute('c1', 0),
      bind('c1', ''),
      sync(),
      execute('c1', 1),
      sync(),
      query('ROLLBACK'),
      execute('c1', 1),
      sync(),
    ],
  ],
  [
    'error mid-pipeline rolls back',
    [
      parse('', 'INSERT INTO xd (id, name) VALUES ($1, $2)'),
      bind('', '', ['100', 'x']),
      execute(''),
      parse('', 'SELECT 1 / (id - 1) FROM xd WHERE id = 1'),
      bind('', ''),
      execute(''),
      bind('', ''),
      sync(),
      query('SELECT count(*) FROM xd WHERE id = 100'),
    ],
  ],
  [
    'errors',
    [
      bind('', '', ['1']),
      sync(),
      parse('', 'SELECT $1::int'),
      bind('', '', ['1', '2']),
      sync(),
      bind('', '', ['x']),
      sync(),
      bind('', '', [Buffer.from('0000000100', 'hex')], { paramFormats: [1] }),
      sync(),
      bind('', '', ['1'], { paramFormats: [2] }),
      sync(),
      parse('', 'SELECT 1; SELECT 2'),
      sync(),
      parse('', 'SELEC 1'),
      sync(),
      execute('nope'),
      sync(),
      describeMessage('P', 'nope'),
      sync(),
      describeMessage('S', 'nope'),
      sync(),
    ],
  ],
  [
    'aborted block',
    [
      query('BEGIN'),
      parse('', 'SELECT 1 / (id - 1) FROM xd WHERE id = 1'),
      bind('', ''),
      execute(''),
      sync(),
      parse('', 'SELECT 1'),
      sync(),
      query('ROLLBACK'),
    ],
  ],
  [
    'empty query and statements without rows',
    [
      parse('', ''),
      describeMessage('S', ''),
      bind('', ''),
      describeMessage('P', ''),
      execute(''),
      parse('', 'UPDATE xd SET name = $2 WHERE id = $1'),
      describeMessage('S', ''),
      bind('', '', ['5', 'five']),
      describeMessage('P', ''),
      execute(''),
      execute(''),
      sync(),
    ],
  ],
  [
    'completed portal executed again, closed portal',
    [
      parse('', 'SELECT 1 AS one'),
      bind('p', ''),
      execute('p'),
      execute('p'),
      close('P', 'p'),
      execute('p'),
      sync(),
    ],
  ],
  [
    'ParameterStatus after SET',
    [
      query("SET TimeZone = 'America/New_York'"),
      query("SET TimeZone = 'America/New_York'"),
      parse('', "SET application_name = 'xq'"),
      bind('', ''),
      execute(''),
      sync(),
      query("BEGIN; SET IntervalStyle = 'iso_8601'; ROLLBACK"),
      query('SELECT $$2024-06-01 12:00+00$$::timestamptz'),
      query('DISCARD ALL'),
    ],
  ],
  [
    'malformed message',
    [frontendMessage('E', cstring('')), execute(''), sync(), query('SELECT 1')],
  ],
]

function syncsIn(messages: readonly Buffer[]): number {
  return messages.filter((message) => message[0] === 0x53 || message[0] === 0x51).length
}

describe('extended query protocol, differential against PostgreSQL 15', () => {
  it('answers every pipeline as PostgreSQL does', async (context) => {
    if (admin === undefined) {
      context.skip('PostgreSQL is not reachable at 127.0.0.1:5432')
      return
    }
    const postgres = await connectPostgres()
    const bkg = await RawClient.ready(server.port)
    try {
      for (const [name, messages] of pipelines) {
        const expected = await exchange(postgres, messages, syncsIn(messages))
        const actual = await exchange(bkg, messages, syncsIn(messages))
        assert.deepEqual(actual, expected, name)
      }
    } finally {
      postgres.socket.destroy()
      bkg.socket.destroy()
    }
  })
})
