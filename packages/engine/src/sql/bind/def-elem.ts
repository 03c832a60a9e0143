/**
 * Option values of utility statements (PostgreSQL's defGetBoolean / defGetString over DefElem):
 * EXPLAIN, COPY and VACUUM read their options through these, with PostgreSQL's errors.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { DefElem } from '../parse/index.js'

/** PostgreSQL's defGetBoolean: no value is true; 0/1, true/false, on/off, yes/no. */
export function defBoolean(option: DefElem): boolean {
  const arg = option.arg
  if (arg === undefined) return true
  if ('Integer' in arg) {
    const value = arg.Integer.ival ?? 0
    if (value === 0 || value === 1) return value === 1
  } else if ('String' in arg) {
    const text = (arg.String.sval ?? '').toLowerCase()
    if (['true', 'on', 'yes', 't', 'y'].includes(text)) return true
    if (['false', 'off', 'no', 'f', 'n'].includes(text)) return false
  } else if ('Boolean' in arg) {
    return arg.Boolean.boolval === true
  }
  throw new SqlError(SqlState.syntaxError, `${option.defname ?? ''} requires a Boolean value`)
}

/** PostgreSQL's defGetString: the option's value as text (42601 when it has none). */
export function defString(option: DefElem): string {
  const arg = option.arg
  if (arg === undefined) {
    throw new SqlError(SqlState.syntaxError, `${option.defname ?? ''} requires a parameter`)
  }
  if ('String' in arg) return arg.String.sval ?? ''
  if ('Integer' in arg) return String(arg.Integer.ival ?? 0)
  if ('Float' in arg) return arg.Float.fval ?? ''
  if ('Boolean' in arg) return arg.Boolean.boolval === true ? 'true' : 'false'
  if ('TypeName' in arg) {
    const names = arg.TypeName.names ?? []
    const last = names[names.length - 1]
    if (last !== undefined && 'String' in last) return last.String.sval ?? ''
  }
  throw new SqlError(SqlState.syntaxError, `${option.defname ?? ''} requires a parameter`)
}
