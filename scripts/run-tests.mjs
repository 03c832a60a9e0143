#!/usr/bin/env node
// Runs every compiled test file (`*.test.js` under packages/*/dist and tests/dist) with Node's
// built-in test runner. Node 20's `--test` takes no globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [substring-filter ...]
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const roots = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'dist')),
  join(root, 'tests', 'dist'),
]

function collect(dir, out) {
  let entries
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const name of entries) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (name.endsWith('.test.js')) out.push(path)
  }
  return out
}

const filters = process.argv.slice(2)
const files = roots
  .flatMap((dir) => collect(dir, []))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort()
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first')
  process.exit(1)
}
console.log(`running ${files.length} test files`)
const result = spawnSync(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    '--test-concurrency=2',
    ...files.map((f) => relative(root, f)),
  ],
  { cwd: root, stdio: 'inherit' },
)
process.exit(result.status ?? 1)
