/**
 * Golden scripts: SQL test files whose expected output is generated, read as a diff, and
 * committed (toydb's goldenscript, simplified). A script is commands, a line `---`, then the
 * output. Each command is one `execute` call; `name: SQL` runs it in session `name` (default
 * `main`); a leading `!` expects an error. `#` lines are comments and tell the story.
 * Run with UPDATE_GOLDEN=1 to rewrite the expected output after reading the diff.
 */
import type { Database } from '../database.js'
import type { Session } from '../session/session.js'
import type { StatementResult } from '../sql/execute/statement-result.js'
import { formatValueText } from '../types/index.js'

export interface ScriptCommand {
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
    const match = /^([a-z][a-z0-9_]*):\s+(.*)$/.exec(line)
    const session = match?.[1] ?? 'main'
    let sql = match?.[2] ?? line
    const expectsError = sql.startsWith('!')
    if (expectsError) sql = sql.slice(1)
    commands.push({ session, sql, expectsError, line: index + 1 })
  })
  return { commands, expected }
}

/** Runs the commands and renders their output deterministically. */
export async function runScript(
  database: Database,
  commands: readonly ScriptCommand[],
): Promise<string> {
  const sessions = new Map<string, Session>()
  const out: string[] = []
  const isMulti = new Set(commands.map((command) => command.session)).size > 1
  for (const command of commands) {
    let session = sessions.get(command.session)
    if (session === undefined) {
      session = database.createSession({ user: 'postgres' })
      sessions.set(command.session, session)
    }
    const prefix = isMulti ? `${command.session}: ` : ''
    const { results, error } = await session.execute(command.sql)
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
  for (const session of sessions.values()) session.close()
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
      row.map((value, i) => formatValueText(value, columns[i]?.typeOid ?? 0) ?? 'NULL').join(' | '),
    )
  }
  lines.push(`(${result.commandTag})`)
  return lines
}
