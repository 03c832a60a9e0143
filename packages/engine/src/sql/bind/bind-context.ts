/**
 * State shared while binding one statement: the catalog it reads, its source text (for error
 * positions), the types inferred for `$n` parameters, and the expression depth guard.
 */
import type { Catalog } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { expressionDepthMax, parametersMax } from '../../limits.js'
import type { SqlType } from '../../types/index.js'
import type { SourceText } from '../parse/index.js'

export class BindContext {
  readonly catalog: Catalog
  readonly source: SourceText
  /** Types fixed by the caller (a prepared statement's declared types, or supplied values). */
  readonly #parameterTypes: (SqlType | undefined)[] = []
  #depth = 0

  constructor(catalog: Catalog, source: SourceText) {
    this.catalog = catalog
    this.source = source
  }

  position(location: number | undefined): number | undefined {
    return this.source.positionAt(location)
  }

  /** Registers a use of `$number` (1-based) and returns its 0-based index. */
  useParameter(number: number, location: number | undefined): number {
    if (number < 1 || number > parametersMax) {
      const position = this.position(location)
      throw new SqlError(
        SqlState.undefinedParameter,
        `there is no parameter $${number}`,
        position === undefined ? {} : { position },
      )
    }
    while (this.#parameterTypes.length < number) this.#parameterTypes.push(undefined)
    return number - 1
  }

  parameterType(index: number): SqlType | undefined {
    return this.#parameterTypes[index]
  }

  /** Fixes the type of a parameter; a different type for the same parameter is 42P08. */
  setParameterType(index: number, type: SqlType, location: number | undefined): void {
    const existing = this.#parameterTypes[index]
    if (existing !== undefined && existing.kind !== type.kind) {
      const position = this.position(location)
      throw new SqlError(
        SqlState.ambiguousParameter,
        `inconsistent types deduced for parameter $${index + 1}`,
        {
          detail: `${existing.displayName} versus ${type.displayName}`,
          ...(position === undefined ? {} : { position }),
        },
      )
    }
    this.#parameterTypes[index] = type
  }

  /** Parameter types with unconstrained ones resolved to `fallback` (text, as PostgreSQL). */
  parameterTypes(fallback: SqlType): SqlType[] {
    return this.#parameterTypes.map((type) => type ?? fallback)
  }

  /** Runs `bind` one level deeper, refusing expressions nested beyond the limit (54001). */
  nested<T>(bind: () => T): T {
    if (this.#depth >= expressionDepthMax) {
      throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
        hint: `Expressions may nest at most ${expressionDepthMax} levels.`,
      })
    }
    this.#depth++
    try {
      return bind()
    } finally {
      this.#depth--
    }
  }
}
