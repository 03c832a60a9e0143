/**
 * Row values (`ROW(1, 'a')`, a whole-row reference `t`, a composite result): the field values
 * with their types, so the value can be printed and compared without its static type, which
 * for an anonymous record is just `record`.
 */
import type { SqlType } from './sql-type.js'
import type { Value } from './value.js'

export class SqlRecord {
  readonly values: readonly Value[]
  readonly types: readonly SqlType[]
  /** Field names when known (a whole-row reference, a typed composite); an anonymous ROW(...)
   * has none and its fields print as f1, f2, ... (row_to_json, to_jsonb). */
  readonly names: readonly string[] | undefined

  constructor(values: readonly Value[], types: readonly SqlType[], names?: readonly string[]) {
    this.values = values
    this.types = types
    this.names = names
  }

  /** The name of field `index` (0-based): its given name, or f<n> as PostgreSQL names the
   * fields of an anonymous record. */
  fieldName(index: number): string {
    return this.names?.[index] ?? `f${index + 1}`
  }
}
