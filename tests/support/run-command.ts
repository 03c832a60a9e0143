/**
 * runCommand: runs a program to completion (the bkg-db command for --help or a failing start,
 * psql for one script) and collects its exit code and output. A run over its timeout is
 * killed and reported as a failure, so a hung server cannot hang the suite.
 */
import { spawn } from 'node:child_process'

export interface CommandResult {
  /** Exit code; null when a signal ended it. */
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunCommandOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly cwd?: string
  readonly stdin?: string
  readonly timeoutMs?: number
}

export function runCommand(
  program: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `${program} ${args.join(' ')} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`,
        ),
      )
    }, options.timeoutMs ?? 20_000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer)
      resolve({ exitCode, signal, stdout, stderr })
    })
    child.stdin.end(options.stdin ?? '')
  })
}

/** The environment of this process without any BKG_DB_* variable, so tests set their own. */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('BKG_DB_') && !name.startsWith('PG')) env[name] = value
  }
  return { ...env, ...extra }
}
