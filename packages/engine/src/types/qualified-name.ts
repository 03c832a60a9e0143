/**
 * Names written inside strings ('public."My Table"'::regclass, nextval('s')): PostgreSQL's
 * stringToQualifiedNameList. Dot-separated identifiers; a quoted one keeps its case and doubles
 * its quotes, an unquoted one is lower-cased (ASCII letters only, as for UTF-8 databases);
 * whitespace around each is ignored. Anything else is 42602 `invalid name syntax`.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { truncateName } from './behaviours/text.js'

const space = /[ \t\n\r\v\f]/

export function parseQualifiedName(text: string): string[] {
  const names: string[] = []
  let at = 0
  const skipSpace = (): void => {
    while (at < text.length && space.test(text.charAt(at))) at++
  }
  skipSpace()
  if (at === text.length) throw invalidName()
  // Each pass reads one name and what follows it; every pass consumes at least one character.
  while (at < text.length) {
    let name = ''
    if (text.charAt(at) === '"') {
      at++
      for (;;) {
        const end = text.indexOf('"', at)
        if (end < 0) throw invalidName()
        name += text.slice(at, end)
        at = end + 1
        if (text.charAt(at) !== '"') break
        name += '"'
        at++
      }
    } else {
      const start = at
      while (at < text.length && text.charAt(at) !== '.' && !space.test(text.charAt(at))) at++
      name = text.slice(start, at).replace(/[A-Z]+/g, (letters) => letters.toLowerCase())
    }
    if (name === '') throw invalidName()
    names.push(truncateName(name))
    skipSpace()
    if (at === text.length) break
    if (text.charAt(at) !== '.') throw invalidName()
    at++
    skipSpace()
    if (at === text.length) throw invalidName()
  }
  return names
}

function invalidName(): SqlError {
  return new SqlError(SqlState.invalidName, 'invalid name syntax')
}
