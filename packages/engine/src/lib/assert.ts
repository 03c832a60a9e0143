/**
 * Assertions that are always on. A failed assertion is a bug in bkg-db, never bad input: it
 * throws InternalError (SQLSTATE XX000), which aborts the current transaction.
 */
import { InternalError } from '../errors/index.js'

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(`assertion failed: ${message}`)
}

/** Ends every switch over a tagged union: the compiler proves it unreachable. */
export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`)
}
