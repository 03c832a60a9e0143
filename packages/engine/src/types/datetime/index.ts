/**
 * The datetime library: calendar, time zones, text input and output in every style, binary
 * forms, interval and timestamp arithmetic, formatting with to_char patterns. The type
 * behaviours (behaviours/datetime.ts) and the datetime functions (sql/functions) build on it.
 */
export * from './calendar.js'
export * from './extract.js'
export * from './format.js'
export * from './interval-arithmetic.js'
export {
  dateOrderOf,
  decodeInterval,
  intervalFieldMask,
  intervalFullPrecision,
  intervalFullRange,
  lookupFieldWord,
  lookupTruncUnit,
  rint,
  type Unit,
} from './parse.js'
export * from './timezone.js'
export { type ParsedTimestamp, parseWithFormat, type ToCharInput, toChar } from './to-char.js'
export * from './values.js'
