/**
 * ProcessMetrics: the standard `process_*` and `nodejs_*` metric families, computed when
 * `/metrics` is rendered rather than on a timer, so an idle server does no metrics work.
 *
 * Event-loop lag comes from perf_hooks' monitorEventLoopDelay (a libuv timer that does not keep
 * the process alive); its statistics cover the time since the previous render, as in prom-client.
 * `process_open_fds` is read from /proc/self/fd and left out where that does not exist.
 */
import { readdirSync } from 'node:fs'
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'
import type { MetricsCollector } from './prometheus-registry.js'
import { formatSingleSample } from './prometheus-text.js'

/** Sampling resolution of the event-loop delay monitor. */
const eventLoopResolutionMs = 10

export class ProcessMetrics implements MetricsCollector {
  readonly #startTimeSeconds: number
  readonly #eventLoopDelay: IntervalHistogram

  constructor() {
    this.#startTimeSeconds = Math.round(Date.now() / 1000 - process.uptime())
    this.#eventLoopDelay = monitorEventLoopDelay({ resolution: eventLoopResolutionMs })
    this.#eventLoopDelay.enable()
  }

  render(): string {
    const cpu = process.cpuUsage()
    const memory = process.memoryUsage()
    let text =
      formatSingleSample(
        'process_cpu_user_seconds_total',
        'Total user CPU time spent in seconds.',
        'counter',
        cpu.user / 1e6,
      ) +
      formatSingleSample(
        'process_cpu_system_seconds_total',
        'Total system CPU time spent in seconds.',
        'counter',
        cpu.system / 1e6,
      ) +
      formatSingleSample(
        'process_resident_memory_bytes',
        'Resident memory size in bytes.',
        'gauge',
        memory.rss,
      ) +
      formatSingleSample(
        'process_heap_bytes',
        'V8 heap size in bytes (heapTotal).',
        'gauge',
        memory.heapTotal,
      ) +
      formatSingleSample(
        'process_start_time_seconds',
        'Start time of the process since unix epoch in seconds.',
        'gauge',
        this.#startTimeSeconds,
      )
    const openFds = countOpenFds()
    if (openFds !== undefined) {
      text += formatSingleSample(
        'process_open_fds',
        'Number of open file descriptors.',
        'gauge',
        openFds,
      )
    }
    return text + this.#renderEventLoop()
  }

  /** Stops the event-loop monitor. */
  close(): void {
    this.#eventLoopDelay.disable()
  }

  #renderEventLoop(): string {
    const delay = this.#eventLoopDelay
    // Before the first sample the histogram reports NaN; report zero lag then.
    const hasSamples = delay.count > 0
    const meanSeconds = hasSamples ? lagSeconds(delay.mean) : 0
    const p99Seconds = hasSamples ? lagSeconds(delay.percentile(99)) : 0
    const maxSeconds = hasSamples ? lagSeconds(delay.max) : 0
    delay.reset()
    return (
      formatSingleSample(
        'nodejs_eventloop_lag_seconds',
        'Mean event-loop delay since the previous scrape, in seconds.',
        'gauge',
        meanSeconds,
      ) +
      formatSingleSample(
        'nodejs_eventloop_lag_p99_seconds',
        '99th percentile of the event-loop delay since the previous scrape, in seconds.',
        'gauge',
        p99Seconds,
      ) +
      formatSingleSample(
        'nodejs_eventloop_lag_max_seconds',
        'Largest event-loop delay since the previous scrape, in seconds.',
        'gauge',
        maxSeconds,
      )
    )
  }
}

/** The monitor records whole timer intervals; the lag is what exceeds the resolution. */
function lagSeconds(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - eventLoopResolutionMs) / 1e3
}

function countOpenFds(): number | undefined {
  try {
    // The listing itself holds one descriptor open on the directory while it runs.
    return readdirSync('/proc/self/fd').length - 1
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined
    throw error
  }
}
