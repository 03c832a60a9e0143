/**
 * DBAL ACL → SQL, deny by default. For each entity's table, in order of first mention:
 *
 *   ALTER TABLE t ENABLE ROW LEVEL SECURITY                     no policy, no row
 *   REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLE t FROM <every role the document names>
 *   GRANT <the privileges the rules give a role> ON TABLE t TO <role>   one per role
 *
 * then, per rule and operation, a policy named `dbal_<rule index>_<operation>` (dropped first,
 * so applying the same document twice gives the same state):
 *
 *   read   FOR SELECT USING (filter)        create  FOR INSERT WITH CHECK (filter)
 *   update FOR UPDATE USING (filter) WITH CHECK (filter)      delete  FOR DELETE USING (filter)
 *
 * A rule without a filter allows every row (`true`). `$user.<name>` in a filter reads the JWT
 * claim `<name>` (or what `claims:` maps it to) as `(auth.jwt() ->> 'claim')`, cast to the type
 * the engine infers for that place: the filter is prepared with a parameter in place of each
 * reference, and the parameter's inferred type is the cast (text needs none). A claim missing
 * from the JWT is NULL, so the comparison is not true and the row is not visible.
 *
 * Every rule is checked before anything is returned (entity, operations, roles, filter syntax,
 * columns and functions the filter names, claim types): an invalid rule is an error naming the
 * rule, never a partial result.
 */
import { SqlState } from '../errors/index.js'
import { quoteIdent, quoteLiteral } from '../sql/functions/index.js'
import { sqlTypes } from '../types/index.js'
import {
  type AclDocument,
  type AclOperation,
  type AclRule,
  operationCommands,
  readAclDocument,
  unknownEntity,
} from './acl-rules.js'
import {
  type CompiledPolicies,
  checkCount,
  checkExpressionText,
  roleSpecification,
} from './compile-policies.js'
import { tableCandidates } from './entity-tables.js'
import { substituteClaims } from './expression-text.js'
import { notationError } from './policy-document.js'
import {
  checkExpression,
  checkSessionUsable,
  findTableError,
  type PolicySession,
  qualifiedName,
} from './policy-session.js'

interface TableName {
  readonly schema: string
  readonly table: string
}

/** A rule with its table found and its filter in final SQL form. */
interface CompiledRule {
  readonly rule: AclRule
  readonly target: TableName
  readonly roles: readonly string[]
  readonly condition: string
}

export async function compileAcl(
  session: PolicySession,
  input: unknown,
): Promise<CompiledPolicies> {
  checkSessionUsable(session)
  const document = readAclDocument(input)
  checkCount(document.rules.length, 'ACL rules')
  const tables = new Map<string, TableName>()
  const compiled: CompiledRule[] = []
  for (const rule of document.rules) {
    const target = await resolveTable(session, document, rule, tables)
    const roles = rule.roles.map((role) => document.roleNames.get(role) ?? role)
    const condition = await compileFilter(session, document, rule, target)
    compiled.push({ rule, target, roles, condition })
  }
  return { statements: [...tableStatements(compiled), ...policyStatements(compiled)] }
}

/** The rule's table: `table:` exactly, else the first of the entity's candidate names. */
async function resolveTable(
  session: PolicySession,
  document: AclDocument,
  rule: AclRule,
  found: Map<string, TableName>,
): Promise<TableName> {
  const schema = rule.schema ?? document.schema
  const names = rule.table === undefined ? tableCandidates(rule.entity) : [rule.table]
  const key = JSON.stringify([schema, ...names])
  const known = found.get(key)
  if (known !== undefined) return known
  for (const table of names) {
    const error = await findTableError(session, schema, table)
    if (error === undefined) {
      const target = { schema, table }
      found.set(key, target)
      return target
    }
    if (error.code !== SqlState.undefinedTable) {
      throw notationError(ruleLabel(rule), error.message, error.code, error)
    }
  }
  throw unknownEntity(rule, schema, names)
}

function ruleLabel(rule: AclRule): string {
  return `rules[${rule.index}] (entity ${rule.entity})`
}

/** The filter with each `$user.<name>` replaced by its typed claim expression; `true` without. */
async function compileFilter(
  session: PolicySession,
  document: AclDocument,
  rule: AclRule,
  target: TableName,
): Promise<string> {
  if (rule.filter === undefined) return 'true'
  const label = ruleLabel(rule)
  const field = 'row_level_filter'
  const { parts } = checkExpressionText(rule.filter, label, field, true)
  const withParameters = substituteClaims(parts, (_name, index) => `$${index + 1}`).trim()
  const types = await checkExpression(session, target, withParameters, { label, field })
  const condition = substituteClaims(parts, (name, index) => {
    const claim = document.claimNames.get(name) ?? name
    return claimExpression(claim, types[index] ?? textOid, label, name)
  }).trim()
  // The final text must bind too (auth.jwt() exists, the casts are valid).
  await checkExpression(session, target, condition, { label, field })
  return condition
}

const textOid = sqlTypes.text.oid
const unknownOid = 705

/** SQL type names by pg_type OID, for the casts of claims (built-in types and their arrays). */
const typeNames = new Map<number, string>()
for (const type of Object.values(sqlTypes)) {
  typeNames.set(type.oid, type.displayName)
  if (type.arrayOid !== 0) typeNames.set(type.arrayOid, `${type.displayName}[]`)
}

function claimExpression(claim: string, typeOid: number, label: string, name: string): string {
  const text = `(auth.jwt() ->> ${quoteLiteral(claim)})`
  if (typeOid === textOid || typeOid === unknownOid || typeOid === 0) return text
  const typeName = typeNames.get(typeOid)
  if (typeName === undefined) {
    throw notationError(
      label,
      `row_level_filter: $user.${name} is used as a value of type OID ${typeOid}, which a claim cannot be cast to`,
      SqlState.datatypeMismatch,
    )
  }
  return `${text}::${typeName}`
}

/** ENABLE ROW LEVEL SECURITY, REVOKE and GRANT per table, tables in order of first mention. */
function tableStatements(compiled: readonly CompiledRule[]): string[] {
  const everyRole = unique(compiled.flatMap((item) => item.roles))
  const byTable = new Map<string, { target: TableName; grants: Map<string, Set<string>> }>()
  for (const item of compiled) {
    const name = qualifiedName(item.target.schema, item.target.table)
    const entry = byTable.get(name) ?? { target: item.target, grants: new Map() }
    byTable.set(name, entry)
    for (const role of item.roles) {
      const privileges = entry.grants.get(role) ?? new Set<string>()
      entry.grants.set(role, privileges)
      for (const operation of item.rule.operations) {
        privileges.add(operationCommands[operation])
      }
    }
  }
  const statements: string[] = []
  const privilegeOrder = ['SELECT', 'INSERT', 'UPDATE', 'DELETE']
  for (const [name, entry] of byTable) {
    statements.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`)
    const revoked = everyRole.map(roleSpecification).join(', ')
    statements.push(`REVOKE ${privilegeOrder.join(', ')} ON TABLE ${name} FROM ${revoked}`)
    for (const [role, privileges] of entry.grants) {
      const granted = privilegeOrder.filter((privilege) => privileges.has(privilege))
      statements.push(`GRANT ${granted.join(', ')} ON TABLE ${name} TO ${roleSpecification(role)}`)
    }
  }
  return statements
}

function policyStatements(compiled: readonly CompiledRule[]): string[] {
  const statements: string[] = []
  for (const { rule, target, roles, condition } of compiled) {
    const table = qualifiedName(target.schema, target.table)
    for (const operation of rule.operations) {
      const name = quoteIdent(`dbal_${rule.index}_${operation}`)
      statements.push(`DROP POLICY IF EXISTS ${name} ON ${table}`)
      statements.push(
        `CREATE POLICY ${name} ON ${table} AS PERMISSIVE FOR ${operationCommands[operation]} ` +
          `TO ${roles.map(roleSpecification).join(', ')} ${clauses(operation, condition)}`,
      )
    }
  }
  return statements
}

function clauses(operation: AclOperation, condition: string): string {
  switch (operation) {
    case 'read':
    case 'delete':
      return `USING (${condition})`
    case 'create':
      return `WITH CHECK (${condition})`
    case 'update':
      return `USING (${condition}) WITH CHECK (${condition})`
  }
}

function unique(items: readonly string[]): string[] {
  return items.filter((item, i) => items.indexOf(item) === i)
}
