/**
 * The catalog questions system information functions ask (sql/functions' CatalogAccess,
 * matched structurally: the catalog does not import sql/functions), answered from the
 * statement's catalog version: current_schemas, pg_get_userbyid, pg_*_is_visible,
 * format_type, pg_get_indexdef / constraintdef / viewdef, pg_get_function_*,
 * pg_get_serial_sequence, shobj_description.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { formatType, parseQualifiedName, withTypmod } from '../../types/index.js'
import { relationNotFound } from '../catalog.js'
import type { SqlFunction } from '../objects.js'
import { type ClassEntry, indexEntriesOf } from './catalog-objects.js'
import { constraintDefinition, constraintsOf, indexDefinition } from './definitions.js'
import { builtinTypeRow } from './pg-type.js'
import type { SystemSource } from './system-relation.js'

export interface CatalogAnswers {
  currentSchemas(isImplicit: boolean): readonly string[]
  roleName(oid: number): string | undefined
  isVisible(kind: 'relation' | 'type' | 'function', oid: number): boolean | undefined
  formatType(oid: number, typmod: number): string | undefined
  indexDefinition(oid: number, column: number): string | undefined
  constraintDefinition(oid: number): string | undefined
  viewDefinition(oid: number): string | undefined
  functionText(
    oid: number,
    part: 'arguments' | 'identity' | 'result' | 'definition',
  ): string | undefined
  serialSequence(table: string, column: string): string | undefined
  sharedComment(oid: number, catalog: string): string | undefined
}

/** The index with this OID, undefined when none. */
function findIndex(
  source: SystemSource,
  oid: number,
): (ClassEntry & { kind: 'index' }) | undefined {
  for (const table of source.catalog.tables()) {
    for (const entry of indexEntriesOf(table)) if (entry.oid === oid) return entry
  }
  return undefined
}

/** `source` is read at each call: a statement's DDL changes the catalog it runs against. */
export function catalogAccessOf(source: () => SystemSource): CatalogAnswers {
  return {
    currentSchemas(isImplicit) {
      const { catalog, searchPath } = source()
      const schemas = searchPath.filter((name) => catalog.findSchema(name) !== undefined)
      if (isImplicit && !schemas.includes('pg_catalog')) schemas.unshift('pg_catalog')
      return schemas
    },
    roleName(oid) {
      return source().catalog.findRoleByOid(oid)?.name
    },
    isVisible(kind, oid) {
      const current = source()
      const { catalog, searchPath } = current
      if (kind === 'relation') {
        const relation = catalog.findRelationByOid(oid) ?? findIndex(current, oid)
        if (relation === undefined) return oid < 16384 ? true : undefined
        return catalog.resolveRelation(undefined, relation.name, searchPath)?.oid === oid
      }
      if (kind === 'type') {
        const type = catalog.findTypeByOid(oid)
        if (type === undefined) return builtinTypeRow(oid) === undefined ? undefined : true
        const path = ['pg_catalog', ...searchPath]
        const first = path.find((schema) => catalog.findType(schema, type.name) !== undefined)
        return first === type.schema
      }
      const fn = catalog.findFunctionByOid(oid)
      if (fn === undefined) return oid < 16384 ? true : undefined
      return searchPath.includes(fn.schema)
    },
    formatType(oid, typmod) {
      const type = source().catalog.sqlTypeByOid(oid)
      if (type === undefined) {
        const builtin = builtinTypeRow(oid)
        return builtin === undefined ? undefined : String(builtin['typname'])
      }
      return formatType(typmod < 0 ? type : withTypmod(type, typmod))
    },
    indexDefinition(oid, column) {
      const current = source()
      const entry = findIndex(current, oid)
      if (entry === undefined) return undefined
      const definition = indexDefinition(entry.table, entry.index, entry.name, current.quoteIdent)
      if (column === 0) return definition
      const keys = definition.slice(definition.indexOf('(') + 1).split(', ')
      return keys[column - 1]?.replace(/\).*$/, '') ?? ''
    },
    constraintDefinition(oid) {
      const current = source()
      for (const table of current.catalog.tables()) {
        const entry = constraintsOf(table).find((candidate) => candidate.oid === oid)
        if (entry !== undefined) {
          return constraintDefinition(
            current.catalog,
            current.searchPath,
            entry,
            current.quoteIdent,
          )
        }
      }
      return undefined
    },
    viewDefinition(oid) {
      const relation = source().catalog.findRelationByOid(oid)
      return relation?.kind === 'view' ? ` ${relation.query.text};` : undefined
    },
    functionText(oid, part) {
      const current = source()
      const fn = current.catalog.findFunctionByOid(oid)
      if (fn === undefined) return undefined
      const type = (t: SqlFunction['returns']['type']) => formatType(t)
      const args = (withDefaults: boolean) =>
        fn.parameters
          .map((p) => {
            const name = p.name === undefined ? '' : `${current.quoteIdent(p.name)} `
            const variadic = p.isVariadic ? 'VARIADIC ' : ''
            const fallback =
              withDefaults && p.default !== undefined ? ` DEFAULT ${p.default.text}` : ''
            return `${variadic}${name}${type(p.type)}${fallback}`
          })
          .join(', ')
      const result =
        fn.returns.columns !== undefined
          ? `TABLE(${fn.returns.columns.map((c) => `${current.quoteIdent(c.name)} ${type(c.type)}`).join(', ')})`
          : `${fn.returns.isSet ? 'SETOF ' : ''}${type(fn.returns.type)}`
      switch (part) {
        case 'arguments':
          return args(true)
        case 'identity':
          return args(false)
        case 'result':
          return result
        case 'definition': {
          const name = `${current.quoteIdent(fn.schema)}.${current.quoteIdent(fn.name)}`
          const volatility = fn.volatility === 'volatile' ? '' : ` ${fn.volatility.toUpperCase()}`
          const strict = fn.isStrict ? ' STRICT' : ''
          const body = fn.body.kind === 'text' ? fn.body.text : ''
          return `CREATE OR REPLACE FUNCTION ${name}(${args(true)})\n RETURNS ${result}\n LANGUAGE sql\n${volatility === '' && strict === '' ? '' : `${volatility}${strict}\n`}AS $function$${body}$function$\n`
        }
      }
    },
    serialSequence(tableName, columnName) {
      const { catalog, searchPath, quoteIdent } = source()
      const names = parseQualifiedName(tableName)
      const name = names.at(-1) ?? ''
      const schema = names.length > 1 ? names.at(-2) : undefined
      const table = catalog.resolveRelation(schema, name, searchPath)
      if (table === undefined || table.kind !== 'table')
        throw relationNotFound(schema, name, undefined)
      const index = table.columns.findIndex((column) => column.name === columnName)
      const column = table.columns[index]
      if (column === undefined) {
        throw new SqlError(
          SqlState.undefinedColumn,
          `column "${columnName}" of relation "${table.name}" does not exist`,
        )
      }
      for (const relation of catalog.relations()) {
        if (relation.kind !== 'sequence') continue
        const owned = relation.ownedBy
        const isOwned = owned?.table === table.oid && owned.column === index
        if (isOwned || column.identity?.sequence === relation.oid) {
          return `${quoteIdent(relation.schema)}.${quoteIdent(relation.name)}`
        }
      }
      return undefined
    },
    sharedComment(oid, catalogName) {
      if (catalogName !== 'pg_authid') return undefined
      return source().catalog.findRoleByOid(oid)?.comment
    },
  }
}
