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
