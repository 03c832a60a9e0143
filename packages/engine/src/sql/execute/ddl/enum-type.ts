/**
 * CREATE TYPE ... AS ENUM, ALTER TYPE and DROP TYPE against the transaction's catalog, with
 * PostgreSQL's checks in its order (typecmds.c, pg_enum.c) and wording.
 *
 * OIDs: CREATE takes the type's, its array type's, then one per label (pg_enum's row OIDs,
 * which rows store: access/row-codec.ts); ADD VALUE takes one. A new label's sort key lies
 * strictly between its neighbours' (types/enum-type.ts), so no stored key changes. The type's
 * definition is one catalog object; the catalog refreshes the columns using it.
 *
 * DROP TYPE finds the table columns of the type or of its array type (2BP01 with PostgreSQL's
 * DETAIL lines); CASCADE drops those columns through ALTER TABLE ... DROP COLUMN, as PostgreSQL
 * does. Views with columns of the type block the DROP (CASCADE of them is 0A000).
 */
import {
  type Catalog,
  removeObject,
  type SearchPath,
  storeObject,
  type UserType,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { assert } from '../../../lib/assert.js'
import {
  type EnumMember,
  enumLabelBytesMax,
  enumType,
  findEnumMember,
  newEnumType,
  type SqlType,
  sortKeyBetween,
} from '../../../types/index.js'
import {
  type BoundAlterType,
  type BoundCreateType,
  type BoundDropType,
  dropColumnsStatement,
} from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { executeAlterTable } from './alter-table.js'
import { ddlResult } from './ddl-result.js'
import { checkTypeNameFree } from './type-names.js'

const textEncoder = new TextEncoder()

export function executeCreateType(
  create: BoundCreateType,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  checkTypeNameFree(catalog, create.schema, create.name)
  for (const label of create.labels) checkLabel(label)
  const oid = catalog.nextOid
  const seen = new Set<string>()
  for (const label of create.labels) {
    if (seen.has(label)) {
      // PostgreSQL reports the unique index of pg_enum.
      throw new SqlError(
        SqlState.uniqueViolation,
        'duplicate key value violates unique constraint "pg_enum_typid_label_index"',
        { detail: `Key (enumtypid, enumlabel)=(${oid}, ${label}) already exists.` },
      )
    }
    seen.add(label)
  }
  const type: UserType = {
    kind: 'type',
    oid,
    schema: create.schema,
    name: create.name,
    owner: currentRoleOf(context),
    type: newEnumType({
      oid,
      arrayOid: oid + 1,
      schema: create.schema,
      name: create.name,
      labels: create.labels,
      firstLabelOid: oid + 2,
    }),
  }
  context.catalog = catalog.withType(type, 2 + create.labels.length)
  storeObject(context.transaction, type, context.catalog.nextOid)
  return ddlResult('CREATE TYPE', context)
}

export function executeAlterType(
  alter: BoundAlterType,
  context: ExecutionContext,
): StatementResult {
  const current = context.catalog.findTypeByOid(alter.type.oid)
  assert(current !== undefined, 'an altered type exists')
  const action = alter.action
  let next: UserType
  let oidsUsed = 0
  switch (action.kind) {
    case 'addValue': {
      checkLabel(action.label)
      if (findEnumMember(current.type, action.label) !== undefined) {
        const message = `enum label "${action.label}" already exists`
        if (!action.ifNotExists) throw new SqlError(SqlState.duplicateObject, message)
        context.notices.push({
          severity: 'NOTICE',
          code: SqlState.duplicateObject,
          message: `${message}, skipping`,
        })
        return ddlResult('ALTER TYPE', context)
      }
      const members = current.type.enumMembers ?? []
      const sortKey = newSortKey(members, action.neighbor, action.isAfter)
      const member: EnumMember = {
        label: action.label,
        oid: context.catalog.nextOid,
        sortKey,
        isUncommitted: true,
      }
      next = withMembers(current, [...members, member])
      oidsUsed = 1
      break
    }
    case 'renameValue': {
      checkLabel(action.to)
      const members = current.type.enumMembers ?? []
      const member = findEnumMember(current.type, action.from)
      if (member === undefined) throw notALabel(action.from)
      if (findEnumMember(current.type, action.to) !== undefined) {
        throw new SqlError(SqlState.duplicateObject, `enum label "${action.to}" already exists`)
      }
      next = withMembers(
        current,
        members.map((m) => (m === member ? { ...m, label: action.to } : m)),
      )
      break
    }
    case 'rename': {
      checkTypeNameFree(context.catalog, current.schema, action.name)
      next = {
        ...current,
        name: action.name,
        type: { ...current.type, name: action.name, displayName: action.name },
      }
      break
    }
  }
  context.catalog = context.catalog.replacingType(current, next, oidsUsed)
  storeObject(context.transaction, next, context.catalog.nextOid)
  return ddlResult('ALTER TYPE', context)
}

export function executeDropType(drop: BoundDropType, context: ExecutionContext): StatementResult {
  for (const message of drop.missingNotices) {
    context.notices.push({ severity: 'NOTICE', code: SqlState.successfulCompletion, message })
  }
  const catalog = context.catalog
  const uses = drop.types.flatMap((type) => typeUses(catalog, type, context.searchPath))
  if (uses.length > 0 && !drop.cascade) {
    const only = drop.types.length === 1 ? drop.types[0] : undefined
    throw new SqlError(
      SqlState.dependentObjectsStillExist,
      only === undefined
        ? 'cannot drop desired object(s) because other objects depend on them'
        : `cannot drop type ${catalog.typeDisplayName(only, context.searchPath)} because other objects depend on it`,
      {
        detail: uses.map((use) => `${use.what} depends on type ${use.typeName}`).join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      },
    )
  }
  if (uses.length > 0) {
    const view = uses.find((use) => use.table === undefined)
    if (view !== undefined) {
      throw new SqlError(
        SqlState.featureNotSupported,
        `DROP TYPE ... CASCADE is not supported yet while ${view.what} depends on the type`,
      )
    }
    const lines = uses.map((use) => `drop cascades to ${use.what}`)
    context.notices.push(
      lines.length === 1
        ? { severity: 'NOTICE', code: SqlState.successfulCompletion, message: lines[0] ?? '' }
        : {
            severity: 'NOTICE',
            code: SqlState.successfulCompletion,
            message: `drop cascades to ${lines.length} other objects`,
            detail: lines.join('\n'),
          },
    )
    dropColumns(context, uses)
  }
  for (const type of drop.types) {
    const current = context.catalog.findTypeByOid(type.oid)
    if (current === undefined) continue
    removeObject(context.transaction, current)
    context.catalog = context.catalog.withoutType(current)
  }
  return ddlResult('DROP TYPE', context)
}

/** A column (of a table, or of a view when `table` is undefined) whose type is a dropped type
 * or its array type. */
interface TypeUse {
  readonly what: string
  /** `mood` or `mood[]`, as PostgreSQL names the type depended on. */
  readonly typeName: string
  readonly table: number | undefined
  readonly column: string
}

/**
 * What uses `type`, in PostgreSQL's order of report: columns of its array type first (the array
 * type is its first dependent), then columns of the type, each by table OID and column number.
 */
export function typeUses(catalog: Catalog, type: UserType, searchPath: SearchPath): TypeUse[] {
  const uses: TypeUse[] = []
  for (const isArray of [true, false]) {
    const matches = (t: SqlType): boolean =>
      isArray ? t.kind === 'array' && t.element?.oid === type.oid : t.oid === type.oid
    const typeName = isArray ? `${type.name}[]` : type.name
    const relations = [...catalog.relations()].sort((a, b) => a.oid - b.oid)
    for (const relation of relations) {
      if (relation.kind === 'sequence') continue
      const shown = catalog.displayName(relation, searchPath)
      for (const column of relation.columns) {
        if (!matches(column.type)) continue
        uses.push(
          relation.kind === 'table'
            ? {
                what: `column ${column.name} of table ${shown}`,
                typeName,
                table: relation.oid,
                column: column.name,
              }
            : {
                what: `column ${column.name} of view ${shown}`,
                typeName,
                table: undefined,
                column: column.name,
              },
        )
      }
    }
  }
  return uses
}

/** ALTER TABLE ... DROP COLUMN for each table losing columns (one statement per table). */
function dropColumns(context: ExecutionContext, uses: readonly TypeUse[]): void {
  const byTable = new Map<number, string[]>()
  for (const use of uses) {
    if (use.table === undefined) continue
    const columns = byTable.get(use.table) ?? []
    if (!columns.includes(use.column)) columns.push(use.column)
    byTable.set(use.table, columns)
  }
  for (const [oid, columns] of byTable) {
    const table = context.catalog.findTableByOid(oid)
    assert(table !== undefined, 'a table losing columns exists')
    const result = executeAlterTable(dropColumnsStatement(table, columns), context)
    // Its result took the notices raised so far (this DROP's among them): keep them.
    context.notices.push(...result.notices)
  }
}

function withMembers(type: UserType, members: readonly EnumMember[]): UserType {
  const { oid, schema, name } = type
  return { ...type, type: enumType({ oid, arrayOid: type.type.arrayOid, schema, name, members }) }
}

/** The sort key of a label added BEFORE / AFTER `neighbor` (members are in sort order). */
function newSortKey(
  members: readonly EnumMember[],
  neighbor: string | undefined,
  isAfter: boolean,
): Uint8Array {
  if (neighbor === undefined) return sortKeyBetween(members[members.length - 1]?.sortKey, undefined)
  const at = members.findIndex((m) => m.label === neighbor)
  if (at < 0) throw notALabel(neighbor)
  const low = isAfter ? members[at] : members[at - 1]
  const high = isAfter ? members[at + 1] : members[at]
  return sortKeyBetween(low?.sortKey, high?.sortKey)
}

function checkLabel(label: string): void {
  if (textEncoder.encode(label).length > enumLabelBytesMax) {
    throw new SqlError(SqlState.invalidName, `invalid enum label "${label}"`, {
      detail: `Labels must be ${enumLabelBytesMax} bytes or less.`,
    })
  }
}

function notALabel(label: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, `"${label}" is not an existing enum label`)
}
