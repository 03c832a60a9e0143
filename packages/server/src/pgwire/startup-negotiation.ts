/**
 * Startup negotiation: from a client's StartupMessage to the user, database and protocol
 * options of its connection, with PostgreSQL's errors for what cannot be accepted; and the
 * run-time parameters a new session reports (ParameterStatus).
 *
 * Simplifications: run-time settings sent in the startup packet (DateStyle, search_path,
 * `options=-c ...`) are accepted and ignored until the engine's sessions take settings, and
 * client_encoding is always UTF8, whatever the client asks (no conversion).
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
}

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
  return {
    user,
    database,
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
export function reportedParameters(startup: StartupParameters): readonly [string, string][] {
  return [
    ['application_name', startup.applicationName ?? ''],
    ['client_encoding', 'UTF8'],
    ['DateStyle', 'ISO, MDY'],
    ['integer_datetimes', 'on'],
    // Until roles carry a superuser flag, the bootstrap role is the only superuser.
    ['is_superuser', startup.user === 'postgres' ? 'on' : 'off'],
    ['server_encoding', 'UTF8'],
    ['server_version', postgresVersion],
    ['session_authorization', startup.user],
    ['standard_conforming_strings', 'on'],
    ['TimeZone', 'UTC'],
  ]
}

function fatal(code: SqlStateCode, message: string): SqlError {
  return new SqlError(code, message, { severity: 'FATAL' })
}
