// The planner on bound SELECTs from real SQL: plans with each optimizer rule on and off, the
// rule callback sequence, verifyPlan catching broken plans, and EXPLAIN text in PostgreSQL's
// `EXPLAIN (COSTS OFF)` shape (layout checked against PostgreSQL 15).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { Catalog, type Table } from '../../catalog/index.js'
import { InternalError } from '../../errors/index.js'
import { sqlTypes } from '../../types/index.js'
import { type BoundExpr, type BoundSelect, bindStatement } from '../bind/index.js'
import { loadParser, parseSql } from '../parse/index.js'
import {
  explainPlan,
  optimizerRules,
  type PlanNode,
  planSelect,
  printExpression,
  verifyPlan,
} from './index.js'

const accounts: Table = {
  oid: 16384,
  schema: 'public',
  name: 'accounts',
  columns: [
    { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'label', number: 2, type: sqlTypes.text, isNotNull: false },
    { name: 'balance', number: 3, type: sqlTypes.int8, isNotNull: true },
    { name: 'active', number: 4, type: sqlTypes.bool, isNotNull: false },
  ],
  primaryKey: { name: 'accounts_pkey', columns: [0] },
}

const events: Table = {
  oid: 16386,
  schema: 'public',
  name: 'events',
  columns: [{ name: 'id', number: 1, type: sqlTypes.int4, isNotNull: false }],
  primaryKey: undefined,
}

/** Key (b, a): the key order differs from the column order. */
const pairs: Table = {
  oid: 16387,
  schema: 'public',
  name: 'pairs',
  columns: [
    { name: 'a', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'b', number: 2, type: sqlTypes.text, isNotNull: true },
  ],
  primaryKey: { name: 'pairs_pkey', columns: [1, 0] },
}

const catalog = Catalog.empty().withTable(accounts, 2).withTable(events, 1).withTable(pairs, 2)
const allRules = new Set(optimizerRules.map((rule) => rule.name))

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

function explain(sql: string, disabledRules: ReadonlySet<string> = new Set()): string[] {
  return explainPlan(planSelect(bindSelect(sql), { disabledRules }))
}

/** The node kinds from the root down the chain of inputs. */
function shape(plan: PlanNode): string[] {
  const kinds: string[] = []
  let node: PlanNode | undefined = plan
  while (node !== undefined) {
    kinds.push(node.kind === 'IndexScan' && node.isBackward ? 'IndexScan(backward)' : node.kind)
    node = 'input' in node ? node.input : undefined
  }
  return kinds
}

function column(index: number, table: Table = accounts): BoundExpr {
  const definition = table.columns[index]
  assert.ok(definition !== undefined)
  return { kind: 'ColumnRef', type: definition.type, index, name: definition.name, table }
}

test('the rules, in order: ranges first so the point rule and sort elision see the index scan', () => {
  assert.deepEqual(
    optimizerRules.map((rule) => rule.name),
    ['primary-key-range', 'primary-key-point', 'sort-elision'],
  )
})

test('with every rule off, the plan is the clauses translated directly', () => {
  const select = bindSelect('SELECT label FROM accounts WHERE id = 1 ORDER BY id LIMIT 1')
  const plan = planSelect(select, { disabledRules: allRules })
  assert.deepEqual(shape(plan), ['Limit', 'Project', 'Sort', 'Filter', 'SeqScan'])
  assert.deepEqual(explainPlan(plan), [
    'Limit',
    '  ->  Sort',
    '        Sort Key: id',
    '        ->  Seq Scan on accounts',
    '              Filter: (id = 1)',
  ])
  assert.deepEqual(shape(planSelect(bindSelect('SELECT 1'))), ['Project', 'Result'])
  assert.deepEqual(explain('SELECT 1'), ['Result'])
})

test('primary-key-range turns a key comparison into an index scan bound', () => {
  const select = bindSelect('SELECT * FROM accounts WHERE id = 1')
  const withRule = planSelect(select, {
    disabledRules: new Set(['sort-elision', 'primary-key-point']),
  })
  assert.deepEqual(withRule, {
    kind: 'Project',
    targets: select.targets,
    input: {
      kind: 'IndexScan',
      table: accounts,
      lower: { expr: { kind: 'Constant', type: sqlTypes.int4, value: 1 }, isInclusive: true },
      upper: { expr: { kind: 'Constant', type: sqlTypes.int4, value: 1 }, isInclusive: true },
      isBackward: false,
    },
  })
  const without = planSelect(select, { disabledRules: new Set(['primary-key-range']) })
  assert.deepEqual(shape(without), ['Project', 'Filter', 'SeqScan'])
})

test('primary-key-range: flipped comparisons, parameters, and conjuncts kept as a filter', () => {
  const flipped = planSelect(bindSelect('SELECT * FROM accounts WHERE 5 > id'))
  assert.equal(flipped.kind === 'Project' ? flipped.input.kind : undefined, 'IndexScan')
  assert.deepEqual(explain('SELECT * FROM accounts WHERE 5 > id'), [
    'Index Scan using accounts_pkey on accounts',
    '  Index Cond: (id < 5)',
  ])
  assert.deepEqual(explain('SELECT * FROM accounts WHERE id >= $1 AND active'), [
    'Index Scan using accounts_pkey on accounts',
    '  Index Cond: (id >= $1)',
    '  Filter: active',
  ])
  assert.deepEqual(
    explain('SELECT * FROM accounts WHERE id = 1 AND id = 2'),
    [
      'Index Point Get using accounts_pkey on accounts',
      '  Index Cond: (id = 1)',
      '  Filter: (id = 2)',
    ],
    'one bound per side; the second equality stays a filter (above the point get)',
  )
  assert.deepEqual(explain("SELECT * FROM accounts WHERE id > 1 AND id > 2 AND label = 'a'"), [
    'Index Scan using accounts_pkey on accounts',
    '  Index Cond: (id > 1)',
    "  Filter: ((id > 2) AND (label = 'a'::text))",
  ])
})

test('primary-key-range leaves alone what is not a key range', () => {
  for (const sql of [
    'SELECT * FROM accounts WHERE id <> 1',
    'SELECT * FROM accounts WHERE id = 1 OR id = 2',
    'SELECT * FROM accounts WHERE id = balance',
    'SELECT * FROM accounts WHERE id = 1 + 1',
    'SELECT * FROM accounts WHERE balance = 1',
    'SELECT * FROM events WHERE id = 1',
    'SELECT * FROM pairs WHERE a = 1',
  ]) {
    assert.deepEqual(shape(planSelect(bindSelect(sql))), ['Project', 'Filter', 'SeqScan'], sql)
  }
  assert.deepEqual(
    explain("SELECT * FROM pairs WHERE b = 'x'"),
    ['Index Scan using pairs_pkey on pairs', "  Index Cond: (b = 'x'::text)"],
    "the key's first column is b",
  )
})

test('onRuleApplied reports each enabled rule in order, with the plan after it', () => {
  const select = bindSelect('SELECT id FROM accounts WHERE id < 5 ORDER BY id DESC')
  const calls: { rule: string; shape: string[] }[] = []
  const plan = planSelect(select, {
    onRuleApplied: (rule, after) => calls.push({ rule, shape: shape(after) }),
  })
  assert.deepEqual(calls, [
    { rule: 'primary-key-range', shape: ['Project', 'Sort', 'IndexScan'] },
    { rule: 'primary-key-point', shape: ['Project', 'Sort', 'IndexScan'] },
    { rule: 'sort-elision', shape: ['Project', 'IndexScan(backward)'] },
  ])
  assert.deepEqual(shape(plan), ['Project', 'IndexScan(backward)'])
  const skipped: string[] = []
  planSelect(select, {
    disabledRules: new Set(['primary-key-range']),
    onRuleApplied: (rule) => skipped.push(rule),
  })
  assert.deepEqual(
    skipped,
    ['primary-key-point', 'sort-elision'],
    'a disabled rule is not reported',
  )
})

test('sort-elision: ORDER BY the key runs the scan in key order', () => {
  assert.deepEqual(shape(planSelect(bindSelect('SELECT * FROM accounts ORDER BY id'))), [
    'Project',
    'SeqScan',
  ])
  assert.deepEqual(explain('SELECT * FROM accounts ORDER BY id DESC'), [
    'Index Scan Backward using accounts_pkey on accounts',
  ])
  assert.deepEqual(explain('SELECT * FROM pairs ORDER BY b, a'), ['Seq Scan on pairs'])
  assert.deepEqual(explain('SELECT * FROM pairs ORDER BY b DESC, a DESC'), [
    'Index Scan Backward using pairs_pkey on pairs',
  ])
  assert.deepEqual(explain('SELECT * FROM pairs ORDER BY b'), ['Seq Scan on pairs'], 'a prefix')
  assert.deepEqual(explain('SELECT * FROM accounts ORDER BY id', new Set(['sort-elision'])), [
    'Sort',
    '  Sort Key: id',
    '  ->  Seq Scan on accounts',
  ])
})

test('sort-elision keeps the sort when it is not on the key in key order', () => {
  const kept: readonly (readonly [string, string])[] = [
    ['SELECT * FROM accounts ORDER BY label', 'label'],
    ['SELECT * FROM accounts ORDER BY id, label', 'id, label'],
    ['SELECT * FROM accounts ORDER BY balance DESC', 'balance DESC'],
    ['SELECT * FROM pairs ORDER BY a, b', 'a, b'],
    ['SELECT * FROM pairs ORDER BY b, a DESC', 'b, a DESC'],
    ['SELECT * FROM pairs ORDER BY a', 'a'],
    ['SELECT * FROM events ORDER BY id', 'id'],
    ['SELECT * FROM accounts ORDER BY id + 0', '(id + 0)'],
  ]
  for (const [sql, key] of kept) {
    const lines = explain(sql)
    assert.equal(lines[0], 'Sort', sql)
    assert.equal(lines[1], `  Sort Key: ${key}`, sql)
  }
})

test('EXPLAIN: point lookup', () => {
  assert.deepEqual(explain('SELECT label FROM accounts WHERE id = 7'), [
    'Index Point Get using accounts_pkey on accounts',
    '  Index Cond: (id = 7)',
  ])
  assert.deepEqual(
    explain('SELECT label FROM accounts WHERE id = 7', new Set(['primary-key-point'])),
    ['Index Scan using accounts_pkey on accounts', '  Index Cond: (id = 7)'],
  )
})

test('primary-key-point: equality on every key column, in key order; the rest stays a filter', () => {
  const plan = planSelect(bindSelect("SELECT * FROM pairs WHERE a = $1 AND b = 'x' AND a > 0"))
  assert.deepEqual(shape(plan), ['Project', 'Filter', 'IndexScan'])
  const scan = plan.kind === 'Project' && plan.input.kind === 'Filter' ? plan.input.input : plan
  assert.deepEqual(
    scan.kind === 'IndexScan' ? scan.point?.map((value) => printExpression(value)) : undefined,
    ["'x'::text", '$1'],
    'values in key order (b, a)',
  )
  assert.deepEqual(explainPlan(plan), [
    'Index Point Get using pairs_pkey on pairs',
    "  Index Cond: ((b = 'x'::text) AND (a = $1))",
    '  Filter: (a > 0)',
  ])
  assert.deepEqual(explain("SELECT * FROM pairs WHERE 1 = a AND b = 'x'"), [
    'Index Point Get using pairs_pkey on pairs',
    "  Index Cond: ((b = 'x'::text) AND (a = 1))",
  ])
  assert.deepEqual(explain('SELECT * FROM accounts WHERE id = $1 FOR UPDATE'), [
    'LockRows',
    '  ->  Index Point Get using accounts_pkey on accounts',
    '        Index Cond: (id = $1)',
  ])
})

test('primary-key-point leaves alone what does not fix the whole key', () => {
  for (const sql of [
    "SELECT * FROM pairs WHERE b = 'x'",
    "SELECT * FROM pairs WHERE b = 'x' AND a > 1",
    "SELECT * FROM pairs WHERE b = 'x' AND (a = 1 OR a = 2)",
    "SELECT * FROM pairs WHERE b = 'x' AND a = b::int4",
    'SELECT * FROM accounts WHERE id >= 1 AND id <= 1',
    'SELECT * FROM accounts WHERE id > 1',
  ]) {
    assert.ok(!explain(sql).some((line) => line.includes('Point Get')), sql)
  }
  assert.deepEqual(explain('SELECT * FROM events WHERE id = 1'), [
    'Seq Scan on events',
    '  Filter: (id = 1)',
  ])
})

test('verifyPlan rejects a point get without a value for every key column', () => {
  const one: BoundExpr = { kind: 'Constant', type: sqlTypes.int4, value: 1 }
  const lower = { expr: one, isInclusive: true }
  assert.throws(
    () =>
      verifyPlan({
        kind: 'IndexScan',
        table: pairs,
        lower,
        upper: lower,
        isBackward: false,
        point: [one],
      }),
    InternalError,
  )
})

test('EXPLAIN: range with both bounds and a remaining filter', () => {
  assert.deepEqual(explain("SELECT * FROM accounts WHERE id >= 2 AND id < 9 AND label = 'a'"), [
    'Index Scan using accounts_pkey on accounts',
    '  Index Cond: ((id >= 2) AND (id < 9))',
    "  Filter: (label = 'a'::text)",
  ])
})

test('EXPLAIN: backward scan under a limit', () => {
  assert.deepEqual(explain('SELECT label FROM accounts WHERE id < 100 ORDER BY id DESC LIMIT 3'), [
    'Limit',
    '  ->  Index Scan Backward using accounts_pkey on accounts',
    '        Index Cond: (id < 100)',
  ])
})

test('EXPLAIN: a sort not on the key stays, above the filtered scan and below the limit', () => {
  assert.deepEqual(explain('SELECT * FROM accounts WHERE active ORDER BY label DESC LIMIT 5'), [
    'Limit',
    '  ->  Sort',
    '        Sort Key: label DESC',
    '        ->  Seq Scan on accounts',
    '              Filter: active',
  ])
})

test('LockRows sits above Sort and below Limit, so skipped rows do not count', () => {
  const plan = planSelect(
    bindSelect('SELECT * FROM accounts WHERE active ORDER BY label LIMIT 3 FOR UPDATE SKIP LOCKED'),
  )
  assert.deepEqual(shape(plan), ['Limit', 'Project', 'LockRows', 'Sort', 'Filter', 'SeqScan'])
  const lockRows = plan.kind === 'Limit' && plan.input.kind === 'Project' ? plan.input.input : plan
  assert.equal(lockRows.kind, 'LockRows')
  assert.deepEqual(lockRows.kind === 'LockRows' ? lockRows.lock : undefined, {
    mode: 'update',
    policy: 'skip',
  })
  // PostgreSQL 15 prints the same tree for this query.
  assert.deepEqual(explainPlan(plan), [
    'Limit',
    '  ->  LockRows',
    '        ->  Sort',
    '              Sort Key: label',
    '              ->  Seq Scan on accounts',
    '                    Filter: active',
  ])
  assert.deepEqual(explain('SELECT * FROM accounts WHERE id < 5 LIMIT 1 FOR SHARE'), [
    'Limit',
    '  ->  LockRows',
    '        ->  Index Scan using accounts_pkey on accounts',
    '              Index Cond: (id < 5)',
  ])
  assert.deepEqual(explain('SELECT * FROM accounts ORDER BY id DESC FOR UPDATE'), [
    'LockRows',
    '  ->  Index Scan Backward using accounts_pkey on accounts',
  ])
})

test('verifyPlan returns the output width and accepts every plan the planner builds', () => {
  assert.equal(verifyPlan({ kind: 'SeqScan', table: accounts }), 4)
  assert.equal(verifyPlan({ kind: 'Result' }), 0)
  const select = bindSelect('SELECT id, label FROM accounts WHERE id > 1 ORDER BY id LIMIT 2')
  assert.equal(verifyPlan(planSelect(select)), 2)
  assert.equal(verifyPlan(planSelect(select, { disabledRules: allRules })), 2)
})

test('verifyPlan rejects a column reference outside its input row (InternalError)', () => {
  const outside: BoundExpr = {
    kind: 'ColumnRef',
    type: sqlTypes.int4,
    index: 4,
    name: 'id',
    table: accounts,
  }
  assert.throws(
    () =>
      verifyPlan({
        kind: 'Filter',
        input: { kind: 'SeqScan', table: accounts },
        predicate: {
          kind: 'Comparison',
          type: sqlTypes.bool,
          operator: '=',
          left: outside,
          right: { kind: 'Constant', type: sqlTypes.int4, value: 1 },
        },
      }),
    InternalError,
  )
  assert.throws(
    () =>
      verifyPlan({
        kind: 'Project',
        input: { kind: 'Result' },
        targets: [{ name: 'id', expr: column(0) }],
      }),
    InternalError,
    'a SELECT without FROM has no columns',
  )
  assert.throws(
    () =>
      verifyPlan({
        kind: 'Sort',
        input: {
          kind: 'Project',
          input: { kind: 'SeqScan', table: accounts },
          targets: [{ name: 'id', expr: column(0) }],
        },
        keys: [{ expr: column(2), isDescending: false, isNullsFirst: false }],
      }),
    InternalError,
    'a sort above the projection sees only the targets',
  )
  assert.throws(
    () =>
      verifyPlan({
        kind: 'Limit',
        input: { kind: 'SeqScan', table: accounts },
        count: column(0),
        offset: undefined,
      }),
    InternalError,
    'LIMIT is evaluated without a row',
  )
})

test('verifyPlan rejects index scans and row locks on a table without a primary key', () => {
  assert.throws(
    () =>
      verifyPlan({
        kind: 'IndexScan',
        table: events,
        lower: undefined,
        upper: undefined,
        isBackward: false,
      }),
    InternalError,
  )
  assert.throws(
    () =>
      verifyPlan({
        kind: 'LockRows',
        input: { kind: 'SeqScan', table: events },
        table: events,
        lock: { mode: 'update', policy: 'wait' },
      }),
    InternalError,
  )
})

test('printExpression: PostgreSQL-like deparse', () => {
  const select = bindSelect(
    "SELECT -id, NOT active, label IS NOT NULL, id::text, 'it''s', NULL::int4, true, $1::int8 FROM accounts",
  )
  assert.deepEqual(
    select.targets.map((target) => printExpression(target.expr)),
    [
      '(- id)',
      '(NOT active)',
      '(label IS NOT NULL)',
      '(id)::text',
      "'it''s'::text",
      'NULL',
      'true',
      '$1',
    ],
  )
  assert.equal(
    printExpression(bindSelect('SELECT * FROM accounts WHERE id = 1 OR id = 2').where as BoundExpr),
    '((id = 1) OR (id = 2))',
  )
})
