/**
 * What a bound statement will return, known before it runs: its result columns (pgwire's
 * RowDescription for Describe of a prepared statement or portal) and its command word (the
 * first word(s) of the CommandComplete tag). Execution produces the same columns (the result of
 * execute-statement.ts); statements the session runs itself (SHOW) are described there.
 */
import { assertNever } from '../../lib/assert.js'
import { sqlTypes } from '../../types/index.js'
import type { BoundStatement } from '../bind/index.js'
import { describeColumn } from './returning.js'
import type { ColumnDescription } from './statement-result.js'

/** EXPLAIN's single text column. */
export const queryPlanColumn: ColumnDescription = {
  name: 'QUERY PLAN',
  typeOid: sqlTypes.text.oid,
  typeSize: sqlTypes.text.size,
  typeModifier: -1,
  tableOid: 0,
  columnNumber: 0,
}

/** The statement's result columns; undefined for a statement that returns no rows. */
export function describeResult(
  statement: BoundStatement,
): readonly ColumnDescription[] | undefined {
  switch (statement.kind) {
    case 'Select':
      return statement.output.map(describeColumn)
    case 'Insert':
    case 'Update':
    case 'Delete':
      return statement.returning?.output.map(describeColumn)
    case 'Explain':
      return [queryPlanColumn]
    case 'ModifyingWith':
      return describeResult(statement.main)
    default:
      return undefined
  }
}

/** The statement's command word(s), as its CommandComplete tag begins. */
export function commandOf(statement: BoundStatement): string {
  switch (statement.kind) {
    case 'Select':
    case 'Insert':
    case 'Update':
    case 'Delete':
    case 'Explain':
    case 'Show':
    case 'Vacuum':
    case 'Comment':
      return statement.kind.toUpperCase()
    case 'CopyFrom':
    case 'CopyTo':
      return 'COPY'
    case 'Set':
    case 'SetTransaction':
      return 'SET'
    case 'Truncate':
      return 'TRUNCATE TABLE'
    case 'CreateTable':
      return 'CREATE TABLE'
    case 'AlterTable':
      return 'ALTER TABLE'
    case 'CreateSchema':
      return 'CREATE SCHEMA'
    case 'RoleCommand':
      return statement.tag
    case 'CreateView':
      return 'CREATE VIEW'
    case 'RenameView':
      return 'ALTER VIEW'
    case 'Drop':
      return `DROP ${statement.objectKind}`
    case 'CreateSequence':
      return 'CREATE SEQUENCE'
    case 'AlterSequence':
      return 'ALTER SEQUENCE'
    case 'CreateIndex':
      return 'CREATE INDEX'
    case 'RenameIndex':
      return 'ALTER INDEX'
    case 'Transaction':
      return transactionCommands[statement.action]
    case 'ModifyingWith':
      return commandOf(statement.main)
    case 'SetSchema':
      return statement.tag
    case 'SetConstraints':
      return 'SET CONSTRAINTS'
    case 'CreateFunction':
      return 'CREATE FUNCTION'
    case 'DropFunction':
      return 'DROP FUNCTION'
    case 'AlterFunction':
      return statement.commandTag
    case 'CreateType':
      return 'CREATE TYPE'
    case 'AlterType':
      return 'ALTER TYPE'
    case 'DropType':
      return 'DROP TYPE'
    default:
      return assertNever(statement, 'statement')
  }
}

const transactionCommands = {
  begin: 'BEGIN',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  savepoint: 'SAVEPOINT',
  release: 'RELEASE',
  rollbackTo: 'ROLLBACK',
} as const
