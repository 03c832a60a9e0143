// Golden scripts for SQL behaviour through a Session: every file under src/session/testscripts
// runs on a fresh in-memory database and its output must equal the text after `---`.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../database.js'
import { parseScript, runScript } from '../testing/golden-script.js'

const root = fileURLToPath(new URL('../../src/session/testscripts', import.meta.url))

function listScripts(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? listScripts(path) : [path]
    })
    .sort()
}

for (const file of listScripts(root)) {
  test(`golden ${relative(root, file)}`, async () => {
    const text = readFileSync(file, 'utf8')
    const { commands, expected } = parseScript(text)
    const database = await openDatabase({ path: ':memory:' })
    const actual = await runScript(database, commands)
    await database.close()
    if (process.env['UPDATE_GOLDEN'] === '1') {
      const head = text.split('\n---\n')[0] ?? text
      writeFileSync(file, `${head.trimEnd()}\n---\n${actual}`)
      return
    }
    assert.equal(actual, expected)
  })
}
