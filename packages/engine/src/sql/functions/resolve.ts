/**
 * Type resolution with PostgreSQL's rules (its manual, chapter "Type Conversion"): which cast
 * turns one type into another in a given context, which of several same-named functions or
 * operators a call means, and the common type of CASE / UNION / VALUES / ARRAY branches.
 *
 * Function and operator choice, as PostgreSQL does it:
 *   1. candidates with the name and number of arguments (variadic ones expanded);
 *   2. an exact match on the argument types wins (for an operator with one untyped side, the
 *      untyped side is assumed to have the other side's type);
 *   3. otherwise keep candidates every argument can reach by implicit cast (an untyped literal
 *      reaches anything), then narrow: most exact matches; most preferred types where a cast is
 *      needed; for untyped arguments, the string category if any candidate takes it, else the
 *      one category all candidates agree on, preferring preferred types; finally, if every typed
 *      argument has the same type, assume the untyped ones have it too. One survivor wins;
 *      none is 42883 "does not exist", several are 42725 "is not unique".
 * Polymorphic declarations (anyelement, anyarray, anycompatible, ...) are matched as PostgreSQL
 * does: all positions of one family must agree on one element type (anycompatible: a common
 * type they can all be cast to).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import {
  arrayOf,
  type SqlType,
  type SqlTypeKind,
  sqlTypes,
  type TypeCategory,
} from '../../types/index.js'
import type { BuiltinCatalog } from './builtin-catalog.js'
import type { ArgType, BuiltinCast, BuiltinOperator } from './registry.js'

export type CoercionContext = 'implicit' | 'assignment' | 'explicit'

/** How a value of one type becomes another. */
export type Coercion =
  /** Same type (at most the typmod changes). */
  | { readonly kind: 'none' }
  /** A declared cast function. */
  | { readonly kind: 'function'; readonly cast: BuiltinCast }
  /** Through text: the source's output function, then the target's input function. */
  | { readonly kind: 'io' }
  /** Element by element. */
  | { readonly kind: 'array'; readonly element: Coercion }

const contextRank: Readonly<Record<CoercionContext, number>> = {
  implicit: 0,
  assignment: 1,
  explicit: 2,
}

/** The coercion from `source` to `target` allowed in `context`, or undefined when none is. */
export function findCoercion(
  catalog: BuiltinCatalog,
  source: SqlType,
  target: SqlType,
  context: CoercionContext,
): Coercion | undefined {
  if (source.oid === target.oid) return { kind: 'none' }
  if (source.kind === 'unknown') return { kind: 'io' }
  const declared = catalog.cast(source.kind, target.kind)
  if (declared !== undefined && contextRank[declared.context] <= contextRank[context]) {
    return { kind: 'function', cast: declared }
  }
  if (source.kind === 'array' && target.kind === 'array') {
    if (source.element === undefined || target.element === undefined) return undefined
    const element = findCoercion(catalog, source.element, target.element, context)
    return element === undefined ? undefined : { kind: 'array', element }
  }
  // PostgreSQL's automatic I/O conversion: to a string type in assignment, from one explicitly.
  if (target.category === 'S' && contextRank[context] >= contextRank.assignment) {
    return { kind: 'io' }
  }
  if (source.category === 'S' && context === 'explicit') return { kind: 'io' }
  return undefined
}

export function canCoerce(
  catalog: BuiltinCatalog,
  source: SqlType,
  target: SqlType,
  context: CoercionContext,
): boolean {
  return findCoercion(catalog, source, target, context) !== undefined
}

/** The outcome of resolving a call: the declaration, the types its arguments must be cast to,
 * and the result type. */
export interface Resolution<T> {
  readonly declaration: T
  readonly argTypes: readonly SqlType[]
  readonly resultType: SqlType
}

interface Declaration {
  readonly args: readonly ArgType[]
  readonly isVariadic?: boolean
  readonly returns: ArgType | ((argTypes: readonly SqlType[]) => SqlType)
}

interface Candidate<T> {
  readonly declaration: T
  /** Declared argument types, variadic expanded to the call's argument count. */
  readonly declared: readonly ArgType[]
  /** Concrete types the arguments become (polymorphism resolved). */
  readonly targets: readonly SqlType[]
}

type Verdict<T> =
  | { readonly kind: 'found'; readonly candidate: Candidate<T> }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous' }

const polymorphicKinds: ReadonlySet<ArgType> = new Set<ArgType>([
  'anyelement',
  'anyarray',
  'anynonarray',
  'anyenum',
  'anycompatible',
  'anycompatiblearray',
  'anycompatiblenonarray',
])

/** The SqlType of a concrete declared kind ('text', or 'text[]' for an array); undefined for
 * pseudo-types, 'array' and 'enum'. */
function declaredType(arg: ArgType): SqlType | undefined {
  if (arg === 'array' || arg === 'enum') return undefined
  if (arg.endsWith('[]')) {
    const element = declaredType(arg.slice(0, -2) as ArgType)
    return element === undefined ? undefined : arrayOf(element)
  }
  return (sqlTypes as Readonly<Record<string, SqlType>>)[arg]
}

/** Whether an argument of `type` matches the declared type exactly. */
function isExactType(arg: ArgType, type: SqlType): boolean {
  if (type.kind === 'unknown') return false
  const declared = declaredType(arg)
  return declared !== undefined && declared.oid === type.oid
}

function categoryOf(arg: ArgType): TypeCategory {
  if (arg === 'array' || arg === 'anyarray' || arg === 'anycompatiblearray') return 'A'
  if (arg === 'enum' || arg === 'anyenum') return 'E'
  return declaredType(arg)?.category ?? 'P'
}

function isPreferred(arg: ArgType): boolean {
  return declaredType(arg)?.isPreferred ?? false
}

/** Declared argument types expanded for a call with `count` arguments, or undefined. */
function expandArgs(declaration: Declaration, count: number): readonly ArgType[] | undefined {
  const args = declaration.args
  if (declaration.isVariadic !== true) return args.length === count ? args : undefined
  if (count < args.length) return undefined
  const last = args[args.length - 1]
  if (last === undefined) return undefined
  const element = variadicElement(last)
  return [...args.slice(0, -1), ...Array<ArgType>(count - args.length + 1).fill(element)]
}

/**
 * The type each argument passed for a VARIADIC parameter must have: the array's element type
 * (`VARIADIC text[]` takes text values, packed into the array by the binder: see
 * isPackedVariadic), or "any" itself, whose values reach the function one by one.
 */
export function variadicElement(arg: ArgType): ArgType {
  if (arg === 'anyarray') return 'anyelement'
  if (arg === 'anycompatiblearray') return 'anycompatible'
  if (arg.endsWith('[]')) return arg.slice(0, -2) as ArgType
  return arg
}

/** Whether a variadic declaration's trailing arguments are packed into one array argument
 * (every variadic parameter but VARIADIC "any"). */
export function isPackedVariadic(declaration: {
  readonly args: readonly ArgType[]
  readonly isVariadic?: boolean
}): boolean {
  const last = declaration.args[declaration.args.length - 1]
  return declaration.isVariadic === true && last !== undefined && last !== 'any'
}

/**
 * Matches actual argument types against declared ones, resolving polymorphic positions.
 * Returns the concrete target types, or undefined when the candidate cannot take the call.
 * Untyped (unknown) arguments fit any position.
 */
function matchCandidate(
  catalog: BuiltinCatalog,
  declared: readonly ArgType[],
  actual: readonly SqlType[],
): SqlType[] | undefined {
  let element: SqlType | undefined
  const compatible: SqlType[] = []
  for (let i = 0; i < declared.length; i++) {
    const arg = declared[i] as ArgType
    const type = actual[i] as SqlType
    if (type.kind === 'unknown') continue
    switch (arg) {
      case 'anyelement':
      case 'anynonarray':
      case 'anyenum':
      case 'anyarray': {
        const isArray = type.kind === 'array'
        if (arg === 'anyarray' && !isArray) return undefined
        if (arg === 'anynonarray' && isArray) return undefined
        if (arg === 'anyenum' && type.kind !== 'enum') return undefined
        const found = arg === 'anyarray' ? type.element : type
        if (found === undefined) return undefined
        if (element !== undefined && element.oid !== found.oid) return undefined
        element = found
        break
      }
      case 'anycompatible':
      case 'anycompatiblenonarray':
      case 'anycompatiblearray': {
        if (arg === 'anycompatiblearray') {
          if (type.kind !== 'array' || type.element === undefined) return undefined
          compatible.push(type.element)
        } else {
          if (arg === 'anycompatiblenonarray' && type.kind === 'array') return undefined
          compatible.push(type)
        }
        break
      }
      case 'any':
        break
      default: {
        const target = declaredType(arg)
        if (target === undefined) {
          if (arg === 'array' ? type.kind !== 'array' : type.kind !== arg) return undefined
          break
        }
        if (!canCoerce(catalog, type, target, 'implicit')) return undefined
      }
    }
  }
  const common =
    compatible.length === 0 ? undefined : commonTypeOrUndefined(catalog, compatible).type
  if (compatible.length > 0 && common === undefined) return undefined
  const targets: SqlType[] = []
  for (let i = 0; i < declared.length; i++) {
    const target = concreteType(declared[i] as ArgType, actual[i] as SqlType, element, common)
    if (target === undefined) return undefined
    targets.push(target)
  }
  return targets
}

/** A declared type made concrete; unknown arguments of untyped families become text. */
function concreteType(
  arg: ArgType,
  actual: SqlType,
  element: SqlType | undefined,
  common: SqlType | undefined,
): SqlType | undefined {
  switch (arg) {
    case 'any':
      return actual.kind === 'unknown' ? sqlTypes.text : actual
    case 'anyelement':
    case 'anynonarray':
    case 'anyenum':
      return element ?? actual
    case 'anyarray':
      return element === undefined ? actual : arrayOf(element)
    case 'anycompatible':
    case 'anycompatiblenonarray':
      return common ?? sqlTypes.text
    case 'anycompatiblearray':
      return arrayOf(common ?? sqlTypes.text)
    default:
      return declaredType(arg) ?? actual
  }
}

/** Whether an element type could be deduced for every polymorphic position. */
function isPolymorphismResolved(
  declared: readonly ArgType[],
  targets: readonly SqlType[],
): boolean {
  for (let i = 0; i < declared.length; i++) {
    const arg = declared[i] as ArgType
    if (!polymorphicKinds.has(arg) || arg.startsWith('anycompatible')) continue
    const target = targets[i] as SqlType
    const element = arg === 'anyarray' ? target.element : target
    if (element === undefined || element.kind === 'unknown') return false
  }
  return true
}

/** The result type of a resolved candidate. */
function resultTypeOf(declaration: Declaration, candidate: Candidate<unknown>): SqlType {
  const returns = declaration.returns
  if (typeof returns === 'function') return returns(candidate.targets)
  if (!polymorphicKinds.has(returns)) return declaredType(returns) ?? sqlTypes.unknown
  // A polymorphic result takes the element type of the arguments' polymorphic family.
  let element: SqlType | undefined
  let common: SqlType | undefined
  for (let i = 0; i < candidate.declared.length; i++) {
    const arg = candidate.declared[i] as ArgType
    const target = candidate.targets[i] as SqlType
    if (arg === 'anyarray') element ??= target.element
    else if (arg === 'anycompatiblearray') common ??= target.element
    else if (arg === 'anycompatible' || arg === 'anycompatiblenonarray') common ??= target
    else if (polymorphicKinds.has(arg)) element ??= target
  }
  const base = returns.startsWith('anycompatible') ? common : element
  if (base === undefined) return sqlTypes.unknown
  return returns === 'anyarray' || returns === 'anycompatiblearray' ? arrayOf(base) : base
}

/** PostgreSQL's candidate selection (steps 3c-3f of the header) over matching candidates. */
function selectCandidate<T>(
  catalog: BuiltinCatalog,
  candidates: readonly Candidate<T>[],
  actual: readonly SqlType[],
): Verdict<T> {
  if (candidates.length === 0) return { kind: 'none' }
  if (candidates.length === 1) return { kind: 'found', candidate: candidates[0] as Candidate<T> }
  // Most exact matches.
  let survivors = keepBest(candidates, (candidate) =>
    countPositions(candidate, actual, isExactType),
  )
  if (survivors.length === 1) return { kind: 'found', candidate: survivors[0] as Candidate<T> }
  // Most preferred types where a conversion is needed.
  survivors = keepBest(survivors, (candidate) =>
    countPositions(
      candidate,
      actual,
      (arg, type) => !isExactType(arg, type) && type.kind !== 'unknown' && isPreferred(arg),
    ),
  )
  if (survivors.length === 1) return { kind: 'found', candidate: survivors[0] as Candidate<T> }
  // Untyped arguments: categories.
  const unknownPositions = actual.flatMap((type, i) => (type.kind === 'unknown' ? [i] : []))
  if (unknownPositions.length === 0) return { kind: 'ambiguous' }
  let narrowed = survivors
  for (const i of unknownPositions) {
    const categories = new Set(narrowed.map((candidate) => categoryOf(argAt(candidate, i))))
    let chosen: TypeCategory | undefined
    if (categories.has('S')) chosen = 'S'
    else if (categories.size === 1) chosen = [...categories][0]
    if (chosen === undefined) return { kind: 'ambiguous' }
    const inCategory = narrowed.filter((candidate) => categoryOf(argAt(candidate, i)) === chosen)
    const preferred = inCategory.filter((candidate) => isPreferred(argAt(candidate, i)))
    narrowed = preferred.length > 0 ? preferred : inCategory
  }
  if (narrowed.length === 0) narrowed = survivors
  if (narrowed.length === 1) return { kind: 'found', candidate: narrowed[0] as Candidate<T> }
  // If every typed argument has one type, assume the untyped ones have it too.
  const known = actual.filter((type) => type.kind !== 'unknown')
  const first = known[0]
  if (first === undefined || known.some((type) => type.oid !== first.oid)) {
    return { kind: 'ambiguous' }
  }
  const accepting = narrowed.filter((candidate) =>
    unknownPositions.every((i) => {
      const target = declaredType(argAt(candidate, i))
      return target === undefined || canCoerce(catalog, first, target, 'implicit')
    }),
  )
  return accepting.length === 1
    ? { kind: 'found', candidate: accepting[0] as Candidate<T> }
    : { kind: 'ambiguous' }
}

function argAt(candidate: Candidate<unknown>, i: number): ArgType {
  return candidate.declared[i] as ArgType
}

function countPositions(
  candidate: Candidate<unknown>,
  actual: readonly SqlType[],
  test: (arg: ArgType, type: SqlType) => boolean,
): number {
  let count = 0
  for (let i = 0; i < actual.length; i++)
    if (test(argAt(candidate, i), actual[i] as SqlType)) count++
  return count
}

/** The candidates with the highest score (all of them when every score is 0). */
function keepBest<T>(candidates: readonly T[], score: (candidate: T) => number): T[] {
  let best = 0
  let kept: T[] = [...candidates]
  for (const candidate of candidates) {
    const value = score(candidate)
    if (value > best) {
      best = value
      kept = [candidate]
    } else if (value === best && best > 0) {
      kept.push(candidate)
    }
  }
  return kept
}

function candidatesFor<T extends Declaration>(
  catalog: BuiltinCatalog,
  declarations: readonly T[],
  actual: readonly SqlType[],
): Candidate<T>[] {
  const out: Candidate<T>[] = []
  for (const declaration of declarations) {
    const declared = expandArgs(declaration, actual.length)
    if (declared === undefined) continue
    const targets = matchCandidate(catalog, declared, actual)
    if (targets !== undefined) out.push({ declaration, declared, targets })
  }
  // A variadic candidate whose expansion equals a plain candidate's arguments gives way to it
  // (PostgreSQL prefers the non-variadic function).
  return out.filter(
    (candidate) =>
      candidate.declaration.isVariadic !== true ||
      !out.some(
        (other) =>
          other.declaration.isVariadic !== true &&
          other.declared.length === candidate.declared.length &&
          other.declared.every((arg, i) => arg === candidate.declared[i]),
      ),
  )
}

function isExactMatch(candidate: Candidate<unknown>, actual: readonly SqlType[]): boolean {
  return actual.every((type, i) => {
    const arg = argAt(candidate, i)
    return isExactType(arg, type)
  })
}

function finish<T extends Declaration>(
  candidate: Candidate<T>,
  describe: () => string,
): Resolution<T> {
  if (!isPolymorphismResolved(candidate.declared, candidate.targets)) {
    throw new SqlError(
      SqlState.datatypeMismatch,
      `could not determine polymorphic type because input has type unknown`,
      { detail: describe() },
    )
  }
  return {
    declaration: candidate.declaration,
    argTypes: candidate.targets,
    resultType: resultTypeOf(candidate.declaration, candidate),
  }
}

/** How PostgreSQL names argument types in "function f(integer, unknown) does not exist". */
export function describeArgs(types: readonly SqlType[]): string {
  return types.map((type) => type.displayName).join(', ')
}

/**
 * Resolves a call of `name` among `declarations` (functions, set functions or aggregates of
 * that name). Returns undefined when nothing matches (the caller raises 42883, possibly after
 * trying other kinds of function); throws 42725 when the call is ambiguous.
 */
export function resolveFunction<T extends Declaration>(
  catalog: BuiltinCatalog,
  name: string,
  declarations: readonly T[],
  actual: readonly SqlType[],
): Resolution<T> | undefined {
  const candidates = candidatesFor(catalog, declarations, actual)
  const exact = candidates.filter((candidate) => isExactMatch(candidate, actual))
  const describe = (): string => `${name}(${describeArgs(actual)})`
  if (exact.length === 1) return finish(exact[0] as Candidate<T>, describe)
  const verdict = selectCandidate(catalog, candidates, actual)
  if (verdict.kind === 'found') return finish(verdict.candidate, describe)
  if (verdict.kind === 'none') return undefined
  throw new SqlError(SqlState.ambiguousFunction, `function ${describe()} is not unique`, {
    hint: 'Could not choose a best candidate function. You might need to add explicit type casts.',
  })
}

export function noSuchFunction(name: string, actual: readonly SqlType[]): SqlError {
  return new SqlError(
    SqlState.undefinedFunction,
    `function ${name}(${describeArgs(actual)}) does not exist`,
    {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
    },
  )
}

/**
 * Resolves an operator: `left` is undefined for a prefix operator. Throws 42883 / 42725 with
 * PostgreSQL's wording.
 */
export function resolveOperator(
  catalog: BuiltinCatalog,
  name: string,
  left: SqlType | undefined,
  right: SqlType,
): Resolution<BuiltinOperator> {
  const shape: OperatorDeclaration[] = (catalog.operators.get(name) ?? [])
    .filter((operator) => (operator.left === undefined) === (left === undefined))
    .map((operator) => ({
      operator,
      args: operator.left === undefined ? [operator.right] : [operator.left, operator.right],
      returns: operator.returns,
    }))
  const actual = left === undefined ? [right] : [left, right]
  const signature = (): string =>
    left === undefined
      ? `${name} ${right.displayName}`
      : `${left.displayName} ${name} ${right.displayName}`
  // An untyped side is assumed to have the other side's type when looking for an exact match.
  if (left !== undefined && (left.kind === 'unknown') !== (right.kind === 'unknown')) {
    const known = left.kind === 'unknown' ? right : left
    const exact = shape.find(
      (declaration) =>
        isExactType(declaration.args[0] as ArgType, known) &&
        isExactType(declaration.args[1] as ArgType, known),
    )
    if (exact !== undefined && known.kind !== 'enum') {
      const candidate = { declaration: exact, declared: exact.args, targets: [known, known] }
      return operatorResolution(finish(candidate, signature))
    }
  }
  const candidates = candidatesFor(catalog, shape, actual)
  const exact = candidates.filter((candidate) => isExactMatch(candidate, actual))
  const verdict: Verdict<OperatorDeclaration> =
    exact.length === 1
      ? { kind: 'found', candidate: exact[0] as Candidate<OperatorDeclaration> }
      : selectCandidate(catalog, candidates, actual)
  if (verdict.kind === 'found') return operatorResolution(finish(verdict.candidate, signature))
  if (verdict.kind === 'ambiguous') {
    throw new SqlError(SqlState.ambiguousFunction, `operator is not unique: ${signature()}`, {
      hint: 'Could not choose a best candidate operator. You might need to add explicit type casts.',
    })
  }
  throw new SqlError(SqlState.undefinedFunction, `operator does not exist: ${signature()}`, {
    hint:
      left === undefined
        ? 'No operator matches the given name and argument type. You might need to add an explicit type cast.'
        : 'No operator matches the given name and argument types. You might need to add explicit type casts.',
  })
}

interface OperatorDeclaration extends Declaration {
  readonly operator: BuiltinOperator
}

function operatorResolution(
  resolution: Resolution<OperatorDeclaration>,
): Resolution<BuiltinOperator> {
  return { ...resolution, declaration: resolution.declaration.operator }
}

/** Result of choosing a common type. */
interface CommonType {
  readonly type: SqlType | undefined
  readonly conflict?: readonly [SqlType, SqlType]
}

function commonTypeOrUndefined(catalog: BuiltinCatalog, types: readonly SqlType[]): CommonType {
  const known = types.filter((type) => type.kind !== 'unknown')
  let candidate = known[0]
  if (candidate === undefined) return { type: sqlTypes.text }
  for (const other of known.slice(1)) {
    if (other.oid === candidate.oid) continue
    if (other.category !== candidate.category)
      return { type: undefined, conflict: [candidate, other] }
    if (
      !candidate.isPreferred &&
      canCoerce(catalog, candidate, other, 'implicit') &&
      !canCoerce(catalog, other, candidate, 'implicit')
    ) {
      candidate = other
    }
  }
  for (const other of known) {
    if (!canCoerce(catalog, other, candidate, 'implicit')) {
      return { type: undefined, conflict: [candidate, other] }
    }
  }
  return { type: candidate }
}

/**
 * The common type of CASE / COALESCE / UNION / VALUES / ARRAY[...] branches (PostgreSQL's
 * select_common_type): all untyped → text; otherwise the typed branches must share a category
 * and the type chosen is the one the others cast to implicitly. `construct` names the construct
 * in the 42804 error ("CASE", "UNION", "VALUES", "COALESCE", "ARRAY").
 */
export function selectCommonType(
  catalog: BuiltinCatalog,
  types: readonly SqlType[],
  construct: string,
): SqlType {
  const common = commonTypeOrUndefined(catalog, types)
  if (common.type !== undefined) return common.type
  const [a, b] = common.conflict ?? [sqlTypes.unknown, sqlTypes.unknown]
  throw new SqlError(
    SqlState.datatypeMismatch,
    `${construct} types ${a.displayName} and ${b.displayName} cannot be matched`,
  )
}

/** Kinds a declaration may name that have a SqlType of their own (for tests and catalogs). */
export function isConcreteKind(arg: ArgType): arg is SqlTypeKind {
  return declaredType(arg) !== undefined
}
