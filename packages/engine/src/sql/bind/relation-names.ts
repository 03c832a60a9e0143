/**
 * RelationNames over a catalog: how regclass reads names ('s', 'public."Mixed"') and prints OIDs
 * (the name, qualified when the search path would not find it, quoted where needed), for the
 * binder's literals and for values converted while a statement runs; and the comments COMMENT
 * ON stored, for obj_description and col_description.
 */
import { type Catalog, roleNotFound, type SearchPath, schemaNotFound } from '../../catalog/index.js'
import { findSystemRelation, findSystemRelationByOid } from '../../catalog/system/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import {
  builtinTypeByDisplayName,
  findTypeByName,
  formatType,
  parseQualifiedName,
  type RegKind,
  type RelationNames,
} from '../../types/index.js'
import { quoteIdent } from '../functions/index.js'

/** `catalog` is read at each call: a statement's DDL changes the catalog it runs against. */
export function relationNamesOf(catalog: () => Catalog, searchPath: SearchPath): RelationNames {
  return {
    findOid(schema, name) {
      const relation = catalog().resolveRelation(schema, name, searchPath)
      if (relation !== undefined && schema !== 'pg_catalog') return relation.oid
      return findSystemRelation(schema, name, searchPath)?.oid
    },
    nameOf(oid) {
      const current = catalog()
      const relation = current.findRelationByOid(oid)
      if (relation === undefined) {
        const system = findSystemRelationByOid(oid)
        if (system === undefined) return undefined
        const isVisible = findSystemRelation(undefined, system.name, searchPath) === system
        return isVisible ? system.name : `${system.schema}.${system.name}`
      }
      const found = current.resolveRelation(undefined, relation.name, searchPath)
      const name = quoteIdent(relation.name)
      return found?.oid === oid ? name : `${quoteIdent(relation.schema)}.${name}`
    },
    commentOf(oid, catalogName, column) {
      return commentOf(catalog(), oid, catalogName, column)
    },
    objectName(kind, oid) {
      return objectName(catalog(), searchPath, kind, oid)
    },
    objectOid(kind, text) {
      return objectOid(catalog(), searchPath, kind, text)
    },
  }
}

/** What regtype, regnamespace, regrole and regproc print for an OID. */
function objectName(
  catalog: Catalog,
  searchPath: SearchPath,
  kind: RegKind,
  oid: number,
): string | undefined {
  switch (kind) {
    case 'regnamespace': {
      for (const schema of catalog.schemas()) if (schema.oid === oid) return quoteIdent(schema.name)
      return undefined
    }
    case 'regrole': {
      const role = catalog.findRoleByOid(oid)
      return role === undefined ? undefined : quoteIdent(role.name)
    }
    case 'regtype': {
      const user = catalog.findTypeByOid(oid)
      if (user !== undefined) return catalog.typeDisplayName(user, searchPath)
      const type = catalog.sqlTypeByOid(oid)
      return type === undefined ? undefined : formatType(type)
    }
    case 'regproc':
    case 'regprocedure': {
      const fn = catalog.findFunctionByOid(oid)
      if (fn === undefined) return undefined
      const name = quoteIdent(fn.name)
      if (kind === 'regproc') return name
      return `${name}(${fn.parameters.map((p) => formatType(p.type)).join(',')})`
    }
  }
}

/** The OID a reg* literal names, or PostgreSQL's error. */
function objectOid(catalog: Catalog, searchPath: SearchPath, kind: RegKind, text: string): number {
  const spelled = kind === 'regtype' ? builtinTypeByDisplayName(text.toLowerCase()) : undefined
  if (spelled !== undefined) return spelled.oid
  const names = parseQualifiedName(text)
  const name = names.at(-1) ?? ''
  switch (kind) {
    case 'regnamespace': {
      const schema = catalog.findSchema(name)
      if (schema === undefined) throw schemaNotFound(name)
      return schema.oid
    }
    case 'regrole': {
      const role = catalog.findRole(name)
      if (role === undefined) throw roleNotFound(name)
      return role.oid
    }
    case 'regtype': {
      const schema = names.length > 1 ? names.at(-2) : undefined
      const builtin = findTypeByName(names)
      if (builtin !== undefined) return builtin.oid
      const path = schema === undefined ? searchPath : [schema]
      for (const candidate of path) {
        const user = catalog.findType(candidate, name)
        if (user !== undefined) return user.oid
      }
      throw new SqlError(SqlState.undefinedObject, `type "${text}" does not exist`)
    }
    case 'regproc':
    case 'regprocedure': {
      const bare = name.replace(/\(.*$/, '')
      const found = catalog.functionsNamed(bare)
      if (found.length === 1 && found[0] !== undefined) return found[0].oid
      if (found.length > 1) {
        throw new SqlError(SqlState.ambiguousFunction, `more than one function named "${bare}"`)
      }
      throw new SqlError(SqlState.undefinedFunction, `function "${text}" does not exist`)
    }
  }
}

/** What COMMENT ON stored for an object, found by OID the way pg_description keys it. */
function commentOf(
  catalog: Catalog,
  oid: number,
  catalogName: string,
  column: number,
): string | undefined {
  if (catalogName === 'pg_namespace') {
    if (column !== 0) return undefined
    for (const schema of catalog.schemas()) if (schema.oid === oid) return schema.comment
    return undefined
  }
  if (catalogName !== 'pg_class') return undefined
  const relation = catalog.findRelationByOid(oid)
  if (relation !== undefined) {
    if (column === 0) return relation.comment
    if (relation.kind === 'sequence') return undefined
    return relation.columns[column - 1]?.comment
  }
  if (column !== 0) return undefined
  // An index: the primary key's or a secondary one, part of its table's definition.
  for (const table of catalog.tables()) {
    if (table.primaryKey?.oid === oid) return table.primaryKey.comment
    const index = table.indexes.find((i) => i.oid === oid)
    if (index !== undefined) return index.comment
  }
  return undefined
}
