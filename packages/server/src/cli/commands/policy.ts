/**
 * `bkg-db policy compile FILE [--data-dir DIR | --schema-sql FILE]`: prints the SQL that a
 * policy file compiles to (engine policy/ module), without applying it.
 *
 * FILE is YAML (JSON is YAML too): a mapping with `rules:` is a DBAL ACL document; a list, or a
 * mapping with `table:`, is JSON policy documents. The rules are checked against a schema: the
 * database in DIR (opened under its lock, like `start`; default BKG_DB_DATA_DIR or ./.bkg-db
 * when it exists), or an in-memory database that first runs the statements of --schema-sql
 * (for a PostgreSQL backend: its schema dump). YAML is parsed here, not in the engine, which
 * takes plain objects and depends on no YAML library.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  type CompiledPolicies,
  compileAcl,
  compilePolicyDocuments,
  type Database,
  formatCompiledPolicies,
  openDatabase,
  type Session,
  SqlError,
} from '@bkg-db/engine'
import { parse as parseYaml } from 'yaml'
import { lockDataDir } from '../../data-dir-lock.js'
import { policyFileBytesMax } from '../../limits.js'
import type { CliIo } from '../cli-io.js'
import { ExitCode } from '../exit-code.js'
import { InputError, UsageError } from '../usage-error.js'

export const policyUsage = `Usage: bkg-db policy compile FILE [--data-dir DIR | --schema-sql FILE]
Prints the SQL a DBAL ACL (YAML) or JSON policy file compiles to, checked against the schema of
the data directory DIR or of the statements in --schema-sql.
`

const policyOptions = {
  'data-dir': { type: 'string' },
  'schema-sql': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function runPolicy(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsePolicyArgs(args)
  if (values.help === true) {
    io.stdout.write(policyUsage)
    return ExitCode.ok
  }
  const [action, file, ...rest] = positionals
  if (action !== 'compile')
    throw new UsageError(`policy: unknown action ${JSON.stringify(action ?? '')}`)
  if (file === undefined) throw new UsageError('policy compile: missing FILE')
  if (rest.length > 0) throw new UsageError(`policy compile: unexpected argument "${rest[0]}"`)
  if (values['data-dir'] !== undefined && values['schema-sql'] !== undefined) {
    throw new UsageError('policy compile: give --data-dir or --schema-sql, not both')
  }
  const input = readPolicyFile(resolve(io.cwd, file), file)
  const compiled = await withSchema(io, values, async (session) => {
    try {
      return await compileInput(session, input)
    } catch (error: unknown) {
      if (error instanceof SqlError)
        throw new InputError(`${file}: ${error.message}`, { cause: error })
      throw error
    }
  })
  io.stdout.write(formatCompiledPolicies(compiled))
  return ExitCode.ok
}

function compileInput(session: Session, input: unknown): Promise<CompiledPolicies> {
  const isAcl =
    typeof input === 'object' && input !== null && !Array.isArray(input) && 'rules' in input
  return isAcl ? compileAcl(session, input) : compilePolicyDocuments(session, input)
}

function readPolicyFile(path: string, shown: string): unknown {
  const text = readInput(path, shown)
  try {
    // uniqueKeys: a repeated key is an error, not a silent override of a rule's field.
    return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 })
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    throw new InputError(`${shown}: not valid YAML: ${message}`, { cause: error })
  }
}

function readInput(path: string, shown: string): string {
  if (!existsSync(path)) throw new InputError(`${shown}: no such file`)
  if (statSync(path).size > policyFileBytesMax) {
    throw new InputError(`${shown}: larger than ${policyFileBytesMax} bytes`)
  }
  return readFileSync(path, 'utf8')
}

async function withSchema<T>(
  io: CliIo,
  values: { readonly 'data-dir'?: string | undefined; readonly 'schema-sql'?: string | undefined },
  body: (session: Session) => Promise<T>,
): Promise<T> {
  const schemaSql = values['schema-sql']
  if (schemaSql !== undefined) {
    const text = readInput(resolve(io.cwd, schemaSql), schemaSql)
    const db = await openDatabase({ path: ':memory:' })
    try {
      const session = db.createSession({ user: 'postgres' })
      const { error } = await session.execute(text)
      if (error !== undefined)
        throw new InputError(`${schemaSql}: ${error.message}`, { cause: error })
      return await body(session)
    } finally {
      await db.close()
    }
  }
  const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.BKG_DB_DATA_DIR ?? '.bkg-db')
  if (!existsSync(dataDir)) {
    throw new UsageError(
      `policy compile: data directory "${dataDir}" does not exist; give --data-dir or --schema-sql`,
    )
  }
  const lock = lockDataDir(dataDir)
  let db: Database | undefined
  try {
    db = await openDatabase({ path: dataDir })
    return await body(db.createSession({ user: 'postgres' }))
  } finally {
    await db?.close()
    lock.release()
  }
}

function parsePolicyArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: policyOptions,
      strict: true,
      allowPositionals: true,
    })
  } catch (error: unknown) {
    const message =
      error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error)
    throw new UsageError(`policy: ${message}`, { cause: error })
  }
}
