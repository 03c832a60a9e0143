/**
 * CREATE [OR REPLACE] [RECURSIVE] VIEW name [(columns)] [WITH (options)] AS query
 * [WITH [CASCADED | LOCAL] CHECK OPTION], and ALTER VIEW ... RENAME [COLUMN].
 *
 * The query is bound once here, for its errors, its output columns (fixed from now on: names
 * after the column list, types) and the relations it reads (the view depends on them). What is
 * stored is the parser's AST without locations, with every relation name qualified by the schema
 * it resolved to, and the query's text as written. Whether replacing an existing view is allowed
 * (PostgreSQL: columns may only be added at the end) is decided at execution, against the
 * catalog the statement runs on.
 */
import { withoutLocations } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { tableColumnsMax } from '../../limits.js'
import {
  type DefElem,
  type Node,
  type RenameStmt,
  type SelectStmt,
  stringOf,
  stringsOf,
  type ViewStmt,
  viewQueryText,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { creationSchema } from './bind-ddl.js'
import { bindSelect, hasModifyingQuery } from './bind-select.js'
import { nonUpdatableReason } from './bind-view-target.js'
import type { BoundCreateView, BoundRenameView } from './bound.js'
import { inputsOf, type Rel } from './relation.js'

export function bindCreateView(
  context: BindContext,
  create: ViewStmt,
  statementText: string,
): BoundCreateView {
  const relation = create.view
  if (relation?.relpersistence === 't') {
    throw new SqlError(SqlState.featureNotSupported, 'temporary views are not supported yet')
  }
  const schema = creationSchema(context, relation?.schemaname, relation?.location)
  const name = relation?.relname ?? ''
  const query = create.query
  if (query === undefined || !('SelectStmt' in query)) {
    throw new SqlError(SqlState.featureNotSupported, 'this view query is not supported yet')
  }
  const options = bindViewOptions(create)
  refuseParameters(context, query.SelectStmt)
  if (hasModifyingQuery(query.SelectStmt.withClause)) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'views must not contain data-modifying statements in WITH',
    )
  }
  const select = bindSelect(context, query.SelectStmt)
  const aliases = stringsOf(create.aliases)
  if (aliases.length > select.output.length) {
    throw new SqlError(SqlState.syntaxError, 'CREATE VIEW specifies more column names than columns')
  }
  if (select.output.length > tableColumnsMax) {
    throw new SqlError(
      SqlState.tooManyColumns,
      `tables can have at most ${tableColumnsMax} columns`,
    )
  }
  const columns = select.output.map((output, i) => ({
    name: aliases[i] ?? output.name,
    type: output.type,
  }))
  const repeated = columns.find((column, i) => columns.findIndex((c) => c.name === column.name) < i)
  if (repeated !== undefined) {
    throw new SqlError(
      SqlState.duplicateColumn,
      `column "${repeated.name}" specified more than once`,
    )
  }
  if (options.checkOption !== 'none') {
    const reason = nonUpdatableReason(context, query.SelectStmt, hasAggregate(select.plan))
    if (reason !== undefined) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'WITH CHECK OPTION is supported only on automatically updatable views',
        { hint: reason },
      )
    }
  }
  return {
    kind: 'CreateView',
    schema,
    name,
    isReplace: create.replace === true,
    columns,
    query: {
      node: storedQuery(query.SelectStmt, context.resolvedRangeVars),
      text: viewQueryText(statementText),
    },
    ...options,
    dependsOn: [...context.dependencies],
  }
}

/** A view cannot take parameters: the first `$n` is 42P02, as in PostgreSQL. */
function refuseParameters(context: BindContext, select: SelectStmt): void {
  let found: { number: number; location: number | undefined } | undefined
  JSON.stringify(select, (key, value: unknown) => {
    if (found === undefined && key === 'ParamRef' && typeof value === 'object' && value !== null) {
      const ref = value as { number?: number; location?: number }
      found = { number: ref.number ?? 0, location: ref.location }
    }
    return value
  })
  if (found === undefined) return
  const position = context.position(found.location)
  throw new SqlError(
    SqlState.undefinedParameter,
    `there is no parameter $${found.number}`,
    position === undefined ? {} : { position },
  )
}

function hasAggregate(plan: Rel): boolean {
  return plan.kind === 'Aggregate' || inputsOf(plan).some(hasAggregate)
}

/** The query to store: relation names qualified with the schema they resolved to, no
 * locations. */
function storedQuery(select: SelectStmt, resolved: ReadonlyMap<object, string>): SelectStmt {
  const qualified = JSON.parse(
    JSON.stringify(select, (_key, value: unknown) => {
      if (typeof value !== 'object' || value === null) return value
      const schema = resolved.get(value)
      return schema === undefined ? value : { ...value, schemaname: schema }
    }),
  ) as SelectStmt
  return withoutLocations(qualified)
}

type ViewOptions = Pick<BoundCreateView, 'checkOption' | 'securityInvoker' | 'securityBarrier'>

/** WITH (check_option, security_barrier, security_invoker) and the trailing WITH CHECK OPTION,
 * with PostgreSQL's reloption errors (22023). */
function bindViewOptions(create: ViewStmt): ViewOptions {
  const options: { -readonly [K in keyof ViewOptions]: ViewOptions[K] } = {
    checkOption: 'none',
    securityInvoker: false,
    securityBarrier: false,
  }
  const elements: DefElem[] = []
  for (const node of create.options ?? []) if ('DefElem' in node) elements.push(node.DefElem)
  if (create.withCheckOption === 'LOCAL_CHECK_OPTION') {
    elements.push({ defname: 'check_option', arg: { String: { sval: 'local' } } })
  } else if (create.withCheckOption === 'CASCADED_CHECK_OPTION') {
    elements.push({ defname: 'check_option', arg: { String: { sval: 'cascaded' } } })
  }
  const seen = new Set<string>()
  for (const element of elements) {
    const name = element.defname ?? ''
    if (element.defnamespace !== undefined) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `unrecognized parameter namespace "${element.defnamespace}"`,
      )
    }
    if (seen.has(name)) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `parameter "${name}" specified more than once`,
      )
    }
    seen.add(name)
    const value = optionValue(element.arg)
    switch (name) {
      case 'check_option': {
        const mode = (value ?? 'true').toLowerCase()
        if (mode !== 'local' && mode !== 'cascaded') {
          throw new SqlError(
            SqlState.invalidParameterValue,
            `invalid value for enum option "check_option": ${value ?? 'true'}`,
            { detail: 'Valid values are "local" and "cascaded".' },
          )
        }
        options.checkOption = mode
        break
      }
      case 'security_barrier':
        options.securityBarrier = booleanOption(name, value)
        break
      case 'security_invoker':
        options.securityInvoker = booleanOption(name, value)
        break
      default:
        throw new SqlError(SqlState.invalidParameterValue, `unrecognized parameter "${name}"`)
    }
  }
  return options
}

/** An option's value as text (PostgreSQL keeps reloptions as text); undefined when absent. */
function optionValue(arg: Node | undefined): string | undefined {
  if (arg === undefined) return undefined
  if ('String' in arg) return arg.String.sval ?? ''
  if ('Integer' in arg) return String(arg.Integer.ival ?? 0)
  if ('Float' in arg) return arg.Float.fval ?? ''
  if ('Boolean' in arg) return arg.Boolean.boolval === true ? 'true' : 'false'
  if ('TypeName' in arg) return stringsOf(arg.TypeName.names).at(-1) ?? ''
  return stringOf(arg) ?? ''
}

/** PostgreSQL's parse_bool: true/false, yes/no, on/off, 1/0 and unique prefixes of them. */
function booleanOption(name: string, value: string | undefined): boolean {
  if (value === undefined) return true
  const text = value.trim().toLowerCase()
  const matches = (word: string, least: number): boolean =>
    text.length >= least && word.startsWith(text)
  if (matches('true', 1) || matches('yes', 1) || matches('on', 2) || text === '1') return true
  if (matches('false', 1) || matches('no', 1) || matches('off', 2) || text === '0') return false
  throw new SqlError(
    SqlState.invalidParameterValue,
    `invalid value for boolean option "${name}": ${value}`,
  )
}

/** ALTER VIEW [IF EXISTS] v RENAME TO w / RENAME COLUMN a TO b (also ALTER TABLE on a view). */
export function bindRenameView(context: BindContext, rename: RenameStmt): BoundRenameView {
  const relation = rename.relation
  const name = relation?.relname ?? ''
  const found = context.findRelation(relation?.schemaname, name)
  const shown = relation?.schemaname === undefined ? name : `${relation.schemaname}.${name}`
  if (found === undefined) {
    if (rename.missing_ok === true) {
      const missingNotice = `relation "${shown}" does not exist, skipping`
      return { kind: 'RenameView', view: undefined, missingNotice, column: undefined, newName: '' }
    }
    throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
  }
  if (found.kind !== 'view') {
    throw new SqlError(SqlState.wrongObjectType, `"${name}" is not a view`)
  }
  const newName = rename.newname ?? ''
  if (rename.renameType !== 'OBJECT_COLUMN') {
    return { kind: 'RenameView', view: found, missingNotice: undefined, column: undefined, newName }
  }
  const column = found.columns.findIndex((c) => c.name === rename.subname)
  if (column < 0) {
    throw new SqlError(SqlState.undefinedColumn, `column "${rename.subname ?? ''}" does not exist`)
  }
  if (found.columns.some((c) => c.name === newName)) {
    throw new SqlError(
      SqlState.duplicateColumn,
      `column "${newName}" of relation "${found.name}" already exists`,
    )
  }
  return { kind: 'RenameView', view: found, missingNotice: undefined, column, newName }
}
