/**
 * DROP FUNCTION, ALTER FUNCTION ... RENAME TO and COMMENT ON FUNCTION: finding a function from
 * `name [(argtypes)]` as PostgreSQL's LookupFuncWithArgs does. With an argument list the input
 * types must match exactly (42883 `function f(integer) does not exist`); without one the name
 * must denote one function (42883 `could not find a function named "f"`, 42725 when several
 * overloads exist). Unqualified names look through the search path; built-in functions are not
 * user objects and are not found here.
 */
import type { SqlFunction } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SqlType } from '../../types/index.js'
import {
  type CommentStmt,
  type DropStmt,
  type Node,
  type ObjectWithArgs,
  type RenameStmt,
  stringsOf,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundAlterFunction, BoundDropFunction } from './bound.js'

/** The user functions `name` may denote, schema by schema in search-path order. */
export function visibleFunctions(
  context: BindContext,
  schema: string | undefined,
  name: string,
): SqlFunction[] {
  const named = context.catalog.functionsNamed(name)
  if (named.length === 0) return []
  if (schema !== undefined) return named.filter((fn) => fn.schema === schema)
  return context.searchPath.flatMap((path) => named.filter((fn) => fn.schema === path))
}

/** `f(integer, text)`: a function's input types as PostgreSQL names it in messages. */
export function functionSignature(name: string, types: readonly SqlType[]): string {
  return `${name}(${types.map((type) => type.displayName).join(', ')})`
}

export function signatureOf(fn: SqlFunction): string {
  return functionSignature(
    fn.name,
    fn.parameters.map((p) => p.type),
  )
}

/** Whether two lists of input types are the same signature (typmods do not count). */
export function isSameSignature(a: readonly SqlType[], b: readonly SqlType[]): boolean {
  return a.length === b.length && a.every((type, i) => sameType(type, b[i]))
}

function sameType(a: SqlType, b: SqlType | undefined): boolean {
  if (b === undefined || a.oid !== b.oid) return false
  if (a.element === undefined || b.element === undefined) return a.element === b.element
  return sameType(a.element, b.element)
}

type Lookup =
  | { readonly kind: 'found'; readonly fn: SqlFunction }
  | { readonly kind: 'missing'; readonly message: string; readonly error: SqlError }

function lookupFunction(context: BindContext, object: ObjectWithArgs): Lookup {
  const names = stringsOf(object.objname)
  const name = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[names.length - 2] : undefined
  if (schema !== undefined && context.catalog.findSchema(schema) === undefined) {
    const message = `schema "${schema}" does not exist`
    return { kind: 'missing', message, error: new SqlError(SqlState.invalidSchemaName, message) }
  }
  const shown = names.join('.')
  const candidates = visibleFunctions(context, schema, name)
  if (object.args_unspecified === true) {
    const first = candidates[0]
    if (first === undefined) {
      return {
        kind: 'missing',
        message: `function ${shown}() does not exist`,
        error: new SqlError(
          SqlState.undefinedFunction,
          `could not find a function named "${shown}"`,
        ),
      }
    }
    if (candidates.length > 1) {
      throw new SqlError(SqlState.ambiguousFunction, `function name "${shown}" is not unique`, {
        hint: 'Specify the argument list to select the function unambiguously.',
      })
    }
    return { kind: 'found', fn: first }
  }
  const types = argumentTypes(context, object)
  const found = candidates.find((fn) =>
    isSameSignature(
      fn.parameters.map((p) => p.type),
      types,
    ),
  )
  if (found !== undefined) return { kind: 'found', fn: found }
  return {
    kind: 'missing',
    // The notice names the types as parsed (pg_catalog.int4), PostgreSQL's TypeNameListToString.
    message: `function ${shown}(${writtenTypes(object).join(',')}) does not exist`,
    error: new SqlError(
      SqlState.undefinedFunction,
      `function ${functionSignature(shown, types)} does not exist`,
    ),
  }
}

/** The input types of `name(argtypes)` (OUT arguments are not part of a signature). */
function argumentTypes(context: BindContext, object: ObjectWithArgs): SqlType[] {
  const parameters = object.objfuncargs ?? []
  if (parameters.length > 0) {
    return parameters.flatMap((node: Node) => {
      if (!('FunctionParameter' in node)) return []
      const parameter = node.FunctionParameter
      if (parameter.mode === 'FUNC_PARAM_OUT' || parameter.mode === 'FUNC_PARAM_TABLE') return []
      return [resolveTypeNode(context, parameter.argType)]
    })
  }
  return (object.objargs ?? []).flatMap((node: Node) =>
    'TypeName' in node ? [resolveTypeNode(context, node.TypeName)] : [],
  )
}

function writtenTypes(object: ObjectWithArgs): string[] {
  return (object.objargs ?? []).flatMap((node: Node) => {
    if (!('TypeName' in node)) return []
    const type = node.TypeName
    const bounds = (type.arrayBounds ?? []).map(() => '[]').join('')
    return [`${stringsOf(type.names).join('.')}${bounds}`]
  })
}

function requireFunction(context: BindContext, object: ObjectWithArgs | undefined): SqlFunction {
  const lookup = lookupFunction(context, object ?? {})
  if (lookup.kind === 'missing') throw lookup.error
  return lookup.fn
}

function objectWithArgs(node: Node | undefined): ObjectWithArgs | undefined {
  return node !== undefined && 'ObjectWithArgs' in node ? node.ObjectWithArgs : undefined
}

/** DROP FUNCTION [IF EXISTS] name [(argtypes)] [, ...] [CASCADE | RESTRICT]. */
export function bindDropFunction(context: BindContext, drop: DropStmt): BoundDropFunction {
  const functions: SqlFunction[] = []
  const missingNotices: string[] = []
  for (const node of drop.objects ?? []) {
    const lookup = lookupFunction(context, objectWithArgs(node) ?? {})
    if (lookup.kind === 'missing') {
      if (drop.missing_ok !== true) throw lookup.error
      missingNotices.push(`${lookup.message}, skipping`)
      continue
    }
    if (!functions.includes(lookup.fn)) functions.push(lookup.fn)
  }
  return {
    kind: 'DropFunction',
    functions,
    cascade: drop.behavior === 'DROP_CASCADE',
    missingNotices,
  }
}

/** ALTER FUNCTION name [(argtypes)] RENAME TO new_name. */
export function bindRenameFunction(context: BindContext, rename: RenameStmt): BoundAlterFunction {
  const previous = requireFunction(context, objectWithArgs(rename.object))
  if (context.catalog.dependentsOf(previous.oid).length > 0) {
    // Views name the functions they call; they would not follow the rename.
    throw new SqlError(
      SqlState.featureNotSupported,
      'renaming a function that views call is not supported yet',
    )
  }
  const newName = rename.newname ?? ''
  const types = previous.parameters.map((p) => p.type)
  const clash = context.catalog.functionsNamed(newName).find(
    (fn) =>
      fn.schema === previous.schema &&
      isSameSignature(
        fn.parameters.map((p) => p.type),
        types,
      ),
  )
  if (clash !== undefined) {
    throw new SqlError(
      SqlState.duplicateFunction,
      `function ${functionSignature(newName, types)} already exists in schema "${previous.schema}"`,
    )
  }
  return {
    kind: 'AlterFunction',
    commandTag: 'ALTER FUNCTION',
    previous,
    next: { ...previous, name: newName },
  }
}

/** COMMENT ON FUNCTION name [(argtypes)] IS 'text' | NULL ('' removes it too). */
export function bindCommentFunction(
  context: BindContext,
  statement: CommentStmt,
): BoundAlterFunction {
  const previous = requireFunction(context, objectWithArgs(statement.object))
  const text = statement.comment
  const { comment: _, ...rest } = previous
  const next: SqlFunction = text === undefined || text === '' ? rest : { ...rest, comment: text }
  return { kind: 'AlterFunction', commandTag: 'COMMENT', previous, next }
}
