/**
 * The privileges a database starts with (issue #5): PostgreSQL 15's for schema `public` (USAGE
 * for PUBLIC, CREATE for its owner only) and pg_catalog (USAGE for PUBLIC), then what Supabase
 * grants its API roles: USAGE on `public` and `auth`, ALL on what `postgres` creates in `public`
 * (default privileges) and EXECUTE on the `auth` helpers. A data directory from before
 * privileges gets the same when opened, plus ALL on the objects `public` already holds, so
 * what the API roles could do before they still can. Runs once: afterwards ACLs are stored and
 * the user's GRANT / REVOKE are the truth.
 */
import type { Catalog } from '../catalog/index.js'

const apiRoles = ['anon', 'authenticated', 'service_role']

/** Whether the database never stored ACLs (new, or from before privileges). */
export function needsDefaultPrivileges(catalog: Catalog): boolean {
  return catalog.acls.size === 0
}

/** The statements granting the starting privileges (API roles that were dropped are skipped). */
export function defaultPrivilegeStatements(catalog: Catalog): string[] {
  const statements = [
    'GRANT USAGE ON SCHEMA pg_catalog TO PUBLIC',
    'GRANT USAGE ON SCHEMA public TO PUBLIC',
  ]
  const roles = apiRoles.filter((name) => catalog.findRole(name) !== undefined).join(', ')
  if (roles === '') return statements
  statements.push(`GRANT USAGE ON SCHEMA public TO ${roles}`)
  for (const kind of ['TABLES', 'SEQUENCES', 'FUNCTIONS']) {
    statements.push(`GRANT ALL ON ALL ${kind} IN SCHEMA public TO ${roles}`)
    if (catalog.findRole('postgres') !== undefined) {
      statements.push(
        `ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT ALL ON ${kind} TO ${roles}`,
      )
    }
  }
  // Schema auth exists by then: its helpers are created first, in the same transaction.
  statements.push(`GRANT USAGE ON SCHEMA auth TO ${roles}`)
  statements.push(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA auth TO ${roles}`)
  return statements
}
