/**
 * Startup negotiation: the run-time settings a StartupMessage asks for, from its parameters and
 * from the `options` switches (`-c name=value`, `--name=value`, backslash escapes), and
 * PostgreSQL's FATAL error for a switch it does not take.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SqlError } from '@bkg-db/engine'
import type { StartupMessage } from './codec/index.js'
import { negotiateStartup, parseOptionsSwitches } from './startup-negotiation.js'

function startup(parameters: Record<string, string>): StartupMessage {
  return {
    kind: 'StartupMessage',
    minorVersion: 0,
    parameters: new Map(Object.entries(parameters)),
  }
}

describe('startup settings', () => {
  it('reads -c and -- switches, with backslash escapes', () => {
    assert.deepEqual(
      parseOptionsSwitches('-c search_path=app  --DateStyle=SQL,\\ DMY -cTimeZone=UTC'),
      [
        ['search_path', 'app'],
        ['DateStyle', 'SQL, DMY'],
        ['TimeZone', 'UTC'],
      ],
    )
    assert.deepEqual(parseOptionsSwitches('--statement-timeout=5s'), [['statement_timeout', '5s']])
    assert.deepEqual(parseOptionsSwitches('  '), [])
  })

  it('refuses other switches with FATAL 42601, as PostgreSQL does', () => {
    for (const options of ['-x', '-c', '-c =1', '--novalue']) {
      assert.throws(
        () => parseOptionsSwitches(options),
        (error: unknown) =>
          error instanceof SqlError &&
          error.code === '42601' &&
          error.severity === 'FATAL' &&
          error.message.startsWith('invalid command-line argument for server process: '),
        options,
      )
    }
  })

  it('collects settings from the parameters, then the options, leaving out the others', () => {
    const negotiated = negotiateStartup(
      startup({
        user: 'alice',
        database: 'postgres',
        application_name: 'app',
        client_encoding: 'UTF8',
        DateStyle: 'ISO, DMY',
        _pq_: 'x',
        '_pq_.opt': 'y',
        options: '-c TimeZone=Europe/Paris',
      }),
      ['postgres'],
    )
    assert.deepEqual(negotiated.settings, [
      ['application_name', 'app'],
      ['DateStyle', 'ISO, DMY'],
      ['_pq_', 'x'],
      ['TimeZone', 'Europe/Paris'],
    ])
  })
})
