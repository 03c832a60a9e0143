/**
 * fast-check arbitraries for B+tree tests. Keys and values are generated as small plain specs
 * (kind, number, length, seed) and turned into bytes when a test runs, so that a failing case
 * prints in a few lines and replays from fast-check's seed and path.
 *
 * Keys mix single bytes (many collisions, so deletes and replacements hit), the empty key, long
 * shared prefixes of several lengths up to btreeKeyBytesMax (separators must still fit, and
 * suffix truncation is exercised), and arbitrary short byte strings. Values are empty, small,
 * around btreeInlineValueBytesMax, or large enough for overflow chains of several pages.
 */
import fc from 'fast-check'
import { assertNever } from '../../../lib/assert.js'
import { Random } from '../../../lib/random.js'
import { btreeInlineValueBytesMax, btreeKeyBytesMax } from '../../../limits.js'
import type { BTreeCursorRange, BTreeDirection } from '../btree-cursor.js'

export type KeySpec =
  | { readonly kind: 'Byte'; readonly n: number }
  | { readonly kind: 'Pair'; readonly n: number }
  | { readonly kind: 'Empty' }
  | { readonly kind: 'Prefixed'; readonly length: number; readonly n: number }
  | { readonly kind: 'Arbitrary'; readonly bytes: readonly number[] }

export interface ValueSpec {
  readonly length: number
  readonly seed: number
}

export interface BoundSpec {
  readonly key: KeySpec
  readonly inclusive: boolean
}

export interface RangeSpec {
  readonly lower: BoundSpec | undefined
  readonly upper: BoundSpec | undefined
}

const prefixLengths = [1, 2, 300, 700, 1200, btreeKeyBytesMax - 1]

export const keySpec: fc.Arbitrary<KeySpec> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('Byte' as const), n: fc.nat(127) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('Pair' as const), n: fc.nat(1023) }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'Empty' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('Prefixed' as const),
      length: fc.constantFrom(...prefixLengths),
      n: fc.nat(15),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('Arbitrary' as const),
      bytes: fc.array(fc.nat(255), { maxLength: 24 }),
    }),
    weight: 2,
  },
)

export const valueSpec: fc.Arbitrary<ValueSpec> = fc.record({
  length: fc.oneof(
    { arbitrary: fc.nat(40), weight: 6 },
    {
      arbitrary: fc.integer({
        min: btreeInlineValueBytesMax - 100,
        max: btreeInlineValueBytesMax + 100,
      }),
      weight: 2,
    },
    { arbitrary: fc.integer({ min: btreeInlineValueBytesMax + 1, max: 40_000 }), weight: 1 },
  ),
  seed: fc.nat(),
})

export const boundSpec: fc.Arbitrary<BoundSpec> = fc.record({
  key: keySpec,
  inclusive: fc.boolean(),
})

export const rangeSpec: fc.Arbitrary<RangeSpec> = fc.record({
  lower: fc.option(boundSpec, { nil: undefined }),
  upper: fc.option(boundSpec, { nil: undefined }),
})

export const direction: fc.Arbitrary<BTreeDirection> = fc.constantFrom(
  'forward' as const,
  'backward' as const,
)

export function keyBytes(spec: KeySpec): Uint8Array {
  switch (spec.kind) {
    case 'Byte':
      return Uint8Array.of(spec.n)
    case 'Pair':
      return Uint8Array.of(spec.n >> 8, spec.n & 0xff)
    case 'Empty':
      return new Uint8Array(0)
    case 'Prefixed': {
      // 0x61 ('a') sorts between the single-byte keys, so these interleave with them.
      const key = new Uint8Array(spec.length + 1).fill(0x61)
      key[spec.length] = spec.n
      return key
    }
    case 'Arbitrary':
      return Uint8Array.from(spec.bytes)
    default:
      return assertNever(spec, 'key spec')
  }
}

export function valueBytes(spec: ValueSpec): Uint8Array {
  const value = new Uint8Array(spec.length)
  new Random(spec.seed).fill(value)
  return value
}

export function range(spec: RangeSpec): BTreeCursorRange {
  const lower = spec.lower && { key: keyBytes(spec.lower.key), inclusive: spec.lower.inclusive }
  const upper = spec.upper && { key: keyBytes(spec.upper.key), inclusive: spec.upper.inclusive }
  return { ...(lower && { lower }), ...(upper && { upper }) }
}

/** fast-check options that replay a reported failure: FC_SEED=<seed> FC_PATH=<path>. */
export function replayOptions(): { seed?: number; path?: string; endOnFailure?: boolean } {
  const seed = process.env['FC_SEED']
  const path = process.env['FC_PATH']
  if (seed === undefined) return {}
  return { seed: Number(seed), ...(path !== undefined && { path }), endOnFailure: true }
}
