/**
 * Expression generator for the differential tests: a random, type-correct SQL expression of a
 * requested kind over the columns in scope (arithmetic, string functions, casts, CASE,
 * COALESCE/NULLIF/GREATEST, comparisons, IS [NOT] DISTINCT FROM, AND/OR/NOT, BETWEEN, IN, LIKE,
 * aggregates where the scope allows them, and subqueries through a `SubqueryMaker`).
 *
 * Expressions that may fail at run time depending on the data record the kind of risk in
 * `risks` (division by zero, overflow, bad casts, dates out of range), which decides how the
 * comparison treats errors (support/compare-outcomes.ts). A few are wrong on purpose.
 *
 * Left out, because PostgreSQL's answer depends on something both sides do not share: sum/avg of
 * float8 (rounding depends on the order rows are added), transcendental functions (libm and V8
 * may differ in the last bit), random(), now(), and locale-dependent text functions.
 */
import type { Random } from '@bkg-db/engine'
import { type ColumnKind, pick, valuePools } from './schema-generator.js'

export interface ScopeColumn {
  readonly sql: string
  readonly kind: ColumnKind
}

export interface Scope {
  /** Columns an expression may read (qualified), including those of enclosing queries. */
  readonly columns: readonly ScopeColumn[]
  /** The ungrouped input of an aggregate's argument; undefined where aggregates are not allowed. */
  readonly aggregateInput?: Scope | undefined
  /** Whether subqueries may appear (not inside aggregate arguments). */
  readonly subqueries: boolean
}

/** Builds subqueries for expressions; implemented by the query generator. */
export interface SubqueryMaker {
  /** `(SELECT ...)` yielding at most one row of `kind`. */
  scalar(kind: ColumnKind, outer: Scope, depth: number): string
  /** `SELECT ...` yielding one column of `kind` (for IN, ANY, ALL). */
  column(kind: ColumnKind, outer: Scope, depth: number): string
  /** `SELECT ...` of any shape (for EXISTS). */
  any(outer: Scope, depth: number): string
}

export type Risk = 'division' | 'overflow' | 'cast' | 'range' | 'domain' | 'constant'

const numericKinds: readonly ColumnKind[] = ['int4', 'int8', 'numeric', 'float8']
const comparableKinds: readonly ColumnKind[] = [
  'int4',
  'int4',
  'int8',
  'numeric',
  'text',
  'text',
  'bool',
  'float8',
  'date',
  'timestamp',
]

type Production = (scope: Scope, depth: number) => string | undefined

export class ExpressionGenerator {
  readonly risks = new Set<Risk>()
  readonly #random: Random
  readonly #subqueries: SubqueryMaker
  readonly #productions: Record<ColumnKind, readonly Production[]>

  constructor(random: Random, subqueries: SubqueryMaker) {
    this.#random = random
    this.#subqueries = subqueries
    this.#productions = {
      int4: this.#int4Productions(),
      int8: this.#int8Productions(),
      numeric: this.#numericProductions(),
      float8: this.#float8Productions(),
      text: this.#textProductions(),
      bool: this.#boolProductions(),
      date: this.#dateProductions(),
      timestamp: this.#timestampProductions(),
    }
  }

  /** An expression of `kind`; `depth` bounds nesting (0: a column or a literal). */
  expression(kind: ColumnKind, scope: Scope, depth: number): string {
    const random = this.#random
    if (depth <= 0 || random.chance(0.3)) return this.leaf(kind, scope)
    if (scope.aggregateInput !== undefined && random.chance(0.35)) {
      const aggregate = this.#aggregate(kind, scope.aggregateInput, depth - 1)
      if (aggregate !== undefined) return aggregate
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const production = random.chance(0.25)
        ? pick(random, this.#generic(kind))
        : pick(random, this.#productions[kind])
      const sql = production(scope, depth - 1)
      if (sql !== undefined) return sql
    }
    return this.leaf(kind, scope)
  }

  /** A column of `kind` in scope, else a literal. */
  leaf(kind: ColumnKind, scope: Scope): string {
    const columns = scope.columns.filter((column) => column.kind === kind)
    if (columns.length > 0 && this.#random.chance(0.75)) return pick(this.#random, columns).sql
    return this.literal(kind)
  }

  literal(kind: ColumnKind): string {
    const random = this.#random
    if (random.chance(0.05)) return `NULL::${kind}`
    const value = pick(random, valuePools[kind])
    const signed = (text: string) => (text.startsWith('-') ? `(${text})` : text)
    switch (kind) {
      case 'int4':
      case 'bool':
      case 'text':
        return signed(value)
      case 'int8':
        return `${signed(value)}::int8`
      case 'numeric':
        return value.includes('.') ? signed(value) : `${signed(value)}::numeric`
      case 'float8':
        return `${signed(value)}::float8`
      case 'date':
        return `DATE ${value}`
      case 'timestamp':
        return `TIMESTAMP ${value}`
    }
  }

  boolean(scope: Scope, depth: number): string {
    return this.expression('bool', scope, Math.max(depth, 1))
  }

  #aggregate(kind: ColumnKind, input: Scope, depth: number): string | undefined {
    const random = this.#random
    const argument = (argumentKind: ColumnKind) => this.expression(argumentKind, input, depth)
    const distinct = random.chance(0.15) ? 'DISTINCT ' : ''
    const filter = random.chance(0.1) ? ` FILTER (WHERE ${this.boolean(input, 1)})` : ''
    const call = (name: string, argumentKind: ColumnKind) =>
      `${name}(${distinct}${argument(argumentKind)})${filter}`
    switch (kind) {
      case 'int8':
        if (random.chance(0.4)) return `count(*)${filter}`
        return random.chance(0.5)
          ? call('count', pick(random, comparableKinds))
          : call('sum', pick(random, ['int4', 'int4'] as const))
      case 'numeric':
        return random.chance(0.5)
          ? call('sum', pick(random, ['numeric', 'int8'] as const))
          : call('avg', pick(random, ['int4', 'int8', 'numeric'] as const))
      case 'bool':
        return call(pick(random, ['bool_and', 'bool_or'] as const), 'bool')
      case 'text': {
        const value = argument('text')
        const direction = random.chance(0.3) ? ' DESC' : ''
        return `string_agg(${value}, ',' ORDER BY ${value}${direction})${filter}`
      }
      case 'int4':
      case 'float8':
      case 'date':
      case 'timestamp':
        return call(pick(random, ['min', 'max'] as const), kind)
    }
  }

  /** Productions valid for every kind. */
  #generic(kind: ColumnKind): readonly Production[] {
    const random = this.#random
    const e = (scope: Scope, depth: number) => this.expression(kind, scope, depth)
    return [
      (scope, depth) => {
        const branches = 1 + random.nextInt(2)
        let sql = 'CASE'
        for (let index = 0; index < branches; index++) {
          sql += ` WHEN ${this.boolean(scope, depth)} THEN ${e(scope, depth)}`
        }
        return random.chance(0.8) ? `${sql} ELSE ${e(scope, depth)} END` : `${sql} END`
      },
      (scope, depth) => {
        const operand = e(scope, depth)
        return `CASE ${operand} WHEN ${this.literal(kind)} THEN ${e(scope, depth)} ELSE ${e(scope, depth)} END`
      },
      (scope, depth) => `COALESCE(${e(scope, depth)}, ${e(scope, depth)})`,
      (scope, depth) => `NULLIF(${e(scope, depth)}, ${e(scope, depth)})`,
      (scope, depth) =>
        `${pick(random, ['GREATEST', 'LEAST'])}(${e(scope, depth)}, ${e(scope, depth)})`,
      (scope, depth) =>
        scope.subqueries ? this.#subqueries.scalar(kind, scope, depth) : undefined,
    ]
  }

  #arithmetic(kind: ColumnKind, operands: readonly ColumnKind[]): Production {
    return (scope, depth) => {
      const random = this.#random
      const operator = pick(random, ['+', '-', '*', '/', '+', '-'])
      // One operand has the result's kind, so the result really is of that kind.
      const other = pick(random, operands)
      const [leftKind, rightKind] = random.chance(0.5) ? [kind, other] : [other, kind]
      const left = this.expression(leftKind, scope, depth)
      const right = this.expression(rightKind, scope, depth)
      if (operator === '/') this.risks.add('division')
      if (kind === 'int4' || kind === 'int8' || (kind === 'float8' && operator !== '/')) {
        this.risks.add('overflow')
      }
      return `(${left} ${operator} ${right})`
    }
  }

  #int4Productions(): Production[] {
    const random = this.#random
    const e = (kind: ColumnKind, scope: Scope, depth: number) => this.expression(kind, scope, depth)
    return [
      this.#arithmetic('int4', ['int4']),
      this.#arithmetic('int4', ['int4']),
      (scope, depth) => {
        this.risks.add('division')
        return `(${e('int4', scope, depth)} % ${e('int4', scope, depth)})`
      },
      (scope, depth) => {
        this.risks.add('overflow')
        return random.chance(0.5)
          ? `abs(${e('int4', scope, depth)})`
          : `(- ${e('int4', scope, depth)})`
      },
      (scope, depth) => `length(${e('text', scope, depth)})`,
      (scope, depth) =>
        `(${e('int4', scope, depth)} ${pick(random, ['&', '|', '#'])} ${e('int4', scope, depth)})`,
      (scope, depth) => {
        this.risks.add('overflow')
        return `${pick(random, ['gcd', 'lcm'])}(${e('int4', scope, depth)}, ${e('int4', scope, depth)})`
      },
      (scope, depth) => `sign(${e('int4', scope, depth)})`,
      (scope, depth) => `strpos(${e('text', scope, depth)}, ${pick(random, ["'a'", "'b'", "''"])})`,
      (scope, depth) => `(${e('date', scope, depth)} - ${e('date', scope, depth)})`,
      (scope, depth) => {
        this.risks.add('cast')
        return `CAST(${e('text', scope, depth)} AS int)`
      },
      (scope, depth) => {
        this.risks.add('overflow')
        return `CAST(${e(pick(random, ['numeric', 'float8', 'int8'] as const), scope, depth)} AS int)`
      },
      (scope, depth) => {
        // Wrong on purpose: no text + integer operator (42883, at bind time on both sides).
        if (!random.chance(0.1)) return undefined
        return `(${e('text', scope, depth)} + 1)`
      },
      () => {
        // Wrong on purpose, and constant: PostgreSQL folds it at plan time.
        if (!random.chance(0.1)) return undefined
        this.risks.add('constant')
        return pick(random, ["CAST('x1' AS int)", '(1 / 0)', '(2147483647 + 1)'])
      },
    ]
  }

  #int8Productions(): Production[] {
    const random = this.#random
    return [
      this.#arithmetic('int8', ['int8', 'int4']),
      (scope, depth) => `CAST(${this.expression('int4', scope, depth)} AS bigint)`,
      (scope, depth) => {
        this.risks.add('division')
        return `(${this.expression('int8', scope, depth)} % ${this.expression('int8', scope, depth)})`
      },
      (scope, depth) => {
        this.risks.add('overflow')
        const kind = pick(random, ['numeric', 'float8'] as const)
        return `CAST(${this.expression(kind, scope, depth)} AS bigint)`
      },
    ]
  }

  #numericProductions(): Production[] {
    const random = this.#random
    const e = (kind: ColumnKind, scope: Scope, depth: number) => this.expression(kind, scope, depth)
    return [
      this.#arithmetic('numeric', ['numeric', 'numeric', 'int4']),
      this.#arithmetic('numeric', ['numeric']),
      // Mixed kinds resolve to their common type (select_common_type): numeric here.
      (scope, depth) => {
        const kinds: [ColumnKind, ColumnKind] = random.chance(0.5)
          ? ['int4', 'numeric']
          : ['numeric', 'int8']
        const [first, second] = kinds
        return random.chance(0.5)
          ? `COALESCE(${e(first, scope, depth)}, ${e(second, scope, depth)})`
          : `CASE WHEN ${this.boolean(scope, depth)} THEN ${e(first, scope, depth)} ELSE ${e(second, scope, depth)} END`
      },
      (scope, depth) => `round(${e('numeric', scope, depth)}, ${random.nextInt(3)})`,
      (scope, depth) => `round(${e('numeric', scope, depth)})`,
      (scope, depth) => `${pick(random, ['ceil', 'floor', 'sign'])}(${e('numeric', scope, depth)})`,
      (scope, depth) => {
        this.risks.add('division')
        return `div(${e('numeric', scope, depth)}, ${e('numeric', scope, depth)})`
      },
      (scope, depth) => {
        this.risks.add('domain')
        return `sqrt(${e('numeric', scope, depth)})`
      },
      (scope, depth) =>
        `EXTRACT(EPOCH FROM ${e(pick(random, ['date', 'timestamp'] as const), scope, depth)})`,
      (scope, depth) => `trunc(${e('numeric', scope, depth)}, ${random.nextInt(3)})`,
      (scope, depth) => `abs(${e('numeric', scope, depth)})`,
      (scope, depth) =>
        `CAST(${e(pick(random, ['int4', 'int8'] as const), scope, depth)} AS numeric)`,
      (scope, depth) => `CAST(${e('float8', scope, depth)} AS numeric)`,
      (scope, depth) =>
        `EXTRACT(${pick(random, ['YEAR', 'MONTH', 'DAY', 'DOW'])} FROM ${e(pick(random, ['date', 'timestamp'] as const), scope, depth)})`,
      (scope, depth) => {
        this.risks.add('division')
        return `mod(${e('numeric', scope, depth)}, ${e('numeric', scope, depth)})`
      },
    ]
  }

  #float8Productions(): Production[] {
    const random = this.#random
    const e = (kind: ColumnKind, scope: Scope, depth: number) => this.expression(kind, scope, depth)
    return [
      this.#arithmetic('float8', ['float8', 'float8', 'int4']),
      (scope, depth) =>
        `CAST(${e(pick(random, ['int4', 'numeric'] as const), scope, depth)} AS float8)`,
      (scope, depth) => `${pick(random, ['abs', 'floor', 'ceil'])}(${e('float8', scope, depth)})`,
      (scope, depth) => {
        const other = pick(random, ['int4', 'int8', 'numeric'] as const)
        return `${pick(random, ['GREATEST', 'LEAST', 'COALESCE'])}(${e(other, scope, depth)}, ${e('float8', scope, depth)})`
      },
    ]
  }

  #textProductions(): Production[] {
    const random = this.#random
    const e = (kind: ColumnKind, scope: Scope, depth: number) => this.expression(kind, scope, depth)
    return [
      (scope, depth) => `(${e('text', scope, depth)} || ${e('text', scope, depth)})`,
      (scope, depth) =>
        `${pick(random, ['upper', 'lower', 'trim', 'reverse', 'btrim', 'ltrim', 'rtrim', 'md5'])}(${e('text', scope, depth)})`,
      (scope, depth) => `split_part(${e('text', scope, depth)}, ' ', ${1 + random.nextInt(2)})`,
      (scope, depth) => {
        // An interval's text form, from the difference of two timestamps.
        const timestamp = () => e('timestamp', scope, depth)
        return `CAST((${timestamp()} - ${timestamp()}) AS text)`
      },
      (scope, depth) =>
        `substr(${e('text', scope, depth)}, ${random.nextInt(4)}, ${random.nextInt(4)})`,
      (scope, depth) => `replace(${e('text', scope, depth)}, 'a', 'xy')`,
      (scope, depth) => `lpad(${e('text', scope, depth)}, ${random.nextInt(6)}, '*')`,
      (scope, depth) => `left(${e('text', scope, depth)}, ${random.nextInt(5) - 2})`,
      (scope, depth) => `repeat(${e('text', scope, depth)}, ${random.nextInt(3)})`,
      (scope, depth) => {
        const kind = pick(random, [
          'int4',
          'int8',
          'numeric',
          'float8',
          'date',
          'timestamp',
          'bool',
        ] as const)
        return `CAST(${e(kind, scope, depth)} AS text)`
      },
      (scope, depth) =>
        `concat(${e('text', scope, depth)}, ${e(pick(random, numericKinds), scope, depth)})`,
      (scope, depth) =>
        `(${e('text', scope, depth)} || ${e(pick(random, numericKinds), scope, depth)})`,
    ]
  }

  #boolProductions(): Production[] {
    const random = this.#random
    const e = (kind: ColumnKind, scope: Scope, depth: number) => this.expression(kind, scope, depth)
    const anyKind = () => pick(random, comparableKinds)
    return [
      (scope, depth) => {
        const kind = anyKind()
        const operator = pick(random, ['=', '<>', '<', '<=', '>', '>='])
        return `(${e(kind, scope, depth)} ${operator} ${e(kind, scope, depth)})`
      },
      (scope, depth) => {
        const kind = pick(random, numericKinds)
        const other = pick(random, numericKinds)
        return `(${e(kind, scope, depth)} ${pick(random, ['=', '<', '>='])} ${e(other, scope, depth)})`
      },
      (scope, depth) => {
        const kind = anyKind()
        const not = random.chance(0.5) ? ' NOT' : ''
        return `(${e(kind, scope, depth)} IS${not} DISTINCT FROM ${e(kind, scope, depth)})`
      },
      (scope, depth) =>
        `(${e(anyKind(), scope, depth)} IS${random.chance(0.5) ? ' NOT' : ''} NULL)`,
      (scope, depth) => `(${this.boolean(scope, depth)} AND ${this.boolean(scope, depth)})`,
      (scope, depth) => `(${this.boolean(scope, depth)} OR ${this.boolean(scope, depth)})`,
      (scope, depth) => `(NOT ${this.boolean(scope, depth)})`,
      (scope, depth) =>
        `(${this.boolean(scope, depth)} IS ${pick(random, ['TRUE', 'NOT TRUE', 'FALSE', 'NOT FALSE', 'UNKNOWN'])})`,
      (scope, depth) => {
        const kind = anyKind()
        const not = random.chance(0.3) ? ' NOT' : ''
        return `(${e(kind, scope, depth)}${not} BETWEEN ${e(kind, scope, 0)} AND ${e(kind, scope, 0)})`
      },
      (scope, depth) => {
        const kind = anyKind()
        const items = Array.from({ length: 1 + random.nextInt(3) }, () => this.literal(kind))
        const not = random.chance(0.3) ? ' NOT' : ''
        return `(${e(kind, scope, depth)}${not} IN (${items.join(', ')}))`
      },
      (scope, depth) =>
        `starts_with(${e('text', scope, depth)}, ${pick(random, ["'a'", "''", "'AB'"])})`,
      (scope, depth) => {
        const pattern = pick(random, ["'a%'", "'%b%'", "'_'", "'%'", "'A%'", "'%c'"])
        const operator = pick(random, ['LIKE', 'NOT LIKE', 'ILIKE'])
        return `(${e('text', scope, depth)} ${operator} ${pattern})`
      },
      (scope, depth) => {
        if (!scope.subqueries) return undefined
        const not = random.chance(0.3) ? 'NOT ' : ''
        return `(${not}EXISTS (${this.#subqueries.any(scope, depth)}))`
      },
      (scope, depth) => {
        if (!scope.subqueries) return undefined
        const kind = anyKind()
        const not = random.chance(0.3) ? ' NOT' : ''
        return `(${e(kind, scope, depth)}${not} IN (${this.#subqueries.column(kind, scope, depth)}))`
      },
      (scope, depth) => {
        if (!scope.subqueries) return undefined
        const kind = anyKind()
        const operator = pick(random, ['=', '<>', '<', '>='])
        const quantifier = pick(random, ['ANY', 'ALL', 'SOME'])
        return `(${e(kind, scope, depth)} ${operator} ${quantifier} (${this.#subqueries.column(kind, scope, depth)}))`
      },
    ]
  }

  #dateProductions(): Production[] {
    const random = this.#random
    return [
      (scope, depth) => {
        this.risks.add('range')
        this.risks.add('overflow')
        const operator = pick(random, ['+', '-'])
        return `(${this.expression('date', scope, depth)} ${operator} ${this.expression('int4', scope, depth)})`
      },
      (scope, depth) => `CAST(${this.expression('timestamp', scope, depth)} AS date)`,
    ]
  }

  #timestampProductions(): Production[] {
    const random = this.#random
    return [
      (scope, depth) => `CAST(${this.expression('date', scope, depth)} AS timestamp)`,
      (scope, depth) =>
        `date_trunc('${pick(random, ['year', 'month', 'day', 'hour'])}', ${this.expression('timestamp', scope, depth)})`,
      (scope, depth) =>
        `(${this.expression('timestamp', scope, depth)} ${pick(random, ['+', '-'])} INTERVAL '${pick(random, ['1 day', '2 hours', '1 mon', '-3 days 04:05:06'])}')`,
    ]
  }
}
