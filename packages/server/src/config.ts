/**
 * Configuration: one YAML file, environment variables and command-line flags, merged with
 * precedence flags > environment > file > defaults, validated once and deep-frozen. main.ts
 * loads it and passes each component the part it needs; nothing else reads the environment or
 * the file.
 *
 *   YAML key     Environment        Flag          Default
 *   data_dir     BKG_DB_DATA_DIR    --data-dir    ./.bkg-db
 *   http.host    BKG_DB_HOST        --host        127.0.0.1   (BKG_DB_HOST and --host set both
 *   pg.host      BKG_DB_HOST        --host        127.0.0.1    hosts)
 *   http.port    BKG_DB_HTTP_PORT   --http-port   54321       (0 picks a free port)
 *   pg.port      BKG_DB_PG_PORT     --pg-port     54322
 *   pg.max_connections BKG_DB_PG_MAX_CONNECTIONS 100  connections served at once (53300 beyond)
 *   pg.trust     BKG_DB_PG_TRUST                  []          CIDR blocks let in without a
 *                                                             password (env: comma-separated)
 *   admin_key    BKG_DB_ADMIN_KEY                 generated   (credentials.ts)
 *   password     BKG_DB_PASSWORD                  generated   (superuser `postgres`)
 *   log.level    BKG_DB_LOG_LEVEL                 info        debug | info | warn | error
 *   log.format   BKG_DB_LOG_FORMAT                auto        json | pretty | auto (TTY: pretty)
 *   storage.cache_bytes BKG_DB_CACHE_BYTES       64MB        buffer pool budget (64MB, 1GB, ...)
 *   storage.checkpoint_wal_bytes                 64MB        WAL growth that starts a checkpoint
 *                       BKG_DB_CHECKPOINT_WAL_BYTES          (bounds recovery time; from 64kB)
 *   storage.checkpoint_timeout                   5min        time between checkpoints (250ms,
 *                       BKG_DB_CHECKPOINT_TIMEOUT            30s, 5min, 1h; a bare number: s)
 *
 * The file is `--config FILE`, else BKG_DB_CONFIG, else `./bkg-db.yaml` when it exists. A file
 * named explicitly must exist. Relative paths in the file are resolved against the file's
 * directory; relative paths from the environment or flags against the working directory.
 * Empty environment variables count as unset (Docker Compose's `VAR=` leaves them so).
 *
 * Every problem is a ConfigError naming the key as the user wrote it and where it came from:
 *   config error: http.port (from bkg-db.yaml) must be an integer from 0 to 65535, got "abc"
 * Unknown keys in the file are errors too, so a typo never silently falls back to a default.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseDocument } from 'yaml'
import {
  cacheBytesMin,
  checkpointTimeoutMsMax,
  checkpointTimeoutMsMin,
  checkpointWalBytesMin,
  configFileBytesMax,
  defaultCacheBytes,
  defaultCheckpointTimeoutMs,
  defaultCheckpointWalBytes,
  pgMaxConnectionsDefault,
  pgMaxConnectionsMax,
} from './limits.js'
import { isCidr } from './pgwire/index.js'
import type { LogLevel } from './telemetry/index.js'

export type LogFormatSetting = 'json' | 'pretty' | 'auto'

export interface ListenerConfig {
  readonly host: string
  readonly port: number
}

export interface PgConfig extends ListenerConfig {
  /** CIDR blocks whose clients need no password (PostgreSQL's `trust`); empty by default. */
  readonly trust: readonly string[]
  /** Connections served at once; a client beyond gets FATAL 53300. */
  readonly maxConnections: number
}

export interface Config {
  /** Absolute path of the data directory. */
  readonly dataDir: string
  /** Absolute path of the config file that was read, if any. */
  readonly configFile: string | undefined
  readonly http: ListenerConfig
  readonly pg: PgConfig
  /** Configured admin key; undefined means credentials.ts generates or reuses one. */
  readonly adminKey: string | undefined
  /** Configured superuser password; undefined means credentials.ts generates or reuses one. */
  readonly password: string | undefined
  readonly log: { readonly level: LogLevel; readonly format: LogFormatSetting }
  /** The embedded engine's storage settings. */
  readonly storage: StorageConfig
}

export interface StorageConfig {
  /** Buffer pool budget, in bytes. */
  readonly cacheBytes: number
  /** WAL growth since the last checkpoint that starts the next one, in bytes. */
  readonly checkpointWalBytes: number
  /** Time between timed checkpoints, in milliseconds. */
  readonly checkpointTimeoutMs: number
}

/** Flag values as the command line gave them (strings; validated here like every source). */
export interface ConfigFlags {
  readonly dataDir?: string | undefined
  readonly httpPort?: string | undefined
  readonly pgPort?: string | undefined
  readonly host?: string | undefined
  readonly config?: string | undefined
}

export interface ConfigInput {
  readonly flags: ConfigFlags
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** A configuration problem. `key` and `origin` say which setting and where it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly key: string | undefined
  readonly origin: string | undefined

  constructor(
    message: string,
    setting?: { readonly key: string; readonly origin: string },
    options?: { cause?: unknown },
  ) {
    super(`config error: ${message}`, options)
    this.key = setting?.key
    this.origin = setting?.origin
  }
}

export const defaultConfigFileName = 'bkg-db.yaml'

/** Every key the file may hold; nested keys are dotted. */
const fileKeys = [
  'data_dir',
  'http.host',
  'http.port',
  'pg.host',
  'pg.port',
  'pg.trust',
  'pg.max_connections',
  'admin_key',
  'password',
  'log.level',
  'log.format',
  'storage.cache_bytes',
  'storage.checkpoint_wal_bytes',
  'storage.checkpoint_timeout',
] as const
type FileKey = (typeof fileKeys)[number]

/** One candidate value for a key, and how to name it in an error. */
interface RawSetting {
  readonly value: unknown
  /** The key as the user wrote it: `http.port`, `BKG_DB_HTTP_PORT` or `--http-port`. */
  readonly name: string
  /** `bkg-db.yaml`, `environment` or `command line`. */
  readonly origin: string
  /** Directory that relative paths from this source are resolved against. */
  readonly baseDir: string
}

interface SettingSpec {
  readonly key: FileKey
  readonly env?: string
  readonly flag?: keyof ConfigFlags
}

type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly expected: string }
/** Checks one raw value; `source` lets paths resolve against the directory of their source. */
type Parser<T> = (value: unknown, source: RawSetting) => ParseResult<T>

interface ConfigFileContents {
  readonly path: string
  /** The path as the user named it, for messages. */
  readonly displayPath: string
  readonly values: ReadonlyMap<FileKey, unknown>
}

export function loadConfig(input: ConfigInput): Config {
  const file = readConfigFile(input)
  const pick = <T>(spec: SettingSpec, parse: Parser<T>, fallback: T): T =>
    resolveSetting(input, file, spec, parse) ?? fallback
  const pickOptional = <T>(spec: SettingSpec, parse: Parser<T>): T | undefined =>
    resolveSetting(input, file, spec, parse)
  const config: Config = {
    dataDir: pick(
      { key: 'data_dir', env: 'BKG_DB_DATA_DIR', flag: 'dataDir' },
      parsePath,
      resolve(input.cwd, '.bkg-db'),
    ),
    configFile: file?.path,
    http: {
      host: pick({ key: 'http.host', env: 'BKG_DB_HOST', flag: 'host' }, parseHost, '127.0.0.1'),
      port: pick({ key: 'http.port', env: 'BKG_DB_HTTP_PORT', flag: 'httpPort' }, parsePort, 54321),
    },
    pg: {
      host: pick({ key: 'pg.host', env: 'BKG_DB_HOST', flag: 'host' }, parseHost, '127.0.0.1'),
      port: pick({ key: 'pg.port', env: 'BKG_DB_PG_PORT', flag: 'pgPort' }, parsePort, 54322),
      trust: pick({ key: 'pg.trust', env: 'BKG_DB_PG_TRUST' }, parseCidrList, []),
      maxConnections: pick(
        { key: 'pg.max_connections', env: 'BKG_DB_PG_MAX_CONNECTIONS' },
        parseMaxConnections,
        pgMaxConnectionsDefault,
      ),
    },
    adminKey: pickOptional({ key: 'admin_key', env: 'BKG_DB_ADMIN_KEY' }, parseAdminKey),
    password: pickOptional({ key: 'password', env: 'BKG_DB_PASSWORD' }, parsePassword),
    log: {
      level: pick({ key: 'log.level', env: 'BKG_DB_LOG_LEVEL' }, parseLogLevel, 'info'),
      format: pick({ key: 'log.format', env: 'BKG_DB_LOG_FORMAT' }, parseLogFormat, 'auto'),
    },
    storage: {
      cacheBytes: pick(
        { key: 'storage.cache_bytes', env: 'BKG_DB_CACHE_BYTES' },
        byteSizeParser(cacheBytesMin),
        defaultCacheBytes,
      ),
      checkpointWalBytes: pick(
        { key: 'storage.checkpoint_wal_bytes', env: 'BKG_DB_CHECKPOINT_WAL_BYTES' },
        byteSizeParser(checkpointWalBytesMin),
        defaultCheckpointWalBytes,
      ),
      checkpointTimeoutMs: pick(
        { key: 'storage.checkpoint_timeout', env: 'BKG_DB_CHECKPOINT_TIMEOUT' },
        parseCheckpointTimeout,
        defaultCheckpointTimeoutMs,
      ),
    },
  }
  return deepFreeze(config)
}

/** The highest-precedence raw value for `spec`, or undefined when no source sets it. */
function findRawSetting(
  input: ConfigInput,
  file: ConfigFileContents | undefined,
  spec: SettingSpec,
): RawSetting | undefined {
  const flagValue = spec.flag === undefined ? undefined : input.flags[spec.flag]
  if (spec.flag !== undefined && flagValue !== undefined) {
    return {
      value: flagValue,
      name: flagName(spec.flag),
      origin: 'command line',
      baseDir: input.cwd,
    }
  }
  const envValue = spec.env === undefined ? undefined : input.env[spec.env]
  if (spec.env !== undefined && envValue !== undefined && envValue !== '') {
    return { value: envValue, name: spec.env, origin: 'environment', baseDir: input.cwd }
  }
  if (file?.values.has(spec.key)) {
    const baseDir = dirname(file.path)
    return { value: file.values.get(spec.key), name: spec.key, origin: file.displayPath, baseDir }
  }
  return undefined
}

function resolveSetting<T>(
  input: ConfigInput,
  file: ConfigFileContents | undefined,
  spec: SettingSpec,
  parse: Parser<T>,
): T | undefined {
  const raw = findRawSetting(input, file, spec)
  if (raw === undefined) return undefined
  const result = parse(raw.value, raw)
  if (result.ok) return result.value
  const isSecret = spec.key === 'admin_key' || spec.key === 'password'
  const got = describeValue(raw.value, isSecret)
  throw new ConfigError(`${raw.name} (from ${raw.origin}) must be ${result.expected}, got ${got}`, {
    key: raw.name,
    origin: raw.origin,
  })
}

function flagName(flag: keyof ConfigFlags): string {
  return `--${flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`
}

function describeValue(value: unknown, isSecret: boolean): string {
  if (isSecret && typeof value === 'string') return `a string of ${value.length} characters`
  if (value === null) return 'null (an empty value)'
  return JSON.stringify(value) ?? String(value)
}

function readConfigFile(input: ConfigInput): ConfigFileContents | undefined {
  const named = findConfigFileName(input)
  if (named === undefined) return undefined
  const path = resolve(input.cwd, named.displayPath)
  let text: string
  try {
    // Checked before reading so a wrong path (a database file) is not loaded into memory.
    if (statSync(path).size > configFileBytesMax) {
      throw new ConfigError(
        `config file ${named.displayPath} is larger than ${configFileBytesMax} bytes`,
      )
    }
    text = readFileSync(path, 'utf8')
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error
    const code = error instanceof Error && 'code' in error ? String(error.code) : ''
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(error)})`
    throw new ConfigError(
      `config file ${named.displayPath} (from ${named.origin}) ${reason}`,
      undefined,
      {
        cause: error,
      },
    )
  }
  return { path, displayPath: named.displayPath, values: parseConfigText(text, named.displayPath) }
}

function findConfigFileName(
  input: ConfigInput,
): { displayPath: string; origin: string } | undefined {
  if (input.flags.config !== undefined) {
    if (input.flags.config === '')
      throw new ConfigError('--config (from command line) must name a file')
    return { displayPath: input.flags.config, origin: '--config' }
  }
  const fromEnv = input.env['BKG_DB_CONFIG']
  if (fromEnv !== undefined && fromEnv !== '')
    return { displayPath: fromEnv, origin: 'BKG_DB_CONFIG' }
  if (existsSync(resolve(input.cwd, defaultConfigFileName))) {
    return { displayPath: defaultConfigFileName, origin: 'working directory' }
  }
  return undefined
}

/** Parses YAML text into dotted keys; rejects syntax errors, unknown keys and wrong nesting. */
function parseConfigText(text: string, displayPath: string): ReadonlyMap<FileKey, unknown> {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  const syntaxError = document.errors[0]
  if (syntaxError !== undefined) {
    throw new ConfigError(
      `cannot parse ${displayPath}: ${syntaxError.message.trimEnd()}`,
      undefined,
      {
        cause: syntaxError,
      },
    )
  }
  const root: unknown = document.toJS({ maxAliasCount: 100 })
  const values = new Map<FileKey, unknown>()
  if (root === null || root === undefined) return values
  if (!isPlainObject(root)) {
    const got = describeValue(root, false)
    throw new ConfigError(`${displayPath} must hold a mapping of keys (such as http:), got ${got}`)
  }
  flattenInto(values, root, '', displayPath)
  return values
}

function flattenInto(
  values: Map<FileKey, unknown>,
  mapping: Readonly<Record<string, unknown>>,
  prefix: string,
  displayPath: string,
): void {
  for (const [name, value] of Object.entries(mapping)) {
    const key = `${prefix}${name}`
    if (isFileKey(key)) {
      values.set(key, value)
      continue
    }
    const isSection = fileKeys.some((known) => known.startsWith(`${key}.`))
    if (!isSection) {
      throw new ConfigError(
        `${key} (from ${displayPath}) is not a known key; known keys: ${fileKeys.join(', ')}`,
        { key, origin: displayPath },
      )
    }
    if (value === null) continue
    if (!isPlainObject(value)) {
      throw new ConfigError(
        `${key} (from ${displayPath}) must be a mapping, got ${describeValue(value, false)}`,
        {
          key,
          origin: displayPath,
        },
      )
    }
    flattenInto(values, value, `${key}.`, displayPath)
  }
}

function isFileKey(key: string): key is FileKey {
  return (fileKeys as readonly string[]).includes(key)
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const portExpected = 'an integer from 0 to 65535 (0 picks a free port)'

function parsePort(value: unknown): ParseResult<number> {
  const number = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 65535) {
    return { ok: true, value: number }
  }
  return { ok: false, expected: portExpected }
}

const byteUnits: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
}

/**
 * An integer with an optional unit from `units` (case-insensitive; none means `bareUnit`),
 * scaled to the base unit and checked to lie in [min, max].
 */
function quantityParser(options: {
  readonly units: Readonly<Record<string, number>>
  readonly bareUnit: string
  readonly min: number
  readonly max: number
  readonly expected: string
}): Parser<number> {
  const { units, bareUnit, min, max, expected } = options
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, expected }
    const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(String(value))
    const unit = units[(match?.[2] || bareUnit).toLowerCase()]
    if (match === null || unit === undefined) return { ok: false, expected }
    const scaled = Number(match[1]) * unit
    if (!Number.isSafeInteger(scaled) || scaled < min || scaled > max)
      return { ok: false, expected }
    return { ok: true, value: scaled }
  }
}

/** A byte count: an integer, or a number with a unit (64MB, 256MiB, 1GB; powers of 1024). */
function byteSizeParser(min: number): Parser<number> {
  return quantityParser({
    units: byteUnits,
    bareUnit: 'b',
    min,
    max: Number.MAX_SAFE_INTEGER,
    expected: `a size from ${min} bytes, like 67108864, "64MB" or "1GB"`,
  })
}

const durationUnitsMs: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
}

/** A duration with PostgreSQL's units (250ms, 30s, 5min, 1h); a bare number counts seconds,
 * as checkpoint_timeout does in PostgreSQL. */
const parseCheckpointTimeout = quantityParser({
  units: durationUnitsMs,
  bareUnit: 's',
  min: checkpointTimeoutMsMin,
  max: checkpointTimeoutMsMax,
  expected: `a duration from ${checkpointTimeoutMsMin}ms to ${checkpointTimeoutMsMax / 3_600_000}h, like "30s", "5min" or 300`,
})

function parseNonEmptyString(value: unknown): ParseResult<string> {
  if (typeof value === 'string' && value.trim() !== '') return { ok: true, value }
  return { ok: false, expected: 'a non-empty string' }
}

function parsePath(value: unknown, source: RawSetting): ParseResult<string> {
  const text = parseNonEmptyString(value)
  return text.ok ? { ok: true, value: resolve(source.baseDir, text.value) } : text
}

function parseMaxConnections(value: unknown): ParseResult<number> {
  const number = typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isInteger(number) && number >= 1) {
    if (number <= pgMaxConnectionsMax) return { ok: true, value: number }
  }
  return { ok: false, expected: `an integer from 1 to ${pgMaxConnectionsMax}` }
}

/** A YAML list of CIDR blocks, or (from the environment) one comma-separated string. */
function parseCidrList(value: unknown): ParseResult<readonly string[]> {
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value
  const expected = 'a list of CIDR blocks such as ["127.0.0.1/32", "::1/128"]'
  if (!Array.isArray(items)) return { ok: false, expected }
  const blocks: string[] = []
  for (const item of items) {
    if (typeof item !== 'string' || !isCidr(item)) return { ok: false, expected }
    blocks.push(item)
  }
  return { ok: true, value: blocks }
}

function parseHost(value: unknown): ParseResult<string> {
  if (typeof value === 'string' && /^[^\s/]+$/.test(value)) return { ok: true, value }
  return { ok: false, expected: 'a host name or IP address' }
}

/** The admin key grants full access over HTTP, so a guessable one is refused. */
export const adminKeyLengthMin = 16

function parseAdminKey(value: unknown): ParseResult<string> {
  if (typeof value === 'string' && value.length >= adminKeyLengthMin && !/\s/.test(value)) {
    return { ok: true, value }
  }
  const expected = `a string of at least ${adminKeyLengthMin} characters without spaces`
  return { ok: false, expected: withQuoteHint(expected, value) }
}

function parsePassword(value: unknown): ParseResult<string> {
  if (typeof value === 'string' && value !== '') return { ok: true, value }
  return { ok: false, expected: withQuoteHint('a non-empty string', value) }
}

/** YAML reads `password: 1234` as a number; only such non-strings need the hint. */
function withQuoteHint(expected: string, value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean'
    ? `${expected} (quote it in YAML)`
    : expected
}

function parseLogLevel(value: unknown): ParseResult<LogLevel> {
  return parseChoice(value, ['debug', 'info', 'warn', 'error'] as const)
}

function parseLogFormat(value: unknown): ParseResult<LogFormatSetting> {
  return parseChoice(value, ['json', 'pretty', 'auto'] as const)
}

function parseChoice<T extends string>(value: unknown, choices: readonly T[]): ParseResult<T> {
  const match = choices.find((choice) => choice === value)
  if (match !== undefined) return { ok: true, value: match }
  return { ok: false, expected: `one of ${choices.join(', ')}` }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child)
  }
  return Object.freeze(value)
}
