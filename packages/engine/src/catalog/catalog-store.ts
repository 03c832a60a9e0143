/**
 * Catalog persistence: object definitions live in the kernel beside the rows, written in the
 * same transaction as the DDL that changes them, so DDL is transactional and survives restart.
 *
 * Keys:
 *   0x01 u32 OID  → one object's definition (JSON, UTF-8): a table (with its columns, primary
 *                   key, indexes and constraints), a view, a sequence's definition, or a
 *                   user-created schema, a function (CREATE FUNCTION), or a user-defined type (an enum: its members' labels,
 *                   OIDs and sort keys in hex); `kind` says which (absent: a table, as catalogs
 *                   written before views existed). Types are named by pg_type OID and atttypmod
 *                   (typeOid, typmod), user types' OIDs included, so ALTER TYPE rewrites no
 *                   table definition; catalogs written before types had OIDs name the kind
 *                   (type). 64-bit integers are decimal strings. Loading reads schemas, then
 *                   types, then relations (whose columns name the types).
 *   0x02          → catalog counters (JSON: { "nextOid": n })
 *   (0x03 is sequence state: access/sequence-state.ts)
 *   0x04          → present once the roles are stored (as 0x01 entries of kind `role`, by
 *                   role OID; built-in roles have OIDs below 16384, which no other object has)
 *   0x05          → every stored ACL (JSON: [[object key, [[grantee, grantor, privileges, grant
 *                   options], ...]], ...], acl.ts / privileges.ts); absent in data directories
 *                   from before privileges, which get PostgreSQL's and Supabase's grants at open
 * Relations, types and sequences name their owner role (absent in older entries: postgres).
 * Concurrent DDL writes the counters key, so the kernel orders it like any write conflict.
 */
import { InternalError } from '../errors/index.js'
import type { KernelTransaction } from '../kernel/index.js'
import type { Node, SelectStmt } from '../sql/parse/index.js'
import { enumType, type SqlType, type SqlTypeKind, sqlTypes, withTypmod } from '../types/index.js'
import type { Acl } from './acl.js'
import { Catalog } from './catalog.js'
import type {
  FunctionBody,
  Relation,
  Schema,
  Sequence,
  SqlFunction,
  UserType,
  View,
} from './objects.js'
import type { Policy, RowSecurityFlags } from './policies.js'
import type { Role } from './roles.js'
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Index,
  StoredExpression,
  Table,
} from './table.js'

const objectTag = 0x01
const countersKey = new Uint8Array([0x02])
const rolesStoredKey = new Uint8Array([0x04])
const aclsKey = new Uint8Array([0x05])
/** Owner of objects stored before owners were recorded. */
const bootstrapRoleName = 'postgres'
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/** The kernel key of an object's definition (DML share-locks a table's, so DROP TABLE waits). */
export function tableKey(oid: number): Uint8Array {
  const key = new Uint8Array(5)
  key[0] = objectTag
  new DataView(key.buffer).setUint32(1, oid)
  return key
}

interface StoredType {
  /** Version 1 catalogs: the type's kind (bool, int2, int4, int8, text). */
  type?: SqlTypeKind
  /** pg_type OID and atttypmod. */
  typeOid?: number
  typmod?: number
}

interface StoredColumn extends StoredType {
  name: string
  number: number
  isNotNull: boolean
  default?: StoredExpression
  generated?: StoredExpression
  identity?: { kind: 'always' | 'by default'; sequence: number }
  comment?: string
}

interface StoredTable {
  kind?: 'table'
  oid: number
  schema: string
  name: string
  /** Absent in entries written before owners were recorded: postgres. */
  owner?: string
  columns: StoredColumn[]
  primaryKey: { oid?: number; name: string; columns: number[]; comment?: string } | null
  indexes?: Index[]
  checks?: CheckConstraint[]
  foreignKeys?: ForeignKey[]
  comment?: string
  rowSecurity?: RowSecurityFlags
  policies?: Policy[]
}

interface StoredView {
  kind: 'view'
  oid: number
  schema: string
  name: string
  owner?: string
  columns: (StoredType & { name: string; comment?: string })[]
  query: { node: SelectStmt; text: string }
  checkOption: View['checkOption']
  securityInvoker: boolean
  securityBarrier: boolean
  dependsOn: number[]
  comment?: string
}

interface StoredSequence extends StoredType {
  kind: 'sequence'
  oid: number
  schema: string
  name: string
  owner?: string
  start: string
  increment: string
  min: string
  max: string
  cache: string
  cycle: boolean
  ownedBy: { table: number; column: number } | null
  /** Absent in entries written before sequence state existed: epoch 0.0, START not called. */
  epoch?: { transaction: number; step: number }
  initial?: { value: string; isCalled: boolean }
  comment?: string
}

interface StoredSchema {
  kind: 'schema'
  oid: number
  name: string
  owner: string
  comment?: string
}

interface StoredFunction {
  kind: 'function'
  oid: number
  schema: string
  name: string
  owner: string
  parameters: (StoredType & {
    name: string | null
    isVariadic: boolean
    default: StoredExpression | null
  })[]
  returns: StoredType & {
    isSet: boolean
    columns: (StoredType & { name: string })[] | null
  }
  volatility: SqlFunction['volatility']
  isStrict: boolean
  isSecurityDefiner: boolean
  parallel: SqlFunction['parallel']
  cost: number
  rows: number
  settings: { name: string; value: string }[]
  body: FunctionBody
  comment?: string
}

interface StoredUserType {
  kind: 'type'
  oid: number
  schema: string
  name: string
  owner?: string
  arrayOid: number
  /** Enum members in sort order; sortKey in hex. */
  members: { label: string; oid: number; sortKey: string }[]
  comment?: string
}

interface StoredRole {
  kind: 'role'
  oid: number
  name: string
  isSuperuser: boolean
  inherit: boolean
  canCreateRole: boolean
  canCreateDb: boolean
  canLogin: boolean
  isReplication: boolean
  bypassRls: boolean
  connectionLimit: number
  validUntil: string | null
  password: string | null
  memberOf: { role: number; isAdmin: boolean; grantor: number }[]
  comment?: string
}

type StoredObject =
  | StoredRole
  | StoredTable
  | StoredView
  | StoredSequence
  | StoredSchema
  | StoredFunction
  | StoredUserType

/** What stored definitions can be: everything the catalog keeps by OID. */
export type CatalogObject = Relation | Schema | SqlFunction | UserType | Role

/** Finds a type by OID while loading (built-in or user-defined). */
type TypeResolver = (oid: number) => SqlType | undefined

function storedType(type: SqlType): StoredType {
  return { typeOid: type.oid, typmod: type.typmod }
}

function encodeObject(object: CatalogObject): StoredObject {
  switch (object.kind) {
    case 'type':
      return {
        kind: 'type',
        oid: object.oid,
        schema: object.schema,
        name: object.name,
        owner: object.owner,
        arrayOid: object.type.arrayOid,
        members: (object.type.enumMembers ?? []).map((m) => ({
          label: m.label,
          oid: m.oid,
          sortKey: Buffer.from(m.sortKey).toString('hex'),
        })),
        ...commentOf(object),
      }
    case 'table':
      return encodeTable(object)
    case 'view':
      return {
        kind: 'view',
        oid: object.oid,
        schema: object.schema,
        name: object.name,
        owner: object.owner,
        columns: object.columns.map((c) => ({
          name: c.name,
          ...storedType(c.type),
          ...commentOf(c),
        })),
        query: { node: object.query.node, text: object.query.text },
        checkOption: object.checkOption,
        securityInvoker: object.securityInvoker,
        securityBarrier: object.securityBarrier,
        dependsOn: [...object.dependsOn],
        ...(object.comment === undefined ? {} : { comment: object.comment }),
      }
    case 'sequence':
      return {
        kind: 'sequence',
        oid: object.oid,
        schema: object.schema,
        name: object.name,
        owner: object.owner,
        ...storedType(object.type),
        start: String(object.start),
        increment: String(object.increment),
        min: String(object.min),
        max: String(object.max),
        cache: String(object.cache),
        cycle: object.cycle,
        ownedBy: object.ownedBy === undefined ? null : { ...object.ownedBy },
        epoch: { ...object.epoch },
        initial: { value: String(object.initial.value), isCalled: object.initial.isCalled },
        ...commentOf(object),
      }
    case 'schema':
      return {
        kind: 'schema',
        oid: object.oid,
        name: object.name,
        owner: object.owner,
        ...commentOf(object),
      }
    case 'function':
      return encodeFunction(object)
    case 'role':
      return {
        kind: 'role',
        oid: object.oid,
        name: object.name,
        isSuperuser: object.isSuperuser,
        inherit: object.inherit,
        canCreateRole: object.canCreateRole,
        canCreateDb: object.canCreateDb,
        canLogin: object.canLogin,
        isReplication: object.isReplication,
        bypassRls: object.bypassRls,
        connectionLimit: object.connectionLimit,
        validUntil: object.validUntil ?? null,
        password: object.password ?? null,
        memberOf: object.memberOf.map((m) => ({ ...m })),
        ...commentOf(object),
      }
  }
}

function decodeRole(stored: StoredRole): Role {
  return {
    ...stored,
    validUntil: stored.validUntil ?? undefined,
    password: stored.password ?? undefined,
  }
}

function encodeFunction(fn: SqlFunction): StoredFunction {
  return {
    kind: 'function',
    oid: fn.oid,
    schema: fn.schema,
    name: fn.name,
    owner: fn.owner,
    parameters: fn.parameters.map((p) => ({
      name: p.name ?? null,
      ...storedType(p.type),
      isVariadic: p.isVariadic,
      default: p.default ?? null,
    })),
    returns: {
      ...storedType(fn.returns.type),
      isSet: fn.returns.isSet,
      columns: fn.returns.columns?.map((c) => ({ name: c.name, ...storedType(c.type) })) ?? null,
    },
    volatility: fn.volatility,
    isStrict: fn.isStrict,
    isSecurityDefiner: fn.isSecurityDefiner,
    parallel: fn.parallel,
    cost: fn.cost,
    rows: fn.rows,
    settings: fn.settings.map((s) => ({ ...s })),
    body: fn.body,
    ...commentOf(fn),
  }
}

function decodeFunction(
  stored: StoredFunction,
  decodeType: (s: StoredType) => SqlType,
): SqlFunction {
  return {
    kind: 'function',
    oid: stored.oid,
    schema: stored.schema,
    name: stored.name,
    owner: stored.owner,
    parameters: stored.parameters.map((p) => ({
      name: p.name ?? undefined,
      type: decodeType(p),
      isVariadic: p.isVariadic,
      default: p.default ?? undefined,
    })),
    returns: {
      type: decodeType(stored.returns),
      isSet: stored.returns.isSet,
      columns:
        stored.returns.columns?.map((c) => ({ name: c.name, type: decodeType(c) })) ?? undefined,
    },
    volatility: stored.volatility,
    isStrict: stored.isStrict,
    isSecurityDefiner: stored.isSecurityDefiner,
    parallel: stored.parallel,
    cost: stored.cost,
    rows: stored.rows,
    settings: stored.settings,
    body: stored.body,
    ...commentOf(stored),
  }
}

function encodeTable(table: Table): StoredTable {
  return {
    kind: 'table',
    oid: table.oid,
    schema: table.schema,
    name: table.name,
    owner: table.owner,
    columns: table.columns.map((c) => ({
      name: c.name,
      number: c.number,
      ...storedType(c.type),
      isNotNull: c.isNotNull,
      ...(c.default === undefined ? {} : { default: c.default }),
      ...(c.generated === undefined ? {} : { generated: c.generated }),
      ...(c.identity === undefined ? {} : { identity: { ...c.identity } }),
      ...commentOf(c),
    })),
    primaryKey:
      table.primaryKey === undefined
        ? null
        : {
            oid: table.primaryKey.oid,
            name: table.primaryKey.name,
            columns: [...table.primaryKey.columns],
            ...commentOf(table.primaryKey),
          },
    indexes: [...table.indexes],
    checks: [...table.checks],
    foreignKeys: [...table.foreignKeys],
    ...(table.comment === undefined ? {} : { comment: table.comment }),
    ...(table.rowSecurity === undefined ? {} : { rowSecurity: { ...table.rowSecurity } }),
    ...(table.policies === undefined || table.policies.length === 0
      ? {}
      : { policies: [...table.policies] }),
  }
}

/** A comment as stored: absent when there is none (entries written before comments existed
 * read back the same). */
function commentOf(object: { readonly comment?: string | undefined }): { comment?: string } {
  return object.comment === undefined ? {} : { comment: object.comment }
}

function parseObject(bytes: Uint8Array): StoredObject {
  const stored = JSON.parse(textDecoder.decode(bytes)) as StoredObject
  if (typeof stored !== 'object' || stored === null || typeof stored.oid !== 'number') {
    throw new InternalError('catalog entry is not an object definition')
  }
  return stored
}

function decodeUserType(stored: StoredUserType): UserType {
  const type = enumType({
    oid: stored.oid,
    arrayOid: stored.arrayOid,
    schema: stored.schema,
    name: stored.name,
    members: stored.members.map((m) => ({
      label: m.label,
      oid: m.oid,
      sortKey: Uint8Array.from(Buffer.from(m.sortKey, 'hex')),
    })),
  })
  return {
    kind: 'type',
    oid: stored.oid,
    schema: stored.schema,
    name: stored.name,
    owner: stored.owner ?? bootstrapRoleName,
    type,
    ...commentOf(stored),
  }
}

function decodeObject(stored: StoredObject, resolve: TypeResolver): CatalogObject {
  const decodeType = (s: StoredType): SqlType => decodeStoredType(s, resolve)
  switch (stored.kind) {
    case 'type':
      return decodeUserType(stored)
    case undefined:
    case 'table':
      return decodeTable(stored, decodeType)
    case 'view':
      return {
        kind: 'view',
        oid: stored.oid,
        schema: stored.schema,
        name: stored.name,
        owner: stored.owner ?? bootstrapRoleName,
        columns: stored.columns.map((c) => ({
          name: c.name,
          type: decodeType(c),
          ...commentOf(c),
        })),
        query: stored.query,
        checkOption: stored.checkOption,
        securityInvoker: stored.securityInvoker,
        securityBarrier: stored.securityBarrier,
        dependsOn: stored.dependsOn,
        ...(stored.comment === undefined ? {} : { comment: stored.comment }),
      }
    case 'sequence': {
      const sequence: Sequence = {
        kind: 'sequence',
        oid: stored.oid,
        schema: stored.schema,
        name: stored.name,
        owner: stored.owner ?? bootstrapRoleName,
        type: decodeType(stored),
        start: BigInt(stored.start),
        increment: BigInt(stored.increment),
        min: BigInt(stored.min),
        max: BigInt(stored.max),
        cache: BigInt(stored.cache),
        cycle: stored.cycle,
        ownedBy: stored.ownedBy ?? undefined,
        epoch: stored.epoch ?? { transaction: 0, step: 0 },
        initial:
          stored.initial === undefined
            ? { value: BigInt(stored.start), isCalled: false }
            : { value: BigInt(stored.initial.value), isCalled: stored.initial.isCalled },
        ...commentOf(stored),
      }
      return sequence
    }
    case 'schema':
      return {
        kind: 'schema',
        oid: stored.oid,
        name: stored.name,
        owner: stored.owner,
        isBuiltin: false,
        ...commentOf(stored),
      }
    case 'function':
      return decodeFunction(stored, decodeType)
    case 'role':
      return decodeRole(stored)
    default:
      throw new InternalError('catalog entry has an unknown kind')
  }
}

function decodeTable(stored: StoredTable, decodeType: (s: StoredType) => SqlType): Table {
  if (!Array.isArray(stored.columns)) {
    throw new InternalError('catalog entry is not a table definition')
  }
  const primaryKey = stored.primaryKey
  return {
    kind: 'table',
    oid: stored.oid,
    schema: stored.schema,
    name: stored.name,
    owner: stored.owner ?? bootstrapRoleName,
    columns: stored.columns.map(
      (c): Column => ({
        name: c.name,
        number: c.number,
        type: decodeType(c),
        isNotNull: c.isNotNull,
        ...(c.default === undefined ? {} : { default: c.default }),
        ...(c.generated === undefined ? {} : { generated: c.generated }),
        ...(c.identity === undefined ? {} : { identity: c.identity }),
        ...commentOf(c),
      }),
    ),
    // Tables stored before primary keys had OIDs got the OID after the table's.
    primaryKey:
      primaryKey === null
        ? undefined
        : {
            oid: primaryKey.oid ?? stored.oid + 1,
            name: primaryKey.name,
            columns: primaryKey.columns,
            ...commentOf(primaryKey),
          },
    indexes: stored.indexes ?? [],
    checks: stored.checks ?? [],
    foreignKeys: stored.foreignKeys ?? [],
    ...(stored.comment === undefined ? {} : { comment: stored.comment }),
    ...(stored.rowSecurity === undefined ? {} : { rowSecurity: stored.rowSecurity }),
    ...(stored.policies === undefined ? {} : { policies: stored.policies }),
  }
}

function decodeStoredType(stored: StoredType, resolve: TypeResolver): SqlType {
  if (stored.typeOid !== undefined) {
    const base = resolve(stored.typeOid)
    if (base === undefined) throw new InternalError(`catalog names unknown type ${stored.typeOid}`)
    return withTypmod(base, stored.typmod ?? -1)
  }
  const kind = stored.type
  if (kind !== undefined && Object.hasOwn(sqlTypes, kind)) {
    return sqlTypes[kind as keyof typeof sqlTypes]
  }
  throw new InternalError(`catalog names unknown type ${String(kind)}`)
}

/** Writes an object's definition (new or changed) and the OID counter. */
export function storeObject(
  transaction: KernelTransaction,
  object: CatalogObject,
  nextOid: number,
): void {
  transaction.put(tableKey(object.oid), textEncoder.encode(JSON.stringify(encodeObject(object))))
  transaction.put(countersKey, textEncoder.encode(JSON.stringify({ nextOid })))
}

export function removeObject(transaction: KernelTransaction, object: CatalogObject): void {
  transaction.delete(tableKey(object.oid))
}

export function storeTable(transaction: KernelTransaction, table: Table, nextOid: number): void {
  storeObject(transaction, table, nextOid)
}

export function removeTable(transaction: KernelTransaction, table: Table): void {
  removeObject(transaction, table)
}

/** The committed catalog, as the transaction's snapshot sees it. */
export function loadCatalog(transaction: KernelTransaction): Catalog {
  let catalog = Catalog.empty()
  const counters = transaction.get(countersKey)
  const nextOid =
    counters === undefined
      ? catalog.nextOid
      : (JSON.parse(textDecoder.decode(counters)) as { nextOid: number }).nextOid
  const range = {
    lower: { key: new Uint8Array([objectTag]), inclusive: true },
    upper: { key: new Uint8Array([objectTag + 1]), inclusive: false },
  }
  // Schemas first (every object's schema must exist when it is added), then types (relations'
  // columns name them).
  const stored: StoredObject[] = []
  for (const entry of transaction.scan(range, 'forward')) stored.push(parseObject(entry.value))
  const noTypes: TypeResolver = () => undefined
  for (const object of stored) {
    if (object.kind !== 'schema') continue
    const schema = decodeObject(object, noTypes) as Schema
    // A built-in schema is stored only to carry its comment.
    const builtin = catalog.findSchema(schema.name)
    if (builtin?.isBuiltin === true) {
      catalog = catalog.replacingSchema(builtin, { ...builtin, ...commentOf(schema) })
      continue
    }
    catalog = catalog.withSchema(schema, 0)
  }
  for (const object of stored) {
    if (object.kind === 'type') catalog = catalog.withType(decodeUserType(object), 0)
  }
  const types = catalog
  const resolve: TypeResolver = (oid) => types.sqlTypeByOid(oid)
  // Roles as stored once the database has stored them (rolesStoredKey), else the built-ins.
  if (transaction.get(rolesStoredKey) !== undefined) {
    const roles: Role[] = []
    for (const object of stored) if (object.kind === 'role') roles.push(decodeRole(object))
    catalog = catalog.withRolesLoaded(roles)
  }
  for (const object of stored) {
    const kind = object.kind
    if (kind === 'schema' || kind === 'type' || kind === 'function' || kind === 'role') continue
    catalog = catalog.withRelation(decodeObject(object, resolve) as Relation, 0)
  }
  // Functions last: their parameter and result types may be user types.
  for (const object of stored) {
    if (object.kind === 'function')
      catalog = catalog.withFunction(
        decodeFunction(object, (t) => decodeStoredType(t, resolve)),
        0,
      )
  }
  const acls = transaction.get(aclsKey)
  if (acls !== undefined) catalog = catalog.withAclsLoaded(decodeAcls(acls))
  return catalog.withNextOid(nextOid)
}

type StoredAcls = [string, [number, number, number, number][]][]

function decodeAcls(bytes: Uint8Array): Map<string, Acl> {
  const stored = JSON.parse(textDecoder.decode(bytes)) as StoredAcls
  return new Map(
    stored.map(([key, items]) => [
      key,
      items.map(([grantee, grantor, privileges, grantOptions]) => ({
        grantee,
        grantor,
        privileges,
        grantOptions,
      })),
    ]),
  )
}

/** Stores the catalog's ACLs (all of them: GRANT is rare, and one key keeps them consistent). */
export function storeAcls(transaction: KernelTransaction, catalog: Catalog): void {
  const stored: StoredAcls = [...catalog.acls].map(([key, acl]) => [
    key,
    acl.map((item) => [item.grantee, item.grantor, item.privileges, item.grantOptions]),
  ])
  transaction.put(aclsKey, textEncoder.encode(JSON.stringify(stored)))
}

/** Whether ACLs were ever stored (false: a new data directory or one from before privileges). */
export function areAclsStored(transaction: KernelTransaction): boolean {
  return transaction.get(aclsKey) !== undefined
}

/**
 * Stores the catalog's roles (the built-ins, in a new data directory or one written before
 * roles existed) unless roles are stored already; from then on the stored roles are the truth,
 * so a dropped built-in stays dropped. Returns whether it wrote anything.
 */
export function storeRolesIfMissing(transaction: KernelTransaction, catalog: Catalog): boolean {
  if (transaction.get(rolesStoredKey) !== undefined) return false
  for (const role of catalog.roles()) {
    transaction.put(tableKey(role.oid), textEncoder.encode(JSON.stringify(encodeObject(role))))
  }
  transaction.put(rolesStoredKey, textEncoder.encode('1'))
  return true
}

/** Strips parser locations from an AST so it can be stored and bound anew (positions in
 * errors about stored expressions would point into a statement that is gone). */
export function withoutLocations<T extends Node | SelectStmt>(node: T): T {
  return JSON.parse(
    JSON.stringify(node, (key, value: unknown) =>
      key === 'location' || key === 'stmt_location' || key === 'stmt_len' ? undefined : value,
    ),
  ) as T
}
