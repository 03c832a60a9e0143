/**
 * HTTP face: the hono app (routes, middleware, JSON encoding) and the Health state it reports.
 *
 * Not here: listening on a socket (main.ts), SQL semantics (the engine), the REST grammar
 * (rest/, later). Route handlers are thin: decode the request, call the engine or a domain
 * module, encode the answer.
 *
 * Invariants:
 *   1. Every response body is JSON from stringifyJson (int8 exact), except /metrics.
 *   2. Every error leaves as `{ code, message, details?, hint? }`: a BKG code for API problems
 *      (errors/api-error.ts), the SQLSTATE for SQL errors with the status from one table
 *      (errors/http-status.ts).
 *   3. Metrics label requests with route patterns, never raw paths.
 *   4. Each /query request gets its own engine Session, closed before the response is sent.
 * Imports: @bkg-db/engine, errors/, telemetry/, credentials.ts, limits.ts.
 * Tests: app.test.ts (app.request() against an engine double and the real engine).
 */
export { type AppOptions, createApp } from './app.js'
export {
  type CheckName,
  type CheckStatus,
  Health,
  type HealthPhase,
  type HealthReport,
} from './health.js'
