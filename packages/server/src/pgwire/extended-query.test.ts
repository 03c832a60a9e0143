/**
 * The extended query protocol against the real engine, message by message with a raw client:
 * what each message answers, pipelining up to Sync, row limits and PortalSuspended, the
 * unnamed/named rules and their errors (26000, 34000, 42P05, 42P03), skipping to Sync after an
 * error with the implicit transaction rolled back, binary formats both ways, empty queries,
 * malformed messages, ParameterStatus after SET, DISCARD ALL.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Database } from '@bkg-db/engine'
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
  dataRowValues,
  frontendMessage,
  RawClient,
  type RawMessage,
  reportFields,
  startEngineServer,
} from './test-doubles.test.js'

let database: Database
let server: PgServer

before(async () => {
  ;({ database, server } = await startEngineServer())
})

after(async () => {
  await server.close()
  await database.close()
})

const typesOf = (messages: readonly RawMessage[]): string =>
  messages.map((message) => message.type).join('')

function errorOf(messages: readonly RawMessage[]): [string, string] {
  const error = messages.find((message) => message.type === 'E')
  assert.ok(error !== undefined, `an ErrorResponse in ${typesOf(messages)}`)
  const fields = reportFields(error.body)
  return [fields.get('C') ?? '', fields.get('M') ?? '']
}

const rowsOf = (messages: readonly RawMessage[]): (string | null)[][] =>
  messages.filter((message) => message.type === 'D').map((message) => dataRowValues(message.body))

/** The ReadyForQuery status letter of the last message. */
const statusOf = (messages: readonly RawMessage[]): string =>
  String.fromCharCode(messages.at(-1)?.body[0] ?? 0)

async function withRaw(body: (client: RawClient) => Promise<void>): Promise<void> {
  const client = await RawClient.ready(server.port)
  try {
    await body(client)
  } finally {
    client.socket.destroy()
  }
}

async function round(client: RawClient, ...messages: Buffer[]): Promise<RawMessage[]> {
  client.send(Buffer.concat(messages))
  return client.readUntil('Z')
}

describe('extended query protocol', () => {
  before(async () => {
    await withRaw(async (client) => {
      const setup = await round(
        client,
        query(
          'CREATE TABLE xq (id int PRIMARY KEY, name text); ' +
            "INSERT INTO xq SELECT g, 'n' || g FROM generate_series(1, 5) g",
        ),
      )
      assert.ok(!typesOf(setup).includes('E'), JSON.stringify(setup))
    })
  })

  it('answers Parse, Bind, Describe, Execute and Sync in order, once, at Sync', async () => {
    await withRaw(async (client) => {
      const messages = await round(
        client,
        parse('', 'SELECT id, name FROM xq WHERE id = $1', [0]),
        describeMessage('S', ''),
        bind('', '', ['3']),
        describeMessage('P', ''),
        execute(''),
        sync(),
      )
      assert.equal(typesOf(messages), '1tT2TDCZ')
      const parameterDescription = messages[1]?.body
      assert.deepEqual(
        [parameterDescription?.readInt16BE(0), parameterDescription?.readUInt32BE(2)],
        [1, 23],
        'the inferred int4',
      )
      assert.deepEqual(rowsOf(messages), [['3', 'n3']])
      assert.equal(messages[6]?.body.toString('utf8'), 'SELECT 1\0')
      assert.equal(statusOf(messages), 'I')
    })
  })

  it('stops at the row limit with PortalSuspended and resumes', async () => {
    await withRaw(async (client) => {
      const messages = await round(
        client,
        parse('', 'SELECT id FROM xq ORDER BY id'),
        bind('', ''),
        execute('', 2),
        execute('', 2),
        execute('', 2),
        sync(),
      )
      assert.equal(typesOf(messages), '12DDsDDsDCZ')
      assert.deepEqual(rowsOf(messages), [['1'], ['2'], ['3'], ['4'], ['5']])
      assert.equal(messages.at(-2)?.body.toString('utf8'), 'SELECT 1\0')
    })
  })

  it('keeps named statements across Syncs and closes them; Close of a missing name is fine', async () => {
    await withRaw(async (client) => {
      const first = await round(client, parse('byid', 'SELECT name FROM xq WHERE id = $1'), sync())
      assert.equal(typesOf(first), '1Z')
      const run = await round(client, bind('', 'byid', ['2']), execute(''), sync())
      assert.deepEqual(rowsOf(run), [['n2']])
      const duplicate = await round(client, parse('byid', 'SELECT 1'), sync())
      assert.deepEqual(errorOf(duplicate), ['42P05', 'prepared statement "byid" already exists'])
      const closed = await round(client, close('S', 'byid'), close('S', 'nothing'), sync())
      assert.equal(typesOf(closed), '33Z')
      const missing = await round(client, bind('', 'byid', ['2']), sync())
      assert.deepEqual(errorOf(missing), ['26000', 'prepared statement "byid" does not exist'])
      const unnamed = await round(client, close('S', ''), bind('', ''), sync())
      assert.deepEqual(errorOf(unnamed), ['26000', 'unnamed prepared statement does not exist'])
    })
  })

  it('refuses a second named portal and a missing one', async () => {
    await withRaw(async (client) => {
      await round(client, query('BEGIN'))
      const messages = await round(
        client,
        parse('', 'SELECT id FROM xq ORDER BY id'),
        bind('c1', ''),
        bind('c1', ''),
        sync(),
      )
      assert.deepEqual(errorOf(messages), ['42P03', 'cursor "c1" already exists'])
      assert.equal(statusOf(messages), 'E', 'the error aborted the block')
      await round(client, query('ROLLBACK'))
      const missing = await round(client, execute('nope'), sync())
      assert.deepEqual(errorOf(missing), ['34000', 'portal "nope" does not exist'])
      const describeMissing = await round(client, describeMessage('P', 'nope'), sync())
      assert.deepEqual(errorOf(describeMissing), ['34000', 'portal "nope" does not exist'])
    })
  })

  it('keeps a named portal of a transaction block across Syncs until COMMIT', async () => {
    await withRaw(async (client) => {
      await round(client, query('BEGIN'))
      const opened = await round(
        client,
        parse('', 'SELECT id FROM xq ORDER BY id'),
        bind('cur', ''),
        execute('cur', 3),
        sync(),
      )
      assert.equal(typesOf(opened), '12DDDsZ')
      assert.equal(statusOf(opened), 'T')
      const rest = await round(client, execute('cur', 0), sync())
      assert.deepEqual(rowsOf(rest), [['4'], ['5']])
      await round(client, query('COMMIT'))
      const gone = await round(client, execute('cur', 0), sync())
      assert.deepEqual(errorOf(gone), ['34000', 'portal "cur" does not exist'])
      const reopened = await round(
        client,
        query('BEGIN'),
        parse('ids', 'SELECT id FROM xq ORDER BY id'),
        bind('cur', 'ids'),
        parse('', 'COMMIT'),
        bind('', ''),
        execute(''),
        bind('cur', 'ids'),
        execute('cur', 1),
        close('S', 'ids'),
        sync(),
      )
      assert.equal(typesOf(reopened), 'CZ', 'BEGIN')
      const rest2 = await client.readUntil('Z')
      assert.equal(typesOf(rest2), '1212C2Ds3Z', 'the name is free again once COMMIT ran')
    })
  })

  it('skips to Sync after an error and rolls the implicit transaction back', async () => {
    await withRaw(async (client) => {
      const messages = await round(
        client,
        parse('', 'INSERT INTO xq VALUES ($1, $2)'),
        bind('', '', ['100', 'kept?']),
        execute(''),
        parse('', 'SELECT 1/0'),
        bind('', ''),
        execute(''),
        parse('', 'SELECT 2'),
        bind('', ''),
        execute(''),
        sync(),
      )
      assert.equal(typesOf(messages), '12C12EZ')
      assert.deepEqual(errorOf(messages), ['22012', 'division by zero'])
      const check = await round(client, query('SELECT count(*) FROM xq WHERE id = 100'))
      assert.deepEqual(rowsOf(check), [['0']], 'the INSERT before the error was rolled back')
    })
  })

  it('commits a pipeline of statements at Sync', async () => {
    await withRaw(async (client) => {
      const insert = parse('ins', 'INSERT INTO xq VALUES ($1, $2)')
      const runs = [200, 201, 202].flatMap((id) => [
        bind('', 'ins', [String(id), 'p']),
        execute(''),
      ])
      const messages = await round(client, insert, ...runs, close('S', 'ins'), sync())
      assert.equal(typesOf(messages), '12C2C2C3Z')
      const check = await round(client, query('SELECT count(*) FROM xq WHERE id >= 200'))
      assert.deepEqual(rowsOf(check), [['3']])
      await round(client, query('DELETE FROM xq WHERE id >= 200'))
    })
  })

  it('sends results in binary per column and reads binary parameters', async () => {
    await withRaw(async (client) => {
      const id = Buffer.alloc(4)
      id.writeInt32BE(4, 0)
      const messages = await round(
        client,
        parse('', 'SELECT id, name, $1::int8 AS big FROM xq WHERE id = $2', [20, 23]),
        bind('', '', [Buffer.from('00000000000000ff', 'hex'), id], {
          paramFormats: [1],
          resultFormats: [1, 0, 1],
        }),
        describeMessage('P', ''),
        execute(''),
        sync(),
      )
      assert.equal(typesOf(messages), '12TDCZ')
      const description = messages[2]?.body ?? Buffer.alloc(0)
      assert.equal(description.readInt16BE(description.length - 2), 1, 'big is binary')
      const row = messages[3]?.body ?? Buffer.alloc(0)
      assert.equal(
        row.toString('hex'),
        '0003' + '00000004' + '00000004' + '00000002' + '6e34' + '00000008' + '00000000000000ff',
      )
    })
  })

  it('reports bad binary input as 22P03 (too short: 08P01), a bad format code as 22023', async () => {
    await withRaw(async (client) => {
      const bad = await round(
        client,
        parse('', 'SELECT $1::int4'),
        bind('', '', [Buffer.from([0, 0, 0, 1, 2])], { paramFormats: [1] }),
        sync(),
      )
      assert.deepEqual(errorOf(bad), ['22P03', 'incorrect binary data format in bind parameter 1'])
      const short = await round(
        client,
        bind('', '', [Buffer.from([1, 2])], { paramFormats: [1] }),
        sync(),
      )
      assert.deepEqual(errorOf(short), ['08P01', 'insufficient data left in message'])
      const count = await round(
        client,
        parse('', 'SELECT $1::int4 + 1 AS n'),
        bind('', '', ['41'], { resultFormats: [2] }),
        sync(),
      )
      assert.deepEqual(errorOf(count), ['22023', 'unsupported format code: 2'])
    })
  })

  it('answers an empty query with NoData and EmptyQueryResponse', async () => {
    await withRaw(async (client) => {
      const messages = await round(
        client,
        parse('', ''),
        bind('', ''),
        describeMessage('P', ''),
        execute(''),
        sync(),
      )
      assert.equal(typesOf(messages), '12nIZ')
    })
  })

  it('describes a statement without rows as NoData', async () => {
    await withRaw(async (client) => {
      const messages = await round(
        client,
        parse('', 'UPDATE xq SET name = $2 WHERE id = $1'),
        describeMessage('S', ''),
        sync(),
      )
      assert.equal(typesOf(messages), '1tnZ')
      const parameters = messages[1]?.body ?? Buffer.alloc(0)
      assert.deepEqual([parameters.readUInt32BE(2), parameters.readUInt32BE(6)], [23, 25])
    })
  })

  it('answers Flush with what is queued, before any Sync', async () => {
    await withRaw(async (client) => {
      client.send(Buffer.concat([parse('', 'SELECT 7'), frontendMessage('H')]))
      assert.equal((await client.next())?.type, '1')
      client.send(Buffer.concat([bind('', ''), execute(''), sync()]))
      assert.equal(typesOf(await client.readUntil('Z')), '2DCZ')
    })
  })

  it('reports a malformed extended message as 08P01 and carries on after Sync', async () => {
    await withRaw(async (client) => {
      const messages = await round(
        client,
        frontendMessage('E', cstring('no row limit')),
        execute(''),
        sync(),
        query('SELECT 1'),
      )
      assert.deepEqual(errorOf(messages), ['08P01', 'insufficient data left in message'])
      assert.equal(typesOf(messages), 'EZ')
      assert.equal(typesOf(await client.readUntil('Z')), 'TDCZ')
    })
  })

  it('drops the unnamed statement at a simple Query', async () => {
    await withRaw(async (client) => {
      const messages = await round(client, parse('', 'SELECT 1'), query('SELECT 2'))
      assert.equal(typesOf(messages), '1TDCZ')
      const after = await round(client, bind('', ''), sync())
      assert.deepEqual(errorOf(after), ['26000', 'unnamed prepared statement does not exist'])
    })
  })

  it('re-sends ParameterStatus when SET changes a reported setting', async () => {
    await withRaw(async (client) => {
      const set = await round(client, query("SET TimeZone = 'Europe/Paris'"))
      assert.equal(typesOf(set), 'CSZ')
      assert.equal(set[1]?.body.toString('utf8'), 'TimeZone\0Europe/Paris\0')
      const same = await round(client, query("SET TimeZone = 'Europe/Paris'"))
      assert.equal(typesOf(same), 'CZ', 'not re-sent when unchanged')
      const rolledBack = await round(client, query("BEGIN; SET application_name = 'x'; ROLLBACK"))
      assert.equal(typesOf(rolledBack), 'CCCZ', 'a SET undone before ReadyForQuery is not sent')
      const extended = await round(
        client,
        parse('', 'SET application_name = "app"'),
        bind('', ''),
        execute(''),
        sync(),
      )
      assert.equal(typesOf(extended), '12CSZ')
      assert.equal(extended[3]?.body.toString('utf8'), 'application_name\0app\0')
      const discard = await round(client, query('DISCARD ALL'))
      assert.equal(typesOf(discard), 'CSSZ', 'DISCARD ALL resets both')
    })
  })

  it('closes prepared statements on DISCARD ALL and DEALLOCATE ALL', async () => {
    await withRaw(async (client) => {
      await round(client, parse('a', 'SELECT 1'), parse('b', 'SELECT 2'), sync())
      const deallocate = await round(client, query('DEALLOCATE ALL'))
      assert.equal(deallocate[0]?.body.toString('utf8'), 'DEALLOCATE ALL\0')
      assert.equal(errorOf(await round(client, bind('', 'a'), sync()))[0], '26000')
      await round(client, parse('a', 'SELECT 1'), parse('empty', ''), sync())
      const discard = await round(client, query('DISCARD ALL'))
      assert.equal(discard[0]?.body.toString('utf8'), 'DISCARD ALL\0')
      assert.equal(errorOf(await round(client, bind('', 'a'), sync()))[0], '26000')
      assert.equal(errorOf(await round(client, bind('', 'empty'), sync()))[0], '26000')
      const inBlock = await round(client, query('BEGIN; DISCARD ALL'))
      assert.deepEqual(errorOf(inBlock), [
        '25001',
        'DISCARD ALL cannot run inside a transaction block',
      ])
      await round(client, query('ROLLBACK'))
    })
  })

  it('runs COPY FROM STDIN and COPY TO STDOUT through Execute, then skips to Sync after a COPY error', async () => {
    await withRaw(async (client) => {
      await round(client, query('CREATE TABLE xc (id int, name text)'))
      client.send(
        Buffer.concat([parse('', 'COPY xc FROM STDIN', []), bind('', '', []), execute('')]),
      )
      const started = await client.readUntil('G')
      assert.equal(typesOf(started), '12G', 'ParseComplete, BindComplete, CopyInResponse')
      const done = await round(
        client,
        frontendMessage('d', Buffer.from('1\tone\n2\t')),
        frontendMessage('d', Buffer.from('two\n')),
        frontendMessage('c'),
        sync(),
      )
      assert.equal(typesOf(done), 'CZ')
      assert.equal(done[0]?.body.toString('utf8'), 'COPY 2\0')
      const out = await round(
        client,
        parse('', 'COPY xc TO STDOUT (FORMAT csv)', []),
        bind('', '', []),
        execute(''),
        sync(),
      )
      assert.equal(typesOf(out), '12HdcCZ')
      assert.equal(out[3]?.body.toString('utf8'), '1,one\n2,two\n')
      // A bad row: the error, then everything up to Sync is skipped (the rest of the data too).
      client.send(
        Buffer.concat([parse('', 'COPY xc FROM STDIN', []), bind('', '', []), execute('')]),
      )
      await client.readUntil('G')
      const failed = await round(
        client,
        frontendMessage('d', Buffer.from('x\tbad\n')),
        frontendMessage('d', Buffer.from('3\tthree\n')),
        frontendMessage('c'),
        sync(),
      )
      assert.equal(typesOf(failed), 'EZ')
      assert.deepEqual(errorOf(failed), ['22P02', 'invalid input syntax for type integer: "x"'])
      assert.equal(
        reportFields(failed[0]?.body ?? Buffer.alloc(0)).get('W'),
        'COPY xc, line 1, column id: "x"',
      )
      const count = await round(client, query('SELECT count(*) FROM xc; DROP TABLE xc'))
      assert.deepEqual(rowsOf(count), [['2']])
    })
  })
})
