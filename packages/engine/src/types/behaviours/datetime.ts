/**
 * Type behaviours of the datetime family (see ../type-behaviour.ts): date, time, timetz,
 * timestamp, timestamptz and interval, with PostgreSQL's text forms (every DateStyle and
 * IntervalStyle, the session TimeZone for timestamptz), binary forms (int64 µs since
 * 2000-01-01, int32 days, timetz µs + int32 seconds west, interval µs + days + months), btree
 * order (interval by 30-day months and 24-hour days; timetz by UTC time then zone), and
 * order-preserving keys with the infinities at the ends.
 */
import { InternalError } from '../../errors/index.js'
import {
  compareIntervals,
  compareTimeTz,
  dateInput,
  dateKeyValue,
  dateOutput,
  intervalInput,
  intervalOutput,
  intervalSpan,
  intervalWithTypmod,
  receiveDate,
  receiveInterval,
  receiveTime,
  receiveTimestamp,
  receiveTimeTz,
  sendDate,
  sendInt64,
  sendInterval,
  sendTimeTz,
  timeInput,
  timeOutput,
  timestampInput,
  timestampOutput,
  timestampWithTypmod,
  timeTzInput,
  timeTzOutput,
  timeWithTypmod,
  writeInt32Key,
  writeInt64Key,
  writeInt128Key,
} from '../datetime/index.js'
import { Interval, TimeTz } from '../interval.js'
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'
import type { Value } from '../value.js'

function asNumber(value: Value): number {
  if (typeof value !== 'number') throw new InternalError(`expected a number, got ${typeof value}`)
  return value
}

function asBigint(value: Value): bigint {
  if (typeof value !== 'bigint') throw new InternalError(`expected a bigint, got ${typeof value}`)
  return value
}

function asInterval(value: Value): Interval {
  if (!(value instanceof Interval)) throw new InternalError('expected an Interval')
  return value
}

function asTimeTz(value: Value): TimeTz {
  if (!(value instanceof TimeTz)) throw new InternalError('expected a TimeTz')
  return value
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const dateBehaviour: TypeBehaviour = {
  input: (text, _type, context) => dateInput(text, context),
  output: (value, _type, context) => dateOutput(asNumber(value), context),
  send: (value) => sendDate(asNumber(value)),
  receive: (bytes) => receiveDate(bytes),
  compare: (a, b) => compareNumbers(asNumber(a), asNumber(b)),
  hashKey: (value) => dateKeyValue(asNumber(value)),
  encodeKey: (value, _type, out) => writeInt32Key(out, dateKeyValue(asNumber(value))),
}

const timeBehaviour: TypeBehaviour = {
  input: (text, _type, context) => timeInput(text, context),
  output: (value) => timeOutput(asNumber(value)),
  send: (value) => sendInt64(BigInt(asNumber(value))),
  receive: (bytes) => receiveTime(bytes),
  compare: (a, b) => compareNumbers(asNumber(a), asNumber(b)),
  hashKey: (value) => asNumber(value),
  encodeKey: (value, _type, out) => writeInt64Key(out, BigInt(asNumber(value))),
  applyTypmod: (value, type) => timeWithTypmod(asNumber(value), type.typmod),
}

const timeTzBehaviour: TypeBehaviour = {
  input: (text, _type, context) => timeTzInput(text, context),
  output: (value) => timeTzOutput(asTimeTz(value)),
  send: (value) => sendTimeTz(asTimeTz(value)),
  receive: (bytes) => receiveTimeTz(bytes),
  compare: (a, b) => compareTimeTz(asTimeTz(a), asTimeTz(b)),
  hashKey: (value) => {
    const v = asTimeTz(value)
    return `${v.micros}/${v.offsetSeconds}`
  },
  encodeKey: (value, _type, out) => {
    const v = asTimeTz(value)
    writeInt64Key(out, BigInt(v.micros) - BigInt(v.offsetSeconds) * 1_000_000n)
    writeInt32Key(out, -v.offsetSeconds)
  },
  applyTypmod: (value, type) => {
    const v = asTimeTz(value)
    const micros = timeWithTypmod(v.micros, type.typmod)
    return micros === v.micros ? v : new TimeTz(micros, v.offsetSeconds)
  },
}

function timestampBehaviour(withZone: boolean): TypeBehaviour {
  return {
    input: (text, _type, context) => timestampInput(text, context, withZone),
    output: (value, _type, context) => timestampOutput(asBigint(value), context, withZone),
    send: (value) => sendInt64(asBigint(value)),
    receive: (bytes) => receiveTimestamp(bytes),
    compare: (a, b) => compareNumbers(asBigint(a), asBigint(b)),
    hashKey: (value) => asBigint(value),
    encodeKey: (value, _type, out) => writeInt64Key(out, asBigint(value)),
    applyTypmod: (value, type) => timestampWithTypmod(asBigint(value), type.typmod),
  }
}

const intervalBehaviour: TypeBehaviour = {
  input: (text, type, context) => intervalInput(text, type.typmod, context),
  output: (value, _type, context) => intervalOutput(asInterval(value), context),
  send: (value) => sendInterval(asInterval(value)),
  receive: (bytes) => receiveInterval(bytes),
  compare: (a, b) => compareIntervals(asInterval(a), asInterval(b)),
  hashKey: (value) => intervalSpan(asInterval(value)),
  encodeKey: (value, _type, out) => writeInt128Key(out, intervalSpan(asInterval(value))),
  applyTypmod: (value, type) => intervalWithTypmod(asInterval(value), type.typmod),
}

export const datetimeBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {
  date: dateBehaviour,
  time: timeBehaviour,
  timetz: timeTzBehaviour,
  timestamp: timestampBehaviour(false),
  timestamptz: timestampBehaviour(true),
  interval: intervalBehaviour,
}
