/**
 * Random: a small seedable pseudo-random generator, so that every simulated run replays from
 * its seed (STYLE.md §6: randomness comes in through `Random`). It is for simulation and tests,
 * never for secrets: use `node:crypto` for keys, salts and tokens.
 *
 * Algorithm: xoshiro128** 1.1 (Blackman and Vigna, https://prng.di.unimi.it/), 128 bits of state
 * in four unsigned 32-bit words, period 2^128 - 1. It uses only 32-bit integer arithmetic, so it
 * is fast in JavaScript without BigInt. A seed (an integer below 2^53) is expanded into the four
 * words by two outputs of splitmix64 (BigInt, once per generator), as the xoshiro authors advise:
 * splitmix64 is a bijection, so distinct seeds give distinct, well-mixed states.
 *
 * Invariants:
 *   1. Equal seeds yield equal sequences on every platform and Node version.
 *   2. The state is never all zero (the one state xoshiro cannot leave).
 *   3. Every draw consumes a fixed number of 32-bit outputs, except `nextInt`, whose rejection
 *      sampling consumes more only with probability below 1/2 per draw.
 * Tests: random.test.ts (reference outputs from the published C implementation).
 */
import { assert } from './assert.js'

const twoTo32 = 2 ** 32
const twoTo53 = 2 ** 53

/** Rejection sampling in `nextInt` draws again with probability below 1/2, so 64 rejections
 * in a row happen with probability below 2^-64: reaching the bound means a broken generator. */
const rejectionsMax = 64

export class Random {
  /** The seed this generator started from; crash tests print it so a failure replays. */
  readonly seed: number
  #state: Uint32Array

  constructor(seed: number) {
    assert(Number.isSafeInteger(seed) && seed >= 0, 'a seed is an integer in [0, 2^53)')
    this.seed = seed
    this.#state = new Uint32Array(4)
    let weyl = BigInt(seed)
    for (let index = 0; index < 2; index++) {
      weyl = BigInt.asUintN(64, weyl + 0x9e3779b97f4a7c15n)
      const word = splitMix64(weyl)
      this.#state[2 * index] = Number(word & 0xffffffffn)
      this.#state[2 * index + 1] = Number(word >> 32n)
    }
    if (this.#state.every((word) => word === 0)) this.#state[0] = 1
    assert(
      this.#state.some((word) => word !== 0),
      'xoshiro state is never all zero',
    )
  }

  /** A generator that starts from exactly these four state words; for reference tests. */
  static fromState(words: readonly [number, number, number, number]): Random {
    const random = new Random(0)
    random.#state.set(words)
    assert(
      random.#state.some((word) => word !== 0),
      'xoshiro state is never all zero',
    )
    return random
  }

  /** The next output, uniform over [0, 2^32). */
  nextUint32(): number {
    const state = this.#state
    const s0 = state[0] ?? 0
    const s1 = state[1] ?? 0
    const s2 = state[2] ?? 0
    const s3 = state[3] ?? 0
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0
    const shifted = (s1 << 9) >>> 0
    const t2 = s2 ^ s0
    const t3 = s3 ^ s1
    state[1] = s1 ^ t2
    state[0] = s0 ^ t3
    state[2] = t2 ^ shifted
    state[3] = rotateLeft(t3, 11)
    return result
  }

  /** A uniform integer in [0, max), without modulo bias; `max` is an integer in [1, 2^53]. */
  nextInt(max: number): number {
    assert(Number.isSafeInteger(max) || max === twoTo53, 'nextInt takes an integer bound')
    assert(max >= 1, 'nextInt needs a non-empty range')
    const range = max <= twoTo32 ? twoTo32 : twoTo53
    const limit = range - (range % max)
    for (let attempt = 0; attempt < rejectionsMax; attempt++) {
      const draw = range === twoTo32 ? this.nextUint32() : this.#nextUint53()
      if (draw < limit) return draw % max
    }
    assert(false, `nextInt rejected ${rejectionsMax} draws in a row`)
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  nextFloat(): number {
    return this.#nextUint53() / twoTo53
  }

  /** True with probability `probability` (in [0, 1]); always consumes one 32-bit output. */
  chance(probability: number): boolean {
    assert(probability >= 0 && probability <= 1, 'a probability lies in [0, 1]')
    return this.nextUint32() < probability * twoTo32
  }

  /** Fills `bytes` with random bytes (four per 32-bit output). */
  fill(bytes: Uint8Array): void {
    let word = 0
    for (let index = 0; index < bytes.length; index++) {
      if (index % 4 === 0) word = this.nextUint32()
      bytes[index] = (word >>> ((index % 4) * 8)) & 0xff
    }
  }

  /**
   * An independent generator seeded from this one's next outputs. Give each concern (faults,
   * crash outcomes, workload) its own fork, so that drawing more for one does not shift the
   * others' sequences and a small change to a test does not reshuffle every outcome.
   */
  fork(): Random {
    return new Random(this.#nextUint53())
  }

  #nextUint53(): number {
    const high = this.nextUint32() >>> 11
    const low = this.nextUint32()
    return high * twoTo32 + low
  }
}

function rotateLeft(word: number, bits: number): number {
  return ((word << bits) | (word >>> (32 - bits))) >>> 0
}

/** splitmix64's output function (Steele, Lea and Flood), applied to one Weyl-sequence value. */
function splitMix64(weyl: bigint): bigint {
  let mixed = weyl
  mixed = BigInt.asUintN(64, (mixed ^ (mixed >> 30n)) * 0xbf58476d1ce4e5b9n)
  mixed = BigInt.asUintN(64, (mixed ^ (mixed >> 27n)) * 0x94d049bb133111ebn)
  return mixed ^ (mixed >> 31n)
}
