/**
 * The lexical check of policy expressions: what may be pasted into `USING (...)`, and where
 * `$user.<claim>` references are found (never inside literals or quoted identifiers).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { scanExpression, substituteClaims } from './expression-text.js'

function problemOf(text: string, isClaimAllowed = true): string | undefined {
  const result = scanExpression(text, { isClaimAllowed })
  return result.kind === 'problem' ? result.problem : undefined
}

test('balanced expressions pass; escaping the parenthesis does not', () => {
  assert.equal(problemOf('(a = 1) AND (b = 2)'), undefined)
  assert.equal(problemOf("a = ')' AND b = '('"), undefined)
  assert.equal(problemOf('"we(ird" = 1'), undefined)
  assert.equal(problemOf("a = E'\\')'"), undefined)
  assert.match(problemOf('true) OR (true') ?? '', /closes a parenthesis/)
  assert.match(problemOf('(true') ?? '', /not closed/)
  assert.match(problemOf("a = 'open") ?? '', /string literal is not terminated/)
  assert.match(problemOf('"open = 1') ?? '', /quoted identifier is not terminated/)
})

test('statement separators, comments and empty text are refused', () => {
  assert.match(problemOf('true; DROP TABLE t') ?? '', /";" is not allowed/)
  assert.match(problemOf('true -- x') ?? '', /comments/)
  assert.match(problemOf('true /* x */') ?? '', /comments/)
  assert.match(problemOf('   ') ?? '', /empty/)
  assert.equal(problemOf("a = ';--'"), undefined)
  assert.equal(problemOf('a - -1 = b'), undefined)
})

test('$ forms: claims only where allowed, and only $user.<name>', () => {
  assert.match(problemOf('id = $1') ?? '', /only \$user\.<claim>/)
  assert.match(problemOf('id = $user') ?? '', /unknown \$user form "\$user"/)
  assert.match(problemOf('id = $user.a.b') ?? '', /unknown \$user form "\$user\.a\."/)
  assert.match(problemOf('id = $user.tags[1]') ?? '', /unknown \$user form/)
  assert.match(problemOf('id = $other.id') ?? '', /"\$other\.id"/)
  assert.match(problemOf('id = $user.id', false) ?? '', /parameters and dollar quotes/)
  assert.match(problemOf('x = $$a$$', false) ?? '', /dollar quotes/)
  // A $ inside an identifier (PostgreSQL allows it after the first character) is not a claim.
  assert.equal(problemOf('a$b = 1', false), undefined)
})

test('claims are found outside literals and substituted in order', () => {
  const result = scanExpression("id = $user.id AND note <> '$user.id' AND lvl < $user.level", {
    isClaimAllowed: true,
  })
  assert.equal(result.kind, 'parts')
  if (result.kind !== 'parts') return
  const claims = result.parts.filter((part) => part.kind === 'claim').map((part) => part.name)
  assert.deepEqual(claims, ['id', 'level'])
  assert.equal(
    substituteClaims(result.parts, (name, index) => `<${name}:${index}>`),
    "id = <id:0> AND note <> '$user.id' AND lvl < <level:1>",
  )
})
