/**
 * Prometheus text exposition format, version 0.0.4: the escaping and number rules shared by the
 * registry and the process metrics. Reference: prometheus.io/docs/instrumenting/exposition_formats.
 *
 *   # HELP <name> <help, with \ and newline escaped>
 *   # TYPE <name> counter|gauge|histogram
 *   <name>{<label>="<value, with \ " and newline escaped>",...} <value>
 *
 * Values are Go float syntax: integers and decimals as JavaScript prints them, plus `+Inf`,
 * `-Inf` and `NaN`.
 */
import type { Labels } from './metrics.js'

/** Content-Type of a rendered registry. */
export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8'

export type MetricType = 'counter' | 'gauge' | 'histogram'

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/

export function isValidMetricName(name: string): boolean {
  return metricNamePattern.test(name)
}

/** Label names starting with `__` are reserved for Prometheus itself. */
export function isValidLabelName(name: string): boolean {
  return labelNamePattern.test(name) && !name.startsWith('__')
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(value)
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

/** `{a="1",b="2"}` in the order given, or '' when there are no labels. */
export function formatLabels(labels: readonly (readonly [string, string])[]): string {
  if (labels.length === 0) return ''
  return `{${labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`
}

/** The `# HELP` and `# TYPE` lines that open a metric family. */
export function formatHeader(name: string, help: string, type: MetricType): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`
}

/** One sample line of an unlabelled metric family, with its header. */
export function formatSingleSample(
  name: string,
  help: string,
  type: MetricType,
  value: number,
): string {
  return `${formatHeader(name, help, type)}${name} ${formatNumber(value)}\n`
}

/** Label pairs in the declared order; throws when `labels` does not name exactly those labels. */
export function orderLabels(
  metricName: string,
  labelNames: readonly string[],
  labels: Labels | undefined,
): readonly (readonly [string, string])[] {
  const given = labels ?? {}
  const givenNames = Object.keys(given)
  const isExact =
    givenNames.length === labelNames.length && labelNames.every((name) => name in given)
  if (!isExact) {
    const [declared, got] = [labelNames.join(', '), givenNames.join(', ')]
    throw new TypeError(`metric ${metricName} takes labels [${declared}], got [${got}]`)
  }
  return labelNames.map((name) => [name, given[name] ?? ''] as const)
}
