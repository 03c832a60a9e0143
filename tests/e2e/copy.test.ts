/**
 * COPY over pgwire with real clients, differential against PostgreSQL 15: node-postgres with
 * pg-copy-streams runs the same COPY FROM STDIN / TO STDOUT statements and data on bkg-db and on
 * the real server; the stored rows, the COPY TO output (text, CSV and binary, byte for byte) and
 * the errors (SQLSTATE, message, CONTEXT) must be equal. Then what only one server needs to
 * show: 100,000 rows in and out, CopyFail, an error in the middle of the stream leaving the
 * connection usable, and psql's \copy.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import {
  clientConfig,
  type DriverTarget,
  type DriverTargets,
  openDriverTargets,
} from '../support/driver-targets.js'
import { runPsql } from '../support/run-psql.js'
import { ServerProcess } from '../support/server-process.js'

const table = `CREATE TABLE ct (
  id int PRIMARY KEY,
  name text,
  amount numeric(8,2),
  at timestamptz,
  flag bool,
  tags text[],
  data bytea,
  note varchar(5) DEFAULT 'dflt'
)`

/** Everything in ct, as text, so both servers' rows compare without driver parsing. */
const readBack =
  "SELECT id, name, amount::text, at::text, flag, tags::text, encode(data, 'hex') AS data, note FROM ct ORDER BY id"

interface CopyCase {
  readonly what: string
  readonly sql: string
  /** COPY FROM's input; absent for COPY TO. */
  readonly data?: string | Buffer
}

const textData = [
  '1\tplain\t1.5\t2026-01-02 03:04:05+00\tt\t{a,b}\t\\\\x0102\tabc',
  '2\ttab\\there\\nnewline \\\\ back\t-0.125\t2026-06-30 23:59:59.5+02\tf\t{}\t\\\\x\tx',
  '3\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N',
  '4\toctal \\101\\102 hex \\x43\t99\tinfinity\ton\t{"q\\\\"x",NULL}\t\\\\xff\t',
].join('\n')

const csvData = [
  'id,name,amount,at,flag,tags,data,note',
  '5,"quoted, with comma",1,2026-01-01 00:00:00+00,true,"{x,y}",\\x00,a',
  '6,"multi',
  'line ""quoted""",2,,false,,,',
  '7,,3,,,,,""',
  '8,  spaced  ,4,,,,,"b"',
].join('\r\n')

const copyFromCases: readonly CopyCase[] = [
  { what: 'text with escapes and NULLs', sql: 'COPY ct FROM STDIN', data: `${textData}\n` },
  {
    what: 'CSV with a header, quotes, an embedded line end, CRLF',
    sql: 'COPY ct FROM STDIN WITH (FORMAT csv, HEADER true)',
    data: `${csvData}\r\n`,
  },
  {
    what: "CSV, old syntax, delimiter ';', NULL 'NA', FORCE_NOT_NULL and FORCE_NULL",
    sql: "COPY ct (id, name, note) FROM STDIN WITH CSV DELIMITER ';' NULL 'NA' FORCE NOT NULL name",
    data: '9;NA;"NA"\n10;;NA\n',
  },
  {
    what: 'FORCE_NULL makes a quoted NULL string NULL',
    sql: "COPY ct (id, name) FROM STDIN (FORMAT csv, NULL 'x', FORCE_NULL (name))",
    data: '11,"x"\n12,x\n13,"y"\n',
  },
  {
    what: 'a column list: the others take their defaults',
    sql: 'COPY ct (name, id) FROM STDIN',
    data: 'named\t14\n',
  },
  { what: 'the last line without a line end', sql: 'COPY ct (id) FROM STDIN', data: '15\n16' },
  { what: 'an end marker, then nothing read', sql: 'COPY ct (id) FROM STDIN', data: '17\n\\.\n' },
  {
    what: 'text with a header line skipped',
    sql: 'COPY ct (id, name) FROM STDIN (HEADER)',
    data: 'id\tname\n18\th\n',
  },
  {
    what: 'HEADER MATCH with the right names',
    sql: 'COPY ct (id, name) FROM STDIN (FORMAT csv, HEADER match)',
    data: 'id,name\n19,m\n',
  },
]

const copyFromErrors: readonly CopyCase[] = [
  { what: 'a bad integer', sql: 'COPY ct (id, name) FROM STDIN', data: '20\tok\nx\tbad\n' },
  { what: 'a missing column', sql: 'COPY ct (id, name) FROM STDIN', data: '21\n' },
  { what: 'extra data', sql: 'COPY ct (id) FROM STDIN', data: '22\textra\n' },
  { what: 'a duplicate key', sql: 'COPY ct (id) FROM STDIN', data: '23\n1\n' },
  {
    what: 'a value too long for varchar(5)',
    sql: 'COPY ct (id, note) FROM STDIN',
    data: '24\ttoolong\n',
  },
  {
    what: 'an unterminated CSV quote',
    sql: 'COPY ct (id, name) FROM STDIN (FORMAT csv)',
    data: '25,"open\n',
  },
  {
    what: 'a carriage return in LF data',
    sql: 'COPY ct (id, name) FROM STDIN',
    data: '26\ta\n27\tb\rc\n',
  },
  {
    what: 'HEADER MATCH with a wrong name',
    sql: 'COPY ct (id, name) FROM STDIN (FORMAT csv, HEADER match)',
    data: 'id,nom\n28,m\n',
  },
  {
    what: 'invalid UTF-8',
    sql: 'COPY ct (id, name) FROM STDIN',
    data: Buffer.from([0x32, 0x39, 0x09, 0xff, 0x0a]),
  },
  { what: 'an unknown column', sql: 'COPY ct (id, nope) FROM STDIN', data: '' },
  { what: 'a repeated column', sql: 'COPY ct (id, id) FROM STDIN', data: '' },
  { what: 'an unknown table', sql: 'COPY nope FROM STDIN', data: '' },
  { what: 'an unknown format', sql: 'COPY ct FROM STDIN (FORMAT xml)', data: '' },
  { what: 'a repeated option', sql: 'COPY ct FROM STDIN (FORMAT csv, FORMAT text)', data: '' },
  { what: 'an unknown option', sql: 'COPY ct FROM STDIN (COLOUR red)', data: '' },
  {
    what: 'DELIMITER in binary mode',
    sql: "COPY ct FROM STDIN (FORMAT binary, DELIMITER ',')",
    data: '',
  },
  { what: 'a two-character delimiter', sql: "COPY ct FROM STDIN (DELIMITER ';;')", data: '' },
  { what: 'a letter as delimiter', sql: "COPY ct FROM STDIN (DELIMITER 'a')", data: '' },
  { what: 'QUOTE outside CSV', sql: "COPY ct FROM STDIN (QUOTE '\"')", data: '' },
  {
    what: 'FORCE_QUOTE on COPY FROM',
    sql: 'COPY ct FROM STDIN (FORMAT csv, FORCE_QUOTE *)',
    data: '',
  },
  {
    what: 'FORCE_NOT_NULL of a column not copied',
    sql: 'COPY ct (id) FROM STDIN (FORMAT csv, FORCE_NOT_NULL (name))',
    data: '',
  },
  {
    what: 'the delimiter inside NULL',
    sql: "COPY ct FROM STDIN (DELIMITER ',', NULL 'a,b')",
    data: '',
  },
  { what: 'a server file (superuser)', sql: "COPY ct FROM '/etc/passwd'", data: '' },
  { what: 'a relative file name', sql: "COPY ct TO 'relative.txt'" },
  { what: 'HEADER MATCH on COPY TO', sql: 'COPY ct TO STDOUT (FORMAT csv, HEADER match)' },
]

const copyToCases: readonly CopyCase[] = [
  { what: 'text', sql: 'COPY ct TO STDOUT' },
  { what: 'CSV with a header', sql: 'COPY ct TO STDOUT WITH (FORMAT csv, HEADER)' },
  { what: 'CSV, every column quoted', sql: 'COPY ct TO STDOUT (FORMAT csv, FORCE_QUOTE *)' },
  {
    what: "CSV, delimiter '|', NULL 'x', FORCE_QUOTE (name), ESCAPE",
    sql: "COPY ct (id, name, note) TO STDOUT (FORMAT csv, DELIMITER '|', NULL 'x', FORCE_QUOTE (name), ESCAPE '\\')",
  },
  {
    what: 'a query',
    sql: "COPY (SELECT id, name || '!' AS shout FROM ct WHERE id < 10 ORDER BY id DESC) TO STDOUT",
  },
  {
    what: 'binary',
    sql: 'COPY (SELECT id, name, amount, at, flag, tags, data, note FROM ct ORDER BY id) TO STDOUT (FORMAT binary)',
  },
  { what: "text with delimiter ','", sql: "COPY ct (id, name) TO STDOUT (DELIMITER ',')" },
]

type Outcome =
  | { readonly ok: string }
  | {
      readonly error: {
        code: string | undefined
        message: string
        where: string | undefined
      }
    }

function describeError(error: unknown): Outcome {
  const e = error as { code?: string; message: string; where?: string }
  return { error: { code: e.code, message: e.message, where: e.where } }
}

async function copyIn(client: pg.Client, sql: string, data: string | Buffer): Promise<Outcome> {
  try {
    const stream = client.query(copyFrom(sql))
    await pipeline(Readable.from([Buffer.from(data)]), stream)
    return { ok: `COPY ${stream.rowCount}` }
  } catch (error: unknown) {
    return describeError(error)
  }
}

async function copyOut(client: pg.Client, sql: string): Promise<Outcome> {
  const chunks: Buffer[] = []
  try {
    await pipeline(
      client.query(copyTo(sql)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk)
          done()
        },
      }),
    )
    // Binary output as hex, so that equal bytes compare equal.
    const output = Buffer.concat(chunks)
    return { ok: sql.includes('binary') ? output.toString('hex') : output.toString('utf8') }
  } catch (error: unknown) {
    return describeError(error)
  }
}

async function transcript(target: DriverTarget): Promise<[string, unknown][]> {
  const client = new pg.Client(clientConfig(target))
  await client.connect()
  const out: [string, unknown][] = []
  try {
    await client.query(table)
    for (const copy of copyFromCases) {
      out.push([copy.what, await copyIn(client, copy.sql, copy.data ?? '')])
    }
    out.push(['rows after COPY FROM', (await client.query(readBack)).rows])
    for (const copy of copyFromErrors) {
      const outcome =
        copy.data === undefined
          ? await copyOut(client, copy.sql)
          : await copyIn(client, copy.sql, copy.data)
      out.push([copy.what, outcome])
    }
    out.push([
      'rows after the failed COPYs',
      (await client.query('SELECT count(*)::int AS n FROM ct')).rows,
    ])
    for (const copy of copyToCases) out.push([copy.what, await copyOut(client, copy.sql)])
    // The binary output of each server read back by COPY FROM (binary) into a second table.
    await client.query(table.replace('TABLE ct ', 'TABLE ct2 '))
    const binary = await copyOut(client, 'COPY ct TO STDOUT (FORMAT binary)')
    assert.ok('ok' in binary, 'binary COPY TO works')
    out.push([
      'binary round trip',
      await copyIn(client, 'COPY ct2 FROM STDIN (FORMAT binary)', Buffer.from(binary.ok, 'hex')),
    ])
    out.push([
      'rows after the binary round trip',
      (await client.query(readBack.replace('FROM ct', 'FROM ct2'))).rows,
    ])
    // The client gives up in the middle (CopyFail): nothing stored, the connection goes on.
    const failing = client.query(copyFrom('COPY ct (id) FROM STDIN'))
    const gaveUp = new Promise<Outcome>((resolve) => {
      failing.on('error', (error: unknown) => resolve(describeError(error)))
    })
    failing.write('1000\n1001\n')
    failing.destroy(new Error('the client gave up'))
    out.push(['CopyFail', await gaveUp])
    out.push(['after CopyFail', (await client.query('SELECT count(*)::int AS n FROM ct')).rows])
    // An error in the first of many chunks: the rest the client still sends is dropped.
    out.push([
      'error early in a long stream',
      await copyIn(client, 'COPY ct (id) FROM STDIN', `bad\n${'7\n'.repeat(50_000)}`),
    ])
    out.push(['after it', (await client.query('SELECT count(*)::int AS n FROM ct')).rows])
    // A failed COPY inside a transaction block aborts it, as any error.
    await client.query('BEGIN')
    out.push(['COPY error in a block', await copyIn(client, 'COPY ct (id) FROM STDIN', 'bad\n')])
    out.push(['after it', await client.query('SELECT 1').then(() => 'ran', describeError)])
    await client.query('ROLLBACK')
    await client.query('DROP TABLE ct, ct2')
  } finally {
    await client.end()
  }
  return out
}

describe('COPY over pgwire, differential against PostgreSQL', () => {
  let targets: DriverTargets
  before(async () => {
    targets = await openDriverTargets('copy')
  })
  after(async () => {
    await targets.dispose()
  })

  it('stores the same rows, writes the same bytes and reports the same errors', async () => {
    const expected = await transcript(targets.postgres)
    const actual = await transcript(targets.bkg)
    for (let i = 0; i < expected.length; i++) {
      assert.deepEqual(actual[i], expected[i], `step ${i}: ${String(expected[i]?.[0])}`)
    }
    assert.equal(actual.length, expected.length)
  })
})

describe('COPY over pgwire, bkg-db only', () => {
  let server: ServerProcess
  let client: pg.Client
  before(async () => {
    server = await ServerProcess.start()
    client = new pg.Client(server.pgClientConfig())
    await client.connect()
  })
  after(async () => {
    await client.end()
    await server.dispose()
  })

  it('moves 100,000 rows in and out, streaming both ways', async () => {
    await client.query('CREATE TABLE big (id int PRIMARY KEY, label text, at timestamptz)')
    const rows = 100_000
    async function* lines(): AsyncGenerator<string> {
      for (let start = 0; start < rows; start += 1000) {
        let chunk = ''
        for (let id = start; id < start + 1000; id++) {
          chunk += `${id}\tlabel ${id}\t2026-01-01 00:00:${String(id % 60).padStart(2, '0')}+00\n`
        }
        yield chunk
      }
    }
    const copyStream = client.query(copyFrom('COPY big FROM STDIN'))
    await pipeline(Readable.from(lines()), copyStream)
    assert.equal(copyStream.rowCount, rows)
    const summary = await client.query('SELECT count(*)::int AS n, sum(id)::text AS s FROM big')
    assert.deepEqual(summary.rows, [{ n: rows, s: String((rows * (rows - 1)) / 2) }])
    let bytes = 0
    let lineCount = 0
    let chunkCount = 0
    await pipeline(
      client.query(copyTo('COPY big TO STDOUT (FORMAT csv)')),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length
          chunkCount++
          for (const byte of chunk) if (byte === 0x0a) lineCount++
          done()
        },
      }),
    )
    assert.equal(lineCount, rows)
    assert.ok(chunkCount > 10, `the output came in many CopyData messages (${chunkCount})`)
    assert.ok(bytes > rows * 30)
    await client.query('DROP TABLE big')
  })

  it("psql's \\copy reads and writes files on the client side", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bkg-copy-'))
    try {
      const input = join(dir, 'in.csv')
      writeFileSync(input, 'id,name\n1,"one, with comma"\n2,\n')
      const output = join(dir, 'out.txt')
      const result = await runPsql({
        port: server.pgPort,
        password: server.credentials().password,
        script: [
          'CREATE TABLE pc (id int, name text);',
          `\\copy pc FROM '${input}' WITH (FORMAT csv, HEADER)`,
          `\\copy pc TO '${output}'`,
          'SELECT count(*) FROM pc;',
        ].join('\n'),
      })
      assert.equal(result.exitCode, 0, result.stderr)
      assert.match(result.stdout, /COPY 2/)
      assert.equal(readFileSync(output, 'utf8'), '1\tone, with comma\n2\t\\N\n')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
