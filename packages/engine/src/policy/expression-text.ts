/**
 * The lexical check of a policy expression (a `using` / `check` text or a DBAL
 * `row_level_filter`) before it is bound: it must be one parenthesizable SQL expression, so
 * pasting it into `WHERE (...)` or `USING (...)` cannot close the parenthesis and append SQL.
 *
 * Rules, checked outside string literals ('...', E'...') and quoted identifiers ("..."):
 *   - parentheses never close more than they opened and are balanced at the end;
 *   - no `;`, no comments (`--`, `/*`): the compiled statement is printed on one line;
 *   - `$` only as a claim reference `$user.<name>` where claims are allowed (DBAL filters);
 *     `$1` parameters and dollar-quoted strings are refused.
 * The result splits the text into SQL pieces and claim references, so the compiler can put a
 * parameter or a typed claim expression where each reference stood.
 */

/** A piece of an expression: SQL text as written, or a `$user.<claim>` reference. */
export type ExpressionPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'claim'; readonly name: string }

/** What is wrong with an expression (a sentence naming the problem), or its parts. */
export type ScanResult =
  | { readonly kind: 'parts'; readonly parts: readonly ExpressionPart[] }
  | { readonly kind: 'problem'; readonly problem: string }

const claimPattern = /^\$user\.([A-Za-z_][A-Za-z0-9_]*)/
const identifierChar = /[A-Za-z0-9_$]/

export function scanExpression(text: string, options: { isClaimAllowed: boolean }): ScanResult {
  if (text.trim() === '') return problem('the expression is empty')
  const parts: ExpressionPart[] = []
  let depth = 0
  let start = 0
  let i = 0
  // Each iteration consumes at least one character: the loop is bounded by the text's length.
  while (i < text.length) {
    const char = text[i] as string
    const next = text[i + 1]
    if (char === "'") {
      const isEscaped = (text[i - 1] === 'e' || text[i - 1] === 'E') && !isIdentifierAt(text, i - 2)
      const end = closingQuote(text, i, "'", isEscaped)
      if (end < 0) return problem('a string literal is not terminated')
      i = end + 1
    } else if (char === '"') {
      const end = closingQuote(text, i, '"', false)
      if (end < 0) return problem('a quoted identifier is not terminated')
      i = end + 1
    } else if ((char === '-' && next === '-') || (char === '/' && next === '*')) {
      return problem('comments are not allowed in a policy expression')
    } else if (char === ';') {
      return problem('";" is not allowed in a policy expression')
    } else if (char === '(') {
      depth++
      i++
    } else if (char === ')') {
      depth--
      if (depth < 0) return problem('")" closes a parenthesis the expression did not open')
      i++
    } else if (char === '$' && !isIdentifierAt(text, i - 1)) {
      const match = claimPattern.exec(text.slice(i))
      if (!options.isClaimAllowed || match === null) return problem(dollarProblem(text, i, options))
      const end = i + match[0].length
      if (text[end] === '.' || text[end] === '[' || isIdentifierAt(text, end)) {
        return problem(`unknown $user form "${text.slice(i, end + 1)}": use $user.<claim>`)
      }
      if (i > start) parts.push({ kind: 'text', text: text.slice(start, i) })
      parts.push({ kind: 'claim', name: match[1] as string })
      i = end
      start = end
    } else {
      i++
    }
  }
  if (depth > 0) return problem('a parenthesis is not closed')
  if (start < text.length) parts.push({ kind: 'text', text: text.slice(start) })
  return { kind: 'parts', parts }
}

function problem(text: string): ScanResult {
  return { kind: 'problem', problem: text }
}

function dollarProblem(text: string, at: number, options: { isClaimAllowed: boolean }): string {
  const shown = /^\$[A-Za-z0-9_.]*/.exec(text.slice(at))?.[0] ?? '$'
  if (!options.isClaimAllowed) return `"${shown}": parameters and dollar quotes are not allowed`
  if (shown.startsWith('$user')) return `unknown $user form "${shown}": use $user.<claim>`
  return `"${shown}": only $user.<claim> references are allowed`
}

function isIdentifierAt(text: string, at: number): boolean {
  const char = text[at]
  return char !== undefined && identifierChar.test(char)
}

/** Index of the quote closing the one at `open` (doubled quotes and, in E'' strings,
 * backslash escapes stay inside); -1 when the text ends first. */
function closingQuote(text: string, open: number, quote: string, isEscaped: boolean): number {
  let i = open + 1
  while (i < text.length) {
    const char = text[i]
    if (isEscaped && char === '\\') i += 2
    else if (char === quote && text[i + 1] === quote) i += 2
    else if (char === quote) return i
    else i++
  }
  return -1
}

/** The expression with each claim reference replaced by `replace(name, index)`. */
export function substituteClaims(
  parts: readonly ExpressionPart[],
  replace: (name: string, index: number) => string,
): string {
  let index = 0
  return parts
    .map((part) => (part.kind === 'text' ? part.text : replace(part.name, index++)))
    .join('')
}
