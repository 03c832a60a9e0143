/**
 * runCli: dispatches `bkg-db <command> [options]` and turns every failure into a message on
 * stderr and an exit code (exit-code.ts). Commands live in commands/<command>.ts.
 */
import type { CliIo } from './cli-io.js'
import { runHelp } from './commands/help.js'
import { runPolicy } from './commands/policy.js'
import { runStart } from './commands/start.js'
import { runVersion } from './commands/version.js'
import { ExitCode, exitCodeFor } from './exit-code.js'
import { UsageError } from './usage-error.js'

type Command = (args: readonly string[], io: CliIo) => Promise<number> | number

const commands: Readonly<Record<string, Command>> = {
  start: runStart,
  policy: runPolicy,
  help: (_args, io) => runHelp(io),
  version: (_args, io) => runVersion(io),
  '--help': (_args, io) => runHelp(io),
  '-h': (_args, io) => runHelp(io),
  '--version': (_args, io) => runVersion(io),
  '-v': (_args, io) => runVersion(io),
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  try {
    if (name === undefined) throw new UsageError('missing command')
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined
    if (command === undefined) {
      const what = name.startsWith('-') ? 'option' : 'command'
      throw new UsageError(`unknown ${what} ${JSON.stringify(name)}`)
    }
    return await command(args, io)
  } catch (error: unknown) {
    reportError(error, io)
    return exitCodeFor(error)
  }
}

function reportError(error: unknown, io: CliIo): void {
  const message = error instanceof Error ? error.message : String(error)
  io.stderr.write(`bkg-db: ${message}\n`)
  if (error instanceof UsageError) {
    io.stderr.write('Run "bkg-db --help" for usage.\n')
  } else if (
    exitCodeFor(error) === ExitCode.failure &&
    error instanceof Error &&
    error.stack !== undefined
  ) {
    // Unexpected: the stack is what a bug report needs.
    io.stderr.write(`${error.stack}\n`)
  }
}
