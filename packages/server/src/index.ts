/**
 * @bkg-db/server: the network faces of bkg-db (pgwire, HTTP) around one engine Database, and
 * the `bkg-db` command (cli/). Embedding it: build a Config with loadConfig (or by hand), then
 * startServer(config, { logger, metrics }) and close() the result when done.
 *
 * Not here: SQL (the engine), the typed HTTP client (packages/client, later).
 *
 * Invariants:
 *   1. Config is read once (config.ts), frozen, and passed down; nothing reads process.env or
 *      the config file elsewhere.
 *   2. One Logger and one MetricsRegistry, created by main.ts (or the embedder), reach every
 *      component explicitly; only telemetry/ and cli/ write to the console.
 *   3. Errors leave through the edges only: pgwire sends ErrorResponse, HTTP sends JSON with
 *      a status from errors/http-status.ts, the command prints one line and exits 1 or 2.
 * Imports: @bkg-db/engine, hono, @hono/node-server, yaml.
 * Tests: beside the code (*.test.ts) and tests/e2e/ (the built command with real clients).
 */
export {
  type Config,
  ConfigError,
  type ConfigFlags,
  type ConfigInput,
  loadConfig,
} from './config.js'
export {
  type CredentialSource,
  type Credentials,
  loadCredentials,
  secretEquals,
} from './credentials.js'
export { ApiError, httpStatusForSqlState, ListenError } from './errors/index.js'
export { type AppOptions, createApp, Health } from './http/index.js'
export {
  type RunningServer,
  type RunOptions,
  runServer,
  startServer,
  type Telemetry,
} from './main.js'
export {
  JsonLogger,
  type Logger,
  type MetricsRegistry,
  PrometheusRegistry,
} from './telemetry/index.js'
