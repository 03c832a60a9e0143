/**
 * GET /healthz: liveness and readiness in one answer, unauthenticated so load balancers and
 * orchestrators can poll it.
 *
 *   200 { "status": "ok", "checks": { "database": "ok", "pgwire": "ok" },
 *         "version": "0.1.0", "uptimeSeconds": 12 }
 *   503 the same with "status": "unavailable" while starting, shutting down, or a check fails
 */
import type { Handler } from 'hono'
import type { Health } from '../../health.js'
import { jsonResponse } from '../../json-response.js'

export function getHealthz(options: { health: Health; version: string }): Handler {
  return function healthz() {
    const report = options.health.report()
    const body = {
      status: report.status,
      checks: report.checks,
      version: options.version,
      uptimeSeconds: report.uptimeSeconds,
    }
    return jsonResponse(body, report.status === 'ok' ? 200 : 503, { 'cache-control': 'no-store' })
  }
}
