/**
 * pg_proc (user functions), pg_description (COMMENT ON), pg_sequence, and the views psql and
 * tools read: pg_tables, pg_views, pg_indexes, pg_sequences. Relations for objects bkg-db does
 * not have are empty but correctly typed: pg_trigger, pg_rewrite, pg_depend, pg_policy,
 * pg_statistic_ext, pg_publication, pg_publication_rel, pg_publication_namespace.
 */
import { SqlArray } from '../../types/index.js'
import type { Catalog } from '../catalog.js'
import type { SqlFunction } from '../objects.js'
import { policiesOf, rowSecurityOf } from '../policies.js'
import { publicRoleOid } from '../roles.js'
import { indexEntriesOf, namespaceOid, roleOid } from './catalog-objects.js'
import { indexDefinition } from './definitions.js'
import { hasTriggers } from './pg-class.js'
import { columnsOf, type SystemRecord, type SystemRelation } from './system-relation.js'

const volatilityCodes = { immutable: 'i', stable: 's', volatile: 'v' } as const
const parallelCodes = { safe: 's', restricted: 'r', unsafe: 'u' } as const

function procRecord(catalog: Catalog, fn: SqlFunction): SystemRecord {
  const names = fn.parameters.map((p) => p.name ?? '')
  const variadic = fn.parameters.at(-1)?.isVariadic === true ? fn.parameters.at(-1) : undefined
  return {
    oid: fn.oid,
    proname: fn.name,
    pronamespace: namespaceOid(catalog, fn.schema),
    proowner: roleOid(catalog, fn.owner),
    prolang: 14,
    procost: fn.cost,
    prorows: fn.rows,
    provariadic: variadic?.type.element?.oid ?? 0,
    prosupport: 0,
    prokind: 'f',
    prosecdef: fn.isSecurityDefiner,
    proleakproof: false,
    proisstrict: fn.isStrict,
    proretset: fn.returns.isSet,
    provolatile: volatilityCodes[fn.volatility],
    proparallel: parallelCodes[fn.parallel],
    pronargs: fn.parameters.length,
    pronargdefaults: fn.parameters.filter((p) => p.default !== undefined).length,
    prorettype: fn.returns.type.oid,
    proargtypes: new SqlArray(fn.parameters.map((p) => p.type.oid)),
    proallargtypes: null,
    proargmodes:
      variadic === undefined
        ? null
        : new SqlArray(fn.parameters.map((p) => (p.isVariadic ? 'v' : 'i'))),
    proargnames: names.every((name) => name === '') ? null : new SqlArray(names),
    proargdefaults: null,
    protrftypes: null,
    prosrc: fn.body.kind === 'text' ? fn.body.text : '',
    probin: null,
    prosqlbody: null,
    proconfig:
      fn.settings.length === 0
        ? null
        : new SqlArray(fn.settings.map((setting) => `${setting.name}=${setting.value}`)),
    proacl: null,
  }
}

export const pgProc: SystemRelation = {
  kind: 'system',
  oid: 1255,
  schema: 'pg_catalog',
  name: 'pg_proc',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:real prorows:real provariadic:oid prosupport:regproc prokind:"char" prosecdef:boolean proleakproof:boolean proisstrict:boolean proretset:boolean provolatile:"char" proparallel:"char" pronargs:smallint pronargdefaults:smallint prorettype:oid proargtypes:oidvector proallargtypes:oid[] proargmodes:"char"[] proargnames:text[] proargdefaults:pg_node_tree protrftypes:oid[] prosrc:text probin:text prosqlbody:pg_node_tree proconfig:text[] proacl:aclitem[]',
  ),
  *rows({ catalog }) {
    for (const fn of catalog.functions()) yield procRecord(catalog, fn)
  },
}

/** pg_class, pg_namespace, pg_type, pg_proc: the catalogs COMMENT ON objects live in. */
const classOids = { relation: 1259, schema: 2615, type: 1247, function: 1255 }

export const pgDescription: SystemRelation = {
  kind: 'system',
  oid: 2609,
  schema: 'pg_catalog',
  name: 'pg_description',
  relkind: 'r',
  columns: columnsOf('objoid:oid classoid:oid objsubid:integer description:text'),
  *rows({ catalog }) {
    const row = (objoid: number, classoid: number, objsubid: number, text: string | undefined) =>
      text === undefined ? [] : [{ objoid, classoid, objsubid, description: text }]
    for (const schema of catalog.schemas())
      yield* row(schema.oid, classOids.schema, 0, schema.comment)
    for (const relation of catalog.relations()) {
      yield* row(relation.oid, classOids.relation, 0, relation.comment)
      if (relation.kind === 'sequence') continue
      for (const [i, column] of relation.columns.entries()) {
        yield* row(relation.oid, classOids.relation, i + 1, column.comment)
      }
      if (relation.kind !== 'table') continue
      yield* row(relation.primaryKey?.oid ?? 0, classOids.relation, 0, relation.primaryKey?.comment)
      for (const index of relation.indexes)
        yield* row(index.oid, classOids.relation, 0, index.comment)
    }
    for (const type of catalog.types()) yield* row(type.oid, classOids.type, 0, type.comment)
    for (const fn of catalog.functions()) yield* row(fn.oid, classOids.function, 0, fn.comment)
  },
}

export const pgSequence: SystemRelation = {
  kind: 'system',
  oid: 2224,
  schema: 'pg_catalog',
  name: 'pg_sequence',
  relkind: 'r',
  columns: columnsOf(
    'seqrelid:oid seqtypid:oid seqstart:bigint seqincrement:bigint seqmax:bigint seqmin:bigint seqcache:bigint seqcycle:boolean',
  ),
  *rows({ catalog }) {
    for (const relation of catalog.relations()) {
      if (relation.kind !== 'sequence') continue
      yield {
        seqrelid: relation.oid,
        seqtypid: relation.type.oid,
        seqstart: relation.start,
        seqincrement: relation.increment,
        seqmax: relation.max,
        seqmin: relation.min,
        seqcache: relation.cache,
        seqcycle: relation.cycle,
      }
    }
  },
}

export const pgSequences: SystemRelation = {
  kind: 'system',
  oid: 12048,
  schema: 'pg_catalog',
  name: 'pg_sequences',
  relkind: 'v',
  columns: columnsOf(
    'schemaname:name sequencename:name sequenceowner:name data_type:regtype start_value:bigint min_value:bigint max_value:bigint increment_by:bigint cycle:boolean cache_size:bigint last_value:bigint',
  ),
  *rows({ catalog }) {
    for (const relation of catalog.relations()) {
      if (relation.kind !== 'sequence') continue
      yield {
        schemaname: relation.schema,
        sequencename: relation.name,
        sequenceowner: relation.owner,
        data_type: relation.type.oid,
        start_value: relation.start,
        min_value: relation.min,
        max_value: relation.max,
        increment_by: relation.increment,
        cycle: relation.cycle,
        cache_size: relation.cache,
        // The sequence's state is not part of the catalog: NULL, as for a sequence never used.
        last_value: null,
      }
    }
  },
}

export const pgTables: SystemRelation = {
  kind: 'system',
  oid: 12033,
  schema: 'pg_catalog',
  name: 'pg_tables',
  relkind: 'v',
  columns: columnsOf(
    'schemaname:name tablename:name tableowner:name tablespace:name hasindexes:boolean hasrules:boolean hastriggers:boolean rowsecurity:boolean',
  ),
  *rows({ catalog }) {
    for (const table of catalog.tables()) {
      yield {
        schemaname: table.schema,
        tablename: table.name,
        tableowner: table.owner,
        tablespace: null,
        hasindexes: table.primaryKey !== undefined || table.indexes.length > 0,
        hasrules: false,
        hastriggers: hasTriggers(catalog, table),
        rowsecurity: rowSecurityOf(table).isEnabled,
      }
    }
  },
}

export const pgViews: SystemRelation = {
  kind: 'system',
  oid: 12028,
  schema: 'pg_catalog',
  name: 'pg_views',
  relkind: 'v',
  columns: columnsOf('schemaname:name viewname:name viewowner:name definition:text'),
  *rows({ catalog }) {
    for (const relation of catalog.relations()) {
      if (relation.kind !== 'view') continue
      yield {
        schemaname: relation.schema,
        viewname: relation.name,
        viewowner: relation.owner,
        definition: relation.query.text,
      }
    }
  },
}

export const pgIndexes: SystemRelation = {
  kind: 'system',
  oid: 12043,
  schema: 'pg_catalog',
  name: 'pg_indexes',
  relkind: 'v',
  columns: columnsOf('schemaname:name tablename:name indexname:name tablespace:name indexdef:text'),
  *rows({ catalog, quoteIdent }) {
    for (const table of catalog.tables()) {
      for (const entry of indexEntriesOf(table)) {
        yield {
          schemaname: table.schema,
          tablename: table.name,
          indexname: entry.name,
          tablespace: null,
          indexdef: indexDefinition(table, entry.index, entry.name, quoteIdent),
        }
      }
    }
  },
}

/** pg_policy's polcmd letters and pg_policies' cmd words, per policy command. */
const policyCommands = {
  all: { letter: '*', word: 'ALL' },
  select: { letter: 'r', word: 'SELECT' },
  insert: { letter: 'a', word: 'INSERT' },
  update: { letter: 'w', word: 'UPDATE' },
  delete: { letter: 'd', word: 'DELETE' },
} as const

/** Row-level security policies (CREATE POLICY). Expressions are given as written (PostgreSQL
 * stores node trees and prints them back through pg_get_expr). */
export const pgPolicy: SystemRelation = {
  kind: 'system',
  oid: 3256,
  schema: 'pg_catalog',
  name: 'pg_policy',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid polname:name polrelid:oid polcmd:"char" polpermissive:boolean polroles:oid[] polqual:pg_node_tree polwithcheck:pg_node_tree',
  ),
  *rows({ catalog }) {
    for (const table of catalog.tables()) {
      for (const policy of policiesOf(table)) {
        yield {
          oid: policy.oid,
          polname: policy.name,
          polrelid: table.oid,
          polcmd: policyCommands[policy.command].letter,
          polpermissive: policy.isPermissive,
          polroles: new SqlArray([...policy.roles]),
          polqual: policy.using?.text ?? null,
          polwithcheck: policy.check?.text ?? null,
        }
      }
    }
  },
}

/** The pg_policies view: pg_policy with names. */
export const pgPolicies: SystemRelation = {
  kind: 'system',
  oid: 12031,
  schema: 'pg_catalog',
  name: 'pg_policies',
  relkind: 'v',
  columns: columnsOf(
    'schemaname:name tablename:name policyname:name permissive:text roles:name[] cmd:text qual:text with_check:text',
  ),
  *rows({ catalog }) {
    for (const table of catalog.tables()) {
      for (const policy of policiesOf(table)) {
        yield {
          schemaname: table.schema,
          tablename: table.name,
          policyname: policy.name,
          permissive: policy.isPermissive ? 'PERMISSIVE' : 'RESTRICTIVE',
          roles: new SqlArray(
            policy.roles.map((oid) =>
              oid === publicRoleOid ? 'public' : (catalog.findRoleByOid(oid)?.name ?? String(oid)),
            ),
          ),
          cmd: policyCommands[policy.command].word,
          qual: policy.using?.text ?? null,
          with_check: policy.check?.text ?? null,
        }
      }
    }
  },
}

/** A catalog of objects bkg-db does not have: its columns, no rows. */
function empty(oid: number, name: string, columns: string): SystemRelation {
  return {
    kind: 'system',
    oid,
    schema: 'pg_catalog',
    name,
    relkind: 'r',
    columns: columnsOf(columns),
    rows: () => [],
  }
}

export const emptyCatalogs: readonly SystemRelation[] = [
  empty(
    2620,
    'pg_trigger',
    'oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:smallint tgenabled:"char" tgisinternal:boolean tgconstrrelid:oid tgconstrindid:oid tgconstraint:oid tgdeferrable:boolean tginitdeferred:boolean tgnargs:smallint tgattr:int2vector tgargs:bytea tgqual:pg_node_tree tgoldtable:name tgnewtable:name',
  ),
  empty(
    2618,
    'pg_rewrite',
    'oid:oid rulename:name ev_class:oid ev_type:"char" ev_enabled:"char" is_instead:boolean ev_qual:pg_node_tree ev_action:pg_node_tree',
  ),
  empty(
    2608,
    'pg_depend',
    'classid:oid objid:oid objsubid:integer refclassid:oid refobjid:oid refobjsubid:integer deptype:"char"',
  ),
  empty(
    3381,
    'pg_statistic_ext',
    'oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid stxstattarget:integer stxkeys:int2vector stxkind:"char"[] stxexprs:pg_node_tree',
  ),
  empty(
    6104,
    'pg_publication',
    'oid:oid pubname:name pubowner:oid puballtables:boolean pubinsert:boolean pubupdate:boolean pubdelete:boolean pubtruncate:boolean pubviaroot:boolean',
  ),
  empty(
    6106,
    'pg_publication_rel',
    'oid:oid prpubid:oid prrelid:oid prqual:pg_node_tree prattrs:int2vector',
  ),
  empty(6237, 'pg_publication_namespace', 'oid:oid pnpubid:oid pnnspid:oid'),
  empty(
    2605,
    'pg_cast',
    'oid:oid castsource:oid casttarget:oid castfunc:oid castcontext:"char" castmethod:"char"',
  ),
  empty(3118, 'pg_foreign_table', 'ftrelid:oid ftserver:oid ftoptions:text[]'),
]
