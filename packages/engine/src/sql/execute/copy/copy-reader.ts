/**
 * COPY FROM's input formats (PostgreSQL 15's copyfromparse.c, rewritten): the data arrives in
 * chunks of any size; readers find the lines (text, CSV) or tuples (binary) in them and hand
 * each one, split into fields, to `onRow` synchronously. Only the line being read is held (up
 * to copyLineBytesMax), so memory stays bounded whatever the client sends.
 *
 * text   fields split by the delimiter, backslash escapes (\b \f \n \r \t \v, octal \ooo,
 *        hex \xhh, and \c for any other c), NULL where the raw field equals the NULL string.
 * CSV    fields optionally quoted (quotes double or use ESCAPE inside), quoted fields may hold
 *        delimiters and newlines; NULL for an unquoted field equal to the NULL string
 *        (FORCE_NOT_NULL: never; FORCE_NULL: quoted too).
 * both   line ends LF, CRLF or CR, as the first line has it (a different one later is an
 *        error, as in PostgreSQL); a line `\.` ends the data; HEADER skips (MATCH: checks) the
 *        first line.
 * binary PostgreSQL's format: signature, flags, header extension; per tuple an int16 field
 *        count and per field an int32 length (-1: NULL) and the value's binary send format;
 *        an int16 -1 ends the data.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { copyFieldsMax, copyLineBytesMax } from '../../../limits.js'
import { decodeUtf8 } from '../../../types/index.js'
import type { CopyOptions } from '../../bind/index.js'

const lf = 0x0a
const cr = 0x0d
const backslash = 0x5c

/** A line's fields as text (null: NULL), its number, and its text for error context. */
export type TextRowHandler = (fields: (string | null)[], lineNumber: number) => void

/** A tuple's fields in binary (null: NULL) and its number. */
export type BinaryRowHandler = (fields: (Uint8Array | null)[], lineNumber: number) => void

export interface CopyReader {
  push(chunk: Uint8Array): void
  /** The input ended: the last line (without a line end) is read; incomplete data fails. */
  end(): void
  /** Number of the line (or tuple) read last, for error context. */
  readonly lineNumber: number
  /** The line read last, for error context (text and CSV). */
  readonly lineText: string | undefined
}

/** A line with fewer fields than columns, when conversion reaches `column`. */
export function missingColumn(column: string): SqlError {
  return badCopy(`missing data for column "${column}"`)
}

function badCopy(message: string, hint?: string): SqlError {
  return new SqlError(SqlState.badCopyFileFormat, message, hint === undefined ? {} : { hint })
}

/** A growable byte buffer for a line that spans chunks. */
class LineBuffer {
  #bytes = new Uint8Array(256)
  length = 0

  append(chunk: Uint8Array, start: number, end: number): void {
    const needed = this.length + end - start
    if (needed > copyLineBytesMax) {
      throw new SqlError(
        SqlState.programLimitExceeded,
        `COPY line is too long (more than ${copyLineBytesMax} bytes)`,
      )
    }
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2))
      grown.set(this.#bytes.subarray(0, this.length))
      this.#bytes = grown
    }
    this.#bytes.set(chunk.subarray(start, end), this.length)
    this.length = needed
  }

  view(): Uint8Array {
    return this.#bytes.subarray(0, this.length)
  }
}

type LineEnd = 'LF' | 'CR' | 'CRLF'

/** Text and CSV: finds the lines (records) in the chunks and parses each. */
export class CopyTextReader implements CopyReader {
  readonly #options: CopyOptions
  readonly #isCsv: boolean
  readonly #columnNames: readonly string[]
  readonly #forceNotNull: readonly boolean[]
  readonly #forceNull: readonly boolean[]
  readonly #onRow: TextRowHandler
  readonly #line = new LineBuffer()
  #lineEnd: LineEnd | undefined
  /** The last line ended with CR and the next byte is still to come. */
  #afterCr = false
  /** Text: the previous byte was a backslash. CSV: an escape inside quotes. */
  #escapeNext = false
  #inQuote = false
  #isDone = false
  #isHeaderPending: boolean
  lineNumber = 0
  lineText: string | undefined

  constructor(
    options: CopyOptions,
    columns: {
      readonly names: readonly string[]
      readonly forceNotNull: readonly boolean[]
      readonly forceNull: readonly boolean[]
    },
    onRow: TextRowHandler,
  ) {
    this.#options = options
    this.#isCsv = options.format === 'csv'
    this.#columnNames = columns.names
    this.#forceNotNull = columns.forceNotNull
    this.#forceNull = columns.forceNull
    this.#isHeaderPending = options.header !== false
    this.#onRow = onRow
  }

  push(chunk: Uint8Array): void {
    if (this.#isDone) return
    const quote = this.#options.quote.charCodeAt(0)
    const escapeByte = this.#options.escape.charCodeAt(0)
    let start = 0
    let i = 0
    if (this.#afterCr && chunk.length > 0) {
      this.#afterCr = false
      if (this.#lineEnd === undefined) this.#lineEnd = chunk[0] === lf ? 'CRLF' : 'CR'
      if (this.#lineEnd === 'CRLF') {
        if (chunk[0] !== lf) throw this.#strayCr()
        start = 1
        i = 1
      }
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i] as number
      if (this.#escapeNext) {
        this.#escapeNext = false
        continue
      }
      if (this.#isCsv) {
        if (this.#inQuote) {
          if (byte === escapeByte && escapeByte !== quote) this.#escapeNext = true
          else if (byte === quote) this.#inQuote = false
          continue
        }
        if (byte === quote) {
          this.#inQuote = true
          continue
        }
      } else if (byte === backslash) {
        this.#escapeNext = true
        continue
      }
      if (byte !== lf && byte !== cr) continue
      // A line ends here: check the line end against the first line's.
      if (byte === lf) {
        if (this.#lineEnd === undefined) this.#lineEnd = 'LF'
        else if (this.#lineEnd !== 'LF') throw this.#strayLf()
      } else if (this.#lineEnd === 'LF') {
        throw this.#strayCr()
      }
      this.#emit(chunk, start, i)
      if (this.#isDone) return
      start = i + 1
      if (byte === cr) {
        if (i + 1 >= chunk.length) {
          this.#afterCr = true
          return
        }
        if (this.#lineEnd === undefined) this.#lineEnd = chunk[i + 1] === lf ? 'CRLF' : 'CR'
        if (this.#lineEnd === 'CRLF') {
          if (chunk[i + 1] !== lf) throw this.#strayCr()
          i++
          start = i + 1
        }
      }
    }
    if (start < chunk.length) this.#line.append(chunk, start, chunk.length)
  }

  end(): void {
    if (this.#isDone) return
    if (this.#isCsv && this.#inQuote) {
      // The record runs to the end of the data: that is the line the error names.
      this.lineNumber++
      this.lineText = decodeUtf8(this.#line.view())
      throw badCopy('unterminated CSV quoted field')
    }
    if (this.#line.length > 0) this.#emit(new Uint8Array(0), 0, 0)
  }

  /** The error is the next line's, which is not read whole: its context has no text. */
  #onStrayLineEnd(): void {
    this.lineNumber++
    this.lineText = undefined
  }

  #strayCr(): SqlError {
    this.#onStrayLineEnd()
    return this.#isCsv
      ? badCopy(
          'unquoted carriage return found in data',
          'Use quoted CSV field to represent carriage return.',
        )
      : badCopy('literal carriage return found in data', 'Use "\\r" to represent carriage return.')
  }

  #strayLf(): SqlError {
    this.#onStrayLineEnd()
    return this.#isCsv
      ? badCopy('unquoted newline found in data', 'Use quoted CSV field to represent newline.')
      : badCopy('literal newline found in data', 'Use "\\n" to represent newline.')
  }

  /** The line made of what is buffered and chunk[start, end). */
  #emit(chunk: Uint8Array, start: number, end: number): void {
    let bytes: Uint8Array
    if (this.#line.length > 0) {
      this.#line.append(chunk, start, end)
      bytes = this.#line.view()
    } else {
      if (end - start > copyLineBytesMax) this.#line.append(chunk, start, end) // throws
      bytes = chunk.subarray(start, end)
    }
    this.lineNumber++
    this.lineText = undefined
    const text = decodeUtf8(bytes)
    this.#line.length = 0
    this.lineText = text
    if (text === '\\.') {
      this.#isDone = true
      return
    }
    if (this.#isHeaderPending) {
      this.#isHeaderPending = false
      if (this.#options.header === 'match') this.#matchHeader(text, bytes)
      return
    }
    this.#onRow(this.#split(text, bytes), this.lineNumber)
  }

  #split(text: string, bytes: Uint8Array): (string | null)[] {
    const fields = this.#isCsv ? this.#splitCsv(text) : this.#splitText(text, bytes)
    // Too few fields fail when conversion reaches the first missing one (missingColumn), after
    // the ones before it are converted, as in PostgreSQL.
    if (fields.length > this.#columnNames.length) {
      throw badCopy('extra data after last expected column')
    }
    return fields
  }

  #matchHeader(text: string, bytes: Uint8Array): void {
    const names = this.#isCsv ? this.#splitCsv(text) : this.#splitText(text, bytes)
    if (names.length !== this.#columnNames.length) {
      throw badCopy(
        `wrong number of fields in header line: got ${names.length}, expected ${this.#columnNames.length}`,
      )
    }
    names.forEach((name, index) => {
      const expected = this.#columnNames[index] ?? ''
      if (name === null) {
        throw badCopy(
          `column name mismatch in header line field ${index + 1}: got null value ("${this.#options.nullText}"), expected "${expected}"`,
        )
      }
      if (name !== expected) {
        throw badCopy(
          `column name mismatch in header line field ${index + 1}: got "${name}", expected "${expected}"`,
        )
      }
    })
  }

  /** Text format: fields of the line, escapes resolved at the byte level (\x and octal
   * escapes make bytes, which must together be valid UTF-8). */
  #splitText(text: string, bytes: Uint8Array): (string | null)[] {
    const delimiter = this.#options.delimiter
    const nullText = this.#options.nullText
    if (!text.includes('\\')) {
      const raw = text.split(delimiter)
      if (raw.length > copyFieldsMax) throw tooManyFields()
      return raw.map((field) => (field === nullText ? null : field))
    }
    const delimiterByte = delimiter.charCodeAt(0)
    const fields: (string | null)[] = []
    let i = 0
    for (;;) {
      if (fields.length >= copyFieldsMax) throw tooManyFields()
      const rawStart = i
      const out: number[] = []
      let hasEscape = false
      while (i < bytes.length && bytes[i] !== delimiterByte) {
        const byte = bytes[i] as number
        if (byte !== backslash || i + 1 >= bytes.length) {
          out.push(byte)
          i++
          continue
        }
        hasEscape = true
        i = readEscape(bytes, i + 1, out)
      }
      // NULL is the raw field (escapes unresolved) equal to the NULL string, as in PostgreSQL.
      const raw = decodeUtf8(bytes.subarray(rawStart, i))
      if (raw === nullText) fields.push(null)
      else fields.push(hasEscape ? decodeUtf8(Uint8Array.from(out)) : raw)
      if (i >= bytes.length) return fields
      i++ // the delimiter
    }
  }

  /** CSV: fields of the record, quotes and escapes resolved. */
  #splitCsv(text: string): (string | null)[] {
    const { delimiter, quote, nullText } = this.#options
    const escapeChar = this.#options.escape
    const fields: (string | null)[] = []
    let i = 0
    const n = text.length
    for (;;) {
      if (fields.length >= copyFieldsMax) throw tooManyFields()
      const index = fields.length
      const rawStart = i
      let value = ''
      let isQuoted = false
      while (i < n) {
        const c = text[i] as string
        if (c === delimiter) break
        if (c !== quote) {
          // An unquoted run: up to the next delimiter or quote.
          let end = i + 1
          while (end < n && text[end] !== delimiter && text[end] !== quote) end++
          value += text.slice(i, end)
          i = end
          continue
        }
        isQuoted = true
        i++
        let runStart = i
        for (;;) {
          if (i >= n) throw badCopy('unterminated CSV quoted field')
          const q = text[i] as string
          if (
            q === escapeChar &&
            i + 1 < n &&
            (text[i + 1] === quote || (escapeChar !== quote && text[i + 1] === escapeChar))
          ) {
            value += text.slice(runStart, i) + (text[i + 1] as string)
            i += 2
            runStart = i
            continue
          }
          if (q === quote) {
            value += text.slice(runStart, i)
            i++
            break
          }
          i++
        }
      }
      const raw = text.slice(rawStart, i)
      if (!isQuoted && raw === nullText && this.#forceNotNull[index] !== true) fields.push(null)
      else if (isQuoted && this.#forceNull[index] === true && value === nullText) fields.push(null)
      else fields.push(value)
      if (i >= n) return fields
      i++ // the delimiter
    }
  }
}

function tooManyFields(): SqlError {
  return new SqlError(
    SqlState.programLimitExceeded,
    `COPY line has more than ${copyFieldsMax} fields`,
  )
}

/** Resolves the escape whose letter is at bytes[at] into `out`; returns the next index. */
function readEscape(bytes: Uint8Array, at: number, out: number[]): number {
  const c = bytes[at] as number
  if (c >= 0x30 && c <= 0x37) {
    let value = c - 0x30
    let i = at + 1
    for (let digits = 1; digits < 3 && i < bytes.length; digits++, i++) {
      const d = bytes[i] as number
      if (d < 0x30 || d > 0x37) break
      value = value * 8 + (d - 0x30)
    }
    out.push(value & 0xff)
    return i
  }
  if (c === 0x78 /* x */) {
    let value = 0
    let i = at + 1
    let digits = 0
    for (; digits < 2 && i < bytes.length; digits++, i++) {
      const d = hexValue(bytes[i] as number)
      if (d < 0) break
      value = value * 16 + d
    }
    if (digits === 0) {
      out.push(c)
      return at + 1
    }
    out.push(value)
    return i
  }
  const simple: Record<number, number> = { 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11 }
  out.push(simple[c] ?? c)
  return at + 1
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10
  return -1
}

const binarySignature = Uint8Array.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00,
])

/** The binary format's file header (signature, flags, empty extension), for COPY TO. */
export function binaryCopyHeader(): Uint8Array {
  const header = new Uint8Array(binarySignature.length + 8)
  header.set(binarySignature)
  return header
}

/** Binary format: header, then tuples, then the trailer. */
export class CopyBinaryReader implements CopyReader {
  readonly #columnCount: number
  readonly #onRow: BinaryRowHandler
  readonly #buffer = new LineBuffer()
  #offset = 0
  #isHeaderRead = false
  #isDone = false
  lineNumber = 0
  readonly lineText = undefined

  constructor(columnCount: number, onRow: BinaryRowHandler) {
    this.#columnCount = columnCount
    this.#onRow = onRow
  }

  push(chunk: Uint8Array): void {
    if (this.#isDone) return
    // Keep only unread bytes: drop what earlier tuples consumed before appending.
    if (this.#offset > 0) {
      const rest = this.#buffer.view().slice(this.#offset)
      this.#buffer.length = 0
      this.#buffer.append(rest, 0, rest.length)
      this.#offset = 0
    }
    this.#buffer.append(chunk, 0, chunk.length)
    this.#read()
  }

  end(): void {
    if (this.#isDone) return
    this.#read()
    if (this.#isDone) return
    if (!this.#isHeaderRead) throw badCopy('COPY file signature not recognized')
    if (this.#offset < this.#buffer.length) throw badCopy('unexpected EOF in COPY data')
    // PostgreSQL accepts input that ends without the trailer.
  }

  #read(): void {
    const bytes = this.#buffer.view()
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (!this.#isHeaderRead) {
      if (bytes.length < binarySignature.length + 8) return
      for (let i = 0; i < binarySignature.length; i++) {
        if (bytes[i] !== binarySignature[i]) throw badCopy('COPY file signature not recognized')
      }
      const flags = view.getInt32(binarySignature.length)
      if ((flags & (1 << 16)) !== 0) throw badCopy('invalid COPY file header (WITH OIDS)')
      if ((flags & 0xfffe_0000) !== 0)
        throw badCopy('unrecognized critical flags in COPY file header')
      const extension = view.getInt32(binarySignature.length + 4)
      if (extension < 0) throw badCopy('invalid COPY file header (missing length)')
      const start = binarySignature.length + 8 + extension
      if (bytes.length < start) return
      this.#offset = start
      this.#isHeaderRead = true
    }
    for (;;) {
      const at = this.#offset
      if (bytes.length - at < 2) return
      const count = view.getInt16(at)
      if (count === -1) {
        this.#isDone = true
        return
      }
      if (count !== this.#columnCount) {
        this.lineNumber++
        throw badCopy(`row field count is ${count}, expected ${this.#columnCount}`)
      }
      let i = at + 2
      const fields: (Uint8Array | null)[] = []
      for (let field = 0; field < count; field++) {
        if (bytes.length - i < 4) return
        const length = view.getInt32(i)
        i += 4
        if (length === -1) {
          fields.push(null)
          continue
        }
        if (length < 0) throw badCopy('invalid field size')
        if (bytes.length - i < length) return
        fields.push(bytes.slice(i, i + length))
        i += length
      }
      this.#offset = i
      this.lineNumber++
      this.#onRow(fields, this.lineNumber)
    }
  }
}
