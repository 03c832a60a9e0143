/**
 * Prng: a small seeded pseudo-random generator for the torture, so a printed seed replays the
 * choice of kill moments and operations. The engine's `Random` (xoshiro128**) is internal to the
 * engine package and the torture is a black-box test of the built server, so it carries its own.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128 bits of state in
 * 32-bit words) seeded through splitmix32, which spreads neighbouring seeds apart. Streams for
 * a cycle or a client come from `derive`, so adding a draw in one stream does not shift another.
 * Not for secrets.
 */

/** One round of splitmix32: a bijective mix of a 32-bit word. */
function splitMix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

export class Prng {
  readonly seed: number
  #a: number
  #b: number
  #c: number
  #d: number

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`a seed is an integer in [0, 2^53), got ${seed}`)
    }
    this.seed = seed
    // Fold both halves of a 53-bit seed into the state, so seeds above 2^32 differ too.
    const low = seed >>> 0
    const high = Math.floor(seed / 2 ** 32) >>> 0
    this.#a = splitMix32(low)
    this.#b = splitMix32(high ^ 0x6a09e667)
    this.#c = splitMix32(this.#a ^ 0xbb67ae85)
    this.#d = 1
    // The first outputs of sfc32 are correlated with the seed; the authors advise discarding some.
    for (let index = 0; index < 12; index++) this.nextUint32()
  }

  /** A generator for a sub-stream (a cycle, a client), decided by this seed and the labels. */
  static derive(seed: number, ...labels: readonly number[]): Prng {
    let mixed = splitMix32(seed >>> 0) ^ splitMix32(Math.floor(seed / 2 ** 32) >>> 0)
    for (const label of labels) mixed = splitMix32((mixed ^ splitMix32(label >>> 0)) >>> 0)
    return new Prng(mixed >>> 0)
  }

  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 2 ** 32
  }

  /** An integer in [0, bound), bound at most 2^32; the modulo bias is irrelevant for a workload. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 2 ** 32) {
      throw new Error(`nextInt bound must be an integer in [1, 2^32], got ${bound}`)
    }
    return Math.floor(this.nextFloat() * bound)
  }

  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.nextInt(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.nextFloat() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.nextInt(items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
}

/** A fresh seed for a run that was not given one: below 2^31 so it is easy to copy. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31)
}
