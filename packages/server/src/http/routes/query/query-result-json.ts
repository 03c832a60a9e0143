/**
 * The JSON of a successful POST /query: the last statement's result at the top level, and every
 * statement's result under `results` when there were several.
 *
 *   { "columns": [{ "name": "id", "type": "int4", "typeOid": 23 }],
 *     "rows": [[1], [2]], "command": "SELECT", "rowCount": 2 }
 *
 * Statements that return no rows (CREATE TABLE) have empty `columns` and `rows`; `rowCount` is
 * null for commands that count nothing; input holding only comments gives `command` null.
 * Values: int8 (bigint) and numeric become exact JSON numbers; float NaN and ±Infinity, which
 * JSON lacks, become the strings "NaN", "Infinity", "-Infinity" (as PostgreSQL's to_json does);
 * booleans, strings and null stay as they are.
 */
import { type ColumnDescription, type StatementResult, typeOids, type Value } from '@bkg-db/engine'
import { JsonNumberText, type JsonObject, type JsonValue } from '../../stringify-json.js'

const typeNamesByOid: ReadonlyMap<number, string> = new Map(
  Object.entries(typeOids).map(([name, oid]) => [oid, name]),
)

/** The pg_type name of `typeOid` (`int4`), or `oid:<n>` for a type this table does not know. */
export function typeNameOf(typeOid: number): string {
  return typeNamesByOid.get(typeOid) ?? `oid:${typeOid}`
}

export function encodeQueryResults(results: readonly StatementResult[]): JsonObject {
  const encoded = results.map(encodeStatementResult)
  const last = encoded.at(-1) ?? { columns: [], rows: [], command: null, rowCount: null }
  return encoded.length > 1 ? { ...last, results: encoded } : last
}

function encodeStatementResult(result: StatementResult): JsonObject {
  const columns = result.columns ?? []
  return {
    columns: columns.map((column) => ({
      name: column.name,
      type: typeNameOf(column.typeOid),
      typeOid: column.typeOid,
    })),
    rows: result.rows.map((row) => row.map((value, index) => encodeValue(value, columns[index]))),
    command: result.command,
    rowCount: result.rowCount ?? null,
  }
}

export function encodeValue(value: Value, column: ColumnDescription | undefined): JsonValue {
  if (value === null) return null
  switch (typeof value) {
    case 'boolean':
    case 'bigint':
      return value
    case 'number':
      if (Number.isFinite(value)) return value
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
    case 'string':
      if (column?.typeOid === typeOids.numeric) return JsonNumberText.parse(value) ?? value
      return value
    default:
      throw new TypeError(`no JSON form yet for a ${value.constructor.name} value`)
  }
}
