/**
 * requestMetrics: counts and times every HTTP request, and logs it at debug.
 *
 *   bkg_db_http_requests_total{method,route,status}          counter
 *   bkg_db_http_request_duration_seconds{method,route}       histogram
 *
 * `route` is the pattern of the route that answered (`/query`, later `/rest/v1/:table`), never
 * the raw path, so the number of series stays bounded; requests no route matched count as
 * `unmatched`, and methods outside the standard set as `OTHER`. It runs outermost, so it sees
 * the final status, also of errors turned into responses by the app's error handler.
 */
import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { Logger, MetricsRegistry } from '../../telemetry/index.js'

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function requestMetrics(options: {
  metrics: MetricsRegistry
  logger: Logger
}): MiddlewareHandler {
  const requests = options.metrics.counter(
    'bkg_db_http_requests_total',
    'HTTP requests answered.',
    ['method', 'route', 'status'],
  )
  const durations = options.metrics.histogram(
    'bkg_db_http_request_duration_seconds',
    'Time from receiving an HTTP request to its response, in seconds.',
    ['method', 'route'],
  )
  return async function recordRequest(c, next) {
    const startMs = performance.now()
    await next()
    const durationMs = performance.now() - startMs
    const method = knownMethods.has(c.req.method) ? c.req.method : 'OTHER'
    // App-wide middleware is registered for every method ('ALL'); the answering route is not.
    const route =
      matchedRoutes(c).findLast((matched) => matched.method !== 'ALL')?.path ?? 'unmatched'
    const status = String(c.res.status)
    requests.inc({ method, route, status })
    durations.observe(durationMs / 1000, { method, route })
    options.logger.debug('http request', {
      method: c.req.method,
      path: c.req.path,
      route,
      status: c.res.status,
      durationMs: Math.round(durationMs * 1000) / 1000,
    })
  }
}
