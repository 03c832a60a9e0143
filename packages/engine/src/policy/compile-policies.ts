/**
 * JSON policy documents → SQL: each valid document becomes one `CREATE POLICY` statement, in
 * input order, identifiers quoted only where PostgreSQL needs it, so the same documents always
 * give byte-identical SQL. Every document is checked before any statement is returned: the
 * table must exist and each expression must bind as a boolean over its rows (the engine's
 * binder decides; unknown columns, functions and syntax errors are named with the document).
 */
import { SqlState } from '../errors/index.js'
import { policyDocumentsMax, policyExpressionBytesMax } from '../limits.js'
import { quoteIdent } from '../sql/functions/index.js'
import { scanExpression } from './expression-text.js'
import { notationError, type PolicyDocument, readPolicyDocument } from './policy-document.js'
import {
  checkExpression,
  checkSessionUsable,
  findTableError,
  type PolicySession,
  qualifiedName,
} from './policy-session.js'

/** Compiled policies: statements in the order they must run, each without a trailing `;`. */
export interface CompiledPolicies {
  readonly statements: readonly string[]
}

/** The statements as a script: one per line (or more), each ended by `;`. */
export function formatCompiledPolicies(compiled: CompiledPolicies): string {
  return compiled.statements.map((statement) => `${statement};\n`).join('')
}

/** Validates `input` (an array of policy documents, or one document) and compiles it. */
export async function compilePolicyDocuments(
  session: PolicySession,
  input: unknown,
): Promise<CompiledPolicies> {
  checkSessionUsable(session)
  const items = Array.isArray(input) ? input : [input]
  checkCount(items.length, 'policy documents')
  const statements: string[] = []
  const seen = new Set<string>()
  for (const [index, item] of items.entries()) {
    const document = readPolicyDocument(item, `policies[${index}]`)
    const label = `policies[${index}] (${JSON.stringify(document.name)})`
    const key = JSON.stringify([document.schema, document.table, document.name])
    if (seen.has(key)) {
      throw notationError(
        label,
        `policy "${document.name}" for table "${document.table}" appears twice`,
        SqlState.duplicateObject,
      )
    }
    seen.add(key)
    await checkDocument(session, document, label)
    statements.push(createPolicyStatement(document))
  }
  return { statements }
}

export function checkCount(count: number, what: string): void {
  if (count > policyDocumentsMax) {
    throw notationError(
      'policy compiler',
      `${count} ${what} are more than the ${policyDocumentsMax} allowed at once`,
      SqlState.programLimitExceeded,
    )
  }
}

async function checkDocument(
  session: PolicySession,
  document: PolicyDocument,
  label: string,
): Promise<void> {
  const tableError = await findTableError(session, document.schema, document.table)
  if (tableError !== undefined) {
    throw notationError(label, `field "table": ${tableError.message}`, tableError.code, tableError)
  }
  for (const field of ['using', 'check'] as const) {
    const expression = document[field]
    if (expression === undefined) continue
    checkExpressionText(expression, label, `field "${field}"`, false)
    await checkExpression(session, document, expression, { label, field: `field "${field}"` })
  }
}

/** The lexical check of expression-text.ts; returns the scanned parts. */
export function checkExpressionText(
  expression: string,
  label: string,
  field: string,
  isClaimAllowed: boolean,
): ReturnType<typeof scanExpression> & { kind: 'parts' } {
  if (Buffer.byteLength(expression, 'utf8') > policyExpressionBytesMax) {
    throw notationError(
      label,
      `${field} is longer than ${policyExpressionBytesMax} bytes`,
      SqlState.programLimitExceeded,
    )
  }
  const scanned = scanExpression(expression, { isClaimAllowed })
  if (scanned.kind === 'problem') {
    throw notationError(label, `${field}: ${scanned.problem}`, SqlState.syntaxError)
  }
  return scanned
}

/** A role in a TO list: `public` is the keyword PUBLIC, anything else a role name. */
export function roleSpecification(role: string): string {
  return role === 'public' ? 'PUBLIC' : quoteIdent(role)
}

export function createPolicyStatement(document: PolicyDocument): string {
  const parts = [
    `CREATE POLICY ${quoteIdent(document.name)}`,
    `ON ${qualifiedName(document.schema, document.table)}`,
    `AS ${document.isPermissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`,
    `FOR ${document.command.toUpperCase()}`,
    `TO ${document.roles.map(roleSpecification).join(', ')}`,
  ]
  if (document.using !== undefined) parts.push(`USING (${document.using.trim()})`)
  if (document.check !== undefined) parts.push(`WITH CHECK (${document.check.trim()})`)
  return parts.join(' ')
}
