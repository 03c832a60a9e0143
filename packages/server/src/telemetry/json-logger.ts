/**
 * JsonLogger: the Logger main.ts hands to every component. One record per line, written
 * synchronously to the stream it is given (stdout by default):
 *
 *   json:    {"time":"2025-01-02T03:04:05.678Z","level":"info","msg":"listening","port":54321}
 *   pretty:  03:04:05.678 INFO  listening port=54321
 *
 * Records below the configured level are dropped before any formatting. Field values that JSON
 * cannot carry are converted: bigint → decimal string, Error → { name, message, code, stack },
 * a repeated or circular object → "[Circular]". Fields named time, level or msg are written with
 * a trailing underscore so they cannot overwrite the record's own.
 */
import type { LogFields, Logger, LogLevel } from './logger.js'

export type LogFormat = 'json' | 'pretty'

/** Where records go: a Writable such as process.stdout, or a test double collecting lines. */
export interface LogStream {
  write(chunk: string): unknown
  readonly isTTY?: boolean
}

export interface JsonLoggerOptions {
  readonly level: LogLevel
  readonly format: LogFormat
  readonly stream?: LogStream
  /** Clock for the `time` field; tests pass a fixed one. */
  readonly now?: () => Date
  /** Fields added to every record. */
  readonly fields?: LogFields
}

const levelRank: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 }
const reservedNames = new Set(['time', 'level', 'msg'])
const levelColors: Readonly<Record<LogLevel, string>> = {
  debug: '\x1b[90m',
  info: '\x1b[36m',
  warn: '\x1b[33m',
  error: '\x1b[31m',
}

export class JsonLogger implements Logger {
  readonly #options: JsonLoggerOptions
  readonly #stream: LogStream
  readonly #now: () => Date

  constructor(options: JsonLoggerOptions) {
    this.#options = options
    this.#stream = options.stream ?? process.stdout
    this.#now = options.now ?? (() => new Date())
  }

  debug(message: string, fields?: LogFields): void {
    this.#log('debug', message, fields)
  }

  info(message: string, fields?: LogFields): void {
    this.#log('info', message, fields)
  }

  warn(message: string, fields?: LogFields): void {
    this.#log('warn', message, fields)
  }

  error(message: string, fields?: LogFields): void {
    this.#log('error', message, fields)
  }

  child(fields: LogFields): Logger {
    return new JsonLogger({ ...this.#options, fields: { ...this.#options.fields, ...fields } })
  }

  /** Whether records of `level` are written; lets callers skip building costly fields. */
  isLevelEnabled(level: LogLevel): boolean {
    return levelRank[level] >= levelRank[this.#options.level]
  }

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (!this.isLevelEnabled(level)) return
    const merged = { ...this.#options.fields, ...fields }
    const time = this.#now()
    const line =
      this.#options.format === 'json'
        ? formatJson(time, level, message, merged)
        : formatPretty(time, level, message, merged, this.#stream.isTTY === true)
    this.#stream.write(`${line}\n`)
  }
}

function formatJson(time: Date, level: LogLevel, message: string, fields: LogFields): string {
  const record: Record<string, unknown> = { time: time.toISOString(), level, msg: message }
  for (const [name, value] of Object.entries(fields)) {
    record[reservedNames.has(name) ? `${name}_` : name] = value
  }
  return stringifyRecord(record)
}

function formatPretty(
  time: Date,
  level: LogLevel,
  message: string,
  fields: LogFields,
  isColored: boolean,
): string {
  const clock = time.toISOString().slice(11, 23)
  const label = level.toUpperCase().padEnd(5)
  const head = isColored
    ? `\x1b[2m${clock}\x1b[0m ${levelColors[level]}${label}\x1b[0m`
    : `${clock} ${label}`
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${formatPrettyValue(value)}`)
  return [head, message, ...pairs].join(' ')
}

function formatPrettyValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`)
  return stringifyRecord(value)
}

/** JSON.stringify that never throws on the values logs carry (see the header). */
function stringifyRecord(value: unknown): string {
  const seen = new WeakSet<object>()
  try {
    return JSON.stringify(value, (_key, item: unknown) => toJsonValue(item, seen)) ?? 'null'
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    return JSON.stringify({ msg: 'unloggable record', reason })
  }
}

function toJsonValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[Circular]'
  seen.add(value)
  if (value instanceof Error) return errorFields(value)
  return value
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message }
  if ('code' in error && error.code !== undefined) fields['code'] = error.code
  if (error.stack !== undefined) fields['stack'] = error.stack
  if (error.cause !== undefined) fields['cause'] = error.cause
  return fields
}
