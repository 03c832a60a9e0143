/**
 * Session settings (PostgreSQL's GUCs) that the engine honours today: lock_timeout,
 * synchronous_commit, default_transaction_isolation, and transaction_isolation (read-only).
 * Each has a parser that validates and normalises a value the way PostgreSQL prints it back in
 * SHOW. SET LOCAL lasts until the transaction ends; SET until RESET or the session ends.
 * Unknown names are 42704, bad values 22023, with PostgreSQL's wording. Issue #4 adds the rest
 * (search_path, TimeZone, statement_timeout, custom x.y settings).
 */
import { SqlError, SqlState } from '../errors/index.js'

interface SettingDefinition {
  readonly defaultValue: string
  /** The normalised value, or throws 22023. */
  parse(value: string): string
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
    { defaultValue: '0', parse: (v) => formatMs(parseDurationMs('lock_timeout', v)) },
  ],
  [
    'synchronous_commit',
    {
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
  ['transaction_isolation', { defaultValue: 'read committed', parse: (v) => v, isReadOnly: true }],
])

export function getSettingDefinition(name: string): SettingDefinition {
  const definition = definitions.get(name.toLowerCase())
  if (definition === undefined) {
    throw new SqlError(SqlState.undefinedObject, `unrecognized configuration parameter "${name}"`)
  }
  return definition
}

/** One session's settings: session-level values, and SET LOCAL values for the open transaction. */
export class SessionSettings {
  readonly #values = new Map<string, string>()
  #local = new Map<string, string>()

  get(name: string): string {
    const key = name.toLowerCase()
    return this.#local.get(key) ?? this.#values.get(key) ?? getSettingDefinition(key).defaultValue
  }

  set(name: string, value: string | undefined, isLocal: boolean): void {
    const key = name.toLowerCase()
    const definition = getSettingDefinition(key)
    if (definition.isReadOnly === true) {
      throw new SqlError(SqlState.cantChangeRuntimeParam, `parameter "${key}" cannot be changed`)
    }
    const normalised = value === undefined ? definition.defaultValue : definition.parse(value)
    if (isLocal) this.#local.set(key, normalised)
    else {
      this.#values.set(key, normalised)
      this.#local.delete(key)
    }
  }

  reset(name: string): void {
    this.set(name, undefined, false)
  }

  resetAll(): void {
    this.#values.clear()
    this.#local.clear()
  }

  /** The transaction ended: SET LOCAL values lapse. */
  endTransaction(): void {
    this.#local = new Map()
  }
}
