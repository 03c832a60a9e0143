/**
 * Text output format of values (PostgreSQL's type output functions): what DataRow carries in
 * text mode and what psql prints.
 */

import { behaviourOf, isTypeImplementedWithoutBehaviour } from './behaviours.js'
import type { SqlType } from './sql-type.js'
import type { TypeContext } from './type-behaviour.js'
import { typeOids } from './type-oids.js'
import type { Value } from './value.js'

/** The text form of `value` of type `typeOid`, or null for SQL NULL. */
export function formatValueText(value: Value, typeOid: number): string | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeOid === typeOids.bool) return value ? 't' : 'f'
  return String(value)
}

/** The text form of a non-NULL value of `type` under the session's settings. */
export function formatValue(value: Value, type: SqlType, context: TypeContext): string {
  if (isTypeImplementedWithoutBehaviour(type)) return formatValueText(value, type.oid) ?? ''
  return behaviourOf(type).output(value, type, context)
}
