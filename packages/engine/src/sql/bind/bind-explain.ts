/**
 * EXPLAIN [ANALYZE] [( option [value], ... )] SELECT: PostgreSQL's options with its errors
 * (42601 for an unknown option or a value that is not a Boolean, 22023 for an unknown FORMAT or
 * TIMING without ANALYZE). Costs are never printed, so COSTS is accepted either way; options
 * whose output the engine cannot produce (VERBOSE, BUFFERS, WAL, SETTINGS, a FORMAT other than
 * TEXT) are 0A000 when turned on.
 */

import { SqlError, SqlState } from '../../errors/index.js'
import type { DefElem, ExplainStmt } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindSelect, hasModifyingQuery } from './bind-select.js'
import type { BoundExplain } from './bound.js'
import { defBoolean } from './def-elem.js'

const unsupportedWhenOn = new Set(['verbose', 'buffers', 'wal', 'settings'])

export function bindExplain(context: BindContext, explain: ExplainStmt): BoundExplain {
  let analyze = false
  let timing: boolean | undefined
  let summary: boolean | undefined
  for (const node of explain.options ?? []) {
    if (!('DefElem' in node)) continue
    const option = node.DefElem
    const name = option.defname ?? ''
    if (name === 'analyze') analyze = defBoolean(option)
    else if (name === 'timing') timing = defBoolean(option)
    else if (name === 'summary') summary = defBoolean(option)
    else if (name === 'costs') defBoolean(option)
    else if (unsupportedWhenOn.has(name)) {
      if (defBoolean(option)) {
        throw new SqlError(
          SqlState.featureNotSupported,
          `EXPLAIN option ${name.toUpperCase()} is not supported yet`,
        )
      }
    } else if (name === 'format') checkFormat(option, context.position(option.location))
    else {
      const position = context.position(option.location)
      throw new SqlError(
        SqlState.syntaxError,
        `unrecognized EXPLAIN option "${name}"`,
        position === undefined ? {} : { position },
      )
    }
  }
  if (timing === true && !analyze) {
    throw new SqlError(SqlState.invalidParameterValue, 'EXPLAIN option TIMING requires ANALYZE')
  }
  const inner = explain.query
  if (inner === undefined || !('SelectStmt' in inner)) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'EXPLAIN of this statement is not supported yet',
    )
  }
  if (hasModifyingQuery(inner.SelectStmt.withClause)) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'EXPLAIN of a statement with data-modifying WITH is not supported yet',
    )
  }
  return {
    kind: 'Explain',
    statement: bindSelect(context, inner.SelectStmt),
    analyze,
    timing: timing ?? true,
    summary: summary ?? analyze,
  }
}

function checkFormat(option: DefElem, position: number | undefined): void {
  const arg = option.arg
  const value = arg !== undefined && 'String' in arg ? (arg.String.sval ?? '') : ''
  if (value === 'text') return
  if (['json', 'xml', 'yaml'].includes(value)) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `EXPLAIN (FORMAT ${value.toUpperCase()}) is not supported yet`,
    )
  }
  throw new SqlError(
    SqlState.invalidParameterValue,
    `unrecognized value for EXPLAIN option "format": "${value}"`,
    position === undefined ? {} : { position },
  )
}
