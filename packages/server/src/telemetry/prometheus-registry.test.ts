/**
 * PrometheusRegistry: the exact exposition text for a small registry (headers, label order and
 * escaping, cumulative histogram buckets ending in +Inf), the registration rules, and that
 * process metrics render at scrape time.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ProcessMetrics } from './process-metrics.js'
import { PrometheusRegistry } from './prometheus-registry.js'

describe('PrometheusRegistry', () => {
  it('renders counters, gauges and histograms in text format 0.0.4', () => {
    const registry = new PrometheusRegistry()
    const requests = registry.counter('http_requests_total', 'Requests.\nAll of them.', [
      'method',
      'route',
    ])
    const connections = registry.gauge('connections', 'Open connections.')
    const durations = registry.histogram('duration_seconds', 'Durations.', ['route'], [0.1, 1])
    requests.inc({ route: '/query', method: 'POST' })
    requests.inc({ method: 'GET', route: 'a"b\\c\nd' }, 2)
    requests.inc({ method: 'POST', route: '/query' })
    connections.inc()
    connections.inc(undefined, 4)
    connections.dec()
    durations.observe(0.05, { route: '/q' })
    durations.observe(0.1, { route: '/q' })
    durations.observe(0.5, { route: '/q' })
    durations.observe(7, { route: '/q' })
    assert.equal(
      registry.render(),
      [
        '# HELP http_requests_total Requests.\\nAll of them.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="POST",route="/query"} 2',
        'http_requests_total{method="GET",route="a\\"b\\\\c\\nd"} 2',
        '# HELP connections Open connections.',
        '# TYPE connections gauge',
        'connections 4',
        '# HELP duration_seconds Durations.',
        '# TYPE duration_seconds histogram',
        'duration_seconds_bucket{route="/q",le="0.1"} 2',
        'duration_seconds_bucket{route="/q",le="1"} 3',
        'duration_seconds_bucket{route="/q",le="+Inf"} 4',
        'duration_seconds_sum{route="/q"} 7.65',
        'duration_seconds_count{route="/q"} 4',
        '',
      ].join('\n'),
    )
  })

  it('renders metrics without labels as 0 before the first event', () => {
    const registry = new PrometheusRegistry()
    registry.counter('events_total', 'Events.')
    registry.histogram('wait_seconds', 'Waits.', [], [1])
    assert.equal(
      registry.render(),
      [
        '# HELP events_total Events.',
        '# TYPE events_total counter',
        'events_total 0',
        '# HELP wait_seconds Waits.',
        '# TYPE wait_seconds histogram',
        'wait_seconds_bucket{le="1"} 0',
        'wait_seconds_bucket{le="+Inf"} 0',
        'wait_seconds_sum 0',
        'wait_seconds_count 0',
        '',
      ].join('\n'),
    )
  })

  it('returns the same metric when registered twice alike, and refuses conflicts', () => {
    const registry = new PrometheusRegistry()
    const first = registry.counter('x_total', 'X.', ['a'])
    assert.equal(registry.counter('x_total', 'X.', ['a']), first)
    assert.throws(() => registry.gauge('x_total', 'X.', ['a']), /already registered/)
    assert.throws(() => registry.counter('x_total', 'X.', ['b']), /already registered/)
  })

  it('refuses bad names, wrong labels, negative counter steps and bad buckets', () => {
    const registry = new PrometheusRegistry()
    assert.throws(() => registry.counter('1bad', 'Bad.'), /invalid metric name/)
    assert.throws(() => registry.counter('ok_total', 'Ok.', ['__reserved']), /invalid label name/)
    const counter = registry.counter('c_total', 'C.', ['a'])
    assert.throws(() => counter.inc({ b: '1' }), /takes labels \[a\], got \[b\]/)
    assert.throws(() => counter.inc({ a: '1' }, -1), /cannot change by -1/)
    assert.throws(() => registry.histogram('h', 'H.', [], [1, 1]), /strictly increasing/)
    assert.throws(() => registry.histogram('h2', 'H.', ['le']), /cannot have a label "le"/)
  })

  it('appends process metrics computed at render time', () => {
    const processMetrics = new ProcessMetrics()
    try {
      const text = new PrometheusRegistry({ collectors: [processMetrics] }).render()
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_cpu_system_seconds_total',
        'process_resident_memory_bytes',
        'process_heap_bytes',
        'process_start_time_seconds',
        'nodejs_eventloop_lag_seconds',
      ]) {
        assert.match(text, new RegExp(`^# TYPE ${name} (counter|gauge)\\n${name} [0-9.e+-]+$`, 'm'))
      }
      if (process.platform === 'linux') assert.match(text, /^process_open_fds \d+$/m)
    } finally {
      processMetrics.close()
    }
  })
})
