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

/** Views expanded inside one another in one statement: a view over a view over ... is bound
 * recursively, so this bounds the binder's stack (a cycle is caught before, as 42P17). */
export const viewNestingMax = 100

/** Roles a database may hold; membership checks walk the roles, so this bounds them. */
export const rolesMax = 100_000

/** SQL functions running inside one another (recursion included): each level is a JavaScript
 * call chain through binder, planner and executor, so this bounds the stack, failing with
 * PostgreSQL's 54001 "stack depth limit exceeded" before Node's own stack runs out. */
export const routineCallDepthMax = 64

/** Longest identifier; longer names are truncated, as PostgreSQL does (NAMEDATALEN - 1). */
export const identifierBytesMax = 63
/** Names tried for an implicitly created object (`t_id_seq`, `t_id_seq1`, ...) before giving
 * up: bounds the search when many similar names exist. */
export const nameAttemptsMax = 10_000

/** Most `$n` parameters in one statement; the protocol's Bind message carries an int16 count. */
export const parametersMax = 65_535

/** Largest value of one text field; PostgreSQL's varlena limit is 1 GB, ours is lower because
 * rows are materialised in memory until the storage kernel pages them. */
export const textBytesMax = 256 * 1024 * 1024

/** Deepest nesting of arrays and objects in JSON text read by json and jsonb (input, casts,
 * json functions); deeper text is 54001 "stack depth limit exceeded". PostgreSQL's recursive
 * parser runs out of its 2 MB default stack at about 14,500 levels. Ours is iterative, as is
 * every walk over JSON values, so the bound only keeps absurd input out (values built deeper
 * by functions still print, compare and index). */
export const jsonDepthMax = 6_400

/** Most decimal digits the numbers of one jsonb value may expand to when parsed. '1e131071' is
 * 8 characters of JSON but a 131,072-digit numeric (PostgreSQL stores it in a few bytes; our
 * Numeric holds every digit), so a short text could otherwise claim gigabytes. The jsonb must
 * still print within a text value, hence the same bound. */
export const jsonNumberDigitsMax = textBytesMax

/** Most rows one VALUES list may hold; bounds binder memory for a single INSERT. */
export const valuesRowsMax = 1_000_000

/** Rows one executor step may hold in memory (sort, hash join build side, hash aggregate
 * groups, DISTINCT, set operations); beyond it the statement fails with 54000 instead of
 * exhausting the process's memory. Spilling to disk is future work. */
export const operatorRowsMax = 5_000_000

/** Rows a WITH RECURSIVE query may produce before it is taken for a runaway recursion (54000). */
export const recursiveRowsMax = 10_000_000

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

/** Pages per slab of page memory (kernel/pager/page-buffers.ts): one off-heap allocation of
 * 256 KiB instead of 32 of 8 KiB, which V8's external memory accounting makes expensive. */
export const pageBufferSlabPages = 32

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

/** Smallest checkpoint trigger a database accepts (tests use small ones to checkpoint often). */
export const checkpointWalBytesMin = 64 * 1024

assert(walSegmentBytes % pageBytes === 0, 'a WAL segment holds whole pages')

/** WAL appended but not yet written to its segment file beyond which the writer writes it out
 * (without fsync: records of a running transaction may reach the disk early, recovery ignores a
 * transaction without a commit record). Bounds the writer's memory whatever a transaction's
 * size; large enough that a bulk load writes in few, large system calls. */
export const walPendingBytesMax = 2 * 1024 * 1024

/** Size of the buffers the WAL writer appends records into (a larger record gets its own). */
export const walChunkBytes = 256 * 1024

/** WAL growth between two checks of the checkpoint trigger while records are appended, so that
 * one long transaction cannot grow the log past `checkpointWalBytes` unchecked. */
export const checkpointCheckBytes = 1024 * 1024

/** Bytes read from a WAL segment at a time during recovery (a larger record is read whole), so
 * recovery's memory does not depend on the size of the log. */
export const walReadBytes = 1024 * 1024

assert(walChunkBytes <= walPendingBytesMax, 'a full chunk is written out')
assert(checkpointCheckBytes < checkpointWalBytes, 'the trigger is checked before it is passed')

/** Versions a rollback undoes one by one (logging a deletion for each); a transaction that wrote
 * more is marked aborted instead and its versions are left for vacuum, as PostgreSQL does. */
export const rollbackUndoVersionsMax = 1_000

/** Aborted transactions with versions left (in the checkpoint's meta page until vacuum removes
 * them) beyond which a rollback undoes its versions one by one whatever their number: bounds the
 * list well inside the meta page (about 1,000 ids share it with running transactions). */
export const abortedWithVersionsMax = 100

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

/** numeric: most decimal digits before the decimal point (PostgreSQL's NUMERIC_WEIGHT_MAX of
 * 32767 base-10000 digits), and most after it (NUMERIC_DSCALE_MAX); beyond either a value is
 * 22003 "value overflows numeric format". */
export const numericIntegerDigitsMax = 131_072
export const numericScaleMax = 16_383

/** numeric: most digits a numeric(p,s) typmod may declare (NUMERIC_MAX_PRECISION); also the
 * largest display scale division, sqrt, exp, ln and power choose (NUMERIC_MAX_DISPLAY_SCALE). */
export const numericPrecisionMax = 1_000

/** numeric input: exponents of this magnitude or more are 22003 at once (INT32_MAX / 2). */
export const numericInputExponentMax = 1_073_741_823

/** factorial(n): the largest n whose result fits numeric's 131072 integer digits. */
export const factorialArgumentMax = 32_177

/** Most dimensions of an array, as PostgreSQL's MAXDIM (54000 beyond it). */
export const arrayDimensionsMax = 6

/** Most elements of one array (54000 "array size exceeds the maximum allowed"). PostgreSQL
 * allows 134,217,727 (1 GB of pointers); ours is lower because arrays live in JavaScript arrays
 * in memory, eight or more bytes per element. */
export const arrayElementsMax = 16 * 1024 * 1024

/** Bound statements (and their optimized plans) cached per catalog version and session binding
 * state (LRU): a repeated statement skips binding and planning, which otherwise cost more than
 * running a point query. Bounded so a client generating endless distinct SQL cannot grow it. */
export const planCacheEntriesMax = 512

/** Row events one statement's foreign keys may queue (each changed row, and each row a CASCADE,
 * SET NULL or SET DEFAULT action changes in turn): bounds the work and memory of cascades through
 * long reference chains or cycles (54000 beyond it). */
export const foreignKeyEventsMax = 1_000_000

/** Checks of DEFERRABLE foreign keys one transaction may defer to its commit (each holds one
 * row's key values in memory): 54000 beyond it. */
export const deferredChecksMax = 1_000_000

/** Policy notations (policy/): most policy documents or DBAL ACL rules compiled at once, and the
 * longest SQL expression one may carry. Each document is validated by binding statements, so
 * both bound the work one compile request can cause (54000 beyond them). */
export const policyDocumentsMax = 10_000
export const policyExpressionBytesMax = 64 * 1024

/** COPY: the longest line (text, CSV: a record, quoted newlines included) or binary tuple it
 * reads, and the most fields a line may split into (54000 beyond them); input is held only up to
 * the end of the line being read, so this bounds COPY FROM's buffering whatever the client sends. */
export const copyLineBytesMax = 64 * 1024 * 1024
export const copyFieldsMax = 1600

/** COPY TO: bytes of output gathered before they are handed to the client (one CopyData). */
export const copyOutChunkBytes = 64 * 1024

/** COPY FROM: rows stored between checks for cancellation and statement_timeout, and between
 * yields to the event loop. */
export const copyRowsPerBatch = 1000
