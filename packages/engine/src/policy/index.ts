/**
 * Policy notations: two ways to write row-level security that compile to PostgreSQL's own
 * statements (CREATE POLICY, ENABLE ROW LEVEL SECURITY, GRANT / REVOKE), so the engine and a
 * PostgreSQL backend install the same policies.
 *
 *   JSON policy documents (policy-document.ts)  → compilePolicyDocuments
 *   DBAL ACL documents (acl-rules.ts, from YAML) → compileAcl
 *   compiled statements → formatCompiledPolicies (text) or applyPolicies (one transaction)
 *
 * Not here: parsing YAML (the server's CLI parses it and passes plain objects), enforcing
 * policies (the binder does, issue #5), roles (CREATE ROLE). No network code.
 *
 * Invariants:
 *   1. Compilation is deterministic: the same input and schema give byte-identical statements.
 *   2. Nothing is returned for an input with any invalid document or rule; the error names it
 *      (`policies[2] ("own notes")`, `rules[1] (entity User)`) and the problem.
 *   3. An expression is pasted into SQL only after expression-text.ts found it one balanced
 *      expression (no `;`, comments or unbalanced parentheses) and the engine bound it over
 *      the target table.
 * Imports: types, sql/functions (quote_ident / quote_literal); a database only through the
 * PolicySession interface. Tests: *.test.ts here, fixtures/, tests/differential/policy-*.
 */
export { type AclDocument, type AclOperation, type AclRule, readAclDocument } from './acl-rules.js'
export { applyPolicies, type PolicyTarget } from './apply-policies.js'
export { compileAcl } from './compile-acl.js'
export {
  type CompiledPolicies,
  compilePolicyDocuments,
  formatCompiledPolicies,
} from './compile-policies.js'
export { plural, snakeCase, tableCandidates } from './entity-tables.js'
export {
  type PolicyCommand,
  type PolicyDocument,
  readPolicyDocument,
} from './policy-document.js'
export type { PolicySession } from './policy-session.js'
