/**
 * Adding a FOREIGN KEY to a table: resolves the referenced table (which may be the table
 * itself), checks that the referenced columns are its primary key and that the column types
 * compare, names the constraint `<table>_<columns>_fkey` as PostgreSQL does, and (for ALTER
 * TABLE ADD FOREIGN KEY on a table with rows) checks the existing rows. CREATE TABLE calls it
 * for each constraint; ALTER TABLE can call it the same way.
 */
import { scanRows } from '../../../access/index.js'
import { type ForeignKey, storeObject, type Table } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { identifierBytesMax, nameAttemptsMax } from '../../../limits.js'
import { isIntegerType, type SqlType } from '../../../types/index.js'
import type { ForeignKeyDefinition } from '../../bind/index.js'
import type { ExecutionContext } from '../execution-context.js'
import { ForeignKeyChecks } from '../foreign-keys.js'

/**
 * Adds the foreign key to `table` (as the transaction's catalog has it): validates it, checks
 * existing rows unless NOT VALID, stores the new table definition and returns it.
 */
export function addForeignKey(
  context: ExecutionContext,
  table: Table,
  definition: ForeignKeyDefinition,
): Table {
  // PostgreSQL reports these errors without a position: they arise while adding the constraint.
  const referenced = context.catalog.getTable(
    definition.referencedSchema,
    definition.referencedName,
    undefined,
    context.searchPath,
  )
  const primaryKey = referenced.primaryKey
  let referencedColumns: number[]
  if (definition.referencedColumns.length === 0) {
    if (primaryKey === undefined) {
      throw new SqlError(
        SqlState.undefinedObject,
        `there is no primary key for referenced table "${referenced.name}"`,
      )
    }
    referencedColumns = [...primaryKey.columns]
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
    const isPrimaryKey =
      primaryKey !== undefined &&
      primaryKey.columns.length === referencedColumns.length &&
      new Set(referencedColumns).size === referencedColumns.length &&
      referencedColumns.every((column) => primaryKey.columns.includes(column))
    if (!isPrimaryKey) {
      // UNIQUE constraints as referenced keys arrive with secondary indexes.
      throw new SqlError(
        SqlState.invalidForeignKey,
        `there is no unique constraint matching given keys for referenced table "${referenced.name}"`,
      )
    }
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
  const key: ForeignKey = {
    oid: context.catalog.nextOid,
    name,
    columns: [...definition.columns],
    referencedTable: referenced.oid,
    referencedColumns,
    onDelete: definition.onDelete,
    onUpdate: definition.onUpdate,
    ...(definition.deleteSetColumns === undefined
      ? {}
      : { deleteSetColumns: [...definition.deleteSetColumns] }),
    match: definition.match,
    isDeferrable: false,
    isInitiallyDeferred: false,
    isValidated: definition.isValidated,
  }
  const next: Table = { ...table, foreignKeys: [...table.foreignKeys, key] }
  context.catalog = context.catalog.replacingRelation(table, next, 1)
  storeObject(context.transaction, next, context.catalog.nextOid)
  if (definition.isValidated) checkExistingRows(context, next)
  return next
}

/** Every existing row of the table must satisfy its (new) foreign keys. */
function checkExistingRows(context: ExecutionContext, table: Table): void {
  const checks = ForeignKeyChecks.for(context, table)
  if (checks === undefined) return
  for (const row of scanRows(context.transaction, table)) {
    context.interrupt.tick()
    checks.inserted(table, row)
  }
  checks.finish()
}

/** Types whose values the referenced key's equality compares: the same type, or two integer
 * types (their keys encode alike). PostgreSQL also accepts implicitly castable pairs such as
 * integer → numeric; those are refused here for now. */
function isComparable(from: SqlType, to: SqlType): boolean {
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
