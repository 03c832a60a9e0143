/**
 * pg_attribute (columns of tables, views, sequences, indexes and the system relations),
 * pg_attrdef (column defaults), pg_index and pg_constraint.
 */
import type { SqlType } from '../../types/index.js'
import { SqlArray, sqlTypes } from '../../types/index.js'
import type { Catalog } from '../catalog.js'
import type { Column, Table } from '../table.js'
import {
  type ClassEntry,
  indexEntriesOf,
  indexKeyNumbers,
  namespaceOid,
} from './catalog-objects.js'
import { constraintsOf, defaultText } from './definitions.js'
import { classEntries } from './pg-class.js'
import { builtinTypeRow } from './pg-type.js'
import { columnsOf, type SystemRecord, type SystemRelation } from './system-relation.js'

/** The pg_attribute row of one column of relation `relid`. */
function attribute(
  relid: number,
  number: number,
  name: string,
  type: SqlType,
  extra: Partial<Record<string, boolean | string>> = {},
): SystemRecord {
  const builtin = builtinTypeRow(type.oid)
  return {
    attrelid: relid,
    attname: name,
    atttypid: type.oid,
    attstattarget: -1,
    attlen: type.size,
    attnum: number,
    attndims: type.kind === 'array' ? 1 : 0,
    attcacheoff: -1,
    atttypmod: type.typmod,
    attbyval: builtin?.['typbyval'] ?? type.size > 0,
    attalign: builtin?.['typalign'] ?? 'i',
    attstorage: builtin?.['typstorage'] ?? (type.size > 0 ? 'p' : 'x'),
    attcompression: '',
    attnotnull: false,
    atthasdef: false,
    atthasmissing: false,
    attidentity: '',
    attgenerated: '',
    attisdropped: false,
    attislocal: true,
    attinhcount: 0,
    attcollation: builtin?.['typcollation'] ?? 0,
    attacl: null,
    attoptions: null,
    attfdwoptions: null,
    attmissingval: null,
    ...extra,
  }
}

function columnAttribute(table: Table, column: Column): SystemRecord {
  return attribute(table.oid, column.number, column.name, column.type, {
    attnotnull: column.isNotNull,
    atthasdef: column.default !== undefined || column.generated !== undefined,
    attidentity: column.identity === undefined ? '' : column.identity.kind === 'always' ? 'a' : 'd',
    attgenerated: column.generated === undefined ? '' : 's',
  })
}

function* attributesOf(entry: ClassEntry): Iterable<SystemRecord> {
  switch (entry.kind) {
    case 'system':
      for (const [i, column] of entry.relation.columns.entries()) {
        yield attribute(entry.relation.oid, i + 1, column.name, column.type)
      }
      return
    case 'index': {
      const numbers = [...indexKeyNumbers(entry), ...(entry.index?.include ?? []).map((c) => c + 1)]
      for (const [i, number] of numbers.entries()) {
        const column = entry.table.columns[number - 1]
        yield column === undefined
          ? attribute(entry.oid, i + 1, `expr${i === 0 ? '' : i}`, sqlTypes.text)
          : attribute(entry.oid, i + 1, column.name, column.type)
      }
      return
    }
    case 'relation': {
      const relation = entry.relation
      if (relation.kind === 'table') {
        for (const column of relation.columns) yield columnAttribute(relation, column)
      } else if (relation.kind === 'view') {
        for (const [i, column] of relation.columns.entries()) {
          yield attribute(relation.oid, i + 1, column.name, column.type)
        }
      } else {
        yield attribute(relation.oid, 1, 'last_value', sqlTypes.int8, { attnotnull: true })
        yield attribute(relation.oid, 2, 'log_cnt', sqlTypes.int8, { attnotnull: true })
        yield attribute(relation.oid, 3, 'is_called', sqlTypes.bool, { attnotnull: true })
      }
    }
  }
}

export function pgAttribute(systemRelations: () => readonly SystemRelation[]): SystemRelation {
  return {
    kind: 'system',
    oid: 1249,
    schema: 'pg_catalog',
    name: 'pg_attribute',
    relkind: 'r',
    columns: columnsOf(
      'attrelid:oid attname:name atttypid:oid attstattarget:integer attlen:smallint attnum:smallint attndims:integer attcacheoff:integer atttypmod:integer attbyval:boolean attalign:"char" attstorage:"char" attcompression:"char" attnotnull:boolean atthasdef:boolean atthasmissing:boolean attidentity:"char" attgenerated:"char" attisdropped:boolean attislocal:boolean attinhcount:integer attcollation:oid attacl:aclitem[] attoptions:text[] attfdwoptions:text[] attmissingval:anyarray',
    ),
    *rows(source) {
      for (const entry of classEntries(source, systemRelations())) yield* attributesOf(entry)
    },
  }
}

export const pgAttrdef: SystemRelation = {
  kind: 'system',
  oid: 2604,
  schema: 'pg_catalog',
  name: 'pg_attrdef',
  relkind: 'r',
  columns: columnsOf('oid:oid adrelid:oid adnum:smallint adbin:pg_node_tree'),
  *rows({ catalog, searchPath, quoteIdent }) {
    for (const table of catalog.tables()) {
      for (const column of table.columns) {
        const expression = column.default ?? column.generated
        if (expression === undefined) continue
        // No OID is allocated for a default: one derived from the table's stands in.
        yield {
          oid: table.oid * 1000 + column.number,
          adrelid: table.oid,
          adnum: column.number,
          adbin: defaultText(catalog, searchPath, expression.text, quoteIdent),
        }
      }
    }
  },
}

export const pgIndex: SystemRelation = {
  kind: 'system',
  oid: 2610,
  schema: 'pg_catalog',
  name: 'pg_index',
  relkind: 'r',
  columns: columnsOf(
    'indexrelid:oid indrelid:oid indnatts:smallint indnkeyatts:smallint indisunique:boolean indnullsnotdistinct:boolean indisprimary:boolean indisexclusion:boolean indimmediate:boolean indisclustered:boolean indisvalid:boolean indcheckxmin:boolean indisready:boolean indislive:boolean indisreplident:boolean indkey:int2vector indcollation:oidvector indclass:oidvector indoption:int2vector indexprs:pg_node_tree indpred:pg_node_tree',
  ),
  *rows({ catalog }) {
    for (const table of catalog.tables()) {
      for (const entry of indexEntriesOf(table)) yield indexRecord(entry)
    }
  },
}

function indexRecord(entry: ClassEntry & { kind: 'index' }): SystemRecord {
  const index = entry.index
  const keys = indexKeyNumbers(entry)
  const include = (index?.include ?? []).map((c) => c + 1)
  const expressions = (index?.keys ?? []).flatMap((key) =>
    key.expression === undefined ? [] : [key.expression.text],
  )
  const options = (index?.keys ?? keys.map(() => undefined)).map((key) =>
    key === undefined ? 0 : (key.descending ? 1 : 0) | (key.nullsFirst ? 2 : 0),
  )
  return {
    indexrelid: entry.oid,
    indrelid: entry.table.oid,
    indnatts: keys.length + include.length,
    indnkeyatts: keys.length,
    indisunique: index === undefined || index.isUnique,
    indnullsnotdistinct: index?.nullsNotDistinct ?? false,
    indisprimary: index === undefined,
    indisexclusion: false,
    indimmediate: true,
    indisclustered: false,
    indisvalid: true,
    indcheckxmin: false,
    indisready: true,
    indislive: true,
    indisreplident: false,
    indkey: new SqlArray([...keys, ...include]),
    indcollation: new SqlArray(keys.map(() => 0)),
    indclass: new SqlArray(keys.map(() => 0)),
    indoption: new SqlArray(options),
    indexprs: expressions.length === 0 ? null : expressions.join(', '),
    indpred: index?.predicate?.text ?? null,
  }
}

const actionCodes = {
  'no action': 'a',
  restrict: 'r',
  cascade: 'c',
  'set null': 'n',
  'set default': 'd',
} as const

export const pgConstraint: SystemRelation = {
  kind: 'system',
  oid: 2606,
  schema: 'pg_catalog',
  name: 'pg_constraint',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid conname:name connamespace:oid contype:"char" condeferrable:boolean condeferred:boolean convalidated:boolean conrelid:oid contypid:oid conindid:oid conparentid:oid confrelid:oid confupdtype:"char" confdeltype:"char" confmatchtype:"char" conislocal:boolean coninhcount:integer connoinherit:boolean conkey:smallint[] confkey:smallint[] conpfeqop:oid[] conppeqop:oid[] conffeqop:oid[] confdelsetcols:smallint[] conexclop:oid[] conbin:pg_node_tree',
  ),
  *rows({ catalog }) {
    for (const table of catalog.tables()) yield* constraintRecords(catalog, table)
  },
}

function* constraintRecords(catalog: Catalog, table: Table): Iterable<SystemRecord> {
  const numbers = (columns: readonly number[]) => new SqlArray(columns.map((c) => c + 1))
  for (const entry of constraintsOf(table)) {
    const base = {
      oid: entry.oid,
      conname: entry.name,
      connamespace: namespaceOid(catalog, table.schema),
      contype: entry.kind,
      condeferrable: false,
      condeferred: false,
      convalidated: true,
      conrelid: table.oid,
      contypid: 0,
      conindid: 0,
      conparentid: 0,
      confrelid: 0,
      confupdtype: ' ',
      confdeltype: ' ',
      confmatchtype: ' ',
      conislocal: true,
      coninhcount: 0,
      connoinherit: false,
    }
    switch (entry.kind) {
      case 'p':
        yield { ...base, conindid: entry.oid, conkey: numbers(table.primaryKey?.columns ?? []) }
        break
      case 'u':
        yield {
          ...base,
          conindid: entry.oid,
          conkey: numbers(
            entry.index.keys.flatMap((k) => (k.column === undefined ? [] : [k.column])),
          ),
        }
        break
      case 'c':
        yield {
          ...base,
          convalidated: entry.check.isValidated,
          conkey: numbers(checkColumns(table, entry.check.expression.text)),
          conbin: entry.check.expression.text,
        }
        break
      case 'f': {
        const key = entry.key
        yield {
          ...base,
          condeferrable: key.isDeferrable,
          condeferred: key.isInitiallyDeferred,
          convalidated: key.isValidated,
          conindid:
            key.referencedIndex ??
            catalog.findTableByOid(key.referencedTable)?.primaryKey?.oid ??
            0,
          confrelid: key.referencedTable,
          confupdtype: actionCodes[key.onUpdate],
          confdeltype: actionCodes[key.onDelete],
          confmatchtype: key.match === 'full' ? 'f' : 's',
          conkey: numbers(key.columns),
          confkey: numbers(key.referencedColumns),
          confdelsetcols: key.deleteSetColumns === undefined ? null : numbers(key.deleteSetColumns),
        }
        break
      }
    }
  }
}

/** The columns a CHECK expression mentions (by name, a word match on its text). */
function checkColumns(table: Table, text: string): number[] {
  const words = new Set(text.match(/[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"/g) ?? [])
  const columns: number[] = []
  for (const [i, column] of table.columns.entries()) {
    if (words.has(column.name) || words.has(`"${column.name.replaceAll('"', '""')}"`))
      columns.push(i)
  }
  return columns
}
