// Temporary: replaced by the real engine within this session.
import type { Database, DatabaseOptions } from './database.js'
import { SqlError, SqlState } from './errors/index.js'
import type { Session } from './session/session.js'

export async function openEngineDatabase(options: DatabaseOptions): Promise<Database> {
  let next = 1
  const sessions = new Set<Session>()
  return {
    path: options.path,
    get sessionCount() {
      return sessions.size
    },
    createSession({ user }) {
      const session: Session = {
        id: next++,
        user,
        transactionStatus: 'idle',
        async execute() {
          return { results: [], error: new SqlError(SqlState.featureNotSupported, 'not ready') }
        },
        close() {
          sessions.delete(session)
        },
      }
      sessions.add(session)
      return session
    },
    async close() {},
  }
}
