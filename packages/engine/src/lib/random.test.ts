// Tests of Random: its outputs match the published xoshiro128** reference and splitmix64 seeding,
// equal seeds replay, and the derived draws (nextInt, nextFloat, chance, fork) stay in range and
// are roughly uniform.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError } from '../errors/index.js'
import { Random } from './random.js'

const draw = (random: Random, count: number): number[] =>
  Array.from({ length: count }, () => random.nextUint32())

test('xoshiro128** from state {1, 2, 3, 4} gives the reference outputs', () => {
  // Outputs of Blackman and Vigna's xoshiro128starstar.c (v1.1), as published with the Rust
  // rand_xoshiro crate's test of the same generator.
  const expected = [
    11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
    4258142804,
  ]
  assert.deepEqual(draw(Random.fromState([1, 2, 3, 4]), 10), expected)
})

test('a seed is expanded by splitmix64 (seed 0 gives 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4)', () => {
  const expanded = Random.fromState([0x7b1dcdaf, 0xe220a839, 0xa1b965f4, 0x6e789e6a])
  assert.deepEqual(draw(new Random(0), 16), draw(expanded, 16))
})

test('equal seeds replay; different seeds differ, including seeds above 2^32', () => {
  for (const seed of [0, 1, 42, 2 ** 32, 2 ** 53 - 1]) {
    assert.deepEqual(draw(new Random(seed), 32), draw(new Random(seed), 32))
  }
  assert.notDeepEqual(draw(new Random(1), 8), draw(new Random(2), 8))
  assert.notDeepEqual(draw(new Random(1), 8), draw(new Random(1 + 2 ** 32), 8))
  assert.equal(new Random(7).seed, 7)
})

test('seeds must be non-negative safe integers', () => {
  for (const seed of [-1, 0.5, 2 ** 53, Number.NaN]) {
    assert.throws(() => new Random(seed), InternalError, String(seed))
  }
  assert.throws(() => Random.fromState([0, 0, 0, 0]), InternalError)
})

test('nextInt stays in [0, max) and is roughly uniform, for small and huge bounds', () => {
  const random = new Random(3)
  const counts = new Array<number>(10).fill(0)
  for (let index = 0; index < 100_000; index++) {
    const value = random.nextInt(10)
    assert.ok(Number.isInteger(value) && value >= 0 && value < 10)
    counts[value] = (counts[value] ?? 0) + 1
  }
  for (const count of counts) assert.ok(count > 9_400 && count < 10_600, `count ${count}`)
  assert.equal(random.nextInt(1), 0)
  for (const max of [2 ** 32, 2 ** 32 + 1, 3 * 2 ** 40, 2 ** 53]) {
    for (let index = 0; index < 1_000; index++) {
      const value = random.nextInt(max)
      assert.ok(Number.isSafeInteger(value) && value >= 0 && value < max)
    }
  }
  assert.throws(() => random.nextInt(0), InternalError)
  assert.throws(() => random.nextInt(1.5), InternalError)
})

test('nextFloat lies in [0, 1) with mean near 1/2; chance honours 0, 1 and p', () => {
  const random = new Random(5)
  let sum = 0
  let hits = 0
  for (let index = 0; index < 100_000; index++) {
    const value = random.nextFloat()
    assert.ok(value >= 0 && value < 1)
    sum += value
    if (random.chance(0.25)) hits++
    assert.equal(random.chance(0), false)
    assert.equal(random.chance(1), true)
  }
  assert.ok(Math.abs(sum / 100_000 - 0.5) < 0.01)
  assert.ok(hits > 24_000 && hits < 26_000, `hits ${hits}`)
  assert.throws(() => random.chance(1.5), InternalError)
})

test('fork gives a replayable stream independent of later draws of its parent', () => {
  const a = new Random(9)
  const b = new Random(9)
  const forkA = a.fork()
  const forkB = b.fork()
  draw(a, 5)
  assert.deepEqual(draw(forkA, 16), draw(forkB, 16))
  assert.notDeepEqual(draw(a.fork(), 8), draw(a, 8))
})

test('fill is deterministic and uses every byte of each output', () => {
  const bytes = new Uint8Array(13)
  new Random(11).fill(bytes)
  const again = new Uint8Array(13)
  new Random(11).fill(again)
  assert.deepEqual(bytes, again)
  const words = draw(new Random(11), 4)
  const expected = words.flatMap((word) => [
    word & 0xff,
    (word >>> 8) & 0xff,
    (word >>> 16) & 0xff,
    word >>> 24,
  ])
  assert.deepEqual([...bytes], expected.slice(0, 13))
})
