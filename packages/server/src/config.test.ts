/**
 * Config loading: defaults, the precedence flags > environment > file > defaults, one test per
 * validation rule (each error names the key as written and its source), unknown keys, YAML
 * syntax errors, how the file is found, and that the result is frozen. Files live in a fresh
 * temporary directory per test.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { ConfigError, type ConfigFlags, type ConfigInput, loadConfig } from './config.js'

let cwd = ''

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'bkg-db-config-'))
})

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true })
})

function input(
  options: { flags?: ConfigFlags; env?: Record<string, string>; file?: string } = {},
): ConfigInput {
  if (options.file !== undefined) writeFileSync(join(cwd, 'bkg-db.yaml'), options.file)
  return { flags: options.flags ?? {}, env: options.env ?? {}, cwd }
}

function assertConfigError(action: () => unknown, message: string): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof ConfigError)
    assert.equal(error.message, message)
    return true
  })
}

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = loadConfig(input())
    assert.deepEqual(config, {
      dataDir: join(cwd, '.bkg-db'),
      configFile: undefined,
      http: { host: '127.0.0.1', port: 54321 },
      pg: { host: '127.0.0.1', port: 54322, trust: [], maxConnections: 100 },
      adminKey: undefined,
      password: undefined,
      log: { level: 'info', format: 'auto' },
      storage: {
        cacheBytes: 64 * 1024 * 1024,
        checkpointWalBytes: 64 * 1024 * 1024,
        checkpointTimeoutMs: 300_000,
      },
    })
  })

  it('reads every key from ./bkg-db.yaml', () => {
    const file = [
      'data_dir: data',
      'http: { host: 0.0.0.0, port: 8080 }',
      'pg:',
      '  host: ::1',
      '  port: 6543',
      '  trust: [127.0.0.1/32, "::1/128"]',
      '  max_connections: 20',
      'admin_key: "0123456789abcdef0123"',
      "password: 'secret'",
      'log: { level: debug, format: json }',
      'storage: { cache_bytes: 16MiB, checkpoint_wal_bytes: 1GB, checkpoint_timeout: 30s }',
    ].join('\n')
    const config = loadConfig(input({ file }))
    assert.deepEqual(config, {
      dataDir: join(cwd, 'data'),
      configFile: join(cwd, 'bkg-db.yaml'),
      http: { host: '0.0.0.0', port: 8080 },
      pg: { host: '::1', port: 6543, trust: ['127.0.0.1/32', '::1/128'], maxConnections: 20 },
      adminKey: '0123456789abcdef0123',
      password: 'secret',
      log: { level: 'debug', format: 'json' },
      storage: {
        cacheBytes: 16 * 1024 * 1024,
        checkpointWalBytes: 1024 ** 3,
        checkpointTimeoutMs: 30_000,
      },
    })
  })

  it('reads pg.trust as CIDR blocks, a comma-separated list from the environment', () => {
    const trust = (env: Record<string, string>) => loadConfig(input({ env })).pg.trust
    assert.deepEqual(trust({ BKG_DB_PG_TRUST: '10.0.0.0/8, ::1' }), ['10.0.0.0/8', '::1'])
    for (const bad of ['10.0.0.0/33', 'localhost', '1.2.3.4/x']) {
      assert.throws(
        () => trust({ BKG_DB_PG_TRUST: bad }),
        /BKG_DB_PG_TRUST \(from environment\) must be a list of CIDR blocks/,
      )
    }
  })

  it('reads pg.max_connections and refuses zero or huge values', () => {
    const max = (value: string) =>
      loadConfig(input({ env: { BKG_DB_PG_MAX_CONNECTIONS: value } })).pg.maxConnections
    assert.equal(max('5'), 5)
    for (const bad of ['0', '10001', 'many', '-3']) {
      assert.throws(
        () => max(bad),
        /BKG_DB_PG_MAX_CONNECTIONS \(from environment\) must be an integer from 1 to 10000/,
      )
    }
  })

  it('reads the checkpoint settings with their units and refuses out-of-range ones', () => {
    const storage = (env: Record<string, string>) => loadConfig(input({ env })).storage
    assert.equal(storage({ BKG_DB_CHECKPOINT_WAL_BYTES: '64kB' }).checkpointWalBytes, 65536)
    assert.equal(storage({ BKG_DB_CHECKPOINT_TIMEOUT: '250ms' }).checkpointTimeoutMs, 250)
    assert.equal(storage({ BKG_DB_CHECKPOINT_TIMEOUT: '5min' }).checkpointTimeoutMs, 300_000)
    assert.equal(storage({ BKG_DB_CHECKPOINT_TIMEOUT: '2h' }).checkpointTimeoutMs, 7_200_000)
    assert.equal(storage({ BKG_DB_CHECKPOINT_TIMEOUT: '45' }).checkpointTimeoutMs, 45_000)
    for (const bad of ['1kB', '64 apples', '-1']) {
      assert.throws(
        () => storage({ BKG_DB_CHECKPOINT_WAL_BYTES: bad }),
        /BKG_DB_CHECKPOINT_WAL_BYTES \(from environment\) must be a size from 65536 bytes/,
      )
    }
    for (const bad of ['10ms', '2d', '25h', 'soon', '0']) {
      assert.throws(
        () => storage({ BKG_DB_CHECKPOINT_TIMEOUT: bad }),
        /BKG_DB_CHECKPOINT_TIMEOUT \(from environment\) must be a duration from 100ms to 24h/,
      )
    }
  })

  it('reads storage.cache_bytes as a byte size and refuses tiny or malformed ones', () => {
    assert.equal(
      loadConfig(input({ env: { BKG_DB_CACHE_BYTES: '1GB' } })).storage.cacheBytes,
      1024 ** 3,
    )
    assert.equal(
      loadConfig(input({ env: { BKG_DB_CACHE_BYTES: '2097152' } })).storage.cacheBytes,
      2097152,
    )
    assert.throws(
      () => loadConfig(input({ env: { BKG_DB_CACHE_BYTES: '12 parsecs' } })),
      /BKG_DB_CACHE_BYTES/,
    )
    assert.throws(
      () => loadConfig(input({ env: { BKG_DB_CACHE_BYTES: '1024' } })),
      /storage.cache_bytes|BKG_DB_CACHE_BYTES/,
    )
  })

  it('ranks flags over the environment over the file over defaults', () => {
    const file =
      'http: { port: 1001 }\npg: { port: 2001 }\ndata_dir: from-file\nlog: { level: warn }'
    const env = { BKG_DB_HTTP_PORT: '1002', BKG_DB_PG_PORT: '2002', BKG_DB_LOG_LEVEL: 'error' }
    const config = loadConfig(input({ file, env, flags: { httpPort: '1003' } }))
    assert.equal(config.http.port, 1003)
    assert.equal(config.pg.port, 2002)
    assert.equal(config.dataDir, join(cwd, 'from-file'))
    assert.equal(config.log.level, 'error')
    assert.equal(config.log.format, 'auto')
  })

  it('sets both hosts from --host and BKG_DB_HOST', () => {
    const fromEnv = loadConfig(input({ env: { BKG_DB_HOST: '0.0.0.0' } }))
    assert.deepEqual([fromEnv.http.host, fromEnv.pg.host], ['0.0.0.0', '0.0.0.0'])
    const fromFlag = loadConfig(input({ env: { BKG_DB_HOST: '0.0.0.0' }, flags: { host: '::' } }))
    assert.deepEqual([fromFlag.http.host, fromFlag.pg.host], ['::', '::'])
  })

  it('treats empty environment variables as unset', () => {
    const config = loadConfig(input({ env: { BKG_DB_HTTP_PORT: '', BKG_DB_PASSWORD: '' } }))
    assert.equal(config.http.port, 54321)
    assert.equal(config.password, undefined)
  })

  it('accepts port 0, which picks a free port', () => {
    assert.equal(loadConfig(input({ flags: { pgPort: '0' } })).pg.port, 0)
  })

  it('resolves paths from the file against its directory, others against the working directory', () => {
    const elsewhere = join(cwd, 'conf')
    rmSync(elsewhere, { recursive: true, force: true })
    const configPath = join(cwd, 'other.yaml')
    writeFileSync(configPath, 'data_dir: ./d\n')
    assert.equal(loadConfig(input({ flags: { config: configPath } })).dataDir, join(cwd, 'd'))
    const fromFlag = loadConfig(input({ flags: { config: configPath, dataDir: 'x' } }))
    assert.equal(fromFlag.dataDir, join(cwd, 'x'))
  })

  it('finds the file through --config, then BKG_DB_CONFIG, then ./bkg-db.yaml', () => {
    writeFileSync(join(cwd, 'a.yaml'), 'http: { port: 1 }\n')
    writeFileSync(join(cwd, 'b.yaml'), 'http: { port: 2 }\n')
    writeFileSync(join(cwd, 'bkg-db.yaml'), 'http: { port: 3 }\n')
    const env = { BKG_DB_CONFIG: 'b.yaml' }
    assert.equal(loadConfig(input({ env, flags: { config: 'a.yaml' } })).http.port, 1)
    assert.equal(loadConfig(input({ env })).http.port, 2)
    assert.equal(loadConfig(input()).http.port, 3)
  })

  it('treats an empty file as no settings', () => {
    assert.equal(loadConfig(input({ file: '# nothing yet\n' })).http.port, 54321)
  })

  it('freezes the result, nested parts included', () => {
    const config = loadConfig(input())
    assert.ok(Object.isFrozen(config))
    assert.ok(Object.isFrozen(config.http))
    assert.ok(Object.isFrozen(config.log))
  })
})

describe('loadConfig errors', () => {
  const portRule = 'must be an integer from 0 to 65535 (0 picks a free port)'

  it('names a bad port from the file, the environment or a flag as the user wrote it', () => {
    assertConfigError(
      () => loadConfig(input({ file: 'http:\n  port: abc\n' })),
      `config error: http.port (from bkg-db.yaml) ${portRule}, got "abc"`,
    )
    assertConfigError(
      () => loadConfig(input({ file: 'pg: { port: 70000 }' })),
      `config error: pg.port (from bkg-db.yaml) ${portRule}, got 70000`,
    )
    assertConfigError(
      () => loadConfig(input({ env: { BKG_DB_PG_PORT: '-1' } })),
      `config error: BKG_DB_PG_PORT (from environment) ${portRule}, got "-1"`,
    )
    assertConfigError(
      () => loadConfig(input({ flags: { httpPort: '1.5' } })),
      `config error: --http-port (from command line) ${portRule}, got "1.5"`,
    )
  })

  it('rejects a bad host, data directory, log level and log format', () => {
    assertConfigError(
      () => loadConfig(input({ flags: { host: 'a b' } })),
      'config error: --host (from command line) must be a host name or IP address, got "a b"',
    )
    assertConfigError(
      () => loadConfig(input({ env: { BKG_DB_LOG_LEVEL: 'verbose' } })),
      'config error: BKG_DB_LOG_LEVEL (from environment) must be one of debug, info, warn, error, got "verbose"',
    )
    assertConfigError(
      () => loadConfig(input({ file: 'log: { format: xml }' })),
      'config error: log.format (from bkg-db.yaml) must be one of json, pretty, auto, got "xml"',
    )
    assertConfigError(
      () => loadConfig(input({ file: 'data_dir: ""' })),
      'config error: data_dir (from bkg-db.yaml) must be a non-empty string, got ""',
    )
  })

  it('rejects a short admin key and a non-string password without echoing secrets', () => {
    assertConfigError(
      () => loadConfig(input({ env: { BKG_DB_ADMIN_KEY: 'tooshort' } })),
      'config error: BKG_DB_ADMIN_KEY (from environment) must be a string of at least 16 ' +
        'characters without spaces, got a string of 8 characters',
    )
    assertConfigError(
      () => loadConfig(input({ file: 'password: 1234' })),
      'config error: password (from bkg-db.yaml) must be a non-empty string (quote it in YAML), got 1234',
    )
  })

  it('rejects unknown keys, top-level and nested', () => {
    const known =
      'known keys: data_dir, http.host, http.port, pg.host, pg.port, pg.trust, pg.max_connections, admin_key, password, log.level, log.format, storage.cache_bytes, storage.checkpoint_wal_bytes, storage.checkpoint_timeout'
    assertConfigError(
      () => loadConfig(input({ file: 'htp:\n  port: 1\n' })),
      `config error: htp (from bkg-db.yaml) is not a known key; ${known}`,
    )
    assertConfigError(
      () => loadConfig(input({ file: 'http:\n  prot: 1\n' })),
      `config error: http.prot (from bkg-db.yaml) is not a known key; ${known}`,
    )
  })

  it('rejects a section that is not a mapping, and a file that is not one', () => {
    assertConfigError(
      () => loadConfig(input({ file: 'http: 8080' })),
      'config error: http (from bkg-db.yaml) must be a mapping, got 8080',
    )
    assertConfigError(
      () => loadConfig(input({ file: '- a\n- b\n' })),
      'config error: bkg-db.yaml must hold a mapping of keys (such as http:), got ["a","b"]',
    )
  })

  it('reports YAML syntax errors with the file and the line', () => {
    assert.throws(
      () => loadConfig(input({ file: 'http:\n  port: [1\n' })),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(
          error.message,
          /^config error: cannot parse bkg-db\.yaml: .* at line \d+, column \d+/,
        )
        return true
      },
    )
    assert.throws(
      () => loadConfig(input({ file: 'pg: { port: 1 }\npg: { port: 2 }\n' })),
      /config error: cannot parse bkg-db\.yaml: Map keys must be unique/,
    )
  })

  it('requires a file named explicitly to exist', () => {
    assertConfigError(
      () => loadConfig(input({ flags: { config: 'missing.yaml' } })),
      'config error: config file missing.yaml (from --config) does not exist',
    )
    assertConfigError(
      () => loadConfig(input({ env: { BKG_DB_CONFIG: 'gone.yaml' } })),
      'config error: config file gone.yaml (from BKG_DB_CONFIG) does not exist',
    )
  })
})
