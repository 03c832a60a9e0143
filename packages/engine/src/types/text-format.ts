/**
 * Text output format of values (PostgreSQL's type output functions): what DataRow carries in
 * text mode and what psql prints.
 */

import { typeOids } from './type-oids.js'
import type { Value } from './value.js'

/** The text form of `value` of type `typeOid`, or null for SQL NULL. */
export function formatValueText(value: Value, typeOid: number): string | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeOid === typeOids.bool) return value ? 't' : 'f'
  return String(value)
}
