/**
 * Request identity: the schema `auth` and Supabase's four SQL helpers over the JWT claims a
 * request carries. The server (or PostgREST-style clients) puts the verified claims in the
 * transaction-local setting `request.jwt.claims` (JSON text, `set_config(..., true)`); older
 * Supabase code sets one setting per claim (`request.jwt.claim.sub`), which wins when set.
 *
 *   auth.uid()   uuid   the `sub` claim          auth.role()  text   the `role` claim
 *   auth.email() text   the `email` claim        auth.jwt()   jsonb  all claims
 *
 * The definitions are Supabase's (supabase/postgres migrations): STABLE SQL functions whose body
 * is one expression, so the planner inlines them (plan/rules/inline-functions.ts) and the
 * executor computes the inlined expression once per statement execution; `WHERE user_id =
 * auth.uid()` is an index condition. A missing claim or setting is NULL; claims that are not
 * JSON fail with 22P02 like any bad jsonb cast.
 *
 * Invariants:
 *   1. Opening a database (new or created before these helpers existed) leaves schema `auth`
 *      and every helper below in the catalog; a helper that already exists (also one the user
 *      replaced) is left as it is.
 *   2. Installation is one transaction: either all missing helpers appear or none.
 * Tests: auth-helpers.test.ts, testscripts/planner/function-inlining.
 */
import type { Catalog } from '../catalog/index.js'
import { SqlError } from '../errors/index.js'
import type { Session } from './session.js'

/** One helper: its name in schema `auth` and the statement that creates it. */
interface AuthHelper {
  readonly name: string
  readonly definition: string
}

/** The text of a claim: the legacy per-claim setting when set, else the claims JSON's field. */
function claimText(claim: string): string {
  return (
    `coalesce(nullif(current_setting('request.jwt.claim.${claim}', true), ''), ` +
    `(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> '${claim}'))`
  )
}

function claimFunction(name: string, claim: string, type: 'uuid' | 'text'): AuthHelper {
  return {
    name,
    definition:
      `CREATE FUNCTION auth.${name}() RETURNS ${type} LANGUAGE sql STABLE ` +
      `AS $$ select ${claimText(claim)}::${type} $$`,
  }
}

export const authHelpers: readonly AuthHelper[] = [
  claimFunction('uid', 'sub', 'uuid'),
  claimFunction('role', 'role', 'text'),
  claimFunction('email', 'email', 'text'),
  {
    name: 'jwt',
    definition:
      `CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$ select coalesce(` +
      `nullif(current_setting('request.jwt.claim', true), ''), ` +
      `nullif(current_setting('request.jwt.claims', true), ''))::jsonb $$`,
  },
]

/** The statements that would complete schema `auth` in `catalog` (none when it is complete). */
export function missingAuthHelperStatements(catalog: Catalog): string[] {
  const statements: string[] = []
  if (catalog.findSchema('auth') === undefined) statements.push('CREATE SCHEMA auth')
  for (const helper of authHelpers) {
    const exists = catalog
      .functionsNamed(helper.name)
      .some((fn) => fn.schema === 'auth' && fn.parameters.length === 0)
    if (!exists) statements.push(helper.definition)
  }
  return statements
}

/** Creates what is missing of schema `auth` through `session`, in one transaction with
 * `more` statements (the starting privileges, session/default-privileges.ts). */
export async function installAuthHelpers(
  session: Session,
  catalog: Catalog,
  more: readonly string[] = [],
): Promise<void> {
  const statements = [...missingAuthHelperStatements(catalog), ...more]
  if (statements.length === 0) return
  const { error } = await session.execute(['BEGIN', ...statements, 'COMMIT'].join(';\n'))
  if (error !== undefined) {
    await session.execute('ROLLBACK')
    throw new SqlError(
      error.code,
      `could not create the auth schema helpers: ${error.message}`,
      {},
      { cause: error },
    )
  }
}
