/**
 * The text of a CREATE VIEW statement's query, as written, for display (the view's stored
 * definition keeps the parser's AST for binding; people read the text). The statement's
 * tokens are scanned: the query starts after the first AS outside parentheses and ends before
 * a trailing WITH [CASCADED | LOCAL] CHECK OPTION and the closing semicolon.
 */
import { scanSync } from 'libpg-query'

export function viewQueryText(statementText: string): string {
  const bytes = Buffer.from(statementText)
  const tokens = scanSync(statementText).tokens
  let depth = 0
  let start: number | undefined
  let startToken = 0
  for (const [i, token] of tokens.entries()) {
    if (token.text === '(') depth++
    else if (token.text === ')') depth--
    else if (depth === 0 && token.text.toLowerCase() === 'as') {
      start = token.end
      startToken = i + 1
      break
    }
  }
  if (start === undefined) return statementText
  let endToken = tokens.length
  while (endToken > startToken && tokens[endToken - 1]?.text === ';') endToken--
  const words = tokens.slice(startToken, endToken).map((token) => token.text.toLowerCase())
  const tail = words.slice(-4)
  if (tail.length >= 3 && tail.at(-2) === 'check' && tail.at(-1) === 'option') {
    const hasMode = tail.at(-3) === 'local' || tail.at(-3) === 'cascaded'
    if (tail.at(hasMode ? -4 : -3) === 'with') endToken -= hasMode ? 4 : 3
  }
  const last = tokens[endToken - 1]
  const end = last === undefined || endToken <= startToken ? start : last.end
  return bytes.subarray(start, end).toString('utf8').trim()
}
