/**
 * psql against the built server: the create/insert/select/drop scenario and the four error
 * cases, checked on psql's own output (aligned tables, command tags, `ERROR:  <SQLSTATE>:`
 * lines and the caret under the error position), as a user would see them.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { crudScenario, errorCases, errorSetup } from '../support/crud-scenario.js'
import { runPsql } from '../support/run-psql.js'
import { ServerProcess } from '../support/server-process.js'

describe('psql', () => {
  let server: ServerProcess
  let password = ''

  before(async () => {
    server = await ServerProcess.start()
    password = server.credentials().password
  })

  after(async () => {
    await server.dispose()
  })

  it('creates, fills, queries and drops a table', async () => {
    const { create, insert, select, drop } = crudScenario
    const script = [create, insert, select, drop].map((sql) => `${sql};\n`).join('')
    const result = await runPsql({ port: server.pgPort, password, script })
    assert.equal(result.stderr, '')
    assert.equal(result.exitCode, 0)
    assert.equal(
      result.stdout,
      [
        'CREATE TABLE',
        'INSERT 0 3',
        ' id | name ',
        '----+------',
        '  3 | c',
        '  2 | b',
        '(2 rows)',
        '',
        'DROP TABLE',
        '',
      ].join('\n'),
    )
  })

  it('refuses a wrong password', async () => {
    const result = await runPsql({ port: server.pgPort, password: 'wrong', script: 'SELECT 1;\n' })
    assert.equal(result.exitCode, 2)
    assert.match(result.stderr, /password authentication failed for user "postgres"/)
  })

  describe('errors', () => {
    before(async () => {
      const result = await runPsql({ port: server.pgPort, password, script: `${errorSetup};\n` })
      assert.equal(result.exitCode, 0, result.stderr)
    })

    for (const errorCase of errorCases) {
      it(`reports ${errorCase.what} as ${errorCase.code}`, async () => {
        const result = await runPsql({
          port: server.pgPort,
          password,
          script: `${errorCase.sql};\n`,
        })
        assert.equal(result.exitCode, 3, 'psql exits 3 when a script stops on an error')
        const lines = result.stderr.split('\n')
        const errorLine = lines.find((line) => line.startsWith('ERROR:'))
        assert.ok(errorLine !== undefined, result.stderr)
        assert.ok(errorLine.startsWith(`ERROR:  ${errorCase.code}: `), errorLine)
        assert.match(errorLine, errorCase.message)
        if (errorCase.position !== undefined) {
          const statementIndex = lines.indexOf(`LINE 1: ${errorCase.sql};`)
          assert.notEqual(statementIndex, -1, result.stderr)
          const caretLine = lines[statementIndex + 1] ?? ''
          assert.equal(
            caretLine.indexOf('^'),
            'LINE 1: '.length + errorCase.position - 1,
            result.stderr,
          )
        }
        if (errorCase.detail !== undefined)
          assert.ok(lines.includes(`DETAIL:  ${errorCase.detail}`), result.stderr)
      })
    }

    it('keeps serving after the errors', async () => {
      const result = await runPsql({
        port: server.pgPort,
        password,
        script: 'SELECT name FROM t;\n',
      })
      assert.equal(result.exitCode, 0, result.stderr)
      assert.equal(result.stdout, ' name \n------\n a\n(1 row)\n\n')
    })
  })
})
