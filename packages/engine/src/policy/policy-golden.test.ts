/**
 * Golden tests of the policy notations: each directory under src/policy/fixtures holds a
 * schema (schema.sql), a JSON policy document list (policies.json) or a DBAL ACL document as
 * JSON (acl.json; the YAML form is tested through the CLI), and the SQL it compiles to
 * (expected.sql). Compiling twice must give byte-identical text (determinism). Run with
 * UPDATE_GOLDEN=1 to rewrite expected.sql after reading the diff.
 */
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../database.js'
import { run } from '../testing/session-assertions.js'
import { compileAcl } from './compile-acl.js'
import {
  type CompiledPolicies,
  compilePolicyDocuments,
  formatCompiledPolicies,
} from './compile-policies.js'
import type { PolicySession } from './policy-session.js'

const root = fileURLToPath(new URL('../../src/policy/fixtures', import.meta.url))

for (const name of readdirSync(root).sort()) {
  const dir = join(root, name)
  test(`policy golden ${name}`, async () => {
    const db = await openDatabase({ path: ':memory:' })
    try {
      const session = db.createSession({ user: 'postgres' })
      await run(session, readFileSync(join(dir, 'schema.sql'), 'utf8'))
      const compile = fixtureCompiler(dir)
      const first = formatCompiledPolicies(await compile(session))
      const second = formatCompiledPolicies(await compile(session))
      assert.equal(second, first, 'the same input compiles to byte-identical SQL')
      const expectedPath = join(dir, 'expected.sql')
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, first)
      assert.equal(first, readFileSync(expectedPath, 'utf8'))
    } finally {
      await db.close()
    }
  })
}

function fixtureCompiler(dir: string): (session: PolicySession) => Promise<CompiledPolicies> {
  const policiesPath = join(dir, 'policies.json')
  if (existsSync(policiesPath)) {
    const documents: unknown = JSON.parse(readFileSync(policiesPath, 'utf8'))
    return (session) => compilePolicyDocuments(session, documents)
  }
  const acl: unknown = JSON.parse(readFileSync(join(dir, 'acl.json'), 'utf8'))
  return (session) => compileAcl(session, acl)
}
