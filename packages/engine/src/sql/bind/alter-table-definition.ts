/**
 * ALTER TABLE's new table definition: the subcommands run in order against a working copy of
 * the table, each bound against what the ones before it left (so `ADD COLUMN b ..., ADD CHECK
 * (b > 0)` works), with PostgreSQL's errors. Row changes are applied to the rows the executor
 * supplies (read once, in memory) through `AlterTableRuntime`, which also compiles expressions;
 * sql/execute/ddl/alter-table.ts writes the rows back and replaces the catalog entry. New NOT
 * NULL and CHECK constraints are validated on the final rows (`validate`), with PostgreSQL's
 * phase-3 messages ("contains null values", "is violated by some row").
 *
 * Deliberate limits: a table that views read cannot lose or rename a column or change a
 * column's type (views depend on whole tables, see catalog.dependentsOf); UNIQUE and FOREIGN
 * KEY subcommands are left to their features (see `addConstraint`).
 */
import type {
  Catalog,
  CheckConstraint,
  Column,
  SearchPath,
  Sequence,
  StoredExpression,
  Table,
  View,
} from '../../catalog/index.js'
import { SqlError, SqlState, type SqlStateCode } from '../../errors/index.js'
import { tableColumnsMax } from '../../limits.js'
import { formatType, type Row, type Value } from '../../types/index.js'
import {
  type AlterTableCmd,
  type AlterTableStmt,
  type ColumnDef,
  type Constraint,
  type RenameStmt,
  stringsOf,
} from '../parse/index.js'
import { bindCheckConstraint, bindTableChecks } from './bind-check.js'
import {
  bindColumnDefault,
  checkDefaultExpression,
  findRawNodes,
} from './bind-column-expressions.js'
import { BindContext } from './bind-context.js'
import { bindExpression, convertType } from './bind-expression.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundAlterTable, BoundExpr, ColumnId } from './bound.js'
import { Scope } from './scope.js'

/** What the executor supplies: the catalog, the table's rows, expression evaluation. */
export interface AlterTableRuntime {
  readonly catalog: Catalog
  readonly searchPath: SearchPath
  /** The table's rows as the statement's snapshot has them, read once; changed in place. */
  rows(): Value[][]
  /** Compiles an expression over rows whose columns have these ids. */
  evaluate(expr: BoundExpr, columns: readonly ColumnId[]): (row: Row) => Value
  notice(code: SqlStateCode, message: string): void
  /** Called in every loop over rows (statement_timeout, cancel). */
  tick(): void
}

export interface AlterTableResult {
  readonly table: Table
  /** The rows must be written back under `table` (`runtime.rows()` holds them). */
  readonly rewrite: boolean
  /** Owned sequences whose column moved. */
  readonly sequences: readonly Sequence[]
  /** OIDs taken for new constraints, after the catalog's next OID. */
  readonly oidsUsed: number
  /** Checks new NOT NULL and CHECK constraints on the final rows. */
  readonly validate: () => void
}

/** The state of one ALTER TABLE while its subcommands run. */
interface Work {
  readonly runtime: AlterTableRuntime
  readonly bind: BindContext
  readonly original: Table
  table: Table
  /** The table's rows, read on first need; `rewrite` says they must be written back. */
  rows: Value[][] | undefined
  rewrite: boolean
  /** OIDs taken for new constraints, after the catalog's next OID. */
  oidsUsed: number
  /** Columns (by name) whose NOT NULL, and CHECK constraints (by name), the final rows must
   * satisfy. */
  readonly newNotNull: Set<string>
  readonly newChecks: Set<string>
  /** Owned sequences whose column moved or was renamed. */
  sequences: Map<number, Sequence>
}

/** Runs the subcommands of `alter` against `table`. */
export function alterTableDefinition(
  alter: BoundAlterTable,
  table: Table,
  runtime: AlterTableRuntime,
): AlterTableResult {
  const work: Work = {
    runtime,
    bind: new BindContext(runtime.catalog, alter.source, undefined, {
      searchPath: runtime.searchPath,
      user: 'postgres',
    }),
    original: table,
    table,
    rows: undefined,
    rewrite: false,
    oidsUsed: 0,
    newNotNull: new Set(),
    newChecks: new Set(),
    sequences: new Map(),
  }
  const node = alter.node
  if ('renameType' in node) rename(work, node)
  else runCommands(work, node)
  return {
    table: work.table,
    rewrite: work.rewrite,
    sequences: [...work.sequences.values()],
    oidsUsed: work.oidsUsed,
    validate: () => {
      if (work.newNotNull.size > 0 || work.newChecks.size > 0) validateRows(work, loadRows(work))
    },
  }
}

function runCommands(work: Work, statement: AlterTableStmt): void {
  for (const command of statement.cmds ?? []) {
    if (!('AlterTableCmd' in command)) continue
    work.runtime.tick()
    runCommand(work, command.AlterTableCmd)
  }
}

function runCommand(work: Work, command: AlterTableCmd): void {
  switch (command.subtype) {
    case 'AT_AddColumn':
      if (command.def !== undefined && 'ColumnDef' in command.def) {
        addColumn(work, command.def.ColumnDef, command.missing_ok === true)
      }
      return
    case 'AT_AlterColumnType':
      if (command.def !== undefined && 'ColumnDef' in command.def) {
        alterColumnType(work, command.name ?? '', command.def.ColumnDef)
      }
      return
    case 'AT_DropColumn':
      dropColumn(work, command.name ?? '', command.missing_ok === true)
      return
    case 'AT_ColumnDefault':
      setDefault(work, command)
      return
    case 'AT_SetNotNull':
      setNotNull(work, command.name ?? '', true)
      return
    case 'AT_DropNotNull':
      setNotNull(work, command.name ?? '', false)
      return
    case 'AT_AddConstraint':
      if (command.def !== undefined && 'Constraint' in command.def) {
        addConstraint(work, command.def.Constraint)
      }
      return
    case 'AT_ValidateConstraint':
      validateConstraint(work, command.name ?? '')
      return
    case 'AT_DropConstraint':
      dropConstraint(work, command.name ?? '', command.missing_ok === true)
      return
    default:
      throw notYet(`ALTER TABLE ${describeSubcommand(command.subtype ?? '')}`)
  }
}

function describeSubcommand(subtype: string): string {
  const names: Readonly<Record<string, string>> = {
    AT_ChangeOwner: 'OWNER TO',
    AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
    AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY',
    AT_ForceRowSecurity: 'FORCE ROW LEVEL SECURITY',
    AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY',
    AT_AddIdentity: 'ADD GENERATED AS IDENTITY',
    AT_SetIdentity: 'SET identity options',
    AT_DropIdentity: 'DROP IDENTITY',
    AT_SetStatistics: 'SET STATISTICS',
    AT_SetStorage: 'SET STORAGE',
    AT_SetRelOptions: 'SET (...)',
  }
  return names[subtype] ?? subtype.replace(/^AT_/, '')
}

// --- Columns -----------------------------------------------------------------------------

function addColumn(work: Work, definition: ColumnDef, ifNotExists: boolean): void {
  const table = work.table
  const name = definition.colname ?? ''
  if (table.columns.some((column) => column.name === name)) {
    const message = `column "${name}" of relation "${table.name}" already exists`
    if (!ifNotExists) throw new SqlError(SqlState.duplicateColumn, message)
    work.runtime.notice(SqlState.duplicateColumn, `${message}, skipping`)
    return
  }
  if (table.columns.length >= tableColumnsMax) {
    throw new SqlError(
      SqlState.tooManyColumns,
      `tables can have at most ${tableColumnsMax} columns`,
    )
  }
  const type = resolveTypeNode(work.bind, definition.typeName)
  let column: Column = { name, number: table.columns.length + 1, type, isNotNull: false }
  const checks: Constraint[] = []
  const constraints = (definition.constraints ?? []).flatMap((node) =>
    'Constraint' in node ? [node.Constraint] : [],
  )
  for (const [index, constraint] of constraints.entries()) {
    switch (constraint.contype) {
      case 'CONSTR_NOTNULL':
        column = { ...column, isNotNull: true }
        break
      case 'CONSTR_NULL':
        break
      case 'CONSTR_DEFAULT':
        if (constraint.raw_expr !== undefined) {
          const end = constraints[index + 1]?.location
          column = {
            ...column,
            default: checkDefaultExpression(work.bind, constraint.raw_expr, column, end),
          }
        }
        break
      case 'CONSTR_CHECK':
        checks.push(constraint)
        break
      default:
        throw notYet(`ADD COLUMN with ${constraintLabel(constraint)}`)
    }
  }
  const defaultValue = column.default === undefined ? undefined : compileDefault(work, column)
  const rows = loadRows(work)
  for (const row of rows) row.push(defaultValue === undefined ? null : defaultValue())
  work.rewrite = true
  work.table = { ...table, columns: [...table.columns, column] }
  if (column.isNotNull) work.newNotNull.add(name)
  for (const constraint of checks) addCheck(work, constraint, name)
}

/** The column's default as a function called once per existing row (volatile defaults give
 * each row its own value, as PostgreSQL's rewrite does). */
function compileDefault(work: Work, column: Column): () => Value {
  const expression = work.runtime.evaluate(bindColumnDefault(work.bind, column), [])
  return () => expression([])
}

function dropColumn(work: Work, name: string, ifExists: boolean): void {
  const table = work.table
  const index = table.columns.findIndex((column) => column.name === name)
  if (index < 0) {
    const message = `column "${name}" of relation "${table.name}" does not exist`
    if (!ifExists) throw new SqlError(SqlState.undefinedColumn, message)
    work.runtime.notice(SqlState.successfulCompletion, `${message}, skipping`)
    return
  }
  refuseWithViews(work, `drop column ${name} of table ${table.name}`)
  const column = table.columns[index]
  if (column?.identity !== undefined || ownedSequenceOf(work, index) !== undefined) {
    throw notYet('DROP COLUMN of a column that owns a sequence')
  }
  if (table.columns.some((c) => c.generated !== undefined && readsColumn(c.generated.node, name))) {
    throw notYet('DROP COLUMN of a column that a generated column reads')
  }
  if (table.foreignKeys.length > 0 || table.indexes.length > 0) {
    throw notYet('DROP COLUMN on a table with indexes or foreign keys')
  }
  // The primary key goes with one of its columns, as in PostgreSQL.
  const primaryKey = table.primaryKey?.columns.includes(index) ? undefined : table.primaryKey
  const rows = loadRows(work)
  for (const row of rows) row.splice(index, 1)
  work.rewrite = true
  // Constraints reading the column go with it, as in PostgreSQL.
  const checks = table.checks.filter((check) => !readsColumn(check.expression.node, name))
  const shift = (i: number): number => (i > index ? i - 1 : i)
  const columns = table.columns
    .filter((_, i) => i !== index)
    .map((c, i) => ({ ...c, number: i + 1 }))
  work.table = {
    ...table,
    columns,
    checks,
    primaryKey:
      primaryKey === undefined
        ? undefined
        : { ...primaryKey, columns: primaryKey.columns.map(shift) },
  }
  for (const dependent of work.runtime.catalog.dependentsOf(table.oid)) {
    if (dependent.kind !== 'owned sequence') continue
    const sequence = work.sequences.get(dependent.sequence.oid) ?? dependent.sequence
    const owned = sequence.ownedBy
    if (owned === undefined || owned.column <= index) continue
    work.sequences.set(sequence.oid, {
      ...sequence,
      ownedBy: { ...owned, column: owned.column - 1 },
    })
  }
}

/** ALTER COLUMN c TYPE t [USING expr]: each row's value converted (by assignment cast, or the
 * USING expression over the row); CHECK constraints reading the column are checked again. */
function alterColumnType(work: Work, name: string, definition: ColumnDef): void {
  const table = work.table
  const index = columnIndex(work, name)
  const column = table.columns[index]
  if (column === undefined) return
  if (dependentViews(work).length > 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'cannot alter type of a column used by a view or rule',
    )
  }
  if (column.default !== undefined || column.generated !== undefined || column.identity) {
    throw notYet('ALTER COLUMN TYPE of a column with a default, generation expression or identity')
  }
  if (table.indexes.length > 0 || table.foreignKeys.length > 0) {
    throw notYet('ALTER COLUMN TYPE on a table with indexes or foreign keys')
  }
  const type = resolveTypeNode(work.bind, definition.typeName)
  const ids = table.columns.map(() => work.bind.newColumn())
  const scope = new Scope(
    [
      {
        reference: table.name,
        table: undefined,
        columns: table.columns.map((c, i) => ({
          name: c.name,
          type: c.type,
          column: ids[i] ?? work.bind.newColumn(),
          origin: undefined,
        })),
        children: [],
      },
    ],
    undefined,
  )
  const using = definition.raw_default
  const source = bindExpression(
    work.bind,
    scope,
    using ?? { ColumnRef: { fields: [{ String: { sval: name } }] } },
  )
  const converted = convertType(work.bind, source, type, 'assignment', undefined)
  if (converted === undefined) {
    const shown = formatType(type)
    throw new SqlError(
      SqlState.datatypeMismatch,
      using === undefined
        ? `column "${name}" cannot be cast automatically to type ${shown}`
        : `result of USING clause for column "${name}" cannot be cast automatically to type ${shown}`,
      {
        hint:
          using === undefined
            ? `You might need to specify "USING ${name}::${shown}".`
            : 'You might need to add an explicit cast.',
      },
    )
  }
  const convert = work.runtime.evaluate(converted, ids)
  for (const row of loadRows(work)) {
    work.runtime.tick()
    row[index] = convert(row)
  }
  work.rewrite = true
  replaceColumn(work, index, (c) => ({ ...c, type }))
  for (const check of work.table.checks) {
    if (check.isValidated && readsColumn(check.expression.node, name))
      work.newChecks.add(check.name)
  }
}

function ownedSequenceOf(work: Work, index: number): Sequence | undefined {
  for (const dependent of work.runtime.catalog.dependentsOf(work.original.oid)) {
    if (dependent.kind === 'owned sequence' && dependent.sequence.ownedBy?.column === index) {
      return dependent.sequence
    }
  }
  return undefined
}

/** Whether a stored expression names the column (unqualified or qualified by the table). */
function readsColumn(node: unknown, name: string): boolean {
  return findRawNodes(node, 'ColumnRef').some((found) => {
    const fields = (found.node as { fields?: unknown[] }).fields ?? []
    const last = fields[fields.length - 1] as { String?: { sval?: string } } | undefined
    return last?.String?.sval === name
  })
}

/** The expression with references to column `from` naming `to` (their last field: the
 * expressions read one table). */
function renameColumnIn(expression: StoredExpression, from: string, to: string): StoredExpression {
  const node = JSON.parse(JSON.stringify(expression.node), (key, value: unknown) => {
    if (key !== 'ColumnRef' || typeof value !== 'object' || value === null) return value
    const fields = (value as { fields?: unknown[] }).fields ?? []
    const last = fields[fields.length - 1] as { String?: { sval?: string } } | undefined
    if (last?.String?.sval !== from) return value
    return { ...value, fields: [...fields.slice(0, -1), { String: { sval: to } }] }
  }) as StoredExpression['node']
  return { ...expression, node }
}

function dependentViews(work: Work): View[] {
  const views: View[] = []
  for (const dependent of work.runtime.catalog.dependentsOf(work.original.oid)) {
    if (dependent.kind === 'view') views.push(dependent.view)
  }
  return views
}

/** Views depend on whole tables (catalog.dependentsOf): a column they might read cannot go or
 * change its name while they exist. */
function refuseWithViews(work: Work, action: string): void {
  const views = dependentViews(work)
  const [first] = views
  if (first === undefined) return
  throw new SqlError(
    SqlState.dependentObjectsStillExist,
    `cannot ${action} because other objects depend on it`,
    {
      detail: views
        .map((view) => `view ${view.name} depends on table ${work.original.name}`)
        .join('\n'),
      hint: 'Drop the dependent views first (they depend on the whole table).',
    },
  )
}

function columnIndex(work: Work, name: string, withRelation = true): number {
  const index = work.table.columns.findIndex((column) => column.name === name)
  if (index >= 0) return index
  throw new SqlError(
    SqlState.undefinedColumn,
    withRelation
      ? `column "${name}" of relation "${work.table.name}" does not exist`
      : `column "${name}" does not exist`,
  )
}

function replaceColumn(work: Work, index: number, change: (column: Column) => Column): void {
  work.table = {
    ...work.table,
    columns: work.table.columns.map((column, i) => (i === index ? change(column) : column)),
  }
}

function setDefault(work: Work, command: AlterTableCmd): void {
  const index = columnIndex(work, command.name ?? '')
  const column = work.table.columns[index]
  if (column === undefined) return
  if (column.generated !== undefined) {
    throw new SqlError(
      SqlState.syntaxError,
      `column "${column.name}" of relation "${work.table.name}" is a generated column`,
      { hint: 'Use ALTER TABLE ... ALTER COLUMN ... SET EXPRESSION instead.' },
    )
  }
  if (column.identity !== undefined) {
    throw new SqlError(
      SqlState.syntaxError,
      `column "${column.name}" of relation "${work.table.name}" is an identity column`,
      { hint: 'Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.' },
    )
  }
  const node = command.def
  replaceColumn(work, index, (c) => {
    const { default: _previous, ...rest } = c
    return node === undefined
      ? rest
      : { ...rest, default: checkDefaultExpression(work.bind, node, c, undefined) }
  })
}

function setNotNull(work: Work, name: string, isNotNull: boolean): void {
  const index = columnIndex(work, name)
  const column = work.table.columns[index]
  if (column === undefined) return
  if (!isNotNull && work.table.primaryKey?.columns.includes(index)) {
    throw new SqlError(SqlState.invalidTableDefinition, `column "${name}" is in a primary key`)
  }
  if (!isNotNull && column.identity !== undefined) {
    throw new SqlError(
      SqlState.syntaxError,
      `column "${name}" of relation "${work.table.name}" is an identity column`,
    )
  }
  if (isNotNull && !column.isNotNull) work.newNotNull.add(name)
  if (!isNotNull) work.newNotNull.delete(name)
  replaceColumn(work, index, (c) => ({ ...c, isNotNull }))
}

// --- Constraints -------------------------------------------------------------------------

function addConstraint(work: Work, constraint: Constraint): void {
  switch (constraint.contype) {
    case 'CONSTR_CHECK':
      addCheck(work, constraint, undefined)
      return
    case 'CONSTR_PRIMARY':
      addPrimaryKey(work, constraint)
      return
    // ADD UNIQUE and ADD FOREIGN KEY belong to the index and foreign key features: their
    // handlers go here.
    case 'CONSTR_UNIQUE':
      throw notYet('ALTER TABLE ADD UNIQUE')
    case 'CONSTR_FOREIGN':
      throw notYet('ALTER TABLE ADD FOREIGN KEY')
    default:
      throw notYet(`ALTER TABLE ADD ${constraintLabel(constraint).replace(/s$/, '')}`)
  }
}

function constraintNameTaken(work: Work, name: string): boolean {
  const table = work.table
  return (
    table.primaryKey?.name === name ||
    table.checks.some((check) => check.name === name) ||
    table.foreignKeys.some((key) => key.name === name) ||
    table.indexes.some((index) => index.isConstraint && index.name === name)
  )
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

function nextOid(work: Work): number {
  const oid = work.runtime.catalog.nextOid + work.oidsUsed
  work.oidsUsed++
  return oid
}

function addPrimaryKey(work: Work, constraint: Constraint): void {
  const table = work.table
  if (table.primaryKey !== undefined) {
    throw new SqlError(
      SqlState.invalidTableDefinition,
      `multiple primary keys for table "${table.name}" are not allowed`,
    )
  }
  if (table.indexes.length > 0 || table.foreignKeys.length > 0) {
    throw notYet('ADD PRIMARY KEY on a table with indexes or foreign keys')
  }
  const keys = stringsOf(constraint.keys)
  const columns = keys.map((key) => columnIndex(work, key))
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i)
  if (repeated !== undefined) {
    throw new SqlError(
      SqlState.duplicateColumn,
      `column "${repeated}" appears twice in primary key constraint`,
    )
  }
  const name = constraint.conname ?? `${table.name}_pkey`
  if (constraintNameTaken(work, name)) {
    throw new SqlError(
      SqlState.duplicateObject,
      `constraint "${name}" for relation "${table.name}" already exists`,
    )
  }
  if (work.runtime.catalog.hasRelation(table.schema, name)) {
    throw new SqlError(SqlState.duplicateTable, `relation "${name}" already exists`)
  }
  for (const index of columns) {
    const column = table.columns[index]
    if (column !== undefined && !column.isNotNull) work.newNotNull.add(column.name)
  }
  loadRows(work)
  work.rewrite = true
  work.table = {
    ...table,
    columns: table.columns.map((c, i) => (columns.includes(i) ? { ...c, isNotNull: true } : c)),
    primaryKey: { oid: nextOid(work), name, columns },
  }
}

function validateConstraint(work: Work, name: string): void {
  const table = work.table
  const check = table.checks.find((c) => c.name === name)
  if (check === undefined) {
    if (table.primaryKey?.name === name) return
    throw new SqlError(
      SqlState.undefinedObject,
      `constraint "${name}" of relation "${table.name}" does not exist`,
    )
  }
  if (check.isValidated) return
  work.newChecks.add(name)
  work.table = {
    ...table,
    checks: table.checks.map((c) => (c.name === name ? { ...c, isValidated: true } : c)),
  }
}

function dropConstraint(work: Work, name: string, ifExists: boolean): void {
  const table = work.table
  if (table.checks.some((check) => check.name === name)) {
    work.newChecks.delete(name)
    work.table = { ...table, checks: table.checks.filter((check) => check.name !== name) }
    return
  }
  if (table.primaryKey?.name === name) {
    if (table.indexes.length > 0 || table.foreignKeys.length > 0) {
      throw notYet('dropping the primary key of a table with indexes or foreign keys')
    }
    // Rows are keyed by a hidden row id from now on; the key columns stay NOT NULL (as in
    // PostgreSQL 15).
    loadRows(work)
    work.rewrite = true
    work.table = { ...table, primaryKey: undefined }
    return
  }
  if (constraintNameTaken(work, name)) throw notYet('dropping this kind of constraint')
  const message = `constraint "${name}" of relation "${table.name}" does not exist`
  if (!ifExists) throw new SqlError(SqlState.undefinedObject, message)
  work.runtime.notice(SqlState.successfulCompletion, `${message}, skipping`)
}

// --- Renames -----------------------------------------------------------------------------

function rename(work: Work, statement: RenameStmt): void {
  const table = work.table
  const newName = statement.newname ?? ''
  const oldName = statement.subname ?? ''
  switch (statement.renameType) {
    case 'OBJECT_TABLE':
      if (work.runtime.catalog.hasRelation(table.schema, newName)) {
        throw new SqlError(SqlState.duplicateTable, `relation "${newName}" already exists`)
      }
      work.table = { ...table, name: newName }
      return
    case 'OBJECT_COLUMN': {
      const index = columnIndex(work, oldName, false)
      if (table.columns.some((column) => column.name === newName)) {
        throw new SqlError(
          SqlState.duplicateColumn,
          `column "${newName}" of relation "${table.name}" already exists`,
        )
      }
      refuseWithViews(work, `rename column ${oldName} of table ${table.name}`)
      // CHECK and generation expressions name the column: their ASTs follow the rename (their
      // text, kept for display, still shows the name as written).
      work.table = {
        ...table,
        columns: table.columns.map((c) =>
          c.generated === undefined
            ? c
            : { ...c, generated: renameColumnIn(c.generated, oldName, newName) },
        ),
        checks: table.checks.map((check) => ({
          ...check,
          expression: renameColumnIn(check.expression, oldName, newName),
        })),
      }
      replaceColumn(work, index, (c) => ({ ...c, name: newName }))
      return
    }
    case 'OBJECT_TABCONSTRAINT': {
      const isCheck = table.checks.some((check) => check.name === oldName)
      const isKey = table.primaryKey?.name === oldName
      if (!isCheck && !isKey) {
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
      if (isKey && table.primaryKey !== undefined) {
        if (work.runtime.catalog.hasRelation(table.schema, newName)) {
          throw new SqlError(SqlState.duplicateTable, `relation "${newName}" already exists`)
        }
        work.table = { ...table, primaryKey: { ...table.primaryKey, name: newName } }
        return
      }
      work.table = {
        ...table,
        checks: table.checks.map((c) => (c.name === oldName ? { ...c, name: newName } : c)),
      }
      return
    }
    default:
      throw notYet(`ALTER TABLE RENAME of ${statement.renameType ?? 'this object'}`)
  }
}

// --- Rows --------------------------------------------------------------------------------

function loadRows(work: Work): Value[][] {
  if (work.rows === undefined) work.rows = work.runtime.rows()
  return work.rows
}

function validateRows(work: Work, rows: readonly Row[]): void {
  const table = work.table
  const notNull = table.columns.flatMap((column, index) =>
    work.newNotNull.has(column.name) ? [{ column, index }] : [],
  )
  const ids = table.columns.map(() => work.bind.newColumn())
  const bound = bindTableChecks(
    work.bind,
    { ...table, checks: table.checks.filter((check) => work.newChecks.has(check.name)) },
    ids,
  )
  const tests = bound.map((check) => ({
    name: check.name,
    test: work.runtime.evaluate(check.condition, ids),
  }))
  for (const row of rows) {
    work.runtime.tick()
    for (const { column, index } of notNull) {
      if (row[index] !== null) continue
      throw new SqlError(
        SqlState.notNullViolation,
        `column "${column.name}" of relation "${table.name}" contains null values`,
        { schema: table.schema, table: table.name, column: column.name },
      )
    }
    for (const check of tests) {
      if (check.test(row) !== false) continue
      throw new SqlError(
        SqlState.checkViolation,
        `check constraint "${check.name}" of relation "${table.name}" is violated by some row`,
        { schema: table.schema, table: table.name, constraint: check.name },
      )
    }
  }
}

function constraintLabel(constraint: Constraint): string {
  const kind = (constraint.contype ?? 'CONSTR_UNKNOWN').replace('CONSTR_', '').replaceAll('_', ' ')
  return `${kind} constraints`
}

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
