/**
 * The regular-expression operators and functions on top of string-regex.ts: ~ ~* !~ !~* (text,
 * bpchar with its padding, name), substring(text from pattern), substring(text similar pattern
 * escape e), regexp_match(es), regexp_replace, regexp_split_to_array/_table, regexp_count,
 * regexp_instr, regexp_substr; positions are 1-based characters, as in PostgreSQL 15.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { codePointLength, codePointOffset, SqlArray, type Value } from '../../../types/index.js'
import type { BuiltinFunction, BuiltinOperator, BuiltinSetFunction } from '../registry.js'
import { similarToEscape } from './string-pattern.js'
import {
  type CompiledRegex,
  cachedRegex,
  defaultOptions,
  groupSpan,
  parseFlags,
  type RegexMatch,
  search,
  searchAll,
} from './string-regex.js'
import { asInt, asText, checkResultBytes, fn, op, setFn } from './text-support.js'

const caseInsensitive = { ...defaultOptions, caseInsensitive: true }

export function regexMatches(text: string, pattern: string, isCaseInsensitive: boolean): boolean {
  const compiled = cachedRegex(pattern, isCaseInsensitive ? caseInsensitive : defaultOptions)
  return search(compiled, text, 0) !== undefined
}

/** The compiled pattern for a flags argument; `functionName` rejects g where it makes no sense. */
function compileWithFlags(
  pattern: string,
  flags: string,
  functionName?: string,
  hint?: string,
): { compiled: CompiledRegex; isGlobal: boolean } {
  const parsed = parseFlags(flags)
  if (functionName !== undefined && parsed.isGlobal) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `${functionName}() does not support the "global" option`,
      hint === undefined ? {} : { hint },
    )
  }
  return { compiled: cachedRegex(pattern, parsed.options), isGlobal: parsed.isGlobal }
}

function matchText(subject: string, match: RegexMatch): string {
  return subject.slice(match.start, match.end)
}

/** Groups as a text[] (the whole match when the pattern has no groups), as regexp_match. */
function matchArray(subject: string, match: RegexMatch): SqlArray {
  if (match.groups.length === 0) return new SqlArray([matchText(subject, match)])
  return new SqlArray(match.groups.map((group) => group ?? null))
}

/** substring(text from pattern): the first group if there is one, else the whole match. */
export function regexSubstring(subject: string, pattern: string): Value {
  const compiled = cachedRegex(pattern, defaultOptions)
  const match = search(compiled, subject, 0)
  if (match === undefined) return null
  if (match.groups.length === 0) return matchText(subject, match)
  return match.groups[0] ?? null
}

function invalidParameter(name: string, value: number): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    `invalid value for parameter "${name}": ${value}`,
  )
}

/** The UTF-16 offset of 1-based character position `start` (past the end when beyond it). */
function startOffset(subject: string, start: number): number {
  if (start < 1) throw invalidParameter('start', start)
  return codePointOffset(subject, start - 1) + (start - 1 > codePointLength(subject) ? 1 : 0)
}

/** The replacement text: \1..\9 groups, \& the whole match, \\ a backslash. */
function expandReplacement(replacement: string, subject: string, match: RegexMatch): string {
  if (!replacement.includes('\\')) return replacement
  let out = ''
  for (let i = 0; i < replacement.length; i++) {
    const char = replacement[i] as string
    if (char !== '\\' || i + 1 >= replacement.length) {
      out += char
      continue
    }
    const next = replacement[i + 1] as string
    if (next >= '1' && next <= '9') {
      out += match.groups[Number(next) - 1] ?? ''
      i++
    } else if (next === '&') {
      out += matchText(subject, match)
      i++
    } else if (next === '\\') {
      out += '\\'
      i++
    } else {
      out += char
    }
  }
  return out
}

/** regexp_replace: matches at or after `start`; all of them, or only the `nth` (1-based). */
export function regexReplace(
  subject: string,
  compiled: CompiledRegex,
  replacement: string,
  start: number,
  nth: number,
): string {
  const from = startOffset(subject, start)
  let out = ''
  let copied = 0
  let count = 0
  for (const match of searchAll(compiled, subject, from)) {
    count++
    if (nth !== 0 && count < nth) continue
    out += subject.slice(copied, match.start) + expandReplacement(replacement, subject, match)
    copied = match.end
    checkResultBytes(out.length)
    if (nth !== 0) break
  }
  return out + subject.slice(copied)
}

/** regexp_split_to_*: zero-length matches at either end or right after a match are ignored. */
export function regexSplit(subject: string, compiled: CompiledRegex): string[] {
  const parts: string[] = []
  let copied = 0
  let previousEnd = -1
  for (const match of searchAll(compiled, subject, 0)) {
    const isEmpty = match.start === match.end
    if (
      isEmpty &&
      (match.start === 0 || match.start >= subject.length || match.start === previousEnd)
    ) {
      continue
    }
    parts.push(subject.slice(copied, match.start))
    copied = match.end
    previousEnd = match.end
  }
  parts.push(subject.slice(copied))
  return parts
}

/** The nth (1-based) match at or after character position `start`. */
function nthMatch(subject: string, compiled: CompiledRegex, start: number, nth: number) {
  if (start < 1) throw invalidParameter('start', start)
  if (start - 1 > codePointLength(subject)) return undefined
  let count = 0
  for (const match of searchAll(compiled, subject, codePointOffset(subject, start - 1))) {
    if (++count === nth) return match
  }
  return undefined
}

function characterPosition(subject: string, offset: number): number {
  return codePointLength(subject.slice(0, offset)) + 1
}

function regexpInstr(
  subject: string,
  pattern: string,
  start: number,
  nth: number,
  endOption: number,
  flags: string,
  subexpression: number,
): number {
  if (start < 1) throw invalidParameter('start', start)
  if (nth <= 0) throw invalidParameter('n', nth)
  if (endOption !== 0 && endOption !== 1) throw invalidParameter('endoption', endOption)
  if (subexpression < 0) throw invalidParameter('subexpr', subexpression)
  const { compiled } = compileWithFlags(pattern, flags, 'regexp_instr')
  if (subexpression > compiled.groups) return 0
  const match = nthMatch(subject, compiled, start, nth)
  if (match === undefined) return 0
  let span: readonly [number, number] | undefined = [match.start, match.end]
  if (subexpression > 0) span = groupSpan(compiled, subject, match)[subexpression - 1]
  if (span === undefined) return 0
  return characterPosition(subject, endOption === 0 ? span[0] : span[1])
}

function regexpSubstr(
  subject: string,
  pattern: string,
  start: number,
  nth: number,
  flags: string,
  subexpression: number,
): Value {
  if (start < 1) throw invalidParameter('start', start)
  if (nth <= 0) throw invalidParameter('n', nth)
  if (subexpression < 0) throw invalidParameter('subexpr', subexpression)
  const { compiled } = compileWithFlags(pattern, flags, 'regexp_substr')
  if (subexpression > compiled.groups) return null
  const match = nthMatch(subject, compiled, start, nth)
  if (match === undefined) return null
  if (subexpression === 0) return matchText(subject, match)
  return match.groups[subexpression - 1] ?? null
}

function regexpCount(subject: string, pattern: string, start: number, flags: string): number {
  if (start < 1) throw invalidParameter('start', start)
  const { compiled } = compileWithFlags(pattern, flags, 'regexp_count')
  if (start - 1 > codePointLength(subject)) return 0
  let count = 0
  for (const _ of searchAll(compiled, subject, codePointOffset(subject, start - 1))) count++
  return count
}

const t = (value: Value | undefined) => asText(value)
const n = (value: Value | undefined) => asInt(value)

function replaceWithFlags(subject: string, pattern: string, replacement: string, flags: string) {
  const { compiled, isGlobal } = compileWithFlags(pattern, flags)
  return regexReplace(subject, compiled, replacement, 1, isGlobal ? 0 : 1)
}

function replaceAt(
  subject: string,
  pattern: string,
  replacement: string,
  start: number,
  nth: number | undefined,
  flags: string,
) {
  if (nth !== undefined && nth < 0) throw invalidParameter('n', nth)
  const { compiled, isGlobal } = compileWithFlags(pattern, flags)
  const which = nth ?? (isGlobal ? 0 : 1)
  return regexReplace(subject, compiled, replacement, start, which)
}

export const regexpFunctions: BuiltinFunction[] = [
  fn('substring', ['text', 'text'], 'text', ([s, pattern]) => regexSubstring(t(s), t(pattern))),
  fn('substring', ['text', 'text', 'text'], 'text', ([s, pattern, escapeText]) =>
    regexSubstring(t(s), similarToEscape(t(pattern), t(escapeText))),
  ),
  fn('regexp_match', ['text', 'text'], 'text[]', ([s, pattern]) => {
    const match = search(cachedRegex(t(pattern), defaultOptions), t(s), 0)
    return match === undefined ? null : matchArray(t(s), match)
  }),
  fn('regexp_match', ['text', 'text', 'text'], 'text[]', ([s, pattern, flags]) => {
    const { compiled } = compileWithFlags(
      t(pattern),
      t(flags),
      'regexp_match',
      'Use the regexp_matches function instead.',
    )
    const match = search(compiled, t(s), 0)
    return match === undefined ? null : matchArray(t(s), match)
  }),
  fn('regexp_replace', ['text', 'text', 'text'], 'text', ([s, pattern, replacement]) =>
    replaceWithFlags(t(s), t(pattern), t(replacement), ''),
  ),
  fn('regexp_replace', ['text', 'text', 'text', 'text'], 'text', ([s, pattern, r, flags]) =>
    replaceWithFlags(t(s), t(pattern), t(r), t(flags)),
  ),
  fn('regexp_replace', ['text', 'text', 'text', 'int4'], 'text', ([s, pattern, r, start]) =>
    replaceAt(t(s), t(pattern), t(r), n(start), undefined, ''),
  ),
  fn('regexp_replace', ['text', 'text', 'text', 'int4', 'int4'], 'text', ([s, p, r, start, nth]) =>
    replaceAt(t(s), t(p), t(r), n(start), n(nth), ''),
  ),
  fn(
    'regexp_replace',
    ['text', 'text', 'text', 'int4', 'int4', 'text'],
    'text',
    ([s, p, r, start, nth, flags]) => replaceAt(t(s), t(p), t(r), n(start), n(nth), t(flags)),
  ),
  fn(
    'regexp_split_to_array',
    ['text', 'text'],
    'text[]',
    ([s, pattern]) => new SqlArray(regexSplit(t(s), cachedRegex(t(pattern), defaultOptions))),
  ),
  fn('regexp_split_to_array', ['text', 'text', 'text'], 'text[]', ([s, pattern, flags]) => {
    const { compiled } = compileWithFlags(t(pattern), t(flags), 'regexp_split_to_array')
    return new SqlArray(regexSplit(t(s), compiled))
  }),
  fn('regexp_count', ['text', 'text'], 'int4', ([s, p]) => regexpCount(t(s), t(p), 1, '')),
  fn('regexp_count', ['text', 'text', 'int4'], 'int4', ([s, p, start]) =>
    regexpCount(t(s), t(p), n(start), ''),
  ),
  fn('regexp_count', ['text', 'text', 'int4', 'text'], 'int4', ([s, p, start, flags]) =>
    regexpCount(t(s), t(p), n(start), t(flags)),
  ),
  fn('regexp_instr', ['text', 'text'], 'int4', ([s, p]) => regexpInstr(t(s), t(p), 1, 1, 0, '', 0)),
  fn('regexp_instr', ['text', 'text', 'int4'], 'int4', ([s, p, start]) =>
    regexpInstr(t(s), t(p), n(start), 1, 0, '', 0),
  ),
  fn('regexp_instr', ['text', 'text', 'int4', 'int4'], 'int4', ([s, p, start, nth]) =>
    regexpInstr(t(s), t(p), n(start), n(nth), 0, '', 0),
  ),
  fn('regexp_instr', ['text', 'text', 'int4', 'int4', 'int4'], 'int4', ([s, p, start, nth, e]) =>
    regexpInstr(t(s), t(p), n(start), n(nth), n(e), '', 0),
  ),
  fn(
    'regexp_instr',
    ['text', 'text', 'int4', 'int4', 'int4', 'text'],
    'int4',
    ([s, p, start, nth, e, flags]) => regexpInstr(t(s), t(p), n(start), n(nth), n(e), t(flags), 0),
  ),
  fn(
    'regexp_instr',
    ['text', 'text', 'int4', 'int4', 'int4', 'text', 'int4'],
    'int4',
    ([s, p, start, nth, e, flags, sub]) =>
      regexpInstr(t(s), t(p), n(start), n(nth), n(e), t(flags), n(sub)),
  ),
  fn('regexp_substr', ['text', 'text'], 'text', ([s, p]) => regexpSubstr(t(s), t(p), 1, 1, '', 0)),
  fn('regexp_substr', ['text', 'text', 'int4'], 'text', ([s, p, start]) =>
    regexpSubstr(t(s), t(p), n(start), 1, '', 0),
  ),
  fn('regexp_substr', ['text', 'text', 'int4', 'int4'], 'text', ([s, p, start, nth]) =>
    regexpSubstr(t(s), t(p), n(start), n(nth), '', 0),
  ),
  fn(
    'regexp_substr',
    ['text', 'text', 'int4', 'int4', 'text'],
    'text',
    ([s, p, start, nth, flags]) => regexpSubstr(t(s), t(p), n(start), n(nth), t(flags), 0),
  ),
  fn(
    'regexp_substr',
    ['text', 'text', 'int4', 'int4', 'text', 'int4'],
    'text',
    ([s, p, start, nth, flags, sub]) =>
      regexpSubstr(t(s), t(p), n(start), n(nth), t(flags), n(sub)),
  ),
]

function* matchesRows(subject: string, pattern: string, flags: string): Generator<Value> {
  const { compiled, isGlobal } = compileWithFlags(pattern, flags)
  for (const match of searchAll(compiled, subject, 0)) {
    yield matchArray(subject, match)
    if (!isGlobal) return
  }
}

export const regexpSetFunctions: BuiltinSetFunction[] = [
  setFn('regexp_matches', ['text', 'text'], 'text[]', ([s, p]) => matchesRows(t(s), t(p), '')),
  setFn('regexp_matches', ['text', 'text', 'text'], 'text[]', ([s, p, flags]) =>
    matchesRows(t(s), t(p), t(flags)),
  ),
  setFn('regexp_split_to_table', ['text', 'text'], 'text', ([s, p]) =>
    regexSplit(t(s), cachedRegex(t(p), defaultOptions)),
  ),
  setFn('regexp_split_to_table', ['text', 'text', 'text'], 'text', ([s, p, flags]) => {
    const { compiled } = compileWithFlags(t(p), t(flags), 'regexp_split_to_table')
    return regexSplit(t(s), compiled)
  }),
]

function regexOperators(left: 'text' | 'bpchar' | 'name'): BuiltinOperator[] {
  return [
    op('~', left, 'text', 'bool', ([s, p]) => regexMatches(t(s), t(p), false)),
    op('!~', left, 'text', 'bool', ([s, p]) => !regexMatches(t(s), t(p), false)),
    op('~*', left, 'text', 'bool', ([s, p]) => regexMatches(t(s), t(p), true)),
    op('!~*', left, 'text', 'bool', ([s, p]) => !regexMatches(t(s), t(p), true)),
  ]
}

export const regexpOperators: BuiltinOperator[] = [
  ...regexOperators('text'),
  ...regexOperators('bpchar'),
  ...regexOperators('name'),
]
