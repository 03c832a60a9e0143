/**
 * READ ONLY transactions: which statements a read-only transaction refuses, named as
 * PostgreSQL names them in 25006 "cannot execute <command> in a read-only transaction". The
 * check runs after binding, so a missing table is still 42P01 first, as in PostgreSQL (which
 * checks at executor start). Statement kinds not listed as reading are treated as writes, so a
 * new kind is refused until someone decides otherwise.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { type BoundStatement, inputsOf, type Rel } from '../sql/bind/index.js'

/** Statement kinds that change nothing a transaction could roll back. VACUUM runs outside
 * transaction blocks and PostgreSQL allows it with default_transaction_read_only on. */
const readingKinds: ReadonlySet<string> = new Set([
  'CopyTo',
  'Explain',
  'Set',
  'SetConstraints',
  'SetTransaction',
  'Show',
  'Transaction',
  'Vacuum',
])

/** PostgreSQL's command name for each writing kind; others are spelled from their kind. */
const commandNames: Readonly<Record<string, string>> = {
  Insert: 'INSERT',
  Update: 'UPDATE',
  Delete: 'DELETE',
  CreateTable: 'CREATE TABLE',
  CreateSchema: 'CREATE SCHEMA',
  Truncate: 'TRUNCATE TABLE',
  Comment: 'COMMENT',
  CopyFrom: 'COPY FROM',
}

/** Throws 25006 when a read-only transaction may not run `statement`. */
export function assertAllowedReadOnly(statement: BoundStatement): void {
  const command = refusedCommand(statement)
  if (command !== undefined) {
    throw new SqlError(
      SqlState.readOnlySqlTransaction,
      `cannot execute ${command} in a read-only transaction`,
    )
  }
}

function refusedCommand(statement: BoundStatement): string | undefined {
  if (statement.kind === 'Select') {
    const mode = lockMode(statement.plan)
    return mode === undefined ? undefined : `SELECT FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`
  }
  // PostgreSQL names the main statement, SELECT when it reads (its WITH queries write).
  if (statement.kind === 'ModifyingWith') {
    return statement.main.kind === 'Select' ? 'SELECT' : refusedCommand(statement.main)
  }
  if (readingKinds.has(statement.kind)) return undefined
  if (statement.kind === 'Drop') return `DROP ${statement.objectKind}`
  if (statement.kind === 'SetSchema' || statement.kind === 'RoleCommand') return statement.tag
  return (
    commandNames[statement.kind] ??
    statement.kind.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toUpperCase()
  )
}

/** The strongest row lock a plan takes (FOR UPDATE / FOR SHARE anywhere in it). */
function lockMode(plan: Rel): 'update' | 'share' | undefined {
  let mode: 'update' | 'share' | undefined
  const pending: Rel[] = [plan]
  // Bounded by the plan's size: each node is visited once.
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === 'LockRows' && mode !== 'update') mode = node.lock.mode
    pending.push(...inputsOf(node))
  }
  return mode
}
