/** `bkg-db --help`: what the command does, its options, and where each setting comes from. */
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'

export const helpText = `bkg-db: a Supabase-class data platform in one process (pgwire + HTTP).

Usage:
  bkg-db start [options]   start the server
  bkg-db policy compile FILE [--data-dir DIR | --schema-sql FILE]
                           print the SQL a DBAL ACL (YAML) or JSON policy file compiles to
  bkg-db --help, -h        show this help
  bkg-db --version, -v     show the version

Options for start:
  --data-dir DIR   data directory (default ./.bkg-db; env BKG_DB_DATA_DIR)
  --http-port N    HTTP port, 0 picks a free one (default 54321; env BKG_DB_HTTP_PORT)
  --pg-port N      PostgreSQL protocol port, 0 picks a free one (default 54322; env BKG_DB_PG_PORT)
  --host H         address both listen on (default 127.0.0.1; env BKG_DB_HOST)
  --config FILE    YAML config file (default ./bkg-db.yaml when present; env BKG_DB_CONFIG)

More settings (config file key, environment variable):
  admin_key   BKG_DB_ADMIN_KEY    key for admin HTTP operations such as POST /query
  password    BKG_DB_PASSWORD     password of the superuser "postgres"
              Both are generated on first start when not set, and kept in DATA_DIR/credentials.json.
  log.level   BKG_DB_LOG_LEVEL    debug | info | warn | error (default info)
  log.format  BKG_DB_LOG_FORMAT   json | pretty | auto (default auto: pretty on a terminal)
  The file nests keys: http.port is "http:" then "  port: 54321".

Precedence: flags, then environment, then config file, then defaults.
Exit codes: 0 ok, 1 failure, 2 wrong usage or configuration (also a port in use).
`

export function runHelp(io: CliIo): number {
  io.stdout.write(helpText)
  return ExitCode.ok
}
