/**
 * COPY's options (PostgreSQL 15's ProcessCopyOptions): the option list `WITH (FORMAT csv, ...)`
 * and the old forms (`WITH CSV HEADER`, `BINARY`, `DELIMITER ','`), which the parser turns into
 * the same list. Validated with PostgreSQL's errors, in its order; defaults filled in.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { DefElem, Node } from '../parse/index.js'
import { defBoolean, defString } from './def-elem.js'

export type CopyFormat = 'text' | 'csv' | 'binary'

/** Columns named by FORCE_QUOTE / FORCE_NOT_NULL / FORCE_NULL, or every column (`*`). */
export type CopyColumnSet = { readonly kind: 'All' } | { readonly kind: 'Named'; names: string[] }

export interface CopyOptions {
  readonly format: CopyFormat
  /** One byte (text and CSV). */
  readonly delimiter: string
  /** The text that stands for NULL (text and CSV). */
  readonly nullText: string
  /** A header line: written on COPY TO, skipped (or, with 'match', checked) on COPY FROM. */
  readonly header: boolean | 'match'
  /** CSV only; one byte each. */
  readonly quote: string
  readonly escape: string
  readonly forceQuote: CopyColumnSet | undefined
  readonly forceNotNull: CopyColumnSet | undefined
  readonly forceNull: CopyColumnSet | undefined
  /** Accepted; bkg-db's rows are visible by MVCC as usual (see docs/endpoints.md). */
  readonly freeze: boolean
}

interface Given {
  format?: CopyFormat
  freeze?: boolean
  delimiter?: string
  nullText?: string
  header?: boolean | 'match'
  quote?: string
  escape?: string
  forceQuote?: CopyColumnSet
  forceNotNull?: CopyColumnSet
  forceNull?: CopyColumnSet
}

export function bindCopyOptions(
  nodes: readonly Node[],
  isFrom: boolean,
  position: (location: number | undefined) => number | undefined,
): CopyOptions {
  const given: Given = {}
  for (const node of nodes) {
    if (!('DefElem' in node)) continue
    readOption(given, node.DefElem, isFrom, position)
  }
  return checkOptions(given, isFrom)
}

function readOption(
  given: Given,
  option: DefElem,
  isFrom: boolean,
  position: (location: number | undefined) => number | undefined,
): void {
  const name = option.defname ?? ''
  const once = <K extends keyof Given>(key: K, value: Given[K]): void => {
    if (given[key] !== undefined) {
      const at = position(option.location)
      throw new SqlError(
        SqlState.syntaxError,
        'conflicting or redundant options',
        at === undefined ? {} : { position: at },
      )
    }
    given[key] = value
  }
  switch (name) {
    case 'format': {
      const format = defString(option)
      if (format !== 'text' && format !== 'csv' && format !== 'binary') {
        throw new SqlError(SqlState.invalidParameterValue, `COPY format "${format}" not recognized`)
      }
      once('format', format)
      return
    }
    case 'freeze':
      once('freeze', defBoolean(option))
      return
    case 'delimiter':
      once('delimiter', defString(option))
      return
    case 'null':
      once('nullText', defString(option))
      return
    case 'header':
      once('header', headerChoice(option, isFrom))
      return
    case 'quote':
      once('quote', defString(option))
      return
    case 'escape':
      once('escape', defString(option))
      return
    case 'force_quote':
      once('forceQuote', columnSet(option))
      return
    case 'force_not_null':
      once('forceNotNull', columnSet(option))
      return
    case 'force_null':
      once('forceNull', columnSet(option))
      return
    case 'encoding': {
      const encoding = defString(option).toUpperCase().replace(/[-_]/g, '')
      if (encoding !== 'UTF8' && encoding !== 'UNICODE') {
        throw new SqlError(
          SqlState.featureNotSupported,
          `COPY encoding "${defString(option)}" is not supported: bkg-db reads and writes UTF8 only`,
        )
      }
      return
    }
    default: {
      const at = position(option.location)
      throw new SqlError(
        SqlState.syntaxError,
        `option "${name}" not recognized`,
        at === undefined ? {} : { position: at },
      )
    }
  }
}

/** HEADER's value: a Boolean, or `match` (COPY FROM only). */
function headerChoice(option: DefElem, isFrom: boolean): boolean | 'match' {
  const arg = option.arg
  if (arg !== undefined && 'String' in arg && (arg.String.sval ?? '').toLowerCase() === 'match') {
    if (!isFrom) {
      throw new SqlError(SqlState.featureNotSupported, 'cannot use "match" with HEADER in COPY TO')
    }
    return 'match'
  }
  try {
    return defBoolean(option)
  } catch {
    throw new SqlError(
      SqlState.syntaxError,
      `${option.defname ?? 'header'} requires a Boolean value or "match"`,
    )
  }
}

function columnSet(option: DefElem): CopyColumnSet {
  const arg = option.arg
  if (arg !== undefined && 'A_Star' in arg) return { kind: 'All' }
  if (arg !== undefined && 'List' in arg) {
    const names: string[] = []
    for (const item of arg.List.items ?? []) {
      if (!('String' in item)) break
      names.push(item.String.sval ?? '')
    }
    if (names.length === (arg.List.items ?? []).length) return { kind: 'Named', names }
  }
  throw new SqlError(
    SqlState.invalidParameterValue,
    `argument to option "${option.defname ?? ''}" must be a list of column names`,
  )
}

function notSupported(message: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, message)
}

function checkOptions(given: Given, isFrom: boolean): CopyOptions {
  const format = given.format ?? 'text'
  const isCsv = format === 'csv'
  if (format === 'binary') {
    if (given.delimiter !== undefined) {
      throw new SqlError(SqlState.syntaxError, 'cannot specify DELIMITER in BINARY mode')
    }
    if (given.nullText !== undefined) {
      throw new SqlError(SqlState.syntaxError, 'cannot specify NULL in BINARY mode')
    }
    if (given.header !== undefined && given.header !== false) {
      throw new SqlError(SqlState.syntaxError, 'cannot specify HEADER in BINARY mode')
    }
  }
  const delimiter = given.delimiter ?? (isCsv ? ',' : '\t')
  const nullText = given.nullText ?? (isCsv ? '' : '\\N')
  const quote = given.quote ?? '"'
  const escapeChar = given.escape ?? quote
  if (Buffer.byteLength(delimiter) !== 1) {
    throw notSupported('COPY delimiter must be a single one-byte character')
  }
  if (delimiter === '\n' || delimiter === '\r') {
    throw new SqlError(
      SqlState.invalidParameterValue,
      'COPY delimiter cannot be newline or carriage return',
    )
  }
  if (nullText.includes('\n') || nullText.includes('\r')) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      'COPY null representation cannot use newline or carriage return',
    )
  }
  if (!isCsv && '\\.abcdefghijklmnopqrstuvwxyz0123456789'.includes(delimiter)) {
    throw new SqlError(SqlState.invalidParameterValue, `COPY delimiter cannot be "${delimiter}"`)
  }
  if (!isCsv && given.quote !== undefined)
    throw notSupported('COPY quote available only in CSV mode')
  if (isCsv && Buffer.byteLength(quote) !== 1) {
    throw notSupported('COPY quote must be a single one-byte character')
  }
  if (isCsv && delimiter === quote) {
    throw new SqlError(SqlState.invalidParameterValue, 'COPY delimiter and quote must be different')
  }
  if (!isCsv && given.escape !== undefined) {
    throw notSupported('COPY escape available only in CSV mode')
  }
  if (isCsv && Buffer.byteLength(escapeChar) !== 1) {
    throw notSupported('COPY escape must be a single one-byte character')
  }
  checkForce(given.forceQuote, isCsv, !isFrom, 'force quote', 'COPY TO')
  checkForce(given.forceNotNull, isCsv, isFrom, 'force not null', 'COPY FROM')
  checkForce(given.forceNull, isCsv, isFrom, 'force null', 'COPY FROM')
  if (format !== 'binary' && nullText.includes(delimiter)) {
    throw notSupported('COPY delimiter must not appear in the NULL specification')
  }
  if (isCsv && nullText.includes(quote)) {
    throw notSupported('CSV quote character must not appear in the NULL specification')
  }
  return {
    format,
    delimiter,
    nullText,
    header: given.header ?? false,
    quote,
    escape: escapeChar,
    forceQuote: given.forceQuote,
    forceNotNull: given.forceNotNull,
    forceNull: given.forceNull,
    freeze: given.freeze ?? false,
  }
}

function checkForce(
  set: CopyColumnSet | undefined,
  isCsv: boolean,
  isAllowedDirection: boolean,
  what: string,
  direction: string,
): void {
  if (set === undefined) return
  if (!isCsv) throw notSupported(`COPY ${what} available only in CSV mode`)
  if (!isAllowedDirection) throw notSupported(`COPY ${what} only available using ${direction}`)
}
