/**
 * ALTER TABLE's new table definition: the subcommands run in order against a working copy of
 * the table, each bound against what the ones before it left (so `ADD COLUMN b ..., ADD CHECK
 * (b > 0)` works), with PostgreSQL's errors. Row changes are applied to the rows the executor
 * supplies (read once, in memory) through `AlterTableRuntime`, which also compiles expressions;
 * sql/execute/ddl/alter-table.ts writes the rows back and replaces the catalog entry. New NOT
 * NULL and CHECK constraints are validated on the final rows (`validate`), with PostgreSQL's
 * phase-3 messages ("contains null values", "is violated by some row").
 *
 * Indexes and foreign keys follow their columns: a dropped column takes the indexes reading it
 * and the table's foreign keys on it (a foreign key of another table referencing it is 2BP01
 * unless CASCADE), positions are renumbered (in the foreign keys of other tables referencing
 * this one too), a renamed column is renamed inside index expressions and predicates, and a
 * column type change rewrites the rows (so the indexes are rebuilt) and checks the foreign keys
 * on the column again. Constraint subcommands are in alter-table-constraints.ts.
 *
 * Deliberate limits: a table that views read cannot lose or rename a column or change a
 * column's type (views depend on whole tables, see catalog.dependentsOf).
 */
import type {
  Column,
  ForeignKey,
  Index,
  Sequence,
  StoredExpression,
  Table,
  View,
} from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { tableColumnsMax } from '../../limits.js'
import { formatType, type Row, type SqlType, type Value } from '../../types/index.js'
import type {
  AlterTableCmd,
  AlterTableStmt,
  ColumnDef,
  Constraint,
  RenameStmt,
} from '../parse/index.js'
import {
  addConstraint,
  constraintLabel,
  dropConstraint,
  renameConstraint,
  validateConstraint,
} from './alter-table-constraints.js'
import {
  type AlterTableRuntime,
  changeForeignKeys,
  checkForeignKeyLater,
  columnIndex,
  dropDependentKeys,
  loadRows,
  notYet,
  type ReferencingKey,
  readsColumn,
  referencingKeys,
  renameColumnIn,
  type Work,
} from './alter-table-work.js'
import { bindTableChecks } from './bind-check.js'
import { bindColumnDefault, checkDefaultExpression } from './bind-column-expressions.js'
import { BindContext } from './bind-context.js'
import { bindExpression, convertType } from './bind-expression.js'
import { foldConstraintAttributes, isComparable } from './bind-foreign-key.js'
import { renamePolicyColumn, withRowSecurityCommand } from './bind-policy.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundAlterTable } from './bound.js'
import { Scope } from './scope.js'

export type { AlterTableRuntime }

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
  /** Other tables changed (foreign keys referencing this table dropped or renumbered). */
  readonly others: readonly Table[]
  /** Foreign keys to check over the existing rows once written: table OID → names. */
  readonly foreignKeyChecks: ReadonlyMap<number, ReadonlySet<string>>
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
    others: new Map(),
    foreignKeyChecks: new Map(),
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
    others: [...work.others.values()],
    foreignKeyChecks: work.foreignKeyChecks,
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
      dropColumn(
        work,
        command.name ?? '',
        command.missing_ok === true,
        command.behavior === 'DROP_CASCADE',
      )
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
      dropConstraint(
        work,
        command.name ?? '',
        command.missing_ok === true,
        command.behavior === 'DROP_CASCADE',
      )
      return
    case 'AT_EnableRowSecurity':
    case 'AT_DisableRowSecurity':
    case 'AT_ForceRowSecurity':
    case 'AT_NoForceRowSecurity':
      work.table = withRowSecurityCommand(work.table, command.subtype)
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
  // Constraints other than NOT NULL and DEFAULT are added once the column exists.
  const later: Constraint[] = []
  const constraints = foldConstraintAttributes(
    work.bind,
    (definition.constraints ?? []).flatMap((node) =>
      'Constraint' in node ? [node.Constraint] : [],
    ),
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
      case 'CONSTR_UNIQUE':
      case 'CONSTR_PRIMARY':
      case 'CONSTR_FOREIGN':
        later.push(constraint)
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
  for (const constraint of later) addConstraint(work, constraint, name)
}

/** The column's default as a function called once per existing row (volatile defaults give
 * each row its own value, as PostgreSQL's rewrite does). */
function compileDefault(work: Work, column: Column): () => Value {
  const expression = work.runtime.evaluate(bindColumnDefault(work.bind, column), [])
  return () => expression([])
}

/** DROP COLUMN of a column a policy reads: 2BP01 naming the policies, or with CASCADE the
 * policies go too (PostgreSQL's pg_depend on the column). */
function withoutPoliciesReading(work: Work, name: string, cascade: boolean): Table {
  const table = work.table
  const policies = table.policies ?? []
  const reads = (p: (typeof policies)[number]): boolean =>
    [p.using, p.check].some((e) => e !== undefined && readsColumn(e.node, name))
  const dependent = policies.filter(reads)
  if (dependent.length === 0) return table
  const shown = work.runtime.catalog.displayName(work.original, work.runtime.searchPath)
  const lines = dependent.map((p) => `policy ${p.name} on table ${shown}`)
  if (!cascade) {
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      `cannot drop column ${name} of table ${shown} because other objects depend on it`,
      {
        detail: lines
          .map((line) => `${line} depends on column ${name} of table ${shown}`)
          .join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      },
    )
  }
  for (const line of lines)
    work.runtime.notice(SqlState.successfulCompletion, `drop cascades to ${line}`)
  return { ...table, policies: policies.filter((p) => !reads(p)) }
}

function dropColumn(work: Work, name: string, ifExists: boolean, cascade: boolean): void {
  const table = work.table
  const index = table.columns.findIndex((column) => column.name === name)
  if (index < 0) {
    const message = `column "${name}" of relation "${table.name}" does not exist`
    if (!ifExists) throw new SqlError(SqlState.undefinedColumn, message)
    work.runtime.notice(SqlState.successfulCompletion, `${message}, skipping`)
    return
  }
  refuseWithViews(work, `drop column ${name} of table ${table.name}`)
  work.table = withoutPoliciesReading(work, name, cascade)
  const column = table.columns[index]
  if (column?.identity !== undefined || ownedSequenceOf(work, index) !== undefined) {
    throw notYet('DROP COLUMN of a column that owns a sequence')
  }
  if (table.columns.some((c) => c.generated !== undefined && readsColumn(c.generated.node, name))) {
    throw notYet('DROP COLUMN of a column that a generated column reads')
  }
  // Foreign keys of other tables (and self-references) on the column depend on it: 2BP01
  // unless CASCADE. The table's own foreign keys on it go with it, as in PostgreSQL.
  const shown = work.runtime.catalog.displayName(work.original, work.runtime.searchPath)
  const what = `column ${name} of table ${shown}`
  // The keys (primary key, indexes) that go with the column: a foreign key referencing one
  // depends on it even when it does not reference the column (an INCLUDE column, say).
  const goneKeys = new Set(
    table.indexes.filter((i) => indexReads(i, index, name)).map((i) => i.oid),
  )
  if (table.primaryKey?.columns.includes(index)) goneKeys.add(table.primaryKey.oid)
  const dependents = referencingKeys(work).filter(
    ({ table: holder, key }) =>
      (key.referencedColumns.includes(index) ||
        goneKeys.has(key.referencedIndex ?? work.original.primaryKey?.oid ?? -1)) &&
      !(holder.oid === work.original.oid && key.columns.includes(index)),
  )
  const dependsOn = ({ key }: ReferencingKey): string => {
    if (key.referencedColumns.includes(index)) return what
    const gone = table.indexes.find((i) => i.oid === key.referencedIndex)
    return `index ${gone?.name ?? table.primaryKey?.name ?? '?'}`
  }
  dropDependentKeys(work, dependents, what, dependsOn, cascade)
  changeForeignKeys(work, work.table, (keys) => keys.filter((key) => !key.columns.includes(index)))
  const current = work.table
  // The primary key and the indexes reading the column go with it, as in PostgreSQL.
  const primaryKey = current.primaryKey?.columns.includes(index) ? undefined : current.primaryKey
  const indexes = current.indexes.filter((i) => !indexReads(i, index, name))
  const rows = loadRows(work)
  for (const row of rows) row.splice(index, 1)
  work.rewrite = true
  // Constraints reading the column go with it, as in PostgreSQL.
  const checks = current.checks.filter((check) => !readsColumn(check.expression.node, name))
  const shift = (i: number): number => (i > index ? i - 1 : i)
  const columns = current.columns
    .filter((_, i) => i !== index)
    .map((c, i) => ({ ...c, number: i + 1 }))
  work.table = {
    ...current,
    columns,
    checks,
    primaryKey:
      primaryKey === undefined
        ? undefined
        : { ...primaryKey, columns: primaryKey.columns.map(shift) },
    indexes: indexes.map((i) => ({
      ...i,
      keys: i.keys.map((key) =>
        key.column === undefined ? key : { ...key, column: shift(key.column) },
      ),
      include: i.include.map(shift),
    })),
    foreignKeys: current.foreignKeys.map((key) => ({
      ...key,
      columns: key.columns.map(shift),
      ...(key.deleteSetColumns === undefined
        ? {}
        : { deleteSetColumns: key.deleteSetColumns.map(shift) }),
    })),
  }
  // Foreign keys referencing this table (the table's own too) name its columns by position.
  const holders = new Map(referencingKeys(work).map(({ table: holder }) => [holder.oid, holder]))
  for (const holder of holders.values()) {
    changeForeignKeys(work, holder, (keys) =>
      keys.map((key) =>
        key.referencedTable === work.original.oid
          ? { ...key, referencedColumns: key.referencedColumns.map(shift) }
          : key,
      ),
    )
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

/** Whether an index reads the column (a key, an INCLUDE column, its expressions or predicate). */
function indexReads(index: Index, column: number, name: string): boolean {
  return (
    index.include.includes(column) ||
    index.keys.some(
      (key) =>
        key.column === column ||
        (key.expression !== undefined && readsColumn(key.expression.node, name)),
    ) ||
    (index.predicate !== undefined && readsColumn(index.predicate.node, name))
  )
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
  const type = resolveTypeNode(work.bind, definition.typeName)
  checkForeignKeyTypes(work, index, type)
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

/** Foreign keys on a column whose type changes must still compare (42804, as PostgreSQL
 * re-adding them) and are checked again over the rewritten rows. */
function checkForeignKeyTypes(work: Work, index: number, type: SqlType): void {
  const incompatible = (
    name: string,
    from: Column,
    to: Column,
    fromType: SqlType,
    toType: SqlType,
  ) =>
    new SqlError(
      SqlState.datatypeMismatch,
      `foreign key constraint "${name}" cannot be implemented`,
      {
        detail: `Key columns "${from.name}" and "${to.name}" are of incompatible types: ${fromType.displayName} and ${toType.displayName}.`,
      },
    )
  const typeOf = (table: Table, column: number): SqlType | undefined =>
    table.oid === work.original.oid && column === index ? type : table.columns[column]?.type
  const check = (holder: Table, key: ForeignKey, referenced: Table): void => {
    key.columns.forEach((column, i) => {
      const to = key.referencedColumns[i] ?? -1
      const isChanged =
        (holder.oid === work.original.oid && column === index) ||
        (referenced.oid === work.original.oid && to === index)
      if (!isChanged) return
      const fromType = typeOf(holder, column)
      const toType = typeOf(referenced, to)
      const from = holder.columns[column]
      const toColumn = referenced.columns[to]
      if (
        fromType === undefined ||
        toType === undefined ||
        from === undefined ||
        toColumn === undefined
      )
        return
      if (!isComparable(fromType, toType))
        throw incompatible(key.name, from, toColumn, fromType, toType)
      checkForeignKeyLater(work, holder.oid, key.name)
    })
  }
  for (const key of work.table.foreignKeys) {
    if (!key.columns.includes(index) || key.referencedTable === work.original.oid) continue
    const referenced = work.runtime.catalog.findTableByOid(key.referencedTable)
    if (referenced !== undefined) check(work.table, key, referenced)
  }
  for (const { table: holder, key } of referencingKeys(work)) check(holder, key, work.table)
}

function ownedSequenceOf(work: Work, index: number): Sequence | undefined {
  for (const dependent of work.runtime.catalog.dependentsOf(work.original.oid)) {
    if (dependent.kind === 'owned sequence' && dependent.sequence.ownedBy?.column === index) {
      return dependent.sequence
    }
  }
  return undefined
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
      // CHECK, generation and index expressions name the column: their ASTs follow the rename
      // (their text, kept for display, still shows the name as written). Index keys and
      // foreign keys name columns by position.
      const renamed = (expression: StoredExpression): StoredExpression =>
        renameColumnIn(expression, oldName, newName)
      work.table = {
        ...table,
        columns: table.columns.map((c) =>
          c.generated === undefined ? c : { ...c, generated: renamed(c.generated) },
        ),
        checks: table.checks.map((check) => ({
          ...check,
          expression: renamed(check.expression),
        })),
        ...(table.policies === undefined
          ? {}
          : { policies: table.policies.map((p) => renamePolicyColumn(p, renamed)) }),
        indexes: table.indexes.map((index) => ({
          ...index,
          keys: index.keys.map((key) =>
            key.expression === undefined ? key : { ...key, expression: renamed(key.expression) },
          ),
          predicate: index.predicate === undefined ? undefined : renamed(index.predicate),
        })),
      }
      replaceColumn(work, index, (c) => ({ ...c, name: newName }))
      return
    }
    case 'OBJECT_TABCONSTRAINT':
      renameConstraint(work, oldName, newName)
      return
    default:
      throw notYet(`ALTER TABLE RENAME of ${statement.renameType ?? 'this object'}`)
  }
}

// --- Rows --------------------------------------------------------------------------------

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
