/**
 * The in-process engine as an SltConnection: a fresh in-memory database and one session. Values
 * come back typed; each becomes its text output (formatValueText, PostgreSQL's type output
 * functions, what pgwire would send), so the runner formats engine and PostgreSQL results by
 * the same code.
 */
import { formatValueText, openDatabase } from '@bkg-db/engine'
import type { RunOutcome, SltConnection } from './run-file.js'

export async function openEngineConnection(): Promise<SltConnection> {
  // No checkpoint timer: it would keep a short-lived runner process alive.
  const database = await openDatabase({ path: ':memory:', checkpointIntervalMs: 0 })
  const session = database.createSession({ user: 'postgres', applicationName: 'sqllogictest' })
  return {
    async run(sql: string): Promise<RunOutcome> {
      const { results, error } = await session.execute(sql)
      if (error !== undefined) return { kind: 'error', code: error.code, message: error.message }
      const last = results[results.length - 1]
      const columns = last?.columns
      if (last === undefined || columns === undefined) {
        return { kind: 'ok', columnTypeOids: undefined, rows: [] }
      }
      const typeOids = columns.map((column) => column.typeOid)
      const rows = last.rows.map((row) =>
        row.map((value, i) => formatValueText(value, typeOids[i] ?? 0)),
      )
      return { kind: 'ok', columnTypeOids: typeOids, rows }
    },
    async close(): Promise<void> {
      session.close()
      await database.close()
    },
  }
}
