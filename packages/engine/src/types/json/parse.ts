/**
 * JSON text parsing with PostgreSQL's strictness and error reports (its json lexer and
 * recursive-descent parser, as observed through psql): 22P02 "invalid input syntax for type
 * json" with the DETAIL PostgreSQL gives ('Token "x" is invalid.', 'Expected "," or "]", but
 * found "2".', 'The input string ended unexpectedly.'), 22P05 for \u0000 when strings are
 * de-escaped, and 54001 beyond jsonDepthMax levels of nesting.
 *
 * The parser is iterative (an explicit stack), so deep input cannot overflow the JavaScript
 * stack. It reports what it reads to a sink, which builds a jsonb tree, a json syntax tree with
 * source spans, or nothing (validation). As in PostgreSQL, the token after a scalar is read
 * before the scalar is reported, so a syntax error there wins over, say, a numeric overflow.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { jsonDepthMax } from '../../limits.js'

export type JsonTokenType =
  | 'objectStart'
  | 'objectEnd'
  | 'arrayStart'
  | 'arrayEnd'
  | 'comma'
  | 'colon'
  | 'string'
  | 'number'
  | 'true'
  | 'false'
  | 'null'
  | 'end'

export type JsonScalarToken = 'string' | 'number' | 'true' | 'false' | 'null'

/** What the parser reports. Positions are indices into the text; `end` is exclusive. */
export interface JsonSink {
  /** A scalar; `value` is the de-escaped string for strings when de-escaping, else ''. */
  scalar(type: JsonScalarToken, start: number, end: number, value: string): void
  beginArray(start: number): void
  endArray(end: number): void
  beginObject(start: number): void
  /** An object key (de-escaped when de-escaping, else ''); its value follows. */
  key(name: string): void
  endObject(end: number): void
}

export interface JsonParseOptions {
  /** Decode string escapes and check them as PostgreSQL does when it needs the strings'
   * values (jsonb, most json functions): surrogate pairs must pair, \u0000 is 22P05. */
  readonly deEscape: boolean
  /** Enforce jsonDepthMax (default true). Values read back from storage skip it: a jsonb built
   * by functions may be deeper than text input may be. */
  readonly isDepthLimited?: boolean
}

export function jsonSyntaxError(detail: string): SqlError {
  return new SqlError(SqlState.invalidTextRepresentation, 'invalid input syntax for type json', {
    detail,
  })
}

function unsupportedEscape(): SqlError {
  return new SqlError(SqlState.untranslatableCharacter, 'unsupported Unicode escape sequence', {
    detail: '\\u0000 cannot be converted to text.',
  })
}

function depthExceeded(): SqlError {
  return new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
    hint: `JSON values may nest at most ${jsonDepthMax} arrays and objects deep.`,
  })
}

/** PostgreSQL's JSON_ALPHANUMERIC_CHAR: letters, digits, '_' and any non-ASCII character
 * (every byte of a multi-byte UTF-8 character has its high bit set). */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code >= 0x80
  )
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10
  return -1
}

export class JsonLexer {
  readonly text: string
  readonly #deEscape: boolean
  #pos = 0
  type: JsonTokenType = 'end'
  start = 0
  end = 0
  /** The de-escaped value of the current string token (when de-escaping). */
  value = ''

  constructor(text: string, deEscape: boolean) {
    this.text = text
    this.#deEscape = deEscape
  }

  /** Reads the next token; lexical errors throw. */
  next(): void {
    const text = this.text
    let pos = this.#pos
    while (pos < text.length) {
      const c = text.charCodeAt(pos)
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break
      pos++
    }
    this.start = pos
    if (pos >= text.length) {
      this.type = 'end'
      this.end = pos
      this.#pos = pos
      return
    }
    const c = text.charCodeAt(pos)
    switch (c) {
      case 0x7b:
        this.#single('objectStart', pos)
        return
      case 0x7d:
        this.#single('objectEnd', pos)
        return
      case 0x5b:
        this.#single('arrayStart', pos)
        return
      case 0x5d:
        this.#single('arrayEnd', pos)
        return
      case 0x2c:
        this.#single('comma', pos)
        return
      case 0x3a:
        this.#single('colon', pos)
        return
      case 0x22:
        this.#lexString(pos)
        break
      default:
        if (c === 0x2d || isDigit(c)) this.#lexNumber(pos)
        else this.#lexWord(pos)
    }
    this.#pos = this.end
  }

  #single(type: JsonTokenType, pos: number): void {
    this.type = type
    this.end = pos + 1
    this.#pos = pos + 1
  }

  /** true, false, null, or an invalid token: a run of letters and digits, or one other
   * character (PostgreSQL reports just that one). */
  #lexWord(pos: number): void {
    const text = this.text
    let end = pos
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++
    if (end === pos) throw jsonSyntaxError(`Token "${text[pos]}" is invalid.`)
    const word = text.slice(pos, end)
    if (word === 'true' || word === 'false' || word === 'null') this.type = word
    else throw jsonSyntaxError(`Token "${word}" is invalid.`)
    this.end = end
  }

  /** The current token's type (a call, so type narrowing does not survive next()). */
  peek(): JsonTokenType {
    return this.type
  }

  /** The text of the current token, as error details quote it. */
  tokenText(): string {
    return this.text.slice(this.start, this.end)
  }

  #invalidToken(end: number): SqlError {
    return jsonSyntaxError(`Token "${this.text.slice(this.start, end)}" is invalid.`)
  }

  #lexNumber(start: number): void {
    const text = this.text
    const length = text.length
    let pos = start
    let isError = false
    if (text.charCodeAt(pos) === 0x2d) pos++
    // Integer part: a single 0, or a non-zero digit and more digits.
    if (pos < length && text.charCodeAt(pos) === 0x30) pos++
    else if (pos < length && isDigit(text.charCodeAt(pos))) {
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++
    } else isError = true
    // Fraction: a point and at least one digit.
    if (pos < length && text.charCodeAt(pos) === 0x2e) {
      pos++
      if (pos >= length || !isDigit(text.charCodeAt(pos))) isError = true
      else while (pos < length && isDigit(text.charCodeAt(pos))) pos++
    }
    // Exponent: e or E, an optional sign, at least one digit.
    if (pos < length && (text.charCodeAt(pos) === 0x65 || text.charCodeAt(pos) === 0x45)) {
      pos++
      if (pos < length && (text.charCodeAt(pos) === 0x2b || text.charCodeAt(pos) === 0x2d)) pos++
      if (pos >= length || !isDigit(text.charCodeAt(pos))) isError = true
      else while (pos < length && isDigit(text.charCodeAt(pos))) pos++
    }
    // Trailing letters and digits belong to the (then invalid) token, as in PostgreSQL.
    while (pos < length && isWordChar(text.charCodeAt(pos))) {
      pos++
      isError = true
    }
    if (isError) throw this.#invalidToken(pos)
    this.type = 'number'
    this.end = pos
  }

  #lexString(start: number): void {
    const text = this.text
    const length = text.length
    const deEscape = this.#deEscape
    // Created at the first escape; a string without escapes is one slice of the text.
    let parts: string[] | undefined
    let runStart = start + 1
    let pos = start + 1
    let highSurrogate = -1
    for (;;) {
      if (pos >= length) throw this.#invalidToken(length)
      const c = text.charCodeAt(pos)
      if (c === 0x22) break
      if (c < 0x20) {
        const hex = c.toString(16).padStart(2, '0')
        throw jsonSyntaxError(`Character with value 0x${hex} must be escaped.`)
      }
      if (c !== 0x5c) {
        if (deEscape && highSurrogate !== -1) {
          throw jsonSyntaxError('Unicode low surrogate must follow a high surrogate.')
        }
        pos++
        continue
      }
      // An escape sequence.
      if (deEscape) {
        parts ??= []
        if (pos > runStart) parts.push(text.slice(runStart, pos))
      }
      pos++
      if (pos >= length) throw this.#invalidToken(length)
      const e = text.charCodeAt(pos)
      if (e === 0x75) {
        let code = 0
        for (let i = 0; i < 4; i++) {
          pos++
          if (pos >= length) throw this.#invalidToken(length)
          const digit = hexValue(text.charCodeAt(pos))
          if (digit < 0) {
            throw jsonSyntaxError('"\\u" must be followed by four hexadecimal digits.')
          }
          code = code * 16 + digit
        }
        pos++
        if (deEscape) {
          if (code >= 0xd800 && code <= 0xdbff) {
            if (highSurrogate !== -1) {
              throw jsonSyntaxError('Unicode high surrogate must not follow a high surrogate.')
            }
            highSurrogate = code
          } else if (code >= 0xdc00 && code <= 0xdfff) {
            if (highSurrogate === -1) {
              throw jsonSyntaxError('Unicode low surrogate must follow a high surrogate.')
            }
            parts?.push(String.fromCharCode(highSurrogate, code))
            highSurrogate = -1
          } else {
            if (highSurrogate !== -1) {
              throw jsonSyntaxError('Unicode low surrogate must follow a high surrogate.')
            }
            if (code === 0) throw unsupportedEscape()
            parts?.push(String.fromCharCode(code))
          }
        }
        runStart = pos
        continue
      }
      const simple = simpleEscapes[e]
      if (simple === undefined || (deEscape && highSurrogate !== -1)) {
        if (deEscape && highSurrogate !== -1) {
          throw jsonSyntaxError('Unicode low surrogate must follow a high surrogate.')
        }
        const escaped = String.fromCodePoint(text.codePointAt(pos) ?? e)
        throw jsonSyntaxError(`Escape sequence "\\${escaped}" is invalid.`)
      }
      if (deEscape) parts?.push(simple)
      pos++
      runStart = pos
    }
    if (deEscape) {
      if (highSurrogate !== -1) {
        throw jsonSyntaxError('Unicode low surrogate must follow a high surrogate.')
      }
      if (parts === undefined) this.value = text.slice(start + 1, pos)
      else {
        if (pos > runStart) parts.push(text.slice(runStart, pos))
        this.value = parts.join('')
      }
    } else {
      this.value = ''
    }
    this.type = 'string'
    this.end = pos + 1
  }
}

const simpleEscapes: Readonly<Record<number, string>> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
}

/** Where the parser is, for PostgreSQL's "Expected ..." details. */
type ParseContext =
  | 'value'
  | 'end'
  | 'arrayNext'
  | 'objectStart'
  | 'objectLabel'
  | 'objectNext'
  | 'objectComma'

const expected: Readonly<Record<ParseContext, string>> = {
  value: 'JSON value',
  end: 'end of input',
  arrayNext: '"," or "]"',
  objectStart: 'string or "}"',
  objectLabel: '":"',
  objectNext: '"," or "}"',
  objectComma: 'string',
}

function parseError(context: ParseContext, lexer: JsonLexer): SqlError {
  if (lexer.peek() === 'end') return jsonSyntaxError('The input string ended unexpectedly.')
  return jsonSyntaxError(`Expected ${expected[context]}, but found "${lexer.tokenText()}".`)
}

/** Reads `text` as one JSON value, reporting it to `sink` (or only validating it). */
export function parseJson(text: string, options: JsonParseOptions, sink?: JsonSink): void {
  const lexer = new JsonLexer(text, options.deEscape)
  const depthMax = options.isDepthLimited === false ? Number.POSITIVE_INFINITY : jsonDepthMax
  // true: inside an array, false: inside an object.
  const stack: boolean[] = []
  lexer.next()
  for (;;) {
    // Here the current token must start a value.
    let isValueDone = false
    switch (lexer.peek()) {
      case 'objectStart': {
        if (stack.length >= depthMax) throw depthExceeded()
        sink?.beginObject(lexer.start)
        stack.push(false)
        lexer.next()
        if (lexer.peek() === 'objectEnd') {
          const end = lexer.end
          stack.pop()
          lexer.next()
          sink?.endObject(end)
          isValueDone = true
        } else if (lexer.peek() === 'string') {
          readKey(lexer, sink)
        } else {
          throw parseError('objectStart', lexer)
        }
        break
      }
      case 'arrayStart': {
        if (stack.length >= depthMax) throw depthExceeded()
        sink?.beginArray(lexer.start)
        stack.push(true)
        lexer.next()
        if (lexer.peek() === 'arrayEnd') {
          const end = lexer.end
          stack.pop()
          lexer.next()
          sink?.endArray(end)
          isValueDone = true
        }
        break
      }
      case 'string':
      case 'number':
      case 'true':
      case 'false':
      case 'null': {
        const type = lexer.peek() as JsonScalarToken
        const start = lexer.start
        const end = lexer.end
        const value = lexer.value
        lexer.next()
        sink?.scalar(type, start, end, value)
        isValueDone = true
        break
      }
      default:
        throw parseError('value', lexer)
    }
    if (!isValueDone) continue
    // A value is complete: close containers until one expects another member.
    for (;;) {
      const isArray = stack[stack.length - 1]
      if (isArray === undefined) {
        if (lexer.peek() !== 'end') throw parseError('end', lexer)
        return
      }
      if (lexer.peek() === 'comma') {
        lexer.next()
        if (!isArray) {
          if (lexer.peek() !== 'string') throw parseError('objectComma', lexer)
          readKey(lexer, sink)
        }
        break
      }
      if (isArray && lexer.peek() === 'arrayEnd') {
        const end = lexer.end
        stack.pop()
        lexer.next()
        sink?.endArray(end)
      } else if (!isArray && lexer.peek() === 'objectEnd') {
        const end = lexer.end
        stack.pop()
        lexer.next()
        sink?.endObject(end)
      } else {
        throw parseError(isArray ? 'arrayNext' : 'objectNext', lexer)
      }
    }
  }
}

/** The current token is an object key: reports it and consumes it and the colon. */
function readKey(lexer: JsonLexer, sink: JsonSink | undefined): void {
  const name = lexer.value
  lexer.next()
  if (lexer.peek() !== 'colon') throw parseError('objectLabel', lexer)
  lexer.next()
  sink?.key(name)
}

/** Checks that `text` is valid JSON (json input: strings are not de-escaped). */
export function validateJson(text: string, isDepthLimited = true): void {
  parseJson(text, { deEscape: false, isDepthLimited })
}
