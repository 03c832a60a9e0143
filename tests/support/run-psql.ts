/**
 * runPsql: runs the real psql against a server, the way a user would:
 *   psql -h 127.0.0.1 -p PORT -U postgres -X -v ON_ERROR_STOP=1 -d postgres
 * with the password in PGPASSWORD and the script on stdin. VERBOSITY=verbose makes psql print
 * each error's SQLSTATE (`ERROR:  42P01: relation "x" does not exist`).
 */
import { repoPaths } from './repo-paths.js'
import { type CommandResult, cleanEnv, runCommand } from './run-command.js'

export interface PsqlOptions {
  readonly port: number
  readonly password: string
  /** SQL (and psql meta-commands) fed on stdin. */
  readonly script: string
  /** Default `postgres`. */
  readonly database?: string
}

export function runPsql(options: PsqlOptions): Promise<CommandResult> {
  const args = [
    '-h',
    '127.0.0.1',
    '-p',
    String(options.port),
    '-U',
    'postgres',
    '-d',
    options.database ?? 'postgres',
    '-X',
    '-v',
    'ON_ERROR_STOP=1',
    '-v',
    'VERBOSITY=verbose',
  ]
  return runCommand(repoPaths.psql, args, {
    env: cleanEnv({ PGPASSWORD: options.password, PGCONNECT_TIMEOUT: '10' }),
    stdin: options.script,
  })
}
