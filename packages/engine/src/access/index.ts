/**
 * Access: tables and their secondary indexes as kernel key ranges. Row encoding, key layout,
 * index maintenance, and the constraint checks that need storage (NOT NULL, uniqueness). Not
 * here: SQL semantics (sql/execute/).
 * Imports: kernel, catalog, types, lib, errors. Tests: row-codec.test.ts, table-access.test.ts,
 * index-access.test.ts.
 */
export {
  buildIndex,
  columnIndexFunctions,
  describeKey,
  encodeIndexPrefix,
  type IndexRowCompiler,
  type IndexRowFunctions,
  type IndexWriter,
  indexPrefixRange,
  indexWriter,
  indexWriters,
} from './index-access.js'
export { deleteIndexEntries, indexPrefix } from './index-keys.js'
export { decodeRow, encodeRow } from './row-codec.js'
export { type Fetched, SequenceStates, sequenceLogValues } from './sequence-state.js'
export {
  checkRowConstraints,
  deleteAllRows,
  deleteRow,
  failingRowText,
  getRow,
  getRowBySuffix,
  type InsertOptions,
  insertRow,
  keyColumnOf,
  lastRowId,
  rowKey,
  rowKeySuffix,
  rowRange,
  scanKeyedRows,
  scanRows,
  tablePrefix,
  tableRange,
  updateRow,
} from './table-access.js'
export { findUniqueHolder, type KeyedRow, type UniqueArbiter } from './unique-lookup.js'
