// Catalog as an immutable value (lookups, 42P01, relation names, versions, OIDs) and its
// persistence: tables stored in one kernel transaction are loaded back by a later one.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError, SqlError } from '../errors/index.js'
import { DurableKernel, MemoryVfs } from '../kernel/index.js'
import { sqlTypes } from '../types/index.js'
import { Catalog, defaultSchema, firstUserOid } from './catalog.js'
import { loadCatalog, removeTable, storeObject, storeTable, tableKey } from './catalog-store.js'
import type { Schema } from './objects.js'
import {
  bypassesRls,
  canSetRole,
  isAdminOf,
  isMemberOf,
  membershipClosure,
  newRole,
  type Role,
} from './roles.js'
import { plainTable, type Table } from './table.js'

function makeTable(
  name: string,
  oid: number,
  options: { schema?: string; hasPrimaryKey?: boolean } = {},
): Table {
  return plainTable({
    oid,
    schema: options.schema ?? defaultSchema,
    name,
    columns: [
      { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
      { name: 'label', number: 2, type: sqlTypes.text, isNotNull: false },
      { name: 'total', number: 3, type: sqlTypes.int8, isNotNull: false },
      { name: 'flag', number: 4, type: sqlTypes.bool, isNotNull: true },
      { name: 'small', number: 5, type: sqlTypes.int2, isNotNull: false },
    ],
    primaryKey:
      (options.hasPrimaryKey ?? true)
        ? { oid: oid + 1, name: `${name}_pkey`, columns: [0] }
        : undefined,
  })
}

const auditSchema: Schema = {
  kind: 'schema',
  oid: 16500,
  name: 'audit',
  owner: 'postgres',
  isBuiltin: false,
}

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

test('an empty catalog has no tables, version 0 and user OIDs starting at 16384', () => {
  const catalog = Catalog.empty()
  assert.equal(firstUserOid, 16384)
  assert.equal(catalog.version, 0)
  assert.equal(catalog.nextOid, 16384)
  assert.deepEqual([...catalog.tables()], [])
  assert.equal(catalog.findTable('public', 'accounts'), undefined)
  assert.equal(catalog.hasRelation('public', 'accounts'), false)
})

test('withTable returns a new catalog; the original is unchanged', () => {
  const empty = Catalog.empty()
  const accounts = makeTable('accounts', empty.nextOid)
  const catalog = empty.withTable(accounts, 2)
  assert.equal(catalog.findTable('public', 'accounts'), accounts)
  assert.equal(catalog.getTable(undefined, 'accounts', undefined), accounts)
  assert.equal(catalog.getTable('public', 'accounts', 1), accounts)
  assert.equal(empty.findTable('public', 'accounts'), undefined)
  assert.deepEqual([...catalog.tables()], [accounts])
  assert.equal(catalog.nextOid, 16386, 'the table and its primary key index use two OIDs')
  assert.equal(empty.nextOid, 16384)
})

test('relation names include the primary key index <table>_pkey', () => {
  const catalog = Catalog.empty()
    .withTable(makeTable('accounts', 16384), 2)
    .withTable(makeTable('events', 16386, { hasPrimaryKey: false }), 1)
  assert.ok(catalog.hasRelation('public', 'accounts'))
  assert.ok(catalog.hasRelation('public', 'accounts_pkey'))
  assert.ok(catalog.hasRelation('public', 'events'))
  assert.ok(!catalog.hasRelation('public', 'events_pkey'), 'no primary key, no index')
  assert.ok(!catalog.hasRelation('other', 'accounts'), 'names are per schema')
  assert.equal(
    catalog.findTable('public', 'accounts_pkey'),
    undefined,
    'an index name is a relation but not a table',
  )
})

test('findTableByOid finds tables by OID, not indexes or dropped tables', () => {
  const accounts = makeTable('accounts', 16384)
  const catalog = Catalog.empty().withTable(accounts, 2)
  assert.equal(catalog.findTableByOid(16384), accounts)
  assert.equal(catalog.findTableByOid(16385), undefined)
  assert.equal(catalog.withoutTable(accounts).findTableByOid(16384), undefined)
})

test('withTable refuses a name already used by a table or an index (InternalError)', () => {
  const catalog = Catalog.empty().withTable(makeTable('accounts', 16384), 2)
  assert.throws(() => catalog.withTable(makeTable('accounts', 16390), 2), InternalError)
  assert.throws(
    () => catalog.withTable(makeTable('accounts_pkey', 16390, { hasPrimaryKey: false }), 1),
    InternalError,
  )
  assert.throws(
    () => catalog.withTable(makeTable('system', 100), 1),
    InternalError,
    'OIDs below 16384 are not user OIDs',
  )
})

test('the same name in another schema is a different relation', () => {
  const catalog = Catalog.empty()
    .withSchema(auditSchema, 0)
    .withTable(makeTable('accounts', 16384), 2)
    .withTable(makeTable('accounts', 16386, { schema: 'audit' }), 2)
  assert.equal(catalog.findTable('public', 'accounts')?.oid, 16384)
  assert.equal(catalog.findTable('audit', 'accounts')?.oid, 16386)
  assert.equal(catalog.getTable('audit', 'accounts', undefined).oid, 16386)
})

test('withoutTable removes the table and its index name; the OID counter does not go back', () => {
  const accounts = makeTable('accounts', 16384)
  const events = makeTable('events', 16386)
  const catalog = Catalog.empty().withTable(accounts, 2).withTable(events, 2)
  const dropped = catalog.withoutTable(accounts)
  assert.equal(dropped.findTable('public', 'accounts'), undefined)
  assert.ok(!dropped.hasRelation('public', 'accounts'))
  assert.ok(!dropped.hasRelation('public', 'accounts_pkey'))
  assert.ok(dropped.hasRelation('public', 'events_pkey'))
  assert.deepEqual([...dropped.tables()], [events])
  assert.equal(dropped.nextOid, 16388, 'OIDs are never reused')
  assert.ok(catalog.hasRelation('public', 'accounts'), 'the earlier version still has it')
  // The name is free again.
  const recreated = dropped.withTable(makeTable('accounts', dropped.nextOid), 2)
  assert.equal(recreated.findTable('public', 'accounts')?.oid, 16388)
})

test('withoutTable asserts that the dropped table is the one in the catalog', () => {
  const catalog = Catalog.empty().withTable(makeTable('accounts', 16384), 2)
  assert.throws(() => catalog.withoutTable(makeTable('accounts', 16384)), InternalError)
  assert.throws(() => catalog.withoutTable(makeTable('missing', 16390)), InternalError)
})

test('versions increase with every change', () => {
  const accounts = makeTable('accounts', 16384)
  const empty = Catalog.empty()
  const created = empty.withTable(accounts, 2)
  const createdTwo = created.withTable(makeTable('events', 16386), 2)
  const dropped = createdTwo.withoutTable(accounts)
  assert.deepEqual(
    [empty, created, createdTwo, dropped].map((c) => c.version),
    [0, 1, 2, 3],
  )
})

test('withNextOid only moves the counter forward', () => {
  const catalog = Catalog.empty().withTable(makeTable('accounts', 16384), 2)
  assert.equal(catalog.withNextOid(17000).nextOid, 17000)
  assert.equal(catalog.withNextOid(17000).version, catalog.version, 'not a schema change')
  assert.throws(() => catalog.withNextOid(16000), InternalError)
  assert.equal(Catalog.empty().withNextOid(20000).nextOid, 20000)
})

test('getTable: 42P01 relation "x" does not exist, with the name as written and the position', () => {
  const catalog = Catalog.empty().withTable(makeTable('accounts', 16384), 2)
  const unqualified = catchSqlError(() => catalog.getTable(undefined, 'acounts', 15))
  assert.equal(unqualified.code, '42P01')
  assert.equal(unqualified.message, 'relation "acounts" does not exist')
  assert.equal(unqualified.position, 15)
  const qualified = catchSqlError(() => catalog.getTable('audit', 'accounts', undefined))
  assert.equal(qualified.code, '42P01')
  assert.equal(qualified.message, 'relation "audit.accounts" does not exist')
  assert.equal(qualified.position, undefined)
  const index = catchSqlError(() => catalog.getTable(undefined, 'accounts_pkey', 1))
  assert.equal(index.code, '42809')
  assert.equal(index.message, '"accounts_pkey" is an index')
})

test('tableKey is the tag 0x01 then the OID as big-endian u32, so tables sort by OID', () => {
  assert.deepEqual([...tableKey(16384)], [0x01, 0x00, 0x00, 0x40, 0x00])
  assert.deepEqual([...tableKey(0xfffffffe)], [0x01, 0xff, 0xff, 0xff, 0xfe])
})

async function openKernel(): Promise<DurableKernel> {
  return DurableKernel.open({ vfs: new MemoryVfs(), cacheBytes: 1 << 20, checkpointIntervalMs: 0 })
}

test('tables stored in a transaction load back after commit, with counters and types', async () => {
  const kernel = await openKernel()
  try {
    const accounts = makeTable('accounts', 16384)
    const events = makeTable('events', 16386, { hasPrimaryKey: false, schema: 'audit' })
    const writer = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    writer.beginStatement()
    storeObject(writer, auditSchema, 16386)
    storeTable(writer, accounts, 16386)
    storeTable(writer, events, 16387)
    await writer.commit()

    const reader = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    reader.beginStatement()
    const loaded = loadCatalog(reader)
    reader.rollback()
    assert.deepEqual(loaded.findTable('public', 'accounts'), accounts)
    assert.deepEqual(loaded.findTable('audit', 'events'), events)
    assert.equal(loaded.findTable('audit', 'events')?.primaryKey, undefined)
    assert.equal(
      loaded.findTable('public', 'accounts')?.columns[2]?.type,
      sqlTypes.int8,
      'types load as the shared type values',
    )
    assert.ok(loaded.hasRelation('public', 'accounts_pkey'))
    assert.equal(loaded.nextOid, 16387)
  } finally {
    await kernel.close()
  }
})

test('an empty store loads the empty catalog; rolled back and removed tables do not load', async () => {
  const kernel = await openKernel()
  try {
    const accounts = makeTable('accounts', 16384)
    const first = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    first.beginStatement()
    const empty = loadCatalog(first)
    assert.deepEqual([...empty.tables()], [])
    assert.equal(empty.nextOid, firstUserOid)
    storeTable(first, accounts, 16386)
    first.rollback()

    const second = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    second.beginStatement()
    assert.deepEqual([...loadCatalog(second).tables()], [], 'the rolled back table never existed')
    storeTable(second, accounts, 16386)
    await second.commit()

    const third = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    third.beginStatement()
    removeTable(third, accounts)
    await third.commit()

    const fourth = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    fourth.beginStatement()
    const loaded = loadCatalog(fourth)
    fourth.rollback()
    assert.equal(loaded.findTable('public', 'accounts'), undefined)
    assert.equal(loaded.nextOid, 16386, 'dropping a table does not give back its OIDs')
  } finally {
    await kernel.close()
  }
})

test('a catalog change is invisible to a snapshot taken before its commit', async () => {
  const kernel = await openKernel()
  try {
    const reader = kernel.begin({ isolation: 'repeatable read', isSynchronousCommit: true })
    reader.beginStatement()
    const writer = kernel.begin({ isolation: 'read committed', isSynchronousCommit: true })
    writer.beginStatement()
    storeTable(writer, makeTable('accounts', 16384), 16386)
    await writer.commit()
    reader.beginStatement()
    assert.equal(loadCatalog(reader).findTable('public', 'accounts'), undefined)
    reader.rollback()
  } finally {
    await kernel.close()
  }
})

test('role membership: INHERIT for privileges, any chain for SET ROLE, admin option', () => {
  const base = Catalog.empty()
  const role = (oid: number, name: string, memberOf: number[], inherit = true): Role =>
    newRole(oid, name, {
      inherit,
      memberOf: memberOf.map((oid) => ({ role: oid, isAdmin: oid === 20002, grantor: 10 })),
    })
  // a → b (NOINHERIT) → c → d; a holds b WITH ADMIN OPTION.
  let catalog = base.withRole(role(20004, 'd', []), 1)
  catalog = catalog.withRole(role(20003, 'c', [20004]), 1)
  catalog = catalog.withRole(role(20002, 'b', [20003], false), 1)
  catalog = catalog.withRole(role(20001, 'a', [20002]), 1)
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => catalog.getRole(name)) as [
    Role,
    Role,
    Role,
    Role,
  ]
  assert.equal(isMemberOf(catalog, a, b), true)
  assert.equal(isMemberOf(catalog, a, c), false, 'b does not inherit c')
  assert.equal(isMemberOf(catalog, b, c), false, 'b itself does not inherit either')
  assert.equal(isMemberOf(catalog, c, d), true)
  assert.equal(canSetRole(catalog, a, d), true, 'SET ROLE follows any chain')
  assert.equal(canSetRole(catalog, d, a), false)
  assert.equal(isAdminOf(catalog, a, b), true, 'a was granted b WITH ADMIN OPTION')
  assert.equal(isAdminOf(catalog, b, c), false)
  assert.equal(isAdminOf(catalog, b, b), false, 'never on itself')
  const postgres = catalog.getRole('postgres')
  assert.equal(isMemberOf(catalog, postgres, d), true, 'a superuser has every role')
  assert.equal(bypassesRls(postgres), true)
  assert.equal(bypassesRls(catalog.getRole('service_role')), true)
  assert.equal(bypassesRls(a), false)
  assert.deepEqual([...membershipClosure(catalog, a)].sort(), [20001, 20002, 20003, 20004])
  assert.throws(() => catalog.getRole('nobody'), { code: '42704' })
  const withoutA = catalog.withoutRole(a)
  assert.equal(withoutA.findRole('a'), undefined)
  assert.equal(withoutA.findRoleByOid(20001), undefined)
  const renamed = catalog.withRole({ ...a, name: 'alpha' }, 0)
  assert.equal(renamed.findRole('a'), undefined)
  assert.equal(renamed.getRole('alpha').oid, 20001)
})
