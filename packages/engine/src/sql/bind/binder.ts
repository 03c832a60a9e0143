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
  type TransactionStmt,
  type VacuumStmt,
} from '../parse/index.js'
import { BindContext, type BindSession, defaultBindSession } from './bind-context.js'
import { bindCreateSchema, bindCreateTable } from './bind-ddl.js'
import { bindDrop } from './bind-drop.js'
import { bindCreateIndex, bindRenameIndex } from './bind-index.js'
import { bindInsert } from './bind-insert.js'
import { bindDelete, bindUpdate } from './bind-modify.js'
import { bindSelect } from './bind-select.js'
import { bindSet } from './bind-set.js'
import type { BoundQuery, BoundStatement, BoundTransaction } from './bound.js'

export function bindStatement(
  catalog: Catalog,
  statement: ParsedStatement,
  typeContext?: TypeContext,
  session: BindSession = defaultBindSession,
): BoundQuery {
  const context = new BindContext(catalog, statement.source, typeContext, session)
  context.bindSubquery = (select, parent) => bindSelect(context, select, parent)
  const bound = bindNode(context, statement)
  return { statement: bound, parameterTypes: context.parameterTypes(sqlTypes.text) }
}

function bindNode(context: BindContext, statement: ParsedStatement): BoundStatement {
  const node = statement.node
  if ('SelectStmt' in node) return bindSelect(context, node.SelectStmt)
  if ('InsertStmt' in node) return bindInsert(context, node.InsertStmt)
  if ('UpdateStmt' in node) return bindUpdate(context, node.UpdateStmt)
  if ('DeleteStmt' in node) return bindDelete(context, node.DeleteStmt)
  if ('CreateStmt' in node) return bindCreateTable(context, node.CreateStmt)
  if ('DropStmt' in node) return bindDrop(context, node.DropStmt)
  if ('IndexStmt' in node) return bindCreateIndex(context, node.IndexStmt)
  if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_INDEX') {
    return bindRenameIndex(context, node.RenameStmt)
  }
  if ('CreateSchemaStmt' in node) return bindCreateSchema(context, node.CreateSchemaStmt)
  if ('TransactionStmt' in node) return bindTransaction(node.TransactionStmt)
  if ('VariableSetStmt' in node) return bindSet(node.VariableSetStmt)
  if ('VacuumStmt' in node) return bindVacuum(context, node.VacuumStmt)
  if ('VariableShowStmt' in node) return { kind: 'Show', name: node.VariableShowStmt.name ?? '' }
  if ('ExplainStmt' in node) {
    const inner = node.ExplainStmt.query
    if ((node.ExplainStmt.options ?? []).length > 0) throw notSupported('EXPLAIN options')
    if (inner === undefined || !('SelectStmt' in inner))
      throw notSupported('EXPLAIN of this statement')
    return { kind: 'Explain', statement: bindSelect(context, inner.SelectStmt) }
  }
  throw notSupported(describeStatement(nodeTag(node)))
}

/** VACUUM [table, ...]: names are checked; the pass covers every table (the kernel keeps all
 * rows in one tree). ANALYZE and VACUUM options wait for planner statistics (#4). */
function bindVacuum(context: BindContext, vacuum: VacuumStmt): BoundStatement {
  if (vacuum.is_vacuumcmd !== true) throw notSupported('ANALYZE')
  if ((vacuum.options ?? []).length > 0) throw notSupported('VACUUM options')
  for (const node of vacuum.rels ?? []) {
    if (!('VacuumRelation' in node)) continue
    const relation = node.VacuumRelation.relation
    context.getTable(relation?.schemaname, relation?.relname ?? '', relation?.location)
  }
  return { kind: 'Vacuum' }
}

function bindTransaction(statement: TransactionStmt): BoundTransaction {
  switch (statement.kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return {
        kind: 'Transaction',
        action: 'begin',
        isolation: bindTransactionModes(statement.options ?? []),
      }
    case 'TRANS_STMT_COMMIT':
      if (statement.chain === true) throw notSupported('COMMIT AND CHAIN')
      return { kind: 'Transaction', action: 'commit', isolation: undefined }
    case 'TRANS_STMT_ROLLBACK':
      if (statement.chain === true) throw notSupported('ROLLBACK AND CHAIN')
      return { kind: 'Transaction', action: 'rollback', isolation: undefined }
    default:
      throw notSupported(describeStatement(statement.kind ?? 'transaction statement'))
  }
}

/**
 * Transaction modes of BEGIN / START TRANSACTION. READ UNCOMMITTED behaves as READ COMMITTED, as
 * in PostgreSQL. SERIALIZABLE is refused rather than run as something weaker.
 */
function bindTransactionModes(options: readonly Node[]): BoundTransaction['isolation'] {
  let isolation: BoundTransaction['isolation']
  for (const option of options) {
    if (!('DefElem' in option)) throw notSupported('this transaction mode')
    const name = option.DefElem.defname
    const arg = option.DefElem.arg
    if (name === 'transaction_isolation') {
      const level = arg !== undefined && 'A_Const' in arg ? arg.A_Const.sval?.sval : undefined
      if (level === 'serializable') throw notSupported('SERIALIZABLE isolation')
      isolation = level === 'repeatable read' ? 'repeatable read' : 'read committed'
    } else if (name === 'transaction_read_only') {
      throw notSupported('READ ONLY transaction mode')
    } else if (name === 'transaction_deferrable') {
      throw notSupported('DEFERRABLE transaction mode')
    } else {
      throw notSupported(`transaction mode ${name ?? ''}`)
    }
  }
  return isolation
}

/** 'VariableSetStmt' → 'VariableSet statements'; 'TRANS_STMT_SAVEPOINT' → 'SAVEPOINT'. */
function describeStatement(tag: string): string {
  if (tag.startsWith('TRANS_STMT_')) return tag.slice('TRANS_STMT_'.length).replaceAll('_', ' ')
  return `${tag.replace(/Stmt$/, '')} statements`
}

function notSupported(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
