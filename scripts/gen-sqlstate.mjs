#!/usr/bin/env node
// Generates packages/engine/src/errors/sqlstate.ts from PostgreSQL's errcodes.txt, so every
// SQLSTATE the engine raises is a named, branded constant (a bare '42P01' does not type-check).
// Usage: node scripts/gen-sqlstate.mjs [path/to/errcodes.txt]
import { readFileSync, writeFileSync } from 'node:fs'

const source = process.argv[2] ?? '/usr/share/postgresql/15/errcodes.txt'
const target = new URL('../packages/engine/src/errors/sqlstate.ts', import.meta.url)
const lines = readFileSync(source, 'utf8').split('\n')
const entries = []
let section = ''
for (const line of lines) {
  if (line.startsWith('Section:')) {
    section = line.slice('Section:'.length).trim()
    continue
  }
  const match = /^([0-9A-Z]{5})\s+([EWS])\s+ERRCODE_([A-Z_0-9]+)(?:\s+([a-z_0-9]+))?/.exec(line)
  if (!match) continue
  const [, code, kind, macro, specName] = match
  // Errors use PostgreSQL's condition name (serialization_failure); warnings and codes without
  // one use the macro name (warning_string_data_right_truncation), which is always unique.
  // The few condition names PostgreSQL uses twice (2F002 and 38002) fall back to the macro name.
  const camel = (words) => words.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
  let name = camel(kind === 'E' && specName ? specName : macro.toLowerCase())
  if (entries.some((e) => e.name === name)) name = camel(macro.toLowerCase())
  if (entries.some((e) => e.name === name)) throw new Error(`duplicate SQLSTATE name ${name}`)
  entries.push({ code, kind, name, section })
}
const out = [
  '/**',
  ' * SQLSTATE codes, generated from PostgreSQL 15 errcodes.txt by scripts/gen-sqlstate.mjs.',
  ' * Do not edit by hand. Names are the ERRCODE_ macro names in camelCase.',
  ' */',
  '',
  'declare const sqlStateBrand: unique symbol',
  '/** A five-character SQLSTATE; only the constants below produce one. */',
  'export type SqlStateCode = string & { readonly [sqlStateBrand]: true }',
  '',
  'export const SqlState = {',
]
let lastSection = ''
for (const e of entries) {
  if (e.section !== lastSection) {
    out.push(`  // ${e.section}`)
    lastSection = e.section
  }
  out.push(`  ${e.name}: '${e.code}' as SqlStateCode,`)
}
out.push('} as const', '')
out.push(
  '/** Every known code, for validating codes that arrive from outside (an external backend). */',
)
out.push('export const sqlStateCodes: ReadonlySet<string> = new Set(Object.values(SqlState))', '')
writeFileSync(target, out.join('\n'))
console.log(`wrote ${entries.length} codes to ${target.pathname}`)
