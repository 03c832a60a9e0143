/**
 * Every limit of the server, with its reason. Limits bound memory and time per client so one
 * client cannot exhaust the process. Engine limits live in @bkg-db/engine's limits.ts.
 */

/** Largest startup packet accepted; PostgreSQL uses the same bound (MAX_STARTUP_PACKET_LENGTH). */
export const pgStartupPacketBytesMax = 10_000

/** Largest regular pgwire message; a declared length beyond it closes the connection before
 * anything is allocated. Large enough for a 16 MiB statement or bound parameter. */
export const pgMessageBytesMax = 64 * 1024 * 1024

/** Largest HTTP request body (JSON) accepted by /query. */
export const httpBodyBytesMax = 8 * 1024 * 1024

/** How long shutdown waits for in-flight work before closing connections anyway. */
export const shutdownGraceMs = 10_000

if (pgStartupPacketBytesMax >= pgMessageBytesMax) {
  throw new Error('limits: a startup packet must be smaller than the largest message')
}

/** Unhandled client input buffered while a query runs before the socket is paused, so a client
 * that pipelines faster than queries finish cannot grow the buffer without bound. An incomplete
 * message may still be buffered whole (up to pgMessageBytesMax): it must be read to progress. */
export const pgReceiveBufferBytesMax = 1024 * 1024

/** Output gathered into one socket write; after each such write the connection waits for
 * 'drain' when the socket's buffer is full, so a client that stops reading holds about this
 * much (plus one row) of server memory. */
export const pgSendBufferBytesMax = 64 * 1024

/** Largest PasswordMessage, read before the client is authenticated, so an anonymous client
 * cannot make the server buffer a full-size message (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH). */
export const pgPasswordMessageBytesMax = 65_535

/** pgwire connections served at once when pg.max_connections is not set (PostgreSQL's
 * max_connections default); each holds a socket, buffers and possibly a session. */
export const pgMaxConnectionsDefault = 100

/** Largest pg.max_connections accepted: beyond it file descriptors run out first. */
export const pgMaxConnectionsMax = 10_000

/** Delay before answering a client's first failed password check; doubled per further recent
 * failure from the same address (auth-throttle.ts). */
export const pgAuthFailureDelayMsDefault = 100

/** Longest delay before answering a failed password check (below the authentication timeout). */
export const pgAuthFailureDelayMsMax = 5_000

/** Client addresses whose recent authentication failures are remembered; the least recently
 * failing are forgotten first, so many addresses cannot grow memory. */
export const pgAuthThrottleAddressesMax = 10_000

/** An address's failures count as recent for this long after its last one. */
export const pgAuthThrottleWindowMs = 60_000

/** How long a connection the server ended (Terminate, FATAL) waits for the client to close its
 * side before the socket is destroyed; the client has been told, so this only frees the socket. */
export const pgCloseLingerMs = 5_000

/** Time a new connection has to finish the startup packet and authentication (PostgreSQL's
 * authentication_timeout); bounds the connections a silent client can hold open. */
export const pgAuthenticationTimeoutMs = 60_000

if (pgPasswordMessageBytesMax >= pgMessageBytesMax) {
  throw new Error('limits: a password message must be smaller than the largest message')
}
if (pgReceiveBufferBytesMax >= pgMessageBytesMax) {
  throw new Error('limits: the receive buffer pause point must be below the largest message')
}

/** Largest config file read; a config file is a few hundred bytes, anything near this is a
 * wrong path (a log or a database file passed to --config). */
export const configFileBytesMax = 1024 * 1024

/** Smallest buffer pool budget accepted: the pager needs a few dozen pages for one operation. */
export const cacheBytesMin = 1024 * 1024

/** Buffer pool budget when storage.cache_bytes is not set. */
export const defaultCacheBytes = 64 * 1024 * 1024

/** storage.checkpoint_wal_bytes: the engine's default trigger and its smallest accepted one
 * (small triggers are for tests that want checkpoints under load). */
export const defaultCheckpointWalBytes = 64 * 1024 * 1024
export const checkpointWalBytesMin = 64 * 1024

/** storage.checkpoint_timeout: PostgreSQL's default 5 minutes; shorter than PostgreSQL's 30 s
 * minimum is allowed so crash tests can checkpoint within a second of load. */
export const defaultCheckpointTimeoutMs = 5 * 60 * 1000
export const checkpointTimeoutMsMin = 100
export const checkpointTimeoutMsMax = 24 * 3_600_000

/** Largest policy or schema file `bkg-db policy compile` reads (the engine bounds the documents
 * and expressions in it; this bounds the memory of reading and parsing the file). */
export const policyFileBytesMax = 16 * 1024 * 1024
