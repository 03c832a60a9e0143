/**
 * CREATE [OR REPLACE] FUNCTION ... LANGUAGE sql: the definition to store, checked as
 * PostgreSQL checks it (check_function_bodies on): options once each (42601), parameters
 * (names unique, defaults trailing, VARIADIC last and an array: 42P13), and the body bound
 * against the catalog, so a missing column or table fails at CREATE with its position inside
 * the CREATE statement, and the final statement must return what the function declares (42P13,
 * PostgreSQL's details). OUT / INOUT parameters, RETURNS record without TABLE, procedures and
 * languages other than sql are 0A000. Replacing an existing function is checked at execution
 * (execute/ddl/create-function.ts), against the catalog the statement runs on.
 */
import type { FunctionBody, FunctionParameter, SqlFunction } from '../../catalog/index.js'
import { withoutLocations } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import {
  bodyStatements,
  type CreateFunctionStmt,
  type DefElem,
  type Node,
  type FunctionParameter as ParameterNode,
  stringOf,
  stringsOf,
} from '../parse/index.js'
import { stored } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindExpression, convertType } from './bind-expression.js'
import { isSameSignature } from './bind-function-ddl.js'
import { bindRoutineBody } from './bind-routine-body.js'
import { valueText } from './bind-set.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundCreateFunction, FunctionDefinition } from './bound.js'
import { Scope } from './scope.js'

export function bindCreateFunction(
  context: BindContext,
  create: CreateFunctionStmt,
): BoundCreateFunction {
  if (create.is_procedure === true) throw notSupported('CREATE PROCEDURE is')
  const names = stringsOf(create.funcname)
  const name = names[names.length - 1] ?? ''
  const schema =
    names.length > 1
      ? context.catalog.getSchema(names[names.length - 2] ?? '').name
      : context.catalog.creationSchema(context.searchPath).name
  const options = readOptions(context, create.options ?? [])
  const language = options.language ?? 'sql'
  if (language !== 'sql') {
    if (['plpgsql', 'c', 'internal'].includes(language)) {
      throw notSupported(`functions in language ${language} are`)
    }
    throw new SqlError(SqlState.undefinedObject, `language "${language}" does not exist`)
  }
  const { parameters, tableColumns } = bindParameters(context, create.parameters ?? [])
  const returns = bindResult(context, create, tableColumns)
  const body = bindBodySource(context, create, options.as)
  const definition: FunctionDefinition = {
    kind: 'function',
    schema,
    name,
    owner: context.user,
    parameters,
    returns,
    volatility: options.volatility ?? 'volatile',
    isStrict: options.isStrict ?? false,
    isSecurityDefiner: options.isSecurityDefiner ?? false,
    parallel: options.parallel ?? 'unsafe',
    cost: options.cost ?? 100,
    rows: returns.isSet ? (options.rows ?? 1000) : 0,
    settings: options.settings,
    body: body.body,
  }
  // The body may call the function itself: it is bound with the definition in the catalog.
  const types = parameters.map((p) => p.type)
  const existing = context.catalog.functionsNamed(name).find(
    (fn) =>
      fn.schema === schema &&
      isSameSignature(
        fn.parameters.map((p) => p.type),
        types,
      ),
  )
  const oid = existing?.oid ?? context.catalog.nextOid
  const catalog = context.catalog.withFunction({ ...definition, oid }, 0)
  bindRoutineBody(catalog, definition, context, body.offset)
  return { kind: 'CreateFunction', isReplace: create.replace === true, definition }
}

interface Options {
  language?: string
  volatility?: SqlFunction['volatility']
  isStrict?: boolean
  isSecurityDefiner?: boolean
  parallel?: SqlFunction['parallel']
  cost?: number
  rows?: number
  settings: { name: string; value: string }[]
  as?: { text: string; location: number | undefined }
}

function readOptions(context: BindContext, elements: readonly Node[]): Options {
  const options: Options = { settings: [] }
  const seen = new Set<string>()
  for (const node of elements) {
    if (!('DefElem' in node)) continue
    const element: DefElem = node.DefElem
    const name = element.defname ?? ''
    if (name !== 'set') {
      if (seen.has(name)) {
        throw new SqlError(SqlState.syntaxError, 'conflicting or redundant options', {
          ...positionOf(context, element.location),
        })
      }
      seen.add(name)
    }
    const arg = element.arg
    switch (name) {
      case 'language':
        options.language = (stringOf(arg) ?? '').toLowerCase()
        break
      case 'volatility':
        options.volatility = stringOf(arg) as SqlFunction['volatility']
        break
      case 'strict':
        options.isStrict = booleanOf(arg)
        break
      case 'security':
        options.isSecurityDefiner = booleanOf(arg)
        break
      case 'parallel': {
        const value = stringOf(arg) ?? ''
        if (value !== 'safe' && value !== 'restricted' && value !== 'unsafe') {
          throw new SqlError(
            SqlState.invalidParameterValue,
            `parameter "parallel" must be SAFE, RESTRICTED, or UNSAFE`,
          )
        }
        options.parallel = value
        break
      }
      case 'cost':
      case 'rows': {
        const value = numberOf(arg)
        if (!(value > 0)) {
          throw new SqlError(
            SqlState.invalidParameterValue,
            name === 'cost' ? 'COST must be positive' : 'ROWS must be positive',
          )
        }
        options[name] = value
        break
      }
      case 'set': {
        const set = arg !== undefined && 'VariableSetStmt' in arg ? arg.VariableSetStmt : undefined
        if (set === undefined || set.kind !== 'VAR_SET_VALUE') {
          throw notSupported('SET clauses other than SET name = value in CREATE FUNCTION are')
        }
        const value = (set.args ?? []).map(valueText).join(', ')
        options.settings.push({ name: set.name ?? '', value })
        break
      }
      case 'as': {
        const items = arg !== undefined && 'List' in arg ? (arg.List.items ?? []) : [arg]
        if (items.length !== 1) {
          throw new SqlError(
            SqlState.invalidFunctionDefinition,
            'only one AS item needed for language "sql"',
          )
        }
        options.as = { text: stringOf(items[0]) ?? '', location: element.location }
        break
      }
      case 'leakproof':
        break
      case 'window':
        throw notSupported('WINDOW functions in language sql are')
      default:
        throw notSupported(`the CREATE FUNCTION option ${name} is`)
    }
  }
  return options
}

function booleanOf(arg: Node | undefined): boolean {
  return arg !== undefined && 'Boolean' in arg ? arg.Boolean.boolval === true : false
}

function numberOf(arg: Node | undefined): number {
  if (arg === undefined) return 0
  if ('Integer' in arg) return arg.Integer.ival ?? 0
  if ('Float' in arg) return Number(arg.Float.fval ?? '0')
  return 0
}

function bindParameters(
  context: BindContext,
  nodes: readonly Node[],
): {
  parameters: FunctionParameter[]
  tableColumns: { name: string; type: SqlType }[]
} {
  const parameters: FunctionParameter[] = []
  const tableColumns: { name: string; type: SqlType }[] = []
  const names = new Set<string>()
  let hasDefault = false
  for (const node of nodes) {
    if (!('FunctionParameter' in node)) continue
    const parameter: ParameterNode = node.FunctionParameter
    const mode = parameter.mode ?? 'FUNC_PARAM_DEFAULT'
    refusePolymorphic(parameter.argType)
    const type = resolveTypeNode(context, parameter.argType)
    const name = parameter.name
    if (name !== undefined && name !== '') {
      if (names.has(name)) {
        throw new SqlError(
          SqlState.invalidFunctionDefinition,
          `parameter name "${name}" used more than once`,
        )
      }
      names.add(name)
    }
    if (mode === 'FUNC_PARAM_TABLE') {
      tableColumns.push({ name: name ?? `column${tableColumns.length + 1}`, type })
      continue
    }
    if (mode === 'FUNC_PARAM_OUT' || mode === 'FUNC_PARAM_INOUT') {
      throw notSupported('OUT and INOUT parameters are')
    }
    if (parameters.some((p) => p.isVariadic)) {
      throw new SqlError(
        SqlState.invalidFunctionDefinition,
        'VARIADIC parameter must be the last input parameter',
      )
    }
    const isVariadic = mode === 'FUNC_PARAM_VARIADIC'
    if (isVariadic && type.kind !== 'array') {
      throw new SqlError(SqlState.invalidFunctionDefinition, 'VARIADIC parameter must be an array')
    }
    if (type.kind === 'void' || type.kind === 'record' || type.kind === 'unknown') {
      throw new SqlError(
        SqlState.invalidFunctionDefinition,
        `SQL functions cannot have arguments of type ${type.displayName}`,
      )
    }
    let defaultExpression: FunctionParameter['default']
    if (parameter.defexpr !== undefined) {
      hasDefault = true
      defaultExpression = bindParameterDefault(context, parameter.defexpr, type)
    } else if (hasDefault) {
      throw new SqlError(
        SqlState.invalidFunctionDefinition,
        'input parameters after one with a default value must also have defaults',
      )
    }
    parameters.push({
      name: name === '' ? undefined : name,
      type,
      isVariadic,
      default: defaultExpression,
    })
  }
  return { parameters, tableColumns }
}

/** A parameter's DEFAULT: no column references; of the parameter's type by assignment. */
function bindParameterDefault(
  context: BindContext,
  node: Node,
  type: SqlType,
): NonNullable<FunctionParameter['default']> {
  const bound = bindExpression(context, Scope.empty(), node)
  const position = context.position(firstLocationOf(node))
  if (convertType(context, bound, type, 'assignment', position) === undefined) {
    throw new SqlError(
      SqlState.datatypeMismatch,
      `argument of DEFAULT must be type ${type.displayName}, not type ${bound.type.displayName}`,
    )
  }
  return stored(context.source, node, undefined)
}

function firstLocationOf(node: Node): number | undefined {
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null && 'location' in value) {
      const location = (value as { location?: unknown }).location
      if (typeof location === 'number') return location
    }
  }
  return undefined
}

function bindResult(
  context: BindContext,
  create: CreateFunctionStmt,
  tableColumns: readonly { name: string; type: SqlType }[],
): SqlFunction['returns'] {
  if (tableColumns.length > 0) {
    return { type: sqlTypes.record, isSet: true, columns: tableColumns }
  }
  const returnType = create.returnType
  if (returnType === undefined) throw notSupported('functions without RETURNS are')
  const names = stringsOf(returnType.names)
  const last = names[names.length - 1] ?? ''
  if (last === 'trigger' || last === 'event_trigger') {
    throw notSupported('trigger functions are')
  }
  refusePolymorphic(returnType)
  const type = resolveTypeNode(context, returnType)
  if (type.kind === 'record') throw notSupported('functions returning record are')
  return { type, isSet: returnType.setof === true, columns: undefined }
}

const polymorphicTypes: ReadonlySet<string> = new Set([
  'any',
  'anyelement',
  'anyarray',
  'anynonarray',
  'anyenum',
  'anyrange',
  'anymultirange',
  'anycompatible',
  'anycompatiblearray',
  'anycompatiblenonarray',
  'anycompatiblerange',
  'anycompatiblemultirange',
])

function refusePolymorphic(type: { readonly names?: Node[] } | undefined): void {
  const names = stringsOf(type?.names)
  const last = names[names.length - 1] ?? ''
  if (polymorphicTypes.has(last)) throw notSupported('polymorphic SQL functions are')
}

/** The body as stored, and where its text starts in the CREATE statement (for positions). */
function bindBodySource(
  context: BindContext,
  create: CreateFunctionStmt,
  as: Options['as'],
): { body: FunctionBody; offset: number | undefined } {
  const sqlBody = create.sql_body
  if (sqlBody !== undefined) {
    if (as !== undefined) {
      throw new SqlError(SqlState.invalidFunctionDefinition, 'duplicate function body specified')
    }
    return {
      body: { kind: 'atomic', statements: bodyStatements(sqlBody).map(withoutLocations) },
      offset: undefined,
    }
  }
  if (as === undefined) {
    throw new SqlError(SqlState.invalidFunctionDefinition, 'no function body specified')
  }
  const found = context.source.text.indexOf(as.text, as.location ?? 0)
  return { body: { kind: 'text', text: as.text }, offset: found < 0 ? undefined : found }
}

function positionOf(context: BindContext, location: number | undefined): { position?: number } {
  const position = context.position(location)
  return position === undefined ? {} : { position }
}

/** 0A000; `what` ends with its verb: 'OUT and INOUT parameters are'. */
function notSupported(what: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${what} not supported yet`)
}
