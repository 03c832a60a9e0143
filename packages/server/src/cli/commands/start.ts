/**
 * `bkg-db start [--data-dir DIR] [--http-port N] [--pg-port N] [--host H] [--config FILE]`:
 * runs the server until SIGINT/SIGTERM. Flags are only collected here; config.ts validates them
 * together with the environment and the file, and main.ts does the rest.
 */
import { parseArgs } from 'node:util'
import { runServer } from '../../main.js'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'
import { formatBanner } from '../format-banner.js'
import { UsageError } from '../usage-error.js'

export const startUsage = `Usage: bkg-db start [--data-dir DIR] [--http-port N] [--pg-port N]
                    [--host H] [--config FILE]
Run "bkg-db --help" for what each option does.
`

const startOptions = {
  'data-dir': { type: 'string' },
  'http-port': { type: 'string' },
  'pg-port': { type: 'string' },
  host: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function runStart(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseStartArgs(args)
  if (values.help === true) {
    io.stdout.write(startUsage)
    return ExitCode.ok
  }
  return runServer({
    flags: {
      dataDir: values['data-dir'],
      httpPort: values['http-port'],
      pgPort: values['pg-port'],
      host: values.host,
      config: values.config,
    },
    env: io.env,
    cwd: io.cwd,
    stdout: io.stdout,
    onReady: (server) => io.stdout.write(formatBanner(server)),
  })
}

function parseStartArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: startOptions,
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error: unknown) {
    // Node's messages name the option; the first sentence is enough ("Unknown option '--x'").
    const message =
      error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error)
    throw new UsageError(`start: ${message}`, { cause: error })
  }
}
