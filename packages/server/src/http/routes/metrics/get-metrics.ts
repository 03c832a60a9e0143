/**
 * GET /metrics: the metrics registry in Prometheus text format, for scraping. Unauthenticated,
 * like /healthz: it holds counts and timings, no data or secrets; bind the HTTP host to a
 * private address when that matters.
 */
import type { Handler } from 'hono'
import { type MetricsRegistry, prometheusContentType } from '../../../telemetry/index.js'

export function getMetrics(options: { metrics: MetricsRegistry }): Handler {
  return function metrics() {
    return new Response(options.metrics.render(), {
      status: 200,
      headers: { 'content-type': prometheusContentType, 'cache-control': 'no-store' },
    })
  }
}
