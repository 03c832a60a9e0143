/**
 * JSON policy documents: one PostgreSQL policy as plain data (the REST `/policy` API and the
 * dashboard send these). Format, every field a JSON value of the type shown:
 *
 *   {
 *     "name": "own notes",            required; the policy's name (at most 63 bytes)
 *     "table": "notes",               required; a table of `schema`
 *     "schema": "public",             optional, default "public"
 *     "command": "select",            optional: select | insert | update | delete | all (default)
 *     "roles": ["authenticated"],     optional, default ["public"]; "public" means PUBLIC
 *     "using": "user_id = auth.uid()",  SQL boolean expression over the table's rows
 *     "check": "user_id = auth.uid()",  SQL boolean expression over new rows
 *     "permissive": true              optional, default true; false is AS RESTRICTIVE
 *   }
 *
 * PostgreSQL's rules: `check` is refused for select and delete, `using` for insert. Both are
 * optional otherwise, with PostgreSQL's meaning: a policy without `using` lets no existing row
 * through, one for insert without `check` admits no new row (write "true" to allow all).
 * Unknown fields are refused so a typo (`"usnig"`) is not silently a policy that allows all.
 */
import { SqlError, SqlState } from '../errors/index.js'

export type PolicyCommand = 'select' | 'insert' | 'update' | 'delete' | 'all'

export const policyCommands: readonly PolicyCommand[] = [
  'select',
  'insert',
  'update',
  'delete',
  'all',
]

/** A validated policy document, defaults filled in. */
export interface PolicyDocument {
  readonly name: string
  readonly schema: string
  readonly table: string
  readonly command: PolicyCommand
  readonly roles: readonly string[]
  readonly using: string | undefined
  readonly check: string | undefined
  readonly isPermissive: boolean
}

const documentFields = new Set([
  'name',
  'table',
  'schema',
  'command',
  'roles',
  'using',
  'check',
  'permissive',
])

/** PostgreSQL's NAMEDATALEN - 1: longer names are truncated by PostgreSQL; we refuse them. */
export const nameBytesMax = 63

/** Checks one document's shape; `label` names it in errors ("policy document 2"). */
export function readPolicyDocument(input: unknown, label: string): PolicyDocument {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw notationError(label, 'must be a JSON object')
  }
  const record = input as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!documentFields.has(key)) throw notationError(label, `unknown field "${key}"`)
  }
  const name = requiredName(record, 'name', label)
  const command = record.command ?? 'all'
  if (typeof command !== 'string' || !policyCommands.includes(command as PolicyCommand)) {
    throw notationError(label, `field "command" must be one of ${policyCommands.join(', ')}`)
  }
  const document: PolicyDocument = {
    name,
    schema: record.schema === undefined ? 'public' : requiredName(record, 'schema', label),
    table: requiredName(record, 'table', label),
    command: command as PolicyCommand,
    roles: readRoles(record.roles, label),
    using: optionalText(record, 'using', label),
    check: optionalText(record, 'check', label),
    isPermissive: readPermissive(record.permissive, label),
  }
  checkCommandExpressions(document, label)
  return document
}

/** PostgreSQL's CREATE POLICY rules for which expressions a command takes. */
function checkCommandExpressions(document: PolicyDocument, label: string): void {
  const { command } = document
  if (document.check !== undefined && (command === 'select' || command === 'delete')) {
    throw notationError(label, 'field "check": WITH CHECK cannot be applied to SELECT or DELETE')
  }
  if (document.using !== undefined && command === 'insert') {
    throw notationError(label, 'field "using": only WITH CHECK expression allowed for INSERT')
  }
}

function requiredName(record: Record<string, unknown>, field: string, label: string): string {
  const value = record[field]
  if (value === undefined) throw notationError(label, `field "${field}" is missing`)
  if (typeof value !== 'string' || value === '') {
    throw notationError(label, `field "${field}" must be a non-empty string`)
  }
  checkNameLength(value, `field "${field}"`, label)
  return value
}

export function checkNameLength(name: string, what: string, label: string): void {
  if (Buffer.byteLength(name, 'utf8') > nameBytesMax) {
    throw notationError(label, `${what} is longer than ${nameBytesMax} bytes`)
  }
}

function optionalText(
  record: Record<string, unknown>,
  field: string,
  label: string,
): string | undefined {
  const value = record[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw notationError(label, `field "${field}" must be a string`)
  return value
}

function readRoles(value: unknown, label: string): readonly string[] {
  if (value === undefined) return ['public']
  if (!Array.isArray(value) || value.length === 0) {
    throw notationError(label, 'field "roles" must be a non-empty array of role names')
  }
  const roles: string[] = []
  for (const role of value) {
    if (typeof role !== 'string' || role === '') {
      throw notationError(label, 'field "roles" must be a non-empty array of role names')
    }
    checkNameLength(role, `role "${role}"`, label)
    if (!roles.includes(role)) roles.push(role)
  }
  return roles
}

function readPermissive(value: unknown, label: string): boolean {
  if (value === undefined) return true
  if (typeof value !== 'boolean') throw notationError(label, 'field "permissive" must be a boolean')
  return value
}

/**
 * An invalid document or rule: the message starts with what it names (`label`), then the
 * problem. `code` is the SQLSTATE of the underlying engine error when there is one (42703 for
 * an unknown column), else 22023.
 */
export function notationError(
  label: string,
  problem: string,
  code = SqlState.invalidParameterValue,
  cause?: unknown,
): SqlError {
  return new SqlError(code, `${label}: ${problem}`, {}, cause === undefined ? {} : { cause })
}
