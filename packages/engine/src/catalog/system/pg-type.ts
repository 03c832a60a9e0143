/**
 * pg_type (PostgreSQL 15's built-in types from builtin-types.ts, then user enums and their
 * array types) and pg_enum.
 */
import type { Catalog } from '../catalog.js'
import type { UserType } from '../objects.js'
import { builtinTypeLines } from './builtin-types.js'
import { namespaceOid, pgCatalogOid, roleOid } from './catalog-objects.js'
import { columnsOf, type SystemRecord, type SystemRelation } from './system-relation.js'

/** The built-in types' rows, parsed once. */
const builtinTypes: readonly SystemRecord[] = builtinTypeLines
  .trim()
  .split('\n')
  .map((line) => {
    const f = line.split('|')
    const n = (i: number) => Number(f[i])
    return {
      oid: n(0),
      typname: f[1] ?? '',
      typlen: n(2),
      typbyval: f[3] === '1',
      typtype: f[4] ?? 'b',
      typcategory: f[5] ?? 'U',
      typispreferred: f[6] === '1',
      typdelim: f[7] ?? ',',
      typelem: n(8),
      typarray: n(9),
      typinput: n(10),
      typoutput: n(11),
      typreceive: n(12),
      typsend: n(13),
      typmodin: n(14),
      typmodout: n(15),
      typanalyze: n(16),
      typsubscript: n(17),
      typalign: f[18] ?? 'i',
      typstorage: f[19] ?? 'p',
      typcollation: n(20),
    }
  })

const builtinByOid = new Map(builtinTypes.map((row) => [row['oid'] as number, row]))

/** A built-in type's pg_type row (undefined for user types). */
export function builtinTypeRow(oid: number): SystemRecord | undefined {
  return builtinByOid.get(oid)
}

/** PostgreSQL 15's OIDs of the enum functions every enum's pg_type row names. */
const enumProcs = { input: 3504, output: 3505, receive: 3532, send: 3533 }
/** array_in, array_out, array_recv, array_send, array_typanalyze, array_subscript_handler. */
const arrayProcs = { input: 750, output: 751, receive: 2400, send: 2401, analyze: 3816, sub: 6179 }

const common = {
  typisdefined: true,
  typnotnull: false,
  typbasetype: 0,
  typtypmod: -1,
  typndims: 0,
  typrelid: 0,
  typdefaultbin: null,
  typdefault: null,
  typacl: null,
}

function* userTypeRows(catalog: Catalog, type: UserType): Iterable<SystemRecord> {
  const namespace = namespaceOid(catalog, type.schema)
  const owner = roleOid(catalog, type.owner)
  const base = { ...common, typnamespace: namespace, typowner: owner, typcollation: 0 }
  yield {
    ...base,
    oid: type.oid,
    typname: type.name,
    typlen: 4,
    typbyval: true,
    typtype: 'e',
    typcategory: 'E',
    typispreferred: false,
    typdelim: ',',
    typelem: 0,
    typarray: type.type.arrayOid,
    typinput: enumProcs.input,
    typoutput: enumProcs.output,
    typreceive: enumProcs.receive,
    typsend: enumProcs.send,
    typmodin: 0,
    typmodout: 0,
    typanalyze: 0,
    typsubscript: 0,
    typalign: 'i',
    typstorage: 'p',
  }
  if (type.type.arrayOid === 0) return
  yield {
    ...base,
    oid: type.type.arrayOid,
    typname: `_${type.name}`,
    typlen: -1,
    typbyval: false,
    typtype: 'b',
    typcategory: 'A',
    typispreferred: false,
    typdelim: ',',
    typelem: type.oid,
    typarray: 0,
    typinput: arrayProcs.input,
    typoutput: arrayProcs.output,
    typreceive: arrayProcs.receive,
    typsend: arrayProcs.send,
    typmodin: 0,
    typmodout: 0,
    typanalyze: arrayProcs.analyze,
    typsubscript: arrayProcs.sub,
    typalign: 'i',
    typstorage: 'x',
  }
}

export const pgType: SystemRelation = {
  kind: 'system',
  oid: 1247,
  schema: 'pg_catalog',
  name: 'pg_type',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid typname:name typnamespace:oid typowner:oid typlen:smallint typbyval:boolean typtype:"char" typcategory:"char" typispreferred:boolean typisdefined:boolean typdelim:"char" typrelid:oid typsubscript:regproc typelem:oid typarray:oid typinput:regproc typoutput:regproc typreceive:regproc typsend:regproc typmodin:regproc typmodout:regproc typanalyze:regproc typalign:"char" typstorage:"char" typnotnull:boolean typbasetype:oid typtypmod:integer typndims:integer typcollation:oid typdefaultbin:pg_node_tree typdefault:text typacl:aclitem[]',
  ),
  *rows({ catalog }) {
    const owner = roleOid(catalog, 'postgres')
    for (const row of builtinTypes) {
      yield { ...common, ...row, typnamespace: pgCatalogOid, typowner: owner }
    }
    for (const type of catalog.types()) yield* userTypeRows(catalog, type)
  },
}

export const pgEnum: SystemRelation = {
  kind: 'system',
  oid: 3501,
  schema: 'pg_catalog',
  name: 'pg_enum',
  relkind: 'r',
  columns: columnsOf('oid:oid enumtypid:oid enumsortorder:real enumlabel:name'),
  *rows({ catalog }) {
    for (const type of catalog.types()) {
      const members = type.type.enumMembers ?? []
      for (const [i, member] of members.entries()) {
        yield {
          oid: member.oid,
          enumtypid: type.oid,
          // Members are in sort order; PostgreSQL's fractional orders after ADD VALUE BEFORE
          // are not kept (the sort key is bytes), so positions stand in.
          enumsortorder: i + 1,
          enumlabel: member.label,
        }
      }
    }
  },
}
