/**
 * The parser's AST types (from @pgsql/types, matching libpg-query 18) and small accessors that
 * fill in protobuf defaults: a missing integer is 0, a missing boolean false, a missing list
 * empty. Binders read the AST only through these types and helpers.
 */
import type { Node } from '@pgsql/types'
import { InternalError } from '../../errors/index.js'

export type {
  A_ArrayExpr,
  A_Const,
  A_Expr,
  A_Indirection,
  AlterEnumStmt,
  AlterObjectSchemaStmt,
  AlterOwnerStmt,
  AlterRoleStmt,
  AlterSeqStmt,
  AlterTableCmd,
  AlterTableStmt,
  BoolExpr,
  BooleanTest,
  CaseExpr,
  ColumnDef,
  ColumnRef,
  CommentStmt,
  CommonTableExpr,
  CompositeTypeStmt,
  Constraint,
  CopyStmt,
  CreateEnumStmt,
  CreateFunctionStmt,
  CreateRoleStmt,
  CreateSchemaStmt,
  CreateSeqStmt,
  CreateStmt,
  DeallocateStmt,
  DefElem,
  DeleteStmt,
  DiscardStmt,
  DropOwnedStmt,
  DropRoleStmt,
  DropStmt,
  ExecuteStmt,
  ExplainStmt,
  FuncCall,
  FunctionParameter,
  GrantRoleStmt,
  IndexElem,
  IndexStmt,
  InsertStmt,
  JoinExpr,
  Node,
  NullTest,
  ObjectWithArgs,
  OnConflictClause,
  ParamRef,
  PrepareStmt,
  RangeFunction,
  RangeSubselect,
  RangeVar,
  ReassignOwnedStmt,
  RenameStmt,
  ResTarget,
  ReturningClause,
  ReturnStmt,
  RoleSpec,
  SelectStmt,
  SortBy,
  SQLValueFunction,
  SubLink,
  TransactionStmt,
  TruncateStmt,
  TypeCast,
  TypeName,
  UpdateStmt,
  VacuumStmt,
  VariableSetStmt,
  VariableShowStmt,
  ViewStmt,
  WindowDef,
  WithClause,
} from '@pgsql/types'

/** The node's tag: 'SelectStmt', 'A_Const', ... */
export function nodeTag(node: Node): string {
  for (const key in node) return key
  throw new InternalError('AST node without a tag')
}

/** The `sval` of a String node, or undefined for other nodes. */
export function stringOf(node: Node | undefined): string | undefined {
  if (node !== undefined && 'String' in node) return node.String.sval ?? ''
  return undefined
}

/** The strings of a list of String nodes (qualified names, column name lists). */
export function stringsOf(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = []
  for (const node of nodes ?? []) {
    const value = stringOf(node)
    if (value === undefined) throw new InternalError(`expected a String node, got ${nodeTag(node)}`)
    out.push(value)
  }
  return out
}
