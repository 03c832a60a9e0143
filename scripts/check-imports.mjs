#!/usr/bin/env node
// Checks the dependency rules of STYLE.md §2 and finds import cycles, so layering is enforced by
// machine rather than by review. Reads every .ts file under packages/*/src; resolves relative
// imports; reports (1) an import from a module not in the importer's allowed list, (2) an
// import of another module's internals instead of its index.ts, (3) a deep import into another
// package, (4) a cycle of value imports. Type-only imports count for (1)-(3), not for cycles.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = resolve(new URL('..', import.meta.url).pathname)

/** Engine modules (paths under packages/engine/src) and what each may import besides the base. */
const engineBase = ['lib', 'errors', 'limits.ts', 'version.ts']
const engineRules = {
  lib: ['errors'],
  errors: [],
  'limits.ts': ['lib'],
  'version.ts': [],
  types: [],
  'sql/parse': [],
  kernel: [],
  catalog: ['kernel', 'types', 'sql/parse'], // stored expressions are parser ASTs
  access: ['kernel', 'catalog', 'types'],
  'sql/functions': ['types'],
  'sql/bind': ['sql/parse', 'catalog', 'types', 'sql/functions'],
  'sql/plan': ['sql/bind', 'catalog', 'types', 'sql/functions'],
  'sql/execute': ['sql/plan', 'sql/bind', 'access', 'kernel', 'catalog', 'types', 'sql/functions'],
  session: [
    'sql/parse',
    'sql/bind',
    'sql/plan',
    'sql/execute',
    'sql/functions',
    'catalog',
    'kernel',
    'types',
  ],
  policy: ['types', 'sql/functions'], // compiles to SQL text; validates through a Session (interface only)
  testing: ['*'],
  '': ['*'], // the package root: index.ts, database.ts, engine-database.ts
}
/** Server modules: faces may not import each other. */
const serverRules = {
  pgwire: ['telemetry'],
  http: ['telemetry', 'credentials.ts', 'config.ts'],
  telemetry: [],
  errors: [],
  'limits.ts': [],
  'config.ts': ['*'],
  'credentials.ts': ['*'],
  '': ['*'],
  cli: ['*'],
}

function listTs(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...listTs(path))
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

/** The module a file belongs to: the longest rule key that prefixes its path. */
function moduleOf(rules, path) {
  let best = ''
  for (const key of Object.keys(rules)) {
    if (key === '') continue
    const isFile = key.endsWith('.ts')
    if ((isFile && path === key) || (!isFile && (path === key || path.startsWith(`${key}/`)))) {
      if (key.length > best.length) best = key
    }
  }
  return best
}

const importPattern = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm
const problems = []
const graph = new Map()

function checkPackage(pkg, rules, base) {
  const src = join(root, 'packages', pkg, 'src')
  for (const file of listTs(src)) {
    const from = relative(src, file)
    const fromModule = moduleOf(rules, from)
    // Tests may reach into any module of their package to set up what they check.
    const isTest = from.endsWith('.test.ts')
    const edges = []
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(importPattern)) {
      const isTypeOnly = match[2] !== undefined
      const spec = match[3]
      if (spec.startsWith('@bkg-db/') && spec.split('/').length > 2) {
        problems.push(`${pkg}/${from}: deep import of another package: ${spec}`)
      }
      if (!spec.startsWith('.')) continue
      const target = relative(src, resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
      if (target.startsWith('..')) {
        problems.push(`${pkg}/${from}: import leaves the package: ${spec}`)
        continue
      }
      if (!isTypeOnly) edges.push(join(src, target))
      const toModule = moduleOf(rules, target)
      if (toModule === fromModule) continue
      const allowed = rules[fromModule] ?? []
      const isBase = base.some((b) => toModule === b)
      if (!isTest && !allowed.includes('*') && !allowed.includes(toModule) && !isBase) {
        problems.push(
          `${pkg}/${from}: module '${fromModule || '(root)'}' may not import '${toModule || '(root)'}' (${spec})`,
        )
      }
      const isIndex = target.endsWith('/index.ts') || toModule.endsWith('.ts') || toModule === ''
      const isSiblingInside = fromModule !== '' && toModule.startsWith(`${fromModule}/`)
      // lib/ is a toolkit of independent files with no index; its files are imported directly.
      const isToolkit = toModule === 'lib'
      if (
        !isTest &&
        !isIndex &&
        !isToolkit &&
        !isSiblingInside &&
        fromModule !== '' &&
        fromModule !== 'testing'
      ) {
        problems.push(
          `${pkg}/${from}: imports internals of '${toModule}' instead of its index.ts (${spec})`,
        )
      }
    }
    graph.set(file, edges)
  }
}

function findCycles() {
  const state = new Map()
  const stack = []
  const visit = (file) => {
    state.set(file, 'active')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'active') {
        const cycle = stack.slice(stack.indexOf(next)).concat(next)
        problems.push(`import cycle: ${cycle.map((f) => relative(root, f)).join(' -> ')}`)
      } else if (!state.has(next)) {
        visit(next)
      }
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
}

checkPackage('engine', engineRules, engineBase)
checkPackage('server', serverRules, ['limits.ts', 'errors'])
findCycles()
if (problems.length > 0) {
  for (const problem of problems) console.error(problem)
  console.error(`check-imports: ${problems.length} problem(s)`)
  process.exit(1)
}
console.log(`check-imports: ${graph.size} files, layering and cycles ok`)
