/**
 * Real PostgreSQL as an SltConnection, over node-postgres with every value left as its text
 * output (no type parsers), exactly as the engine connection hands values to the formatter.
 * Used by `run-conformance --pg` to check the runner itself against the baseline.
 */
import pg from 'pg'
import type { RunOutcome, SltConnection } from './run-file.js'

/** Keeps every value as the text PostgreSQL sent. */
const textTypes = { getTypeParser: () => (text: string) => text }

function isQueryResult(value: unknown): value is pg.QueryArrayResult<(string | null)[]> {
  return typeof value === 'object' && value !== null && 'fields' in value && 'rows' in value
}

export async function openPgConnection(connectionString: string): Promise<SltConnection> {
  const client = new pg.Client({ connectionString, types: textTypes })
  // An error event on an idle client must not crash the process; the next query reports it.
  client.on('error', () => {})
  await client.connect()
  return {
    async run(sql: string): Promise<RunOutcome> {
      let result: unknown
      try {
        result = await client.query({ text: sql, rowMode: 'array' })
      } catch (error: unknown) {
        if (error instanceof pg.DatabaseError) {
          return { kind: 'error', code: error.code ?? 'XX000', message: error.message }
        }
        throw error
      }
      // Several statements in one string give one result each; the last one counts.
      const last: unknown = Array.isArray(result) ? result[result.length - 1] : result
      if (!isQueryResult(last) || last.fields.length === 0) {
        return { kind: 'ok', columnTypeOids: undefined, rows: [] }
      }
      return {
        kind: 'ok',
        columnTypeOids: last.fields.map((field) => field.dataTypeID),
        rows: last.rows,
      }
    },
    async close(): Promise<void> {
      await client.end()
    },
  }
}
