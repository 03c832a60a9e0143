/** `bkg-db --version`: the engine's version, which is the version of the whole release. */
import { engineVersion, postgresVersion } from '@bkg-db/engine'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'

export function runVersion(io: CliIo): number {
  io.stdout.write(`bkg-db ${engineVersion} (PostgreSQL ${postgresVersion} dialect)\n`)
  return ExitCode.ok
}
