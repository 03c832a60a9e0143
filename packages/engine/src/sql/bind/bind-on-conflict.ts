/**
 * INSERT ... ON CONFLICT: which unique constraints arbitrate (PostgreSQL's arbiter indexes) and,
 * for DO UPDATE, the SET list, its WHERE and the generated columns of the updated row.
 *
 * Arbiters, as PostgreSQL's infer_arbiter_indexes finds them:
 * - no conflict target (DO NOTHING only; DO UPDATE without one is 42601): every unique
 *   constraint and unique index of the table;
 * - `ON CONSTRAINT name`: the primary key or UNIQUE constraint of that name (42704 otherwise:
 *   a unique index that is not a constraint does not count);
 * - `(col, expr, ...) [WHERE predicate]`: every unique index (or the primary key) whose plain
 *   key columns are exactly the columns given and whose expression keys are exactly the
 *   expressions given (in any order, as the same bound expressions), and, for a partial index,
 *   whose predicate the WHERE implies: here, each conjunct of the index predicate is a conjunct
 *   of the WHERE (PostgreSQL also proves implications between comparisons, `b > 1` implying
 *   `b > 0`; such targets are 42P10 here). None: 42P10.
 *
 * DO UPDATE's expressions see the target (under its alias) and EXCLUDED, the proposed row: a
 * second item over the same table (through a view, the view's columns), whose columns follow
 * the target's in the row they read. RETURNING cannot see EXCLUDED (42P01, PostgreSQL's hint).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { InsertStmt, Node, OnConflictClause } from '../parse/index.js'
import { bindAssignments } from './bind-assignments.js'
import { bindGeneratedColumns } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindCondition, bindExpression } from './bind-expression.js'
import { bindIndexDefinition } from './bind-index.js'
import { bindModifyTarget, type ModifyTarget } from './bind-view-target.js'
import type { BoundExpr, BoundOnConflict, ColumnId, ConflictArbiter } from './bound.js'
import { requireTargetColumns } from './privilege-checks.js'
import { conflictRowSecurity } from './row-security.js'
import { Scope } from './scope.js'
import { mapExpression, sameExpression } from './walk.js'

export interface BoundConflictClause {
  readonly onConflict: BoundOnConflict
  /** What RETURNING binds over: the target, with EXCLUDED out of sight (for its error). */
  readonly returningScope: Scope
}

export function bindOnConflict(
  context: BindContext,
  insert: InsertStmt,
  clause: OnConflictClause,
  target: ModifyTarget,
): BoundConflictClause {
  const isUpdate = clause.action === 'ONCONFLICT_UPDATE'
  const arbiters = bindArbiters(context, clause, target, isUpdate)
  // EXCLUDED: the named relation once more, under that name, over a row of its own.
  const range = insert.relation ?? {}
  const excluded = bindModifyTarget(
    context,
    { ...range, alias: { aliasname: 'excluded' } },
    'insert',
  )
  const excludedItem = excluded.scope.items[0]
  if (excludedItem === undefined) throw new SqlError(SqlState.internalError, 'no EXCLUDED item')
  const returningScope = new Scope(target.scope.items, undefined, [excludedItem])
  const columns = [...target.columns, ...excluded.columns]
  if (!isUpdate) {
    return {
      onConflict: {
        action: 'nothing',
        arbiters,
        columns,
        assignments: [],
        generated: [],
        condition: undefined,
      },
      returningScope,
    }
  }
  const scope = target.scope.with(excludedItem)
  const assignments = context.withAggregateBan('UPDATE', () =>
    bindAssignments(context, target, scope, clause.targetList ?? []),
  )
  requireTargetColumns(
    context,
    target,
    'update',
    assignments.map((assignment) => assignment.column),
  )
  const where = clause.whereClause
  const condition =
    where === undefined
      ? undefined
      : context.withAggregateBan('WHERE', () => bindCondition(context, scope, where, 'WHERE'))
  return {
    onConflict: {
      action: 'update',
      arbiters,
      columns,
      assignments,
      generated: bindGeneratedColumns(context, target.table, target.columns),
      condition,
      rowSecurity: conflictRowSecurity(
        context,
        target.table,
        target.columns,
        insert.returningClause !== undefined,
      ),
    },
    returningScope,
  }
}

function bindArbiters(
  context: BindContext,
  clause: OnConflictClause,
  target: ModifyTarget,
  isUpdate: boolean,
): ConflictArbiter[] {
  const table = target.table
  const infer = clause.infer
  if (infer === undefined) {
    if (isUpdate) {
      const position = context.position(clause.location)
      throw new SqlError(
        SqlState.syntaxError,
        'ON CONFLICT DO UPDATE requires inference specification or constraint name',
        {
          hint: 'For example, ON CONFLICT (column_name).',
          ...(position === undefined ? {} : { position }),
        },
      )
    }
    return allUniqueArbiters(target)
  }
  if (infer.conname !== undefined) {
    const name = infer.conname
    if (table.primaryKey?.name === name) return [{ kind: 'primaryKey' }]
    const index = table.indexes.find((each) => each.isConstraint && each.name === name)
    if (index === undefined) {
      throw new SqlError(
        SqlState.undefinedObject,
        `constraint "${name}" for table "${target.relation.name}" does not exist`,
      )
    }
    return [{ kind: 'index', index }]
  }
  const elements = bindInferenceElements(context, target, infer.indexElems ?? [])
  const whereClause = infer.whereClause
  const predicate =
    whereClause === undefined
      ? []
      : conjunctsOf(
          context.withAggregateBan('index predicates', () =>
            bindCondition(context, target.scope, whereClause, 'WHERE'),
          ),
        )
  const arbiters: ConflictArbiter[] = []
  const primaryKey = table.primaryKey
  if (primaryKey !== undefined && elements.expressions.length === 0) {
    if (sameColumnSet(primaryKey.columns, elements.columns)) arbiters.push({ kind: 'primaryKey' })
  }
  for (const index of table.indexes) {
    if (!index.isUnique) continue
    const { keys, predicate: required } = indexOverTarget(target, index)
    const keyColumns: number[] = []
    const keyExpressions: BoundExpr[] = []
    index.keys.forEach((key, i) => {
      if (key.column !== undefined) keyColumns.push(key.column)
      else keyExpressions.push(keys[i] as BoundExpr)
    })
    if (!sameColumnSet(keyColumns, elements.columns)) continue
    const isCovered = (from: readonly BoundExpr[], to: readonly BoundExpr[]): boolean =>
      from.every((expr) => to.some((other) => sameExpression(expr, other)))
    if (!isCovered(keyExpressions, elements.expressions)) continue
    if (!isCovered(elements.expressions, keyExpressions)) continue
    if (!isCovered(conjunctsOf(required), predicate)) continue
    arbiters.push({ kind: 'index', index })
  }
  if (arbiters.length === 0) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      'there is no unique or exclusion constraint matching the ON CONFLICT specification',
    )
  }
  return arbiters
}

/** DO NOTHING without a conflict target: the primary key and every unique index. */
function allUniqueArbiters(target: ModifyTarget): ConflictArbiter[] {
  const table = target.table
  const arbiters: ConflictArbiter[] = table.primaryKey === undefined ? [] : [{ kind: 'primaryKey' }]
  for (const index of table.indexes) if (index.isUnique) arbiters.push({ kind: 'index', index })
  return arbiters
}

/** The conflict target's columns (base table column indexes) and expressions (over the
 * target's columns). */
function bindInferenceElements(
  context: BindContext,
  target: ModifyTarget,
  nodes: readonly Node[],
): { columns: number[]; expressions: BoundExpr[] } {
  const columns: number[] = []
  const expressions: BoundExpr[] = []
  for (const node of nodes) {
    if (!('IndexElem' in node)) throw notYet('this ON CONFLICT target')
    const element = node.IndexElem
    if ((element.collation ?? []).length > 0 || (element.opclass ?? []).length > 0) {
      throw notYet('COLLATE or an operator class in an ON CONFLICT target')
    }
    const expr = element.expr === undefined ? columnReference(element.name ?? '') : element.expr
    const bound = context.withAggregateBan('index expressions', () =>
      bindExpression(context, target.scope, expr),
    )
    const column = bound.kind === 'ColumnRef' ? target.columns.indexOf(bound.column) : -1
    if (column >= 0) columns.push(column)
    else expressions.push(bound)
  }
  return { columns, expressions }
}

function columnReference(name: string): Node {
  return { ColumnRef: { fields: [{ String: { sval: name } }] } }
}

/** The index's keys and predicate as expressions over the target's columns. */
function indexOverTarget(
  target: ModifyTarget,
  index: Parameters<typeof bindIndexDefinition>[1],
): { keys: BoundExpr[]; predicate: BoundExpr | undefined } {
  const definition = bindIndexDefinition(target.table, index)
  const remap = (expr: BoundExpr): BoundExpr =>
    mapExpression(expr, (node) => {
      if (node.kind !== 'ColumnRef') return undefined
      const column: ColumnId | undefined = target.columns[definition.columns.indexOf(node.column)]
      return column === undefined ? undefined : { ...node, column }
    })
  return {
    keys: definition.keys.map(remap),
    predicate: definition.predicate === undefined ? undefined : remap(definition.predicate),
  }
}

function sameColumnSet(a: readonly number[], b: readonly number[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((column) => right.has(column))
}

function conjunctsOf(expr: BoundExpr | undefined): BoundExpr[] {
  if (expr === undefined) return []
  if (expr.kind === 'Logical' && expr.operator === 'and') return expr.args.flatMap(conjunctsOf)
  return [expr]
}

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
