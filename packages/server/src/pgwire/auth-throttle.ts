/**
 * Authentication failure throttling per client address: each failed password check delays the
 * FATAL answer, doubling per recent failure from the same address (base, 2×base, 4×base ...,
 * capped at pgAuthFailureDelayMsMax), so guessing passwords gets slow while one typo costs
 * little. A success clears the address. The table is bounded (pgAuthThrottleAddressesMax
 * entries, the least recently failing evicted first) and forgets an address
 * pgAuthThrottleWindowMs after its last failure, so a flood of addresses cannot grow memory.
 */
import {
  pgAuthFailureDelayMsMax,
  pgAuthThrottleAddressesMax,
  pgAuthThrottleWindowMs,
} from '../limits.js'

interface FailureRecord {
  failures: number
  lastMs: number
}

export class AuthThrottle {
  readonly #baseDelayMs: number
  readonly #now: () => number
  /** Insertion order is recency: a failure re-inserts its address at the end. */
  readonly #records = new Map<string, FailureRecord>()

  constructor(baseDelayMs: number, now: () => number = Date.now) {
    this.#baseDelayMs = baseDelayMs
    this.#now = now
  }

  get size(): number {
    return this.#records.size
  }

  /** Records a failure from `address`; returns how long to wait before answering it. */
  recordFailure(address: string): number {
    const now = this.#now()
    const previous = this.#records.get(address)
    const isRecent = previous !== undefined && now - previous.lastMs < pgAuthThrottleWindowMs
    const failures = isRecent ? previous.failures + 1 : 1
    this.#records.delete(address)
    this.#records.set(address, { failures, lastMs: now })
    // Bounded: at most one entry over the cap is evicted per failure.
    for (const oldest of this.#records.keys()) {
      if (this.#records.size <= pgAuthThrottleAddressesMax) break
      this.#records.delete(oldest)
    }
    const exponent = Math.min(failures - 1, 30)
    return Math.min(this.#baseDelayMs * 2 ** exponent, pgAuthFailureDelayMsMax)
  }

  recordSuccess(address: string): void {
    this.#records.delete(address)
  }
}
