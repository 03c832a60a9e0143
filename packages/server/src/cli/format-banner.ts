/**
 * The banner `bkg-db start` prints once the server is ready: where to connect, and the
 * credentials (the only place the secrets are shown; the log records only where they came from).
 *
 *   bkg-db 0.1.0 is ready
 *
 *     HTTP       http://127.0.0.1:54321
 *     Postgres   postgresql://postgres@127.0.0.1:54322/postgres
 *     psql       psql -h 127.0.0.1 -p 54322 -U postgres postgres
 *     Admin key  9c2V...   (generated, kept in .bkg-db/credentials.json)
 *     Password   Qm7x...   (from the configuration)
 *     Data       /path/to/.bkg-db
 */
import type { CredentialSource } from '../credentials.js'
import { type RunningServer, urlHost } from '../main.js'

export function formatBanner(server: RunningServer): string {
  const httpHost = urlHost(server.config.http.host)
  const pgHost = urlHost(server.config.pg.host)
  const psqlHost = pgHost.replace(/^\[(.*)\]$/, '$1')
  const { credentials } = server
  const adminKeySource = describeSource(credentials.adminKeySource, credentials.filePath)
  const passwordSource = describeSource(credentials.passwordSource, credentials.filePath)
  const lines = [
    '',
    `bkg-db ${server.version} is ready`,
    '',
    `  HTTP       http://${httpHost}:${server.httpPort}`,
    `  Postgres   postgresql://postgres@${pgHost}:${server.pgPort}/postgres`,
    `  psql       psql -h ${psqlHost} -p ${server.pgPort} -U postgres postgres`,
    `  Admin key  ${credentials.adminKey}   (${adminKeySource})`,
    `  Password   ${credentials.password}   (${passwordSource})`,
    '',
    `  Data       ${server.config.dataDir}`,
    '',
    '  Stop with Ctrl+C.',
    '',
  ]
  return `${lines.join('\n')}\n`
}

function describeSource(source: CredentialSource, filePath: string): string {
  switch (source) {
    case 'configured':
      return 'from the configuration'
    case 'generated':
      return `generated, kept in ${filePath}`
    case 'stored':
      return `generated earlier, kept in ${filePath}`
  }
}
