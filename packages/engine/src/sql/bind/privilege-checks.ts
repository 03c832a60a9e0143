/**
 * Privilege checks of queries (PostgreSQL's ExecCheckRTPerms, done when the statement is bound:
 * a binding is cached per catalog version and current role, so a GRANT or SET ROLE binds anew).
 * While a statement binds, the relations it names and the columns it reads, inserts and updates
 * are collected per (checking role, relation); `checkRequiredPrivileges` then asks, in the order
 * they were met, whether the role holds them: on the table, or for every column used on the
 * columns (SELECT with no column used needs SELECT on the table or any column). Inside a view the
 * checking role is the view's owner, unless the view has `security_invoker`. Superusers pass.
 * A denial is 42501 `permission denied for table t` (`view v`, `sequence s`).
 *
 * Binding is synchronous, so the column notes (from Scope.resolve and `*` expansion, which do
 * not see the context) go to the context being bound now (`activeContext`).
 */
import {
  type Catalog,
  hasAnyColumnPrivilege,
  hasColumnPrivilege,
  hasPrivileges,
  isMemberOf,
  Privilege,
  type Relation,
  type Role,
  relationWord,
  type Table,
  type View,
} from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Node } from '../parse/index.js'
import type { BindContext } from './bind-context.js'

interface Requirement {
  readonly role: string
  readonly relation: Relation
  mask: number
  readonly selected: Set<number>
  readonly inserted: Set<number>
  readonly updated: Set<number>
}

interface FunctionRequirement {
  readonly role: string
  readonly oid: number
}

interface Collector {
  readonly requirements: Map<string, Requirement>
  readonly functions: FunctionRequirement[]
}

const collectors = new WeakMap<BindContext, Collector>()
let activeContext: BindContext | undefined

/** Runs `bind` with `context` as the one column notes go to (nested statements restore it). */
export function collectingPrivileges<T>(context: BindContext, bind: () => T): T {
  const previous = activeContext
  activeContext = context
  try {
    return bind()
  } finally {
    activeContext = previous
  }
}

function collectorOf(context: BindContext): Collector {
  let collector = collectors.get(context)
  if (collector === undefined) {
    collector = { requirements: new Map(), functions: [] }
    collectors.set(context, collector)
  }
  return collector
}

/** The role whose rights apply here: the owner of the innermost view being expanded (unless it
 * is security_invoker), else the current role. */
export function checkingRole(context: BindContext): string {
  for (let i = context.viewsExpanding.length - 1; i >= 0; i--) {
    const relation = context.catalog.findRelationByOid(context.viewsExpanding[i] ?? 0)
    if (relation?.kind !== 'view') continue
    if (!relation.securityInvoker) return relation.owner
  }
  return context.user
}

function requirementOf(context: BindContext, relation: Relation, role: string): Requirement {
  const requirements = collectorOf(context).requirements
  const key = `${role}\u0000${relation.oid}`
  let requirement = requirements.get(key)
  if (requirement === undefined) {
    requirement = {
      role,
      relation,
      mask: 0,
      selected: new Set(),
      inserted: new Set(),
      updated: new Set(),
    }
    requirements.set(key, requirement)
  }
  return requirement
}

/** The statement needs `mask` on `relation` (checked as `role`, default the checking role). */
export function requireRelation(
  context: BindContext,
  relation: Relation,
  mask: number,
  role: string = checkingRole(context),
): void {
  requirementOf(context, relation, role).mask |= mask
}

/** The statement inserts into / updates these columns (attnums) of `relation`. */
export function requireColumns(
  context: BindContext,
  relation: Relation,
  privilege: 'insert' | 'update',
  columns: Iterable<number>,
  role: string = checkingRole(context),
): void {
  const requirement = requirementOf(context, relation, role)
  requirement.mask |= privilege === 'insert' ? Privilege.insert : Privilege.update
  const set = privilege === 'insert' ? requirement.inserted : requirement.updated
  for (const column of columns) set.add(column)
}

/** A column of a table or view is read (a reference, `*`, RETURNING): SELECT on it. */
export function noteColumnRead(
  origin: { readonly table: Relation; readonly number: number } | undefined,
): void {
  const context = activeContext
  if (context === undefined || origin === undefined) return
  const requirement = requirementOf(context, origin.table, checkingRole(context))
  requirement.mask |= Privilege.select
  requirement.selected.add(origin.number)
}

/** The statement calls user function `oid`: EXECUTE, checked as the checking role. */
export function requireExecute(context: BindContext, oid: number): void {
  collectorOf(context).functions.push({ role: checkingRole(context), oid })
}

function denied(relation: Relation): SqlError {
  return new SqlError(
    SqlState.insufficientPrivilege,
    `permission denied for ${relationWord(relation)} ${relation.name}`,
  )
}

function columnsAllowed(
  catalog: Catalog,
  role: Role,
  relation: Relation,
  columns: ReadonlySet<number>,
  privilege: number,
): boolean {
  if (columns.size === 0) return hasAnyColumnPrivilege(catalog, relation, role, privilege)
  for (const column of columns) {
    if (!hasColumnPrivilege(catalog, relation, column, role, privilege)) return false
  }
  return true
}

/** Checks what the statement bound in `context` needs; 42501 on the first denial. */
export function checkRequiredPrivileges(context: BindContext): void {
  const collector = collectors.get(context)
  if (collector === undefined) return
  const catalog = context.catalog
  for (const requirement of collector.requirements.values()) {
    const role = catalog.findRole(requirement.role)
    if (role === undefined || role.isSuperuser) continue
    const relation = catalog.findRelationByOid(requirement.relation.oid) ?? requirement.relation
    const target = { kind: 'relation', relation } as const
    if (hasPrivileges(catalog, target, role, requirement.mask)) continue
    const columnChecks: [number, ReadonlySet<number>][] = [
      [Privilege.select, requirement.selected],
      [Privilege.insert, requirement.inserted],
      [Privilege.update, requirement.updated],
    ]
    const others = requirement.mask & ~(Privilege.select | Privilege.insert | Privilege.update)
    if (others !== 0 && !hasPrivileges(catalog, target, role, others)) throw denied(relation)
    for (const [privilege, columns] of columnChecks) {
      if ((requirement.mask & privilege) === 0) continue
      if (hasPrivileges(catalog, target, role, privilege)) continue
      if (relation.kind === 'sequence') throw denied(relation)
      if (!columnsAllowed(catalog, role, relation, columns, privilege)) throw denied(relation)
    }
  }
  for (const { role: roleName, oid } of collector.functions) {
    const role = catalog.findRole(roleName)
    const fn = catalog.findFunctionByOid(oid)
    if (role === undefined || role.isSuperuser || fn === undefined) continue
    if (!hasPrivileges(catalog, { kind: 'function', fn }, role, Privilege.execute)) {
      throw new SqlError(
        SqlState.insufficientPrivilege,
        `permission denied for function ${fn.name}`,
      )
    }
  }
}

/** Statements that bind queries or expressions to define an object, not to run them now
 * (CREATE VIEW, CREATE FUNCTION, CREATE TABLE's defaults): nothing is checked until use. */
export function definesObject(node: Node): boolean {
  return 'ViewStmt' in node || 'CreateFunctionStmt' in node || 'CreateStmt' in node
}

/** A write target's needs: `operation` on the named relation; through a view, also on the base
 * table as the view's owner (the caller with security_invoker). `columns` are indexes into the
 * base table's columns. */
export function requireTargetColumns(
  context: BindContext,
  target: { readonly relation: Table | View; readonly table: Table },
  operation: 'insert' | 'update' | 'delete',
  columns: readonly number[],
): void {
  const attnums = columns.map((index) => target.table.columns[index]?.number ?? index + 1)
  const require = (relation: Relation, role: string, withColumns: boolean): void => {
    if (operation === 'delete') requireRelation(context, relation, Privilege.delete, role)
    else requireColumns(context, relation, operation, withColumns ? attnums : [], role)
  }
  const user = checkingRole(context)
  if (target.relation.kind === 'table') {
    require(target.table, user, true)
    return
  }
  require(target.relation, user, false)
  require(target.table, target.relation.securityInvoker ? user : target.relation.owner, true)
}

/**
 * A schema-qualified relation name needs USAGE on the schema (checked at lookup, as
 * PostgreSQL's namespace lookup does: 42501 `permission denied for schema s`, with the name's
 * position). Names inside views are not looked up again, so only the statement's own count.
 */
export function checkSchemaUsage(
  context: BindContext,
  schemaName: string | undefined,
  location: number | undefined,
): void {
  if (schemaName === undefined || context.viewsExpanding.length > 0) return
  const role = context.catalog.findRole(context.user)
  const schema = context.catalog.findSchema(schemaName)
  if (role === undefined || role.isSuperuser || schema === undefined) return
  if (hasPrivileges(context.catalog, { kind: 'schema', schema }, role, Privilege.usage)) return
  const position = context.position(location)
  throw new SqlError(
    SqlState.insufficientPrivilege,
    `permission denied for schema ${schema.name}`,
    position === undefined ? {} : { position },
  )
}

/** ALTER, DROP, CREATE INDEX: the current role must have the owner's privileges (42501 `must
 * be owner of table t`; an index is its table's). Superusers pass. */
export function requireOwnership(
  context: BindContext,
  relation: Relation | { readonly kind: 'index'; readonly name: string; readonly table: Table },
): void {
  const role = context.catalog.findRole(context.user)
  if (role === undefined || role.isSuperuser) return
  const ownerName = relation.kind === 'index' ? relation.table.owner : relation.owner
  const owner = context.catalog.findRole(ownerName)
  if (owner !== undefined && isMemberOf(context.catalog, role, owner)) return
  const word = relation.kind === 'index' ? 'index' : relationWord(relation)
  throw new SqlError(SqlState.insufficientPrivilege, `must be owner of ${word} ${relation.name}`)
}
