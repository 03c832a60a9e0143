/**
 * Which column defaults name a sequence: a serial column's DEFAULT nextval('s'::regclass)
 * depends on s as PostgreSQL's pg_depend records it, so DROP SEQUENCE s is refused (2BP01)
 * unless CASCADE, which drops the default. Found by reading the stored expressions for
 * 'name'::regclass constants and resolving them as binding would.
 */
import type { Catalog, StoredExpression, Table } from '../../../catalog/index.js'
import { parseQualifiedName } from '../../../types/index.js'

export interface DefaultDependency {
  readonly table: Table
  readonly column: number
}

/** Every column default (of any table) that names the sequence `oid`. */
export function defaultsUsing(catalog: Catalog, oid: number): DefaultDependency[] {
  const found: DefaultDependency[] = []
  for (const table of catalog.tables()) {
    table.columns.forEach((column, index) => {
      if (column.default === undefined) return
      if (regclassNames(column.default.node).some((names) => resolves(catalog, names, oid))) {
        found.push({ table, column: index })
      }
    })
  }
  return found
}

function resolves(catalog: Catalog, names: readonly string[], oid: number): boolean {
  const name = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[names.length - 2] : undefined
  const relation =
    schema === undefined
      ? catalog.resolveRelation(undefined, name, [])
      : catalog.findRelation(schema, name)
  // Unqualified names were stored qualified (serialDefault); a user's DEFAULT may not be.
  if (relation === undefined && schema === undefined) {
    for (const candidate of catalog.relations()) {
      if (candidate.name === name && candidate.oid === oid) return true
    }
  }
  return relation?.oid === oid
}

/** The names of 'text'::regclass constants in a stored (raw) expression. */
function regclassNames(node: unknown): string[][] {
  const names: string[][] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (typeof value !== 'object' || value === null) return
    const cast = (value as { TypeCast?: unknown }).TypeCast
    if (typeof cast === 'object' && cast !== null) {
      const literal = regclassLiteral(cast)
      if (literal !== undefined) {
        try {
          names.push(parseQualifiedName(literal))
        } catch {
          // Not a name: it names nothing, so nothing depends on it.
        }
      }
    }
    for (const child of Object.values(value)) visit(child)
  }
  visit(node)
  return names
}

function regclassLiteral(cast: object): string | undefined {
  const typed = cast as {
    arg?: { A_Const?: { sval?: { sval?: string } } }
    typeName?: { names?: { String?: { sval?: string } }[] }
  }
  const typeNames = typed.typeName?.names ?? []
  if (typeNames[typeNames.length - 1]?.String?.sval !== 'regclass') return undefined
  return typed.arg?.A_Const?.sval?.sval
}

/** The default with 'schema.name'::regclass constants naming a sequence that moved to another
 * schema requalified (ALTER ... SET SCHEMA), in its AST and its display text. */
export function requalifyDefault(
  expression: StoredExpression,
  sequence: { readonly name: string },
  from: string,
  to: string,
): StoredExpression {
  const before = `${from}.${sequence.name}`
  const after = `${to}.${sequence.name}`
  const node = JSON.parse(JSON.stringify(expression.node), (key, value: unknown) => {
    if (key !== 'TypeCast' || typeof value !== 'object' || value === null) return value
    const literal = regclassLiteral(value)
    if (literal === undefined) return value
    let names: string[]
    try {
      names = parseQualifiedName(literal)
    } catch {
      return value
    }
    if (names.length !== 2 || names[0] !== from || names[1] !== sequence.name) return value
    const cast = value as { arg: { A_Const: { sval: { sval: string } } } }
    return { ...cast, arg: { A_Const: { ...cast.arg.A_Const, sval: { sval: after } } } }
  }) as StoredExpression['node']
  return { node, text: expression.text.replaceAll(`'${before}'`, `'${after}'`) }
}
