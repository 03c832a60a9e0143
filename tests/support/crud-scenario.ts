/**
 * The scenario every client path runs (psql, node-postgres, POST /query): create a table, fill
 * it, read it back with a filter, an order and a limit, drop it; and the errors each path must
 * report with PostgreSQL's SQLSTATE. Each test file turns these into its client's calls.
 */

export const crudScenario = {
  create: 'CREATE TABLE t (id int primary key, name text)',
  insert: "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')",
  select: "SELECT id, name FROM t WHERE id >= 2 AND name <> 'z' ORDER BY id DESC LIMIT 2",
  /** What `select` returns, in order. */
  selectRows: [
    [3, 'c'],
    [2, 'b'],
  ],
  drop: 'DROP TABLE t',
} as const

export interface ErrorCase {
  readonly what: string
  readonly sql: string
  readonly code: string
  /** 1-based character position PostgreSQL reports, when it reports one. */
  readonly position?: number
  /** A fragment of PostgreSQL's message. */
  readonly message: RegExp
  /** PostgreSQL's DETAIL, when it sends one. */
  readonly detail?: string
}

/** Run against a database holding `t` with id 1 (see errorSetup). */
export const errorSetup =
  "CREATE TABLE t (id int primary key, name text); INSERT INTO t VALUES (1, 'a')"

export const errorCases: readonly ErrorCase[] = [
  {
    what: 'a syntax error, with its position',
    sql: 'SELECT id, FROM t',
    code: '42601',
    position: 12,
    message: /syntax error at or near "FROM"/,
  },
  {
    what: 'an unknown table',
    sql: 'SELECT * FROM missing',
    code: '42P01',
    position: 15,
    message: /relation "missing" does not exist/,
  },
  {
    what: 'an unknown column',
    sql: 'SELECT missing FROM t',
    code: '42703',
    position: 8,
    message: /column "missing" does not exist/,
  },
  {
    what: 'a duplicate primary key',
    sql: "INSERT INTO t VALUES (1, 'again')",
    code: '23505',
    message: /duplicate key value violates unique constraint "t_pkey"/,
    detail: 'Key (id)=(1) already exists.',
  },
]
