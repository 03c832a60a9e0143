import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  pgAuthFailureDelayMsMax,
  pgAuthThrottleAddressesMax,
  pgAuthThrottleWindowMs,
} from '../limits.js'
import { AuthThrottle } from './auth-throttle.js'

describe('AuthThrottle', () => {
  it('doubles the delay per recent failure, up to the cap, and forgets on success', () => {
    let now = 1_000
    const throttle = new AuthThrottle(100, () => now)
    const delays = [1, 2, 3, 4].map(() => throttle.recordFailure('10.0.0.1'))
    assert.deepEqual(delays, [100, 200, 400, 800])
    assert.equal(throttle.recordFailure('10.0.0.2'), 100, 'per address')
    for (let index = 0; index < 40; index++) throttle.recordFailure('10.0.0.1')
    assert.equal(throttle.recordFailure('10.0.0.1'), pgAuthFailureDelayMsMax)
    throttle.recordSuccess('10.0.0.1')
    assert.equal(throttle.recordFailure('10.0.0.1'), 100)
    now += pgAuthThrottleWindowMs
    assert.equal(throttle.recordFailure('10.0.0.1'), 100, 'old failures are forgotten')
  })

  it('keeps a bounded table, evicting the least recently failing address', () => {
    const throttle = new AuthThrottle(1)
    throttle.recordFailure('keep')
    throttle.recordFailure('keep')
    for (let index = 0; index < pgAuthThrottleAddressesMax + 50; index++) {
      throttle.recordFailure(`10.1.${index >> 8}.${index & 255}`)
      if (index % 1000 === 0) throttle.recordFailure('keep')
    }
    assert.equal(throttle.size, pgAuthThrottleAddressesMax)
    assert.ok(throttle.recordFailure('keep') > 2, 'a recently failing address is kept')
  })
})
