/**
 * DBAL ACL documents, as DBAL users write them in YAML (the caller parses the YAML; this module
 * takes the plain object, so the engine depends on no YAML library):
 *
 *   schema: public              optional, default public: where entities' tables are
 *   roles:                      optional: DBAL role → database role (default: the same name)
 *     user: authenticated
 *   claims:                     optional: $user.<name> → JWT claim (default: the same name)
 *     id: sub
 *   rules:                      required, a list; each rule:
 *     - entity: PageConfig      required; table found by entity-tables.ts, or
 *       table: page_config      optional, the table's name exactly
 *       schema: app             optional, overrides the document's schema
 *       role: [user, admin]     required, a role or a list of roles
 *       operations: [read]      required: create, read, update, delete
 *       row_level_filter: "level <= $user.level"   optional SQL condition over the row
 *
 * Unknown keys are refused (a misspelt `row_level_fitler` must not silently allow every row).
 */
import { SqlState } from '../errors/index.js'
import { checkNameLength, notationError } from './policy-document.js'

export type AclOperation = 'create' | 'read' | 'update' | 'delete'

export const aclOperations: readonly AclOperation[] = ['create', 'read', 'update', 'delete']

export interface AclRule {
  /** Position in `rules` (0-based), for messages and policy names. */
  readonly index: number
  readonly entity: string
  readonly table: string | undefined
  readonly schema: string | undefined
  readonly roles: readonly string[]
  readonly operations: readonly AclOperation[]
  readonly filter: string | undefined
}

export interface AclDocument {
  readonly schema: string
  readonly roleNames: ReadonlyMap<string, string>
  readonly claimNames: ReadonlyMap<string, string>
  readonly rules: readonly AclRule[]
}

const documentKeys = new Set(['schema', 'roles', 'claims', 'rules'])
const ruleKeys = new Set(['entity', 'table', 'schema', 'role', 'operations', 'row_level_filter'])

export function readAclDocument(input: unknown): AclDocument {
  const record = objectOf(input, 'ACL document')
  for (const key of Object.keys(record)) {
    if (!documentKeys.has(key)) throw notationError('ACL document', `unknown key "${key}"`)
  }
  if (!Array.isArray(record.rules)) {
    throw notationError('ACL document', '"rules" must be a list of rules')
  }
  return {
    schema:
      record.schema === undefined ? 'public' : nameOf(record.schema, 'ACL document', 'schema'),
    roleNames: mappingOf(record.roles, 'roles'),
    claimNames: mappingOf(record.claims, 'claims'),
    rules: record.rules.map(readRule),
  }
}

function readRule(input: unknown, index: number): AclRule {
  const where = `rules[${index}]`
  const record = objectOf(input, where)
  const entity = nameOf(record.entity, where, 'entity')
  const label = `${where} (entity ${entity})`
  for (const key of Object.keys(record)) {
    if (!ruleKeys.has(key)) throw notationError(label, `unknown key "${key}"`)
  }
  const filter = record.row_level_filter
  if (filter !== undefined && filter !== null && typeof filter !== 'string') {
    throw notationError(label, '"row_level_filter" must be a string')
  }
  return {
    index,
    entity,
    table: record.table === undefined ? undefined : nameOf(record.table, label, 'table'),
    schema: record.schema === undefined ? undefined : nameOf(record.schema, label, 'schema'),
    roles: listOf(record.role, label, 'role').map((role) => {
      checkNameLength(role, `role "${role}"`, label)
      return role
    }),
    operations: listOf(record.operations, label, 'operations').map((operation) => {
      if (!aclOperations.includes(operation as AclOperation)) {
        throw notationError(
          label,
          `unknown operation "${operation}" (expected ${aclOperations.join(', ')})`,
        )
      }
      return operation as AclOperation
    }),
    filter: typeof filter === 'string' ? filter : undefined,
  }
}

function objectOf(input: unknown, label: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw notationError(label, 'must be a mapping')
  }
  return input as Record<string, unknown>
}

function nameOf(value: unknown, label: string, key: string): string {
  if (typeof value !== 'string' || value === '') {
    throw notationError(label, `"${key}" must be a non-empty string`)
  }
  checkNameLength(value, `"${key}"`, label)
  return value
}

/** A string or a list of strings, without repeats, not empty. */
function listOf(value: unknown, label: string, key: string): string[] {
  const items = typeof value === 'string' ? [value] : value
  if (!Array.isArray(items) || items.length === 0) {
    throw notationError(label, `"${key}" must be a name or a non-empty list of names`)
  }
  const names: string[] = []
  for (const item of items) {
    if (typeof item !== 'string' || item === '') {
      throw notationError(label, `"${key}" must be a name or a non-empty list of names`)
    }
    if (!names.includes(item)) names.push(item)
  }
  return names
}

function mappingOf(value: unknown, key: string): ReadonlyMap<string, string> {
  if (value === undefined) return new Map()
  const record = objectOf(value, `ACL document "${key}"`)
  const mapping = new Map<string, string>()
  for (const [name, target] of Object.entries(record)) {
    mapping.set(name, nameOf(target, `ACL document "${key}"`, name))
  }
  return mapping
}

/** PostgreSQL's command (and table privilege) for each operation. */
export const operationCommands: Readonly<
  Record<AclOperation, 'INSERT' | 'SELECT' | 'UPDATE' | 'DELETE'>
> = { create: 'INSERT', read: 'SELECT', update: 'UPDATE', delete: 'DELETE' }

/** An unknown entity: names the rule, the schema and every name tried. */
export function unknownEntity(rule: AclRule, schema: string, tried: readonly string[]): Error {
  const names = tried.map((name) => `"${name}"`).join(', ')
  return notationError(
    `rules[${rule.index}] (entity ${rule.entity})`,
    `unknown entity: no table ${names} in schema "${schema}"`,
    SqlState.undefinedTable,
  )
}
