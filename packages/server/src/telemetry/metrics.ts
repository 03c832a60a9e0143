/**
 * Metrics in Prometheus' text exposition format (version 0.0.4). A MetricsRegistry owns counters,
 * gauges and histograms; `/metrics` renders it. Label values are bounded by the callers (route
 * patterns, not raw paths) so the number of series stays bounded.
 */
export type Labels = Readonly<Record<string, string>>

export interface Counter {
  inc(labels?: Labels, amount?: number): void
}

export interface Gauge {
  set(value: number, labels?: Labels): void
  inc(labels?: Labels, amount?: number): void
  dec(labels?: Labels, amount?: number): void
}

export interface Histogram {
  /** Records one observation, in the histogram's unit (seconds for durations). */
  observe(value: number, labels?: Labels): void
}

export interface MetricsRegistry {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter
  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge
  histogram(
    name: string,
    help: string,
    labelNames?: readonly string[],
    buckets?: readonly number[],
  ): Histogram
  /** The whole registry (plus process metrics) in Prometheus text format. */
  render(): string
  /** Adds families computed at render time (e.g. the engine's storage counters, known only
   * once the database is open). */
  addCollector(collector: { render(): string }): void
}
