/**
 * Every limit of the engine, with its reason. Named `<noun><Unit>Max`. Relationships between
 * limits are asserted at load, so a bad edit fails at startup, not in production.
 */
import { assert } from './lib/assert.js'

/** Largest SQL text accepted; bounds parser memory and time per statement string. */
export const statementBytesMax = 16 * 1024 * 1024

/** Most statements in one `;`-separated string; bounds the work one simple query can queue. */
export const statementsPerQueryMax = 10_000

/** Deepest expression nesting the binder follows (PostgreSQL's max_stack_depth analogue, 54001). */
export const expressionDepthMax = 1_000

/** Most columns in a table, as in PostgreSQL (MaxHeapAttributeNumber). */
export const tableColumnsMax = 1_600

/** Longest identifier; longer names are truncated, as PostgreSQL does (NAMEDATALEN - 1). */
export const identifierBytesMax = 63

/** Most `$n` parameters in one statement; the protocol's Bind message carries an int16 count. */
export const parametersMax = 65_535

/** Largest value of one text field; PostgreSQL's varlena limit is 1 GB, ours is lower because
 * rows are materialised in memory until the storage kernel pages them. */
export const textBytesMax = 256 * 1024 * 1024

/** Most rows one VALUES list may hold; bounds binder memory for a single INSERT. */
export const valuesRowsMax = 1_000_000

assert(statementsPerQueryMax < statementBytesMax, 'each statement needs at least one byte')
assert(identifierBytesMax === 63, 'identifiers truncate exactly like PostgreSQL')

/** Statement strings whose parse trees are cached per database (LRU); bounds cache memory
 * together with `parseCacheStatementBytesMax`. */
export const parseCacheEntriesMax = 512

/** Longest statement string that is cached; longer strings (bulk INSERTs) are rarely repeated. */
export const parseCacheStatementBytesMax = 8 * 1024
