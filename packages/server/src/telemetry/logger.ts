/**
 * Structured logging. Every line is one JSON object (time, level, msg, and fields); on a TTY the
 * same records print in a readable form. Domain code receives a Logger from main.ts and never
 * writes to the console itself.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Readonly<Record<string, unknown>>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger that adds `fields` to every record (component, connection id, ...). */
  child(fields: LogFields): Logger
}
