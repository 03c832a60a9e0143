/**
 * POST /query (admin key): runs SQL text in a fresh engine Session as the superuser `postgres`
 * and answers with the results as JSON (query-result-json.ts) or the SQL error with its HTTP
 * status (errors/http-status.ts). Several `;`-separated statements run in one implicit
 * transaction, as over pgwire's simple query protocol: if one fails, none of them commits.
 * The session is closed afterwards whatever happens, rolling back anything left open.
 */
import { type Database, SqlError } from '@bkg-db/engine'
import type { Handler } from 'hono'
import { ApiError } from '../../../errors/index.js'
import type { Logger } from '../../../telemetry/index.js'
import type { Health } from '../../health.js'
import { jsonResponse, sqlErrorResponse } from '../../json-response.js'
import { readBodyText } from '../../read-body-text.js'
import { parseQueryRequest } from './query-request.js'
import { encodeQueryResults } from './query-result-json.js'

export interface PostQueryOptions {
  readonly database: Database
  readonly health: Health
  readonly logger: Logger
}

export function postQuery(options: PostQueryOptions): Handler {
  return async function query(c) {
    if (!options.health.isReady) {
      throw new ApiError('BKG-HTTP06', `the server is ${options.health.phase}`, {
        hint: 'Retry once /healthz reports "ok".',
      })
    }
    const request = parseQueryRequest(await readBodyText(c))
    const session = options.database.createSession({
      user: 'postgres',
      applicationName: 'bkg-db http',
    })
    try {
      const outcome = await session.execute(request.sql, request.params)
      if (outcome.error !== undefined) return sqlError(outcome.error, options.logger)
      return jsonResponse(encodeQueryResults(outcome.results), 200)
    } catch (error: unknown) {
      // The engine reports errors in the outcome; a throw is unexpected but still a SqlError.
      if (error instanceof SqlError) return sqlError(error, options.logger)
      throw error
    } finally {
      session.close()
    }
  }
}

function sqlError(error: SqlError, logger: Logger): Response {
  if (error.code.startsWith('XX')) {
    logger.error('internal error in /query', { code: error.code, error })
  } else {
    logger.debug('sql error in /query', { code: error.code, message: error.message })
  }
  return sqlErrorResponse(error)
}
