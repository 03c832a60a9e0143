/**
 * Startup negotiation: from a client's StartupMessage to the user, database and protocol
 * options of its connection, with PostgreSQL's errors for what cannot be accepted; and the
 * run-time parameters a new session reports (ParameterStatus).
 *
 * Run-time settings sent in the startup packet (DateStyle, TimeZone, application_name, and
 * `options=-c name=value --name=value`) are returned by startupSettings; the connection sets
 * those its session knows and ignores the rest. client_encoding is always UTF8, whatever the
 * client asks (no conversion).
 */
import { postgresVersion, SqlError, SqlState, type SqlStateCode } from '@bkg-db/engine'
import { protocolMinorVersionLatest, type StartupMessage } from './codec/index.js'

export interface StartupParameters {
  readonly user: string
  readonly database: string
  readonly applicationName: string | undefined
  /** `_pq_.` protocol options the client asked for; this server recognises none yet. */
  readonly protocolOptionsUnrecognized: readonly string[]
  /** True when NegotiateProtocolVersion must tell the client what it may use instead. */
  readonly isVersionNegotiated: boolean
  /** Run-time settings asked for, in order: startup parameters, then `options` switches. */
  readonly settings: readonly (readonly [string, string])[]
}

/** Startup parameters that are not run-time settings. */
const nonSettingParameters: ReadonlySet<string> = new Set([
  'user',
  'database',
  'options',
  'replication',
  'client_encoding',
])

const protocolOptionPrefix = '_pq_.'

/** Accepts a StartupMessage or throws the FATAL SqlError that refuses it. */
export function negotiateStartup(
  message: StartupMessage,
  databaseNames: readonly string[],
): StartupParameters {
  const user = message.parameters.get('user') ?? ''
  if (user === '') {
    throw fatal(
      SqlState.invalidAuthorizationSpecification,
      'no PostgreSQL user name specified in startup packet',
    )
  }
  const databaseRequested = message.parameters.get('database') ?? ''
  const database = databaseRequested === '' ? user : databaseRequested
  if (!databaseNames.includes(database)) {
    throw fatal(SqlState.undefinedDatabase, `database "${database}" does not exist`)
  }
  const protocolOptionsUnrecognized = [...message.parameters.keys()].filter((name) =>
    name.startsWith(protocolOptionPrefix),
  )
  const settings: [string, string][] = []
  for (const [name, value] of message.parameters) {
    if (!nonSettingParameters.has(name) && !name.startsWith(protocolOptionPrefix)) {
      settings.push([name, value])
    }
  }
  settings.push(...parseOptionsSwitches(message.parameters.get('options') ?? ''))
  return {
    user,
    database,
    settings,
    applicationName: message.parameters.get('application_name'),
    protocolOptionsUnrecognized,
    isVersionNegotiated:
      message.minorVersion > protocolMinorVersionLatest || protocolOptionsUnrecognized.length > 0,
  }
}

/**
 * The ParameterStatus messages sent after authentication, in PostgreSQL's order. Drivers read
 * these: server_version picks protocol features, integer_datetimes and
 * standard_conforming_strings change how values and literals are encoded.
 */
export function reportedParameters(
  startup: StartupParameters,
  isSuperuser: boolean,
): readonly [string, string][] {
  return [
    ['application_name', startup.applicationName ?? ''],
    ['client_encoding', 'UTF8'],
    ['DateStyle', 'ISO, MDY'],
    ['integer_datetimes', 'on'],
    ['IntervalStyle', 'postgres'],
    ['is_superuser', isSuperuser ? 'on' : 'off'],
    ['server_encoding', 'UTF8'],
    ['server_version', postgresVersion],
    ['session_authorization', startup.user],
    ['standard_conforming_strings', 'on'],
    ['TimeZone', 'UTC'],
  ]
}

/** The settings to apply at startup (the connection skips names its session does not know). */
export function startupSettings(
  startup: StartupParameters,
): readonly (readonly [string, string])[] {
  return startup.settings
}

/**
 * The `options` startup parameter: command-line switches separated by spaces (a backslash
 * escapes the next character); `-c name=value` and `--name=value` set run-time settings, other
 * switches are refused as PostgreSQL refuses unknown ones (FATAL 42704 / 22023 from SET).
 */
export function parseOptionsSwitches(options: string): [string, string][] {
  const words: string[] = []
  let word = ''
  let isEscaped = false
  // Bounded by the length of the startup packet.
  for (const char of options) {
    if (isEscaped) {
      word += char
      isEscaped = false
    } else if (char === '\\') isEscaped = true
    else if (char === ' ' || char === '\t' || char === '\n') {
      if (word !== '') words.push(word)
      word = ''
    } else word += char
  }
  if (word !== '') words.push(word)
  const settings: [string, string][] = []
  for (let index = 0; index < words.length; index++) {
    const current = words[index] ?? ''
    let assignment: string | undefined
    if (current === '-c') assignment = words[++index]
    else if (current.startsWith('-c')) assignment = current.slice(2)
    else if (current.startsWith('--')) assignment = current.slice(2)
    const equals = assignment?.indexOf('=') ?? -1
    if (assignment === undefined || equals <= 0) {
      throw new SqlError(
        SqlState.syntaxError,
        `invalid command-line argument for server process: ${current}`,
        { severity: 'FATAL', hint: 'Try "postgres --help" for more information.' },
      )
    }
    settings.push([assignment.slice(0, equals).replaceAll('-', '_'), assignment.slice(equals + 1)])
  }
  return settings
}

function fatal(code: SqlStateCode, message: string): SqlError {
  return new SqlError(code, message, { severity: 'FATAL' })
}
