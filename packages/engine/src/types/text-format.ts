/**
 * Text output format of values (PostgreSQL's type output functions): what DataRow carries in
 * text mode and what psql prints.
 */

import { behaviourOf, isTypeImplementedWithoutBehaviour } from './behaviours.js'
import { findTypeByOid, type SqlType } from './sql-type.js'
import { defaultTypeContext, type TypeContext } from './type-behaviour.js'
import { typeOids } from './type-oids.js'
import type { Value } from './value.js'

/** The text form of `value` of a type (or a built-in type's OID), or null for SQL NULL;
 * `context` carries the session settings output depends on (TimeZone, DateStyle, ...). User
 * types (enums, arrays of them) are known only by their SqlType (ColumnDescription.type). */
export function formatValueText(
  value: Value,
  typeOrOid: SqlType | number,
  context: TypeContext = defaultTypeContext,
): string | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 't' : 'f'
  const typeOid = typeof typeOrOid === 'number' ? typeOrOid : typeOrOid.oid
  if (typeOid === typeOids.bool) return value ? 't' : 'f'
  const type = typeof typeOrOid === 'number' ? findTypeByOid(typeOid) : typeOrOid
  if (type !== undefined && type.kind !== 'unknown' && !isTypeImplementedWithoutBehaviour(type)) {
    return behaviourOf(type).output(value, type, context)
  }
  return String(value)
}

/** The text form of a non-NULL value of `type` under the session's settings. */
export function formatValue(value: Value, type: SqlType, context: TypeContext): string {
  if (isTypeImplementedWithoutBehaviour(type)) return formatValueText(value, type.oid) ?? ''
  return behaviourOf(type).output(value, type, context)
}
