/**
 * Parses a sqllogictest file (SQLite's format, https://www.sqlite.org/sqllogictest) into
 * records. A record is a run of non-blank lines; records are separated by blank lines:
 *
 *   [skipif <engine> | onlyif <engine>]...   conditions, applying to the record that follows
 *   statement ok|error                       then the SQL, up to the blank line
 *   query <types> [nosort|rowsort|valuesort] [label]
 *                                            then the SQL, `----`, and the expected values one
 *                                            per line, or `<n> values hashing to <md5>`
 *   hash-threshold <n>                       results of more than n values are compared by md5
 *   halt                                     stop reading the file
 *
 * `#` starts a comment line between records; on a condition line, `#` starts a trailing comment
 * (`onlyif mysql # aggregate syntax:`). Lines may end in CRLF. A record is identified by the
 * 1-based line number of its `statement`/`query` line (its keyword line for the others), which is
 * how the PostgreSQL baseline names records.
 *
 * Not here: deciding which records run (see `isRecordSkipped`) and running them (run-file.ts).
 */

export type SortMode = 'nosort' | 'rowsort' | 'valuesort'

export interface Condition {
  readonly kind: 'skipif' | 'onlyif'
  /** Lower-cased engine name: postgresql, mysql, mssql, oracle, sqlite. */
  readonly engine: string
}

/** What a query record expects: the values, or their count and hash. */
export type ExpectedResult =
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'hash'; readonly count: number; readonly md5: string }

interface RecordBase {
  /** 1-based line of the record's keyword line (`statement`, `query`, `halt`, ...). */
  readonly line: number
  readonly conditions: readonly Condition[]
}

export interface StatementRecord extends RecordBase {
  readonly kind: 'statement'
  readonly expectsError: boolean
  readonly sql: string
}

export interface QueryRecord extends RecordBase {
  readonly kind: 'query'
  /** One letter per column: I (integer), R (real), T (text). */
  readonly types: string
  readonly sortMode: SortMode
  readonly label: string | undefined
  readonly sql: string
  readonly expected: ExpectedResult
}

export interface HaltRecord extends RecordBase {
  readonly kind: 'halt'
}

export interface HashThresholdRecord extends RecordBase {
  readonly kind: 'hash-threshold'
  readonly threshold: number
}

/** A record the parser could not read; reported as a failure of that record when it runs. */
export interface InvalidRecord extends RecordBase {
  readonly kind: 'invalid'
  readonly problem: string
}

export type SltRecord =
  | StatementRecord
  | QueryRecord
  | HaltRecord
  | HashThresholdRecord
  | InvalidRecord

const hashLinePattern = /^(\d+) values hashing to ([0-9a-f]{32})$/

/** Splits text into lines without their terminators (LF or CRLF). */
function splitLines(text: string): string[] {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1)
  }
  return lines
}

function isBlank(line: string): boolean {
  return line.trim() === ''
}

/** The words of a header line, without a trailing `# comment`. */
function headerWords(line: string): string[] {
  const hash = line.indexOf('#')
  const content = hash < 0 ? line : line.slice(0, hash)
  return content
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
}

export function parseSlt(text: string): SltRecord[] {
  const lines = splitLines(text)
  const records: SltRecord[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    if (isBlank(line) || line.startsWith('#')) {
      i++
      continue
    }
    // A record: the lines up to the next blank line (or the end of the file).
    let end = i
    while (end < lines.length && !isBlank(lines[end] ?? '')) end++
    records.push(parseRecord(lines, i, end))
    i = end
  }
  return records
}

/** Parses lines[start, end): conditions, then the record proper. */
function parseRecord(lines: readonly string[], start: number, end: number): SltRecord {
  const conditions: Condition[] = []
  let i = start
  for (; i < end; i++) {
    const words = headerWords(lines[i] ?? '')
    const keyword = words[0]
    if (keyword !== 'skipif' && keyword !== 'onlyif') break
    conditions.push({ kind: keyword, engine: (words[1] ?? '').toLowerCase() })
  }
  const line = i + 1
  if (i >= end) {
    return { kind: 'invalid', line: start + 1, conditions, problem: 'conditions without a record' }
  }
  const words = headerWords(lines[i] ?? '')
  const body = lines.slice(i + 1, end)
  switch (words[0]) {
    case 'statement':
      return parseStatement(words, body, line, conditions)
    case 'query':
      return parseQuery(words, body, line, conditions)
    case 'halt':
      return { kind: 'halt', line, conditions }
    case 'hash-threshold': {
      const threshold = Number(words[1])
      if (!Number.isInteger(threshold) || threshold < 0) {
        return { kind: 'invalid', line, conditions, problem: `bad hash-threshold: ${words[1]}` }
      }
      return { kind: 'hash-threshold', line, conditions, threshold }
    }
    default:
      return { kind: 'invalid', line, conditions, problem: `unknown record type: ${words[0]}` }
  }
}

function parseStatement(
  words: readonly string[],
  body: readonly string[],
  line: number,
  conditions: readonly Condition[],
): StatementRecord | InvalidRecord {
  const mode = words[1]
  if (mode !== 'ok' && mode !== 'error') {
    return { kind: 'invalid', line, conditions, problem: `bad statement mode: ${mode}` }
  }
  if (body.length === 0) return { kind: 'invalid', line, conditions, problem: 'no SQL' }
  return {
    kind: 'statement',
    line,
    conditions,
    expectsError: mode === 'error',
    sql: body.join('\n'),
  }
}

function parseQuery(
  words: readonly string[],
  body: readonly string[],
  line: number,
  conditions: readonly Condition[],
): QueryRecord | InvalidRecord {
  const types = words[1] ?? ''
  if (!/^[ITR]+$/.test(types)) {
    return { kind: 'invalid', line, conditions, problem: `bad column types: ${types}` }
  }
  const sort = words[2] ?? 'nosort'
  if (sort !== 'nosort' && sort !== 'rowsort' && sort !== 'valuesort') {
    return { kind: 'invalid', line, conditions, problem: `bad sort mode: ${sort}` }
  }
  const separator = body.indexOf('----')
  const sqlLines = separator < 0 ? body : body.slice(0, separator)
  if (sqlLines.length === 0) return { kind: 'invalid', line, conditions, problem: 'no SQL' }
  const resultLines = separator < 0 ? [] : body.slice(separator + 1)
  return {
    kind: 'query',
    line,
    conditions,
    types,
    sortMode: sort,
    label: words[3],
    sql: sqlLines.join('\n'),
    expected: parseExpected(resultLines),
  }
}

function parseExpected(lines: readonly string[]): ExpectedResult {
  const hash = lines.length === 1 ? hashLinePattern.exec(lines[0] ?? '') : null
  if (hash !== null) return { kind: 'hash', count: Number(hash[1]), md5: hash[2] ?? '' }
  return { kind: 'values', values: lines }
}

/** Whether `engine` skips `record` by its skipif/onlyif conditions (names compare lower-case). */
export function isRecordSkipped(record: SltRecord, engine: string): boolean {
  const name = engine.toLowerCase()
  return record.conditions.some((condition) =>
    condition.kind === 'skipif' ? condition.engine === name : condition.engine !== name,
  )
}

/** How one engine sees a file: each statement/query record in order, marked run or skipped;
 * records after an applicable `halt` are not listed (the file ends there). */
export interface RecordPlanEntry {
  readonly record: SltRecord
  readonly isSkipped: boolean
}

/** Statement, query and invalid records count as test records; halt and hash-threshold are
 * directives. */
export function isTestRecord(record: SltRecord): boolean {
  return record.kind === 'statement' || record.kind === 'query' || record.kind === 'invalid'
}

export function planRecords(records: readonly SltRecord[], engine: string): RecordPlanEntry[] {
  const plan: RecordPlanEntry[] = []
  for (const record of records) {
    const isSkipped = isRecordSkipped(record, engine)
    if (record.kind === 'halt' && !isSkipped) break
    plan.push({ record, isSkipped })
  }
  return plan
}
