#!/usr/bin/env node
/**
 * The `bkg-db` command's entry point: hands the real process's arguments, streams, environment
 * and working directory to runCli, then exits with its code. Everything testable is in
 * run-cli.ts and commands/.
 */
import { runCli } from './run-cli.js'

const exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
})
// Exit explicitly: after a shutdown, nothing may keep the event loop alive by accident.
process.exit(exitCode)
