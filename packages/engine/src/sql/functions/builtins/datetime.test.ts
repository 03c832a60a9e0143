// Datetime functions, operators, casts, aggregates and set functions against PostgreSQL 15:
// every case of datetime.test.fixture.ts (checked against a real server; the header of that
// file shows the SQL each case ran), plus the declarations' pg_proc / pg_operator / pg_cast
// properties and the functions that read the clock.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../../errors/index.js'
import {
  behaviourOf,
  defaultTypeContext,
  Numeric,
  type SqlType,
  sqlTypes,
  TimeTz,
  type TypeContext,
  type Value,
} from '../../../types/index.js'
import type { ArgType, CallContext } from '../registry.js'
import { datetimeBuiltins } from './datetime.js'
import { functionCases } from './datetime.test.fixture.js'

// 2024-01-05 03:30:00 UTC, µs since 2000-01-01.
const now = 757740600000000n

function callContext(types: TypeContext, argTypes: readonly SqlType[]): CallContext {
  return {
    argTypes,
    resultType: sqlTypes.text,
    types,
    transactionTimestamp: now,
    statementTimestamp: now + 1000n,
    random: () => 0.5,
    output: (value, type) => behaviourOf(type).output(value, type, types),
    settings: { get: () => null, set: (_name, value) => value },
  }
}

function typeOf(kind: string): SqlType {
  const type = sqlTypes[kind as keyof typeof sqlTypes]
  assert.ok(type !== undefined, kind)
  return type
}

function parse(kind: string, text: string, context: TypeContext): Value {
  if (kind === 'int4' || kind === 'float8') return Number(text)
  if (kind === 'text') return text
  const type = typeOf(kind)
  return behaviourOf(type).input(text, type, context)
}

function show(kind: ArgType | string, value: Value, context: TypeContext): string {
  if (value === null) return 'NULL'
  if (kind === 'bool') return value ? 'true' : 'false'
  if (value instanceof Numeric) return value.toString()
  if (kind === 'float8') return Object.is(value, -0) ? '-0' : String(value)
  if (kind === 'int4' || kind === 'text' || kind === 'numeric') return String(value)
  const type = typeOf(kind)
  return behaviourOf(type).output(value, type, context)
}

function describe(error: unknown): string {
  if (!(error instanceof SqlError)) throw error
  let text = `ERROR ${error.code} ${error.message}`
  if (error.hint !== undefined) text += ` HINT ${error.hint}`
  if (error.detail !== undefined) text += ` DETAIL ${error.detail}`
  return text
}

function kindOf(returns: unknown): string {
  assert.equal(typeof returns, 'string')
  return returns as string
}

/** Runs one case line (see the fixture's header) and prints the result as psql would. */
function run(line: string, context: TypeContext): string {
  const parts = line.split('|')
  const what = parts[0] ?? ''
  const name = parts[1] ?? ''
  const kinds: string[] = []
  const texts: string[] = []
  for (let i = 2; i + 1 < parts.length; i += 2) {
    kinds.push(parts[i] ?? '')
    texts.push(parts[i + 1] ?? '')
  }
  try {
    const args = kinds.map((kind, i) => parse(kind, texts[i] ?? '', context))
    const call = callContext(context, kinds.map(typeOf))
    switch (what) {
      case 'op': {
        const found = datetimeBuiltins.operators.find(
          (o) =>
            o.name === name &&
            (kinds.length === 1
              ? o.left === undefined && o.right === kinds[0]
              : o.left === kinds[0] && o.right === kinds[1]),
        )
        assert.ok(found, line)
        return show(kindOf(found.returns), found.evaluate(args, call), context)
      }
      case 'cast': {
        const found = datetimeBuiltins.casts.find((c) => c.source === kinds[0] && c.target === name)
        assert.ok(found, line)
        const value = found.evaluate(args[0] ?? null, typeOf(kinds[0] ?? ''), typeOf(name), call)
        return show(name, value, context)
      }
      case 'agg': {
        const found = datetimeBuiltins.aggregates.find(
          (a) => a.name === name && a.args[0] === kinds[0],
        )
        assert.ok(found, line)
        let state = found.initial()
        for (const value of args) state = found.step(state, [value], call)
        return show(kindOf(found.returns), found.final(state, call), context)
      }
      case 'srf': {
        const found = datetimeBuiltins.setFunctions.find(
          (f) => f.name === name && f.args.join() === kinds.join(),
        )
        assert.ok(found, line)
        const values: string[] = []
        for (const value of found.evaluate(args, call)) {
          values.push(show(kindOf(found.returns), value as Value, context))
          assert.ok(values.length < 1000, 'series ends')
        }
        return values.length === 0 ? 'NULL' : values.join(',')
      }
      default: {
        const found = datetimeBuiltins.functions.find(
          (f) => f.name === name && f.args.join() === kinds.join(),
        )
        assert.ok(found, line)
        return show(kindOf(found.returns), found.evaluate(args, call), context)
      }
    }
  } catch (error) {
    return describe(error)
  }
}

test('functions, operators, casts, aggregates match PostgreSQL 15 (datetime.test.fixture.ts)', () => {
  assert.ok(functionCases.length > 350)
  for (const [line, expected, timeZone, dateStyle, intervalStyle] of functionCases) {
    const context: TypeContext = { ...defaultTypeContext, timeZone, dateStyle, intervalStyle }
    assert.equal(run(line, context), expected, `${line} (${timeZone})`)
  }
})

test('now() and friends read the transaction and statement timestamps in the session zone', () => {
  const context: TypeContext = { ...defaultTypeContext, timeZone: 'America/New_York' }
  const call = callContext(context, [])
  const evaluate = (name: string, args: Value[] = []): Value => {
    const found = datetimeBuiltins.functions.find(
      (f) => f.name === name && f.args.length === args.length,
    )
    assert.ok(found, name)
    return found.evaluate(args, call)
  }
  assert.equal(evaluate('now'), now)
  assert.equal(evaluate('transaction_timestamp'), now)
  assert.equal(evaluate('current_timestamp'), now)
  assert.equal(evaluate('statement_timestamp'), now + 1000n)
  assert.equal(show('date', evaluate('current_date'), context), '2024-01-04')
  assert.equal(show('timestamp', evaluate('localtimestamp'), context), '2024-01-04 22:30:00')
  assert.equal(show('time', evaluate('localtime'), context), '22:30:00')
  assert.deepEqual(evaluate('current_time'), new TimeTz(81_000_000_000, -5 * 3600))
  assert.equal(
    show('timestamptz', evaluate('current_timestamp', [0]), context),
    '2024-01-04 22:30:00-05',
  )
  const clock = evaluate('clock_timestamp')
  assert.equal(typeof clock, 'bigint')
  assert.ok((clock as bigint) > now, 'the clock has moved past the test transaction')
  assert.match(
    String(evaluate('timeofday')),
    /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4} E[SD]T$/,
  )
  // select age(timestamp '2023-01-04') on 2024-01-04 (local) is 1 year.
  const age = datetimeBuiltins.functions.find(
    (f) => f.name === 'age' && f.args.join() === 'timestamp',
  )
  assert.ok(age)
  const birthday = parse('timestamp', '2023-01-04', context)
  assert.equal(show('interval', age.evaluate([birthday], call), context), '1 year')
})

test('declarations carry pg_proc volatility and pg_cast contexts', () => {
  // select proname, provolatile from pg_proc where proname in (...);
  // select castsource::regtype, casttarget::regtype, castcontext from pg_cast where ...
  const volatility = (name: string, args: string): string | undefined =>
    datetimeBuiltins.functions.find((f) => f.name === name && f.args.join() === args)?.volatility
  assert.equal(volatility('now', ''), 'stable')
  assert.equal(volatility('clock_timestamp', ''), 'volatile')
  assert.equal(volatility('timeofday', ''), 'volatile')
  assert.equal(volatility('date_trunc', 'text,timestamp'), 'immutable')
  assert.equal(volatility('date_trunc', 'text,timestamptz'), 'stable')
  assert.equal(volatility('date_part', 'text,timestamptz'), 'stable')
  assert.equal(volatility('extract', 'text,date'), 'immutable')
  assert.equal(volatility('to_char', 'timestamp,text'), 'stable')
  assert.equal(volatility('to_timestamp', 'float8'), 'immutable')
  assert.equal(volatility('timezone', 'text,timestamp'), 'immutable')
  assert.equal(volatility('timezone', 'text,timetz'), 'stable')
  assert.equal(volatility('make_timestamptz', 'int4,int4,int4,int4,int4,float8'), 'stable')
  const context = (source: string, target: string): string | undefined =>
    datetimeBuiltins.casts.find((c) => c.source === source && c.target === target)?.context
  assert.equal(context('date', 'timestamp'), 'implicit')
  assert.equal(context('date', 'timestamptz'), 'implicit')
  assert.equal(context('timestamp', 'timestamptz'), 'implicit')
  assert.equal(context('time', 'interval'), 'implicit')
  assert.equal(context('time', 'timetz'), 'implicit')
  assert.equal(context('timestamptz', 'date'), 'assignment')
  assert.equal(context('timestamp', 'time'), 'assignment')
  assert.equal(context('interval', 'time'), 'assignment')
  assert.equal(context('timetz', 'time'), 'assignment')
  const stableOperators = datetimeBuiltins.operators.filter((o) => o.volatility === 'stable')
  for (const o of stableOperators) {
    assert.ok(
      [o.left, o.right].includes('timestamptz'),
      `${o.left} ${o.name} ${o.right} involves timestamptz`,
    )
  }
  for (const f of datetimeBuiltins.functions) assert.equal(f.isStrict, true, f.name)
})

test('generate_series is lazy: an infinite end yields as many rows as the consumer takes', () => {
  const found = datetimeBuiltins.setFunctions.find((f) => f.args[0] === 'timestamp')
  assert.ok(found)
  const start = parse('timestamp', '2024-01-01', defaultTypeContext)
  const end = parse('timestamp', 'infinity', defaultTypeContext)
  const step = parse('interval', '1 day', defaultTypeContext)
  let count = 0
  for (const _ of found.evaluate([start, end, step], callContext(defaultTypeContext, []))) {
    if (++count === 10) break
  }
  assert.equal(count, 10)
})
