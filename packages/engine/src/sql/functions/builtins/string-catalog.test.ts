// Every declaration of the string and array families against PostgreSQL 15's catalog
// (text-catalog.test.ts): it exists there, with the same volatility and strictness (pg_proc),
// set-returning-ness, and cast context (pg_cast).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { BuiltinFamily } from '../registry.js'
import { arrayBuiltins } from './array.js'
import { stringBuiltins } from './string.js'
import { type CatalogRow, catalogRows } from './text-catalog.test.js'

const volatility = { immutable: 'i', stable: 's', volatile: 'v' } as const
const castContext = { implicit: 'i', assignment: 'a', explicit: 'e' } as const

/** Declared without PostgreSQL's default argument (normalize(text, form DEFAULT 'NFC')). */
const defaultArgumentForms = new Set(['normalize(text)', 'is_normalized(text)'])

function row(kind: CatalogRow['kind'], name: string, args: readonly string[]): CatalogRow {
  const found = catalogRows.find(
    (item) => item.kind === kind && item.name === name && item.args.join(',') === args.join(','),
  )
  assert.ok(found, `catalog table lacks ${kind} ${name}(${args.join(',')})`)
  return found
}

function check(family: BuiltinFamily): void {
  for (const declared of family.functions) {
    const { pg } = row('function', declared.name, declared.args)
    if (pg === null) {
      assert.ok(defaultArgumentForms.has(`${declared.name}(${declared.args.join(',')})`))
      continue
    }
    const where = `${declared.name}(${declared.args.join(',')})`
    assert.equal(pg.provolatile, volatility[declared.volatility], `${where} volatility`)
    assert.equal(pg.proisstrict, declared.isStrict, `${where} strictness`)
    assert.equal(pg.proretset, false, `${where} returns one value`)
    assert.equal(pg.variadic, declared.isVariadic === true, `${where} variadic`)
  }
  for (const declared of family.setFunctions) {
    const { pg } = row('set', declared.name, declared.args)
    const where = `${declared.name}(${declared.args.join(',')})`
    assert.ok(pg !== null, `${where} is in pg_proc`)
    assert.equal(pg.provolatile, volatility[declared.volatility], `${where} volatility`)
    assert.equal(pg.proisstrict, declared.isStrict, `${where} strictness`)
    assert.equal(pg.proretset, true, `${where} returns a set`)
  }
  for (const declared of family.aggregates) {
    const { pg } = row('aggregate', declared.name, declared.args)
    const where = `${declared.name}(${declared.args.join(',')})`
    assert.ok(pg !== null, `${where} is in pg_proc`)
    assert.equal(pg.provolatile, volatility[declared.volatility], `${where} volatility`)
  }
  for (const declared of family.operators) {
    const args = declared.left === undefined ? [declared.right] : [declared.left, declared.right]
    const { pg } = row('operator', declared.name, args)
    const where = `operator ${declared.name}(${args.join(',')})`
    assert.ok(pg !== null, `${where} is in pg_operator`)
    assert.equal(pg.provolatile, volatility[declared.volatility], `${where} volatility`)
    assert.equal(pg.proisstrict, declared.isStrict !== false, `${where} strictness`)
  }
  for (const declared of family.casts) {
    const { pg } = row('cast', `${declared.source}->${declared.target}`, [
      declared.source,
      declared.target,
    ])
    assert.ok(pg !== null, `cast ${declared.source} -> ${declared.target} is in pg_cast`)
    assert.equal(pg.castcontext, castContext[declared.context])
  }
}

test('string family declarations match pg_proc, pg_operator and pg_cast', () => {
  check(stringBuiltins)
})

test('array family declarations match pg_proc and pg_operator', () => {
  check(arrayBuiltins)
})

test('no declaration is made twice', () => {
  const seen = new Set<string>()
  for (const family of [stringBuiltins, arrayBuiltins]) {
    const keys = [
      ...family.functions.map((d) => `f ${d.name}(${d.args.join(',')})`),
      ...family.setFunctions.map((d) => `s ${d.name}(${d.args.join(',')})`),
      ...family.aggregates.map((d) => `a ${d.name}(${d.args.join(',')})`),
      ...family.operators.map((d) => `o ${d.left ?? ''} ${d.name} ${d.right}`),
      ...family.casts.map((d) => `c ${d.source}->${d.target}`),
    ]
    for (const key of keys) {
      assert.ok(!seen.has(key), `declared twice: ${key}`)
      seen.add(key)
    }
  }
})
