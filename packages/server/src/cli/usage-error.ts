/** UsageError: the command line itself is wrong (unknown command or flag, missing value). */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
