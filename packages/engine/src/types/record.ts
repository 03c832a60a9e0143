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

  constructor(values: readonly Value[], types: readonly SqlType[]) {
    this.values = values
    this.types = types
  }
}
