// The torture's checker, tested without a server: made-up journals and recovered states show
// that it accepts every legitimate outcome of a crash and reports each kind of violation (a lost
// acknowledged commit, a torn transaction, a phantom row, an async write-order hole). A torture
// whose check cannot fail would prove nothing.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Attempt, type Effect, type Snapshot, TortureModel } from './torture-model.js'

const client = 0

function newModel(): TortureModel {
  return new TortureModel({ accountCount: 3, initialBalance: 100, ownerCount: 2 })
}

function snapshot(
  balances: readonly number[],
  pairs: ReadonlyMap<number, string>,
  pairsB: ReadonlyMap<number, string> = pairs,
): Snapshot {
  return {
    accounts: new Map(balances.map((balance, index) => [index + 1, balance])),
    pairsA: pairs,
    pairsB,
  }
}

function acked(model: TortureModel, effect: Effect, isAsync = false): Attempt {
  const attempt = model.begin({ client, isAsync, effect })
  model.commitSent(attempt)
  model.acknowledged(attempt)
  return attempt
}

function inDoubt(model: TortureModel, effect: Effect): Attempt {
  const attempt = model.begin({ client, isAsync: false, effect })
  model.commitSent(attempt)
  model.inDoubt(attempt)
  return attempt
}

function insert(model: TortureModel, count: number): Effect {
  const changes = Array.from({ length: count }, () => ({
    id: model.newPairId(client),
    before: null,
    after: model.newTag(client, 0),
  }))
  return { kind: 'pairs', op: 'insert', changes }
}

function tagsOf(effect: Effect): Map<number, string> {
  const tags = new Map<number, string>()
  if (effect.kind !== 'pairs') return tags
  for (const change of effect.changes) if (change.after !== null) tags.set(change.id, change.after)
  return tags
}

describe('TortureModel.verify', () => {
  it('accepts acknowledged transfers and any subset of in-doubt ones', () => {
    const model = newModel()
    acked(model, { kind: 'transfer', from: 1, to: 2, amount: 10 })
    inDoubt(model, { kind: 'transfer', from: 2, to: 3, amount: 7 })
    const check = model.verify(snapshot([90, 103, 107], new Map()))
    assert.deepEqual(check.failures, [])
    assert.equal(check.inDoubtApplied, 1)
    // The recovered balances become the new baseline.
    assert.deepEqual(model.balances(), [90, 103, 107])
  })

  it('reports a lost acknowledged transfer and a torn one', () => {
    const lost = newModel()
    acked(lost, { kind: 'transfer', from: 1, to: 2, amount: 10 })
    const lostCheck = lost.verify(snapshot([100, 100, 100], new Map()))
    assert.equal(lostCheck.unexplainedBalances, 1)
    assert.equal(lostCheck.torn, 0)

    const torn = newModel()
    acked(torn, { kind: 'transfer', from: 1, to: 2, amount: 10 })
    const tornCheck = torn.verify(snapshot([90, 100, 100], new Map()))
    assert.equal(tornCheck.torn, 1)
  })

  it('reports an aborted transfer that was applied anyway', () => {
    const model = newModel()
    const attempt = model.begin({
      client,
      isAsync: false,
      effect: { kind: 'transfer', from: 1, to: 2, amount: 5 },
    })
    model.aborted(attempt)
    assert.equal(model.verify(snapshot([95, 105, 100], new Map())).unexplainedBalances, 1)
  })

  it('accepts an in-doubt pair insert applied whole or not at all, never half', () => {
    for (const applied of [true, false]) {
      const model = newModel()
      const effect = insert(model, 2)
      inDoubt(model, effect)
      const check = model.verify(snapshot([100, 100, 100], applied ? tagsOf(effect) : new Map()))
      assert.deepEqual(check.failures, [])
      assert.equal(check.inDoubtApplied, applied ? 1 : 0)
    }
    const half = newModel()
    const effect = insert(half, 2)
    inDoubt(half, effect)
    const [first] = tagsOf(effect)
    assert.ok(first !== undefined)
    const check = half.verify(snapshot([100, 100, 100], new Map([first])))
    assert.equal(check.torn, 1)
  })

  it('reports a pair present in one table only as torn', () => {
    const model = newModel()
    const effect = insert(model, 1)
    acked(model, effect)
    const check = model.verify(snapshot([100, 100, 100], tagsOf(effect), new Map()))
    assert.equal(check.torn, 1)
  })

  it('reports a lost acknowledged insert, delete and retag', () => {
    const model = newModel()
    const inserted = insert(model, 2)
    acked(model, inserted)
    assert.deepEqual(model.verify(snapshot([100, 100, 100], tagsOf(inserted))).failures, [])
    const [[deletedId, deletedTag], [retaggedId, oldTag]] = [...tagsOf(inserted)] as [
      [number, string],
      [number, string],
    ]
    acked(model, {
      kind: 'pairs',
      op: 'delete',
      changes: [{ id: deletedId, before: deletedTag, after: null }],
    })
    const newTag = model.newTag(client, 3)
    acked(model, {
      kind: 'pairs',
      op: 'retag',
      changes: [{ id: retaggedId, before: oldTag, after: newTag }],
    })
    // The delete and the retag are both undone: two lost commits, and nothing phantom.
    const check = model.verify(snapshot([100, 100, 100], tagsOf(inserted)))
    assert.equal(check.lost, 2)
    assert.equal(check.phantom, 0)
  })

  it('reports rows no client committed as phantoms', () => {
    const model = newModel()
    const aborted = model.begin({ client, isAsync: false, effect: insert(model, 1) })
    model.commitSent(aborted)
    model.aborted(aborted)
    const strangers = new Map([...tagsOf(aborted.effect), [123, 'never written']])
    const check = model.verify(snapshot([100, 100, 100], strangers))
    assert.equal(check.phantom, 2)
  })

  it('allows a lost async commit, unless acknowledged before a surviving commit was sent', () => {
    const allowed = newModel()
    acked(allowed, insert(allowed, 1), true)
    const allowedCheck = allowed.verify(snapshot([100, 100, 100], new Map()))
    assert.deepEqual(allowedCheck.failures, [])
    assert.equal(allowedCheck.asyncLost, 1)

    const hole = newModel()
    acked(hole, insert(hole, 1), true)
    const later = insert(hole, 1)
    acked(hole, later)
    const holeCheck = hole.verify(snapshot([100, 100, 100], tagsOf(later)))
    assert.equal(holeCheck.asyncHoles, 1)
  })

  it('refuses a journal with an attempt still open', () => {
    const model = newModel()
    model.begin({ client, isAsync: false, effect: insert(model, 1) })
    assert.throws(() => model.verify(snapshot([100, 100, 100], new Map())), /unresolved/)
  })
})
