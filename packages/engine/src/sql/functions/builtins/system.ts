/**
 * System information and settings functions: version(), current_setting(), set_config().
 * Volatility and strictness as in pg_proc.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { engineVersion, postgresVersion } from '../../../version.js'
import type { BuiltinFamily } from '../registry.js'

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value)
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
  ],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
