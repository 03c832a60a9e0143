// Tests of settleFileOps, the sector model of what unsynced operations survive: keeping every cut
// equals applying the operations in order, losing every cut changes nothing, and for any seeded
// cut each sector ends in a state it passed through while the size ends at a size the file had.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { Random } from '../../lib/random.js'
import { ByteImage } from './byte-image.js'
import { applyFileOps, type FileOp, fragmentsOf, settleFileOps } from './settle-file-ops.js'

const sectorBytes = 16

const writeArbitrary = fc.record({
  offset: fc.nat(200),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 60 }),
})
const opArbitrary = fc.oneof(
  { weight: 4, arbitrary: writeArbitrary.map((write) => ({ kind: 'Write' as const, ...write })) },
  { weight: 1, arbitrary: fc.nat(260).map((length) => ({ kind: 'Truncate' as const, length })) },
)

type UnnumberedOp =
  | { readonly kind: 'Write'; readonly offset: number; readonly bytes: Uint8Array }
  | { readonly kind: 'Truncate'; readonly length: number }

function numbered(ops: readonly UnnumberedOp[]): FileOp[] {
  return ops.map((op, index) => ({ ...op, sequence: index + 1 }))
}

function imageOf(content: Uint8Array): ByteImage {
  return new ByteImage(content)
}

test('fragmentsOf splits a write at the sector boundaries of the file', () => {
  const fragments = fragmentsOf({ offset: 10, bytes: new Uint8Array(30) }, sectorBytes)
  assert.deepEqual(
    fragments.map((fragment) => [fragment.sector, fragment.offset, fragment.bytes.length]),
    [
      [0, 10, 6],
      [1, 16, 16],
      [2, 32, 8],
    ],
  )
  assert.deepEqual(fragmentsOf({ offset: 5, bytes: new Uint8Array(0) }, sectorBytes), [])
})

test('keeping every cut equals applying the operations in order', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 100 }),
      fc.array(opArbitrary, { maxLength: 12 }),
      (start, raw) => {
        const ops = numbered(raw)
        const kept = imageOf(start)
        settleFileOps(kept, ops, { sectorBytes, choose: (count) => count })
        const applied = imageOf(start)
        applyFileOps(applied, ops)
        assert.deepEqual(kept.copyBytes(), applied.copyBytes())
      },
    ),
  )
})

test('losing every cut leaves the durable image unchanged', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 100 }),
      fc.array(opArbitrary, { maxLength: 12 }),
      (start, raw) => {
        const image = imageOf(start)
        settleFileOps(image, numbered(raw), { sectorBytes, choose: () => 0 })
        assert.deepEqual(image.copyBytes(), start)
      },
    ),
  )
})

test('with writes only, each sector ends in a state it passed through, the size in a size it had', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 100 }),
      fc.array(writeArbitrary, { maxLength: 10 }),
      fc.nat(),
      (start, writes, seed) => {
        const ops = numbered(writes.map((write) => ({ kind: 'Write' as const, ...write })))
        const snapshots: Uint8Array[] = [start]
        const volatile = imageOf(start)
        for (const op of ops) {
          applyFileOps(volatile, [op])
          snapshots.push(volatile.copyBytes())
        }
        const random = new Random(seed)
        const image = imageOf(start)
        settleFileOps(image, ops, { sectorBytes, choose: (count) => random.nextInt(count + 1) })
        const result = image.copyBytes()
        assert.ok(
          snapshots.some((snapshot) => snapshot.length === result.length),
          'size passed through',
        )
        for (let sector = 0; sector * sectorBytes < result.length; sector++) {
          const range = [
            sector * sectorBytes,
            Math.min(result.length, (sector + 1) * sectorBytes),
          ] as const
          const actual = result.subarray(...range)
          const isPassedThrough = snapshots.some((snapshot) => {
            const padded = new Uint8Array(result.length)
            padded.set(snapshot.subarray(0, result.length))
            return Buffer.from(padded.subarray(...range)).equals(actual)
          })
          assert.ok(isPassedThrough, `sector ${sector} is a state it passed through`)
        }
      },
    ),
  )
})

test('a truncate in the kept size prefix zeroes what it cut off, even if data came back later', () => {
  const image = imageOf(new Uint8Array(48).fill(1))
  const ops = numbered([
    { kind: 'Truncate', length: 8 },
    { kind: 'Truncate', length: 48 },
  ])
  settleFileOps(image, ops, { sectorBytes, choose: (count) => count })
  assert.deepEqual(image.copyBytes(), new Uint8Array(48).fill(1, 0, 8))
})
