/**
 * pg_namespace, pg_class, and the relations about table hierarchies bkg-db does not have
 * (pg_inherits, pg_partitioned_table: always empty, correctly typed).
 */
import type { Catalog } from '../catalog.js'
import { rowSecurityOf } from '../policies.js'
import type { Table } from '../table.js'
import {
  type ClassEntry,
  indexEntriesOf,
  informationSchemaOid,
  namespaceOid,
  pgToastOid,
  roleOid,
} from './catalog-objects.js'
import {
  columnsOf,
  type SystemRecord,
  type SystemRelation,
  type SystemSource,
} from './system-relation.js'

export const pgNamespace: SystemRelation = {
  kind: 'system',
  oid: 2615,
  schema: 'pg_catalog',
  name: 'pg_namespace',
  relkind: 'r',
  columns: columnsOf('oid:oid nspname:name nspowner:oid nspacl:aclitem[]'),
  *rows({ catalog }) {
    const owner = (name: string) => roleOid(catalog, name)
    yield { oid: pgToastOid, nspname: 'pg_toast', nspowner: owner('postgres') }
    for (const schema of catalog.schemas()) {
      yield { oid: schema.oid, nspname: schema.name, nspowner: owner(schema.owner) }
    }
    yield {
      oid: informationSchemaOid,
      nspname: 'information_schema',
      nspowner: owner('postgres'),
    }
  },
}

/** Every relation pg_class lists, the system relations last. */
export function* classEntries(
  source: SystemSource,
  systemRelations: readonly SystemRelation[],
): Iterable<ClassEntry> {
  for (const relation of source.catalog.relations()) {
    yield { kind: 'relation', relation }
    if (relation.kind === 'table') yield* indexEntriesOf(relation)
  }
  for (const relation of systemRelations) yield { kind: 'system', relation }
}

const relkinds = { table: 'r', view: 'v', sequence: 'S' } as const

/** pg_class's row for one entry. */
export function classRecord(source: SystemSource, entry: ClassEntry): SystemRecord {
  const catalog = source.catalog
  const common = {
    reloftype: 0,
    relam: 0,
    reltablespace: 0,
    relpages: 0,
    reltuples: -1,
    relallvisible: 0,
    reltoastrelid: 0,
    relhasindex: false,
    relisshared: false,
    relpersistence: 'p',
    relchecks: 0,
    relhasrules: false,
    relhastriggers: false,
    relhassubclass: false,
    relrowsecurity: false,
    relforcerowsecurity: false,
    relispopulated: true,
    relreplident: 'n',
    relispartition: false,
    relrewrite: 0,
    relfrozenxid: 0n,
    relminmxid: 0n,
    reltype: 0,
  }
  switch (entry.kind) {
    case 'system':
      return {
        ...common,
        oid: entry.relation.oid,
        relname: entry.relation.name,
        relnamespace: namespaceOid(catalog, entry.relation.schema),
        relowner: roleOid(catalog, 'postgres'),
        relfilenode: entry.relation.relkind === 'r' ? entry.relation.oid : 0,
        relkind: entry.relation.relkind,
        relnatts: entry.relation.columns.length,
        relhasindex: entry.relation.relkind === 'r',
        relam: entry.relation.relkind === 'r' ? 2 : 0,
        // ACLs are the privileges helper's: NULL (the owner's default) for now.
        relacl: null,
      }
    case 'index': {
      const natts =
        entry.index === undefined
          ? (entry.table.primaryKey?.columns.length ?? 0)
          : entry.index.keys.length + entry.index.include.length
      return {
        ...common,
        oid: entry.oid,
        relname: entry.name,
        relnamespace: namespaceOid(catalog, entry.table.schema),
        relowner: roleOid(catalog, entry.table.owner),
        relam: 403,
        relfilenode: entry.oid,
        relkind: 'i',
        relnatts: natts,
        reltuples: 0,
        relpages: 1,
      }
    }
    case 'relation': {
      const relation = entry.relation
      const base = {
        ...common,
        oid: relation.oid,
        relname: relation.name,
        relnamespace: namespaceOid(catalog, relation.schema),
        relowner: roleOid(catalog, relation.owner),
        relkind: relkinds[relation.kind],
        relfilenode: relation.kind === 'view' ? 0 : relation.oid,
        relacl: null,
      }
      if (relation.kind === 'table') {
        return {
          ...base,
          relam: 2,
          relnatts: relation.columns.length,
          relchecks: relation.checks.length,
          relhasindex: relation.primaryKey !== undefined || relation.indexes.length > 0,
          relreplident: 'd',
          relhastriggers: hasTriggers(catalog, relation),
          relrowsecurity: rowSecurityOf(relation).isEnabled,
          relforcerowsecurity: rowSecurityOf(relation).isForced,
        }
      }
      if (relation.kind === 'view') {
        return { ...base, relnatts: relation.columns.length, relhasrules: true }
      }
      return { ...base, relam: 2, relnatts: 3, reltuples: 1, relpages: 1 }
    }
  }
}

/** Whether PostgreSQL would give the table triggers: its foreign keys are enforced by
 * triggers on both the referencing and the referenced table. */
export function hasTriggers(catalog: Catalog, table: Table): boolean {
  if (table.foreignKeys.length > 0) return true
  for (const other of catalog.tables()) {
    if (other.foreignKeys.some((key) => key.referencedTable === table.oid)) return true
  }
  return false
}

export function pgClass(systemRelations: () => readonly SystemRelation[]): SystemRelation {
  return {
    kind: 'system',
    oid: 1259,
    schema: 'pg_catalog',
    name: 'pg_class',
    relkind: 'r',
    columns: columnsOf(
      'oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid relfilenode:oid reltablespace:oid relpages:integer reltuples:real relallvisible:integer reltoastrelid:oid relhasindex:boolean relisshared:boolean relpersistence:"char" relkind:"char" relnatts:smallint relchecks:smallint relhasrules:boolean relhastriggers:boolean relhassubclass:boolean relrowsecurity:boolean relforcerowsecurity:boolean relispopulated:boolean relreplident:"char" relispartition:boolean relrewrite:oid relfrozenxid:xid relminmxid:xid relacl:aclitem[] reloptions:text[] relpartbound:pg_node_tree',
    ),
    *rows(source) {
      for (const entry of classEntries(source, systemRelations())) {
        yield classRecord(source, entry)
      }
    },
  }
}

export const pgInherits: SystemRelation = {
  kind: 'system',
  oid: 2611,
  schema: 'pg_catalog',
  name: 'pg_inherits',
  relkind: 'r',
  columns: columnsOf('inhrelid:oid inhparent:oid inhseqno:integer inhdetachpending:boolean'),
  rows: () => [],
}

export const pgPartitionedTable: SystemRelation = {
  kind: 'system',
  oid: 3350,
  schema: 'pg_catalog',
  name: 'pg_partitioned_table',
  relkind: 'r',
  columns: columnsOf(
    'partrelid:oid partstrat:"char" partnatts:smallint partdefid:oid partattrs:int2vector partclass:oidvector partcollation:oidvector partexprs:pg_node_tree',
  ),
  rows: () => [],
}
