/**
 * FOREIGN KEY clauses of CREATE TABLE (a column's REFERENCES or a table constraint) bound to a
 * definition: referencing columns, the referenced table's name as written (resolved when the
 * constraint is added, so a table can reference itself), actions, MATCH. Validation against the
 * referenced table happens in sql/execute/ddl/foreign-keys.ts, which ALTER TABLE can share.
 */
import type { Catalog, Column, ReferentialAction, SearchPath } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type Constraint, SourceText, stringsOf } from '../parse/index.js'
import { bindColumnDefault } from './bind-column-expressions.js'
import { BindContext } from './bind-context.js'
import type { BoundExpr, ForeignKeyDefinition } from './bound.js'

const actions: Readonly<Record<string, ReferentialAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

/** Binds one FOREIGN KEY constraint; `columnNames` are the referencing columns (the column
 * itself for REFERENCES on a column), `tableColumns` the names of the table's columns. */
export function bindForeignKey(
  context: BindContext,
  constraint: Constraint,
  columnNames: readonly string[],
  tableColumns: readonly string[],
): ForeignKeyDefinition {
  const position = context.position(constraint.location)
  const at = position === undefined ? {} : { position }
  if (constraint.deferrable === true || constraint.initdeferred === true) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'DEFERRABLE constraints are not supported yet',
      at,
    )
  }
  if (constraint.fk_with_period === true || constraint.pk_with_period === true) {
    throw new SqlError(SqlState.featureNotSupported, 'PERIOD foreign keys are not supported', at)
  }
  if (constraint.fk_matchtype === 'p') {
    throw new SqlError(SqlState.featureNotSupported, 'MATCH PARTIAL not yet implemented', at)
  }
  const columns = columnNames.map((name) => {
    const index = tableColumns.indexOf(name)
    if (index < 0) {
      throw new SqlError(
        SqlState.undefinedColumn,
        `column "${name}" referenced in foreign key constraint does not exist`,
      )
    }
    return index
  })
  const referencedColumns = stringsOf(constraint.pk_attrs)
  const onDelete = actions[constraint.fk_del_action ?? 'a'] ?? 'no action'
  const onUpdate = actions[constraint.fk_upd_action ?? 'a'] ?? 'no action'
  const setColumnNames = stringsOf(constraint.fk_del_set_cols)
  const setColumns = setColumnNames.map((name) => {
    const index = tableColumns.indexOf(name)
    if (index < 0) {
      throw new SqlError(
        SqlState.undefinedColumn,
        `column "${name}" referenced in foreign key constraint does not exist`,
      )
    }
    if (!columns.includes(index)) {
      throw new SqlError(
        SqlState.invalidColumnReference,
        `column "${name}" referenced in ON DELETE SET action must be part of foreign key`,
      )
    }
    return index
  })
  return {
    name: constraint.conname,
    columns,
    referencedSchema: constraint.pktable?.schemaname,
    referencedName: constraint.pktable?.relname ?? '',
    referencedColumns,
    onDelete,
    onUpdate,
    deleteSetColumns: setColumns.length === 0 ? undefined : setColumns,
    match: constraint.fk_matchtype === 'f' ? 'full' : 'simple',
    isValidated: constraint.skip_validation !== true,
    position,
  }
}

/** A column's DEFAULT (NULL without one) bound for ON DELETE / ON UPDATE SET DEFAULT, which
 * sets it while a statement runs. */
export function bindActionDefault(
  catalog: Catalog,
  searchPath: SearchPath,
  user: string,
  column: Column,
): BoundExpr {
  const context = new BindContext(catalog, new SourceText(''), undefined, { searchPath, user })
  return bindColumnDefault(context, column)
}
