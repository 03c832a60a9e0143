// Rule constant-folding on bound SELECTs from real SQL, with a recording evaluator (so each test
// sees exactly which expressions the rule asked to evaluate, and in what order): plans before
// and after, errors raised while folding, what is never evaluated (volatile and stable calls,
// arguments after a deciding constant, dropped CASE arms), and the one-time false filter.
// Results and errors of the real evaluator are checked against PostgreSQL 15 in the golden
// script session/testscripts/planner/constant-folding.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { Catalog, plainTable, type Table } from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { sqlTypes, type Value } from '../../../types/index.js'
import { type BoundExpr, type BoundSelect, bindStatement } from '../../bind/index.js'
import { loadParser, parseSql } from '../../parse/index.js'
import {
  explainPlan,
  optimizerRules,
  type PlanNode,
  planSelect,
  printExpression,
} from '../index.js'

const accounts: Table = plainTable({
  oid: 16384,
  schema: 'public',
  name: 'accounts',
  columns: [
    { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'label', number: 2, type: sqlTypes.text, isNotNull: false },
    { name: 'balance', number: 3, type: sqlTypes.int8, isNotNull: true },
  ],
  primaryKey: { oid: 16385, name: 'accounts_pkey', columns: [0] },
})
const events: Table = plainTable({
  oid: 16386,
  schema: 'public',
  name: 'events',
  columns: [{ name: 'id', number: 1, type: sqlTypes.int4, isNotNull: false }],
  primaryKey: undefined,
})
const catalog = Catalog.empty().withTable(accounts, 2).withTable(events, 1)
const onlyFolding = new Set(
  optimizerRules.map((rule) => rule.name).filter((name) => name !== 'constant-folding'),
)

before(async () => {
  await loadParser()
})

function bindSelect(sql: string): BoundSelect {
  const [parsed] = parseSql(sql)
  assert.ok(parsed !== undefined)
  const { statement } = bindStatement(catalog, parsed)
  assert.equal(statement.kind, 'Select')
  return statement as BoundSelect
}

/** An evaluator answering from `values` (by printed expression) and recording each request;
 * `1 / 0` fails as the executor would. */
function recorder(values: Readonly<Record<string, Value>> = {}) {
  const requests: string[] = []
  const evaluate = (expr: BoundExpr): Value => {
    const text = printExpression(expr)
    requests.push(text)
    if (text === '(1 / 0)') throw new SqlError(SqlState.divisionByZero, 'division by zero')
    const value = values[text]
    assert.ok(value !== undefined, `unexpected evaluation of ${text}`)
    return value
  }
  return { requests, evaluate }
}

function plan(sql: string, evaluate?: (expr: BoundExpr) => Value, isFoldingOnly = true): PlanNode {
  return planSelect(bindSelect(sql), {
    ...(isFoldingOnly ? { disabledRules: onlyFolding } : {}),
    ...(evaluate === undefined ? {} : { evaluate }),
  })
}

/** The target list of the plan's top Project, printed. */
function targets(node: PlanNode): string[] {
  assert.ok(node.kind === 'Project', 'a Project computes the target list')
  return node.targets.map((target) => printExpression(target.expr))
}

const oneTimeFalse = ['Result', '  One-Time Filter: false']

test('an immutable operation with constant arguments is evaluated, innermost first', () => {
  const { requests, evaluate } = recorder({ '(1 + 2)': 3, '(3 * 3)': 9 })
  const planned = plan('SELECT * FROM accounts WHERE id = (1 + 2) * 3', evaluate, false)
  assert.deepEqual(requests, ['(1 + 2)', '(3 * 3)'])
  assert.deepEqual(explainPlan(planned), [
    'Index Scan using accounts_pkey on accounts',
    '  Index Cond: (id = 9)',
  ])
})

test('the folded constant keeps the type and typmod of the expression it replaces', () => {
  const { requests, evaluate } = recorder({
    '(1 + 2)': 3,
    '(3)::int8': 3n,
    "('abc'::text)::varchar": 'ab',
  })
  const planned = plan("SELECT (1 + 2)::int8, 'abc'::text::varchar(2) FROM accounts", evaluate)
  assert.deepEqual(requests, ['(1 + 2)', '(3)::int8', "('abc'::text)::varchar"])
  assert.ok(planned.kind === 'Project')
  const [bigint, varchar] = planned.targets.map((target) => target.expr)
  assert.deepEqual(
    [bigint?.kind, bigint?.type.name, varchar?.kind, varchar?.type.name, varchar?.type.typmod],
    ['Constant', 'int8', 'Constant', 'varchar', 2 + 4],
  )
})

test('a strict operation with a NULL argument is NULL, its other arguments not evaluated', () => {
  const { requests, evaluate } = recorder()
  const planned = plan(
    'SELECT (balance / 0) / CAST(NULL AS bigint), 1 + NULL FROM accounts',
    evaluate,
  )
  assert.deepEqual(requests, [])
  assert.deepEqual(targets(planned), ['NULL::bigint', 'NULL::integer'])
})

test('volatile and stable calls are not folded', () => {
  // Only the cast of 1 to double precision folds.
  const { requests, evaluate } = recorder({ '(1)::float8': 1 })
  const planned = plan('SELECT random() + 1, now(), clock_timestamp() FROM accounts', evaluate)
  assert.deepEqual(requests, ['(1)::float8'])
  assert.deepEqual(targets(planned), ['(random() + 1)', 'now()', 'clock_timestamp()'])
})

test('AND / OR: a deciding constant ends it, later arguments unevaluated; others dropped', () => {
  const { requests, evaluate } = recorder()
  assert.deepEqual(
    targets(
      plan(
        'SELECT false AND 1/0 = 1, true OR 1/0 = 1, id > 1 AND true, id > 1 OR false FROM accounts',
        evaluate,
      ),
    ),
    ['false', 'true', '(id > 1)', '(id > 1)'],
  )
  assert.deepEqual(requests, [])
  // NULL is kept once, last, outside a qualification: NULL AND x is NULL or false.
  assert.deepEqual(targets(plan('SELECT NULL AND id > 1 AND NULL, NULL OR false FROM accounts')), [
    '((id > 1) AND NULL::boolean)',
    'NULL::boolean',
  ])
})

test('an argument before the deciding constant is folded first: its error is raised', () => {
  const { evaluate } = recorder()
  assert.throws(
    () => plan('SELECT 1/0 = 1 AND false', evaluate),
    (error: unknown) => error instanceof SqlError && error.code === SqlState.divisionByZero,
  )
})

test('CASE: false and NULL arms are dropped unevaluated; a true arm ends it', () => {
  const { requests, evaluate } = recorder()
  assert.deepEqual(
    targets(
      plan(
        'SELECT CASE WHEN false THEN 1/0 WHEN NULL THEN 1/0 WHEN id > 1 THEN 2 WHEN true THEN 3 ELSE 1/0 END, CASE WHEN NULL THEN 1 ELSE 4 END FROM accounts',
        evaluate,
      ),
    ),
    ['CASE WHEN (id > 1) THEN 2 ELSE 3 END', '4'],
  )
  assert.deepEqual(requests, [])
  // Arms that may run are folded, so a constant error in them is raised now, as in PostgreSQL.
  assert.throws(
    () => plan('SELECT CASE WHEN id > 0 THEN 1 ELSE 1/0 END FROM accounts', evaluate),
    (error: unknown) => error instanceof SqlError && error.code === SqlState.divisionByZero,
  )
})

test('COALESCE: NULL constants dropped, a non-NULL constant ends the list', () => {
  const { requests, evaluate } = recorder()
  assert.deepEqual(
    targets(
      plan(
        'SELECT COALESCE(NULL, id, NULL, 2, 1/0), COALESCE(NULL, 5, id), COALESCE(NULL::int, NULL) FROM accounts',
        evaluate,
      ),
    ),
    ['COALESCE(id, 2)', '5', 'NULL::integer'],
  )
  assert.deepEqual(requests, [])
})

test('a WHERE that folds to false or NULL empties the relation: One-Time Filter: false', () => {
  for (const where of ['false', 'id > 1 AND NULL', 'id = NULL', 'id BETWEEN NULL AND 3']) {
    const planned = plan(`SELECT * FROM accounts WHERE ${where}`, undefined, false)
    assert.deepEqual(explainPlan(planned), oneTimeFalse, where)
  }
  // NULL is false through AND / OR in a qualification, so the OR keeps one branch.
  assert.deepEqual(explainPlan(plan('SELECT * FROM accounts WHERE (id > 1 AND NULL) OR id < 0')), [
    'Seq Scan on accounts',
    '  Filter: (id < 0)',
  ])
  // A WHERE that is always true goes away.
  assert.deepEqual(explainPlan(plan('SELECT * FROM accounts WHERE true OR id > 1')), [
    'Seq Scan on accounts',
  ])
})

test('joins with a false condition or an empty side', () => {
  assert.deepEqual(
    explainPlan(plan('SELECT * FROM accounts a JOIN events e ON false', undefined, false)),
    oneTimeFalse,
  )
  assert.deepEqual(
    explainPlan(
      plan('SELECT * FROM accounts a JOIN events e ON a.id = e.id WHERE e.id > 1 AND NULL'),
    ),
    oneTimeFalse,
  )
  assert.deepEqual(
    explainPlan(plan('SELECT * FROM accounts a JOIN (SELECT * FROM events WHERE false) e ON true')),
    oneTimeFalse,
  )
  // A LEFT JOIN keeps its rows, NULL-padded: its other side is empty.
  assert.deepEqual(explainPlan(plan('SELECT * FROM accounts a LEFT JOIN events e ON NULL')), [
    'Nested Loop Left Join',
    '  Join Filter: false',
    '  ->  Seq Scan on accounts',
    '  ->  Result',
    '        One-Time Filter: false',
  ])
})

test('HAVING false: an ungrouped aggregate keeps the filter over an empty input', () => {
  assert.deepEqual(explainPlan(plan('SELECT count(*) FROM accounts HAVING false')), [
    'Aggregate',
    '  Filter: false',
    '  ->  Result',
    '        One-Time Filter: false',
  ])
  assert.deepEqual(
    explainPlan(plan('SELECT label, count(*) FROM accounts GROUP BY label HAVING NULL')),
    ['HashAggregate', '  Group Key: label', '  ->  Result', '        One-Time Filter: false'],
  )
})

test('with the rule disabled, nothing folds', () => {
  const select = bindSelect('SELECT * FROM accounts WHERE id = NULL')
  const planned = planSelect(select, {
    disabledRules: new Set([...onlyFolding, 'constant-folding']),
  })
  assert.equal(planned.kind, 'Project')
  assert.deepEqual(explainPlan(planned), ['Seq Scan on accounts', '  Filter: (id = NULL::integer)'])
})
