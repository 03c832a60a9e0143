/**
 * The binder: parsed statement → BoundQuery. Resolves names against a catalog version, checks
 * types, and rejects what the engine cannot run with 0A000 (never a silent approximation).
 * Dispatches by statement kind; each kind's rules live in bind-<kind>.ts.
 */

import type { Catalog } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { sqlTypes, type TypeContext } from '../../types/index.js'
import {
  type Node,
  nodeTag,
  type ParsedStatement,
  type RenameStmt,
  type TransactionStmt,
  type VacuumStmt,
} from '../parse/index.js'
import { bindAlterTable } from './bind-alter-table.js'
import { bindComment } from './bind-comment.js'
import { BindContext, type BindSession, defaultBindSession } from './bind-context.js'
import { bindCopy } from './bind-copy.js'
import { bindCreateFunction } from './bind-create-function.js'
import { bindCreateView, bindRenameView } from './bind-create-view.js'
import { bindCreateSchema, bindCreateTable } from './bind-ddl.js'
import { bindDrop } from './bind-drop.js'
import { bindAlterEnum, bindCreateEnum, bindDropType, bindRenameType } from './bind-enum.js'
import { bindExplain } from './bind-explain.js'
import { bindCommentFunction, bindDropFunction, bindRenameFunction } from './bind-function-ddl.js'
import { bindCreateIndex, bindRenameIndex } from './bind-index.js'
import {
  type BoundRoleCommand,
  bindAlterOwner,
  bindAlterRelationOwner,
  bindAlterRole,
  bindCreateRole,
  bindDropOwned,
  bindDropRole,
  bindGrantRole,
  bindReassignOwned,
  bindRenameRole,
} from './bind-role.js'
import { bindAlterSequence, bindCreateSequence } from './bind-sequence.js'
import { bindSet, bindTransactionModes } from './bind-set.js'
import { bindSetSchema } from './bind-set-schema.js'
import { bindTruncate } from './bind-truncate.js'
import type { BoundQuery, BoundStatement, BoundTransaction } from './bound.js'
import { defBoolean } from './def-elem.js'
import { bindQueryStatement, prepareContext, withModifyingCtes } from './statement-context.js'

export function bindStatement(
  catalog: Catalog,
  statement: ParsedStatement,
  typeContext?: TypeContext,
  session: BindSession = defaultBindSession,
): BoundQuery {
  const context = new BindContext(catalog, statement.source, typeContext, session)
  prepareContext(context, statement.node)
  const bound = bindNode(context, statement)
  return {
    statement: withModifyingCtes(context, bound),
    parameterTypes: context.parameterTypes(sqlTypes.text),
    untypedParameters: context.untypedParameters(),
  }
}

function bindNode(context: BindContext, statement: ParsedStatement): BoundStatement {
  const node = statement.node
  const query = bindQueryStatement(context, node)
  if (query !== undefined) return query
  if ('CreateStmt' in node) return bindCreateTable(context, node.CreateStmt)
  const role = bindRoleStatement(context, node)
  if (role !== undefined) return role
  if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_FUNCTION') {
    return bindDropFunction(context, node.DropStmt)
  }
  if ('CreateFunctionStmt' in node) return bindCreateFunction(context, node.CreateFunctionStmt)
  if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_FUNCTION') {
    return bindRenameFunction(context, node.RenameStmt)
  }
  if ('CommentStmt' in node && node.CommentStmt.objtype === 'OBJECT_FUNCTION') {
    return bindCommentFunction(context, node.CommentStmt)
  }
  if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TYPE') {
    return bindDropType(context, node.DropStmt)
  }
  if ('DropStmt' in node) return bindDrop(context, node.DropStmt)
  if ('CreateEnumStmt' in node) return bindCreateEnum(context, node.CreateEnumStmt)
  if ('AlterEnumStmt' in node) return bindAlterEnum(context, node.AlterEnumStmt)
  if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_TYPE') {
    return bindRenameType(context, node.RenameStmt)
  }
  if ('IndexStmt' in node) return bindCreateIndex(context, node.IndexStmt)
  if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_INDEX') {
    return bindRenameIndex(context, node.RenameStmt)
  }
  if ('CreateSchemaStmt' in node) return bindCreateSchema(context, node.CreateSchemaStmt)
  if ('ViewStmt' in node) return bindCreateView(context, node.ViewStmt, statement.text)
  if ('RenameStmt' in node && isViewRename(context, node.RenameStmt)) {
    return bindRenameView(context, node.RenameStmt)
  }
  if ('RenameStmt' in node) return bindAlterTable(context, node.RenameStmt)
  if ('AlterTableStmt' in node) return bindAlterTable(context, node.AlterTableStmt)
  if ('CreateSeqStmt' in node) return bindCreateSequence(context, node.CreateSeqStmt)
  if ('AlterSeqStmt' in node) return bindAlterSequence(context, node.AlterSeqStmt)
  if ('CommentStmt' in node) return bindComment(context, node.CommentStmt)
  if ('TruncateStmt' in node) return bindTruncate(context, node.TruncateStmt)
  if ('TransactionStmt' in node) return bindTransaction(node.TransactionStmt)
  if ('VariableSetStmt' in node) return bindSet(node.VariableSetStmt)
  if ('VacuumStmt' in node) return bindVacuum(context, node.VacuumStmt)
  if ('CopyStmt' in node) return bindCopy(context, node.CopyStmt)
  if ('VariableShowStmt' in node) return { kind: 'Show', name: node.VariableShowStmt.name ?? '' }
  if ('AlterObjectSchemaStmt' in node) return bindSetSchema(context, node.AlterObjectSchemaStmt)
  if ('ConstraintsSetStmt' in node) {
    const names = (node.ConstraintsSetStmt.constraints ?? []).flatMap((item) =>
      'RangeVar' in item
        ? [{ schema: item.RangeVar.schemaname, name: item.RangeVar.relname ?? '' }]
        : [],
    )
    return {
      kind: 'SetConstraints',
      names: names.length === 0 ? undefined : names,
      isDeferred: node.ConstraintsSetStmt.deferred === true,
    }
  }
  if ('ExplainStmt' in node) return bindExplain(context, node.ExplainStmt)
  throw notSupported(describeStatement(nodeTag(node)))
}

/** ALTER VIEW ... RENAME, or ALTER TABLE ... RENAME naming a view (PostgreSQL allows it). */
function isViewRename(context: BindContext, rename: RenameStmt): boolean {
  if (rename.renameType === 'OBJECT_VIEW') return true
  if (rename.renameType === 'OBJECT_COLUMN' && rename.relationType === 'OBJECT_VIEW') return true
  if (rename.renameType !== 'OBJECT_TABLE') return false
  const relation = rename.relation
  return context.findRelation(relation?.schemaname, relation?.relname ?? '')?.kind === 'view'
}

/** PostgreSQL 15's VACUUM options (`VACUUM (name [value], ...)` and the old keywords). */
const vacuumOptions: ReadonlySet<string> = new Set([
  'full',
  'freeze',
  'verbose',
  'analyze',
  'disable_page_skipping',
  'skip_locked',
  'index_cleanup',
  'process_toast',
  'truncate',
  'parallel',
])

/** ANALYZE's options. */
const analyzeOptions: ReadonlySet<string> = new Set(['verbose', 'skip_locked'])

/**
 * VACUUM [(options)] [table, ...] and ANALYZE [table, ...]: names and options are checked with
 * PostgreSQL's errors. VACUUM runs one pass over every table (the kernel keeps all rows in one
 * tree), whatever its options say; ANALYZE collects nothing, since the planner does not read
 * statistics yet (docs/architecture/sql.md), and so only checks what it was given.
 */
function bindVacuum(context: BindContext, vacuum: VacuumStmt): BoundStatement {
  const isVacuum = vacuum.is_vacuumcmd === true
  const known = isVacuum ? vacuumOptions : analyzeOptions
  for (const node of vacuum.options ?? []) {
    if (!('DefElem' in node)) continue
    const name = node.DefElem.defname ?? ''
    if (!known.has(name)) {
      const position = context.position(node.DefElem.location)
      throw new SqlError(
        SqlState.syntaxError,
        `unrecognized ${isVacuum ? 'VACUUM' : 'ANALYZE'} option "${name}"`,
        position === undefined ? {} : { position },
      )
    }
    if (name !== 'index_cleanup' && name !== 'parallel') defBoolean(node.DefElem)
  }
  for (const node of vacuum.rels ?? []) {
    if (!('VacuumRelation' in node)) continue
    const relation = node.VacuumRelation.relation
    context.getTable(relation?.schemaname, relation?.relname ?? '', relation?.location)
  }
  return { kind: 'Vacuum', isAnalyzeOnly: !isVacuum }
}

function bindTransaction(statement: TransactionStmt): BoundTransaction {
  switch (statement.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return { kind: 'Transaction', action: 'begin', ...bindBeginModes(statement.options ?? []) }
    case 'TRANS_STMT_COMMIT':
      if (statement.chain === true) throw notSupported('COMMIT AND CHAIN')
      return { kind: 'Transaction', action: 'commit', isolation: undefined }
    case 'TRANS_STMT_ROLLBACK':
      if (statement.chain === true) throw notSupported('ROLLBACK AND CHAIN')
      return { kind: 'Transaction', action: 'rollback', isolation: undefined }
    case 'TRANS_STMT_SAVEPOINT':
      return savepointStatement('savepoint', statement)
    case 'TRANS_STMT_RELEASE':
      return savepointStatement('release', statement)
    case 'TRANS_STMT_ROLLBACK_TO':
      return savepointStatement('rollbackTo', statement)
    default:
      throw notSupported(describeStatement(statement.kind ?? 'transaction statement'))
  }
}

/** BEGIN's modes, with `isolation` always present (undefined: the session default). */
function bindBeginModes(
  options: readonly Node[],
): Pick<BoundTransaction, 'isolation' | 'isReadOnly'> {
  const modes = bindTransactionModes(options)
  return { ...modes, isolation: modes.isolation }
}

function savepointStatement(
  action: 'savepoint' | 'release' | 'rollbackTo',
  statement: TransactionStmt,
): BoundTransaction {
  return {
    kind: 'Transaction',
    action,
    isolation: undefined,
    savepoint: statement.savepoint_name ?? '',
  }
}

/** 'VariableSetStmt' → 'VariableSet statements'; 'TRANS_STMT_SAVEPOINT' → 'SAVEPOINT'. */
function describeStatement(tag: string): string {
  if (tag.startsWith('TRANS_STMT_')) return tag.slice('TRANS_STMT_'.length).replaceAll('_', ' ')
  return `${tag.replace(/Stmt$/, '')} statements`
}

function notSupported(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}

/** The role statements (bind-role.ts), or undefined for any other statement. */
function bindRoleStatement(context: BindContext, node: Node): BoundRoleCommand | undefined {
  if ('CreateRoleStmt' in node) return bindCreateRole(context, node.CreateRoleStmt)
  if ('AlterRoleStmt' in node) return bindAlterRole(context, node.AlterRoleStmt)
  if ('DropRoleStmt' in node) return bindDropRole(context, node.DropRoleStmt)
  if ('GrantRoleStmt' in node) return bindGrantRole(context, node.GrantRoleStmt)
  if ('AlterOwnerStmt' in node) return bindAlterOwner(context, node.AlterOwnerStmt)
  if ('ReassignOwnedStmt' in node) return bindReassignOwned(context, node.ReassignOwnedStmt)
  if ('DropOwnedStmt' in node) return bindDropOwned(context, node.DropOwnedStmt)
  if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_ROLE') {
    return bindRenameRole(node.RenameStmt)
  }
  if ('AlterTableStmt' in node) {
    const alter = node.AlterTableStmt
    const commands = alter.cmds ?? []
    const first = commands[0]
    const command =
      first !== undefined && 'AlterTableCmd' in first ? first.AlterTableCmd : undefined
    if (command?.subtype !== 'AT_ChangeOwner') return undefined
    if (commands.length > 1) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'OWNER TO with other ALTER TABLE actions is not supported yet',
      )
    }
    const word =
      alter.objtype === 'OBJECT_VIEW'
        ? 'view'
        : alter.objtype === 'OBJECT_SEQUENCE'
          ? 'sequence'
          : 'table'
    return bindAlterRelationOwner(context, {
      word,
      schema: alter.relation?.schemaname,
      name: alter.relation?.relname ?? '',
      missingOk: alter.missing_ok === true,
      newOwner: command.newowner,
    })
  }
  return undefined
}
