/**
 * Access: tables as kernel key ranges. Row encoding, key layout, and the constraint checks that
 * need storage (NOT NULL, primary key uniqueness). Not here: SQL semantics (sql/execute/).
 * Imports: kernel, catalog, types, lib, errors. Tests: row-codec.test.ts, table-access.test.ts.
 */
export { deleteIndexEntries, indexPrefix } from './index-keys.js'
export { decodeRow, encodeRow } from './row-codec.js'
export { type Fetched, SequenceStates, sequenceLogValues } from './sequence-state.js'
export {
  deleteAllRows,
  getRow,
  type InsertOptions,
  insertRow,
  keyColumnOf,
  lastRowId,
  rowKey,
  rowRange,
  scanKeyedRows,
  scanRows,
  tablePrefix,
  tableRange,
  updateRow,
} from './table-access.js'
