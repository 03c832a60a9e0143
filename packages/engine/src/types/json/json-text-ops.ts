/**
 * Functions over json (text) values with PostgreSQL's results: extraction (->, ->>, #>, #>>,
 * json_extract_path) answers with slices of the source text, json_each and
 * json_array_elements likewise, json_strip_nulls re-prints compactly.
 *
 * PostgreSQL computes these with callbacks while parsing the whole document; the extraction
 * here replays the same callbacks over the syntax tree in document order, so duplicate keys
 * (the last match wins), whitespace and even PostgreSQL's quirks match: a negative array step
 * is converted to a positive one by the first array met at its depth, whichever branch that
 * array is on.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { escapeJson, JsonTextBuilder } from './format.js'
import { type JsonTextNode, parseJsonTree } from './json-tree.js'
import { JsonLexer } from './parse.js'
import { parsePathIndex } from './path.js'

/** PostgreSQL's marker for a path step that is not an integer: it matches no array index. */
const noIndex = -2147483648

interface Frame {
  readonly node: JsonTextNode
  readonly level: number
  /** Next child to visit. */
  index: number
}

/**
 * PostgreSQL's get_worker: the value at a path of `names` (object keys) and/or `indexes` (array
 * positions) as json text, or as text when `asText` (strings de-escaped, JSON null as SQL
 * NULL). null when nothing matches. An empty path gives the whole document.
 */
function getWorker(
  text: string,
  names: readonly string[] | undefined,
  indexes: number[] | undefined,
  count: number,
  asText: boolean,
): string | null {
  const root = parseJsonTree(text, true)
  const pathOk: boolean[] = new Array<boolean>(count).fill(false)
  if (count > 0) pathOk[0] = true
  const arrayIndex: number[] = new Array<number>(count).fill(-1)
  let result: string | null = null
  let resultStart = -1
  let nextScalar = false

  const fieldMatches = (level: number, name: string): boolean =>
    level <= count && pathOk[level - 1] === true && names !== undefined && names[level - 1] === name
  const elementMatches = (level: number): boolean =>
    level <= count &&
    pathOk[level - 1] === true &&
    indexes !== undefined &&
    arrayIndex[level - 1] === indexes[level - 1]

  /** A matched field or element's value starts: note where. */
  const startResult = (value: JsonTextNode): void => {
    result = null
    resultStart = -1
    if (asText && value.kind === 'string') nextScalar = true
    else resultStart = value.start
  }
  /** It ends: take its text. */
  const endResult = (value: JsonTextNode): void => {
    if (resultStart < 0) return
    result = value.kind === 'null' && asText ? null : text.slice(resultStart, value.end)
    resultStart = -1
  }
  const visitScalar = (node: JsonTextNode, level: number): void => {
    if (level === 0 && count === 0) {
      if (asText && node.kind === 'string') nextScalar = true
      else if (asText && node.kind === 'null') result = null
      // PostgreSQL keeps the whitespace before a top-level scalar, not after it.
      else result = text.slice(0, node.end)
    }
    if (nextScalar && node.kind !== 'object' && node.kind !== 'array') {
      result = node.value
      nextScalar = false
    }
  }
  /** A container starts (array_start / object_start at its own level). */
  const openContainer = (node: JsonTextNode, level: number): void => {
    if (node.kind === 'array' && indexes !== undefined && level < count) {
      arrayIndex[level] = -1
      const wanted = indexes[level] ?? noIndex
      if (wanted < 0 && wanted !== noIndex && -wanted <= node.items.length) {
        indexes[level] = wanted + node.items.length
      }
    } else if (level === 0 && count === 0) {
      resultStart = node.start
    }
  }
  const closeContainer = (node: JsonTextNode, level: number): void => {
    if (level === 0 && count === 0) result = text.slice(resultStart, node.end)
  }
  /** Child `index` of a container at `level` starts or ends (its lex level is level + 1). */
  const childEvent = (parent: JsonTextNode, index: number, level: number, isStart: boolean) => {
    const child = parent.kind === 'array' ? parent.items[index] : undefined
    const field = parent.kind === 'object' ? parent.values[index] : undefined
    const childLevel = level + 1
    if (child !== undefined) {
      if (isStart && childLevel <= count && indexes !== undefined) {
        arrayIndex[level] = (arrayIndex[level] ?? -1) + 1
      }
      if (!elementMatches(childLevel)) return
      if (childLevel < count) pathOk[childLevel] = isStart
      else if (isStart) startResult(child)
      else endResult(child)
    } else if (field !== undefined && parent.kind === 'object') {
      if (!fieldMatches(childLevel, parent.keys[index] ?? '')) return
      if (childLevel < count) pathOk[childLevel] = isStart
      else if (isStart) startResult(field)
      else endResult(field)
    }
  }

  // Depth-first in document order, down to the path's depth (nothing deeper can matter).
  const stack: Frame[] = []
  const enter = (node: JsonTextNode, level: number): void => {
    if (node.kind === 'array' || node.kind === 'object') {
      openContainer(node, level)
      if (level < count) stack.push({ node, level, index: 0 })
      else closeContainer(node, level)
    } else {
      visitScalar(node, level)
    }
  }
  enter(root, 0)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame
    const { node, level } = frame
    const children = node.kind === 'array' ? node.items : node.kind === 'object' ? node.values : []
    if (frame.index > 0) childEvent(node, frame.index - 1, level, false)
    if (frame.index < children.length) {
      const child = children[frame.index] as JsonTextNode
      childEvent(node, frame.index, level, true)
      frame.index++
      enter(child, level + 1)
      // A child container pushed itself; its end event comes when it is popped.
      continue
    }
    stack.pop()
    closeContainer(node, level)
  }
  return result
}

/** json -> text / json ->> text. */
export function jsonObjectField(text: string, key: string, asText: boolean): string | null {
  return getWorker(text, [key], undefined, 1, asText)
}

/** json -> integer / json ->> integer (negative counts from the end). */
export function jsonArrayElement(text: string, index: number, asText: boolean): string | null {
  return getWorker(text, undefined, [index], 1, asText)
}

/** json #> text[] / #>> / json_extract_path(_text): the caller has answered NULL for a path
 * with NULL steps. */
export function jsonExtractPath(
  text: string,
  path: readonly string[],
  asText: boolean,
): string | null {
  const indexes = path.map((step) => (step === '' ? noIndex : (parsePathIndex(step) ?? noIndex)))
  return getWorker(text, path, indexes, path.length, asText)
}

function invalidParameter(message: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, message)
}

/** A member's value as json_each / json_array_elements return it. */
function memberValue(text: string, node: JsonTextNode, asText: boolean): string | null {
  if (asText) {
    if (node.kind === 'null') return null
    if (node.kind === 'string') return node.value
  }
  return text.slice(node.start, node.end)
}

/** json_each / json_each_text: the top-level object's pairs in document order. */
export function jsonEach(text: string, asText: boolean): [string, string | null][] {
  const root = parseJsonTree(text, true)
  if (root.kind === 'array') throw invalidParameter('cannot deconstruct an array as an object')
  if (root.kind !== 'object') throw invalidParameter('cannot deconstruct a scalar')
  return root.keys.map((key, i) => [key, memberValue(text, root.values[i] as JsonTextNode, asText)])
}

/** json_array_elements / json_array_elements_text. */
export function jsonArrayElements(text: string, asText: boolean): (string | null)[] {
  const name = asText ? 'json_array_elements_text' : 'json_array_elements'
  const root = parseJsonTree(text, asText)
  if (root.kind === 'object') throw invalidParameter(`cannot call ${name} on a non-array`)
  if (root.kind !== 'array') throw invalidParameter(`cannot call ${name} on a scalar`)
  return root.items.map((item) => memberValue(text, item, asText))
}

/** json_object_keys: the top-level keys in document order, duplicates included. */
export function jsonObjectKeys(text: string): string[] {
  const root = parseJsonTree(text, true)
  if (root.kind === 'array') throw invalidParameter('cannot call json_object_keys on an array')
  if (root.kind !== 'object') throw invalidParameter('cannot call json_object_keys on a scalar')
  return root.keys
}

/** json_array_length. */
export function jsonArrayLength(text: string): number {
  const root = parseJsonTree(text, false)
  if (root.kind === 'object') throw invalidParameter('cannot get array length of a non-array')
  if (root.kind !== 'array') throw invalidParameter('cannot get array length of a scalar')
  return root.items.length
}

/** json_typeof: from the first token alone, as PostgreSQL does. */
export function jsonTypeof(text: string): string {
  const lexer = new JsonLexer(text, false)
  lexer.next()
  switch (lexer.peek()) {
    case 'objectStart':
      return 'object'
    case 'arrayStart':
      return 'array'
    case 'string':
      return 'string'
    case 'number':
      return 'number'
    case 'true':
    case 'false':
      return 'boolean'
    default:
      return 'null'
  }
}

/**
 * json_strip_nulls: the document re-printed without whitespace, minus object fields whose
 * value is null; strings re-escaped from their values, numbers as written, duplicates kept.
 */
export function jsonStripNulls(text: string): string {
  const root = parseJsonTree(text, true)
  const out = new JsonTextBuilder()
  const stack: Frame[] = []
  const write = (node: JsonTextNode): void => {
    if (node.kind === 'array') {
      out.push('[')
      stack.push({ node, level: 0, index: 0 })
    } else if (node.kind === 'object') {
      out.push('{')
      stack.push({ node, level: 0, index: 0 })
    } else if (node.kind === 'string') {
      out.push(escapeJson(node.value))
    } else {
      out.push(text.slice(node.start, node.end))
    }
  }
  write(root)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame
    const node = frame.node
    if (node.kind === 'array') {
      const item = node.items[frame.index]
      if (item === undefined) {
        out.push(']')
        stack.pop()
        continue
      }
      if (frame.index > 0) out.push(',')
      frame.index++
      write(item)
    } else if (node.kind === 'object') {
      const value = node.values[frame.index]
      if (value === undefined) {
        out.push('}')
        stack.pop()
        continue
      }
      const key = node.keys[frame.index] ?? ''
      frame.index++
      if (value.kind === 'null') continue
      if (out.lastChar() !== '{') out.push(',')
      out.push(escapeJson(key))
      out.push(':')
      write(value)
    } else {
      stack.pop()
    }
  }
  return out.toString()
}
