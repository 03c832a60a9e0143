/**
 * SQL types and values: identity (OIDs, names), text input and output, comparison.
 * Not here: operators and casts between types (sql/functions/).
 * Imports: lib, errors. Tests: types.test.ts.
 */
export { compareText, compareValues } from './compare.js'
export {
  findTypeByName,
  findTypeByOid,
  getTypeByName,
  isIntegerType,
  type SqlType,
  type SqlTypeKind,
  sqlTypes,
} from './sql-type.js'
export { formatValueText } from './text-format.js'
export { checkIntegerRange, parseValueText } from './text-input.js'
export { type TypeOid, typeOids } from './type-oids.js'
export type { ParameterValue, Row, Value } from './value.js'
