/**
 * Query generator for the differential tests: from a seed, one SELECT over the generated schema
 * (schema-generator.ts) with its comparison options. Shapes: projections and DISTINCT; FROM with
 * up to three items joined inner/left/right/full/cross, derived tables and CTEs; WHERE; GROUP BY
 * (columns and expressions) with HAVING and aggregates; UNION/INTERSECT/EXCEPT [ALL]; top-level
 * ORDER BY output positions with ASC/DESC and NULLS FIRST/LAST, and LIMIT/OFFSET only when the
 * ORDER BY names every output column (a total order on the output, so the rows kept are
 * determined). Expressions, including scalar/IN/EXISTS/ANY/ALL subqueries (correlated when they
 * read an enclosing column), come from expression-generator.ts.
 *
 * Not generated, on purpose: window functions, set-returning functions, LATERAL, DML and DDL
 * (other work in progress), LIMIT inside subqueries (undetermined without a total order).
 */
import type { Random } from '@bkg-db/engine'
import {
  ExpressionGenerator,
  type Risk,
  type Scope,
  type ScopeColumn,
  type SubqueryMaker,
} from './expression-generator.js'
import { type ColumnKind, columnKinds, pick, type SchemaSpec } from './schema-generator.js'

export interface GeneratedCase {
  readonly sql: string
  /** 0-based output positions of the top-level ORDER BY; undefined without one. */
  readonly orderKeys: readonly number[] | undefined
  /** Kinds of data-dependent run-time error the statement may raise. */
  readonly risks: ReadonlySet<Risk>
}

interface Select {
  readonly sql: string
  readonly outputs: readonly ColumnKind[]
}

interface FromClause {
  readonly sql: string
  readonly columns: readonly ScopeColumn[]
}

interface Cte {
  readonly name: string
  readonly outputs: readonly ColumnKind[]
}

/** Nesting of subqueries and derived tables; deeper queries use only tables and leaves. */
const queryDepthMax = 2
const expressionDepth = 3

export function generateCase(random: Random, schema: SchemaSpec): GeneratedCase {
  return new QueryGenerator(random, schema).generate()
}

class QueryGenerator implements SubqueryMaker {
  readonly #random: Random
  readonly #schema: SchemaSpec
  readonly #expressions: ExpressionGenerator
  #aliases = 0
  #ctes: Cte[] = []

  constructor(random: Random, schema: SchemaSpec) {
    this.#random = random
    this.#schema = schema
    this.#expressions = new ExpressionGenerator(random, this)
  }

  generate(): GeneratedCase {
    const random = this.#random
    let withClause = ''
    if (random.chance(0.12)) {
      const definitions: string[] = []
      for (let index = 1 + random.nextInt(2); index > 0; index--) {
        const select = this.#select({ outer: [], depth: 1, outputs: undefined })
        const name = `w${this.#ctes.length + 1}`
        this.#ctes.push({ name, outputs: select.outputs })
        definitions.push(`${name} AS (${select.sql})`)
      }
      withClause = `WITH ${definitions.join(', ')} `
    }
    const body = random.chance(0.12) ? this.#setOperation() : this.#topSelect()
    const { clause, orderKeys } = this.#orderBy(body.outputs.length)
    return {
      sql: `${withClause}${body.sql}${clause}`,
      orderKeys,
      risks: this.#expressions.risks,
    }
  }

  #topSelect(): Select {
    if (this.#random.chance(0.04)) {
      const scope: Scope = { columns: [], subqueries: true }
      const outputs = this.#outputKinds()
      const items = outputs.map((kind, index) => this.#item(kind, scope, index, true))
      return { sql: `SELECT ${items.join(', ')}`, outputs }
    }
    return this.#select({ outer: [], depth: 0, outputs: undefined, topLevel: true })
  }

  #setOperation(): Select {
    const random = this.#random
    const left = this.#select({ outer: [], depth: 1, outputs: undefined })
    // The right side sometimes widens an integer column: the result takes the common type.
    const widened = left.outputs.map((kind) =>
      kind === 'int4' && random.chance(0.3) ? pick(random, ['int8', 'numeric'] as const) : kind,
    )
    const right = this.#select({ outer: [], depth: 1, outputs: widened })
    const operator = pick(random, ['UNION', 'INTERSECT', 'EXCEPT'])
    const all = random.chance(0.4) ? ' ALL' : ''
    return { sql: `${left.sql} ${operator}${all} ${right.sql}`, outputs: widened }
  }

  #orderBy(width: number): { clause: string; orderKeys: readonly number[] | undefined } {
    const random = this.#random
    if (random.chance(0.4)) return { clause: '', orderKeys: undefined }
    const positions = Array.from({ length: width }, (_, index) => index)
    shuffle(random, positions)
    const total = random.chance(0.7)
    const keys = total ? positions : positions.slice(0, 1 + random.nextInt(width))
    const terms = keys.map((position) => {
      const direction = pick(random, ['', ' ASC', ' DESC'])
      const nulls = pick(random, ['', '', ' NULLS FIRST', ' NULLS LAST'])
      return `${position + 1}${direction}${nulls}`
    })
    let clause = ` ORDER BY ${terms.join(', ')}`
    if (keys.length === width && random.chance(0.5)) {
      clause += ` LIMIT ${random.nextInt(6)}`
      if (random.chance(0.4)) clause += ` OFFSET ${random.nextInt(4)}`
    }
    return { clause, orderKeys: keys }
  }

  #outputKinds(): ColumnKind[] {
    return Array.from({ length: 1 + this.#random.nextInt(3) }, () =>
      pick(this.#random, columnKinds),
    )
  }

  /**
   * One SELECT without ORDER BY. `outer` holds the columns of enclosing queries (correlation);
   * `outputs` forces the output kinds (the right side of a set operation).
   */
  #select(options: {
    outer: readonly ScopeColumn[]
    depth: number
    outputs: readonly ColumnKind[] | undefined
    topLevel?: boolean
  }): Select {
    const random = this.#random
    const from = this.#from(options.depth)
    const rowScope: Scope = { columns: [...from.columns, ...options.outer], subqueries: true }
    const where = random.chance(0.6)
      ? ` WHERE ${this.#expressions.boolean(rowScope, expressionDepth)}`
      : ''
    const outputs = options.outputs ?? this.#outputKinds()
    const topLevel = options.topLevel === true
    if (random.chance(0.3)) return this.#grouped(from, where, outputs, options.outer)
    const distinct = random.chance(0.15) ? 'DISTINCT ' : ''
    const items = outputs.map((kind, index) => this.#item(kind, rowScope, index, topLevel))
    return {
      sql: `SELECT ${distinct}${items.join(', ')} FROM ${from.sql}${where}`,
      outputs,
    }
  }

  #grouped(
    from: FromClause,
    where: string,
    outputs: readonly ColumnKind[],
    outer: readonly ScopeColumn[],
  ): Select {
    const random = this.#random
    const keys: ScopeColumn[] = []
    for (let count = random.nextInt(3); count > 0; count--) {
      const column = pick(random, from.columns)
      if (!keys.some((key) => key.sql === column.sql)) keys.push(column)
    }
    // An expression key: PostgreSQL matches it in the select list by its text.
    const intColumns = from.columns.filter((column) => column.kind === 'int4')
    if (random.chance(0.15) && intColumns.length > 0) {
      keys.push({ sql: `(${pick(random, intColumns).sql} % 3)`, kind: 'int4' })
    }
    const input: Scope = { columns: from.columns, subqueries: false }
    const grouped: Scope = {
      columns: [...keys, ...outer],
      aggregateInput: input,
      subqueries: true,
    }
    const items = outputs.map((kind, index) => this.#item(kind, grouped, index, false))
    const groupBy = keys.length > 0 ? ` GROUP BY ${keys.map((key) => key.sql).join(', ')}` : ''
    const having = random.chance(0.3)
      ? ` HAVING ${this.#expressions.boolean(grouped, expressionDepth - 1)}`
      : ''
    return {
      sql: `SELECT ${items.join(', ')} FROM ${from.sql}${where}${groupBy}${having}`,
      outputs,
    }
  }

  /** A select-list item, named `c<index>` (some top-level items keep PostgreSQL's own name). */
  #item(kind: ColumnKind, scope: Scope, index: number, topLevel: boolean): string {
    const sql = this.#expressions.expression(kind, scope, expressionDepth)
    if (topLevel && this.#random.chance(0.25)) return sql
    return `${sql} AS c${index}`
  }

  #from(depth: number): FromClause {
    const random = this.#random
    const count = random.chance(0.5) ? 1 : random.chance(0.7) ? 2 : 3
    let { sql, columns } = this.#fromItem(depth)
    // An ON condition sees only the items joined since the last comma: `a, b JOIN c ON a.x`
    // is an error (42P01), as the comma binds looser than JOIN.
    let joined = columns
    for (let index = 1; index < count; index++) {
      const item = this.#fromItem(depth)
      const joinType = pick(random, [
        'JOIN',
        'LEFT JOIN',
        'RIGHT JOIN',
        'FULL JOIN',
        'CROSS JOIN',
        ',',
      ])
      if (joinType === ',') {
        sql = `${sql}, ${item.sql}`
        joined = item.columns
      } else if (joinType === 'CROSS JOIN') {
        sql = `${sql} CROSS JOIN ${item.sql}`
        joined = [...joined, ...item.columns]
      } else {
        const condition = this.#joinCondition(joined, item.columns, joinType)
        sql = `${sql} ${joinType} ${item.sql} ON ${condition}`
        joined = [...joined, ...item.columns]
      }
      columns = [...columns, ...item.columns]
    }
    return { sql, columns }
  }

  /** An equality between the sides (a FULL JOIN takes nothing else), sometimes more. */
  #joinCondition(
    left: readonly ScopeColumn[],
    right: readonly ScopeColumn[],
    joinType: string,
  ): string {
    const random = this.#random
    const pairs = left.flatMap((l) => right.filter((r) => r.kind === l.kind).map((r) => [l, r]))
    const pair = pairs.length > 0 ? pick(random, pairs) : undefined
    const equality = pair === undefined ? 'true' : `${pair[0]?.sql} = ${pair[1]?.sql}`
    if (joinType === 'FULL JOIN') return equality
    if (random.chance(0.3)) {
      const scope: Scope = { columns: [...left, ...right], subqueries: false }
      return `${equality} AND ${this.#expressions.boolean(scope, 1)}`
    }
    return equality
  }

  #fromItem(depth: number): FromClause {
    const random = this.#random
    const alias = this.#alias()
    if (this.#ctes.length > 0 && random.chance(0.5)) {
      const cte = pick(random, this.#ctes)
      return {
        sql: `${cte.name} AS ${alias}`,
        columns: cte.outputs.map((kind, index) => ({ sql: `${alias}.c${index}`, kind })),
      }
    }
    if (depth < queryDepthMax && random.chance(0.12)) {
      const select = this.#select({ outer: [], depth: depth + 1, outputs: undefined })
      return {
        sql: `(${select.sql}) AS ${alias}`,
        columns: select.outputs.map((kind, index) => ({ sql: `${alias}.c${index}`, kind })),
      }
    }
    if (random.chance(0.05)) return this.#values(alias)
    const table = pick(random, this.#schema.tables)
    return {
      sql: `${table.name} AS ${alias}`,
      columns: table.columns.map((column) => ({
        sql: `${alias}.${column.name}`,
        kind: column.kind,
      })),
    }
  }

  /** A VALUES list as a FROM item, columns named c0, c1, ... */
  #values(alias: string): FromClause {
    const random = this.#random
    const kinds = this.#outputKinds()
    const rows = Array.from({ length: 1 + random.nextInt(4) }, () =>
      kinds.map((kind) => this.#expressions.literal(kind)),
    )
    const names = kinds.map((_, index) => `c${index}`)
    return {
      sql: `(VALUES ${rows.map((row) => `(${row.join(', ')})`).join(', ')}) AS ${alias}(${names.join(', ')})`,
      columns: kinds.map((kind, index) => ({ sql: `${alias}.c${index}`, kind })),
    }
  }

  #alias(): string {
    this.#aliases += 1
    return `q${this.#aliases}`
  }

  // SubqueryMaker: subqueries read one table and may read the enclosing query's columns: plain
  // columns only, as a grouping expression of the enclosing query (`(q1.i1 % 3)`) reads a
  // column that is not grouped on its own.

  scalar(kind: ColumnKind, outer: Scope, depth: number): string {
    const random = this.#random
    const table = pick(random, this.#schema.tables)
    const alias = this.#alias()
    const inner = table.columns.map((column) => ({
      sql: `${alias}.${column.name}`,
      kind: column.kind,
    }))
    const scope: Scope = { columns: [...inner, ...plainColumns(outer)], subqueries: depth > 1 }
    const innerOnly: Scope = { columns: inner, subqueries: false }
    if (random.chance(0.5)) {
      // An aggregate over the table: exactly one row.
      const aggregateScope: Scope = { columns: [], aggregateInput: innerOnly, subqueries: false }
      const value = this.#aggregateOf(kind, aggregateScope, innerOnly)
      return `(SELECT ${value} FROM ${table.name} AS ${alias} WHERE ${this.#expressions.boolean(scope, 1)})`
    }
    // A lookup by primary key: at most one row.
    const value = this.#expressions.expression(kind, scope, Math.min(depth, 1))
    const key = this.#expressions.expression(
      'int4',
      { columns: plainColumns(outer), subqueries: false },
      1,
    )
    return `(SELECT ${value} FROM ${table.name} AS ${alias} WHERE ${alias}.id = ${key})`
  }

  #aggregateOf(kind: ColumnKind, aggregateScope: Scope, innerOnly: Scope): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const sql = this.#expressions.expression(kind, aggregateScope, 2)
      if (/\b(count|sum|avg|min|max|bool_and|bool_or|string_agg)\(/.test(sql)) return sql
    }
    // No aggregate drawn: take min or max, defined for every kind but bool.
    if (kind === 'bool') return `bool_or(${this.#expressions.expression(kind, innerOnly, 1)})`
    return `max(${this.#expressions.expression(kind, innerOnly, 1)})`
  }

  column(kind: ColumnKind, outer: Scope, depth: number): string {
    const random = this.#random
    const table = pick(random, this.#schema.tables)
    const alias = this.#alias()
    const inner = table.columns.map((column) => ({
      sql: `${alias}.${column.name}`,
      kind: column.kind,
    }))
    const scope: Scope = { columns: [...inner, ...plainColumns(outer)], subqueries: depth > 1 }
    const value = this.#expressions.expression(kind, { columns: inner, subqueries: false }, 1)
    const where = random.chance(0.6) ? ` WHERE ${this.#expressions.boolean(scope, 1)}` : ''
    return `SELECT ${value} FROM ${table.name} AS ${alias}${where}`
  }

  any(outer: Scope, depth: number): string {
    const random = this.#random
    const table = pick(random, this.#schema.tables)
    const alias = this.#alias()
    const inner = table.columns.map((column) => ({
      sql: `${alias}.${column.name}`,
      kind: column.kind,
    }))
    const scope: Scope = { columns: [...inner, ...plainColumns(outer)], subqueries: depth > 1 }
    return `SELECT 1 FROM ${table.name} AS ${alias} WHERE ${this.#expressions.boolean(scope, 2)}`
  }
}

function shuffle<T>(random: Random, items: T[]): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = random.nextInt(index + 1)
    const item = items[index]
    const swapped = items[other]
    if (item === undefined || swapped === undefined) continue
    items[index] = swapped
    items[other] = item
  }
}

function plainColumns(scope: Scope): ScopeColumn[] {
  return scope.columns.filter((column) => !column.sql.startsWith('('))
}
