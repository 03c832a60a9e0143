/**
 * Compares a query's formatted values with what its record expects, as the reference runner
 * does: apply the sort mode, then compare the values line by line, or, when the record gives
 * `<n> values hashing to <md5>`, the count and the md5 of every value followed by a newline.
 * The record's form decides: the corpus lists at most `hash-threshold` (8) values and hashes
 * more, and select1/4/5 have hashes without a `hash-threshold` line (the reference runner got
 * the threshold from its command line), so the directive is not needed to compare.
 *
 * Sorting compares strings by code unit, which equals the reference runner's byte comparison
 * (strcmp) because formatted values are printable ASCII (format-value.ts).
 */
import { createHash } from 'node:crypto'
import type { ExpectedResult, SortMode } from './parse-slt.js'

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `values` holds rows of `columnCount` values, row after row; returns them in sort order. */
export function sortValues(
  values: readonly string[],
  columnCount: number,
  sortMode: SortMode,
): string[] {
  if (sortMode === 'nosort') return [...values]
  if (sortMode === 'valuesort') return [...values].sort(compareStrings)
  const rows: string[][] = []
  for (let i = 0; i < values.length; i += columnCount) rows.push(values.slice(i, i + columnCount))
  rows.sort((a, b) => {
    for (let column = 0; column < columnCount; column++) {
      const order = compareStrings(a[column] ?? '', b[column] ?? '')
      if (order !== 0) return order
    }
    return 0
  })
  return rows.flat()
}

/** The md5 of every value followed by a newline, in hex. */
export function hashValues(values: readonly string[]): string {
  const hash = createHash('md5')
  for (const value of values) hash.update(`${value}\n`)
  return hash.digest('hex')
}

export type ResultCheck =
  | { readonly isMatch: true }
  | { readonly isMatch: false; readonly expected: string; readonly actual: string }

/** Longest expected/actual excerpt kept in a failure report. */
const excerptCharsMax = 300

function excerpt(lines: readonly string[]): string {
  const text = lines.join(' ')
  return text.length > excerptCharsMax ? `${text.slice(0, excerptCharsMax)}…` : text
}

/** Checks sorted values against the expected result, in the form the record gives it. */
export function checkResult(
  sortedValues: readonly string[],
  expected: ExpectedResult,
): ResultCheck {
  if (expected.kind === 'hash') {
    const wanted = `${expected.count} values hashing to ${expected.md5}`
    const actual = `${sortedValues.length} values hashing to ${hashValues(sortedValues)}`
    if (actual === wanted) return { isMatch: true }
    return { isMatch: false, expected: wanted, actual: `${actual}: ${excerpt(sortedValues)}` }
  }
  const wanted = expected.values
  const isEqual =
    wanted.length === sortedValues.length && wanted.every((value, i) => value === sortedValues[i])
  if (isEqual) return { isMatch: true }
  return {
    isMatch: false,
    expected: `${wanted.length} values: ${excerpt(wanted)}`,
    actual: `${sortedValues.length} values: ${excerpt(sortedValues)}`,
  }
}
