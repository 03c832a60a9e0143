/**
 * The questions has_table_privilege and its siblings ask (PostgreSQL's acl.c has_*_privilege):
 * an object named by text (resolved by the search path) or OID (a missing OID is NULL), a user,
 * and a privilege list like `'SELECT, UPDATE WITH GRANT OPTION'`: true when any is held.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { Privilege } from './acl.js'
import type { Catalog, SearchPath } from './catalog.js'
import type { Relation } from './objects.js'
import { type AclTarget, databaseName, hasAnyColumnPrivilege, privilegesOf } from './privileges.js'

export type PrivilegeObjectKind =
  | 'table'
  | 'column'
  | 'any column'
  | 'sequence'
  | 'schema'
  | 'function'
  | 'database'

export interface PrivilegeQuestion {
  readonly kind: PrivilegeObjectKind
  readonly user: string
  /** The object by name (text) or OID. */
  readonly object: string | number
  /** has_column_privilege's column, by name or attnum. */
  readonly column?: string | number
  readonly privilege: string
}

const allowed: Readonly<Record<PrivilegeObjectKind, Readonly<Record<string, number>>>> = {
  table: {
    select: Privilege.select,
    insert: Privilege.insert,
    update: Privilege.update,
    delete: Privilege.delete,
    truncate: Privilege.truncate,
    references: Privilege.references,
    trigger: Privilege.trigger,
    rule: 0,
  },
  column: {
    select: Privilege.select,
    insert: Privilege.insert,
    update: Privilege.update,
    references: Privilege.references,
  },
  'any column': {
    select: Privilege.select,
    insert: Privilege.insert,
    update: Privilege.update,
    references: Privilege.references,
  },
  sequence: { usage: Privilege.usage, select: Privilege.select, update: Privilege.update },
  schema: { create: Privilege.create, usage: Privilege.usage },
  function: { execute: Privilege.execute },
  database: {
    create: Privilege.create,
    connect: Privilege.connect,
    temporary: Privilege.temporary,
    temp: Privilege.temporary,
  },
}

/** The privilege list as (privileges, with grant option) masks; 22023 for an unknown word. */
function parsePrivileges(
  kind: PrivilegeObjectKind,
  text: string,
): { plain: number; options: number } {
  let plain = 0
  let options = 0
  for (const part of text.split(',')) {
    const words = part.trim().toLowerCase().split(/\s+/)
    const withOption =
      words.length === 4 && words[1] === 'with' && words[2] === 'grant' && words[3] === 'option'
    const bit = words.length === 1 || withOption ? allowed[kind][words[0] ?? ''] : undefined
    if (bit === undefined) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `unrecognized privilege type: "${part.trim()}"`,
      )
    }
    if (withOption) options |= bit
    else plain |= bit
  }
  return { plain, options }
}

/** Splits `schema.name` (double quotes kept as written, unquoted parts folded to lower case). */
function qualifiedName(text: string): { schema: string | undefined; name: string } {
  const parts: string[] = []
  const pattern = /\s*(?:"((?:[^"]|"")*)"|([^."]+))\s*(\.|$)/y
  let match = pattern.exec(text)
  while (match !== null && parts.length < 4) {
    parts.push(
      match[1] !== undefined ? match[1].replaceAll('""', '"') : (match[2] ?? '').toLowerCase(),
    )
    if (match[3] === '' || pattern.lastIndex >= text.length) break
    match = pattern.exec(text)
  }
  if (parts.length === 0) {
    throw new SqlError(SqlState.invalidName, `invalid name syntax`)
  }
  const name = parts[parts.length - 1] ?? ''
  return { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name }
}

function relationOf(
  catalog: Catalog,
  searchPath: SearchPath,
  object: string | number,
): Relation | undefined {
  if (typeof object === 'number') return catalog.findRelationByOid(object)
  const { schema, name } = qualifiedName(object)
  const found = catalog.resolveRelation(schema, name, searchPath)
  if (found === undefined || found.kind === 'index') {
    const shown = schema === undefined ? name : `${schema}.${name}`
    throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
  }
  return found
}

/** The target the question names; undefined when an OID names nothing (the answer is NULL). */
function targetOf(
  catalog: Catalog,
  searchPath: SearchPath,
  question: PrivilegeQuestion,
): AclTarget | undefined {
  const { kind, object } = question
  switch (kind) {
    case 'table':
    case 'any column':
    case 'column': {
      const relation = relationOf(catalog, searchPath, object)
      if (relation === undefined) return undefined
      if (kind !== 'column') return { kind: 'relation', relation }
      const columns = relation.kind === 'sequence' ? [] : relation.columns
      const column = question.column
      const index =
        typeof column === 'number'
          ? columns.findIndex((c, i) => ('number' in c ? c.number : i + 1) === column)
          : columns.findIndex((c) => c.name === column)
      if (index < 0) {
        if (typeof column === 'number') return undefined
        throw new SqlError(
          SqlState.undefinedColumn,
          `column "${column}" of relation "${relation.name}" does not exist`,
        )
      }
      return { kind: 'column', relation, column: index + 1 }
    }
    case 'sequence': {
      const relation = relationOf(catalog, searchPath, object)
      if (relation === undefined) return undefined
      if (relation.kind !== 'sequence') {
        throw new SqlError(SqlState.wrongObjectType, `"${relation.name}" is not a sequence`)
      }
      return { kind: 'relation', relation }
    }
    case 'schema': {
      const schema =
        typeof object === 'number'
          ? [...catalog.schemas()].find((s) => s.oid === object)
          : catalog.findSchema(object)
      if (schema === undefined && typeof object === 'string') {
        throw new SqlError(SqlState.invalidSchemaName, `schema "${object}" does not exist`)
      }
      return schema === undefined ? undefined : { kind: 'schema', schema }
    }
    case 'function': {
      if (typeof object === 'number') {
        const fn = catalog.findFunctionByOid(object)
        return fn === undefined ? undefined : { kind: 'function', fn }
      }
      const open = object.indexOf('(')
      const { schema, name } = qualifiedName(open < 0 ? object : object.slice(0, open))
      const args = open < 0 ? '' : object.slice(open + 1, object.lastIndexOf(')')).trim()
      const count = args === '' ? 0 : args.split(',').length
      const fn = catalog
        .functionsNamed(name)
        .find(
          (f) =>
            (schema === undefined ? searchPath.includes(f.schema) : f.schema === schema) &&
            f.parameters.length === count,
        )
      if (fn === undefined) {
        throw new SqlError(SqlState.undefinedFunction, `function "${object}" does not exist`)
      }
      return { kind: 'function', fn }
    }
    case 'database':
      if (object !== databaseName && object !== 1 && typeof object === 'string') {
        throw new SqlError(SqlState.undefinedDatabase, `database "${object}" does not exist`)
      }
      return object === databaseName || object === 1 ? { kind: 'database' } : undefined
  }
}

/** The answer: whether `user` holds any of the privileges; null when an OID names nothing. */
export function answerPrivilegeQuestion(
  catalog: Catalog,
  searchPath: SearchPath,
  question: PrivilegeQuestion,
): boolean | null {
  const role = catalog.getRole(question.user)
  const { plain, options } = parsePrivileges(question.kind, question.privilege)
  const target = targetOf(catalog, searchPath, question)
  if (target === undefined) return null
  if (question.kind === 'any column' && target.kind === 'relation') {
    if (plain !== 0 && hasAnyColumnPrivilege(catalog, target.relation, role, plain)) return true
  }
  const holds = (t: AclTarget): boolean =>
    (plain !== 0 && privilegesOf(catalog, t, role, plain) !== 0) ||
    (options !== 0 && privilegesOf(catalog, t, role, options, true) !== 0)
  if (holds(target)) return true
  if (target.kind === 'column') return holds({ kind: 'relation', relation: target.relation })
  return false
}
