/**
 * CREATE SEQUENCE and ALTER SEQUENCE binding: the name, and the options as written
 * (`bindSequenceOptions`, also used by identity columns). What the options mean together
 * (defaults by type and direction, bounds checks, the state an ALTER keeps) is decided at
 * execution, against the definition being replaced (execute/ddl/sequence.ts).
 */
import type { Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'
import {
  type AlterSeqStmt,
  type CreateSeqStmt,
  type DefElem,
  type Node,
  stringOf,
  stringsOf,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { creationSchema } from './bind-ddl.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundAlterSequence, BoundCreateSequence, SequenceOptions } from './bound.js'

export function bindCreateSequence(
  context: BindContext,
  create: CreateSeqStmt,
): BoundCreateSequence {
  const relation = create.sequence
  if (relation?.relpersistence === 't') throw notYet('temporary sequences')
  if (relation?.relpersistence === 'u') throw notYet('unlogged sequences')
  const schema = creationSchema(context, relation?.schemaname, relation?.location)
  const name = relation?.relname ?? ''
  const options = bindSequenceOptions(context, create.options ?? [], 'create')
  return {
    kind: 'CreateSequence',
    schema,
    name,
    options,
    ifNotExists: create.if_not_exists === true,
  }
}

export function bindAlterSequence(context: BindContext, alter: AlterSeqStmt): BoundAlterSequence {
  const relation = alter.sequence
  const name = relation?.relname ?? ''
  const schema = relation?.schemaname
  const options = bindSequenceOptions(context, alter.options ?? [], 'alter')
  const found = context.findRelation(schema, name)
  if (found === undefined) {
    const shown = schema === undefined ? name : `${schema}.${name}`
    if (alter.missing_ok === true) {
      return {
        kind: 'AlterSequence',
        sequence: undefined,
        options,
        missingNotice: `relation "${shown}" does not exist, skipping`,
      }
    }
    throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
  }
  if (found.kind !== 'sequence') {
    throw new SqlError(SqlState.wrongObjectType, `"${found.name}" is not a sequence`)
  }
  return { kind: 'AlterSequence', sequence: found, options, missingNotice: undefined }
}

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
