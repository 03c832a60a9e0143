/**
 * interval and timetz values. An interval keeps PostgreSQL's three fields separately, because
 * they do not convert exactly into one another (a month is not a fixed number of days, a day is
 * not always 24 hours across a DST change): months, days, and microseconds.
 */
export class Interval {
  readonly months: number
  readonly days: number
  readonly micros: bigint

  constructor(months: number, days: number, micros: bigint) {
    this.months = months
    this.days = days
    this.micros = micros
  }
}

/** time with time zone: microseconds since midnight and the zone's offset in seconds east of
 * UTC (PostgreSQL stores seconds west; its text form shows east, as here). */
export class TimeTz {
  readonly micros: number
  readonly offsetSeconds: number

  constructor(micros: number, offsetSeconds: number) {
    this.micros = micros
    this.offsetSeconds = offsetSeconds
  }
}
