/**
 * jsonb operators with PostgreSQL's semantics: containment (@>, <@), key existence (?, ?|, ?&),
 * concatenation (||), deletion (- text, - int, - text[]) and jsonb_strip_nulls.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { JsonNode } from '../jsonb.js'
import { compareNumeric, Numeric } from '../numeric.js'
import { type JsonObjectNode, jsonbObject } from './jsonb-node.js'
import { jsonbHashKey } from './jsonb-order.js'

function isContainer(node: JsonNode): boolean {
  return Array.isArray(node) || node instanceof Map
}

/** Elements of a top-level value seen as an array (a scalar is a one-element pseudo-array). */
function asElements(node: JsonNode): readonly JsonNode[] {
  return Array.isArray(node) ? (node as readonly JsonNode[]) : [node]
}

/** Scalars equal as jsonb compares them: same type, equal value (numbers numerically). */
function scalarsEqual(a: JsonNode, b: JsonNode): boolean {
  if (a === null || b === null) return a === b
  if (typeof a === 'string' || typeof a === 'boolean') return a === b
  if (a instanceof Numeric && b instanceof Numeric) return compareNumeric(a, b) === 0
  return false
}

/** Scalars as a lookup key: equal scalars (1 and 1.0 too) give equal keys. */
function scalarKey(node: JsonNode): string {
  if (node instanceof Numeric) return `n${jsonbHashKey(node)}`
  return typeof node === 'string' ? `s${node}` : String(node)
}

/** One containment question still open: does `value` contain `template`? Its container
 * members are checked one by one, each against its candidates in `value`. */
interface Goal {
  readonly isObject: boolean
  /** The template's container members still to check. */
  readonly members: readonly JsonNode[]
  /** Objects: the value's member for each template member; arrays: the value's containers,
   * any of which may contain the template member. */
  readonly candidates: readonly JsonNode[]
  member: number
  candidate: number
  isWaiting: boolean
}

/**
 * Starts a containment question (PostgreSQL's JsonbDeepContains): objects need every template
 * pair present with a containing value; arrays need every template scalar among the elements
 * and every template container contained in some container element. Scalar members are
 * decided at once; container members become the goal's work. `isRawScalar` marks top-level
 * scalars wrapped as pseudo-arrays: one may not contain a real array.
 */
function startGoal(
  value: JsonNode,
  template: JsonNode,
  valueIsRawScalar = false,
  templateIsRawScalar = false,
): Goal | boolean {
  if (value instanceof Map || template instanceof Map) {
    if (!(value instanceof Map && template instanceof Map)) return false
    const lhs = value as JsonObjectNode
    const rhs = template as JsonObjectNode
    if (lhs.size < rhs.size) return false
    const members: JsonNode[] = []
    const candidates: JsonNode[] = []
    for (const [key, wanted] of rhs) {
      const found = lhs.get(key)
      if (found === undefined) return false
      if (isContainer(found) !== isContainer(wanted)) return false
      if (!isContainer(wanted)) {
        if (!scalarsEqual(found, wanted)) return false
      } else {
        members.push(wanted)
        candidates.push(found)
      }
    }
    if (members.length === 0) return true
    return { isObject: true, members, candidates, member: 0, candidate: 0, isWaiting: false }
  }
  if (valueIsRawScalar && !templateIsRawScalar) return false
  const lhs = asElements(value)
  const rhs = asElements(template)
  let scalars: Set<string> | undefined
  const members: JsonNode[] = []
  for (const wanted of rhs) {
    if (isContainer(wanted)) {
      members.push(wanted)
      continue
    }
    if (lhs.length <= 8) {
      if (!lhs.some((element) => !isContainer(element) && scalarsEqual(element, wanted))) {
        return false
      }
      continue
    }
    scalars ??= new Set(lhs.filter((element) => !isContainer(element)).map(scalarKey))
    if (!scalars.has(scalarKey(wanted))) return false
  }
  if (members.length === 0) return true
  const candidates = lhs.filter(isContainer)
  if (candidates.length === 0) return false
  return { isObject: false, members, candidates, member: 0, candidate: 0, isWaiting: false }
}

/** Answers a containment question without recursion (an explicit stack of open goals), so
 * no depth of value can overflow the JavaScript stack. */
function deepContains(
  value: JsonNode,
  template: JsonNode,
  valueIsRawScalar: boolean,
  templateIsRawScalar: boolean,
): boolean {
  const first = startGoal(value, template, valueIsRawScalar, templateIsRawScalar)
  if (typeof first === 'boolean') return first
  const stack: Goal[] = [first]
  // The answer of the goal that finished last.
  let answer = false
  while (stack.length > 0) {
    const goal = stack[stack.length - 1] as Goal
    if (goal.isWaiting) {
      goal.isWaiting = false
      if (answer) {
        goal.member++
        goal.candidate = 0
      } else if (goal.isObject || ++goal.candidate >= goal.candidates.length) {
        stack.pop()
        answer = false
        continue
      }
    }
    if (goal.member >= goal.members.length) {
      stack.pop()
      answer = true
      continue
    }
    const wanted = goal.members[goal.member] ?? null
    const candidate = goal.candidates[goal.isObject ? goal.member : goal.candidate] ?? null
    goal.isWaiting = true
    const next = startGoal(candidate, wanted)
    if (typeof next === 'boolean') answer = next
    else stack.push(next)
  }
  return answer
}

/** jsonb @> jsonb. */
export function jsonbContains(value: JsonNode, template: JsonNode): boolean {
  if (value instanceof Map !== template instanceof Map) return false
  return deepContains(value, template, !isContainer(value), !isContainer(template))
}

/** jsonb ? text: a top-level key, or a top-level string element (never nested). */
export function jsonbExists(root: JsonNode, key: string): boolean {
  if (root instanceof Map) return (root as JsonObjectNode).has(key)
  return asElements(root).some((element) => element === key)
}

function isScalar(node: JsonNode): boolean {
  return !isContainer(node)
}

function countOf(node: JsonNode): number {
  if (node instanceof Map) return (node as JsonObjectNode).size
  return asElements(node).length
}

/** jsonb || jsonb: objects merge (the right side's keys win), anything else concatenates as
 * arrays, a scalar or an object becoming one element. */
export function jsonbConcat(a: JsonNode, b: JsonNode): JsonNode {
  const aIsObject = a instanceof Map
  const bIsObject = b instanceof Map
  if (aIsObject === bIsObject) {
    if (countOf(a) === 0 && !isScalar(b)) return b
    if (countOf(b) === 0 && !isScalar(a)) return a
  }
  if (aIsObject && bIsObject) {
    return jsonbObject([...(a as JsonObjectNode), ...(b as JsonObjectNode)])
  }
  const left = aIsObject ? [a] : asElements(a)
  const right = bIsObject ? [b] : asElements(b)
  return [...left, ...right]
}

function cannotDeleteFromScalar(): SqlError {
  return new SqlError(SqlState.invalidParameterValue, 'cannot delete from scalar')
}

/** jsonb - text: removes the key from an object, or matching string elements from an array. */
export function jsonbDeleteKey(root: JsonNode, key: string): JsonNode {
  if (isScalar(root)) throw cannotDeleteFromScalar()
  return jsonbDeleteKeys(root, [key])
}

/** jsonb - text[] (NULL keys ignored); the caller checks the array's dimensions. */
export function jsonbDeleteKeys(root: JsonNode, keys: readonly (string | null)[]): JsonNode {
  if (isScalar(root)) throw cannotDeleteFromScalar()
  if (countOf(root) === 0 || keys.length === 0) return root
  const removed = new Set<string>()
  for (const key of keys) if (key !== null) removed.add(key)
  if (root instanceof Map) {
    const object = root as JsonObjectNode
    if (![...removed].some((key) => object.has(key))) return root
    const copy = new Map(object)
    for (const key of removed) copy.delete(key)
    return copy
  }
  const items = root as readonly JsonNode[]
  return items.filter((item) => !(typeof item === 'string' && removed.has(item)))
}

/** jsonb - integer: removes an array element (negative counts from the end). */
export function jsonbDeleteIndex(root: JsonNode, index: number): JsonNode {
  if (isScalar(root)) throw cannotDeleteFromScalar()
  if (root instanceof Map) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      'cannot delete from object using integer index',
    )
  }
  const items = root as readonly JsonNode[]
  const at = index < 0 ? items.length + index : index
  if (at < 0 || at >= items.length) return root
  return [...items.slice(0, at), ...items.slice(at + 1)]
}

interface StripFrame {
  readonly node: JsonNode
  readonly children: JsonNode[]
  readonly keys: readonly string[]
  readonly values: readonly JsonNode[]
  index: number
}

/** jsonb_strip_nulls: drops every object field whose value is null, at any depth (array
 * elements stay). Iterative, post-order. */
export function jsonbStripNulls(root: JsonNode): JsonNode {
  const frameOf = (node: JsonNode): StripFrame => {
    if (node instanceof Map) {
      const object = node as JsonObjectNode
      return {
        node,
        children: [],
        keys: [...object.keys()],
        values: [...object.values()],
        index: 0,
      }
    }
    const items = node as readonly JsonNode[]
    return { node, children: [], keys: [], values: items, index: 0 }
  }
  if (!isContainer(root)) return root
  const stack: StripFrame[] = [frameOf(root)]
  let result: JsonNode = null
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as StripFrame
    if (frame.index < frame.values.length) {
      const child = frame.values[frame.index] ?? null
      if (isContainer(child)) {
        stack.push(frameOf(child))
        continue
      }
      frame.children.push(child)
      frame.index++
      continue
    }
    stack.pop()
    let built: JsonNode
    if (frame.node instanceof Map) {
      const object = new Map<string, JsonNode>()
      frame.keys.forEach((key, i) => {
        const value = frame.children[i] ?? null
        if (value !== null) object.set(key, value)
      })
      built = object
    } else {
      built = frame.children
    }
    const parent = stack[stack.length - 1]
    if (parent === undefined) result = built
    else {
      parent.children.push(built)
      parent.index++
    }
  }
  return result
}
