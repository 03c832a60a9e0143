/**
 * The built-in functions, set functions, aggregates, operators and casts indexed for lookup:
 * by name (functions, operators) and by source → target kind (casts). Built once from the
 * family lists; a declaration repeated across families is a programming error and fails here,
 * at start-up, rather than as an "ambiguous function" at query time.
 */
import { InternalError } from '../../errors/index.js'
import type { SqlTypeKind } from '../../types/index.js'
import { builtinFamilies } from './builtins/index.js'
import type {
  ArgType,
  BuiltinAggregate,
  BuiltinCast,
  BuiltinFamily,
  BuiltinFunction,
  BuiltinOperator,
  BuiltinSetFunction,
} from './registry.js'

export class BuiltinCatalog {
  readonly functions = new Map<string, BuiltinFunction[]>()
  readonly setFunctions = new Map<string, BuiltinSetFunction[]>()
  readonly aggregates = new Map<string, BuiltinAggregate<unknown>[]>()
  /** Key: operator name, then 'prefix' or 'infix'. */
  readonly operators = new Map<string, BuiltinOperator[]>()
  readonly #casts = new Map<string, BuiltinCast>()

  constructor(families: readonly BuiltinFamily[]) {
    const signatures = new Set<string>()
    const claim = (what: string, name: string, args: readonly (ArgType | undefined)[]): void => {
      const signature = `${what} ${name}(${args.map((arg) => arg ?? '-').join(',')})`
      if (signatures.has(signature)) throw new InternalError(`${signature} is declared twice`)
      signatures.add(signature)
    }
    for (const family of families) {
      for (const fn of family.functions) {
        claim('function', qualified(fn.schema, fn.name), fn.args)
        push(this.functions, qualified(fn.schema, fn.name), fn)
      }
      for (const fn of family.setFunctions) {
        claim('function', qualified(fn.schema, fn.name), fn.args)
        push(this.setFunctions, qualified(fn.schema, fn.name), fn)
      }
      for (const aggregate of family.aggregates) {
        claim('function', qualified(aggregate.schema, aggregate.name), aggregate.args)
        push(this.aggregates, qualified(aggregate.schema, aggregate.name), aggregate)
      }
      for (const operator of family.operators) {
        claim('operator', operator.name, [operator.left, operator.right])
        push(this.operators, operator.name, operator)
      }
      for (const cast of family.casts) {
        const key = castKey(cast.source, cast.target)
        if (this.#casts.has(key)) throw new InternalError(`cast ${key} is declared twice`)
        this.#casts.set(key, cast)
      }
    }
  }

  cast(source: SqlTypeKind, target: SqlTypeKind): BuiltinCast | undefined {
    return this.#casts.get(castKey(source, target))
  }

  /** Whether `name` is a function of any kind (for "is not supported yet" versus 42883). */
  hasFunctionNamed(name: string): boolean {
    return this.functions.has(name) || this.setFunctions.has(name) || this.aggregates.has(name)
  }
}

function qualified(schema: string | undefined, name: string): string {
  return schema === undefined || schema === 'pg_catalog' ? name : `${schema}.${name}`
}

function castKey(source: SqlTypeKind, target: SqlTypeKind): string {
  return `${source}>${target}`
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

let catalog: BuiltinCatalog | undefined

/** The catalog of every built-in family, built on first use. */
export function builtinCatalog(): BuiltinCatalog {
  catalog ??= new BuiltinCatalog(builtinFamilies)
  return catalog
}
