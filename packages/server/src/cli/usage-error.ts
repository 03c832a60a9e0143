/** UsageError: the command line itself is wrong (unknown command or flag, missing value). */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** InputError: a file the command was given is wrong (unreadable, not YAML, invalid rules).
 * Exit code 2 like a usage error, without the "--help" hint: the message names the problem. */
export class InputError extends Error {
  override readonly name = 'InputError'
}
