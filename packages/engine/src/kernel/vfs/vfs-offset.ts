/**
 * Offsets and lengths of Vfs calls are safe non-negative integers: a fraction or a negative
 * offset is a bug in the caller (a miscomputed page number), never an I/O condition.
 */
import { assert } from '../../lib/assert.js'

export function assertVfsOffset(offset: number): void {
  assert(Number.isSafeInteger(offset), 'a file offset is an integer')
  assert(offset >= 0, 'a file offset is not negative')
}
