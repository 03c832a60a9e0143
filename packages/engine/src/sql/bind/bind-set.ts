/**
 * SET, RESET and SHOW binding: the parameter name and its value as text (PostgreSQL passes
 * setting values to the parameter's own parser as strings; so does the session). Also the
 * transaction modes of SET TRANSACTION, SET SESSION CHARACTERISTICS and BEGIN.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { Node, VariableSetStmt } from '../parse/index.js'
import type { BoundSet, BoundSetTransaction, TransactionIsolation } from './bound.js'

/** A SET value as text (also CREATE FUNCTION ... SET name = value). */
export function valueText(node: Node): string {
  if ('A_Const' in node) {
    const constant = node.A_Const
    if (constant.sval !== undefined) return constant.sval.sval ?? ''
    if (constant.ival !== undefined) return String(constant.ival.ival ?? 0)
    if (constant.fval !== undefined) return constant.fval.fval ?? ''
    if (constant.boolval !== undefined) return constant.boolval.boolval === true ? 'on' : 'off'
  }
  if ('TypeCast' in node && node.TypeCast.arg !== undefined) return valueText(node.TypeCast.arg)
  throw new SqlError(SqlState.syntaxError, 'SET takes a constant value')
}

export function bindSet(statement: VariableSetStmt): BoundSet | BoundSetTransaction {
  const isLocal = statement.is_local === true
  switch (statement.kind) {
    case 'VAR_SET_VALUE':
      return {
        kind: 'Set',
        name: statement.name ?? '',
        value: (statement.args ?? []).map(valueText).join(', '),
        isLocal,
      }
    case 'VAR_SET_DEFAULT':
    case 'VAR_RESET':
      return { kind: 'Set', name: statement.name ?? '', value: undefined, isLocal }
    case 'VAR_RESET_ALL':
      return { kind: 'Set', name: undefined, value: undefined, isLocal: false }
    case 'VAR_SET_MULTI':
      return bindSetMulti(statement)
    default:
      throw new SqlError(
        SqlState.featureNotSupported,
        `SET ${statement.kind ?? ''} is not supported yet`,
      )
  }
}

/** SET TRANSACTION ... and SET SESSION CHARACTERISTICS AS TRANSACTION ... */
function bindSetMulti(statement: VariableSetStmt): BoundSetTransaction {
  const scope =
    statement.name === 'TRANSACTION'
      ? 'transaction'
      : statement.name === 'SESSION CHARACTERISTICS'
        ? 'session'
        : undefined
  if (scope === undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `SET ${statement.name ?? ''} is not supported yet`,
    )
  }
  return { kind: 'SetTransaction', scope, ...bindTransactionModes(statement.args ?? []) }
}

/**
 * Transaction modes (BEGIN, SET TRANSACTION, SET SESSION CHARACTERISTICS); a later mode of one
 * kind overrides an earlier one, as PostgreSQL applies them in order. SERIALIZABLE is refused
 * rather than run as something weaker; DEFERRABLE only matters for SERIALIZABLE READ ONLY, so
 * it is refused with it (NOT DEFERRABLE is what every transaction is).
 */
export function bindTransactionModes(options: readonly Node[]): {
  isolation?: TransactionIsolation
  isReadOnly?: boolean
} {
  const modes: { isolation?: TransactionIsolation; isReadOnly?: boolean } = {}
  for (const option of options) {
    if (!('DefElem' in option)) throw notSupported('this transaction mode')
    const { defname: name, arg } = option.DefElem
    const constant = arg !== undefined && 'A_Const' in arg ? arg.A_Const : undefined
    if (name === 'transaction_isolation') {
      const level = constant?.sval?.sval
      if (level === 'serializable') throw notSupported('SERIALIZABLE isolation')
      if (level !== 'read uncommitted' && level !== 'read committed' && level !== 'repeatable read')
        throw notSupported(`isolation level ${level ?? ''}`)
      modes.isolation = level
    } else if (name === 'transaction_read_only') {
      modes.isReadOnly = (constant?.ival?.ival ?? 0) !== 0
    } else if (name === 'transaction_deferrable') {
      if ((constant?.ival?.ival ?? 0) !== 0) throw notSupported('DEFERRABLE transaction mode')
    } else {
      throw notSupported(`transaction mode ${name ?? ''}`)
    }
  }
  return modes
}

function notSupported(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
