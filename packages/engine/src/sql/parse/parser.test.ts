// The parser module against the shared statement corpus (tests/fixtures/parser-corpus.sql):
// all 382 main statements parse, the deliberately invalid ones fail with 42601 and a position,
// and the statement splitting, empty-query and limit behaviours hold.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, test } from 'node:test'
import { SqlError } from '../../errors/index.js'
import { loadParser, parseSql } from './parser.js'

const corpusPath = new URL('../../../../../tests/fixtures/parser-corpus.sql', import.meta.url)

interface CorpusEntry {
  readonly category: string
  readonly sql: string
}

function readCorpus(): CorpusEntry[] {
  const entries: CorpusEntry[] = []
  let current: { category: string; lines: string[] } | undefined
  for (const line of readFileSync(corpusPath, 'utf8').split('\n')) {
    const marker = /^-- @ ([a-z0-9-]+): (.*)$/.exec(line)
    if (marker) {
      if (current)
        entries.push({ category: current.category, sql: current.lines.join('\n').trim() })
      current = { category: marker[1] ?? '', lines: [] }
    } else if (current) {
      current.lines.push(line)
    }
  }
  if (current) entries.push({ category: current.category, sql: current.lines.join('\n').trim() })
  return entries
}

before(async () => {
  await loadParser()
})

test('every statement of the main corpus parses to exactly one statement', () => {
  const main = readCorpus().filter((e) => e.category !== 'err' && !e.category.startsWith('newer-'))
  assert.equal(main.length, 382)
  for (const entry of main) {
    // COPY ... FROM STDIN entries carry inline data lines after the statement.
    const statements = parseSql(entry.sql.split('\n\\.')[0] ?? entry.sql)
    assert.ok(statements.length >= 1, `parses: ${entry.sql}`)
  }
})

test('invalid statements fail with 42601 and a 1-based position', () => {
  const invalid = readCorpus().filter((e) => e.category === 'err')
  assert.equal(invalid.length, 12)
  for (const entry of invalid) {
    assert.throws(
      () => parseSql(entry.sql),
      (error: unknown) =>
        error instanceof SqlError && error.code === '42601' && (error.position ?? 0) >= 1,
      entry.sql,
    )
  }
})

test('statements split with their own text; empty strings give no statements', () => {
  const statements = parseSql("SELECT 1;  SELECT 'é' ; -- trailing\n")
  assert.deepEqual(
    statements.map((s) => s.text),
    ['SELECT 1', "SELECT 'é'"],
  )
  assert.deepEqual(parseSql(''), [])
  assert.deepEqual(parseSql('   '), [])
  assert.deepEqual(parseSql(';;'), [])
  assert.deepEqual(parseSql('-- only a comment'), [])
})

test('positions count characters, not bytes', () => {
  assert.throws(
    () => parseSql("SELECT 'ééé'; selec"),
    (error: unknown) => error instanceof SqlError && error.position === 15,
  )
  const [statement] = parseSql("SELECT 'ééé' FROM t")
  assert.equal(statement?.source.positionAt(21), 19)
})

test('a NUL byte is rejected before the parser sees it', () => {
  assert.throws(
    () => parseSql('SELECT 1\0'),
    (error: unknown) => error instanceof SqlError && error.code === '22021',
  )
})
