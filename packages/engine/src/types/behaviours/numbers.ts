/**
 * Type behaviours of the numbers family (see ../type-behaviour.ts): int2, int4, int8, float4,
 * float8, numeric, oid and the reg* OID aliases.
 *
 * Key encodings (payload only; keycode.ts adds the NULL tags and DESC inversion):
 *   integers  keycode's integer format: 8 bytes big-endian two's complement with the sign bit
 *             flipped, shared by int2, int4, int8 and oid, so 1::int2 and 1::int8 encode alike.
 *   floats    8 bytes: the IEEE bits of the double (float4 values widened exactly), sign bit
 *             flipped for positives and all bits inverted for negatives; -0 is encoded as 0 and
 *             every NaN as one NaN above +Infinity, as PostgreSQL orders them.
 *   numeric   one tag byte (-Infinity 0x01, negative 0x02, zero 0x03, positive 0x04, Infinity
 *             0x05, NaN 0x06); finite non-zero values then carry the decimal exponent E of
 *             0.d1d2... × 10^E as 4 bytes (E + 2^31, big-endian) and the significant digits two
 *             per byte (pair + 1, the last digit of an odd count paired with 0), then 0x00.
 *             Trailing zeros are dropped first, so 1.0 and 1.00 encode alike. Negative values
 *             invert every byte after the tag, which reverses their order.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { KeyWriter } from '../../lib/keycode.js'
import { formatFloat4, formatFloat8, parseFloat4, parseFloat8 } from '../float-format.js'
import { compareNumeric, Numeric } from '../numeric.js'
import {
  absBig,
  applyNumericTypmod,
  digitCount,
  minScale,
  parseNumeric,
  pow10,
  toBase10000,
} from '../numeric-arithmetic.js'
import { parseQualifiedName } from '../qualified-name.js'
import type { SqlType, SqlTypeKind } from '../sql-type.js'
import type { RegKind, RelationNames, TypeBehaviour, TypeContext } from '../type-behaviour.js'
import type { Value } from '../value.js'

// ---------------------------------------------------------------------------------------------
// Shared helpers

function trimSpace(text: string): string {
  return text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '')
}

function badBinary(type: SqlType): SqlError {
  return new SqlError(
    SqlState.invalidBinaryRepresentation,
    `incorrect binary data format for type ${type.displayName}`,
  )
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function expectLength(bytes: Uint8Array, length: number, type: SqlType): DataView {
  if (bytes.length !== length) throw badBinary(type)
  return view(bytes)
}

function asInteger(value: Value): bigint | number {
  if (typeof value === 'number' || typeof value === 'bigint') return value
  throw new SqlError(SqlState.internalError, `expected an integer, got ${typeof value}`)
}

function asNumber(value: Value): number {
  if (typeof value === 'number') return value
  throw new SqlError(SqlState.internalError, `expected a number, got ${typeof value}`)
}

function asNumeric(value: Value): Numeric {
  if (value instanceof Numeric) return value
  throw new SqlError(SqlState.internalError, `expected a numeric, got ${typeof value}`)
}

const signFlip = 0x8000_0000_0000_0000n

/** keycode's integer format: shared by every integer width and oid. */
function encodeIntegerKey(value: bigint | number, out: KeyWriter): void {
  const bits = BigInt.asUintN(64, BigInt(value)) ^ signFlip
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((bits >> shift) & 0xffn))
}

function compareIntegers(a: Value, b: Value): number {
  const x = asInteger(a)
  const y = asInteger(b)
  return x < y ? -1 : x > y ? 1 : 0
}

// ---------------------------------------------------------------------------------------------
// Integers

const integerRanges = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
} as const

type IntegerKind = keyof typeof integerRanges

/** PostgreSQL's pg_strtoint16/32/64: whitespace, an optional sign, decimal digits. */
export function parseIntegerText(text: string, type: SqlType, kind: IntegerKind): bigint {
  const trimmed = trimSpace(text)
  if (!/^[+-]?\d+$/.test(trimmed)) {
    throw new SqlError(
      SqlState.invalidTextRepresentation,
      `invalid input syntax for type ${type.displayName}: "${text}"`,
    )
  }
  const value = BigInt(trimmed)
  const [min, max] = integerRanges[kind]
  if (value < min || value > max) {
    throw new SqlError(
      SqlState.numericValueOutOfRange,
      `value "${text}" is out of range for type ${type.displayName}`,
    )
  }
  return value
}

function integerBehaviour(kind: IntegerKind, size: 2 | 4 | 8): TypeBehaviour {
  return {
    input(text, type) {
      const value = parseIntegerText(text, type, kind)
      return kind === 'int8' ? value : Number(value)
    },
    output(value) {
      return String(asInteger(value))
    },
    send(value) {
      const bytes = new Uint8Array(size)
      const data = view(bytes)
      const v = asInteger(value)
      if (size === 2) data.setInt16(0, Number(v))
      else if (size === 4) data.setInt32(0, Number(v))
      else data.setBigInt64(0, BigInt(v))
      return bytes
    },
    receive(bytes, type) {
      const data = expectLength(bytes, size, type)
      if (size === 2) return data.getInt16(0)
      if (size === 4) return data.getInt32(0)
      return data.getBigInt64(0)
    },
    compare: compareIntegers,
    hashKey(value) {
      // int2, int4 and int8 values that are equal hash alike (PostgreSQL's integer_ops).
      const v = asInteger(value)
      if (typeof v === 'number') return v
      return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v
    },
    encodeKey(value, _type, out) {
      encodeIntegerKey(asInteger(value), out)
    },
  }
}

// ---------------------------------------------------------------------------------------------
// OID and the reg* aliases

/**
 * oidin: C's strtoul, so a leading '-' wraps around; the result must be an unsigned 32-bit
 * value or a sign-extended signed one (-2147483648..4294967295 after wrapping).
 */
export function parseOidText(text: string, type: SqlType): number {
  const trimmed = trimSpace(text)
  if (!/^[+-]?\d+$/.test(trimmed)) {
    throw new SqlError(
      SqlState.invalidTextRepresentation,
      `invalid input syntax for type ${type.displayName}: "${text}"`,
    )
  }
  const outOfRange = new SqlError(
    SqlState.numericValueOutOfRange,
    `value "${text}" is out of range for type ${type.displayName}`,
  )
  const magnitude = BigInt(trimmed.replace(/^[+-]/, ''))
  if (magnitude > 0xffff_ffff_ffff_ffffn) throw outOfRange
  const wrapped = trimmed.startsWith('-') ? BigInt.asUintN(64, -magnitude) : magnitude
  if (wrapped > 0xffff_ffffn && wrapped < 0xffff_ffff_8000_0000n) throw outOfRange
  return Number(wrapped & 0xffff_ffffn)
}

/**
 * oid and reg* values are unsigned 32-bit numbers. regclass reads and prints relation names
 * through the catalog the TypeContext carries (regclass-input.ts); regtype and regproc, and
 * regclass without a catalog, print the number and read only numbers (a name is 0A000).
 */
function oidBehaviour(): TypeBehaviour {
  return {
    input(text, type, context) {
      const isNumber = /^[ \t\n\r\v\f]*[+-]?\d+[ \t\n\r\v\f]*$/.test(text)
      if (type.kind === 'regclass' && !isNumber && context.relationNames !== undefined) {
        return readRegclass(text, context.relationNames)
      }
      const names = context.relationNames
      if (!isNumber && isRegKind(type.kind) && names?.objectOid !== undefined) {
        return names.objectOid(type.kind, text.trim())
      }
      if (type.kind !== 'oid' && !isNumber) {
        throw new SqlError(
          SqlState.featureNotSupported,
          `reading ${type.displayName} names is not supported yet`,
        )
      }
      return parseOidText(text, type)
    },
    output(value, type, context) {
      const oid = asNumber(value)
      if (type.kind === 'regclass') {
        const name = context.relationNames?.nameOf(oid)
        if (name !== undefined) return name
      }
      if (isRegKind(type.kind) && oid !== 0) {
        const name = context.relationNames?.objectName?.(type.kind, oid)
        if (name !== undefined) return name
      }
      if (type.kind !== 'oid' && oid === 0) return '-'
      return String(oid)
    },
    send(value) {
      const bytes = new Uint8Array(4)
      view(bytes).setUint32(0, asNumber(value))
      return bytes
    },
    receive(bytes, type) {
      return expectLength(bytes, 4, type).getUint32(0)
    },
    compare: compareIntegers,
    hashKey(value) {
      return asNumber(value)
    },
    encodeKey(value, _type, out) {
      encodeIntegerKey(asNumber(value), out)
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Floats

/** PostgreSQL's float comparison: NaN equals NaN and sorts above everything; -0 equals 0. */
export function compareFloats(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1
  if (Number.isNaN(b)) return -1
  return a < b ? -1 : a > b ? 1 : 0
}

const keyBuffer = new DataView(new ArrayBuffer(8))

function encodeFloatKey(x: number, out: KeyWriter): void {
  if (Number.isNaN(x)) {
    keyBuffer.setFloat64(0, Number.NaN)
  } else {
    keyBuffer.setFloat64(0, x === 0 ? 0 : x)
  }
  let high = keyBuffer.getUint32(0)
  let low = keyBuffer.getUint32(4)
  if (Number.isNaN(x)) {
    high = 0x7ff80000
    low = 0
  }
  if (high & 0x8000_0000) {
    high = ~high >>> 0
    low = ~low >>> 0
  } else {
    high = (high | 0x8000_0000) >>> 0
  }
  out.push(high >>> 24)
  out.push((high >>> 16) & 0xff)
  out.push((high >>> 8) & 0xff)
  out.push(high & 0xff)
  out.push(low >>> 24)
  out.push((low >>> 16) & 0xff)
  out.push((low >>> 8) & 0xff)
  out.push(low & 0xff)
}

function floatBehaviour(isFloat4: boolean): TypeBehaviour {
  return {
    input(text) {
      return isFloat4 ? parseFloat4(text) : parseFloat8(text)
    },
    output(value, _type, context: TypeContext) {
      const x = asNumber(value)
      return isFloat4
        ? formatFloat4(x, context.extraFloatDigits)
        : formatFloat8(x, context.extraFloatDigits)
    },
    send(value) {
      const bytes = new Uint8Array(isFloat4 ? 4 : 8)
      if (isFloat4) view(bytes).setFloat32(0, asNumber(value))
      else view(bytes).setFloat64(0, asNumber(value))
      return bytes
    },
    receive(bytes, type) {
      const data = expectLength(bytes, isFloat4 ? 4 : 8, type)
      return isFloat4 ? data.getFloat32(0) : data.getFloat64(0)
    },
    compare(a, b) {
      return compareFloats(asNumber(a), asNumber(b))
    },
    hashKey(value) {
      const x = asNumber(value)
      if (Number.isNaN(x)) return 'NaN'
      return x === 0 ? 0 : x
    },
    encodeKey(value, _type, out) {
      encodeFloatKey(asNumber(value), out)
    },
  }
}

// ---------------------------------------------------------------------------------------------
// numeric

const numericSignPositive = 0x0000
const numericSignNegative = 0x4000
const numericSignNaN = 0xc000
const numericSignInfinity = 0xd000
const numericSignMinusInfinity = 0xf000

/** numeric_send: ndigits, weight, sign, dscale (int16 each), then base-10000 digits. */
export function sendNumeric(value: Numeric): Uint8Array {
  let sign: number
  let weight = 0
  let digits: number[] = []
  let scale = 0
  switch (value.kind) {
    case 'nan':
      sign = numericSignNaN
      break
    // PostgreSQL sends the infinities with a display scale of 0x20 (bits of their header).
    case 'infinity':
      sign = numericSignInfinity
      scale = 0x20
      break
    case '-infinity':
      sign = numericSignMinusInfinity
      scale = 0x20
      break
    default: {
      const base = toBase10000(value.coefficient, value.scale)
      weight = base.weight
      digits = base.digits
      sign = value.coefficient < 0n ? numericSignNegative : numericSignPositive
      scale = value.scale
    }
  }
  const bytes = new Uint8Array(8 + 2 * digits.length)
  const data = view(bytes)
  data.setUint16(0, digits.length)
  data.setInt16(2, weight)
  data.setUint16(4, sign)
  data.setUint16(6, scale)
  digits.forEach((digit, i) => {
    data.setUint16(8 + 2 * i, digit)
  })
  return bytes
}

/** numeric_recv, with PostgreSQL's checks (22P03); digits hidden by dscale are truncated. */
export function receiveNumeric(bytes: Uint8Array): Numeric {
  const invalid = (what: string): SqlError =>
    new SqlError(
      SqlState.invalidBinaryRepresentation,
      `invalid ${what} in external "numeric" value`,
    )
  if (bytes.length < 8) {
    throw new SqlError(SqlState.invalidBinaryRepresentation, 'insufficient data left in message')
  }
  const data = view(bytes)
  const count = data.getUint16(0)
  const weight = data.getInt16(2)
  const sign = data.getUint16(4)
  const scale = data.getUint16(6)
  if (bytes.length !== 8 + 2 * count) {
    throw new SqlError(
      SqlState.invalidBinaryRepresentation,
      'incorrect binary data format for type numeric',
    )
  }
  if (
    sign !== numericSignPositive &&
    sign !== numericSignNegative &&
    sign !== numericSignNaN &&
    sign !== numericSignInfinity &&
    sign !== numericSignMinusInfinity
  ) {
    throw invalid('sign')
  }
  if ((scale & 0x3fff) !== scale) throw invalid('scale')
  let total = 0n
  for (let i = 0; i < count; i++) {
    const digit = data.getInt16(8 + 2 * i)
    if (digit < 0 || digit >= 10000) throw invalid('digit')
    total = total * 10000n + BigInt(digit)
  }
  if (sign === numericSignNaN) return Numeric.nan
  if (sign === numericSignInfinity) return Numeric.infinity
  if (sign === numericSignMinusInfinity) return Numeric.minusInfinity
  // value = total × 10^exponent
  const exponent = 4 * (weight - count + 1)
  const shift = scale + exponent
  const coefficient = shift >= 0 ? total * pow10(shift) : total / pow10(-shift)
  return Numeric.of(sign === numericSignNegative ? -coefficient : coefficient, scale)
}

/** A key equal for equal values whatever their scale (1.0 and 1.00). */
export function numericHashKey(value: Numeric): string {
  if (value.kind !== 'finite') return value.kind
  if (value.coefficient === 0n) return '0'
  const s = minScale(value)
  return `${value.coefficient / pow10(value.scale - s)}e-${s}`
}

export function encodeNumericKey(value: Numeric, out: KeyWriter): void {
  switch (value.kind) {
    case '-infinity':
      out.push(0x01)
      return
    case 'infinity':
      out.push(0x05)
      return
    case 'nan':
      out.push(0x06)
      return
    default:
      break
  }
  if (value.coefficient === 0n) {
    out.push(0x03)
    return
  }
  const isNegative = value.coefficient < 0n
  out.push(isNegative ? 0x02 : 0x04)
  const start = out.length
  const s = minScale(value)
  const digits = (absBig(value.coefficient) / pow10(value.scale - s)).toString().replace(/0+$/, '')
  const exponent = digitCount(absBig(value.coefficient) / pow10(value.scale - s)) - s
  const biased = (exponent + 0x8000_0000) >>> 0
  out.push(biased >>> 24)
  out.push((biased >>> 16) & 0xff)
  out.push((biased >>> 8) & 0xff)
  out.push(biased & 0xff)
  for (let i = 0; i < digits.length; i += 2) {
    const high = digits.charCodeAt(i) - 48
    const low = i + 1 < digits.length ? digits.charCodeAt(i + 1) - 48 : 0
    out.push(high * 10 + low + 1)
  }
  out.push(0x00)
  if (isNegative) out.invertFrom(start)
}

const numericBehaviour: TypeBehaviour = {
  input(text) {
    return parseNumeric(text)
  },
  output(value) {
    return asNumeric(value).toString()
  },
  send(value) {
    return sendNumeric(asNumeric(value))
  },
  receive(bytes) {
    return receiveNumeric(bytes)
  },
  compare(a, b) {
    return compareNumeric(asNumeric(a), asNumeric(b))
  },
  hashKey(value) {
    return numericHashKey(asNumeric(value))
  },
  encodeKey(value, _type, out) {
    encodeNumericKey(asNumeric(value), out)
  },
  applyTypmod(value, type) {
    return applyNumericTypmod(asNumeric(value), type.typmod)
  },
}

const regKinds: readonly string[] = [
  'regtype',
  'regnamespace',
  'regrole',
  'regproc',
  'regprocedure',
] satisfies RegKind[]

function isRegKind(kind: SqlTypeKind): kind is RegKind {
  return regKinds.includes(kind)
}

const oid = oidBehaviour()

export const numbersBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {
  int2: integerBehaviour('int2', 2),
  int4: integerBehaviour('int4', 4),
  int8: integerBehaviour('int8', 8),
  float4: floatBehaviour(true),
  float8: floatBehaviour(false),
  numeric: numericBehaviour,
  oid,
  regclass: oid,
  regtype: oid,
  regproc: oid,
  regprocedure: oid,
  regoper: oid,
  regnamespace: oid,
  regrole: oid,
}

/** regclass input of a name: resolved with the search path; 42P01 when no relation has it. */
function readRegclass(text: string, relations: RelationNames): number {
  const names = parseQualifiedName(text)
  if (names.length > 3) {
    throw new SqlError(
      SqlState.syntaxError,
      `improper relation name (too many dotted names): ${names.join('.')}`,
    )
  }
  if (names.length === 3) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `cross-database references are not implemented: ${names.join('.')}`,
    )
  }
  const name = names[names.length - 1] ?? ''
  const schema = names.length === 2 ? names[0] : undefined
  const oid = relations.findOid(schema, name)
  if (oid === undefined) {
    throw new SqlError(SqlState.undefinedTable, `relation "${names.join('.')}" does not exist`)
  }
  return oid
}
