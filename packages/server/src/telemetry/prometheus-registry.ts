/**
 * PrometheusRegistry: the MetricsRegistry behind `/metrics`. It keeps counters, gauges and
 * histograms in memory, in registration order, and renders them (plus whatever its collectors,
 * such as ProcessMetrics, compute at render time) in Prometheus text format 0.0.4.
 *
 * Invariants:
 *   1. A metric name is registered once; registering it again with the same type and labels
 *      returns the same metric, anything else throws (two meanings for one name is a bug).
 *   2. Every sample carries exactly the label names declared at registration, in that order.
 *   3. Counters never decrease; histogram buckets are rendered cumulatively and end in `+Inf`.
 * Not here: series limits. Callers pass bounded label values (route patterns, not raw paths).
 */
import type { Counter, Gauge, Histogram, Labels, MetricsRegistry } from './metrics.js'
import {
  formatHeader,
  formatLabels,
  formatNumber,
  isValidLabelName,
  isValidMetricName,
  type MetricType,
  orderLabels,
} from './prometheus-text.js'

/** Something that contributes metric families computed at render time. */
export interface MetricsCollector {
  render(): string
}

export interface PrometheusRegistryOptions {
  readonly collectors?: readonly MetricsCollector[]
}

/** Buckets for request durations in seconds: 1 ms to 10 s. */
export const durationBucketsSeconds: readonly number[] = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]

type LabelPairs = readonly (readonly [string, string])[]

/** State shared by the three metric kinds: name, help, label names and the series map. */
abstract class Metric<Series> {
  abstract readonly type: MetricType
  readonly #series = new Map<string, { labels: LabelPairs; series: Series }>()

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    // A metric without labels has exactly one series; it renders as 0 from the start, as in
    // Prometheus' own clients, so dashboards see it before the first event.
    if (labelNames.length === 0) this.seriesFor(undefined)
  }

  protected abstract newSeries(): Series
  protected abstract renderSeries(labels: LabelPairs, series: Series): string

  protected seriesFor(labels: Labels | undefined): Series {
    const pairs = orderLabels(this.name, this.labelNames, labels)
    const key = JSON.stringify(pairs.map(([, value]) => value))
    let entry = this.#series.get(key)
    if (entry === undefined) {
      entry = { labels: pairs, series: this.newSeries() }
      this.#series.set(key, entry)
    }
    return entry.series
  }

  render(): string {
    let text = formatHeader(this.name, this.help, this.type)
    for (const { labels, series } of this.#series.values()) {
      text += this.renderSeries(labels, series)
    }
    return text
  }
}

class CounterMetric extends Metric<{ value: number }> implements Counter {
  readonly type = 'counter'

  protected newSeries(): { value: number } {
    return { value: 0 }
  }

  protected renderSeries(labels: LabelPairs, series: { value: number }): string {
    return `${this.name}${formatLabels(labels)} ${formatNumber(series.value)}\n`
  }

  inc(labels?: Labels, amount = 1): void {
    if (!(amount >= 0)) throw new RangeError(`counter ${this.name} cannot change by ${amount}`)
    this.seriesFor(labels).value += amount
  }
}

class GaugeMetric extends Metric<{ value: number }> implements Gauge {
  readonly type = 'gauge'

  protected newSeries(): { value: number } {
    return { value: 0 }
  }

  protected renderSeries(labels: LabelPairs, series: { value: number }): string {
    return `${this.name}${formatLabels(labels)} ${formatNumber(series.value)}\n`
  }

  set(value: number, labels?: Labels): void {
    this.seriesFor(labels).value = value
  }

  inc(labels?: Labels, amount = 1): void {
    this.seriesFor(labels).value += amount
  }

  dec(labels?: Labels, amount = 1): void {
    this.seriesFor(labels).value -= amount
  }
}

interface HistogramSeries {
  /** Observations per bucket, not cumulative; the last slot counts those above every bound. */
  readonly counts: number[]
  sum: number
  count: number
}

class HistogramMetric extends Metric<HistogramSeries> implements Histogram {
  readonly type = 'histogram'

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames)
  }

  protected newSeries(): HistogramSeries {
    // Called from the base constructor before `buckets` is assigned when there are no labels.
    return { counts: [], sum: 0, count: 0 }
  }

  observe(value: number, labels?: Labels): void {
    const series = this.seriesFor(labels)
    let index = this.buckets.findIndex((bound) => value <= bound)
    if (index === -1) index = this.buckets.length
    series.counts[index] = (series.counts[index] ?? 0) + 1
    series.sum += value
    series.count += 1
  }

  protected renderSeries(labels: LabelPairs, series: HistogramSeries): string {
    let text = ''
    let cumulative = 0
    const bounds = [...this.buckets, Number.POSITIVE_INFINITY]
    bounds.forEach((bound, index) => {
      cumulative += series.counts[index] ?? 0
      const bucketLabels = formatLabels([...labels, ['le', formatNumber(bound)]])
      text += `${this.name}_bucket${bucketLabels} ${cumulative}\n`
    })
    text += `${this.name}_sum${formatLabels(labels)} ${formatNumber(series.sum)}\n`
    text += `${this.name}_count${formatLabels(labels)} ${series.count}\n`
    return text
  }
}

type AnyMetric = CounterMetric | GaugeMetric | HistogramMetric

export class PrometheusRegistry implements MetricsRegistry {
  readonly #metrics = new Map<string, AnyMetric>()
  readonly #collectors: MetricsCollector[]

  constructor(options: PrometheusRegistryOptions = {}) {
    this.#collectors = [...(options.collectors ?? [])]
  }

  addCollector(collector: MetricsCollector): void {
    this.#collectors.push(collector)
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#register(
      name,
      labelNames,
      CounterMetric,
      () => new CounterMetric(name, help, labelNames),
    )
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.#register(
      name,
      labelNames,
      GaugeMetric,
      () => new GaugeMetric(name, help, labelNames),
    )
  }

  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets: readonly number[] = durationBucketsSeconds,
  ): Histogram {
    checkBuckets(name, buckets, labelNames)
    return this.#register(
      name,
      labelNames,
      HistogramMetric,
      () => new HistogramMetric(name, help, labelNames, buckets),
    )
  }

  render(): string {
    let text = ''
    for (const metric of this.#metrics.values()) text += metric.render()
    for (const collector of this.#collectors) text += collector.render()
    return text
  }

  #register<M extends AnyMetric>(
    name: string,
    labelNames: readonly string[],
    kind: abstract new (...args: never[]) => M,
    create: () => M,
  ): M {
    if (!isValidMetricName(name)) throw new TypeError(`invalid metric name ${JSON.stringify(name)}`)
    for (const label of labelNames) {
      if (!isValidLabelName(label))
        throw new TypeError(`metric ${name}: invalid label name ${JSON.stringify(label)}`)
    }
    const existing = this.#metrics.get(name)
    if (existing === undefined) {
      const metric = create()
      this.#metrics.set(name, metric)
      return metric
    }
    const isSame =
      existing instanceof kind && existing.labelNames.join(',') === labelNames.join(',')
    if (!isSame)
      throw new TypeError(`metric ${name} is already registered as another ${existing.type}`)
    return existing
  }
}

function checkBuckets(
  name: string,
  buckets: readonly number[],
  labelNames: readonly string[],
): void {
  if (labelNames.includes('le')) throw new TypeError(`histogram ${name} cannot have a label "le"`)
  if (buckets.length === 0) throw new RangeError(`histogram ${name} needs at least one bucket`)
  buckets.forEach((bound, index) => {
    const previous = buckets[index - 1]
    if (!Number.isFinite(bound) || (previous !== undefined && bound <= previous)) {
      throw new RangeError(`histogram ${name}: buckets must be finite and strictly increasing`)
    }
  })
}
