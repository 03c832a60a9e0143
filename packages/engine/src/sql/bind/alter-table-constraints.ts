/**
 * ALTER TABLE's constraint subcommands, on the working copy of alter-table-work.ts: ADD CHECK /
 * PRIMARY KEY / UNIQUE [USING INDEX] / FOREIGN KEY [NOT VALID], VALIDATE CONSTRAINT, DROP
 * CONSTRAINT [CASCADE] and RENAME CONSTRAINT, with PostgreSQL's errors. Nothing here touches
 * rows: a new primary key makes the executor rewrite them (rows are keyed by it), a new unique
 * index is built by the executor over the rows (or while rewriting), new CHECK constraints and
 * foreign keys are validated after the rows are written.
 */
import type { CheckConstraint, Index } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { type Constraint, stringsOf } from '../parse/index.js'
import {
  changeForeignKeys,
  checkForeignKeyLater,
  constraintNameTaken,
  dropDependentKeys,
  loadRows,
  nextOid,
  notYet,
  type ReferencingKey,
  referencingKeys,
  type Work,
} from './alter-table-work.js'
import { bindCheckConstraint } from './bind-check.js'
import { bindForeignKey, defineForeignKey } from './bind-foreign-key.js'
import { chooseIndexName } from './bind-index.js'

/** ADD [CONSTRAINT name] ...; `column` names the column of a column constraint (ADD COLUMN). */
export function addConstraint(work: Work, constraint: Constraint, column?: string): void {
  switch (constraint.contype) {
    case 'CONSTR_CHECK':
      addCheck(work, constraint, column)
      return
    case 'CONSTR_PRIMARY':
      addPrimaryKey(work, constraint, column)
      return
    case 'CONSTR_UNIQUE':
      addUnique(work, constraint, column)
      return
    case 'CONSTR_FOREIGN':
      addForeignKeyConstraint(work, constraint, column)
      return
    default:
      throw notYet(`ALTER TABLE ADD ${constraintLabel(constraint).replace(/s$/, '')}`)
  }
}

export function constraintLabel(constraint: Constraint): string {
  const kind = (constraint.contype ?? 'CONSTR_UNKNOWN').replace('CONSTR_', '').replaceAll('_', ' ')
  return `${kind} constraints`
}

function addCheck(work: Work, constraint: Constraint, column: string | undefined): void {
  const table = work.table
  const draft = bindCheckConstraint(
    work.bind,
    constraint,
    table.name,
    table.columns,
    column,
    (name) => constraintNameTaken(work, name),
    undefined,
    (name) => `constraint "${name}" for relation "${table.name}" already exists`,
  )
  const check: CheckConstraint = { oid: nextOid(work), ...draft }
  work.table = { ...table, checks: [...table.checks, check] }
  if (check.isValidated) work.newChecks.add(check.name)
}

/** The key columns of a PRIMARY KEY or UNIQUE constraint: its column, or its column list. */
function keyColumns(
  work: Work,
  constraint: Constraint,
  column: string | undefined,
  kind: string,
): number[] {
  if ((constraint.including ?? []).length > 0) throw notYet('INCLUDE in constraints')
  const keys = column === undefined ? stringsOf(constraint.keys) : [column]
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i)
  if (repeated !== undefined) {
    throw new SqlError(
      SqlState.duplicateColumn,
      `column "${repeated}" appears twice in ${kind} constraint`,
    )
  }
  return keys.map((key) => {
    const index = work.table.columns.findIndex((c) => c.name === key)
    if (index >= 0) return index
    // PostgreSQL words the two differently.
    throw new SqlError(
      SqlState.undefinedColumn,
      kind === 'unique'
        ? `column "${key}" named in key does not exist`
        : `column "${key}" of relation "${work.table.name}" does not exist`,
    )
  })
}

/** The name of a new constraint with an index: free among the table's constraints (42710) and
 * the schema's relations (42P07). */
function checkIndexConstraintName(work: Work, name: string): void {
  const table = work.table
  // The index is created first, as in PostgreSQL.
  if (relationNameTaken(work, name)) {
    throw new SqlError(SqlState.duplicateTable, `relation "${name}" already exists`)
  }
  if (constraintNameTaken(work, name)) {
    throw new SqlError(
      SqlState.duplicateObject,
      `constraint "${name}" for relation "${table.name}" already exists`,
    )
  }
}

/** Whether a relation (or an index this statement added) has the name in the table's schema. */
function relationNameTaken(work: Work, name: string): boolean {
  const table = work.table
  const original = work.original
  const isOriginalIndex =
    original.indexes.some((index) => index.name === name) || original.primaryKey?.name === name
  const isCurrentIndex =
    table.indexes.some((index) => index.name === name) || table.primaryKey?.name === name
  // Names of the table's own indexes are free once this statement dropped them.
  if (isOriginalIndex) return isCurrentIndex
  return isCurrentIndex || work.runtime.catalog.hasRelation(table.schema, name)
}

function addPrimaryKey(work: Work, constraint: Constraint, column: string | undefined): void {
  const table = work.table
  if (table.primaryKey !== undefined) {
    throw new SqlError(
      SqlState.invalidTableDefinition,
      `multiple primary keys for table "${table.name}" are not allowed`,
    )
  }
  let columns: number[]
  let name: string
  if (constraint.indexname !== undefined) {
    // PRIMARY KEY USING INDEX: the index becomes the table's key (rows are rewritten under it).
    const index = usableIndex(work, constraint.indexname, constraint.location)
    columns = index.keys.map((key) => key.column ?? -1)
    name = renameForConstraint(work, index, constraint.conname)
    work.table = { ...work.table, indexes: work.table.indexes.filter((i) => i.oid !== index.oid) }
  } else {
    columns = keyColumns(work, constraint, column, 'primary key')
    name = constraint.conname ?? `${table.name}_pkey`
    checkIndexConstraintName(work, name)
  }
  for (const index of columns) {
    const keyColumn = work.table.columns[index]
    if (keyColumn !== undefined && !keyColumn.isNotNull) work.newNotNull.add(keyColumn.name)
  }
  loadRows(work)
  work.rewrite = true
  work.table = {
    ...work.table,
    columns: work.table.columns.map((c, i) =>
      columns.includes(i) ? { ...c, isNotNull: true } : c,
    ),
    primaryKey: { oid: nextOid(work), name, columns },
  }
}

function addUnique(work: Work, constraint: Constraint, column: string | undefined): void {
  const table = work.table
  if (constraint.indexname !== undefined) {
    // UNIQUE USING INDEX: an existing unique index becomes the constraint's.
    const index = usableIndex(work, constraint.indexname, constraint.location)
    const name = renameForConstraint(work, index, constraint.conname)
    work.table = {
      ...work.table,
      indexes: work.table.indexes.map((i) =>
        i.oid === index.oid ? { ...i, name, isConstraint: true } : i,
      ),
    }
    return
  }
  const columns = keyColumns(work, constraint, column, 'unique')
  const name =
    constraint.conname ??
    chooseIndexName(
      work.runtime.catalog,
      table.schema,
      table.name,
      columns.map((c) => table.columns[c]?.name ?? '?'),
      'key',
      new Set([
        ...table.indexes.map((index) => index.name),
        ...(table.primaryKey === undefined ? [] : [table.primaryKey.name]),
      ]),
    )
  checkIndexConstraintName(work, name)
  const index: Index = {
    oid: nextOid(work),
    name,
    keys: columns.map((c) => ({
      column: c,
      expression: undefined,
      descending: false,
      nullsFirst: false,
    })),
    include: [],
    isUnique: true,
    nullsNotDistinct: constraint.nulls_not_distinct === true,
    predicate: undefined,
    isConstraint: true,
  }
  work.table = { ...work.table, indexes: [...work.table.indexes, index] }
}

/** The index named by ADD ... USING INDEX, which must be a plain unique index of the table
 * (PostgreSQL's index_check_primary_key and ATExecAddIndexConstraint checks). */
function usableIndex(work: Work, name: string, location: number | undefined): Index {
  const position = work.bind.position(location)
  const at = position === undefined ? {} : { position }
  const index = work.table.indexes.find((i) => i.name === name)
  if (index === undefined) {
    if (work.runtime.catalog.hasRelation(work.table.schema, name)) {
      throw new SqlError(
        SqlState.wrongObjectType,
        `index "${name}" does not belong to table "${work.table.name}"`,
        at,
      )
    }
    throw new SqlError(SqlState.undefinedObject, `index "${name}" does not exist`, at)
  }
  const refuse = (message: string): SqlError =>
    new SqlError(SqlState.wrongObjectType, message, {
      detail: 'Cannot create a primary key or unique constraint using such an index.',
      ...at,
    })
  if (index.isConstraint) {
    throw new SqlError(
      SqlState.objectNotInPrerequisiteState,
      `index "${name}" is already associated with a constraint`,
      at,
    )
  }
  if (!index.isUnique) throw refuse(`"${name}" is not a unique index`)
  if (index.keys.some((key) => key.column === undefined)) {
    throw refuse(`index "${name}" contains expressions`)
  }
  if (index.predicate !== undefined) throw refuse(`"${name}" is a partial index`)
  if (index.keys.some((key) => key.descending || key.nullsFirst)) {
    throw refuse(`index "${name}" column number 1 does not have default sorting behavior`)
  }
  return index
}

/** The constraint takes its name from the index, or renames the index to the constraint's
 * name with PostgreSQL's NOTICE. */
function renameForConstraint(work: Work, index: Index, conname: string | undefined): string {
  if (conname === undefined || conname === index.name) return index.name
  if (constraintNameTaken(work, conname)) {
    throw new SqlError(
      SqlState.duplicateObject,
      `constraint "${conname}" for relation "${work.table.name}" already exists`,
    )
  }
  if (relationNameTaken(work, conname)) {
    throw new SqlError(SqlState.duplicateTable, `relation "${conname}" already exists`)
  }
  work.runtime.notice(
    SqlState.successfulCompletion,
    `ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index "${index.name}" to "${conname}"`,
  )
  return conname
}

function addForeignKeyConstraint(
  work: Work,
  constraint: Constraint,
  column: string | undefined,
): void {
  const columnNames = work.table.columns.map((c) => c.name)
  const definition = bindForeignKey(
    work.bind,
    constraint,
    column === undefined ? stringsOf(constraint.fk_attrs) : [column],
    columnNames,
  )
  const key = defineForeignKey(
    work.runtime.catalog,
    work.runtime.searchPath,
    work.table,
    definition,
    nextOid(work),
  )
  work.table = { ...work.table, foreignKeys: [...work.table.foreignKeys, key] }
  if (key.isValidated) checkForeignKeyLater(work, work.table.oid, key.name)
}

export function validateConstraint(work: Work, name: string): void {
  const table = work.table
  const check = table.checks.find((c) => c.name === name)
  const key = table.foreignKeys.find((k) => k.name === name)
  if (check !== undefined) {
    if (check.isValidated) return
    work.newChecks.add(name)
    work.table = {
      ...table,
      checks: table.checks.map((c) => (c.name === name ? { ...c, isValidated: true } : c)),
    }
    return
  }
  if (key !== undefined) {
    if (key.isValidated) return
    checkForeignKeyLater(work, table.oid, name)
    work.table = {
      ...table,
      foreignKeys: table.foreignKeys.map((k) =>
        k.name === name ? { ...k, isValidated: true } : k,
      ),
    }
    return
  }
  if (constraintNameTaken(work, name)) return
  throw new SqlError(
    SqlState.undefinedObject,
    `constraint "${name}" of relation "${table.name}" does not exist`,
  )
}

/** Foreign keys referencing the table through its primary key or unique index `indexOid`. */
function keysUsingIndex(work: Work, indexOid: number): ReferencingKey[] {
  const primaryKey = work.original.primaryKey?.oid
  return referencingKeys(work).filter(({ key }) => (key.referencedIndex ?? primaryKey) === indexOid)
}

export function dropConstraint(
  work: Work,
  name: string,
  ifExists: boolean,
  cascade: boolean,
): void {
  const table = work.table
  const what = `constraint ${name} on table ${table.name}`
  if (table.checks.some((check) => check.name === name)) {
    work.newChecks.delete(name)
    work.table = { ...table, checks: table.checks.filter((check) => check.name !== name) }
    return
  }
  if (table.foreignKeys.some((key) => key.name === name)) {
    work.foreignKeyChecks.get(table.oid)?.delete(name)
    changeForeignKeys(work, table, (keys) => keys.filter((key) => key.name !== name))
    return
  }
  const unique = table.indexes.find((index) => index.isConstraint && index.name === name)
  if (unique !== undefined) {
    dropDependentKeys(work, keysUsingIndex(work, unique.oid), what, `index ${name}`, cascade)
    work.table = {
      ...work.table,
      indexes: work.table.indexes.filter((index) => index.oid !== unique.oid),
    }
    return
  }
  const primaryKey = table.primaryKey
  if (primaryKey?.name === name) {
    dropDependentKeys(work, keysUsingIndex(work, primaryKey.oid), what, `index ${name}`, cascade)
    // Rows are keyed by a hidden row id from now on; the key columns stay NOT NULL (as in
    // PostgreSQL 15).
    loadRows(work)
    work.rewrite = true
    work.table = { ...work.table, primaryKey: undefined }
    return
  }
  const message = `constraint "${name}" of relation "${table.name}" does not exist`
  if (!ifExists) throw new SqlError(SqlState.undefinedObject, message)
  work.runtime.notice(SqlState.successfulCompletion, `${message}, skipping`)
}

/** RENAME CONSTRAINT: a CHECK, a foreign key, or a key whose index is renamed with it. */
export function renameConstraint(work: Work, oldName: string, newName: string): void {
  const table = work.table
  const isCheck = table.checks.some((check) => check.name === oldName)
  const isForeignKey = table.foreignKeys.some((key) => key.name === oldName)
  const isPrimaryKey = table.primaryKey?.name === oldName
  const unique = table.indexes.find((index) => index.isConstraint && index.name === oldName)
  if (!isCheck && !isForeignKey && !isPrimaryKey && unique === undefined) {
    throw new SqlError(
      SqlState.undefinedObject,
      `constraint "${oldName}" for table "${table.name}" does not exist`,
    )
  }
  if (constraintNameTaken(work, newName)) {
    throw new SqlError(
      SqlState.duplicateObject,
      `constraint "${newName}" for relation "${table.name}" already exists`,
    )
  }
  if ((isPrimaryKey || unique !== undefined) && relationNameTaken(work, newName)) {
    throw new SqlError(SqlState.duplicateTable, `relation "${newName}" already exists`)
  }
  const rename = <T extends { readonly name: string }>(item: T): T =>
    item.name === oldName ? { ...item, name: newName } : item
  work.table = {
    ...table,
    checks: table.checks.map(rename),
    foreignKeys: table.foreignKeys.map(rename),
    indexes: table.indexes.map((index) => (index.isConstraint ? rename(index) : index)),
    primaryKey: table.primaryKey && rename(table.primaryKey),
  }
}
