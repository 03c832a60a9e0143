// Model test of the B+tree: random sequences of put, delete, get, checkpoints, range scans and
// visits (visitRange, which like put and get may go through the finger of the last operation),
// and runs of ascending puts (whose leaf splits cut right after the new entry)
// run against a BTree on the strict copy-on-write double and against a sorted array. After every
// mutation the tree must pass verifyBtree, hold exactly the model's entries, and own exactly the
// store's live pages (no leak); the tree as of the last checkpoint must still read back as it was
// (copy-on-write never writes a checkpointed page). A second property interleaves cursor steps
// with mutations. fast-check prints the seed and path of a failure; replay with
// FC_SEED=<seed> FC_PATH=<path> node scripts/run-tests.mjs btree.property
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { assertNever } from '../../lib/assert.js'
import { btreeKeyBytesMax } from '../../limits.js'
import { BTree } from './btree.js'
import type { BTreeCursorRange, BTreeDirection, BTreeEntry } from './btree-cursor.js'
import {
  direction,
  type KeySpec,
  keyBytes,
  keySpec,
  type RangeSpec,
  range,
  rangeSpec,
  replayOptions,
  type ValueSpec,
  valueBytes,
  valueSpec,
} from './testing/btree-arbitraries.js'
import { MemoryPageStore } from './testing/memory-page-store.js'
import { SortedModel } from './testing/sorted-model.js'

type Command =
  | { readonly kind: 'Put'; readonly key: KeySpec; readonly value: ValueSpec }
  | { readonly kind: 'Delete'; readonly key: KeySpec }
  | { readonly kind: 'DeleteExisting'; readonly index: number }
  | { readonly kind: 'Get'; readonly key: KeySpec }
  | { readonly kind: 'Checkpoint' }
  | { readonly kind: 'Scan'; readonly range: RangeSpec; readonly direction: BTreeDirection }
  | { readonly kind: 'CheckDurable' }
  | {
      readonly kind: 'Visit'
      readonly from: KeySpec
      readonly to: KeySpec
      readonly stopAfter: number
    }
  | {
      readonly kind: 'PutRun'
      readonly key: KeySpec
      readonly count: number
      readonly value: ValueSpec
    }

function putOf(keys: fc.Arbitrary<KeySpec>) {
  return fc.record({ kind: fc.constant('Put' as const), key: keys, value: valueSpec })
}
function removeOf(keys: fc.Arbitrary<KeySpec>) {
  return fc.record({ kind: fc.constant('Delete' as const), key: keys })
}
const put = putOf(keySpec)
const remove = removeOf(keySpec)
/** Deletes the model's entry at `index` modulo its size, so shrinking phases really shrink. */
const removeExisting = fc.record({ kind: fc.constant('DeleteExisting' as const), index: fc.nat() })
const get = fc.record({ kind: fc.constant('Get' as const), key: keySpec })
const checkpoint = fc.constant({ kind: 'Checkpoint' as const })
const scan = fc.record({ kind: fc.constant('Scan' as const), range: rangeSpec, direction })
const checkDurable = fc.constant({ kind: 'CheckDurable' as const })
/** Ascending keys right after one key (its bytes plus a counter): a sequential run, which
 * splits leaves right after the new entry wherever it lands in the tree. */
const putRun = fc.record({
  kind: fc.constant('PutRun' as const),
  key: keySpec,
  count: fc.integer({ min: 1, max: 120 }),
  value: valueSpec,
})
const visit = fc.record({
  kind: fc.constant('Visit' as const),
  from: keySpec,
  to: keySpec,
  stopAfter: fc.integer({ min: 1, max: 40 }),
})

function commands(
  keys: fc.Arbitrary<KeySpec>,
  putWeight: number,
  deleteWeight: number,
  length: number,
) {
  const command: fc.Arbitrary<Command> = fc.oneof(
    { arbitrary: putOf(keys), weight: putWeight },
    { arbitrary: removeOf(keys), weight: deleteWeight },
    { arbitrary: removeExisting, weight: deleteWeight },
    { arbitrary: get, weight: 3 },
    { arbitrary: checkpoint, weight: 1 },
    { arbitrary: scan, weight: 2 },
    { arbitrary: checkDurable, weight: 1 },
    { arbitrary: visit, weight: 2 },
    { arbitrary: putRun, weight: 1 },
  )
  return fc.array(command, { minLength: length / 2, maxLength: length })
}

/** A growing phase then a shrinking one, so splits and merges both get their turn. */
function workload(keys: fc.Arbitrary<KeySpec>, length: number) {
  return fc
    .tuple(commands(keys, 12, 3, length), commands(keys, 2, 12, length))
    .map(([growing, shrinking]) => [...growing, ...shrinking])
}

/** Keys of 300 to 1536 bytes sharing long prefixes: separators stay long, interior pages hold
 * few children, so small workloads build trees four levels deep and rebalance interior pages. */
const longKeySpec: fc.Arbitrary<KeySpec> = fc.record({
  kind: fc.constant('Prefixed' as const),
  length: fc.constantFrom(300, 900, 1400, btreeKeyBytesMax - 1),
  n: fc.nat(255),
})

let operationsRun = 0

class Harness {
  readonly store: MemoryPageStore
  readonly tree: BTree
  readonly model = new SortedModel()
  #durable: { rootPageNumber: number; model: SortedModel }

  constructor(seed: number) {
    this.store = new MemoryPageStore({ seed, evictionProbability: 0.05, keepDurableImage: true })
    this.tree = BTree.create(this.store)
    this.store.checkpoint()
    this.#durable = { rootPageNumber: this.tree.rootPageNumber, model: this.model.clone() }
  }

  run(command: Command): void {
    operationsRun++
    switch (command.kind) {
      case 'Put': {
        const key = keyBytes(command.key)
        const value = valueBytes(command.value)
        this.tree.put(key, value)
        this.model.put(key, value)
        this.check()
        break
      }
      case 'Delete': {
        const key = keyBytes(command.key)
        assert.equal(this.tree.delete(key), this.model.delete(key))
        this.check()
        break
      }
      case 'DeleteExisting': {
        const entry = this.model.at(command.index)
        if (entry === undefined) break
        assert.equal(this.tree.delete(entry.key), true)
        this.model.delete(entry.key)
        this.check()
        break
      }
      case 'Get': {
        const key = keyBytes(command.key)
        assert.deepEqual(this.tree.get(key), this.model.get(key))
        break
      }
      case 'Checkpoint':
        this.store.checkpoint()
        this.#durable = { rootPageNumber: this.tree.rootPageNumber, model: this.model.clone() }
        break
      case 'Scan':
        assertScan(this.tree, this.model, range(command.range), command.direction)
        break
      case 'CheckDurable':
        this.checkDurable()
        break
      case 'PutRun': {
        const base = keyBytes(command.key).subarray(0, btreeKeyBytesMax - 2)
        const value = valueBytes(command.value)
        for (let i = 0; i < command.count; i++) {
          const key = new Uint8Array(base.length + 2)
          key.set(base)
          key[base.length] = i >> 8
          key[base.length + 1] = i & 0xff
          this.tree.put(key, value)
          this.model.put(key, value)
        }
        this.check()
        break
      }
      case 'Visit':
        this.checkVisit(keyBytes(command.from), keyBytes(command.to), command.stopAfter)
        break
      default:
        assertNever(command, 'command')
    }
  }

  /** Structure, contents count and page ownership after a mutation. */
  check(): void {
    const stats = this.tree.verify()
    assert.equal(stats.entries, this.model.size)
    assert.equal(this.store.livePageCount, stats.pages, 'every live page belongs to the tree')
  }

  /** visitRange gives the model's entries of [lower, upper), stopping when the visitor asks. */
  checkVisit(lower: Uint8Array, upper: Uint8Array, stopAfter: number): void {
    const visited: BTreeEntry[] = []
    this.tree.visitRange(lower, upper, (key, value) => {
      visited.push({ key: key.slice(), value: value.slice() }) // views: copied
      return visited.length < stopAfter
    })
    const expected = this.model
      .scan(
        { lower: { key: lower, inclusive: true }, upper: { key: upper, inclusive: false } },
        'forward',
      )
      .slice(0, stopAfter)
    assert.deepEqual(visited, expected)
  }

  /** The checkpoint's pages are untouched and still hold the tree as it was then. */
  checkDurable(): void {
    this.store.verifyDurableImage()
    const durable = new BTree(this.store.durableImage(), this.#durable.rootPageNumber)
    durable.verify()
    assertScan(durable, this.#durable.model, {}, 'forward')
  }
}

function assertScan(
  tree: BTree,
  model: SortedModel,
  keyRange: BTreeCursorRange,
  scanDirection: BTreeDirection,
): void {
  const actual: BTreeEntry[] = [...tree.cursor(keyRange, scanDirection)]
  assert.deepEqual(actual, model.scan(keyRange, scanDirection))
}

function runWorkload(workloadCommands: readonly Command[], seed: number): void {
  const harness = new Harness(seed)
  for (const command of workloadCommands) harness.run(command)
  assertScan(harness.tree, harness.model, {}, 'forward')
  assertScan(harness.tree, harness.model, {}, 'backward')
  harness.checkDurable()
}

test('btree-matches-sorted-model', (t) => {
  operationsRun = 0
  fc.assert(fc.property(workload(keySpec, 500), fc.nat(), runWorkload), {
    numRuns: 12,
    ...replayOptions(),
  })
  t.diagnostic(`${operationsRun} operations`)
})

test('btree-with-long-keys-matches-sorted-model', (t) => {
  operationsRun = 0
  fc.assert(fc.property(workload(longKeySpec, 400), fc.nat(), runWorkload), {
    numRuns: 8,
    ...replayOptions(),
  })
  t.diagnostic(`${operationsRun} operations`)
})

type CursorStep =
  | { readonly kind: 'Next' }
  | { readonly kind: 'Put'; readonly key: KeySpec; readonly value: ValueSpec }
  | { readonly kind: 'Delete'; readonly key: KeySpec }
  | { readonly kind: 'Checkpoint' }

const cursorStep: fc.Arbitrary<CursorStep> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'Next' as const }), weight: 6 },
  { arbitrary: put, weight: 2 },
  { arbitrary: remove, weight: 2 },
  { arbitrary: checkpoint, weight: 1 },
)

test('cursor-steps-see-the-tree-as-it-is', (t) => {
  operationsRun = 0
  fc.assert(
    fc.property(
      fc.array(fc.tuple(keySpec, valueSpec), { maxLength: 300, size: 'max' }),
      rangeSpec,
      direction,
      fc.array(cursorStep, { maxLength: 300, size: 'max' }),
      fc.nat(),
      (initial, rangeOfScan, scanDirection, steps, seed) => {
        const harness = new Harness(seed)
        for (const [key, value] of initial) harness.run({ kind: 'Put', key, value })
        const keyRange = range(rangeOfScan)
        const cursor = harness.tree.cursor(keyRange, scanDirection)
        let last: Uint8Array | undefined
        let isFinished = false
        for (const step of steps) {
          if (step.kind !== 'Next') {
            harness.run(step)
            continue
          }
          operationsRun++
          const result = cursor.next()
          const expected: BTreeEntry | undefined = isFinished
            ? undefined
            : harness.model.nextAfter(last, keyRange, scanDirection)
          assert.deepEqual(result.done === true ? undefined : result.value, expected)
          if (result.done === true) isFinished = true
          else last = result.value.key
        }
      },
    ),
    { numRuns: 40, ...replayOptions() },
  )
  t.diagnostic(`${operationsRun} operations`)
})
