/**
 * Runs user-defined SQL functions for the calls of one statement (CallContext.routines). A
 * call finds the function by OID in the statement's catalog, binds its body once per function
 * definition, catalog value and search path (cached: each DDL makes a new catalog value, and
 * OR REPLACE a new definition, so a stale body is never run), and runs its statements in the
 * caller's transaction with the arguments as `$1..$n`. The final statement gives the result:
 * its first row (scalar functions; the rest is not computed) or all its rows (SETOF / TABLE),
 * converted to the declared types. Nesting (recursion) is bounded by `routineCallDepthMax`.
 *
 * As in PostgreSQL, a STABLE or IMMUTABLE function may not write (0A000 when it first runs),
 * and a READ ONLY transaction refuses a body's writes (25006, the session's check).
 *
 * The statements of a body run at the calling statement's snapshot and command: a later
 * statement of the body does not see rows an earlier one wrote (PostgreSQL's VOLATILE
 * functions would).
 */
import type { Catalog, SqlFunction } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { routineCallDepthMax } from '../../limits.js'
import type { Row, Value } from '../../types/index.js'
import { type BoundRoutineBody, bindRoutineBody } from '../bind/index.js'
import type { RoutineAccess } from '../functions/index.js'
import { planSelect } from '../plan/index.js'
import { type CompiledExpression, compileExpression } from './compile-expression.js'
import { constantEvaluator } from './constant-evaluator.js'
import { executeStatement, type PlanSlot } from './execute-statement.js'
import { currentRoleOf, type ExecutionContext } from './execution-context.js'
import { runPlan, statementScope } from './run-plan.js'

interface Prepared {
  readonly catalog: Catalog
  readonly searchPath: string
  readonly body: BoundRoutineBody
  readonly slots: PlanSlot[]
}

const writeCommands: Readonly<Record<string, string>> = {
  Insert: 'INSERT',
  Update: 'UPDATE',
  Delete: 'DELETE',
}

/** Bodies bound per function definition (a replaced function is a new object). */
const preparedBodies = new WeakMap<SqlFunction, Prepared>()

export class RoutineRunner implements RoutineAccess {
  readonly #context: () => ExecutionContext
  #depth = 0

  constructor(context: () => ExecutionContext) {
    this.#context = context
  }

  call(oid: number, args: readonly Value[]): Value {
    const rows = this.#run(oid, args, 1)
    return rows[0]?.[0] ?? null
  }

  callSet(oid: number, args: readonly Value[]): Iterable<Value | Value[]> {
    const fn = this.#function(oid)
    const rows = this.#run(oid, args, undefined)
    return fn.returns.columns === undefined
      ? rows.map((row) => row[0] ?? null)
      : rows.map((row) => [...row])
  }

  #function(oid: number): SqlFunction {
    const fn = this.#context().catalog.findFunctionByOid(oid)
    if (fn === undefined) {
      throw new SqlError(SqlState.undefinedFunction, `function with OID ${oid} does not exist`)
    }
    return fn
  }

  /** Runs the body; the final statement's rows (at most `limit`), converted. */
  #run(oid: number, args: readonly Value[], limit: number | undefined): Row[] {
    const outer = this.#context()
    const fn = this.#function(oid)
    if (this.#depth >= routineCallDepthMax) {
      throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
        hint: 'Increase the configuration parameter "max_stack_depth" (currently 2048kB), after ensuring the platform\'s stack depth limit is adequate.',
      })
    }
    this.#depth++
    try {
      const prepared = prepare(fn, outer)
      const notices = outer.notices
      const context: ExecutionContext = {
        ...outer,
        parameters: args,
        notices: [],
        frames: [],
        workTables: new Map(),
      }
      const { statements, conversions, columns } = prepared.body
      let rows: Row[] = []
      statements.forEach((statement, i) => {
        context.checkNestedStatement?.(statement)
        const slot = prepared.slots[i] as PlanSlot
        const isLast = i === statements.length - 1
        if (statement.kind === 'Select') {
          slot.plan ??= planSelect(statement, { evaluate: constantEvaluator(context) })
          const run = runPlan(slot.plan, context)
          if (isLast) rows = take(run, limit, context)
          else for (const _ of run) context.interrupt.tick()
        } else {
          const result = executeStatement(statement, context, slot)
          rows = isLast ? [...result.rows] : []
          notices.push(...result.notices)
        }
      })
      notices.push(...context.notices)
      if (conversions.length === 0) return []
      const scope = statementScope(context, columns)
      const convert: CompiledExpression[] = conversions.map((c) => compileExpression(scope, c))
      return rows.map((row) => convert.map((conversion) => conversion(row)))
    } finally {
      this.#depth--
    }
  }
}

function take(rows: Iterable<Row>, limit: number | undefined, context: ExecutionContext): Row[] {
  const out: Row[] = []
  if (limit === 0) return out
  for (const row of rows) {
    context.interrupt.tick()
    out.push(row)
    if (limit !== undefined && out.length >= limit) break
  }
  return out
}

function prepare(fn: SqlFunction, context: ExecutionContext): Prepared {
  const searchPath = context.searchPath.join('\u0000')
  const cached = preparedBodies.get(fn)
  if (
    cached !== undefined &&
    cached.catalog === context.catalog &&
    cached.searchPath === searchPath
  )
    return cached
  const body = bindRoutineBody(
    context.catalog,
    fn,
    {
      searchPath: context.searchPath,
      user: currentRoleOf(context),
      typeContext: context.environment.types,
    },
    undefined,
  )
  if (fn.volatility !== 'volatile') {
    for (const statement of body.statements) {
      const command = writeCommands[statement.kind]
      if (command === undefined) continue
      throw new SqlError(
        SqlState.featureNotSupported,
        `${command} is not allowed in a non-volatile function`,
      )
    }
  }
  const prepared: Prepared = {
    catalog: context.catalog,
    searchPath,
    body,
    slots: body.statements.map(() => ({ plan: undefined })),
  }
  preparedBodies.set(fn, prepared)
  return prepared
}
