/**
 * Sequence options as written (CREATE / ALTER SEQUENCE, identity columns): each at most once,
 * numbers as bigints, OWNED BY resolved to a table column. What they mean together is decided
 * at execution (execute/ddl/sequence.ts).
 */
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'
import { type DefElem, type Node, stringOf, stringsOf } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { resolveTypeNode } from './bind-type.js'
import type { SequenceOptions } from './bound.js'

/**
 * Sequence options as written: each at most once (42601 `conflicting or redundant options`),
 * numbers as bigints. `statement` decides which options exist (RESTART only in ALTER; OWNED BY
 * not in identity column options).
 */
export function bindSequenceOptions(
  context: BindContext,
  nodes: readonly Node[],
  statement: 'create' | 'alter' | 'identity',
): SequenceOptions {
  const options: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {}
  const seen = new Set<string>()
  for (const node of nodes) {
    if (!('DefElem' in node)) throw notYet('this sequence option')
    const option = node.DefElem
    const name = option.defname ?? ''
    if (seen.has(name)) {
      const position = context.position(option.location)
      throw new SqlError(
        SqlState.syntaxError,
        'conflicting or redundant options',
        position === undefined ? {} : { position },
      )
    }
    seen.add(name)
    switch (name) {
      case 'as':
        options.type = bindSequenceType(context, option)
        break
      case 'increment':
        options.increment = numberOf(option)
        break
      case 'minvalue':
        options.min = option.arg === undefined ? null : numberOf(option)
        break
      case 'maxvalue':
        options.max = option.arg === undefined ? null : numberOf(option)
        break
      case 'start':
        options.start = numberOf(option)
        break
      case 'restart':
        if (statement === 'create') throw invalidOption(context, option, 'RESTART')
        options.restart = option.arg === undefined ? null : numberOf(option)
        break
      case 'cache':
        options.cache = numberOf(option)
        break
      case 'cycle':
        options.cycle =
          option.arg !== undefined && 'Boolean' in option.arg
            ? option.arg.Boolean.boolval === true
            : true
        break
      case 'owned_by':
        if (statement === 'identity') throw invalidOption(context, option, 'OWNED BY')
        options.ownedBy = bindOwnedBy(context, option)
        break
      case 'sequence_name':
        throw notYet('SEQUENCE NAME in identity options')
      default:
        throw invalidOption(context, option, name)
    }
  }
  return options
}

function bindSequenceType(context: BindContext, option: DefElem): SqlType {
  const arg = option.arg
  if (arg === undefined || !('TypeName' in arg)) throw notYet('this sequence type')
  return resolveTypeNode(context, arg.TypeName)
}

/** OWNED BY table.column or NONE (null). */
function bindOwnedBy(
  context: BindContext,
  option: DefElem,
): { readonly table: Table; readonly column: number } | null {
  const arg = option.arg
  const names = arg !== undefined && 'List' in arg ? stringsOf(arg.List.items) : []
  if (names.length === 1 && names[0] === 'none') return null
  if (names.length < 2) {
    throw new SqlError(SqlState.syntaxError, 'invalid OWNED BY option', {
      hint: 'Specify OWNED BY table.column or OWNED BY NONE.',
    })
  }
  const columnName = names[names.length - 1] ?? ''
  const tableName = names[names.length - 2] ?? ''
  const schema = names.length > 2 ? names[names.length - 3] : undefined
  const table = context.getTable(schema, tableName, undefined)
  const column = table.columns.findIndex((c) => c.name === columnName)
  if (column < 0) {
    throw new SqlError(
      SqlState.undefinedColumn,
      `column "${columnName}" of relation "${table.name}" does not exist`,
    )
  }
  return { table, column }
}

/** An option's number: Integer nodes, or Float nodes for values beyond 32 bits. */
function numberOf(option: DefElem): bigint {
  const arg = option.arg
  if (arg !== undefined && 'Integer' in arg) return BigInt(arg.Integer.ival ?? 0)
  if (arg !== undefined && 'Float' in arg) {
    const text = arg.Float.fval ?? ''
    if (/^[+-]?\d+$/.test(text)) return BigInt(text)
  }
  const shown = arg === undefined ? '' : (stringOf(arg) ?? '')
  throw new SqlError(
    SqlState.syntaxError,
    `${option.defname ?? 'option'} requires a numeric value${shown === '' ? '' : `: ${shown}`}`,
  )
}

function invalidOption(context: BindContext, option: DefElem, name: string): SqlError {
  const position = context.position(option.location)
  return new SqlError(
    SqlState.syntaxError,
    `option "${name.toLowerCase()}" not recognized`,
    position === undefined ? {} : { position },
  )
}

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} are not supported yet`)
}
