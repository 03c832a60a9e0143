/**
 * Running set-returning functions: FunctionScan (functions in FROM, ROWS FROM, WITH
 * ORDINALITY) and ProjectSet (set-returning calls in a select list, PostgreSQL 10's lockstep
 * semantics). Both are lazy: each function's iterator is pulled only as the consumer asks, so
 * `generate_series(1, 1000000000) LIMIT 5` computes five values. Arguments are evaluated once
 * per run of the node, that is once per outer row for a LATERAL call and once per input row
 * for a ProjectSet.
 */
import { InternalError } from '../../errors/index.js'
import { type Row, SqlRecord, type Value } from '../../types/index.js'
import type { BoundExpr, Rel } from '../bind/index.js'
import type { CallContext } from '../functions/index.js'
import {
  type CompiledExpression,
  type CompileScope,
  compileExpression,
} from './compile-expression.js'

type SetCall = BoundExpr & { kind: 'SetCall' }

/** A compiled function of a FunctionScan or ProjectSet: the rows it yields for one input row,
 * each as `width` values. */
export type CompiledSetCall = (row: Row) => Iterator<Value[]>

/** Compiles a set-returning call (or, in FROM, a scalar call yielding one row). */
export function compileSetCall(
  scope: CompileScope,
  expr: BoundExpr,
  width: number,
): CompiledSetCall {
  if (expr.kind !== 'SetCall') {
    const value = compileExpression(scope, expr)
    return (row) => [[value(row)]][Symbol.iterator]()
  }
  const args = expr.args.map((arg) => compileExpression(scope, arg))
  const call: CallContext = {
    ...scope.execution.environment,
    argTypes: expr.args.map((arg) => arg.type),
    resultType: expr.type,
    ...(expr.columns === undefined ? {} : { resultColumns: expr.columns }),
  }
  const evaluate = expr.setFunction.evaluate
  const isStrict = expr.setFunction.isStrict
  return function* (row: Row): Generator<Value[]> {
    const values = evaluateArgs(args, row, isStrict)
    // A strict function with a NULL argument returns no rows.
    if (values === undefined) return
    for (const item of evaluate(values, call)) yield widen(item, width)
  }
}

function evaluateArgs(
  args: readonly CompiledExpression[],
  row: Row,
  isStrict: boolean,
): Value[] | undefined {
  const values: Value[] = []
  for (const arg of args) {
    const value = arg(row)
    if (value === null && isStrict) return undefined
    values.push(value)
  }
  return values
}

/** One row of a function's result as exactly `width` values. */
function widen(item: Value | Value[], width: number): Value[] {
  if (!Array.isArray(item)) return width === 1 ? [item] : padded([item], width)
  if (item.length === width) return item
  return padded(item, width)
}

function padded(values: readonly Value[], width: number): Value[] {
  const out: Value[] = []
  for (let i = 0; i < width; i++) out.push(values[i] ?? null)
  return out
}

/** FunctionScan: the functions' rows side by side, then the row number WITH ORDINALITY. */
export function runFunctionScan(
  node: Rel & { kind: 'FunctionScan' },
  scope: CompileScope,
): () => Iterable<Row> {
  const calls = node.functions.map((fn) => ({
    run: compileSetCall(scope, fn.call, fn.columns.length),
    width: fn.columns.length,
  }))
  const hasOrdinality = node.ordinality !== undefined
  return function* () {
    const iterators = calls.map((call) => call.run([]))
    const isDone = calls.map(() => false)
    let ordinal = 0n
    for (;;) {
      const row: Value[] = []
      let isAny = false
      for (let i = 0; i < calls.length; i++) {
        const width = (calls[i] as { width: number }).width
        const next = isDone[i] ? undefined : (iterators[i] as Iterator<Value[]>).next()
        if (next === undefined || next.done === true) {
          isDone[i] = true
          for (let k = 0; k < width; k++) row.push(null)
        } else {
          isAny = true
          for (const value of next.value) row.push(value)
        }
      }
      if (!isAny) return
      ordinal++
      if (hasOrdinality) row.push(ordinal)
      yield row
    }
  }
}

/** ProjectSet: per input row, the calls in lockstep until every one is exhausted. */
export function runProjectSet(
  node: Rel & { kind: 'ProjectSet' },
  input: () => Iterable<Row>,
  scope: CompileScope,
): () => Iterable<Row> {
  const calls = node.calls.map(({ call }) => ({
    run: compileSetCall(scope, call, call.columns?.length ?? 1),
    toValue: resultValue(call),
  }))
  return function* () {
    for (const inputRow of input()) {
      const iterators = calls.map((call) => call.run(inputRow))
      const isDone = calls.map(() => false)
      for (;;) {
        const values: Value[] = []
        let isAny = false
        for (let i = 0; i < calls.length; i++) {
          const next = isDone[i] ? undefined : (iterators[i] as Iterator<Value[]>).next()
          if (next === undefined || next.done === true) {
            isDone[i] = true
            values.push(null)
          } else {
            isAny = true
            values.push((calls[i] as { toValue: (row: Value[]) => Value }).toValue(next.value))
          }
        }
        if (!isAny) break
        yield inputRow.concat(values)
      }
    }
  }
}

/** How one row of a call becomes the select list's value: the value itself for a function of
 * one column, a record of its columns otherwise (`SELECT jsonb_each(...)` prints `(a,1)`). */
function resultValue(call: SetCall): (row: Value[]) => Value {
  const columns = call.columns
  if (columns === undefined || call.type.kind !== 'record') {
    return (row) => row[0] ?? null
  }
  if (columns.length === 0) throw new InternalError('a record-returning call without columns')
  const types = columns.map((column) => column.type)
  const names = columns.map((column) => column.name)
  return (row) => new SqlRecord(row, types, names)
}
