/**
 * LIKE and SIMILAR TO. LIKE (~~, ~~*, !~~, !~~* on text, bpchar, name and bytea) is matched
 * directly, without regular expressions: the pattern is split once (cached, bounded) into
 * segments between % wildcards, each segment is placed at its leftmost possible position, which
 * is exact for % and _ and takes time proportional to text × pattern at worst. ILIKE compares
 * the lower-case forms. `x LIKE p ESCAPE e` reaches here as `x ~~ like_escape(p, e)`.
 * SIMILAR TO becomes a POSIX regular expression through similar_to_escape, as in PostgreSQL.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { lower } from './string-functions.js'
import { characters } from './text-support.js'

/** A unit of a LIKE pattern: a literal code (character or byte) or -1 for _. */
type Segment = readonly number[]

interface LikePattern {
  /** Segments between % signs; a pattern without % has one. */
  readonly segments: readonly Segment[]
  /** Set when the pattern ends with a lone escape: an error once matching gets there. */
  readonly endsWithEscape: boolean
}

const anyOne = -1

function endsWithEscape(): SqlError {
  return new SqlError(
    SqlState.invalidEscapeSequence,
    'LIKE pattern must not end with escape character',
  )
}

/** Splits a pattern of codes (characters or bytes); `\` escapes, `%` and `_` are wildcards. */
function compileLike(codes: readonly number[]): LikePattern {
  const segments: number[][] = [[]]
  let isEscapeAtEnd = false
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number
    const current = segments[segments.length - 1] as number[]
    if (code === 0x5c) {
      if (i + 1 >= codes.length) {
        isEscapeAtEnd = true
        break
      }
      current.push(codes[++i] as number)
    } else if (code === 0x25) {
      segments.push([])
    } else if (code === 0x5f) {
      current.push(anyOne)
    } else {
      current.push(code)
    }
  }
  return { segments, endsWithEscape: isEscapeAtEnd }
}

function segmentMatchesAt(text: readonly number[], at: number, segment: Segment): boolean {
  if (at + segment.length > text.length) return false
  for (let k = 0; k < segment.length; k++) {
    const unit = segment[k] as number
    if (unit !== anyOne && unit !== text[at + k]) return false
  }
  return true
}

/**
 * Whether `text` matches. The first segment is anchored at the start, the last at the end, the
 * middle ones go to their leftmost fit (always the best choice with only % and _). A trailing
 * lone escape is an error when the text has matched everything before it, as in PostgreSQL.
 */
function matchLike(text: readonly number[], pattern: LikePattern): boolean {
  const { segments } = pattern
  const first = segments[0] as Segment
  if (!segmentMatchesAt(text, 0, first)) return false
  if (segments.length === 1) {
    // PostgreSQL reaches a trailing lone escape only with text still to match.
    if (pattern.endsWithEscape) {
      if (text.length > first.length) throw endsWithEscape()
      return false
    }
    return first.length === text.length
  }
  let position = first.length
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s] as Segment
    let found = -1
    for (let at = position; at + segment.length <= text.length; at++) {
      if (segmentMatchesAt(text, at, segment)) {
        found = at
        break
      }
    }
    if (found < 0) return false
    position = found + segment.length
  }
  const last = segments[segments.length - 1] as Segment
  if (pattern.endsWithEscape) {
    // After the last % (reached only with text left), PostgreSQL skips _ wildcards and then
    // meets the escape: an error as soon as the text is long enough for them. With a literal first, it is an error when the
    // segment matches somewhere with text left over.
    if (last.every((unit) => unit === anyOne)) {
      const remaining = text.length - position
      if (remaining > 0 && remaining >= last.length) throw endsWithEscape()
      return false
    }
    for (let at = position; at + last.length < text.length; at++) {
      if (segmentMatchesAt(text, at, last)) throw endsWithEscape()
    }
    return false
  }
  const lastStart = text.length - last.length
  return lastStart >= position && segmentMatchesAt(text, lastStart, last)
}

const likeCacheMax = 256
const likeCache = new Map<string, LikePattern>()

function cachedLike(key: string, build: () => LikePattern): LikePattern {
  const found = likeCache.get(key)
  if (found !== undefined) {
    likeCache.delete(key)
    likeCache.set(key, found)
    return found
  }
  const built = build()
  likeCache.set(key, built)
  if (likeCache.size > likeCacheMax) {
    const oldest = likeCache.keys().next().value
    if (oldest !== undefined) likeCache.delete(oldest)
  }
  return built
}

function codes(text: string): number[] {
  return characters(text).map((char) => char.codePointAt(0) ?? 0)
}

/** text LIKE pattern (backslash escapes); `isCaseInsensitive` for ILIKE. */
export function like(text: string, pattern: string, isCaseInsensitive = false): boolean {
  const subject = isCaseInsensitive ? lower(text) : text
  const source = isCaseInsensitive ? lower(pattern) : pattern
  const compiled = cachedLike(`t\u0000${source}`, () => compileLike(codes(source)))
  return matchLike(codes(subject), compiled)
}

export function byteaLike(bytes: Uint8Array, pattern: Uint8Array): boolean {
  const compiled = cachedLike(`b\u0000${Buffer.from(pattern).toString('latin1')}`, () =>
    compileLike([...pattern]),
  )
  return matchLike([...bytes], compiled)
}

function invalidEscapeString(): SqlError {
  return new SqlError(SqlState.invalidEscapeSequence, 'invalid escape string', {
    hint: 'Escape string must be empty or one character.',
  })
}

/** like_escape: the pattern rewritten to use backslash as its escape character. */
export function likeEscape(pattern: string, escapeText: string): string {
  const escapeChars = characters(escapeText)
  if (escapeChars.length > 1) throw invalidEscapeString()
  if (escapeChars.length === 0) return pattern.replaceAll('\\', '\\\\')
  const escapeChar = escapeChars[0] as string
  if (escapeChar === '\\') return pattern
  let out = ''
  const chars = characters(pattern)
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    if (char === escapeChar) {
      out += '\\'
      if (i + 1 < chars.length) out += chars[++i]
    } else if (char === '\\') {
      out += '\\\\'
    } else {
      out += char
    }
  }
  return out
}

/** like_escape for bytea patterns. */
export function byteaLikeEscape(pattern: Uint8Array, escapeBytes: Uint8Array): Uint8Array {
  if (escapeBytes.length > 1) throw invalidEscapeString()
  const out: number[] = []
  for (let i = 0; i < pattern.length; i++) {
    const byte = pattern[i] as number
    if (escapeBytes.length === 0) {
      out.push(byte)
      if (byte === 0x5c) out.push(0x5c)
    } else if (escapeBytes[0] === 0x5c) {
      out.push(byte)
    } else if (byte === escapeBytes[0]) {
      out.push(0x5c)
      if (i + 1 < pattern.length) out.push(pattern[++i] as number)
    } else {
      out.push(byte)
      if (byte === 0x5c) out.push(0x5c)
    }
  }
  return Uint8Array.from(out)
}

/**
 * similar_to_escape: a SIMILAR TO pattern as the POSIX regular expression PostgreSQL builds:
 * anchored, % → .*, _ → ., ( → (?:, regex-only metacharacters escaped, bracket expressions
 * copied, and escape-double-quote separators around the part substring() returns.
 */
export function similarToEscape(pattern: string, escapeText: string | undefined = '\\'): string {
  const escapeChars = characters(escapeText ?? '')
  if (escapeChars.length > 1) throw invalidEscapeString()
  const escapeChar = escapeChars[0]
  let out = '^(?:'
  let separators = 0
  let afterEscape = false
  // Bracket nesting as PostgreSQL counts it: '[' opens a level, ']' closes one, except a ']'
  // right after the outermost '[' or '[^', which is a member.
  let depth = 0
  let hasMember = false
  let hasCaret = false
  const chars = characters(pattern)
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    if (afterEscape) {
      if (char === '"' && depth === 0) {
        if (separators === 0) out += '){1,1}?('
        else if (separators === 1) out += '){1,1}(?:'
        else {
          throw new SqlError(
            SqlState.invalidUseOfEscapeCharacter,
            'SQL regular expression may not contain more than two escape-double-quote separators',
          )
        }
        separators++
      } else {
        out += `\\${char}`
        hasMember = true
      }
      afterEscape = false
    } else if (escapeChar !== undefined && char === escapeChar) {
      afterEscape = true
    } else if (depth > 0) {
      out += char === '\\' ? '\\\\' : char
      if (char === ']' && (hasMember || depth > 1)) depth--
      else if (char === '^' && !hasMember && !hasCaret && depth === 1) hasCaret = true
      else if (char === '[') depth++
      if (!(char === '^' && hasCaret && !hasMember)) hasMember = true
    } else if (char === '[') {
      out += '['
      depth = 1
      hasMember = false
      hasCaret = false
    } else if (char === '%') {
      out += '.*'
    } else if (char === '_') {
      out += '.'
    } else if (char === '(') {
      out += '(?:'
    } else if (char === '\\' || char === '.' || char === '^' || char === '$') {
      out += `\\${char}`
    } else {
      out += char
    }
  }
  return `${out})$`
}
