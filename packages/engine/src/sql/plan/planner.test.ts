// The planner on bound SELECTs from real SQL: plans with each optimizer rule on and off (join
// planning, hash joins, key ranges, sort elision), the rule callback sequence, verifyPlan
// catching broken plans, and EXPLAIN text in PostgreSQL's `EXPLAIN (COSTS OFF)` shape (layout
// checked against PostgreSQL 15).
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { Catalog, plainTable, type Table } from '../../catalog/index.js'
import { InternalError } from '../../errors/index.js'
import { sqlTypes } from '../../types/index.js'
import {
  type BoundExpr,
  type BoundSelect,
  bindStatement,
  type Computed,
  inputsOf,
} from '../bind/index.js'
import { loadParser, parseSql } from '../parse/index.js'
import {
  explainPlan,
  optimizerRules,
  type PlanNode,
  planSelect,
  printExpression,
  verifyPlan,
} from './index.js'

const accounts: Table = plainTable({
  oid: 16384,
  schema: 'public',
  name: 'accounts',
  columns: [
    { name: 'id', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'label', number: 2, type: sqlTypes.text, isNotNull: false },
    { name: 'balance', number: 3, type: sqlTypes.int8, isNotNull: true },
    { name: 'active', number: 4, type: sqlTypes.bool, isNotNull: false },
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

/** Key (b, a): the key order differs from the column order. */
const pairs: Table = plainTable({
  oid: 16387,
  schema: 'public',
  name: 'pairs',
  columns: [
    { name: 'a', number: 1, type: sqlTypes.int4, isNotNull: true },
    { name: 'b', number: 2, type: sqlTypes.text, isNotNull: true },
  ],
  primaryKey: { oid: 16388, name: 'pairs_pkey', columns: [1, 0] },
})

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

/** The node kinds of a whole plan, depth first (inputs in order). */
function kinds(plan: PlanNode): string[] {
  return [plan.kind, ...inputsOf(plan).flatMap(kinds)]
}

/**
 * Column `index` of `table` read through column id `first + index`: the binder numbers a scan's
 * columns consecutively in table order, from 1 for the statement's first FROM item.
 */
function column(index: number, table: Table = accounts, first = 1): BoundExpr {
  const definition = table.columns[index]
  assert.ok(definition !== undefined)
  return {
    kind: 'ColumnRef',
    type: definition.type,
    column: first + index,
    name: definition.name,
    origin: { table, number: definition.number },
  }
}

/** A scan of `table` carrying column ids first, first + 1, ... */
function scan(table: Table, first = 1): PlanNode {
  return { kind: 'SeqScan', table, columns: table.columns.map((_, i) => first + i) }
}

/** The target list of a bound SELECT (its top Project, under a Limit if any). */
function targetsOf(select: BoundSelect): readonly Computed[] {
  const top = select.plan.kind === 'Limit' ? select.plan.input : select.plan
  assert.ok(top.kind === 'Project', 'a Project computes the target list')
  return top.targets
}

/**
 * An operator expression as printed, its result type and its operands (after coercion): a
 * declared operator's Call holds function references, so it is not compared whole; bool and text
 * keep the legacy Comparison / Arithmetic nodes until their family declares operators.
 */
function operation(expr: BoundExpr | undefined): {
  text: string
  type: string
  operands: readonly BoundExpr[]
} {
  assert.ok(expr !== undefined, 'an operator expression')
  const text = printExpression(expr)
  const type = expr.type.name
  switch (expr.kind) {
    case 'Call':
      assert.ok(expr.isOperator, `${expr.name} is called as an operator`)
      return { text, type, operands: expr.args }
    case 'Comparison':
    case 'Arithmetic':
      return { text, type, operands: [expr.left, expr.right] }
    default:
      return assert.fail(`expected an operator, got ${expr.kind}`)
  }
}

/** The WHERE condition of a bound single-table SELECT (the Filter under its Project). */
function whereOf(select: BoundSelect): BoundExpr {
  const top = select.plan.kind === 'Limit' ? select.plan.input : select.plan
  assert.ok(top.kind === 'Project' && top.input.kind === 'Filter')
  return top.input.predicate
}

test('the rules, in order: inlining, folding, joins, then hash joins, then indexes and ranges so sort elision sees the index scan', () => {
  assert.deepEqual(
    optimizerRules.map((rule) => rule.name),
    [
      'inline-functions',
      'constant-folding',
      'merge-filters',
      'join-planning',
      'hash-join',
      'secondary-index-scan',
      'primary-key-range',
      'primary-key-point',
      'index-nested-loop',
      'sort-elision',
      'index-only-scan',
    ],
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
    targets: targetsOf(select),
    input: {
      kind: 'IndexScan',
      table: accounts,
      columns: [1, 2, 3, 4],
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
    ['Index Scan using accounts_pkey on accounts', '  Index Cond: (id = 1)', '  Filter: (id = 2)'],
    'one bound per side; the second equality stays a filter',
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
    'SELECT * FROM accounts WHERE id = (random() * 10)::int',
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
    { rule: 'inline-functions', shape: ['Project', 'Sort', 'Filter', 'SeqScan'] },
    { rule: 'constant-folding', shape: ['Project', 'Sort', 'Filter', 'SeqScan'] },
    { rule: 'merge-filters', shape: ['Project', 'Sort', 'Filter', 'SeqScan'] },
    { rule: 'join-planning', shape: ['Project', 'Sort', 'Filter', 'SeqScan'] },
    { rule: 'hash-join', shape: ['Project', 'Sort', 'Filter', 'SeqScan'] },
    { rule: 'secondary-index-scan', shape: ['Project', 'Sort', 'Filter', 'SeqScan'] },
    { rule: 'primary-key-range', shape: ['Project', 'Sort', 'IndexScan'] },
    { rule: 'primary-key-point', shape: ['Project', 'Sort', 'IndexScan'] },
    { rule: 'index-nested-loop', shape: ['Project', 'Sort', 'IndexScan'] },
    { rule: 'sort-elision', shape: ['Project', 'IndexScan(backward)'] },
    { rule: 'index-only-scan', shape: ['Project', 'IndexScan(backward)'] },
  ])
  assert.deepEqual(shape(plan), ['Project', 'IndexScan(backward)'])
  const skipped: string[] = []
  planSelect(select, {
    disabledRules: new Set(['primary-key-range']),
    onRuleApplied: (rule) => skipped.push(rule),
  })
  assert.deepEqual(
    skipped,
    [
      'inline-functions',
      'constant-folding',
      'merge-filters',
      'join-planning',
      'hash-join',
      'secondary-index-scan',
      'primary-key-point',
      'index-nested-loop',
      'sort-elision',
      'index-only-scan',
    ],
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
    'Index Scan using accounts_pkey on accounts',
    '  Index Cond: (id = 7)',
  ])
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
  assert.equal(verifyPlan(scan(accounts)), 4)
  assert.equal(verifyPlan({ kind: 'Result' }), 0)
  const select = bindSelect('SELECT id, label FROM accounts WHERE id > 1 ORDER BY id LIMIT 2')
  assert.equal(verifyPlan(planSelect(select)), 2)
  assert.equal(verifyPlan(planSelect(select, { disabledRules: allRules })), 2)
})

test('verifyPlan rejects a column reference outside its input row (InternalError)', () => {
  const outside: BoundExpr = {
    kind: 'ColumnRef',
    type: sqlTypes.int4,
    column: 5,
    name: 'id',
    origin: { table: accounts, number: 1 },
  }
  assert.throws(
    () =>
      verifyPlan({
        kind: 'Filter',
        input: scan(accounts),
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
        targets: [{ column: 1, expr: column(0) }],
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
          input: scan(accounts),
          targets: [{ column: 5, expr: column(0) }],
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
        input: scan(accounts),
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
        columns: [1],
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
        input: scan(events),
        table: events,
        tableColumns: [1],
        lock: { mode: 'update', policy: 'wait' },
      }),
    InternalError,
  )
})

test('verifyPlan: outer references, LATERAL joins, semi joins and hash join keys', () => {
  // events scanned as the second FROM item (column 5), compared with accounts.id (column 1).
  const eventsId = column(0, events, 5)
  const correlated: PlanNode = {
    kind: 'Filter',
    input: scan(events, 5),
    predicate: {
      kind: 'Comparison',
      type: sqlTypes.bool,
      operator: '=',
      left: eventsId,
      right: column(0),
    },
  }
  assert.throws(() => verifyPlan(correlated), InternalError, 'column 1 is not in the input')
  assert.equal(verifyPlan(correlated, new Set([1])), 1, 'an enclosing row carries column 1')
  const join = (isLateral: boolean, joinType: 'inner' | 'semi' = 'inner'): PlanNode => ({
    kind: 'Join',
    joinType,
    left: scan(accounts),
    right: correlated,
    condition: undefined,
    isLateral,
  })
  assert.equal(verifyPlan(join(true)), 5, 'the right side of a LATERAL join reads the left row')
  assert.throws(() => verifyPlan(join(false)), InternalError, 'a plain join does not')
  assert.equal(verifyPlan(join(true, 'semi')), 4, 'a semi join returns the left columns')
  const hashJoin = (leftKey: BoundExpr, rightKey: BoundExpr): PlanNode => ({
    kind: 'HashJoin',
    joinType: 'inner',
    left: scan(accounts),
    right: scan(events, 5),
    leftKeys: [leftKey],
    rightKeys: [rightKey],
    condition: undefined,
  })
  assert.equal(verifyPlan(hashJoin(column(0), eventsId)), 5)
  assert.throws(
    () => verifyPlan(hashJoin(eventsId, column(0))),
    InternalError,
    'each key reads its own side',
  )
  const sorted: PlanNode = {
    kind: 'Sort',
    input: { kind: 'Project', input: scan(accounts), targets: [{ column: 5, expr: column(0) }] },
    keys: [
      {
        expr: { kind: 'ColumnRef', type: sqlTypes.int4, column: 5, name: 'id', origin: undefined },
        isDescending: false,
        isNullsFirst: false,
      },
    ],
  }
  assert.equal(verifyPlan(sorted), 1, 'a sort above the projection reads its targets')
})

/** Every rule but the ones named. */
function only(...rules: string[]): ReadonlySet<string> {
  return new Set([...allRules].filter((rule) => !rules.includes(rule)))
}

test('join-planning: a WHERE conjunct on one table filters it below the join, smaller input first', () => {
  const sql = 'SELECT a.label FROM accounts a, events e WHERE a.id = e.id AND e.id > 3'
  const eventsId = column(0, events, 5)
  const select = bindSelect(sql)
  const where = whereOf(select)
  const [equality, restriction] = where.kind === 'Logical' ? where.args : []
  assert.deepEqual(operation(equality), {
    text: '(id = id)',
    type: 'bool',
    operands: [column(0), eventsId],
  })
  assert.deepEqual(operation(restriction), {
    text: '(id > 3)',
    type: 'bool',
    operands: [eventsId, { kind: 'Constant', type: sqlTypes.int4, value: 3 }],
  })
  const without = planSelect(select, { disabledRules: allRules })
  assert.deepEqual(without, {
    kind: 'Project',
    targets: [{ column: 6, expr: column(1) }],
    input: {
      kind: 'Filter',
      input: {
        kind: 'Join',
        joinType: 'inner',
        left: scan(accounts),
        right: scan(events, 5),
        condition: undefined,
        isLateral: false,
      },
      predicate: {
        kind: 'Logical',
        type: sqlTypes.bool,
        operator: 'and',
        args: [equality, restriction],
      },
    },
  })
  // The restriction filters events before the join, which makes events the smaller input, joined
  // first; the equality across the two becomes the join condition.
  assert.deepEqual(planSelect(select, { disabledRules: only('join-planning') }), {
    kind: 'Project',
    targets: [{ column: 6, expr: column(1) }],
    input: {
      kind: 'Join',
      joinType: 'inner',
      left: { kind: 'Filter', input: scan(events, 5), predicate: restriction },
      right: scan(accounts),
      condition: equality,
      isLateral: false,
    },
  })
  assert.deepEqual(explain(sql, only('join-planning')), [
    'Nested Loop',
    '  Join Filter: (id = id)',
    '  ->  Seq Scan on events',
    '        Filter: (id > 3)',
    '  ->  Seq Scan on accounts',
  ])
})

test('join-planning: after the smallest input, inputs connected by an equality come first', () => {
  // pairs is filtered (smallest); accounts joins it by p.a = a.id; events only reaches accounts.
  // FROM order alone would join events second, as a cross product.
  const sql =
    "SELECT * FROM events e, accounts a, pairs p WHERE p.a = a.id AND e.id = a.id AND p.b = 'x'"
  assert.deepEqual(explain(sql, only('join-planning')), [
    'Nested Loop',
    '  Join Filter: (id = id)',
    '  ->  Nested Loop',
    '        Join Filter: (a = id)',
    '        ->  Seq Scan on pairs',
    "              Filter: (b = 'x'::text)",
    '        ->  Seq Scan on accounts',
    '  ->  Seq Scan on events',
  ])
  // With every rule: both joins hash (each built from its smaller input), and the restriction on
  // pairs' key becomes an index scan.
  assert.deepEqual(explain(sql), [
    'Hash Join',
    '  Hash Cond: (id = id)',
    '  ->  Hash Join',
    '        Hash Cond: (id = a)',
    '        ->  Seq Scan on accounts',
    '        ->  Hash',
    '              ->  Index Scan using pairs_pkey on pairs',
    "                    Index Cond: (b = 'x'::text)",
    '  ->  Hash',
    '        ->  Seq Scan on events',
  ])
  const noEquality = 'SELECT * FROM accounts a, events e WHERE e.id > 0'
  assert.deepEqual(
    kinds(planSelect(bindSelect(noEquality))),
    ['Project', 'Join', 'Filter', 'SeqScan', 'SeqScan'],
    'no equality: a cross product, the filtered input first',
  )
})

test('join-planning: outer joins keep their sides; WHERE conjuncts move only into the preserved side', () => {
  const sql =
    'SELECT * FROM accounts a LEFT JOIN events e ON a.id = e.id AND e.id > 2 WHERE a.active AND coalesce(e.id, 0) > 1'
  const plan = planSelect(bindSelect(sql), { disabledRules: only('join-planning') })
  // a.active filters the preserved (left) side; e.id > 2 from ON filters the nullable side
  // before the join; COALESCE(e.id, 0) > 1 reads the nullable side and stays above the join.
  assert.deepEqual(kinds(plan), [
    'Project',
    'Filter',
    'Join',
    'Filter',
    'SeqScan',
    'Filter',
    'SeqScan',
  ])
  const top = plan.kind === 'Project' ? plan.input : plan
  assert.ok(top.kind === 'Filter' && top.input.kind === 'Join')
  assert.equal(printExpression(top.predicate), '(COALESCE(id, 0) > 1)')
  const join = top.input
  assert.equal(join.joinType, 'left')
  assert.ok(join.left.kind === 'Filter' && join.left.input.kind === 'SeqScan')
  assert.equal(join.left.input.table, accounts)
  assert.equal(printExpression(join.left.predicate), 'active')
  assert.ok(join.right.kind === 'Filter' && join.right.input.kind === 'SeqScan')
  assert.equal(join.right.input.table, events)
  assert.equal(printExpression(join.right.predicate), '(id > 2)')
  assert.deepEqual(operation(join.condition), {
    text: '(id = id)',
    type: 'bool',
    operands: [column(0), column(0, events, 5)],
  })
})

test('hash-join: an equality between the two sides becomes the hash keys', () => {
  // Written right = left: the keys are still taken from their own sides.
  const plan = planSelect(bindSelect('SELECT * FROM accounts a JOIN events e ON e.id = a.id'))
  assert.deepEqual(plan.kind === 'Project' ? plan.input : plan, {
    kind: 'HashJoin',
    joinType: 'inner',
    left: scan(accounts),
    right: scan(events, 5),
    leftKeys: [column(0)],
    rightKeys: [column(0, events, 5)],
    condition: undefined,
  })
  assert.deepEqual(explainPlan(plan), [
    'Hash Join',
    '  Hash Cond: (id = id)',
    '  ->  Seq Scan on accounts',
    '  ->  Hash',
    '        ->  Seq Scan on events',
  ])
  assert.deepEqual(
    explain('SELECT * FROM accounts a JOIN events e ON a.id = e.id + 1 AND a.balance > e.id'),
    [
      'Hash Join',
      '  Hash Cond: (id = (id + 1))',
      '  Join Filter: (balance > id)',
      '  ->  Seq Scan on accounts',
      '  ->  Hash',
      '        ->  Seq Scan on events',
    ],
    'keys may be expressions; the other conjuncts stay as the join condition',
  )
  assert.deepEqual(
    explain('SELECT * FROM accounts a JOIN events e ON a.balance = e.id').slice(0, 2),
    ['Hash Join', '  Hash Cond: (balance = id)'],
    'bigint = integer hashes alike',
  )
  assert.equal(
    explain('SELECT * FROM accounts a LEFT JOIN events e ON a.id = e.id')[0],
    'Hash Left Join',
  )
  assert.deepEqual(
    explain('SELECT * FROM accounts a JOIN events e ON e.id = a.id', only('join-planning')),
    [
      'Nested Loop',
      '  Join Filter: (id = id)',
      '  ->  Seq Scan on accounts',
      '  ->  Seq Scan on events',
    ],
  )
})

test('hash-join leaves nested loops without a key equality, and LATERAL joins', () => {
  for (const sql of [
    'SELECT * FROM accounts a JOIN events e ON a.id > e.id',
    'SELECT * FROM accounts a, events e',
    'SELECT * FROM accounts a JOIN events e ON a.id = 1',
    'SELECT * FROM accounts a, LATERAL (SELECT * FROM events e WHERE e.id = a.id) s',
  ]) {
    const plan = planSelect(bindSelect(sql))
    assert.ok(!kinds(plan).includes('HashJoin'), sql)
    assert.ok(kinds(plan).includes('Join'), sql)
  }
})

/** The plan of the subquery in a bound `... WHERE (subquery) IS [NOT] NULL` or `WHERE EXISTS`. */
function subqueryPlan(plan: PlanNode): PlanNode {
  const filter = plan.kind === 'Project' ? plan.input : plan
  assert.ok(filter.kind === 'Filter', 'the subquery is in a filter')
  const predicate = filter.predicate
  const link = predicate.kind === 'IsNull' ? predicate.arg : predicate
  assert.ok(link.kind === 'SubLink')
  return link.plan
}

test("primary-key-range: a correlated subquery's key comparison is an index scan bounded by the outer row", () => {
  const sql =
    'SELECT * FROM events e WHERE (SELECT label FROM accounts a WHERE a.id = e.id) IS NOT NULL'
  const outerId = column(0, events)
  const inner = subqueryPlan(planSelect(bindSelect(sql)))
  assert.deepEqual(inner, {
    kind: 'Project',
    targets: [{ column: 6, expr: column(1, accounts, 2) }],
    input: {
      kind: 'IndexScan',
      table: accounts,
      columns: [2, 3, 4, 5],
      lower: { expr: outerId, isInclusive: true },
      upper: { expr: outerId, isInclusive: true },
      isBackward: false,
      // Equality on the whole key: a point get of the outer row's id (rule primary-key-point).
      point: [outerId],
    },
  })
  // The bound reads the enclosing row: the subquery plan is valid only with it visible.
  assert.equal(verifyPlan(inner, new Set([1])), 1)
  assert.throws(() => verifyPlan(inner), InternalError)
  assert.deepEqual(
    shape(
      subqueryPlan(planSelect(bindSelect(sql), { disabledRules: new Set(['primary-key-range']) })),
    ),
    ['Project', 'Filter', 'SeqScan'],
  )
  // A range against the outer row, and a comparison with an inner column (not a bound).
  const range = subqueryPlan(
    planSelect(
      bindSelect(
        'SELECT * FROM events e WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id > e.id)',
      ),
    ),
  )
  assert.ok(range.kind === 'Project' && range.input.kind === 'IndexScan')
  assert.deepEqual(range.input.lower, { expr: outerId, isInclusive: false })
  assert.equal(range.input.upper, undefined)
  const inside = subqueryPlan(
    planSelect(
      bindSelect(
        'SELECT * FROM events e WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = a.balance)',
      ),
    ),
  )
  assert.deepEqual(shape(inside), ['Project', 'Filter', 'SeqScan'])
})

test('printExpression: PostgreSQL-like deparse', () => {
  const select = bindSelect(
    "SELECT -id, NOT active, label IS NOT NULL, id::text, 'it''s', NULL::int4, true, $1::int8 FROM accounts",
  )
  assert.deepEqual(
    targetsOf(select).map((target) => printExpression(target.expr)),
    [
      '(- id)',
      '(NOT active)',
      '(label IS NOT NULL)',
      '(id)::text',
      "'it''s'::text",
      'NULL::integer',
      'true',
      '$1',
    ],
  )
  assert.equal(
    printExpression(whereOf(bindSelect('SELECT * FROM accounts WHERE id = 1 OR id = 2'))),
    '((id = 1) OR (id = 2))',
  )
})

test('merge-filters: stacked filters (a pulled-up view under a WHERE) become one, inner first', () => {
  const select = bindSelect('SELECT id FROM accounts WHERE id > 1')
  const project = select.plan
  assert.ok(project.kind === 'Project' && project.input.kind === 'Filter')
  const inner = project.input
  const outer: PlanNode = { kind: 'Filter', input: inner, predicate: inner.predicate }
  const stacked = { ...select, plan: { ...project, input: outer } }
  const onlyMerge = new Set([...allRules].filter((name) => name !== 'merge-filters'))
  const merged = planSelect(stacked, { disabledRules: onlyMerge })
  assert.deepEqual(shape(merged), ['Project', 'Filter', 'SeqScan'])
  assert.deepEqual(explainPlan(merged), [
    'Seq Scan on accounts',
    '  Filter: ((id > 1) AND (id > 1))',
  ])
})
