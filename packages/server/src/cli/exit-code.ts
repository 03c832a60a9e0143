/**
 * Exit codes of the `bkg-db` command, and the one place that maps a failure to its code:
 *
 *   0    success (also a clean shutdown after SIGINT/SIGTERM)
 *   1    failure: an unexpected error, credentials.json unreadable, the engine failed to open
 *   2    the user's input is wrong: usage, configuration, an input file (policy compile), or a
 *        port that cannot be listened on
 *   130  a second SIGINT/SIGTERM cut shutdown short (main.ts)
 */
import { ConfigError } from '../config.js'
import { DataDirInUseError } from '../data-dir-lock.js'
import { ListenError } from '../errors/index.js'
import { InputError, UsageError } from './usage-error.js'

export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  interrupted: 130,
} as const

export function exitCodeFor(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof InputError ||
    error instanceof ConfigError ||
    error instanceof ListenError ||
    error instanceof DataDirInUseError
  ) {
    return ExitCode.usage
  }
  return ExitCode.failure
}
