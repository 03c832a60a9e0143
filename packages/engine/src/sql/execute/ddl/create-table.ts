/**
 * CREATE TABLE and CREATE SCHEMA: new catalog objects, stored in the kernel in the statement's
 * transaction (so a rollback undoes them) and added to the transaction's catalog version.
 */
import {
  plainTable,
  type Schema,
  type Sequence,
  storeObject,
  type Table,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { identifierBytesMax, nameAttemptsMax } from '../../../limits.js'
import { type BoundCreateSchema, type BoundCreateTable, serialDefault } from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { addIndex, uniqueConstraintIndex } from './create-index.js'
import { ddlResult, relationNameTaken } from './ddl-result.js'
import { addForeignKey } from './foreign-keys.js'
import { newSequence } from './sequence.js'
import { checkRowTypeNameFree } from './type-names.js'

export function executeCreateTable(
  create: BoundCreateTable,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  const taken = relationNameTaken(context, create, create.schema, 'CREATE TABLE')
  if (taken !== undefined) return taken
  checkRowTypeNameFree(catalog, create.schema, create.name)
  if (
    create.primaryKey !== undefined &&
    catalog.hasRelation(create.schema, create.primaryKey.name)
  ) {
    throw new SqlError(
      SqlState.duplicateTable,
      `relation "${create.primaryKey.name}" already exists`,
    )
  }
  const oid = catalog.nextOid
  const firstCheck = create.primaryKey === undefined ? oid + 1 : oid + 2
  const oidsUsed = firstCheck - oid + create.checks.length
  // serial and identity columns own a sequence each, created with the table (OIDs after it).
  const owned = ownedSequences(create, context, oid, oid + oidsUsed)
  const table: Table = {
    ...plainTable({
      oid,
      schema: create.schema,
      name: create.name,
      owner: currentRoleOf(context),
      columns: create.columns.map((column, index) => {
        const sequence = owned.get(index)
        const { identity, isSerial: _isSerial, ...rest } = column
        return {
          ...rest,
          number: index + 1,
          ...(sequence !== undefined && identity !== undefined
            ? { identity: { kind: identity.kind, sequence: sequence.oid } }
            : {}),
          ...(sequence !== undefined && identity === undefined
            ? {
                default: serialDefault(
                  sequence.schema,
                  sequence.name,
                  context.searchPath[0] === sequence.schema
                    ? sequence.name
                    : `${sequence.schema}.${sequence.name}`,
                ),
              }
            : {}),
        }
      }),
      primaryKey:
        create.primaryKey === undefined ? undefined : { oid: oid + 1, ...create.primaryKey },
    }),
    checks: create.checks.map((check, i) => ({ oid: firstCheck + i, ...check })),
  }
  context.catalog = catalog.withRelation(table, oidsUsed)
  storeObject(context.transaction, table, context.catalog.nextOid)
  for (const sequence of owned.values()) {
    context.catalog = context.catalog.withRelation(sequence, 1)
    storeObject(context.transaction, sequence, context.catalog.nextOid)
  }
  // Each index and key added replaces the table's definition: the next one extends that.
  let current = table
  for (const unique of create.uniques ?? []) {
    if (context.catalog.hasRelation(create.schema, unique.name)) {
      throw new SqlError(SqlState.duplicateTable, `relation "${unique.name}" already exists`)
    }
    current = addIndex(
      context,
      current,
      uniqueConstraintIndex(unique.name, unique.columns, unique.nullsNotDistinct),
    )
  }
  // Foreign keys once the table exists, so one can reference the table itself.
  for (const definition of create.foreignKeys) {
    current = addForeignKey(context, current, definition)
  }
  return ddlResult('CREATE TABLE', context)
}

/** The sequences of serial and identity columns, by column index: `<table>_<column>_seq`, or
 * with a number appended while that name is taken (PostgreSQL's ChooseRelationName). */
function ownedSequences(
  create: BoundCreateTable,
  context: ExecutionContext,
  tableOid: number,
  firstOid: number,
): Map<number, Sequence> {
  const owned = new Map<number, Sequence>()
  const taken = new Set<string>()
  create.columns.forEach((column, index) => {
    if (column.identity === undefined && column.isSerial !== true) return
    const name = chooseName(`${create.name}_${column.name}`, 'seq', (candidate) => {
      return taken.has(candidate) || context.catalog.hasRelation(create.schema, candidate)
    })
    taken.add(name)
    const sequence = newSequence(context, {
      oid: firstOid + owned.size,
      schema: create.schema,
      name,
      options: column.identity?.options ?? {},
      what: column.identity === undefined ? 'sequence' : 'identity column',
      type: column.type,
      ownedBy: { table: tableOid, column: index },
    })
    owned.set(index, sequence)
  })
  return owned
}

/** `<base>_<suffix>`, shortened to fit an identifier, then with 1, 2, ... appended to the base
 * until `isTaken` says no (bounded: names are checked against a finite catalog). */
function chooseName(base: string, suffix: string, isTaken: (name: string) => boolean): string {
  for (let attempt = 0; attempt <= nameAttemptsMax; attempt++) {
    const extra = attempt === 0 ? '' : String(attempt)
    const room = identifierBytesMax - suffix.length - 1 - extra.length
    let head = base
    while (Buffer.byteLength(head) > room) head = head.slice(0, -1)
    const name = `${head}${extra}_${suffix}`
    if (!isTaken(name)) return name
  }
  throw new SqlError(SqlState.duplicateTable, `could not choose a name for sequence of "${base}"`)
}

export function executeCreateSchema(
  create: BoundCreateSchema,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  if (catalog.findSchema(create.name) !== undefined) {
    const message = `schema "${create.name}" already exists`
    if (!create.ifNotExists) throw new SqlError(SqlState.duplicateSchema, message)
    context.notices.push({
      severity: 'NOTICE',
      code: SqlState.duplicateSchema,
      message: `${message}, skipping`,
    })
    return ddlResult('CREATE SCHEMA', context)
  }
  const schema: Schema = {
    kind: 'schema',
    oid: catalog.nextOid,
    name: create.name,
    owner: create.owner,
    isBuiltin: false,
  }
  context.catalog = catalog.withSchema(schema, 1)
  storeObject(context.transaction, schema, context.catalog.nextOid)
  return ddlResult('CREATE SCHEMA', context)
}
