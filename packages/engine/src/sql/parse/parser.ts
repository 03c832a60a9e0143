/**
 * The only importer of libpg-query (PostgreSQL 18's own parser compiled to WASM, pinned to
 * 18.1.5): loads it once, splits a string into statements, and maps parser failures to SqlError
 * with PostgreSQL's SQLSTATE and 1-based position. Syntax only; never reads the catalog.
 * Known quirks of this build: ../shared/reference/sql-parser-notes.md (never call normalize on
 * untrusted SQL; errors carry no SQLSTATE; statement locations skip leading whitespace).
 */
import { hasSqlDetails, loadModule, parseSync } from 'libpg-query'
import { SqlError, SqlState } from '../../errors/index.js'
import { statementBytesMax, statementsPerQueryMax } from '../../limits.js'
import type { Node } from './ast.js'

export interface ParsedStatement {
  readonly node: Node
  /** The statement's own text. */
  readonly text: string
  /** The whole string it came from: AST locations are byte offsets into it. */
  readonly source: SourceText
}

let isLoaded = false

/** Loads the WASM parser; call once before parseSql. Idempotent. */
export async function loadParser(): Promise<void> {
  if (isLoaded) return
  await loadModule()
  isLoaded = true
}

/** Grammar checks in gram.y that PostgreSQL raises with a code other than 42601. */
const grammarCodes: readonly (readonly [RegExp, typeof SqlState.syntaxError])[] = [
  [/not supported/i, SqlState.featureNotSupported],
  [/not yet implemented/i, SqlState.featureNotSupported],
  [/^unrecognized .* option/i, SqlState.syntaxError],
  [/^frame (start|end|starting from)/, SqlState.windowingError],
  [/^role name ".*" is reserved$/, SqlState.reservedName],
]

export function parseSql(sql: string): ParsedStatement[] {
  if (!isLoaded) throw new SqlError(SqlState.internalError, 'SQL parser is not loaded')
  if (Buffer.byteLength(sql) > statementBytesMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `statement is too long (limit is ${statementBytesMax} bytes)`,
    )
  }
  if (sql.includes('\0')) {
    throw new SqlError(
      SqlState.characterNotInRepertoire,
      'invalid byte sequence for encoding "UTF8": 0x00',
    )
  }
  // The parser rejects an empty string; PostgreSQL answers it with EmptyQueryResponse.
  if (sql.trim() === '') return []
  const result = runParser(sql)
  const statements = result.stmts ?? []
  if (statements.length > statementsPerQueryMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `too many statements in one query (limit is ${statementsPerQueryMax})`,
    )
  }
  const source = new SourceText(sql)
  return statements.map((raw) => {
    const location = raw.stmt_location ?? 0
    const length = raw.stmt_len ?? 0
    const text = source.slice(location, length === 0 ? undefined : location + length)
    if (raw.stmt === undefined) {
      throw new SqlError(SqlState.internalError, 'parser returned an empty statement')
    }
    return { node: raw.stmt, text: text.trim(), source }
  })
}

function runParser(sql: string): ReturnType<typeof parseSync> {
  try {
    return parseSync(sql)
  } catch (error: unknown) {
    if (error instanceof RangeError) {
      throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
        hint: 'The statement is nested too deeply.',
      })
    }
    if (hasSqlDetails(error) && error.sqlDetails !== undefined) {
      const { message, cursorPosition, fileName } = error.sqlDetails
      let code = SqlState.syntaxError
      if (fileName === 'gram.y') {
        for (const [pattern, mapped] of grammarCodes) if (pattern.test(message)) code = mapped
      }
      // The parser's cursor is already in characters (PostgreSQL converts it); 0-based.
      const fields = cursorPosition >= 0 ? { position: cursorPosition + 1 } : {}
      return raise(new SqlError(code, message, fields, { cause: error }))
    }
    throw new SqlError(
      SqlState.internalError,
      `parser failed: ${String(error)}`,
      {},
      { cause: error },
    )
  }
}

function raise(error: SqlError): never {
  throw error
}

/**
 * A statement string with conversion from the AST's byte offsets to PostgreSQL's 1-based
 * character positions (errors report characters; the parser's locations count UTF-8 bytes).
 */
export class SourceText {
  readonly text: string
  readonly #bytes: Buffer | undefined

  constructor(text: string) {
    this.text = text
    // Pure ASCII is the common case: bytes and characters coincide, so skip the buffer.
    this.#bytes = Buffer.byteLength(text) === text.length ? undefined : Buffer.from(text)
  }

  /** 1-based character position of a 0-based byte location; undefined when there is none. */
  positionAt(location: number | undefined): number | undefined {
    if (location === undefined || location < 0) return undefined
    if (this.#bytes === undefined) return location + 1
    // PostgreSQL counts characters (code points), not UTF-16 units.
    let characters = 0
    for (const _ of this.#bytes.subarray(0, location).toString('utf8')) characters++
    return characters + 1
  }

  /** The text between two byte offsets. */
  slice(start: number, end?: number): string {
    if (this.#bytes === undefined) return this.text.slice(start, end)
    return this.#bytes.subarray(start, end).toString('utf8')
  }
}
