/**
 * CREATE TYPE ... AS ENUM, ALTER TYPE (ADD VALUE, RENAME VALUE, RENAME TO) and DROP TYPE:
 * names resolved as PostgreSQL resolves type names (bind-type.ts), with its errors for names
 * that denote something else: a built-in type (42809 "integer is not an enum", 2BP01 "required
 * by the database system") or a table's or view's row type. What the statements change is
 * checked at execution against the transaction's catalog (execute/ddl/enum-type.ts).
 */
import type { UserType } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { findTypeByName } from '../../types/index.js'
import {
  type AlterEnumStmt,
  type CreateEnumStmt,
  type DropStmt,
  type Node,
  type RenameStmt,
  stringOf,
  stringsOf,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { creationSchema } from './bind-ddl.js'
import { findUserType } from './bind-type.js'
import type { BoundAlterType, BoundCreateType, BoundDropType } from './bound.js'

export function bindCreateEnum(context: BindContext, create: CreateEnumStmt): BoundCreateType {
  const names = stringsOf(create.typeName)
  const name = names[names.length - 1] ?? ''
  const schema = creationSchema(
    context,
    names.length > 1 ? names[names.length - 2] : undefined,
    undefined,
  )
  const labels = (create.vals ?? []).map((node) => stringOf(node) ?? '')
  return { kind: 'CreateType', schema, name, labels }
}

export function bindAlterEnum(context: BindContext, alter: AlterEnumStmt): BoundAlterType {
  const type = enumToAlter(context, stringsOf(alter.typeName))
  const newValue = alter.newVal ?? ''
  if (alter.oldVal !== undefined) {
    return {
      kind: 'AlterType',
      type,
      action: { kind: 'renameValue', from: alter.oldVal, to: newValue },
    }
  }
  return {
    kind: 'AlterType',
    type,
    action: {
      kind: 'addValue',
      label: newValue,
      neighbor: alter.newValNeighbor,
      isAfter: alter.newValIsAfter === true,
      ifNotExists: alter.skipIfNewValExists === true,
    },
  }
}

/** ALTER TYPE name RENAME TO new_name. */
export function bindRenameType(context: BindContext, rename: RenameStmt): BoundAlterType {
  const names = rename.object === undefined ? [] : namesOf(rename.object)
  const type = userTypeNamed(context, names, 'alter')
  return { kind: 'AlterType', type, action: { kind: 'rename', name: rename.newname ?? '' } }
}

export function bindDropType(context: BindContext, drop: DropStmt): BoundDropType {
  const isMissingOk = drop.missing_ok === true
  const types: UserType[] = []
  const missingNotices: string[] = []
  for (const object of drop.objects ?? []) {
    const names = namesOf(object)
    const schema = names.length > 1 ? names[names.length - 2] : undefined
    if (isMissingOk && schema !== undefined && context.catalog.findSchema(schema) === undefined) {
      missingNotices.push(`schema "${schema}" does not exist, skipping`)
      continue
    }
    const type = userTypeNamed(context, names, 'drop', isMissingOk)
    if (type === undefined) {
      missingNotices.push(`type "${names.join('.')}" does not exist, skipping`)
      continue
    }
    if (!types.some((t) => t.oid === type.oid)) types.push(type)
  }
  return { kind: 'DropType', types, cascade: drop.behavior === 'DROP_CASCADE', missingNotices }
}

function namesOf(node: Node): string[] {
  if ('TypeName' in node) return stringsOf(node.TypeName.names)
  if ('List' in node) return stringsOf(node.List.items)
  return [stringOf(node) ?? '']
}

/** The user type a name denotes: PostgreSQL's errors for names of built-in types and row
 * types, 42704 for none (undefined with `isMissingOk`: IF EXISTS). */
function userTypeNamed(
  context: BindContext,
  names: readonly string[],
  purpose: 'alter' | 'drop',
  isMissingOk: true,
): UserType | undefined
function userTypeNamed(
  context: BindContext,
  names: readonly string[],
  purpose: 'alter' | 'drop',
  isMissingOk?: boolean,
): UserType
function userTypeNamed(
  context: BindContext,
  names: readonly string[],
  purpose: 'alter' | 'drop',
  isMissingOk = false,
): UserType | undefined {
  const builtin =
    names.length === 1 || names[0] === 'pg_catalog' ? findTypeByName(names) : undefined
  if (builtin !== undefined) {
    if (purpose === 'drop') {
      throw new SqlError(
        SqlState.dependentObjectsStillExist,
        `cannot drop type ${builtin.displayName} because it is required by the database system`,
      )
    }
    throw new SqlError(SqlState.wrongObjectType, `${builtin.displayName} is not an enum`)
  }
  const user = findUserType(context, names, undefined)
  if (user !== undefined) return user
  const name = names[names.length - 1] ?? ''
  const relation = context.findRelation(
    names.length > 1 ? names[names.length - 2] : undefined,
    name,
  )
  if (relation?.kind === 'table' || relation?.kind === 'view') {
    if (purpose === 'drop') {
      throw new SqlError(
        SqlState.dependentObjectsStillExist,
        `cannot drop type ${relation.name} because ${relation.kind} ${relation.name} requires it`,
        { hint: `You can drop ${relation.kind} ${relation.name} instead.` },
      )
    }
    throw new SqlError(SqlState.wrongObjectType, `${relation.name} is not an enum`)
  }
  if (isMissingOk) return undefined
  throw new SqlError(SqlState.undefinedObject, `type "${names.join('.')}" does not exist`)
}

function enumToAlter(context: BindContext, names: readonly string[]): UserType {
  const type = userTypeNamed(context, names, 'alter')
  if (type.type.kind !== 'enum') {
    throw new SqlError(SqlState.wrongObjectType, `${type.name} is not an enum`)
  }
  return type
}
