/**
 * A SQL function's body bound against a catalog: each statement bound with the function's
 * arguments as `$n` and by name (RoutineArguments), then PostgreSQL's check_sql_fn_retval rules
 * on the final statement (42P13 with its details). Used at CREATE (the checks, errors placed
 * inside the CREATE statement) and when a call first runs under a catalog version
 * (execute/routine-runner.ts, which caches the result per function and catalog).
 */
import type { Catalog, SearchPath } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType, TypeContext } from '../../types/index.js'
import { nodeTag, type ParsedStatement, parseSql, SourceText } from '../parse/index.js'
import { BindContext, type RoutineArguments } from './bind-context.js'
import { convertType } from './bind-expression.js'
import type {
  BoundExpr,
  BoundStatement,
  ColumnId,
  FunctionDefinition,
  OutputColumn,
} from './bound.js'
import { bindQueryStatement, prepareContext } from './statement-context.js'

/** The statements of a body, bound, and how the final statement's columns become the declared
 * result: `conversions[i]` reads column `columns[i]` (a row of the final statement's values). */
export interface BoundRoutineBody {
  readonly statements: readonly BoundStatement[]
  readonly columns: readonly ColumnId[]
  readonly conversions: readonly BoundExpr[]
}

/** What binding a body needs of the session. */
export interface RoutineBindSession {
  readonly searchPath: SearchPath
  readonly user: string
  readonly typeContext?: TypeContext
}

/** The argument expressions a body is bound with to run: parameters $1..$n of its call. */
export function parameterArguments(fn: FunctionDefinition): RoutineArguments {
  return {
    functionName: fn.name,
    names: fn.parameters.map((p) => p.name),
    values: fn.parameters.map((p, index) => ({ kind: 'Parameter', type: p.type, index })),
  }
}

/**
 * Binds the body of `fn`. `offset`: where the body's text starts in the statement being bound
 * (CREATE FUNCTION), so errors point into it; undefined when errors carry no position.
 */
export function bindRoutineBody(
  catalog: Catalog,
  fn: FunctionDefinition,
  session: RoutineBindSession,
  offset: number | undefined,
): BoundRoutineBody {
  return placed(offset, () => {
    const parsed = parsedStatements(fn)
    const routine = parameterArguments(fn)
    const statements = parsed.map((statement) => {
      // A body's own parameters are its routine arguments, never the caller's `$n` types.
      const context = new BindContext(catalog, statement.source, session.typeContext, {
        searchPath: session.searchPath,
        user: session.user,
      })
      prepareContext(context, statement.node)
      context.routineArguments = routine
      return bindBodyStatement(context, statement)
    })
    return { statements, ...resultConversions(catalog, fn, statements[statements.length - 1]) }
  })
}

/** SELECT, INSERT, UPDATE and DELETE; other statements in bodies are 0A000. */
function bindBodyStatement(context: BindContext, statement: ParsedStatement): BoundStatement {
  const node = statement.node
  const bound = bindQueryStatement(context, node)
  if (bound !== undefined && context.modifyingCtes.length > 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'data-modifying statements in WITH in SQL functions are not supported yet',
    )
  }
  if (bound !== undefined) return bound
  const tag = nodeTag(node)
  const command =
    tag === 'CreateStmt'
      ? 'CREATE TABLE'
      : tag
          .replace(/Stmt$/, '')
          .replace(/(?<=[a-z])(?=[A-Z])/g, ' ')
          .toUpperCase()
  throw new SqlError(
    SqlState.featureNotSupported,
    `${command} in SQL functions is not supported yet`,
  )
}

function parsedStatements(fn: FunctionDefinition): readonly ParsedStatement[] {
  if (fn.body.kind === 'text') return parseSql(fn.body.text)
  const source = new SourceText('')
  return fn.body.statements.map((node) => ({ node, text: '', source }))
}

/** Runs `bind`, moving error positions (relative to the body) into the enclosing statement. */
function placed<T>(offset: number | undefined, bind: () => T): T {
  try {
    return bind()
  } catch (error: unknown) {
    if (!(error instanceof SqlError) || error.position === undefined) throw error
    if (offset === undefined) {
      const { position: _, ...fields } = error.fields()
      throw new SqlError(error.code, error.message, fields, { cause: error })
    }
    throw error.withPosition(error.position + offset)
  }
}

/** PostgreSQL's checks of the final statement against the declared result (42P13). */
function resultConversions(
  catalog: Catalog,
  fn: FunctionDefinition,
  last: BoundStatement | undefined,
): Pick<BoundRoutineBody, 'columns' | 'conversions'> {
  const declared = fn.returns
  if (declared.type.kind === 'void' && !declared.isSet) return { columns: [], conversions: [] }
  const mismatch = (detail: string): SqlError =>
    new SqlError(
      SqlState.invalidFunctionDefinition,
      `return type mismatch in function declared to return ${declared.type.displayName}`,
      { detail },
    )
  const output = outputOf(last)
  if (output === undefined) {
    throw mismatch("Function's final statement must be SELECT or INSERT/UPDATE/DELETE RETURNING.")
  }
  const targets = declared.columns?.map((c) => c.type) ?? [declared.type]
  if (declared.columns === undefined && output.length !== 1) {
    throw mismatch('Final statement must return exactly one column.')
  }
  if (output.length < targets.length) throw mismatch('Final statement returns too few columns.')
  if (output.length > targets.length) throw mismatch('Final statement returns too many columns.')
  const context = new BindContext(catalog, new SourceText(''))
  const columns: ColumnId[] = []
  const conversions = targets.map((target: SqlType, i) => {
    const actual = output[i] as OutputColumn
    const column = context.newColumn()
    columns.push(column)
    const read: BoundExpr = {
      kind: 'ColumnRef',
      type: actual.type,
      column,
      name: actual.name,
      origin: undefined,
    }
    const converted = convertType(context, read, target, 'assignment', undefined)
    if (converted !== undefined) return converted
    throw mismatch(
      declared.columns === undefined
        ? `Actual return type is ${actual.type.displayName}.`
        : `Final statement returns ${actual.type.displayName} instead of ${target.displayName} at column ${i + 1}.`,
    )
  })
  return { columns, conversions }
}

function outputOf(statement: BoundStatement | undefined): readonly OutputColumn[] | undefined {
  if (statement === undefined) return undefined
  if (statement.kind === 'Select') return statement.output
  if (statement.kind === 'Insert' || statement.kind === 'Update' || statement.kind === 'Delete') {
    return statement.returning?.output
  }
  return undefined
}
