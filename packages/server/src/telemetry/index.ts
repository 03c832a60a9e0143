/**
 * Telemetry: structured logs and Prometheus metrics behind two small interfaces (Logger,
 * MetricsRegistry), so domain code never touches the console or a metrics library.
 *
 * Not here: traces (OpenTelemetry comes later behind the same kind of interface), audit logs
 * (audit/), deciding what to log (each component does).
 *
 * Invariants:
 *   1. main.ts creates one Logger and one MetricsRegistry and passes them down; nothing in the
 *      server creates its own or writes to the console (Biome allows console.* only here and
 *      in cli/).
 *   2. Metric label values come from bounded sets (route patterns, status codes, never raw
 *      paths or user input), so the number of series stays bounded.
 * Imports: node only. Tests: json-logger.test.ts, prometheus-registry.test.ts.
 */
export {
  JsonLogger,
  type JsonLoggerOptions,
  type LogFormat,
  type LogStream,
} from './json-logger.js'
export type { LogFields, Logger, LogLevel } from './logger.js'
export type { Counter, Gauge, Histogram, Labels, MetricsRegistry } from './metrics.js'
export { ProcessMetrics } from './process-metrics.js'
export {
  durationBucketsSeconds,
  type MetricsCollector,
  PrometheusRegistry,
  type PrometheusRegistryOptions,
} from './prometheus-registry.js'
export { prometheusContentType } from './prometheus-text.js'
export { StorageMetrics, type StorageStatisticsSource } from './storage-metrics.js'
