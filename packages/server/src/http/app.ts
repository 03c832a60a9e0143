/**
 * The HTTP face: a hono app with every route and middleware. It never listens; main.ts serves
 * it with @hono/node-server, and tests call `app.request()` directly.
 *
 *   GET  /healthz   routes/health/get-healthz.ts   readiness + liveness, unauthenticated
 *   GET  /metrics   routes/metrics/get-metrics.ts  Prometheus text, unauthenticated
 *   POST /query     routes/query/post-query.ts     SQL over HTTP; admin key; body limit
 *
 * Middleware, outermost first: requestMetrics (every request), then per route requireAdminKey
 * and the body limit. Authentication runs before the body is read, so an unauthenticated client
 * cannot make the server buffer a body. Every error leaves as JSON (json-response.ts).
 */
import type { Database } from '@bkg-db/engine'
import { SqlError } from '@bkg-db/engine'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../errors/index.js'
import { httpBodyBytesMax } from '../limits.js'
import type { Logger, MetricsRegistry } from '../telemetry/index.js'
import type { Health } from './health.js'
import { apiErrorResponse, sqlErrorResponse } from './json-response.js'
import { requestMetrics } from './middleware/request-metrics.js'
import { requireAdminKey } from './middleware/require-admin-key.js'
import { getHealthz } from './routes/health/get-healthz.js'
import { getMetrics } from './routes/metrics/get-metrics.js'
import { postQuery } from './routes/query/post-query.js'

export interface AppOptions {
  readonly database: Database
  readonly health: Health
  readonly adminKey: string
  readonly logger: Logger
  readonly metrics: MetricsRegistry
  /** Reported by /healthz. */
  readonly version: string
  /** Largest request body; defaults to httpBodyBytesMax (tests pass a small one). */
  readonly bodyBytesMax?: number
}

export function createApp(options: AppOptions): Hono {
  const app = new Hono()
  const bodyBytesMax = options.bodyBytesMax ?? httpBodyBytesMax
  app.use('*', requestMetrics(options))
  app.get('/healthz', getHealthz(options))
  app.get('/metrics', getMetrics(options))
  app.post(
    '/query',
    requireAdminKey(options.adminKey),
    bodyLimit({
      maxSize: bodyBytesMax,
      onError: () =>
        apiErrorResponse(
          new ApiError('BKG-HTTP04', `the request body is larger than ${bodyBytesMax} bytes`),
        ),
    }),
    postQuery(options),
  )
  app.notFound((c) =>
    apiErrorResponse(new ApiError('BKG-HTTP05', `no route for ${c.req.method} ${c.req.path}`)),
  )
  app.onError((error, c) => {
    if (error instanceof ApiError) return apiErrorResponse(error)
    if (error instanceof SqlError) return sqlErrorResponse(error)
    if (c.req.raw.signal.aborted) {
      // The client is gone (for instance while a middleware streamed its body); nobody reads
      // this response, and it is no server failure.
      options.logger.debug('client disconnected during the request', { path: c.req.path, error })
      return apiErrorResponse(new ApiError('BKG-HTTP09', 'the request was aborted by the client'))
    }
    options.logger.error('unexpected error in an HTTP request', {
      method: c.req.method,
      path: c.req.path,
      error,
    })
    return apiErrorResponse(
      new ApiError('BKG-HTTP07', 'internal error; the server log has details'),
    )
  })
  return app
}
