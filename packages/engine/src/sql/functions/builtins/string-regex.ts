/**
 * PostgreSQL's regular expressions (Advanced Regular Expressions, "AREs") on JavaScript's
 * engine. A pattern is parsed here with PostgreSQL's grammar and errors (2201B "invalid regular
 * expression: ..."), into a tree that is then written out as a JavaScript RegExp:
 *
 *   - bracket expressions with ranges, [:class:], [=x=], [.x.] (POSIX collating names), ARE
 *     escapes inside brackets; \d \s \w \D \S \W; \m \M \y \Y \A \Z; back references; octal,
 *     hex and Unicode character escapes; lookahead and lookbehind constraints; non-greedy
 *     quantifiers; {m,n} bounds up to 255; the flags c i n m p s t w x q and embedded options
 *     (?...), the ***= and ***: directors, (?#...) comments and expanded (x) syntax.
 *   - case-insensitive matching adds each character's upper and lower case counterparts, as
 *     PostgreSQL does, rather than JavaScript's case folding (upper('ß') stays 'ß').
 *   - newline-sensitive modes (n, p, w) as PostgreSQL defines them: . and [^...] stop at \n,
 *     ^ and $ match around \n only (not \r).
 *
 * Two programs are generated per pattern: one for subjects that are pure ASCII (the common
 * case), written without the u/i flags so that V8 may fall back to its linear-time engine on
 * catastrophic backtracking, and one for other subjects with Unicode sets (the v flag).
 *
 * Known differences: PostgreSQL decides the length of a match by the greediness of the whole
 * pattern (longest or shortest at the leftmost start), JavaScript by backtracking through each
 * quantifier in turn. A top-level alternation is made to take its longest branch, as in
 * PostgreSQL ('Mr|Mrs' matches 'Mrs'); elsewhere, when quantifiers of different greediness or
 * nested alternatives allow several matches at the same start, regexp_match/regexp_replace/
 * substring may choose a different one ('.+?[ab]+' on 'aab' gives 'aab' here, 'aa' in
 * PostgreSQL). Whether a string matches at all (~, SIMILAR TO) is the same. Character classes beyond ASCII approximate glibc's
 * (alpha = Unicode Alphabetic and non-ASCII digits; characters newer than the server's glibc differ). BRE and ERE flavours (the b and e
 * options) are not supported (0A000).
 */
import { setFlagsFromString } from 'node:v8'
import { SqlError, SqlState } from '../../../errors/index.js'
import { lower, upper } from './string-functions.js'
import { isAscii } from './text-support.js'

// V8 switches a regular expression to its linear-time engine when backtracking gets excessive,
// if the expression is one that engine supports (no u/v/i flags, no lookarounds or back
// references): the ASCII programs below are written to qualify. A user's pattern such as
// '(a*)*b' then cannot stall the process on an ASCII subject.
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks')

// ---------------------------------------------------------------------------------------------
// Options

export interface RegexOptions {
  readonly caseInsensitive: boolean
  /** PostgreSQL's newline sensitivity: n (both), p (partial: dot and brackets), w (anchors). */
  readonly newlineDot: boolean
  readonly newlineAnchors: boolean
  readonly expanded: boolean
  readonly literal: boolean
}

export const defaultOptions: RegexOptions = {
  caseInsensitive: false,
  newlineDot: false,
  newlineAnchors: false,
  expanded: false,
  literal: false,
}

interface MutableOptions {
  caseInsensitive: boolean
  newlineDot: boolean
  newlineAnchors: boolean
  expanded: boolean
  literal: boolean
}

function unsupportedFlavour(): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    'basic and extended regular expressions (options b and e) are not supported',
  )
}

/** Applies one option letter; false for a letter that is not an option. */
function applyOption(options: MutableOptions, letter: string): boolean {
  switch (letter) {
    case 'b':
    case 'e':
      throw unsupportedFlavour()
    case 'c':
      options.caseInsensitive = false
      return true
    case 'i':
      options.caseInsensitive = true
      return true
    case 'm':
    case 'n':
      options.newlineDot = true
      options.newlineAnchors = true
      return true
    case 'p':
      options.newlineDot = true
      options.newlineAnchors = false
      return true
    case 'w':
      options.newlineDot = false
      options.newlineAnchors = true
      return true
    case 's':
      options.newlineDot = false
      options.newlineAnchors = false
      return true
    case 'q':
      options.literal = true
      return true
    case 't':
      options.expanded = false
      return true
    case 'x':
      options.expanded = true
      return true
    default:
      return false
  }
}

export interface ParsedFlags {
  readonly options: RegexOptions
  readonly isGlobal: boolean
}

/** The flags argument of the regexp functions; 22023 for an unknown letter. */
export function parseFlags(flags: string): ParsedFlags {
  const options: MutableOptions = { ...defaultOptions }
  let isGlobal = false
  for (const letter of flags) {
    if (letter === 'g') {
      isGlobal = true
      continue
    }
    if (!applyOption(options, letter)) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `invalid regular expression option: "${letter}"`,
      )
    }
  }
  return { options, isGlobal }
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

/** A set of characters: code point ranges and named classes, possibly negated. */
interface CharSet {
  readonly negated: boolean
  readonly ranges: readonly (readonly [number, number])[]
  readonly classes: readonly ClassName[]
}

type ClassName =
  | 'alnum'
  | 'alpha'
  | 'blank'
  | 'cntrl'
  | 'digit'
  | 'graph'
  | 'lower'
  | 'print'
  | 'punct'
  | 'space'
  | 'upper'
  | 'xdigit'
  | 'word'

type Anchor =
  | 'start'
  | 'end'
  | 'wordStart'
  | 'wordEnd'
  | 'boundary'
  | 'notBoundary'
  | 'begin'
  | 'finish'

type Node =
  | { readonly type: 'alt'; readonly branches: readonly Node[][] }
  | { readonly type: 'group'; readonly capture: number | undefined; readonly body: Node }
  | {
      readonly type: 'look'
      readonly ahead: boolean
      readonly negated: boolean
      readonly body: Node
    }
  | {
      readonly type: 'repeat'
      readonly node: Node
      readonly min: number
      readonly max: number
      readonly greedy: boolean
    }
  | { readonly type: 'char'; readonly code: number }
  | { readonly type: 'set'; readonly set: CharSet }
  | { readonly type: 'any' }
  | { readonly type: 'anchor'; readonly anchor: Anchor }
  | { readonly type: 'backref'; readonly group: number }

function regexError(message: string): SqlError {
  return new SqlError(SqlState.invalidRegularExpression, `invalid regular expression: ${message}`)
}

const quantifierInvalid = () => regexError('quantifier operand invalid')
const invalidEscape = () => regexError('invalid escape \\ sequence')

/** RE_DUP_MAX: the largest bound of {m,n}. */
const boundMax = 255

const classNames: ReadonlySet<string> = new Set([
  'alnum',
  'alpha',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'xdigit',
  'word',
])

/** POSIX collating element names PostgreSQL knows ([.space.], [.hyphen.], ...). */
const collatingNames: ReadonlyMap<string, number> = new Map([
  ['NUL', 0],
  ['SOH', 1],
  ['STX', 2],
  ['ETX', 3],
  ['EOT', 4],
  ['ENQ', 5],
  ['ACK', 6],
  ['BEL', 7],
  ['alert', 7],
  ['BS', 8],
  ['backspace', 8],
  ['HT', 9],
  ['tab', 9],
  ['LF', 10],
  ['newline', 10],
  ['VT', 11],
  ['vertical-tab', 11],
  ['FF', 12],
  ['form-feed', 12],
  ['CR', 13],
  ['carriage-return', 13],
  ['SO', 14],
  ['SI', 15],
  ['DLE', 16],
  ['DC1', 17],
  ['DC2', 18],
  ['DC3', 19],
  ['DC4', 20],
  ['NAK', 21],
  ['SYN', 22],
  ['ETB', 23],
  ['CAN', 24],
  ['EM', 25],
  ['SUB', 26],
  ['ESC', 27],
  ['IS4', 28],
  ['FS', 28],
  ['IS3', 29],
  ['GS', 29],
  ['IS2', 30],
  ['RS', 30],
  ['IS1', 31],
  ['US', 31],
  ['space', 32],
  ['exclamation-mark', 33],
  ['quotation-mark', 34],
  ['number-sign', 35],
  ['dollar-sign', 36],
  ['percent-sign', 37],
  ['ampersand', 38],
  ['apostrophe', 39],
  ['left-parenthesis', 40],
  ['right-parenthesis', 41],
  ['asterisk', 42],
  ['plus-sign', 43],
  ['comma', 44],
  ['hyphen', 45],
  ['hyphen-minus', 45],
  ['period', 46],
  ['full-stop', 46],
  ['slash', 47],
  ['solidus', 47],
  ['zero', 48],
  ['one', 49],
  ['two', 50],
  ['three', 51],
  ['four', 52],
  ['five', 53],
  ['six', 54],
  ['seven', 55],
  ['eight', 56],
  ['nine', 57],
  ['colon', 58],
  ['semicolon', 59],
  ['less-than-sign', 60],
  ['equals-sign', 61],
  ['greater-than-sign', 62],
  ['question-mark', 63],
  ['commercial-at', 64],
  ['left-square-bracket', 91],
  ['backslash', 92],
  ['reverse-solidus', 92],
  ['right-square-bracket', 93],
  ['circumflex', 94],
  ['circumflex-accent', 94],
  ['underscore', 95],
  ['low-line', 95],
  ['grave-accent', 96],
  ['left-brace', 123],
  ['left-curly-bracket', 123],
  ['vertical-line', 124],
  ['right-brace', 125],
  ['right-curly-bracket', 125],
  ['tilde', 126],
  ['DEL', 127],
])

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9'
}

function isHexDigit(char: string | undefined): boolean {
  return char !== undefined && /^[0-9a-fA-F]$/.test(char)
}

function isAlnumAscii(char: string | undefined): boolean {
  return char !== undefined && /^[0-9A-Za-z]$/.test(char)
}

/** Whitespace that expanded syntax skips. */
function isExpandedSpace(char: string | undefined): boolean {
  return char !== undefined && /^[ \t\n\r\v\f]$/.test(char)
}

const digitSet: CharSet = { negated: false, ranges: [[0x30, 0x39]], classes: [] }
const spaceSet: CharSet = { negated: false, ranges: [], classes: ['space'] }
const wordSet: CharSet = { negated: false, ranges: [], classes: ['word'] }

class Parser {
  readonly #chars: string[]
  #at = 0
  #groups = 0
  readonly #closed = new Set<number>()
  #lookDepth = 0
  readonly #expanded: boolean

  constructor(pattern: string, expanded: boolean) {
    this.#chars = Array.from(pattern)
    this.#expanded = expanded
  }

  get groups(): number {
    return this.#groups
  }

  #peek(offset = 0): string | undefined {
    return this.#chars[this.#at + offset]
  }

  /** Skips expanded-syntax whitespace and # comments, and (?#...) comments. */
  #skipIgnorable(): void {
    for (;;) {
      if (this.#expanded) {
        const char = this.#peek()
        if (isExpandedSpace(char)) {
          this.#at++
          continue
        }
        if (char === '#') {
          while (this.#at < this.#chars.length && this.#peek() !== '\n') this.#at++
          continue
        }
      }
      if (this.#peek() === '(' && this.#peek(1) === '?' && this.#peek(2) === '#') {
        let end = this.#at + 3
        while (end < this.#chars.length && this.#chars[end] !== ')') end++
        if (end >= this.#chars.length) throw regexError('parentheses () not balanced')
        this.#at = end + 1
        continue
      }
      return
    }
  }

  parse(): Node {
    const node = this.#alternation()
    if (this.#at < this.#chars.length) throw regexError('parentheses () not balanced')
    return node
  }

  #alternation(): Node {
    const branches: Node[][] = [this.#branch()]
    while (this.#peek() === '|') {
      this.#at++
      branches.push(this.#branch())
    }
    return { type: 'alt', branches }
  }

  #branch(): Node[] {
    const items: Node[] = []
    for (;;) {
      this.#skipIgnorable()
      const char = this.#peek()
      if (char === undefined || char === '|' || char === ')') return items
      const atom = this.#atom()
      this.#skipIgnorable()
      if ((atom.type === 'anchor' || atom.type === 'look') && this.#startsQuantifier()) {
        throw quantifierInvalid()
      }
      items.push(this.#quantifier(atom))
      this.#skipIgnorable()
      if (this.#startsQuantifier()) throw quantifierInvalid()
    }
  }

  #startsQuantifier(): boolean {
    const char = this.#peek()
    return char === '*' || char === '+' || char === '?' || (char === '{' && isDigit(this.#peek(1)))
  }

  #quantifier(node: Node): Node {
    const char = this.#peek()
    let min: number
    let max: number
    if (char === '*' || char === '+' || char === '?') {
      this.#at++
      min = char === '+' ? 1 : 0
      max = char === '?' ? 1 : Number.POSITIVE_INFINITY
    } else if (char === '{' && isDigit(this.#peek(1))) {
      this.#at++
      min = this.#bound()
      max = min
      if (this.#peek() === ',') {
        this.#at++
        max = isDigit(this.#peek()) ? this.#bound() : Number.POSITIVE_INFINITY
      }
      if (this.#peek() === undefined) throw regexError('braces {} not balanced')
      if (this.#peek() !== '}') throw regexError('invalid repetition count(s)')
      this.#at++
      if (max < min) throw regexError('invalid repetition count(s)')
    } else {
      return node
    }
    let greedy = true
    if (this.#peek() === '?') {
      this.#at++
      greedy = false
    }
    return { type: 'repeat', node, min, max, greedy }
  }

  #bound(): number {
    let value = 0
    while (isDigit(this.#peek())) {
      value = value * 10 + Number(this.#peek())
      if (value > boundMax) throw regexError('invalid repetition count(s)')
      this.#at++
    }
    return value
  }

  #atom(): Node {
    const char = this.#peek() as string
    this.#at++
    switch (char) {
      case '(':
        return this.#group()
      case '.':
        return { type: 'any' }
      case '[':
        return { type: 'set', set: this.#bracket() }
      case '\\':
        return this.#escape()
      case '^':
        return { type: 'anchor', anchor: 'start' }
      case '$':
        return { type: 'anchor', anchor: 'end' }
      case '*':
      case '+':
      case '?':
        throw quantifierInvalid()
      case '{':
        if (isDigit(this.#peek())) throw quantifierInvalid()
        return { type: 'char', code: 0x7b }
      default:
        return { type: 'char', code: char.codePointAt(0) ?? 0 }
    }
  }

  #group(): Node {
    let kind: 'capture' | 'plain' | 'ahead' | 'notAhead' | 'behind' | 'notBehind' = 'capture'
    if (this.#peek() === '?') {
      const next = this.#peek(1)
      if (next === ':') kind = 'plain'
      else if (next === '=') kind = 'ahead'
      else if (next === '!') kind = 'notAhead'
      else if (next === '<' && this.#peek(2) === '=') kind = 'behind'
      else if (next === '<' && this.#peek(2) === '!') kind = 'notBehind'
      else throw quantifierInvalid()
      this.#at += kind === 'behind' || kind === 'notBehind' ? 3 : 2
    }
    const isLook = kind !== 'capture' && kind !== 'plain'
    // Inside a constraint, parentheses do not capture.
    const capture = kind === 'capture' && this.#lookDepth === 0 ? ++this.#groups : undefined
    if (isLook) this.#lookDepth++
    const body = this.#alternation()
    if (isLook) this.#lookDepth--
    if (this.#peek() !== ')') throw regexError('parentheses () not balanced')
    this.#at++
    if (capture !== undefined) this.#closed.add(capture)
    if (isLook) {
      return {
        type: 'look',
        ahead: kind === 'ahead' || kind === 'notAhead',
        negated: kind === 'notAhead' || kind === 'notBehind',
        body,
      }
    }
    return { type: 'group', capture, body }
  }

  /** A character-entry escape at the cursor (after the backslash), or undefined. */
  #characterEscape(letter: string): number | undefined {
    switch (letter) {
      case 'a':
        return 7
      case 'b':
        return 8
      case 'B':
        return 0x5c
      case 'e':
        return 0x1b
      case 'f':
        return 0x0c
      case 'n':
        return 0x0a
      case 'r':
        return 0x0d
      case 't':
        return 0x09
      case 'v':
        return 0x0b
      case 'c': {
        const next = this.#peek()
        if (next === undefined) throw invalidEscape()
        this.#at++
        return (next.codePointAt(0) ?? 0) & 0x1f
      }
      case 'u':
      case 'U': {
        const count = letter === 'u' ? 4 : 8
        let hex = ''
        for (let i = 0; i < count; i++) {
          const digit = this.#peek()
          if (!isHexDigit(digit)) throw invalidEscape()
          hex += digit
          this.#at++
        }
        return this.#codePoint(Number.parseInt(hex, 16))
      }
      case 'x': {
        let hex = ''
        while (isHexDigit(this.#peek()) && hex.length < 8) {
          hex += this.#peek()
          this.#at++
        }
        if (hex === '') throw invalidEscape()
        return this.#codePoint(Number.parseInt(hex, 16))
      }
      default:
        return undefined
    }
  }

  #codePoint(code: number): number {
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw invalidEscape()
    return code
  }

  /** Octal digits (up to three) starting with `first`. */
  #octal(first: string): number {
    let value = Number(first)
    for (let i = 0; i < 2 && /^[0-7]$/.test(this.#peek() ?? ''); i++) {
      value = value * 8 + Number(this.#peek())
      this.#at++
    }
    return value
  }

  #escape(): Node {
    const letter = this.#peek()
    if (letter === undefined) throw invalidEscape()
    this.#at++
    if (!isAlnumAscii(letter)) return { type: 'char', code: letter.codePointAt(0) ?? 0 }
    const entry = this.#characterEscape(letter)
    if (entry !== undefined) return { type: 'char', code: entry }
    switch (letter) {
      case 'd':
        return { type: 'set', set: digitSet }
      case 'D':
        return { type: 'set', set: { ...digitSet, negated: true } }
      case 's':
        return { type: 'set', set: spaceSet }
      case 'S':
        return { type: 'set', set: { ...spaceSet, negated: true } }
      case 'w':
        return { type: 'set', set: wordSet }
      case 'W':
        return { type: 'set', set: { ...wordSet, negated: true } }
      case 'A':
        return { type: 'anchor', anchor: 'begin' }
      case 'Z':
        return { type: 'anchor', anchor: 'finish' }
      case 'm':
        return { type: 'anchor', anchor: 'wordStart' }
      case 'M':
        return { type: 'anchor', anchor: 'wordEnd' }
      case 'y':
        return { type: 'anchor', anchor: 'boundary' }
      case 'Y':
        return { type: 'anchor', anchor: 'notBoundary' }
      default:
        break
    }
    if (letter === '0') return { type: 'char', code: this.#octal('0') }
    if (isDigit(letter)) {
      // One digit: a back reference. Several: a back reference when that group exists,
      // otherwise octal.
      let digits = letter
      while (isDigit(this.#peek())) {
        digits += this.#peek()
        this.#at++
      }
      const group = Number(digits)
      if (digits.length > 1 && (group > this.#groups || !this.#closed.has(group))) {
        this.#at -= digits.length - 1
        if (/^[0-7]$/.test(letter)) return { type: 'char', code: this.#octal(letter) }
        throw invalidEscape()
      }
      if (!this.#closed.has(group) || this.#lookDepth > 0) {
        throw regexError('invalid backreference number')
      }
      return { type: 'backref', group }
    }
    throw invalidEscape()
  }

  /** A bracket expression after '['. */
  #bracket(): CharSet {
    let negated = false
    if (this.#peek() === '^') {
      negated = true
      this.#at++
    }
    const ranges: [number, number][] = []
    const classes: ClassName[] = []
    let first = true
    for (;;) {
      const char = this.#peek()
      if (char === undefined) throw regexError('brackets [] not balanced')
      if (char === ']' && !first) {
        this.#at++
        break
      }
      first = false
      const start = this.#bracketItem(classes)
      if (start === undefined) continue
      if (this.#peek() === '-' && this.#peek(1) !== ']' && this.#peek(1) !== undefined) {
        this.#at++
        const end = this.#bracketItem(classes, true)
        if (end === undefined || end < start) {
          // PostgreSQL looks at the next character first: at the end, the bracket is open.
          if (this.#peek() === undefined) throw regexError('brackets [] not balanced')
          throw regexError('invalid character range')
        }
        ranges.push([start, end])
      } else {
        ranges.push([start, start])
      }
    }
    return { negated, ranges, classes }
  }

  /** One bracket element: a character (returned), or a class (added to `classes`). */
  #bracketItem(classes: ClassName[], isRangeEnd = false): number | undefined {
    const char = this.#peek() as string
    if (char === '[' && (this.#peek(1) === ':' || this.#peek(1) === '=' || this.#peek(1) === '.')) {
      const kind = this.#peek(1) as string
      let end = this.#at + 2
      while (
        end + 1 < this.#chars.length &&
        !(this.#chars[end] === kind && this.#chars[end + 1] === ']')
      ) {
        end++
      }
      if (end + 1 >= this.#chars.length) throw regexError('brackets [] not balanced')
      const name = this.#chars.slice(this.#at + 2, end).join('')
      this.#at = end + 2
      if (kind === ':') {
        if (isRangeEnd || !classNames.has(name)) {
          throw regexError(isRangeEnd ? 'invalid character range' : 'invalid character class')
        }
        if (this.#peek() === '-' && this.#peek(1) !== ']') {
          throw regexError('invalid character range')
        }
        classes.push(name as ClassName)
        return undefined
      }
      const chars = Array.from(name)
      if (chars.length === 1) return chars[0]?.codePointAt(0) ?? 0
      const named = kind === '.' ? collatingNames.get(name) : undefined
      if (named === undefined) throw regexError('invalid collating element')
      return named
    }
    this.#at++
    if (char !== '\\') return char.codePointAt(0) ?? 0
    const letter = this.#peek()
    if (letter === undefined) throw invalidEscape()
    this.#at++
    if (!isAlnumAscii(letter)) return letter.codePointAt(0) ?? 0
    const entry = this.#characterEscape(letter)
    if (entry !== undefined) return entry
    // Octal: \0..., or several digits (a single digit would be a back reference, which
    // brackets cannot hold).
    if (letter === '0' || (/^[1-7]$/.test(letter) && isDigit(this.#peek()))) {
      return this.#octal(letter)
    }
    const shorthand: Record<string, ClassName> = { d: 'digit', s: 'space', w: 'word' }
    const name = shorthand[letter]
    if (name !== undefined && !isRangeEnd) {
      if (this.#peek() === '-' && this.#peek(1) !== ']') throw regexError('invalid character range')
      classes.push(name)
      return undefined
    }
    if (name !== undefined) throw regexError('invalid character range')
    throw invalidEscape()
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes

/** ASCII members of a named class. */
function asciiClass(name: ClassName, code: number): boolean {
  const char = String.fromCharCode(code)
  switch (name) {
    case 'alnum':
      return /[0-9A-Za-z]/.test(char)
    case 'alpha':
      return /[A-Za-z]/.test(char)
    case 'blank':
      return code === 0x20 || code === 0x09
    case 'cntrl':
      return code < 0x20 || code === 0x7f
    case 'digit':
      return code >= 0x30 && code <= 0x39
    case 'graph':
      return code > 0x20 && code < 0x7f
    case 'lower':
      return code >= 0x61 && code <= 0x7a
    case 'print':
      return code >= 0x20 && code < 0x7f
    case 'punct':
      return code > 0x20 && code < 0x7f && !/[0-9A-Za-z]/.test(char)
    case 'space':
      return (code >= 0x09 && code <= 0x0d) || code === 0x20
    case 'upper':
      return code >= 0x41 && code <= 0x5a
    case 'xdigit':
      return /[0-9A-Fa-f]/.test(char)
    case 'word':
      return /[0-9A-Za-z_]/.test(char)
  }
}

// Unicode sets (v flag) approximating glibc's classes in a UTF-8 locale.
const unicodeAlnum = '[\\p{Alphabetic}\\p{Nd}]'
const unicodeSpace = '[\\t-\\r \\u1680\\u2000-\\u2006\\u2008-\\u200a\\u2028\\u2029\\u205f\\u3000]'
const unicodePrint = '[^\\p{Cc}\\p{Cs}\\p{Cn}\\u2028\\u2029]'
const unicodeClasses: Record<ClassName, string> = {
  alnum: unicodeAlnum,
  alpha: '[\\p{Alphabetic}[\\p{Nd}--[0-9]]]',
  blank: '[ \\t]',
  cntrl: '[\\p{Cc}]',
  digit: '[0-9]',
  graph: `[${unicodePrint}--${unicodeSpace}]`,
  lower: '[\\p{Lowercase}\\p{Lt}]',
  print: unicodePrint,
  punct: `[${unicodePrint}--[${unicodeSpace}${unicodeAlnum}]]`,
  space: unicodeSpace,
  upper: '[\\p{Uppercase}\\p{Lt}]',
  xdigit: '[0-9A-Fa-f]',
  word: '[\\p{Alphabetic}\\p{Nd}_]',
}

/** The character with PostgreSQL's case counterparts (towupper, towlower). */
function caseVariants(code: number): number[] {
  const char = String.fromCodePoint(code)
  const variants = new Set([code])
  for (const mapped of [upper(char), lower(char)]) variants.add(mapped.codePointAt(0) ?? code)
  return [...variants]
}

/** ASCII characters that case-insensitive matching of `code` also accepts. */
function asciiCaseVariants(code: number): number[] {
  const found = new Set<number>()
  for (const variant of caseVariants(code)) {
    if (variant < 0x80) found.add(variant)
  }
  // A subject character matches when its lower case does (Kelvin sign K ~* 'k').
  for (const variant of [...found]) {
    const char = String.fromCharCode(variant)
    if (/[a-z]/.test(char)) found.add(variant - 0x20)
  }
  return [...found]
}

function escapeCode(code: number): string {
  if (code < 0x80 && /[0-9A-Za-z]/.test(String.fromCharCode(code))) return String.fromCharCode(code)
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`
  return `\\u{${code.toString(16)}}`
}

/** A literal character outside a class; without the v flag, one above U+FFFF is its pair. */
function escapeLiteral(code: number, variant: Variant): string {
  if (code <= 0xffff || variant === 'unicode') return escapeCode(code)
  const offset = code - 0x10000
  return `(?:${escapeCode(0xd800 + (offset >> 10))}${escapeCode(0xdc00 + (offset & 0x3ff))})`
}

/** ASCII-only program: the set's members below 128 as a plain class. */
function asciiSetSource(set: CharSet, options: RegexOptions): string {
  const members = new Array<boolean>(128).fill(false)
  for (let code = 0; code < 128; code++) {
    let isMember = set.ranges.some(([low, high]) => code >= low && code <= high)
    if (!isMember) {
      isMember = set.classes.some((name) => {
        if (options.caseInsensitive && (name === 'upper' || name === 'lower')) {
          return asciiClass('upper', code) || asciiClass('lower', code)
        }
        return asciiClass(name, code)
      })
    }
    if (isMember) members[code] = true
  }
  if (options.caseInsensitive) {
    const extra: number[] = []
    for (const [low, high] of set.ranges) {
      // Non-ASCII members may have ASCII counterparts (ſ → S); bounded by the range size.
      const top = Math.min(high, low + 0x10ffff)
      for (let code = low; code <= top; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue
        for (const variant of asciiCaseVariants(code)) extra.push(variant)
        if (code >= 0x80 && top - low > 0x3000) break
      }
    }
    for (const code of extra) members[code] = true
  }
  if (set.negated) {
    for (let code = 0; code < 128; code++) members[code] = !members[code]
    if (options.newlineDot) members[0x0a] = false
  }
  let source = ''
  for (let code = 0; code < 128; code++) {
    if (!members[code]) continue
    let end = code
    while (end + 1 < 128 && members[end + 1]) end++
    source += end === code ? escapeCode(code) : `${escapeCode(code)}-${escapeCode(end)}`
    code = end
  }
  return `[${source}]`
}

/** Unicode program (v flag): ranges, classes and, case-insensitively, case counterparts. */
function unicodeSetSource(set: CharSet, options: RegexOptions): string {
  const parts: string[] = []
  for (const [low, high] of set.ranges) {
    parts.push(low === high ? escapeCode(low) : `${escapeCode(low)}-${escapeCode(high)}`)
    if (options.caseInsensitive) {
      const size = high - low
      for (let code = low; code <= high && size <= 0x3000; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue
        for (const variant of caseVariants(code)) {
          if (variant < low || variant > high) parts.push(escapeCode(variant))
        }
      }
    }
  }
  for (const name of set.classes) {
    const folded =
      options.caseInsensitive && (name === 'upper' || name === 'lower')
        ? '[\\p{Uppercase}\\p{Lowercase}\\p{Lt}]'
        : unicodeClasses[name]
    parts.push(folded)
  }
  if (set.negated && options.newlineDot) parts.push('\\n')
  return `[${set.negated ? '^' : ''}${parts.join('')}]`
}

// ---------------------------------------------------------------------------------------------
// Code generation

type Variant = 'ascii' | 'unicode'

const asciiWord = '[0-9A-Za-z_]'

function anchorSource(anchor: Anchor, variant: Variant, options: RegexOptions): string {
  const word = variant === 'ascii' ? asciiWord : unicodeClasses.word
  switch (anchor) {
    case 'start':
      return options.newlineAnchors ? '(?<![^\\n])' : '^'
    case 'end':
      return options.newlineAnchors ? '(?![^\\n])' : '$'
    case 'begin':
      return '^'
    case 'finish':
      return '$'
    case 'wordStart':
      return `(?<!${word})(?=${word})`
    case 'wordEnd':
      return `(?<=${word})(?!${word})`
    case 'boundary':
      return variant === 'ascii' ? '\\b' : `(?:(?<!${word})(?=${word})|(?<=${word})(?!${word}))`
    case 'notBoundary':
      return variant === 'ascii' ? '\\B' : `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`
  }
}

interface Generation {
  readonly variant: Variant
  readonly options: RegexOptions
  /** Case-insensitive back references need the engine's own i flag. */
  readonly useEngineCase: boolean
}

function charSource(code: number, generation: Generation): string {
  const { variant } = generation
  if (!generation.options.caseInsensitive || generation.useEngineCase) {
    return escapeLiteral(code, variant)
  }
  if (variant === 'ascii') {
    // Only ASCII characters can occur in the subject.
    const variants = asciiCaseVariants(code)
    if (variants.length === 0) return escapeLiteral(code, variant)
    return variants.length === 1
      ? escapeCode(variants[0] ?? code)
      : `[${variants.map(escapeCode).join('')}]`
  }
  const variants = caseVariants(code)
  return variants.length === 1 ? escapeCode(code) : `[${variants.map(escapeCode).join('')}]`
}

function generate(node: Node, generation: Generation, lazyInside: boolean): string {
  switch (node.type) {
    case 'alt':
      return node.branches
        .map((items) => items.map((item) => generate(item, generation, lazyInside)).join(''))
        .join('|')
    case 'group': {
      const body = generate(node.body, generation, lazyInside)
      return node.capture === undefined ? `(?:${body})` : `(${body})`
    }
    case 'look': {
      const body = generate(node.body, generation, lazyInside)
      const kind = `${node.ahead ? '' : '<'}${node.negated ? '!' : '='}`
      return `(?${kind}${body})`
    }
    case 'repeat': {
      // A non-greedy quantified group prefers its shortest match, as in PostgreSQL: its inner
      // quantifiers become lazy too (this is what SIMILAR TO's {1,1}? relies on).
      const inner = generate(node.node, generation, lazyInside || !node.greedy)
      const isAtom =
        node.node.type === 'set' || node.node.type === 'any' || node.node.type === 'group'
      const operand = isAtom ? inner : `(?:${inner})`
      const lazy = !node.greedy || lazyInside
      if (node.min === 0 && node.max === 1 && node.node.type === 'group') {
        // JavaScript drops a group's capture when an optional iteration matches empty;
        // PostgreSQL keeps it (''). An explicit alternative with the empty string keeps it too.
        return lazy ? `(?:|${inner})` : `(?:${inner}|)`
      }
      const max = node.max === Number.POSITIVE_INFINITY ? '' : String(node.max)
      let quantifier: string
      if (node.min === 0 && max === '') quantifier = '*'
      else if (node.min === 1 && max === '') quantifier = '+'
      else if (node.min === 0 && node.max === 1) quantifier = '?'
      else if (node.min === node.max) quantifier = `{${node.min}}`
      else quantifier = `{${node.min},${max}}`
      return `${operand}${quantifier}${lazy ? '?' : ''}`
    }
    case 'char':
      return charSource(node.code, generation)
    case 'set':
      return generation.variant === 'ascii'
        ? asciiSetSource(node.set, generation.options)
        : unicodeSetSource(node.set, generation.options)
    case 'any':
      return generation.options.newlineDot ? '[^\\n]' : '[\\s\\S]'
    case 'anchor':
      return anchorSource(node.anchor, generation.variant, generation.options)
    case 'backref':
      return `(?:\\${node.group})`
  }
}

function hasBackref(node: Node): boolean {
  switch (node.type) {
    case 'alt':
      return node.branches.some((items) => items.some(hasBackref))
    case 'group':
    case 'look':
      return hasBackref(node.body)
    case 'repeat':
      return hasBackref(node.node)
    case 'backref':
      return true
    default:
      return false
  }
}

// ---------------------------------------------------------------------------------------------
// Compilation and cache

export interface CompiledRegex {
  /** Number of capturing groups. */
  readonly groups: number
  /** The program for a subject (ASCII or not); global, so lastIndex positions each search. */
  program(subject: string): RegExp
  /** Offsets of every group of the match that starts at `start` (the d flag, which V8's
   * linear-time fallback does not support, so it is used only when offsets are needed). */
  spans(subject: string, start: number): readonly ([number, number] | undefined)[]
  /**
   * For a pattern whose top level is an alternation: one sticky program per branch (the other
   * branches present but unable to match, so group numbers stay). PostgreSQL takes the longest
   * of the branches' matches; JavaScript would take the first branch that matches.
   */
  branches(subject: string): readonly RegExp[] | undefined
}

class Compiled implements CompiledRegex {
  readonly groups: number
  readonly #tree: Node
  readonly #options: RegexOptions
  #ascii: RegExp | undefined
  #unicode: RegExp | undefined
  #withIndices: RegExp | undefined
  readonly #branchPrograms = new Map<Variant, RegExp[]>()

  constructor(tree: Node, groups: number, options: RegexOptions) {
    this.#tree = tree
    this.groups = groups
    this.#options = options
  }

  program(subject: string): RegExp {
    if (isAscii(subject)) {
      this.#ascii ??= this.#build('ascii')
      return this.#ascii
    }
    this.#unicode ??= this.#build('unicode')
    return this.#unicode
  }

  spans(subject: string, start: number): readonly ([number, number] | undefined)[] {
    this.#withIndices ??= this.#build('unicode', 'dy')
    const program = this.#withIndices
    program.lastIndex = start
    const found = program.exec(subject)
    const indices = found?.indices
    const spans: ([number, number] | undefined)[] = []
    for (let g = 1; g <= this.groups; g++) spans.push(indices?.[g])
    return spans
  }

  branches(subject: string): readonly RegExp[] | undefined {
    const tree = this.#tree
    if (tree.type !== 'alt' || tree.branches.length < 2) return undefined
    const variant: Variant = isAscii(subject) ? 'ascii' : 'unicode'
    let programs = this.#branchPrograms.get(variant)
    if (programs === undefined) {
      programs = tree.branches.map((_, only) => this.#build(variant, 'y', only))
      this.#branchPrograms.set(variant, programs)
    }
    return programs
  }

  #build(variant: Variant, mode = 'g', onlyBranch?: number): RegExp {
    const useEngineCase = this.#options.caseInsensitive && hasBackref(this.#tree)
    const generation = { variant, options: this.#options, useEngineCase }
    let source: string
    if (onlyBranch !== undefined && this.#tree.type === 'alt') {
      source = this.#tree.branches
        .map((items, i) => {
          const code = items.map((item) => generate(item, generation, false)).join('')
          return i === onlyBranch ? code : `(?!)${code}`
        })
        .join('|')
    } else {
      source = generate(this.#tree, generation, false)
    }
    const flags = `${mode}${variant === 'unicode' ? 'v' : ''}${useEngineCase ? 'i' : ''}`
    try {
      return new RegExp(source, flags)
    } catch (error) {
      throw regexError(
        `could not compile: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
}

/** Parses embedded options and directors, then the pattern. */
export function compileRegex(pattern: string, given: RegexOptions): CompiledRegex {
  const options: MutableOptions = { ...given }
  let body = pattern
  if (body.startsWith('***=')) {
    options.literal = true
    body = body.slice(4)
  } else if (body.startsWith('***:')) {
    body = body.slice(4)
  }
  // Embedded options: (?letters) at the very start, letters only.
  if (!options.literal && body.startsWith('(?') && /^\p{L}/u.test(body.slice(2))) {
    const close = body.indexOf(')')
    if (close < 0) throw regexError('invalid embedded option')
    for (const letter of body.slice(2, close)) {
      if (!applyOption(options, letter)) throw regexError('invalid embedded option')
    }
    body = body.slice(close + 1)
  }
  if (options.literal) {
    const tree: Node = {
      type: 'alt',
      branches: [Array.from(body, (char) => ({ type: 'char', code: char.codePointAt(0) ?? 0 }))],
    }
    return new Compiled(tree, 0, options)
  }
  const parser = new Parser(body, options.expanded)
  const tree = parser.parse()
  return new Compiled(tree, parser.groups, options)
}

const cacheEntriesMax = 256
const cache = new Map<string, CompiledRegex>()

/** Compiles once per distinct pattern and options (a bounded LRU cache). */
export function cachedRegex(pattern: string, options: RegexOptions): CompiledRegex {
  const key = `${options.caseInsensitive ? 'i' : ''}${options.newlineDot ? 'd' : ''}${options.newlineAnchors ? 'a' : ''}${options.expanded ? 'x' : ''}${options.literal ? 'q' : ''}\u0000${pattern}`
  const found = cache.get(key)
  if (found !== undefined) {
    cache.delete(key)
    cache.set(key, found)
    return found
  }
  const compiled = compileRegex(pattern, options)
  cache.set(key, compiled)
  if (cache.size > cacheEntriesMax) {
    const oldest = cache.keys().next().value
    if (oldest !== undefined) cache.delete(oldest)
  }
  return compiled
}

/** One match: UTF-16 offsets of the whole match and the text of each group. */
export interface RegexMatch {
  readonly start: number
  readonly end: number
  /** Group texts; undefined for a group that did not take part in the match. */
  readonly groups: readonly (string | undefined)[]
}

/** The first match at or after UTF-16 offset `from`. */
export function search(
  compiled: CompiledRegex,
  subject: string,
  from: number,
): RegexMatch | undefined {
  const program = compiled.program(subject)
  program.lastIndex = from
  let found = program.exec(subject)
  if (found === null) return undefined
  const start = found.index
  const branches = compiled.branches(subject)
  if (branches !== undefined) {
    // An alternation is greedy in PostgreSQL: the longest branch match at this start wins.
    for (const branch of branches) {
      branch.lastIndex = start
      const candidate = branch.exec(subject)
      if (candidate !== null && candidate[0].length > found[0].length) found = candidate
    }
  }
  const groups: (string | undefined)[] = []
  for (let g = 1; g <= compiled.groups; g++) groups.push(found[g])
  return { start, end: start + found[0].length, groups }
}

/** UTF-16 offsets of group `group` of a match found by search (regexp_instr's subexpr). */
export function groupSpan(
  compiled: CompiledRegex,
  subject: string,
  match: RegexMatch,
): readonly ([number, number] | undefined)[] {
  return compiled.spans(subject, match.start)
}

/**
 * Every match PostgreSQL's global iteration finds: after an empty match the next search
 * starts one character later, so the loop always advances.
 */
export function* searchAll(
  compiled: CompiledRegex,
  subject: string,
  from = 0,
): Generator<RegexMatch> {
  let position = from
  while (position <= subject.length) {
    const match = search(compiled, subject, position)
    if (match === undefined) return
    yield match
    if (match.end === match.start) {
      position = match.end + (isSurrogatePairAt(subject, match.end) ? 2 : 1)
    } else {
      position = match.end
    }
  }
}

function isSurrogatePairAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i)
  return unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length
}
