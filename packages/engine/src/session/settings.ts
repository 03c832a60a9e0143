/**
 * Session settings (PostgreSQL's GUCs): each has a parser that validates and normalises a value
 * the way PostgreSQL prints it back in SHOW. As in PostgreSQL, SET is transactional: a SET in a
 * transaction that rolls back is undone; SET LOCAL lasts until the transaction ends; SET until
 * RESET or the session ends. Custom settings (names with a dot, such as `request.jwt.claims`)
 * take any value. Unknown names are 42704, bad values 22023, with PostgreSQL's wording.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { postgresVersion } from '../version.js'

interface SettingDefinition {
  /** The name as PostgreSQL spells it (SHOW's column name, some messages): TimeZone. */
  readonly name: string
  readonly defaultValue: string
  /** The normalised value, or throws 22023. `given` is the name as the statement wrote it. */
  parse(value: string, given: string): string
  readonly isReadOnly?: boolean
}

function invalid(name: string, value: string, hint?: string): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    `invalid value for parameter "${name}": "${value}"`,
    hint === undefined ? {} : { hint },
  )
}

const unitsMs: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1000],
  ['ms', 1],
]

/** A duration in milliseconds as PostgreSQL prints it: the largest unit that divides it. */
function formatMs(ms: number): string {
  if (ms === 0) return '0'
  for (const [unit, size] of unitsMs) if (ms % size === 0) return `${ms / size}${unit}`
  return `${ms}ms`
}

/** Parses '50ms', '2s', '1min', or a bare number of milliseconds. */
export function parseDurationMs(name: string, value: string): number {
  const match = /^\s*(\d+)\s*(ms|s|min|h|d)?\s*$/.exec(value)
  if (match === null) {
    throw invalid(
      name,
      value,
      'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".',
    )
  }
  const size = unitsMs.find(([unit]) => unit === (match[2] ?? 'ms'))?.[1] ?? 1
  const ms = Number(match[1]) * size
  if (!Number.isSafeInteger(ms) || ms > 2_147_483_647) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `${ms} ms is outside the valid range for parameter "${name}" (0 .. 2147483647)`,
    )
  }
  return ms
}

const definitions: ReadonlyMap<string, SettingDefinition> = new Map<string, SettingDefinition>([
  [
    'lock_timeout',
    {
      name: 'lock_timeout',
      defaultValue: '0',
      parse: (v) => formatMs(parseDurationMs('lock_timeout', v)),
    },
  ],
  [
    'statement_timeout',
    {
      name: 'statement_timeout',
      defaultValue: '0',
      parse: (v) => formatMs(parseDurationMs('statement_timeout', v)),
    },
  ],
  [
    'idle_in_transaction_session_timeout',
    {
      name: 'idle_in_transaction_session_timeout',
      defaultValue: '0',
      parse: (v) => formatMs(parseDurationMs('idle_in_transaction_session_timeout', v)),
    },
  ],
  ['timezone', { name: 'TimeZone', defaultValue: 'UTC', parse: parseTimeZone }],
  ['datestyle', { name: 'DateStyle', defaultValue: 'ISO, MDY', parse: parseDateStyle }],
  [
    'intervalstyle',
    {
      name: 'IntervalStyle',
      defaultValue: 'postgres',
      parse: enumSetting(['postgres', 'postgres_verbose', 'sql_standard', 'iso_8601']),
    },
  ],
  [
    'bytea_output',
    { name: 'bytea_output', defaultValue: 'hex', parse: enumSetting(['escape', 'hex']) },
  ],
  [
    'extra_float_digits',
    { name: 'extra_float_digits', defaultValue: '1', parse: integerSetting(-15, 3) },
  ],
  ['application_name', { name: 'application_name', defaultValue: '', parse: (v) => v }],
  // off: a query that row-level security would filter fails (42501) instead (row-security.ts).
  ['row_security', { name: 'row_security', defaultValue: 'on', parse: booleanSetting }],
  ['search_path', { name: 'search_path', defaultValue: '"$user", public', parse: (v) => v }],
  // The session checks role and session_authorization against the catalog before setting them
  // (engine-session.ts #checkRoleSetting); 'none' and '' mean "not set".
  ['role', { name: 'role', defaultValue: 'none', parse: (v) => v }],
  ['session_authorization', { name: 'session_authorization', defaultValue: '', parse: (v) => v }],
  ['client_encoding', { name: 'client_encoding', defaultValue: 'UTF8', parse: parseEncoding }],
  [
    'standard_conforming_strings',
    { name: 'standard_conforming_strings', defaultValue: 'on', parse: parseOnlyOn },
  ],
  ['server_version', readOnly('server_version', postgresVersion)],
  ['server_version_num', readOnly('server_version_num', postgresVersionNum())],
  ['server_encoding', readOnly('server_encoding', 'UTF8')],
  ['integer_datetimes', readOnly('integer_datetimes', 'on')],
  ['max_identifier_length', readOnly('max_identifier_length', '63')],
  ['lc_collate', readOnly('lc_collate', 'C')],
  ['lc_ctype', readOnly('lc_ctype', 'C')],
  [
    'synchronous_commit',
    {
      name: 'synchronous_commit',
      defaultValue: 'on',
      parse(value) {
        const word = value.trim().toLowerCase()
        if (['on', 'true', 'yes', '1', 'local', 'remote_write', 'remote_apply'].includes(word)) {
          return word === 'true' || word === 'yes' || word === '1' ? 'on' : word
        }
        if (['off', 'false', 'no', '0'].includes(word)) return 'off'
        throw invalid(
          'synchronous_commit',
          value,
          'Available values: local, remote_write, remote_apply, on, off.',
        )
      },
    },
  ],
  [
    'default_transaction_isolation',
    {
      name: 'default_transaction_isolation',
      defaultValue: 'read committed',
      parse(value) {
        const level = value.trim().toLowerCase()
        if (level === 'serializable') {
          throw new SqlError(
            SqlState.featureNotSupported,
            'SERIALIZABLE isolation is not supported yet',
          )
        }
        if (
          level === 'read committed' ||
          level === 'repeatable read' ||
          level === 'read uncommitted'
        ) {
          return level
        }
        throw invalid(
          'default_transaction_isolation',
          value,
          'Available values: serializable, repeatable read, read committed, read uncommitted.',
        )
      },
    },
  ],
  ['transaction_isolation', readOnly('transaction_isolation', 'read committed')],
  [
    'default_transaction_read_only',
    { name: 'default_transaction_read_only', defaultValue: 'off', parse: parseBoolean },
  ],
  // The session answers these two from its open transaction, and SET on them is SET TRANSACTION.
  ['transaction_read_only', readOnly('transaction_read_only', 'off')],
])

/** PostgreSQL's boolean settings: on/off, true/false, yes/no, 1/0, and unique prefixes. */
export function parseBoolean(value: string, given: string): string {
  const word = value.trim().toLowerCase()
  const isPrefix = (full: string, least: number): boolean =>
    word.length >= least && full.startsWith(word)
  if (word === 'on' || word === '1' || isPrefix('true', 1) || isPrefix('yes', 1)) return 'on'
  if (isPrefix('off', 2) || word === '0' || isPrefix('false', 1) || isPrefix('no', 1)) return 'off'
  throw new SqlError(
    SqlState.invalidParameterValue,
    `parameter "${given}" requires a Boolean value`,
  )
}

function readOnly(name: string, value: string): SettingDefinition {
  return { name, defaultValue: value, parse: (v) => v, isReadOnly: true }
}

/** A boolean parameter, shown as on / off (PostgreSQL's parse_bool spellings). */
function booleanSetting(value: string, given: string): string {
  const word = value.trim().toLowerCase()
  if (['on', 'true', 'yes', '1', 't', 'y'].includes(word)) return 'on'
  if (['off', 'false', 'no', '0', 'f', 'n'].includes(word)) return 'off'
  throw new SqlError(
    SqlState.invalidParameterValue,
    `parameter "${given}" requires a Boolean value`,
  )
}

function enumSetting(values: readonly string[]): (value: string, given: string) => string {
  return (value, given) => {
    const word = value.trim().toLowerCase()
    if (values.includes(word)) return word
    throw invalid(given, value, `Available values: ${values.join(', ')}.`)
  }
}

function integerSetting(min: number, max: number): (value: string, given: string) => string {
  return (value, given) => {
    const trimmed = value.trim()
    if (!/^[+-]?\d+$/.test(trimmed)) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `invalid value for parameter "${given}": "${value}"`,
      )
    }
    const number = Number(trimmed)
    if (number < min || number > max) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `${number} is outside the valid range for parameter "${given}" (${min} .. ${max})`,
      )
    }
    return String(number)
  }
}

function parseOnlyOn(value: string, given: string): string {
  const word = value.trim().toLowerCase()
  if (['on', 'true', 'yes', '1'].includes(word)) return 'on'
  if (['off', 'false', 'no', '0'].includes(word)) {
    throw new SqlError(SqlState.featureNotSupported, `${given} = off is not supported`)
  }
  throw invalid(given, value)
}

function parseEncoding(value: string): string {
  const word = value.trim().toLowerCase().replace(/[-_]/g, '')
  if (word === 'utf8' || word === 'unicode') return 'UTF8'
  throw new SqlError(
    SqlState.featureNotSupported,
    `conversion between ${value.toUpperCase()} and UTF8 is not supported`,
  )
}

/** PostgreSQL's DateStyle: an output style and a field order, either or both, in any order. */
function parseDateStyle(value: string): string {
  let style = 'ISO'
  let order = 'MDY'
  let hasStyle = false
  let hasOrder = false
  for (const raw of value.split(',')) {
    const word = raw.trim().toLowerCase()
    const styles: Record<string, string> = {
      iso: 'ISO',
      sql: 'SQL',
      postgres: 'Postgres',
      german: 'German',
    }
    const orders: Record<string, string> = {
      mdy: 'MDY',
      us: 'MDY',
      noneuropean: 'MDY',
      dmy: 'DMY',
      euro: 'DMY',
      european: 'DMY',
      ymd: 'YMD',
    }
    const isStyle = Object.hasOwn(styles, word)
    const isOrder = Object.hasOwn(orders, word)
    if ((isStyle && hasStyle) || (isOrder && hasOrder) || (!isStyle && !isOrder)) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `invalid value for parameter "DateStyle": "${value}"`,
        isStyle || isOrder
          ? { detail: 'Conflicting "datestyle" specifications.' }
          : { detail: `Unrecognized key word: "${raw.trim()}".` },
      )
    }
    if (isStyle) {
      style = styles[word] ?? style
      hasStyle = true
      // German alone implies day-month order, as in PostgreSQL.
      if (word === 'german' && !hasOrder) order = 'DMY'
    } else {
      order = orders[word] ?? order
      hasOrder = true
    }
  }
  return `${style}, ${order}`
}

/** An IANA zone name (as the platform's Intl knows them) or a numeric offset. */
function parseTimeZone(value: string): string {
  const text = value.trim()
  if (/^[+-]?\d{1,2}(:?\d{2}(:?\d{2})?)?$/.test(text)) return text
  if (/^(utc|gmt|z|zulu|ut)$/i.test(text)) return text.toUpperCase() === 'Z' ? 'UTC' : text
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text })
    return text
  } catch {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `invalid value for parameter "TimeZone": "${value}"`,
    )
  }
}

/** 15.20 → 150020, the form drivers compare numerically. */
function postgresVersionNum(): string {
  const [major = '15', minor = '0'] = postgresVersion.split(/[.\s]/)
  return String(Number(major) * 10000 + Number(minor))
}

/** A custom (extension or application) setting: any dotted name, as PostgreSQL allows. */
function isCustomName(name: string): boolean {
  return /^[a-z_][a-z0-9_$]*(\.[a-z_][a-z0-9_$]*)+$/.test(name)
}

/** Throws 42704 unless `name` is a built-in or a custom (dotted) setting name. */
export function assertSettingName(name: string): void {
  if (!isCustomName(name.toLowerCase())) getSettingDefinition(name)
}

/** The built-in settings' names as PostgreSQL spells them (pg_settings.name). */
export function settingNames(): readonly string[] {
  return [...definitions.values()].map((definition) => definition.name)
}

export function findSettingDefinition(name: string): SettingDefinition | undefined {
  return definitions.get(name.toLowerCase())
}

export function getSettingDefinition(name: string): SettingDefinition {
  const definition = definitions.get(name.toLowerCase())
  if (definition === undefined) {
    throw new SqlError(SqlState.undefinedObject, `unrecognized configuration parameter "${name}"`)
  }
  return definition
}

export interface SettingsMark {
  readonly pending: ReadonlyMap<string, string | undefined>
  readonly local: ReadonlyMap<string, string>
}

/**
 * One session's settings. Layers, newest first: SET LOCAL values of the open transaction, SET
 * values of the open transaction (they become session values at COMMIT and vanish at
 * ROLLBACK), session values, defaults.
 */
export class SessionSettings {
  /** Increases whenever any value may have changed: what the session derives from settings
   * (the binding key, the type context) is recomputed only then. */
  version = 0
  readonly #values = new Map<string, string>()
  #pending = new Map<string, string | undefined>()
  #local = new Map<string, string>()
  #isInTransaction = false

  /** The value, or undefined for a custom setting never set (current_setting's missing_ok). */
  find(name: string): string | undefined {
    const key = name.toLowerCase()
    const local = this.#local.get(key)
    if (local !== undefined) return local
    if (this.#pending.has(key)) {
      return this.#pending.get(key) ?? findSettingDefinition(key)?.defaultValue
    }
    const value = this.#values.get(key)
    if (value !== undefined) return value
    return findSettingDefinition(key)?.defaultValue
  }

  get(name: string): string {
    const value = this.find(name)
    if (value !== undefined) return value
    throw new SqlError(SqlState.undefinedObject, `unrecognized configuration parameter "${name}"`)
  }

  /** SHOW's column name: PostgreSQL's spelling for built-in settings, else as written. */
  displayName(name: string): string {
    return findSettingDefinition(name)?.name ?? name.toLowerCase()
  }

  set(name: string, value: string | undefined, isLocal: boolean): string {
    const key = name.toLowerCase()
    const definition = findSettingDefinition(key)
    if (definition === undefined) assertSettingName(key)
    if (definition?.isReadOnly === true) {
      throw new SqlError(SqlState.cantChangeRuntimeParam, `parameter "${key}" cannot be changed`)
    }
    const normalised =
      value === undefined
        ? (definition?.defaultValue ?? '')
        : definition === undefined
          ? value
          : definition.parse(value, key)
    this.version++
    if (isLocal) this.#local.set(key, normalised)
    else {
      if (this.#isInTransaction) this.#pending.set(key, normalised)
      else this.#values.set(key, normalised)
      this.#local.delete(key)
    }
    return normalised
  }

  reset(name: string): void {
    this.set(name, undefined, false)
  }

  /** RESET ALL: every setting but the read-only ones and, as in PostgreSQL (GUC_NO_RESET_ALL),
   * role and session_authorization. */
  resetAll(): void {
    for (const key of new Set([...this.#values.keys(), ...this.#pending.keys()])) {
      if (key === 'role' || key === 'session_authorization') continue
      if (findSettingDefinition(key)?.isReadOnly !== true) this.reset(key)
    }
    this.#local.clear()
  }

  beginTransaction(): void {
    this.#isInTransaction = true
  }

  /** What ROLLBACK TO SAVEPOINT restores: the transaction's SET and SET LOCAL values now. */
  mark(): SettingsMark {
    return { pending: new Map(this.#pending), local: new Map(this.#local) }
  }

  /** ROLLBACK TO SAVEPOINT: values set since `mark` vanish, as in PostgreSQL. */
  restore(mark: SettingsMark): void {
    this.version++
    this.#pending = new Map(mark.pending)
    this.#local = new Map(mark.local)
  }

  /** The transaction ended: SET values commit or vanish; SET LOCAL values lapse. */
  endTransaction(isCommitted = true): void {
    if (this.#pending.size > 0 || this.#local.size > 0) this.version++
    if (isCommitted) {
      for (const [key, value] of this.#pending) {
        if (value === undefined) this.#values.delete(key)
        else this.#values.set(key, value)
      }
    }
    this.#pending = new Map()
    this.#local = new Map()
    this.#isInTransaction = false
  }
}

/**
 * The schemas a search_path value names, in order: a comma-separated list of identifiers,
 * double-quoted ones kept as written ("" is a quote), unquoted ones lower-cased; `$user`
 * stands for the session's user (PostgreSQL's SplitIdentifierString rules). Schemas that do
 * not exist are kept: lookups skip them, and creating one later makes it count.
 */
export function searchPathSchemas(value: string, user: string): string[] {
  const schemas: string[] = []
  let i = 0
  const length = Math.min(value.length, searchPathCharsMax)
  while (i < length) {
    while (i < length && /[\s,]/.test(value[i] ?? '')) i++
    if (i >= length) break
    let name = ''
    if (value[i] === '"') {
      i++
      while (i < length) {
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            name += '"'
            i += 2
            continue
          }
          i++
          break
        }
        name += value[i]
        i++
      }
    } else {
      while (i < length && !/[\s,]/.test(value[i] ?? '')) name += value[i++]
      name = name.toLowerCase()
    }
    while (i < length && value[i] !== ',') i++
    schemas.push(name === '$user' ? user : name)
  }
  return schemas
}

/** A search_path longer than this is cut (a setting value, so bounded like other input). */
const searchPathCharsMax = 64 * 1024
