/**
 * SQL types and values: identity (OIDs, names, typmods), runtime representation, and per-type
 * behaviour (text and binary input/output, comparison, hashing, key encoding).
 * Not here: functions, operators and casts between types (sql/functions/).
 * Imports: lib, errors. Tests: types.test.ts and the tests beside each family.
 */
export { SqlArray } from './array.js'
export { compareArrays, constructArray } from './behaviours/array.js'
export {
  arrayTooLarge,
  checkBounds,
  elementCount,
  quoteArrayElement,
  tooManyDimensions,
} from './behaviours/array-text.js'
export {
  compareFloats,
  encodeNumericKey,
  numericHashKey,
  parseIntegerText,
  parseOidText,
  receiveNumeric,
  sendNumeric,
} from './behaviours/numbers.js'
export {
  charByte,
  charFromByte,
  charFromText,
  charToText,
  enumPosition,
  parseBoolean,
  parseUuid,
  truncateName,
} from './behaviours/text.js'
export {
  compareBytea,
  decodeEscape,
  decodeHex,
  formatByteaEscape,
  parseBytea,
} from './behaviours/text-bytea.js'
export {
  checkNoNul,
  codePointLength,
  codePointOffset,
  decodeUtf8,
  isPairAt,
  trimTrailingSpaces,
  utf8,
  utf8Length,
} from './behaviours/text-codec.js'
export { compareRecords, quoteRecordField } from './behaviours/text-record.js'
export {
  behaviourOf,
  isTypeImplemented,
  isTypeImplementedWithoutBehaviour,
} from './behaviours.js'
export { compareText, compareValues } from './compare.js'
export * as datetime from './datetime/index.js'
export {
  type EnumMember,
  type EnumTypeDefinition,
  enumLabelBytesMax,
  enumType,
  findEnumMember,
  initialSortKeys,
  newEnumType,
  sortKeyBetween,
} from './enum-type.js'
export {
  bigintToFloat4,
  formatFloat4,
  formatFloat8,
  formatG,
  parseFloat4,
  parseFloat8,
} from './float-format.js'
export { Interval, TimeTz } from './interval.js'
export * from './json/index.js'
export { Jsonb, type JsonNode } from './jsonb.js'
export { compareNumeric, Numeric, type NumericKind } from './numeric.js'
export * as numericMath from './numeric-math.js'
export { parseQualifiedName } from './qualified-name.js'
export { SqlRecord } from './record.js'
export {
  arrayOf,
  builtinTypeByDisplayName,
  findTypeByName,
  findTypeByOid,
  formatType,
  getTypeByName,
  isIntegerType,
  isSameType,
  type SqlType,
  type SqlTypeKind,
  sqlTypes,
  type TypeCategory,
  withoutTypmod,
  withTypmod,
} from './sql-type.js'
export { formatValue, formatValueText } from './text-format.js'
export { checkIntegerRange, parseValueText } from './text-input.js'
export {
  defaultTypeContext,
  type RegKind,
  type RelationNames,
  type TypeBehaviour,
  type TypeContext,
} from './type-behaviour.js'
export { type TypeOid, typeOids } from './type-oids.js'
export {
  type ParameterValue,
  type Row,
  timestampInfinity,
  timestampMinusInfinity,
  type Value,
} from './value.js'
