/**
 * Schema generator for the differential tests: a few small tables with a column of each kind the
 * query generator knows, filled from value pools chosen for their edges (NULLs, duplicates, zero,
 * the extremes of int4 and int8, numerics of several scales, empty and non-ASCII text, dates
 * around 2000-01-01). Tables stay small (at most 10 rows) so a three-way cross join with
 * correlated subqueries still runs in milliseconds on both systems.
 *
 * Every table has `id int PRIMARY KEY`, so a subquery that selects by id returns at most one row.
 */
import type { Random } from '@bkg-db/engine'

/** The column types the generator uses, by PostgreSQL name. */
export type ColumnKind =
  | 'int4'
  | 'int8'
  | 'numeric'
  | 'text'
  | 'bool'
  | 'float8'
  | 'date'
  | 'timestamp'

export const columnKinds: readonly ColumnKind[] = [
  'int4',
  'int8',
  'numeric',
  'text',
  'bool',
  'float8',
  'date',
  'timestamp',
]

export interface ColumnSpec {
  readonly name: string
  readonly kind: ColumnKind
}

export interface TableSpec {
  readonly name: string
  readonly columns: readonly ColumnSpec[]
}

export interface SchemaSpec {
  readonly tables: readonly TableSpec[]
  /** CREATE TABLE and INSERT statements, in order. */
  readonly statements: readonly string[]
}

/** Column name prefixes by kind; a number follows (`i1`, `s2`). */
const prefixes: Record<ColumnKind, string> = {
  int4: 'i',
  int8: 'g',
  numeric: 'n',
  text: 's',
  bool: 'b',
  float8: 'f',
  date: 'd',
  timestamp: 'ts',
}

/** Values as SQL literal text; NULL is added by the generator. */
export const valuePools: Record<ColumnKind, readonly string[]> = {
  int4: ['0', '1', '-1', '2', '3', '7', '10', '-5', '42', '100', '2147483647', '-2147483648'],
  int8: ['0', '1', '-1', '5', '42', '4294967296', '9223372036854775807', '-9223372036854775808'],
  numeric: ['0', '1.5', '-2.25', '10', '3.14159', '100.00', '-0.001', '12345678901234567890.5'],
  text: ["''", "'a'", "'b'", "'abc'", "'ABC'", "'a b'", "'hello'", "'Zeta'", "'42'", "'-7'", "'é'"],
  bool: ['true', 'false'],
  float8: ['0', '1.5', '-2.5', '0.1', '3', '1e+20', '-1e-05', '123.456', '2.5e-10'],
  date: ["'2024-01-01'", "'2024-02-29'", "'1999-12-31'", "'2000-01-01'", "'1970-01-01'"],
  timestamp: [
    "'2024-01-01 00:00:00'",
    "'2024-02-29 12:34:56'",
    "'1999-12-31 23:59:59.5'",
    "'2000-01-01 00:00:00'",
    "'2024-01-01 08:00:00'",
  ],
}

const tableCount = 3
const rowsMax = 10
const nullChance = 0.2

export function generateSchema(random: Random): SchemaSpec {
  const tables: TableSpec[] = []
  const statements: string[] = []
  for (let index = 1; index <= tableCount; index++) {
    const table = generateTable(random, `t${index}`)
    tables.push(table)
    statements.push(createTableSql(table))
    const insert = insertSql(random, table)
    if (insert !== undefined) statements.push(insert)
  }
  return { tables, statements }
}

function generateTable(random: Random, name: string): TableSpec {
  const columns: ColumnSpec[] = [{ name: 'id', kind: 'int4' }]
  const counts = new Map<ColumnKind, number>()
  // Every kind appears at least once somewhere in most schemas; a few kinds appear twice.
  const kinds = columnKinds.filter(() => random.chance(0.6))
  if (!kinds.includes('int4')) kinds.push('int4')
  if (!kinds.includes('text')) kinds.push('text')
  for (let extra = random.nextInt(3); extra > 0; extra--) {
    kinds.push(pick(random, columnKinds))
  }
  for (const kind of kinds) {
    const count = (counts.get(kind) ?? 0) + 1
    counts.set(kind, count)
    columns.push({ name: `${prefixes[kind]}${count}`, kind })
  }
  return { name, columns }
}

function createTableSql(table: TableSpec): string {
  const columns = table.columns.map((column) =>
    column.name === 'id' ? 'id int PRIMARY KEY' : `${column.name} ${column.kind}`,
  )
  return `CREATE TABLE ${table.name} (${columns.join(', ')})`
}

function insertSql(random: Random, table: TableSpec): string | undefined {
  // One table in ten is empty: aggregates over no rows, outer joins against nothing.
  const rowCount = random.chance(0.1) ? 0 : 1 + random.nextInt(rowsMax)
  if (rowCount === 0) return undefined
  const ids = new Set<number>()
  while (ids.size < rowCount) ids.add(1 + random.nextInt(rowsMax * 2))
  const rows = [...ids].map((id) =>
    table.columns.map((column) =>
      column.name === 'id'
        ? String(id)
        : random.chance(nullChance)
          ? 'NULL'
          : pick(random, valuePools[column.kind]),
    ),
  )
  return `INSERT INTO ${table.name} VALUES ${rows.map((row) => `(${row.join(', ')})`).join(', ')}`
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.nextInt(items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}
