/**
 * jsonb paths: reading a value at a text[] path (#>, #>>, jsonb_extract_path) and writing one
 * (jsonb_set, jsonb_set_lax, jsonb_insert, #-), with PostgreSQL's rules: array steps are
 * integers as strtol reads them (leading spaces and a sign allowed), negative ones count from
 * the end, a step that misses leaves the value unchanged (only the last step may create), and
 * a NULL step is 22004 when the walk reaches it.
 *
 * Both directions walk down iteratively and rebuild only the changed spine.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { JsonNode } from '../jsonb.js'
import { type JsonObjectNode, jsonbObject } from './jsonb-node.js'

const int32Min = -2147483648
const int32Max = 2147483647

/**
 * A path step as an int4 index, read like PostgreSQL's strtoint: optional leading C-locale
 * white space, an optional sign, decimal digits, nothing after; undefined when it is not one.
 */
export function parsePathIndex(text: string): number | undefined {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)$/.exec(text)
  if (match === null) return undefined
  const digits = match[1] ?? ''
  if (digits.replace(/^[+-]?0*/, '').length > 10) return undefined
  const value = Number(digits)
  if (value < int32Min || value > int32Max) return undefined
  return value === 0 ? 0 : value
}

/** jsonb -> integer: the element at `index` (negative from the end); a top-level scalar acts
 * as a one-element array, as in PostgreSQL. */
export function jsonbArrayElement(root: JsonNode, index: number): JsonNode | undefined {
  if (root instanceof Map) return undefined
  const items: readonly JsonNode[] = Array.isArray(root) ? root : [root]
  const at = index < 0 ? items.length + index : index
  if (at < 0 || at >= items.length) return undefined
  return items[at]
}

/** jsonb -> text: the value of `key` in a top-level object. */
export function jsonbObjectField(root: JsonNode, key: string): JsonNode | undefined {
  return root instanceof Map ? (root as JsonObjectNode).get(key) : undefined
}

/**
 * #> / jsonb_extract_path: the value at `path`, or undefined (SQL NULL) when a step misses, a
 * step is NULL, an array step is not an integer, or a step meets a scalar. An empty path gives
 * the whole value.
 */
export function jsonbGetPath(
  root: JsonNode,
  path: readonly (string | null)[],
): JsonNode | undefined {
  if (path.includes(null)) return undefined
  let node: JsonNode = root
  for (const step of path) {
    if (step === null) return undefined
    if (node instanceof Map) {
      const found = (node as JsonObjectNode).get(step)
      if (found === undefined) return undefined
      node = found
    } else if (Array.isArray(node)) {
      const items: readonly JsonNode[] = node
      const index = parsePathIndex(step)
      if (index === undefined) return undefined
      const at = index < 0 ? items.length + index : index
      if (at < 0 || at >= items.length) return undefined
      node = items[at] ?? null
    } else {
      return undefined
    }
  }
  return node
}

/** What setPath does at the last step (PostgreSQL's JB_PATH_* operations). */
export type JsonbPathOperation = 'create' | 'replace' | 'insertBefore' | 'insertAfter' | 'delete'

function isCreating(operation: JsonbPathOperation): boolean {
  return operation === 'create' || operation === 'insertBefore' || operation === 'insertAfter'
}

function nullStep(level: number): SqlError {
  return new SqlError(SqlState.nullValueNotAllowed, `path element at position ${level + 1} is null`)
}

function arrayIndexOf(step: string, level: number): number {
  const index = parsePathIndex(step)
  if (index === undefined) {
    throw new SqlError(
      SqlState.invalidTextRepresentation,
      `path element at position ${level + 1} is not an integer: "${step}"`,
    )
  }
  return index
}

/** One step of the walk down: the container and where in it the walk went. */
interface Step {
  readonly container: JsonNode
  readonly at: number | string
}

function replaceChild(container: JsonNode, at: number | string, child: JsonNode): JsonNode {
  if (Array.isArray(container)) {
    const items = [...(container as readonly JsonNode[])]
    items[at as number] = child
    return items
  }
  const copy = new Map(container as JsonObjectNode)
  copy.set(at as string, child)
  return copy
}

/**
 * PostgreSQL's setPath on a container root (callers check for scalars and empty paths):
 * follows `path`, and at its last step replaces, creates, inserts or deletes as `operation`
 * says. Returns the new root, or the same root when nothing changed.
 */
export function jsonbSetPath(
  root: JsonNode,
  path: readonly (string | null)[],
  newValue: JsonNode,
  operation: JsonbPathOperation,
): JsonNode {
  const steps: Step[] = []
  const last = path.length - 1
  let node: JsonNode = root
  let changed: JsonNode | undefined
  for (let level = 0; level <= last; level++) {
    const step = path[level] ?? null
    if (step === null) throw nullStep(level)
    if (Array.isArray(node)) {
      const items: readonly JsonNode[] = node
      const count = items.length
      let index: number | undefined = arrayIndexOf(step, level)
      if (index < 0) index = -index > count ? undefined : count + index
      if (index !== undefined && index > count) index = count
      if (level === last) {
        changed = setArrayElement(items, index, newValue, operation)
        break
      }
      if (index === undefined || index >= count) break
      steps.push({ container: node, at: index })
      node = items[index] ?? null
    } else if (node instanceof Map) {
      const object = node as JsonObjectNode
      const existing = object.get(step)
      if (level === last) {
        changed = setObjectField(object, step, existing, newValue, operation)
        break
      }
      if (existing === undefined) break
      steps.push({ container: node, at: step })
      node = existing
    } else {
      // A scalar where the path wants to go deeper: unchanged.
      break
    }
  }
  if (changed === undefined) return root
  for (let i = steps.length - 1; i >= 0; i--) {
    const { container, at } = steps[i] as Step
    changed = replaceChild(container, at, changed)
  }
  return changed
}

/** The last step on an array; `index` undefined stands for "before the start". */
function setArrayElement(
  items: readonly JsonNode[],
  index: number | undefined,
  newValue: JsonNode,
  operation: JsonbPathOperation,
): JsonNode | undefined {
  if ((index === undefined || items.length === 0) && isCreating(operation)) {
    return [newValue, ...items]
  }
  if (index === undefined) return undefined
  if (index < items.length) {
    switch (operation) {
      case 'create':
      case 'replace': {
        const copy = [...items]
        copy[index] = newValue
        return copy
      }
      case 'insertBefore':
        return [...items.slice(0, index), newValue, ...items.slice(index)]
      case 'insertAfter':
        return [...items.slice(0, index + 1), newValue, ...items.slice(index + 1)]
      default:
        return [...items.slice(0, index), ...items.slice(index + 1)]
    }
  }
  return isCreating(operation) ? [...items, newValue] : undefined
}

/** The last step on an object. */
function setObjectField(
  object: JsonObjectNode,
  key: string,
  existing: JsonNode | undefined,
  newValue: JsonNode,
  operation: JsonbPathOperation,
): JsonNode | undefined {
  if (existing !== undefined) {
    if (operation === 'insertBefore' || operation === 'insertAfter') {
      throw new SqlError(SqlState.invalidParameterValue, 'cannot replace existing key', {
        hint: 'Try using the function jsonb_set to replace key value.',
      })
    }
    const copy = new Map(object)
    if (operation === 'delete') copy.delete(key)
    else copy.set(key, newValue)
    return copy
  }
  if (!isCreating(operation)) return undefined
  return jsonbObject([...object, [key, newValue]])
}
