/**
 * Definitions as text, the way PostgreSQL's ruleutils prints them: an index's CREATE INDEX
 * (pg_get_indexdef, pg_indexes.indexdef) and a constraint's clause (pg_get_constraintdef).
 * Expressions are printed as they were written (the catalog keeps their text), where
 * PostgreSQL deparses its stored tree: `a>0` stays `a>0` here, `(a > 0)` there.
 */
import type { Catalog, SearchPath } from '../catalog.js'
import type { CheckConstraint, ForeignKey, Index, Table } from '../table.js'

type Quote = (name: string) => string

function columnName(table: Table, column: number, quote: Quote): string {
  return quote(table.columns[column]?.name ?? '?')
}

/** The table as an index definition names it: always schema-qualified. */
function qualifiedName(table: Table, quote: Quote): string {
  return `${quote(table.schema)}.${quote(table.name)}`
}

/** CREATE [UNIQUE] INDEX name ON schema.table USING btree (keys) [INCLUDE (...)] [WHERE ...]. */
export function indexDefinition(
  table: Table,
  index: Index | undefined,
  name: string,
  quote: Quote,
): string {
  if (index === undefined) {
    const keys = (table.primaryKey?.columns ?? []).map((c) => columnName(table, c, quote))
    return `CREATE UNIQUE INDEX ${quote(name)} ON ${qualifiedName(table, quote)} USING btree (${keys.join(', ')})`
  }
  const keys = index.keys.map((key) => {
    const text =
      key.column === undefined
        ? `(${key.expression?.text ?? '?'})`
        : columnName(table, key.column, quote)
    const order = key.descending ? ' DESC' : ''
    const nulls =
      key.nullsFirst && !key.descending
        ? ' NULLS FIRST'
        : !key.nullsFirst && key.descending
          ? ' NULLS LAST'
          : ''
    return `${text}${order}${nulls}`
  })
  const include =
    index.include.length === 0
      ? ''
      : ` INCLUDE (${index.include.map((c) => columnName(table, c, quote)).join(', ')})`
  const nullsNotDistinct = index.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''
  const where = index.predicate === undefined ? '' : ` WHERE ${index.predicate.text}`
  const unique = index.isUnique ? 'UNIQUE ' : ''
  return `CREATE ${unique}INDEX ${quote(index.name)} ON ${qualifiedName(table, quote)} USING btree (${keys.join(', ')})${include}${nullsNotDistinct}${where}`
}

/** A constraint of a table as pg_constraint lists it. */
export type ConstraintEntry =
  | { readonly kind: 'p'; readonly table: Table; readonly oid: number; readonly name: string }
  | {
      readonly kind: 'u'
      readonly table: Table
      readonly oid: number
      readonly name: string
      readonly index: Index
    }
  | {
      readonly kind: 'c'
      readonly table: Table
      readonly oid: number
      readonly name: string
      readonly check: CheckConstraint
    }
  | {
      readonly kind: 'f'
      readonly table: Table
      readonly oid: number
      readonly name: string
      readonly key: ForeignKey
    }

/** A table's constraints: primary key, unique constraints, checks, foreign keys. */
export function constraintsOf(table: Table): ConstraintEntry[] {
  const entries: ConstraintEntry[] = []
  const key = table.primaryKey
  if (key !== undefined) entries.push({ kind: 'p', table, oid: key.oid, name: key.name })
  for (const index of table.indexes) {
    if (index.isConstraint)
      entries.push({ kind: 'u', table, oid: index.oid, name: index.name, index })
  }
  for (const check of table.checks) {
    entries.push({ kind: 'c', table, oid: check.oid, name: check.name, check })
  }
  for (const fk of table.foreignKeys) {
    entries.push({ kind: 'f', table, oid: fk.oid, name: fk.name, key: fk })
  }
  return entries
}

/** Referential actions as SQL spells them (also information_schema's update_rule). */
export const actionText = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
} as const

/** pg_get_constraintdef: `PRIMARY KEY (a)`, `CHECK ((a > 0))`, `FOREIGN KEY (b) REFERENCES t(a)`. */
export function constraintDefinition(
  catalog: Catalog,
  searchPath: SearchPath,
  entry: ConstraintEntry,
  quote: Quote,
): string {
  const table = entry.table
  const list = (columns: readonly number[], of: Table = table) =>
    columns.map((c) => columnName(of, c, quote)).join(', ')
  switch (entry.kind) {
    case 'p':
      return `PRIMARY KEY (${list(table.primaryKey?.columns ?? [])})`
    case 'u': {
      const columns = entry.index.keys.flatMap((key) =>
        key.column === undefined ? [] : [key.column],
      )
      const nulls = entry.index.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''
      return `UNIQUE${nulls} (${list(columns)})`
    }
    case 'c': {
      const text = `CHECK ((${entry.check.expression.text}))`
      return entry.check.isValidated ? text : `${text} NOT VALID`
    }
    case 'f': {
      const key = entry.key
      const referenced = catalog.findTableByOid(key.referencedTable)
      const target =
        referenced === undefined
          ? '?'
          : `${catalog.displayName(referenced, searchPath)}(${list(key.referencedColumns, referenced)})`
      let text = `FOREIGN KEY (${list(key.columns)}) REFERENCES ${target}`
      if (key.match === 'full') text += ' MATCH FULL'
      if (key.onUpdate !== 'no action') text += ` ON UPDATE ${actionText[key.onUpdate]}`
      if (key.onDelete !== 'no action') text += ` ON DELETE ${actionText[key.onDelete]}`
      if (key.isDeferrable) text += ' DEFERRABLE'
      if (key.isInitiallyDeferred) text += ' INITIALLY DEFERRED'
      if (!key.isValidated) text += ' NOT VALID'
      return text
    }
  }
}

/**
 * A column default as pg_get_expr prints it: a serial column's `nextval('s.seq'::regclass)`
 * names the sequence the way regclass prints it (unqualified when the search path finds it),
 * as PostgreSQL's stored default refers to the sequence by OID.
 */
export function defaultText(
  catalog: Catalog,
  searchPath: SearchPath,
  text: string,
  quote: Quote,
): string {
  return text.replace(/nextval\('([^']+)'::regclass\)/g, (whole, name: string) => {
    const dot = name.indexOf('.')
    if (dot < 0 || name.includes('"')) return whole
    const sequence = catalog.findRelation(name.slice(0, dot), name.slice(dot + 1))
    if (sequence === undefined) return whole
    const shown = catalog.displayName(sequence, searchPath)
    const quoted =
      shown === sequence.name ? quote(shown) : `${quote(sequence.schema)}.${quote(sequence.name)}`
    return `nextval('${quoted.replaceAll("'", "''")}'::regclass)`
  })
}
