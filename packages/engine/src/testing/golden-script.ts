/**
 * Golden scripts: SQL test files whose expected output is generated, read as a diff, and
 * committed (toydb's goldenscript, simplified). A script is commands, a line `---`, then the
 * output. Each command is one `execute` call; `name: SQL` runs it in session `name` (default
 * `main`); a leading `!` expects an error. `#` lines are comments and tell the story.
 * `sleep <ms>` waits (for timeouts) before the next command.
 * Run with UPDATE_GOLDEN=1 to rewrite the expected output after reading the diff.
 */
import type { Database } from '../database.js'
import type { Session } from '../session/session.js'
import type { StatementResult } from '../sql/execute/statement-result.js'
import { formatValueText } from '../types/index.js'

export interface ScriptCommand {
  /** Milliseconds to wait instead of running SQL (a `sleep` line). */
  readonly sleepMs?: number
  readonly session: string
  readonly sql: string
  readonly expectsError: boolean
  readonly line: number
}

export function parseScript(text: string): { commands: ScriptCommand[]; expected: string } {
  const lines = text.split('\n')
  const separator = lines.indexOf('---')
  const body = separator < 0 ? lines : lines.slice(0, separator)
  const expected = separator < 0 ? '' : lines.slice(separator + 1).join('\n')
  const commands: ScriptCommand[] = []
  body.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const sleep = /^sleep (\d+)$/.exec(line)
    if (sleep !== null) {
      commands.push({
        sleepMs: Number(sleep[1]),
        session: '',
        sql: '',
        expectsError: false,
        line: index + 1,
      })
      return
    }
    const match = /^([a-z][a-z0-9_]*):\s+(.*)$/.exec(line)
    const session = match?.[1] ?? 'main'
    let sql = match?.[2] ?? line
    const expectsError = sql.startsWith('!')
    if (expectsError) sql = sql.slice(1)
    commands.push({ session, sql, expectsError, line: index + 1 })
  })
  return { commands, expected }
}

/** Lets pending work settle: a few turns of the event loop (enough for in-memory fsyncs). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

interface ScriptSession {
  readonly session: Session
  /** A command still running (waiting for another session's transaction). */
  pending: Promise<void> | undefined
}

/**
 * Runs the commands and renders their output deterministically. A command that does not finish
 * once pending work has settled is waiting (for a lock): the script goes on with the next
 * commands, and the waiting command's output appears after the command that released it.
 */
export async function runScript(
  database: Database,
  commands: readonly ScriptCommand[],
): Promise<string> {
  const sessions = new Map<string, ScriptSession>()
  const out: string[] = []
  const isMulti =
    new Set(commands.filter((c) => c.sleepMs === undefined).map((c) => c.session)).size > 1
  for (const command of commands) {
    if (command.sleepMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, command.sleepMs))
      await settle()
      continue
    }
    let entry = sessions.get(command.session)
    if (entry === undefined) {
      entry = { session: database.createSession({ user: 'postgres' }), pending: undefined }
      sessions.set(command.session, entry)
    }
    const prefix = isMulti ? `${command.session}: ` : ''
    const current = entry
    const run = async (): Promise<void> => {
      const { results, error } = await current.session.execute(command.sql)
      for (const result of results) for (const line of renderResult(result)) out.push(prefix + line)
      if (error !== undefined) {
        const position = error.position === undefined ? '' : ` (position ${error.position})`
        out.push(`${prefix}error ${error.code}: ${error.message}${position}`)
        if (error.detail !== undefined) out.push(`${prefix}  detail: ${error.detail}`)
      }
      if ((error !== undefined) !== command.expectsError) {
        out.push(
          `${prefix}!! line ${command.line}: ${command.expectsError ? 'expected an error' : 'unexpected error'}`,
        )
      }
    }
    const previous = current.pending ?? Promise.resolve()
    let isDone = false
    const running = previous.then(run).finally(() => {
      isDone = true
    })
    current.pending = running
    await settle()
    if (!isDone) out.push(`${prefix}(waiting)`)
    else current.pending = undefined
  }
  for (const entry of sessions.values()) await entry.pending
  for (const entry of sessions.values()) entry.session.close()
  return `${out.join('\n')}\n`
}

function renderResult(result: StatementResult): string[] {
  const lines = result.notices.map(
    (notice) => `${notice.severity.toLowerCase()}: ${notice.message}`,
  )
  if (result.columns === undefined) {
    lines.push(result.commandTag)
    return lines
  }
  const columns = result.columns
  lines.push(columns.map((column) => column.name).join(' | '))
  for (const row of result.rows) {
    lines.push(
      row
        .map((value, i) =>
          formatValueText(value, columns[i]?.type ?? columns[i]?.typeOid ?? 0, result.typeContext),
        )
        .map((text) => text ?? 'NULL')
        .join(' | '),
    )
  }
  lines.push(`(${result.commandTag})`)
  return lines
}
