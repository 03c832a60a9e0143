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

/** Size of every page in the data file. 8 KiB, as PostgreSQL: large enough for wide rows inline,
 * small enough that a point lookup reads little. */
export const pageBytes = 8192

/** Bytes at the start of every page owned by the pager (checksum, page number, epoch, LSN);
 * the B+tree sees only the rest. */
export const pageHeaderBytes = 32

/** Highest usage count of a cached page in the buffer pool's clock sweep (PostgreSQL's
 * BM_MAX_USAGE_COUNT): a page used this often survives this many laps of the hand unused, and
 * an eviction walks at most this many laps plus one. */
export const bufferUsageCountMax = 5

/** Largest B+tree key. Interior pages must hold at least four keys with their child pointers;
 * PostgreSQL's btree has a similar bound ("index row size exceeds maximum", 54000). */
export const btreeKeyBytesMax = 1536

/** Values up to this size are stored inline in a leaf; larger ones go to overflow pages. */
export const btreeInlineValueBytesMax = 1024

/** Largest value the kernel stores (a row); 10 MB values must work, 1 GB is PostgreSQL's bound. */
export const valueBytesMax = 256 * 1024 * 1024

assert(
  4 * (btreeKeyBytesMax + 16) <= pageBytes - pageHeaderBytes,
  'an interior page holds at least four maximal keys',
)
assert(
  2 * (btreeKeyBytesMax + btreeInlineValueBytesMax + 16) <= pageBytes - pageHeaderBytes,
  'a leaf page holds at least two maximal entries',
)

/** Nominal size of a WAL segment file; a segment holds whole records, so one larger record
 * makes its segment larger. 16 MiB, as PostgreSQL's default. */
export const walSegmentBytes = 16 * 1024 * 1024

/** Largest WAL record: a maximal value plus its key and framing. */
export const walRecordBytesMax = valueBytesMax + btreeKeyBytesMax + 1024

/** WAL written since the last checkpoint that triggers the next one; bounds recovery time. */
export const checkpointWalBytes = 64 * 1024 * 1024

assert(walSegmentBytes % pageBytes === 0, 'a WAL segment holds whole pages')

/** Times one statement is re-run after waiting for a conflicting writer or taking a new
 * snapshot; beyond it the statement fails with 40001 rather than loop under contention. */
export const statementRetriesMax = 1_000

/** Autovacuum starts a pass once this many versions, plus autovacuumTreeFraction of the
 * versions in the tree, were written over an older version of their key (updates, deletes) since
 * the last pass: PostgreSQL's autovacuum_vacuum_threshold + scale_factor × rows. The base is
 * larger than PostgreSQL's 50 because one pass here walks the whole tree (every table), not one
 * relation; the fraction keeps the cost of passes proportional to the garbage they remove. */
export const autovacuumVersionsMin = 10_000

/** See autovacuumVersionsMin (PostgreSQL's autovacuum_vacuum_scale_factor, 0.2). */
export const autovacuumTreeFraction = 0.2

/** Tree entries vacuum examines per step before yielding to statements; bounds the pause a
 * vacuum step adds to a waiting statement (a few milliseconds). */
export const vacuumStepEntries = 2_000
