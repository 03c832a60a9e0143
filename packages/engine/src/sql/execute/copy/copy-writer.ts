/**
 * COPY TO's output formats (PostgreSQL 15's copyto.c, rewritten): a row of values becomes a
 * line of text (escaped), a CSV record (quoted where needed) or a binary tuple, in PostgreSQL's
 * exact bytes, so that output compares equal to the real server's.
 */
import type { CopyOptions } from '../../bind/index.js'

/** Text format: a field with backslash, the delimiter and control characters escaped. */
export function escapeTextField(value: string, delimiter: string): string {
  let out = ''
  let runStart = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    let escaped: string | undefined
    if (c < 0x20 || c === 0x5c || value[i] === delimiter) {
      switch (c) {
        case 0x08:
          escaped = '\\b'
          break
        case 0x0c:
          escaped = '\\f'
          break
        case 0x0a:
          escaped = '\\n'
          break
        case 0x0d:
          escaped = '\\r'
          break
        case 0x09:
          escaped = '\\t'
          break
        case 0x0b:
          escaped = '\\v'
          break
        default:
          // The backslash and the delimiter get a backslash before them; other control
          // characters are written as they are, as PostgreSQL does.
          if (c === 0x5c || value[i] === delimiter) escaped = `\\${value[i] as string}`
      }
    }
    if (escaped === undefined) continue
    out += value.slice(runStart, i) + escaped
    runStart = i + 1
  }
  return runStart === 0 ? value : out + value.slice(runStart)
}

/** CSV: a field quoted when it must be (or always, FORCE_QUOTE), quotes and escapes doubled. */
export function csvField(value: string, options: CopyOptions, isForced: boolean): string {
  const { delimiter, quote, nullText } = options
  const escapeChar = options.escape
  const mustQuote =
    isForced ||
    value === nullText ||
    value === '\\.' ||
    value.includes(delimiter) ||
    value.includes(quote) ||
    value.includes('\n') ||
    value.includes('\r')
  if (!mustQuote) return value
  let out = quote
  for (const c of value) {
    if (c === quote || c === escapeChar) out += escapeChar
    out += c
  }
  return out + quote
}

/** A text or CSV line of `fields` (already output text; null for NULL), with its newline. */
export function formatTextLine(
  fields: readonly (string | null)[],
  options: CopyOptions,
  forceQuote: readonly boolean[],
): string {
  const isCsv = options.format === 'csv'
  let line = ''
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += options.delimiter
    const field = fields[i] ?? null
    if (field === null) line += options.nullText
    else if (isCsv) line += csvField(field, options, forceQuote[i] === true)
    else line += escapeTextField(field, options.delimiter)
  }
  return `${line}\n`
}

/** A binary tuple: int16 field count, then per field an int32 length (-1: NULL) and bytes. */
export function formatBinaryTuple(fields: readonly (Uint8Array | null)[]): Uint8Array {
  let size = 2
  for (const field of fields) size += 4 + (field?.length ?? 0)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  view.setInt16(0, fields.length)
  let offset = 2
  for (const field of fields) {
    if (field === null) {
      view.setInt32(offset, -1)
      offset += 4
      continue
    }
    view.setInt32(offset, field.length)
    out.set(field, offset + 4)
    offset += 4 + field.length
  }
  return out
}

/** The binary format's trailer: a field count of -1. */
export function binaryTrailer(): Uint8Array {
  return Uint8Array.of(0xff, 0xff)
}
