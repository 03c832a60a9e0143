/**
 * Index rows: the SQL layer's side of index maintenance. Binds an index's stored key
 * expressions and predicate against its table (bind-index.ts) and compiles them, once per table
 * definition, so access/ can compute entries for expression and partial indexes
 * (IndexRowCompiler). Index expressions are immutable (checked at CREATE INDEX), so a compiled
 * expression does not depend on the statement that first compiled it.
 */
import type { IndexRowCompiler, IndexRowFunctions } from '../../access/index.js'
import type { Index, Table } from '../../catalog/index.js'
import { InternalError } from '../../errors/index.js'
import { bindIndexDefinition } from '../bind/index.js'
import { printExpression } from '../plan/index.js'
import { type CompileScope, compileExpression, layoutOf } from './compile-expression.js'
import type { ExecutionContext } from './execution-context.js'

const compiled = new WeakMap<Table, Map<number, IndexRowFunctions>>()

/** The compiler index maintenance uses in statements run with `context`. */
export function indexRowCompiler(context: ExecutionContext): IndexRowCompiler {
  return (table, index) => compileIndexRows(context, table, index)
}

function compileIndexRows(
  context: ExecutionContext,
  table: Table,
  index: Index,
): IndexRowFunctions {
  let perTable = compiled.get(table)
  if (perTable === undefined) {
    perTable = new Map()
    compiled.set(table, perTable)
  }
  const cached = perTable.get(index.oid)
  if (cached !== undefined) return cached
  const definition = bindIndexDefinition(table, index)
  // Index expressions hold no subquery (refused at CREATE INDEX).
  const scope: CompileScope = {
    execution: context,
    layout: layoutOf(definition.columns),
    outer: [],
    compileSubplan: () => {
      throw new InternalError('an index expression has no subquery')
    },
  }
  const keys = definition.keys.map((key) => compileExpression(scope, key))
  const predicate =
    definition.predicate === undefined ? undefined : compileExpression(scope, definition.predicate)
  const functions: IndexRowFunctions = {
    keyTypes: definition.keys.map((key) => key.type),
    keyValues: (row) => keys.map((key) => key(row)),
    holds: predicate === undefined ? undefined : (row) => predicate(row) === true,
    keyLabels: definition.keys.map((key) =>
      key.kind === 'ColumnRef' ? key.name : printExpression(key),
    ),
  }
  perTable.set(index.oid, functions)
  return functions
}
