/**
 * Type behaviours of the text family (see ../type-behaviour.ts): bool, text, varchar, bpchar
 * (char(n)), name, "char", bytea, uuid, enums, unknown, void and record, with PostgreSQL 15's
 * input forms, output, binary send/receive format and errors. Text compares in the "C"
 * collation (code point order); bpchar ignores trailing spaces when comparing, hashing and
 * indexing, as PostgreSQL's bpchar operators do.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import type { KeyWriter } from '../../lib/keycode.js'
import { compareText } from '../compare.js'
import { formatType, type SqlType, type SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'
import type { Value } from '../value.js'
import { byteaBehaviour } from './text-bytea.js'
import {
  BinaryReader,
  checkNoNul,
  codePointLength,
  codePointOffset,
  decodeUtf8,
  expectBoolean,
  expectString,
  trimTrailingSpaces,
  utf8,
  utf8Length,
  writeTextKey,
} from './text-codec.js'
import { recordBehaviour } from './text-record.js'

/** C isspace(): what PostgreSQL trims around booleans. */
function trimCSpace(text: string): string {
  return text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '')
}

/** PostgreSQL's parse_bool: unique prefixes of true/false/yes/no, on/off (two letters), 1/0. */
export function parseBoolean(text: string): boolean {
  const word = trimCSpace(text).toLowerCase()
  if (word.length > 0) {
    const matches = (full: string, shortest: number) =>
      word.length >= shortest && full.startsWith(word)
    if (word === '1' || matches('true', 1) || matches('yes', 1) || matches('on', 2)) return true
    if (word === '0' || matches('false', 1) || matches('no', 1) || matches('off', 2)) return false
  }
  throw new SqlError(
    SqlState.invalidTextRepresentation,
    `invalid input syntax for type boolean: "${text}"`,
  )
}

const boolBehaviour: TypeBehaviour = {
  input: (text) => parseBoolean(text),
  output: (value) => (expectBoolean(value) ? 't' : 'f'),
  send: (value) => Uint8Array.of(expectBoolean(value) ? 1 : 0),
  receive(bytes) {
    const reader = new BinaryReader(bytes)
    const byte = reader.byte()
    reader.end()
    return byte !== 0
  },
  compare: (a, b) => Number(expectBoolean(a)) - Number(expectBoolean(b)),
  hashKey: (value) => expectBoolean(value),
  encodeKey: (value, _type, out) => out.push(expectBoolean(value) ? 1 : 0),
}

function tooLong(type: SqlType): SqlError {
  return new SqlError(
    SqlState.stringDataRightTruncation,
    `value too long for type ${formatType(type)}`,
  )
}

/**
 * The first `max` characters of `text` when it is longer: an explicit cast truncates silently,
 * an assignment only when every character cut off is a space (22001 otherwise). Returns the
 * text unchanged when it fits, and its character count either way.
 */
function fitLength(
  text: string,
  max: number,
  type: SqlType,
  isExplicit: boolean,
): { text: string; length: number } {
  if (text.length <= max) return { text, length: codePointLength(text) }
  const length = codePointLength(text)
  if (length <= max) return { text, length }
  const cut = codePointOffset(text, max)
  if (!isExplicit) {
    for (let i = cut; i < text.length; i++) {
      if (text.charCodeAt(i) !== 0x20) throw tooLong(type)
    }
  }
  return { text: text.slice(0, cut), length: max }
}

function textLike(kind: 'text' | 'varchar' | 'unknown'): TypeBehaviour {
  const behaviour: TypeBehaviour = {
    input: (text) => checkNoNul(text),
    output: (value) => expectString(value, kind),
    send: (value) => utf8(expectString(value, kind)),
    receive: (bytes) => decodeUtf8(bytes),
    compare: (a, b) => compareText(expectString(a, kind), expectString(b, kind)),
    hashKey: (value) => expectString(value, kind),
    encodeKey: (value, _type, out) => writeTextKey(expectString(value, kind), out),
  }
  if (kind !== 'varchar') return behaviour
  return {
    ...behaviour,
    applyTypmod(value, type, isExplicit) {
      const text = expectString(value, kind)
      if (type.typmod < 4) return text
      return fitLength(text, type.typmod - 4, type, isExplicit).text
    },
  }
}

/** char(n): padded with spaces to n on coercion; trailing spaces do not count in comparison. */
const bpcharBehaviour: TypeBehaviour = {
  input: (text) => checkNoNul(text),
  output: (value) => expectString(value, 'bpchar'),
  send: (value) => utf8(expectString(value, 'bpchar')),
  receive: (bytes) => decodeUtf8(bytes),
  compare: (a, b) =>
    compareText(
      trimTrailingSpaces(expectString(a, 'bpchar')),
      trimTrailingSpaces(expectString(b, 'bpchar')),
    ),
  hashKey: (value) => trimTrailingSpaces(expectString(value, 'bpchar')),
  encodeKey: (value, _type, out) =>
    writeTextKey(trimTrailingSpaces(expectString(value, 'bpchar')), out),
  applyTypmod(value, type, isExplicit) {
    const text = expectString(value, 'bpchar')
    if (type.typmod < 4) return text
    const max = type.typmod - 4
    const fitted = fitLength(text, max, type, isExplicit)
    return fitted.length < max ? fitted.text + ' '.repeat(max - fitted.length) : fitted.text
  },
}

/** NAMEDATALEN - 1: longer names are cut at a character boundary. */
const nameBytesMax = 63

/** The longest prefix of whole characters that fits in 63 UTF-8 bytes (pg_mbcliplen). */
export function truncateName(text: string): string {
  if (text.length <= nameBytesMax / 3 || utf8Length(text) <= nameBytesMax) return text
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = utf8Length(char)
    if (bytes + size > nameBytesMax) break
    bytes += size
    end += char.length
  }
  return text.slice(0, end)
}

const nameBehaviour: TypeBehaviour = {
  input: (text) => truncateName(checkNoNul(text)),
  output: (value) => expectString(value, 'name'),
  send: (value) => utf8(expectString(value, 'name')),
  receive(bytes) {
    const text = decodeUtf8(bytes)
    if (bytes.length > nameBytesMax) {
      throw new SqlError(SqlState.nameTooLong, 'identifier too long', {
        detail: `Identifier must be less than ${nameBytesMax + 1} characters.`,
      })
    }
    return text
  },
  compare: (a, b) => compareText(expectString(a, 'name'), expectString(b, 'name')),
  hashKey: (value) => expectString(value, 'name'),
  encodeKey: (value, _type, out) => writeTextKey(expectString(value, 'name'), out),
}

/**
 * "char": one byte, held as '' (byte 0) or a one-character string whose code is the byte
 * (1..255). Input takes the first byte of the UTF-8 text, or \ooo octal; output prints bytes
 * above 127 as \ooo, as PostgreSQL 15 does. Compared as unsigned bytes.
 */
export function charFromText(text: string): string {
  if (text.length === 4 && text[0] === '\\' && /^[0-7]{3}$/.test(text.slice(1))) {
    return charFromByte(Number.parseInt(text.slice(1), 8) & 0xff)
  }
  if (text.length === 0) return ''
  const code = text.charCodeAt(0)
  return charFromByte(code < 0x80 ? code : (utf8(text.slice(0, 2))[0] ?? 0))
}

export function charFromByte(byte: number): string {
  return byte === 0 ? '' : String.fromCharCode(byte)
}

export function charByte(value: Value): number {
  const text = expectString(value, '"char"')
  if (text.length > 1) throw new InternalError('"char" value longer than one byte')
  return text.length === 0 ? 0 : text.charCodeAt(0)
}

/** charout: the character itself below 128, \ooo above, '' for byte 0. */
export function charToText(value: Value): string {
  const byte = charByte(value)
  if (byte < 0x80) return byte === 0 ? '' : String.fromCharCode(byte)
  return `\\${byte.toString(8).padStart(3, '0')}`
}

const charBehaviour: TypeBehaviour = {
  input: (text) => charFromText(checkNoNul(text)),
  output: (value) => charToText(value),
  send: (value) => Uint8Array.of(charByte(value)),
  receive(bytes) {
    const reader = new BinaryReader(bytes)
    const byte = reader.byte()
    reader.end()
    return charFromByte(byte)
  },
  compare: (a, b) => charByte(a) - charByte(b),
  hashKey: (value) => charByte(value),
  encodeKey: (value, _type, out) => out.push(charByte(value)),
}

/** uuid: 32 hex digits, optionally in braces, with a hyphen allowed after any group of four. */
const uuidPattern = /^(?:[0-9a-fA-F]{4}-?){7}[0-9a-fA-F]{4}$/

export function parseUuid(text: string): string {
  const body = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text
  if (!uuidPattern.test(body)) {
    throw new SqlError(
      SqlState.invalidTextRepresentation,
      `invalid input syntax for type uuid: "${text}"`,
    )
  }
  return formatUuidHex(body.replaceAll('-', '').toLowerCase())
}

function formatUuidHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function uuidBytes(value: Value): Uint8Array {
  return Uint8Array.from(Buffer.from(expectString(value, 'uuid').replaceAll('-', ''), 'hex'))
}

const uuidBehaviour: TypeBehaviour = {
  input: (text) => parseUuid(text),
  output: (value) => expectString(value, 'uuid'),
  send: (value) => uuidBytes(value),
  receive(bytes) {
    const reader = new BinaryReader(bytes)
    const raw = reader.take(16)
    reader.end()
    return formatUuidHex(Buffer.from(raw).toString('hex'))
  },
  // The canonical lower-case form orders like the 16 bytes.
  compare: (a, b) => compareText(expectString(a, 'uuid'), expectString(b, 'uuid')),
  hashKey: (value) => expectString(value, 'uuid'),
  encodeKey(value, _type, out) {
    for (const byte of uuidBytes(value)) out.push(byte)
  },
}

const enumPositions = new WeakMap<readonly string[], ReadonlyMap<string, number>>()

function labelsOf(type: SqlType): readonly string[] {
  if (type.enumLabels === undefined) throw new InternalError(`enum ${type.name} has no labels`)
  return type.enumLabels
}

function positions(type: SqlType): ReadonlyMap<string, number> {
  const labels = labelsOf(type)
  let found = enumPositions.get(labels)
  if (found === undefined) {
    found = new Map(labels.map((label, i) => [label, i]))
    enumPositions.set(labels, found)
  }
  return found
}

/** An enum value's position in its type's sort order. */
export function enumPosition(value: Value, type: SqlType): number {
  const position = positions(type).get(expectString(value, 'enum'))
  if (position === undefined) {
    throw new InternalError(`"${String(value)}" is not a label of enum ${type.name}`)
  }
  return position
}

function enumLabel(text: string, type: SqlType): string {
  const position = positions(type).get(text)
  if (position === undefined) {
    throw new SqlError(
      SqlState.invalidTextRepresentation,
      `invalid input value for enum ${type.name}: "${text}"`,
    )
  }
  if (type.enumMembers?.[position]?.isUncommitted === true) {
    throw new SqlError(
      SqlState.unsafeNewEnumValueUsage,
      `unsafe use of new value "${text}" of enum type ${type.name}`,
      { hint: 'New enum values must be committed before they can be used.' },
    )
  }
  return text
}

const enumBehaviour: TypeBehaviour = {
  input: (text, type) => enumLabel(text, type),
  output: (value) => expectString(value, 'enum'),
  send: (value) => utf8(expectString(value, 'enum')),
  receive: (bytes, type) => enumLabel(decodeUtf8(bytes), type),
  compare: (a, b, type) => enumPosition(a, type) - enumPosition(b, type),
  hashKey: (value) => expectString(value, 'enum'),
  // The member's sort key, not its position: positions shift when ADD VALUE inserts before
  // existing labels, sort keys never change (enum-type.ts). Escaped and terminated like text.
  encodeKey(value, type, out: KeyWriter) {
    const members = type.enumMembers
    if (members === undefined) throw new InternalError(`enum ${type.name} has no members`)
    const member = members[enumPosition(value, type)]
    if (member === undefined) throw new InternalError(`enum ${type.name} lost a member`)
    for (const byte of member.sortKey) {
      out.push(byte)
      if (byte === 0) out.push(0xff)
    }
    out.push(0x00)
    out.push(0x01)
  },
}

/** void: the result of functions that return nothing; it prints as an empty string. */
const voidBehaviour: TypeBehaviour = {
  input: () => '',
  output: () => '',
  send: () => new Uint8Array(0),
  receive(bytes) {
    new BinaryReader(bytes).end()
    return ''
  },
  compare() {
    throw new SqlError(
      SqlState.undefinedFunction,
      'could not identify an ordering operator for type void',
    )
  },
  hashKey() {
    throw new SqlError(
      SqlState.undefinedFunction,
      'could not identify an equality operator for type void',
    )
  },
  encodeKey() {
    throw new SqlError(
      SqlState.undefinedFunction,
      'could not identify an ordering operator for type void',
    )
  },
}

export const textBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {
  bool: boolBehaviour,
  text: textLike('text'),
  varchar: textLike('varchar'),
  unknown: textLike('unknown'),
  bpchar: bpcharBehaviour,
  name: nameBehaviour,
  char: charBehaviour,
  bytea: byteaBehaviour,
  uuid: uuidBehaviour,
  enum: enumBehaviour,
  void: voidBehaviour,
  record: recordBehaviour,
}
