/**
 * pgwire: PostgreSQL's frontend/backend protocol, version 3.0, in front of one engine Database.
 * psql, node-postgres, postgres.js and other drivers connect over TCP, authenticate with a
 * password, and run SQL through the simple or the extended query protocol (text and binary
 * formats); each connection is one engine Session.
 *
 * Not here (yet): TLS (SSLRequest is refused with 'N'), SCRAM (cleartext password only), COPY,
 * function calls and CancelRequest (TODO(#6)). Not here ever: SQL itself, which is the engine's;
 * roles and passwords, which `authenticate` checks.
 *
 * Invariants:
 *   1. Messages of one connection are handled strictly in order, one at a time; a message's
 *      replies are queued before the next one is read, and reach the socket with ReadyForQuery,
 *      at Flush, or whenever a batch of rows fills (connection.ts, extended-query.ts).
 *   2. No declared message length above the limits is buffered: the length is checked before
 *      the body is awaited (codec/message-reader.ts). Input is paused while a query runs once
 *      pgReceiveBufferBytesMax is buffered; output waits for 'drain' (socket-output.ts).
 *   3. Nothing is written to a closed socket, and a Session is closed exactly once: when the
 *      connection ends, or, if its query is still running, when that query finishes.
 *   4. Protocol and authentication failures end only their own connection: FATAL ErrorResponse,
 *      then close. No client input can throw out of a socket callback.
 *   5. close() ends idle connections at once and busy ones after their query, each with FATAL
 *      57P01, and destroys the rest after the grace period.
 * Imports: @bkg-db/engine, ../limits.js, ../telemetry (interfaces), node:net, node:crypto.
 * Tests: codec/*.test.ts (framing and messages), simple-query.test.ts (output backpressure),
 * extended-query.test.ts (the extended protocol on the real engine, message by message),
 * value-codec.test.ts (binary formats against PostgreSQL's bytes), startup-negotiation.test.ts,
 * pg-server.test.ts (pg, psql and a raw byte client against a test double),
 * pg-server-engine.test.ts (against the real engine); scram.test.ts, pg-server-auth.test.ts
 * (SCRAM-SHA-256, pg.trust, throttling); pg-server-cancel.test.ts (CancelRequest);
 * pg-server-limits.test.ts (max_connections, timeouts, dropped clients); protocol-fuzz.test.ts; tests/e2e/node-postgres-extended.test.ts
 * and tests/e2e/postgres-js.test.ts (the drivers against bkg-db and PostgreSQL side by side).
 */
export type { PgServer, PgServerOptions } from './pg-server.js'
export { bootstrapLogin, startPgServer } from './pg-server.js'
export { isCidr } from './trust.js'
