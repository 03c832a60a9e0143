import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CancelRegistry } from './cancel.js'

describe('CancelRegistry', () => {
  it('cancels only with the registered key, and nothing once unregistered', () => {
    const registry = new CancelRegistry()
    const cancelled: number[] = []
    const first = registry.register(7, () => cancelled.push(7))
    const second = registry.register(8, () => cancelled.push(8))
    assert.equal(first.key.processId, 7)
    assert.equal(registry.size, 2)
    assert.equal(registry.cancel(7, first.key.secretKey ^ 0x10), false)
    assert.equal(
      registry.cancel(7, second.key.secretKey === first.key.secretKey ? 0 : second.key.secretKey),
      false,
    )
    assert.equal(registry.cancel(9, first.key.secretKey), false)
    assert.deepEqual(cancelled, [])
    assert.equal(registry.cancel(7, first.key.secretKey), true)
    assert.deepEqual(cancelled, [7])
    first.unregister()
    assert.equal(registry.cancel(7, first.key.secretKey), false)
    assert.equal(registry.size, 1)
    second.unregister()
    second.unregister()
    assert.equal(registry.size, 0)
  })
})
