#!/usr/bin/env node
// Summarises a V8 CPU profile (`node --cpu-prof`) as the functions with the most self time,
// each with its source position mapped back to the TypeScript file and line through the
// `.js.map` beside the compiled file, plus inclusive ("total") time for the same functions.
// Used to report hotspots to the engine's owners (docs/performance.md).
//
// Usage: node bench/profile-summary.mjs PROFILE.cpuprofile [--top 25] [--filter engine]
//   --filter  only list functions whose file path contains this text (e.g. packages/engine)
import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, filter: { type: 'string' } },
})
const profilePath = positionals[0]
if (profilePath === undefined) throw new Error('usage: profile-summary.mjs PROFILE.cpuprofile')
const profile = JSON.parse(readFileSync(profilePath, 'utf8'))

// Self time per node: V8 samples name the node running; time deltas are in microseconds.
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const selfMicros = new Map()
for (const [i, id] of profile.samples.entries()) {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
}
const totalMicros = [...selfMicros.values()].reduce((sum, value) => sum + value, 0)

// Parents, to compute inclusive time per function (counted once per sample stack).
const parentOf = new Map()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id)

const sourceMaps = new Map()
function sourceMapFor(url) {
  if (!url.startsWith('file://')) return undefined
  if (!sourceMaps.has(url)) {
    let map
    try {
      const path = fileURLToPath(url)
      map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')))
      map.directory = dirname(path)
    } catch {
      map = undefined // no map beside it: report the JavaScript position
    }
    sourceMaps.set(url, map)
  }
  return sourceMaps.get(url)
}

/** "function file:line", TypeScript position when a source map exists (lines are 1-based). */
function describe(callFrame) {
  const name = callFrame.functionName || '(anonymous)'
  if (!callFrame.url) return `${name} (${callFrame.url || 'native'})`
  const map = sourceMapFor(callFrame.url)
  const entry = map?.findEntry(callFrame.lineNumber, callFrame.columnNumber)
  if (entry?.originalSource) {
    const source = resolve(map.directory, entry.originalSource.replace(/^file:\/\//, ''))
    return `${name} ${shorten(source)}:${entry.originalLine + 1}`
  }
  return `${name} ${shorten(callFrame.url.replace(/^file:\/\//, ''))}:${callFrame.lineNumber + 1}`
}

function shorten(path) {
  const at = path.indexOf('/packages/')
  if (at >= 0) return path.slice(at + 1)
  const modules = path.lastIndexOf('/node_modules/')
  return modules >= 0 ? path.slice(modules + 1) : path
}

const selfByFunction = new Map()
const totalByFunction = new Map()
for (const [id, micros] of selfMicros) {
  const node = byId.get(id)
  const key = describe(node.callFrame)
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + micros)
  const seen = new Set()
  for (let at = id, depth = 0; at !== undefined && depth < 10_000; at = parentOf.get(at), depth++) {
    const ancestor = describe(byId.get(at).callFrame)
    if (seen.has(ancestor)) continue
    seen.add(ancestor)
    totalByFunction.set(ancestor, (totalByFunction.get(ancestor) ?? 0) + micros)
  }
}

const percent = (micros) => `${((100 * micros) / totalMicros).toFixed(1).padStart(5)}%`
const rows = (map) =>
  [...map]
    .filter(([key]) => flags.filter === undefined || key.includes(flags.filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(flags.top))
console.log(`${profilePath}: ${(totalMicros / 1e6).toFixed(2)} s sampled`)
console.log('\nself time:')
for (const [key, micros] of rows(selfByFunction)) console.log(`  ${percent(micros)}  ${key}`)
console.log('\ntotal time (self + callees):')
for (const [key, micros] of rows(totalByFunction)) console.log(`  ${percent(micros)}  ${key}`)
