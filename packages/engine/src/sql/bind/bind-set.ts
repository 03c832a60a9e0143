/**
 * SET, RESET and SHOW binding: the parameter name and its value as text (PostgreSQL passes
 * setting values to the parameter's own parser as strings; so does the session).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { Node, VariableSetStmt } from '../parse/index.js'
import type { BoundSet } from './bound.js'

function valueText(node: Node): string {
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

export function bindSet(statement: VariableSetStmt): BoundSet {
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

/** SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ... sets the default level. */
function bindSetMulti(statement: VariableSetStmt): BoundSet {
  const [option] = statement.args ?? []
  if (statement.name === 'SESSION CHARACTERISTICS' && option !== undefined && 'DefElem' in option) {
    const { defname, arg } = option.DefElem
    if (defname === 'transaction_isolation' && arg !== undefined) {
      return {
        kind: 'Set',
        name: 'default_transaction_isolation',
        value: valueText(arg),
        isLocal: false,
      }
    }
  }
  throw new SqlError(
    SqlState.featureNotSupported,
    `SET ${statement.name ?? ''} is not supported yet`,
  )
}
