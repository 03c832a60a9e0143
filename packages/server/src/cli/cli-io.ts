/**
 * CliIo: what a command may touch of the outside world, passed in by bkg-db.ts so commands run
 * unchanged in tests with collected output and a made-up environment.
 */
import type { LogStream } from '../telemetry/index.js'

export interface CliIo {
  readonly stdout: LogStream
  readonly stderr: LogStream
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}
