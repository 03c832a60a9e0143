/**
 * Catalog persistence: table definitions live in the kernel beside the rows, written in the
 * same transaction as the DDL that changes them, so DDL is transactional and survives restart.
 *
 * Keys (version 1):
 *   0x01 u32 table OID        → table definition (JSON, UTF-8; see encodeTable). Columns name
 *                               their type by pg_type OID and atttypmod (typeOid, typmod);
 *                               catalogs written before types had OIDs name the kind (type).
 *   0x02                      → catalog counters (JSON: { "nextOid": n })
 * Concurrent DDL writes the counters key, so the kernel orders it like any write conflict.
 */
import { InternalError } from '../errors/index.js'
import type { KernelTransaction } from '../kernel/index.js'
import {
  findTypeByOid,
  type SqlType,
  type SqlTypeKind,
  sqlTypes,
  withTypmod,
} from '../types/index.js'
import { Catalog } from './catalog.js'
import type { Table } from './table.js'

const tableTag = 0x01
const countersKey = new Uint8Array([0x02])
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/** The kernel key of a table's definition (DML share-locks it, so DROP TABLE waits). */
export function tableKey(oid: number): Uint8Array {
  const key = new Uint8Array(5)
  key[0] = tableTag
  new DataView(key.buffer).setUint32(1, oid)
  return key
}

interface StoredTable {
  readonly oid: number
  readonly schema: string
  readonly name: string
  readonly columns: readonly {
    name: string
    number: number
    /** Version 1 catalogs: the type's kind (bool, int2, int4, int8, text). */
    type?: SqlTypeKind
    /** pg_type OID and atttypmod. */
    typeOid?: number
    typmod?: number
    isNotNull: boolean
  }[]
  readonly primaryKey: { name: string; columns: number[] } | null
}

function encodeTable(table: Table): Uint8Array {
  const stored: StoredTable = {
    oid: table.oid,
    schema: table.schema,
    name: table.name,
    columns: table.columns.map((c) => ({
      name: c.name,
      number: c.number,
      typeOid: c.type.oid,
      typmod: c.type.typmod,
      isNotNull: c.isNotNull,
    })),
    primaryKey:
      table.primaryKey === undefined
        ? null
        : { name: table.primaryKey.name, columns: [...table.primaryKey.columns] },
  }
  return textEncoder.encode(JSON.stringify(stored))
}

function decodeTable(bytes: Uint8Array): Table {
  const stored = JSON.parse(textDecoder.decode(bytes)) as StoredTable
  if (typeof stored.oid !== 'number' || !Array.isArray(stored.columns)) {
    throw new InternalError('catalog entry is not a table definition')
  }
  return {
    oid: stored.oid,
    schema: stored.schema,
    name: stored.name,
    columns: stored.columns.map((c) => {
      const type = storedType(c)
      if (type === undefined)
        throw new InternalError(`catalog names unknown type ${String(c.typeOid ?? c.type)}`)
      return { name: c.name, number: c.number, type, isNotNull: c.isNotNull }
    }),
    primaryKey: stored.primaryKey ?? undefined,
  }
}

function storedType(column: StoredTable['columns'][number]): SqlType | undefined {
  if (column.typeOid !== undefined) {
    const base = findTypeByOid(column.typeOid)
    return base === undefined ? undefined : withTypmod(base, column.typmod ?? -1)
  }
  const kind = column.type
  return kind !== undefined && Object.hasOwn(sqlTypes, kind)
    ? sqlTypes[kind as keyof typeof sqlTypes]
    : undefined
}

export function storeTable(transaction: KernelTransaction, table: Table, nextOid: number): void {
  transaction.put(tableKey(table.oid), encodeTable(table))
  transaction.put(countersKey, textEncoder.encode(JSON.stringify({ nextOid })))
}

export function removeTable(transaction: KernelTransaction, table: Table): void {
  transaction.delete(tableKey(table.oid))
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
    lower: { key: new Uint8Array([tableTag]), inclusive: true },
    upper: { key: new Uint8Array([tableTag + 1]), inclusive: false },
  }
  for (const entry of transaction.scan(range, 'forward')) {
    const table = decodeTable(entry.value)
    catalog = catalog.withTable(table, 0)
  }
  return catalog.withNextOid(nextOid)
}
