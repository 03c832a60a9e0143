/**
 * The metrics pgwire reports. Registered once per server; label values are fixed ('ok',
 * 'error'), so the number of series stays bounded.
 */
import type { Counter, Gauge, Histogram, MetricsRegistry } from '../telemetry/index.js'

export interface PgMetrics {
  /** Open connections, whatever their state. */
  readonly connections: Gauge
  /** Query messages handled, by `status`: ok, or error when a statement failed. */
  readonly queries: Counter
  /** Time from a query message to its last result, excluding sending, in seconds. */
  readonly queryDuration: Histogram
}

export function createPgMetrics(registry: MetricsRegistry): PgMetrics {
  return {
    connections: registry.gauge('bkg_db_pg_connections', 'Open PostgreSQL protocol connections.'),
    queries: registry.counter(
      'bkg_db_pg_queries_total',
      'Simple query messages handled over the PostgreSQL protocol, by outcome.',
      ['status'],
    ),
    queryDuration: registry.histogram(
      'bkg_db_pg_query_duration_seconds',
      'Time to execute one simple query message, in seconds.',
    ),
  }
}
