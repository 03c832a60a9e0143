/**
 * System information and settings functions: version(), current_setting(), set_config(), and
 * the session information functions behind CURRENT_USER, SESSION_USER, CURRENT_CATALOG and
 * CURRENT_SCHEMA (bind/bind-value-function.ts). Volatility and strictness as in pg_proc.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import type { Value } from '../../../types/index.js'
import { engineVersion, postgresVersion } from '../../../version.js'
import type { BackendAccess, BuiltinFamily, BuiltinFunction, CallContext } from '../registry.js'

/**
 * pg_has_role([user,] role, privilege): users and roles by name or OID; without a user, the
 * current role. Stable (membership changes between statements).
 */
function pgHasRole(): BuiltinFunction[] {
  const roleOf = (value: Value, call: CallContext): string =>
    typeof value === 'string' ? value : roleAccess(call).roleName(Number(value))
  const variants: { args: ('name' | 'oid' | 'text')[]; hasUser: boolean }[] = [
    { args: ['name', 'name', 'text'], hasUser: true },
    { args: ['name', 'oid', 'text'], hasUser: true },
    { args: ['oid', 'name', 'text'], hasUser: true },
    { args: ['oid', 'oid', 'text'], hasUser: true },
    { args: ['name', 'text'], hasUser: false },
    { args: ['oid', 'text'], hasUser: false },
  ]
  return variants.map(({ args, hasUser }) => ({
    name: 'pg_has_role',
    args,
    returns: 'bool',
    volatility: 'stable',
    isStrict: true,
    evaluate: (values, call) => {
      const [first, second, third] = values
      const user = hasUser
        ? roleOf(first ?? null, call)
        : (call.currentUser ?? call.sessionUser ?? 'postgres')
      const role = roleOf((hasUser ? second : first) ?? null, call)
      const privilege = text((hasUser ? third : second) ?? '')
      return roleAccess(call).hasRole(user, role, privilege)
    },
  }))
}

function roleAccess(call: CallContext): NonNullable<CallContext['roles']> {
  if (call.roles === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'pg_has_role needs a session')
  }
  return call.roles
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value)
}

function sessionInformation(name: string, evaluate: (call: CallContext) => Value): BuiltinFunction {
  return {
    name,
    args: [],
    returns: 'name',
    volatility: 'stable',
    isStrict: true,
    evaluate: (_args, call) => evaluate(call),
  }
}

function backendOf(call: CallContext): BackendAccess {
  if (call.backend === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'no backend runs this call')
  }
  return call.backend
}

/**
 * The first schema of search_path, "$user" standing for the session's user. Simplification: a
 * schema is not checked to exist (the catalog has only public and pg_catalog), except that
 * "$user" is skipped as PostgreSQL skips it when no schema has the user's name.
 */
function currentSchema(call: CallContext): Value {
  const path = call.settings.get('search_path', true) ?? ''
  for (const entry of path.split(',')) {
    const name = entry.trim().replace(/^"(.*)"$/, '$1')
    if (name !== '' && name !== '$user') return name
  }
  return null
}

export const systemBuiltins: BuiltinFamily = {
  functions: [
    {
      name: 'version',
      args: [],
      returns: 'text',
      volatility: 'stable',
      isStrict: true,
      // Drivers read the leading "PostgreSQL <major>.<minor>"; the rest says what it is.
      evaluate: () => `PostgreSQL ${postgresVersion} (bkg-db ${engineVersion}), 64-bit`,
    },
    {
      name: 'current_setting',
      args: ['text'],
      returns: 'text',
      volatility: 'stable',
      isStrict: true,
      evaluate: ([name], call) => call.settings.get(text(name), false),
    },
    {
      name: 'current_setting',
      args: ['text', 'bool'],
      returns: 'text',
      volatility: 'stable',
      isStrict: true,
      evaluate: ([name, isMissingOk], call) => call.settings.get(text(name), isMissingOk === true),
    },
    {
      // Not strict: a NULL value resets to the default; a NULL is_local means false.
      name: 'set_config',
      args: ['text', 'text', 'bool'],
      returns: 'text',
      volatility: 'volatile',
      isStrict: false,
      evaluate: ([name, value, isLocal], call) => {
        if (name === null)
          throw new SqlError(SqlState.nullValueNotAllowed, 'SET requires parameter name')
        return call.settings.set(text(name), value === null ? '' : text(value), isLocal === true)
      },
    },
    sessionInformation(
      'current_user',
      (call) => call.currentUser ?? call.sessionUser ?? 'postgres',
    ),
    sessionInformation('session_user', (call) => call.sessionUser ?? 'postgres'),
    sessionInformation('current_database', (call) => call.databaseName ?? 'postgres'),
    sessionInformation('current_schema', currentSchema),
    {
      name: 'pg_backend_pid',
      args: [],
      returns: 'int4',
      volatility: 'stable',
      isStrict: true,
      evaluate: (_args, call) => backendOf(call).pid,
    },
    {
      name: 'pg_cancel_backend',
      args: ['int4'],
      returns: 'bool',
      volatility: 'volatile',
      isStrict: true,
      // False for a pid no session has (PostgreSQL also warns; functions raise no notices here).
      evaluate: ([pid], call) => backendOf(call).cancel(Number(pid)),
    },
    ...pgHasRole(),
  ],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
