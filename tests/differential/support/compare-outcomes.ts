/**
 * The comparison rule of the differential tests: when does bkg-db's answer to a statement count
 * as PostgreSQL's answer? Pure functions over two `Outcome`s, so the rule is unit-tested on its
 * own (compare-outcomes.test.ts) and shared by the fixed scripts and the random generator.
 *
 * The rule (docs/conformance.md, "Differential testing"):
 *   1. Both succeed: column names, column type OIDs, the command tag and the rows in text format
 *      must be equal. Rows compare as multisets unless the caller names the output columns of a
 *      top-level ORDER BY (`orderKeys`): then, in addition, the sequence of those key values must
 *      be equal row by row. Rows whose keys tie may come in any order, as in PostgreSQL; keys
 *      that differ only in numeric scale (0, 0.000) or the sign of a float zero tie too.
 *      Text is compared exactly, floats included: both sides print the shortest round-trip form.
 *   2. Both fail: SQLSTATEs must be equal, and so must the messages, except that for a statement
 *      whose errors depend on the data (`dataDependentErrors`), quoted values in the message are
 *      blanked (which bad row is met first depends on the plan), and a different message under
 *      the same SQLSTATE skips the case (two overflowing expressions, either may fail first).
 *   3. One fails, the other succeeds: a mismatch, except for a statement whose errors depend on
 *      the data: whether PostgreSQL evaluates an expression on a row at all depends on its plan
 *      (evaluation order of AND/OR, filters pushed below or kept above a join, constant folding),
 *      so such a case is skipped and counted, never silently passed.
 *   4. With `dataDependentErrors` and both failing with different SQLSTATEs, the statement is
 *      skipped if it holds more than one kind of risk (the first row to fail decides which).
 */

/** What one statement did on one system, in the form both systems can be compared in. */
export type Outcome =
  | {
      readonly kind: 'rows'
      readonly columns: readonly OutcomeColumn[]
      readonly rows: readonly (readonly (string | null)[])[]
      readonly tag: string
    }
  | { readonly kind: 'command'; readonly tag: string }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }

export interface OutcomeColumn {
  readonly name: string
  readonly typeOid: number
}

export interface CompareOptions {
  /**
   * 0-based output positions of the top-level ORDER BY keys, when every key is an output column;
   * undefined when the order is not determined (no ORDER BY): rows then compare as multisets.
   */
  readonly orderKeys?: readonly number[] | undefined
  /**
   * The kinds of run-time error the statement may raise depending on its data (division by zero,
   * overflow, bad casts). Empty or absent: the statement must behave identically.
   */
  readonly dataDependentErrors?: ReadonlySet<string> | undefined
}

export type MismatchKind =
  | 'engine-error'
  | 'engine-no-error'
  | 'error-code'
  | 'error-message'
  | 'outcome-kind'
  | 'column-names'
  | 'column-types'
  | 'command-tag'
  | 'rows'
  | 'row-order'

export type Verdict =
  | { readonly verdict: 'match' }
  | { readonly verdict: 'mismatch'; readonly kind: MismatchKind; readonly detail: string }
  | { readonly verdict: 'skipped'; readonly reason: string }

const match: Verdict = { verdict: 'match' }

/** Compares bkg-db's outcome (`actual`) with PostgreSQL's (`expected`) by the rule above. */
export function compareOutcomes(
  expected: Outcome,
  actual: Outcome,
  options: CompareOptions = {},
): Verdict {
  const risks = options.dataDependentErrors ?? new Set<string>()
  if (expected.kind === 'error' || actual.kind === 'error') {
    return compareErrors(expected, actual, risks)
  }
  if (expected.kind !== actual.kind) {
    return mismatch('outcome-kind', `expected ${expected.kind}, got ${actual.kind}`)
  }
  if (expected.kind === 'command' || actual.kind === 'command') {
    return expected.tag === actual.tag
      ? match
      : mismatch('command-tag', `expected ${expected.tag}, got ${actual.tag}`)
  }
  return compareRows(expected, actual, options.orderKeys)
}

function compareErrors(expected: Outcome, actual: Outcome, risks: ReadonlySet<string>): Verdict {
  if (expected.kind !== 'error') {
    if (actual.kind !== 'error') return match
    if (risks.size > 0) return skipped(`only bkg-db failed (${actual.code}; risks ${list(risks)})`)
    return mismatch('engine-error', `PostgreSQL succeeded; bkg-db: ${describe(actual)}`)
  }
  if (actual.kind !== 'error') {
    if (risks.size > 0)
      return skipped(`only PostgreSQL failed (${expected.code}; risks ${list(risks)})`)
    return mismatch('engine-no-error', `PostgreSQL: ${describe(expected)}; bkg-db succeeded`)
  }
  if (expected.code !== actual.code) {
    if (risks.size > 1) return skipped(`different errors from several risks ${list(risks)}`)
    return mismatch('error-code', `expected ${describe(expected)}, got ${describe(actual)}`)
  }
  const blank = risks.size > 0 ? blankQuoted : (message: string) => message
  if (blank(expected.message) === blank(actual.message)) return match
  // Two overflows of one statement ("integer out of range", "bigint out of range") share a
  // SQLSTATE: which one is met first depends on the plan, as for different SQLSTATEs.
  if (risks.size > 0) return skipped(`different messages of one SQLSTATE (${expected.code})`)
  return mismatch('error-message', `expected ${describe(expected)}, got ${describe(actual)}`)
}

type RowsOutcome = Extract<Outcome, { kind: 'rows' }>

function compareRows(
  expected: RowsOutcome,
  actual: RowsOutcome,
  orderKeys: readonly number[] | undefined,
): Verdict {
  const names = (outcome: RowsOutcome) => outcome.columns.map((column) => column.name).join(', ')
  if (names(expected) !== names(actual)) {
    return mismatch('column-names', `expected (${names(expected)}), got (${names(actual)})`)
  }
  const types = (outcome: RowsOutcome) => outcome.columns.map((c) => c.typeOid).join(', ')
  if (types(expected) !== types(actual)) {
    return mismatch('column-types', `expected OIDs (${types(expected)}), got (${types(actual)})`)
  }
  if (expected.tag !== actual.tag) {
    return mismatch('command-tag', `expected ${expected.tag}, got ${actual.tag}`)
  }
  const expectedSorted = expected.rows.map(rowKey).sort()
  const actualSorted = actual.rows.map(rowKey).sort()
  const firstDifference = expectedSorted.findIndex((row, index) => row !== actualSorted[index])
  if (firstDifference >= 0 || expectedSorted.length !== actualSorted.length) {
    return mismatch('rows', describeRowDifference(expectedSorted, actualSorted))
  }
  if (orderKeys === undefined) return match
  const keysOf = (row: readonly (string | null)[]) =>
    rowKey(
      orderKeys.map((index) => {
        const value = row[index]
        const typeOid = expected.columns[index]?.typeOid
        return value === undefined || value === null ? null : sortValueText(value, typeOid)
      }),
    )
  const expectedKeys = expected.rows.map(keysOf)
  const actualKeys = actual.rows.map(keysOf)
  const outOfOrder = expectedKeys.findIndex((key, index) => key !== actualKeys[index])
  if (outOfOrder >= 0) {
    return mismatch(
      'row-order',
      `row ${outOfOrder + 1}: expected keys ${expectedKeys[outOfOrder]}, got ${actualKeys[outOfOrder]}`,
    )
  }
  return match
}

const numericOid = 1700
const float8Oid = 701

/**
 * The text of a sort key with values that sort equal made equal: numerics of different scales
 * (`0`, `0.000`) and float zeros (`-0`, `0`) tie under ORDER BY, so PostgreSQL may return them in
 * either order. (The rows themselves are still compared exactly.)
 */
function sortValueText(value: string, typeOid: number | undefined): string {
  if (typeOid === numericOid && value.includes('.')) {
    const trimmed = value.replace(/0+$/, '').replace(/\.$/, '')
    return trimmed === '-0' ? '0' : trimmed
  }
  if (typeOid === float8Oid && value === '-0') return '0'
  return value
}

/** One row as a string that sorts and compares exactly (NULL distinct from the text 'NULL'). */
function rowKey(row: readonly (string | null | undefined)[]): string {
  return JSON.stringify(row.map((value) => (value === undefined ? null : value)))
}

function describeRowDifference(expected: readonly string[], actual: readonly string[]): string {
  const actualCounts = countOf(actual)
  const expectedCounts = countOf(expected)
  const missing = [...expectedCounts].filter(([row, n]) => (actualCounts.get(row) ?? 0) < n)
  const extra = [...actualCounts].filter(([row, n]) => (expectedCounts.get(row) ?? 0) < n)
  const show = (rows: [string, number][]) =>
    rows
      .slice(0, 3)
      .map(([row]) => row)
      .join(' ')
  return (
    `expected ${expected.length} rows, got ${actual.length}; ` +
    `missing ${missing.length} distinct [${show(missing)}], extra ${extra.length} [${show(extra)}]`
  )
}

function countOf(rows: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row, (counts.get(row) ?? 0) + 1)
  return counts
}

/** Blanks double-quoted parts: `invalid input syntax for type integer: "abc"` → `...: "…"`. */
export function blankQuoted(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"')
}

function describe(outcome: Extract<Outcome, { kind: 'error' }>): string {
  return `${outcome.code} ${outcome.message}`
}

function list(risks: ReadonlySet<string>): string {
  return [...risks].sort().join('+')
}

function mismatch(kind: MismatchKind, detail: string): Verdict {
  return { verdict: 'mismatch', kind, detail }
}

function skipped(reason: string): Verdict {
  return { verdict: 'skipped', reason }
}
