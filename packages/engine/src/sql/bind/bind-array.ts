/**
 * Array expressions: `ARRAY[a, b]` (and nested `ARRAY[[1, 2], [3, 4]]`), `ARRAY(subquery)` and
 * subscripts `a[i]`, `a[i:j]`, `a[i][j]`, with PostgreSQL's typing: the elements take their
 * common type (unknown literals become text); elements that are themselves arrays make a
 * multidimensional array of the same type; an empty `ARRAY[]` needs a cast (42P18), which
 * passes its element type down; subscripts are integers (42804 otherwise); a subscript that is a
 * slice anywhere makes every subscript a slice.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { arrayOf, type SqlType, sqlTypes } from '../../types/index.js'
import { type A_ArrayExpr, type A_Indirection, type Node, stringOf } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import type { BoundExpr } from './bound.js'
import type { Scope } from './scope.js'

/** What binding one expression needs from bind-expression.ts (passed in to avoid a cycle). */
export interface ExpressionBinder {
  bind(node: Node): BoundExpr
  unify(
    exprs: readonly BoundExpr[],
    construct: string,
    position: number | undefined,
  ): {
    type: SqlType
    exprs: BoundExpr[]
  }
  /** `expr` converted to `type` as an implicit coercion, or undefined when none exists. */
  coerce(expr: BoundExpr, type: SqlType, position: number | undefined): BoundExpr | undefined
  /** `expr` cast to `type` (an explicit conversion; 42846 when none exists). */
  cast(expr: BoundExpr, type: SqlType, position: number | undefined): BoundExpr
}

export function bindArrayConstructor(
  context: BindContext,
  binder: ExpressionBinder,
  array: A_ArrayExpr,
  target: SqlType | undefined,
): BoundExpr {
  const position = context.position(array.location)
  const elements = array.elements ?? []
  if (elements.length === 0) {
    if (target === undefined || target.element === undefined) {
      throw new SqlError(SqlState.indeterminateDatatype, 'cannot determine type of empty array', {
        hint: 'Explicitly cast to the desired type, for example ARRAY[]::integer[].',
        ...(position === undefined ? {} : { position }),
      })
    }
    return { kind: 'ArrayConstructor', type: target, args: [], isMultidimensional: false }
  }
  // A nested ARRAY[...] (or bare [...]) is a sub-array: it takes the same target type.
  const bound = elements.map((element) =>
    'A_ArrayExpr' in element
      ? bindArrayConstructor(context, binder, element.A_ArrayExpr, target)
      : binder.bind(element),
  )
  const isNested = elements.some((element) => 'A_ArrayExpr' in element)
  const elementTarget = isNested ? target : target?.element
  let unified: { type: SqlType; exprs: BoundExpr[] }
  if (elementTarget !== undefined) {
    unified = {
      type: elementTarget,
      // The cast's element type applies to each element, as an explicit cast (PostgreSQL).
      exprs: bound.map((expr) => binder.cast(expr, elementTarget, position)),
    }
  } else {
    unified = binder.unify(bound, 'ARRAY', position)
  }
  const common = unified.type.kind === 'unknown' ? sqlTypes.text : unified.type
  const isMultidimensional = common.element !== undefined
  return {
    kind: 'ArrayConstructor',
    type: isMultidimensional ? common : arrayOf(common),
    args: unified.exprs,
    isMultidimensional,
  }
}

/** `arg[...]...`: array subscripts (fields and `*` are refused for now). */
export function bindIndirection(
  context: BindContext,
  binder: ExpressionBinder,
  node: A_Indirection,
  scope: Scope,
): BoundExpr {
  void scope
  const arg = binder.bind(requireArg(node.arg))
  const position = context.position(locationOfArg(node.arg))
  // The parser puts a plain `[i]` in uidx; a slice `[l:u]` in lidx/uidx, either may be omitted.
  const subscripts: {
    lower: BoundExpr | undefined
    upper: BoundExpr | undefined
    isRange: boolean
  }[] = []
  let isSlice = false
  for (const item of node.indirection ?? []) {
    if ('A_Indices' in item) {
      const indices = item.A_Indices
      if (indices.is_slice === true) isSlice = true
      const toInteger = (index: Node | undefined): BoundExpr | undefined => {
        if (index === undefined) return undefined
        const expr = binder.bind(index)
        const converted = binder.coerce(expr, sqlTypes.int4, position)
        if (converted === undefined) {
          throw new SqlError(SqlState.datatypeMismatch, 'array subscript must have type integer', {
            ...(position === undefined ? {} : { position }),
          })
        }
        return converted
      }
      subscripts.push({
        lower: toInteger(indices.lidx),
        upper: toInteger(indices.uidx),
        isRange: indices.is_slice === true,
      })
      continue
    }
    const field = stringOf(item)
    throw new SqlError(
      SqlState.featureNotSupported,
      field === undefined
        ? 'selecting all fields of a row (.*) is not supported yet'
        : `selecting field "${field}" of a row is not supported yet`,
      position === undefined ? {} : { position },
    )
  }
  if (arg.type.element === undefined) {
    if (arg.type.kind === 'unknown') {
      throw new SqlError(
        SqlState.indeterminateDatatype,
        'cannot subscript type unknown because it does not support subscripting',
        position === undefined ? {} : { position },
      )
    }
    throw new SqlError(
      SqlState.datatypeMismatch,
      `cannot subscript type ${arg.type.displayName} because it does not support subscripting`,
      position === undefined ? {} : { position },
    )
  }
  if (subscripts.length > arrayDimensionsMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `number of array dimensions (${subscripts.length}) exceeds the maximum allowed (${arrayDimensionsMax})`,
      position === undefined ? {} : { position },
    )
  }
  // In a slice every subscript is a range; a plain `[i]` among them means `[1:i]`.
  const one: BoundExpr = { kind: 'Constant', type: sqlTypes.int4, value: 1 }
  return {
    kind: 'Subscript',
    type: isSlice ? arg.type : arg.type.element,
    arg,
    subscripts: subscripts.map(({ lower, upper, isRange }) => ({
      lower: isSlice && !isRange ? one : lower,
      upper,
    })),
    isSlice,
  }
}

/** PostgreSQL's MAXDIM. */
export const arrayDimensionsMax = 6

function requireArg(node: Node | undefined): Node {
  if (node === undefined)
    throw new SqlError(SqlState.syntaxError, 'subscript without an expression')
  return node
}

function locationOfArg(node: Node | undefined): number | undefined {
  if (node === undefined) return undefined
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null && 'location' in value) {
      const location = (value as { location?: number }).location
      if (typeof location === 'number') return location
    }
  }
  return undefined
}
