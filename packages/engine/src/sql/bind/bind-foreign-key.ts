/**
 * FOREIGN KEY clauses of CREATE TABLE (a column's REFERENCES or a table constraint) bound to a
 * definition: referencing columns, the referenced table's name as written (resolved when the
 * constraint is added, so a table can reference itself), actions, MATCH. `defineForeignKey`
 * turns a definition into the catalog's ForeignKey against the referenced table (CREATE TABLE
 * at execution, after the table exists; ALTER TABLE ... ADD FOREIGN KEY).
 */
import type {
  Catalog,
  Column,
  ForeignKey,
  ReferentialAction,
  SearchPath,
  Table,
} from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { identifierBytesMax, nameAttemptsMax } from '../../limits.js'
import { isIntegerType, type SqlType } from '../../types/index.js'
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
    isDeferrable: constraint.deferrable === true || constraint.initdeferred === true,
    isInitiallyDeferred: constraint.initdeferred === true,
    isValidated: constraint.skip_validation !== true,
    position,
  }
}

const attributeClauses: Readonly<Record<string, string>> = {
  CONSTR_ATTR_DEFERRABLE: 'DEFERRABLE',
  CONSTR_ATTR_NOT_DEFERRABLE: 'NOT DEFERRABLE',
  CONSTR_ATTR_DEFERRED: 'INITIALLY DEFERRED',
  CONSTR_ATTR_IMMEDIATE: 'INITIALLY IMMEDIATE',
}

/**
 * A column's constraint list with DEFERRABLE / NOT DEFERRABLE / INITIALLY DEFERRED / INITIALLY
 * IMMEDIATE (separate list items in a column definition) folded into the constraint before
 * them, as PostgreSQL's transformConstraintAttrs, with its 42601 errors. Only foreign keys can
 * be deferrable here (a deferrable PRIMARY KEY or UNIQUE is 0A000).
 */
export function foldConstraintAttributes(
  context: BindContext,
  constraints: readonly Constraint[],
): Constraint[] {
  const folded: Constraint[] = []
  const seen = new Set<string>()
  for (const constraint of constraints) {
    const type = constraint.contype ?? ''
    if (!type.startsWith('CONSTR_ATTR_')) {
      folded.push(constraint)
      seen.clear()
      continue
    }
    const position = context.position(constraint.location)
    const at = position === undefined ? {} : { position }
    const isDeferrable = type.endsWith('_DEFERRABLE')
    const clause = attributeClauses[type] ?? type.replace('CONSTR_ATTR_', '')
    const previous = folded[folded.length - 1]
    const kind = previous?.contype
    if (kind !== 'CONSTR_FOREIGN' && kind !== 'CONSTR_PRIMARY' && kind !== 'CONSTR_UNIQUE') {
      throw new SqlError(SqlState.syntaxError, `misplaced ${clause} clause`, at)
    }
    const group = isDeferrable ? 'DEFERRABLE/NOT DEFERRABLE' : 'INITIALLY IMMEDIATE/DEFERRED'
    if (seen.has(group)) {
      throw new SqlError(SqlState.syntaxError, `multiple ${group} clauses not allowed`, at)
    }
    seen.add(group)
    let next: Constraint = previous ?? {}
    if (type === 'CONSTR_ATTR_DEFERRABLE') next = { ...next, deferrable: true }
    if (type === 'CONSTR_ATTR_DEFERRED') next = { ...next, deferrable: true, initdeferred: true }
    if (type === 'CONSTR_ATTR_NOT_DEFERRABLE' && next.initdeferred === true) {
      throw new SqlError(
        SqlState.syntaxError,
        'constraint declared INITIALLY DEFERRED must be DEFERRABLE',
        at,
      )
    }
    if (type === 'CONSTR_ATTR_DEFERRED' && seen.has('NOT DEFERRABLE')) {
      throw new SqlError(
        SqlState.syntaxError,
        'constraint declared INITIALLY DEFERRED must be DEFERRABLE',
        at,
      )
    }
    if (type === 'CONSTR_ATTR_NOT_DEFERRABLE') seen.add('NOT DEFERRABLE')
    if (next.deferrable === true && kind !== 'CONSTR_FOREIGN') {
      throw new SqlError(
        SqlState.featureNotSupported,
        'DEFERRABLE PRIMARY KEY and UNIQUE constraints are not supported yet',
        at,
      )
    }
    folded[folded.length - 1] = next
  }
  return folded
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

/**
 * The foreign key `definition` describes, on `table` (the definition being built: a reference
 * to the table itself resolves to it), with PostgreSQL's errors: the referenced columns must be
 * the primary key or the columns of a unique index (42830), their types must compare.
 */
export function defineForeignKey(
  catalog: Catalog,
  searchPath: SearchPath,
  table: Table,
  definition: ForeignKeyDefinition,
  oid: number,
): ForeignKey {
  // PostgreSQL reports these errors without a position: they arise while adding the constraint.
  const found = catalog.getTable(
    definition.referencedSchema,
    definition.referencedName,
    undefined,
    searchPath,
  )
  const referenced = found.oid === table.oid ? table : found
  const primaryKey = referenced.primaryKey
  let referencedColumns: number[]
  let referencedIndex: number
  if (definition.referencedColumns.length === 0) {
    if (primaryKey === undefined) {
      throw new SqlError(
        SqlState.undefinedObject,
        `there is no primary key for referenced table "${referenced.name}"`,
      )
    }
    referencedColumns = [...primaryKey.columns]
    referencedIndex = primaryKey.oid
  } else {
    referencedColumns = definition.referencedColumns.map((name) => {
      const index = referenced.columns.findIndex((column) => column.name === name)
      if (index < 0) {
        throw new SqlError(
          SqlState.undefinedColumn,
          `column "${name}" referenced in foreign key constraint does not exist`,
        )
      }
      return index
    })
    const matching = matchingUniqueKey(referenced, referencedColumns)
    if (matching === undefined) {
      throw new SqlError(
        SqlState.invalidForeignKey,
        `there is no unique constraint matching given keys for referenced table "${referenced.name}"`,
      )
    }
    referencedIndex = matching
  }
  if (referencedColumns.length !== definition.columns.length) {
    throw new SqlError(
      SqlState.invalidForeignKey,
      'number of referencing and referenced columns for foreign key disagree',
    )
  }
  const name = definition.name ?? chooseForeignKeyName(table, definition.columns)
  if (definition.name !== undefined && constraintNames(table).has(definition.name)) {
    throw new SqlError(
      SqlState.duplicateObject,
      `constraint "${definition.name}" for relation "${table.name}" already exists`,
    )
  }
  definition.columns.forEach((column, i) => {
    const from = table.columns[column]
    const to = referenced.columns[referencedColumns[i] ?? -1]
    if (from === undefined || to === undefined) return
    if (!isComparable(from.type, to.type)) {
      throw new SqlError(
        SqlState.datatypeMismatch,
        `foreign key constraint "${name}" cannot be implemented`,
        {
          detail: `Key columns "${from.name}" and "${to.name}" are of incompatible types: ${from.type.displayName} and ${to.type.displayName}.`,
        },
      )
    }
  })
  return {
    oid,
    name,
    columns: [...definition.columns],
    referencedTable: referenced.oid,
    referencedColumns,
    referencedIndex,
    onDelete: definition.onDelete,
    onUpdate: definition.onUpdate,
    ...(definition.deleteSetColumns === undefined
      ? {}
      : { deleteSetColumns: [...definition.deleteSetColumns] }),
    match: definition.match,
    isDeferrable: definition.isDeferrable,
    isInitiallyDeferred: definition.isInitiallyDeferred,
    isValidated: definition.isValidated,
  }
}

/**
 * The OID of the primary key or unique index whose key columns are exactly `columns` (in any
 * order), as PostgreSQL's transformFkeyCheckAttrs: no partial or expression index, and the
 * primary key before the indexes, then the oldest index.
 */
export function matchingUniqueKey(table: Table, columns: readonly number[]): number | undefined {
  const wanted = new Set(columns)
  if (wanted.size !== columns.length) return undefined
  const sameSet = (keys: readonly (number | undefined)[]): boolean =>
    keys.length === wanted.size &&
    keys.every((column) => column !== undefined && wanted.has(column))
  const primaryKey = table.primaryKey
  if (primaryKey !== undefined && sameSet(primaryKey.columns)) return primaryKey.oid
  const candidates = table.indexes
    .filter(
      (index) =>
        index.isUnique &&
        index.predicate === undefined &&
        sameSet(index.keys.map((key) => key.column)),
    )
    .sort((a, b) => a.oid - b.oid)
  return candidates[0]?.oid
}

/** Types whose values the referenced key's equality compares: the same type, or two integer
 * types (their keys encode alike). PostgreSQL also accepts implicitly castable pairs such as
 * integer → numeric; those are refused here for now. */
export function isComparable(from: SqlType, to: SqlType): boolean {
  if (isIntegerType(from) && isIntegerType(to)) return true
  return from.oid === to.oid
}

function constraintNames(table: Table): Set<string> {
  const names = new Set<string>()
  if (table.primaryKey !== undefined) names.add(table.primaryKey.name)
  for (const key of table.foreignKeys) names.add(key.name)
  for (const check of table.checks) names.add(check.name)
  for (const index of table.indexes) if (index.isConstraint) names.add(index.name)
  return names
}

/** `<table>_<col>_<col>_fkey`, shortened to fit an identifier (the longer part first, as
 * PostgreSQL's makeObjectName), then with 1, 2, ... appended while the table has that name. */
function chooseForeignKeyName(table: Table, columns: readonly number[]): string {
  const taken = constraintNames(table)
  const addition = columns.map((column) => table.columns[column]?.name ?? '').join('_')
  for (let attempt = 0; attempt <= nameAttemptsMax; attempt++) {
    const label = attempt === 0 ? 'fkey' : `fkey${attempt}`
    let head = table.name
    let tail = addition
    while (Buffer.byteLength(`${head}_${tail}_${label}`) > identifierBytesMax) {
      if (Buffer.byteLength(head) >= Buffer.byteLength(tail)) head = head.slice(0, -1)
      else tail = tail.slice(0, -1)
    }
    const name = `${head}_${tail}_${label}`
    if (!taken.has(name)) return name
  }
  throw new SqlError(
    SqlState.duplicateObject,
    `could not choose a name for a foreign key of "${table.name}"`,
  )
}
