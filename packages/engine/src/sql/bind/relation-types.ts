/**
 * The types of the columns a plan node produces, collected from the nodes that define them
 * (scans, VALUES, projections, aggregates, function calls...). The executor needs them to hash
 * rows (set operations, DISTINCT, recursive UNION); rewrites that replace a subtree by an empty
 * relation need them to keep its columns typed.
 */
import { assertNever } from '../../lib/assert.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import type { ColumnId } from './bound.js'
import { outputColumns, type Rel } from './relation.js'

/** The types of `node`'s output columns, in order (`unknown` where nothing says). */
export function columnTypesOf(node: Rel): SqlType[] {
  const types = new Map<ColumnId, SqlType>()
  collectColumnTypes(node, types)
  return outputColumns(node).map((column) => types.get(column) ?? sqlTypes.unknown)
}

function collectColumnTypes(node: Rel, types: Map<ColumnId, SqlType>): void {
  switch (node.kind) {
    case 'SeqScan':
    case 'IndexScan':
      node.table.columns.forEach((column, i) => {
        types.set(node.columns[i] as ColumnId, column.type)
      })
      return
    case 'SystemScan':
      node.relation.columns.forEach((column, i) => {
        types.set(node.columns[i] as ColumnId, column.type)
      })
      return
    case 'Values':
      node.columns.forEach((column, i) => {
        types.set(column, node.types[i] ?? sqlTypes.unknown)
      })
      return
    case 'Project':
      collectColumnTypes(node.input, types)
      for (const target of node.targets) types.set(target.column, target.expr.type)
      return
    case 'Aggregate':
      collectColumnTypes(node.input, types)
      for (const key of node.groupKeys) types.set(key.column, key.expr.type)
      for (const aggregate of node.aggregates) types.set(aggregate.column, aggregate.call.type)
      return
    case 'SetOp':
    case 'SubqueryScan':
    case 'RecursiveUnion': {
      const input =
        node.kind === 'SetOp' ? node.left : node.kind === 'SubqueryScan' ? node.input : node.base
      collectColumnTypes(input, types)
      if (node.kind === 'SetOp') collectColumnTypes(node.right, types)
      const inner = outputColumns(input)
      node.columns.forEach((column, i) => {
        types.set(column, types.get(inner[i] as ColumnId) ?? sqlTypes.unknown)
      })
      return
    }
    case 'Join':
    case 'HashJoin':
      collectColumnTypes(node.left, types)
      collectColumnTypes(node.right, types)
      return
    case 'Filter':
    case 'Sort':
    case 'Limit':
    case 'Distinct':
    case 'LockRows':
      collectColumnTypes(node.input, types)
      return
    case 'FunctionScan':
      for (const fn of node.functions) {
        const columns = fn.call.kind === 'SetCall' ? fn.call.columns : undefined
        fn.columns.forEach((column, i) => {
          types.set(column, columns?.[i]?.type ?? fn.call.type)
        })
      }
      if (node.ordinality !== undefined) types.set(node.ordinality, sqlTypes.int8)
      return
    case 'ProjectSet':
      collectColumnTypes(node.input, types)
      for (const call of node.calls) types.set(call.column, call.call.type)
      return
    case 'Window':
      collectColumnTypes(node.input, types)
      for (const { column, call } of node.calls) types.set(column, call.type)
      return
    case 'Result':
    case 'WorkTableScan':
      return
    default:
      assertNever(node, 'plan node')
  }
}
