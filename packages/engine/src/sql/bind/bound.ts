/**
 * The bound tree: statements after name resolution and type checking. Plain, readonly data
 * (tagged unions on `kind`), printable and testable; the planner and executor consume it.
 * Every expression knows its result type; column references name the column (ColumnId) they
 * read, and relational operators (relation.ts) say which columns their rows carry.
 */
import type {
  IdentityKind,
  Index,
  IndexEntry,
  ReferentialAction,
  Relation,
  Schema,
  Sequence,
  SqlFunction,
  StoredExpression,
  StoredQuery,
  Table,
  UserType,
  View,
} from '../../catalog/index.js'
import type { SqlType, Value } from '../../types/index.js'
import type {
  ArithmeticOperator,
  BuiltinAggregate,
  BuiltinFunction,
  BuiltinSetFunction,
  Coercion,
  ComparisonOperator,
  WindowFunctionName,
} from '../functions/index.js'
import type { AlterTableStmt, Node, RenameStmt, SourceText } from '../parse/index.js'
import type { BoundCopyFrom, BoundCopyTo } from './bind-copy.js'
import type { BoundRoleCommand } from './bind-role.js'
import type { Rel } from './relation.js'

export type { ArithmeticOperator, ComparisonOperator }

/** Identifies a column of some relation in one statement (allocated by the binder): plan
 * nodes say which columns their rows carry, so rewrites can reorder joins without renumbering. */
export type ColumnId = number

/** Where a column comes from, for RowDescription (table or view OID and attribute number). */
export interface ColumnOrigin {
  readonly table: Table | View
  /** attnum, 1-based. */
  readonly number: number
}

export type BoundExpr =
  | {
      readonly kind: 'Constant'
      readonly type: SqlType
      readonly value: Value
      /** Where a literal appears (1-based), for errors raised when its type is resolved. */
      readonly position?: number
    }
  | {
      readonly kind: 'ColumnRef'
      readonly type: SqlType
      readonly column: ColumnId
      readonly name: string
      readonly origin: ColumnOrigin | undefined
    }
  | { readonly kind: 'Parameter'; readonly type: SqlType /** 0-based */; readonly index: number }
  | {
      readonly kind: 'Comparison'
      readonly type: SqlType
      readonly operator: ComparisonOperator
      readonly left: BoundExpr
      readonly right: BoundExpr
    }
  | {
      readonly kind: 'Logical'
      readonly type: SqlType
      readonly operator: 'and' | 'or'
      readonly args: readonly BoundExpr[]
    }
  | { readonly kind: 'Not'; readonly type: SqlType; readonly arg: BoundExpr }
  | {
      readonly kind: 'IsNull'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly isNegated: boolean
    }
  | {
      readonly kind: 'Arithmetic'
      readonly type: SqlType
      readonly operator: ArithmeticOperator
      readonly left: BoundExpr
      readonly right: BoundExpr
    }
  | { readonly kind: 'Negate'; readonly type: SqlType; readonly arg: BoundExpr }
  | { readonly kind: 'Cast'; readonly type: SqlType; readonly arg: BoundExpr }
  /** A built-in function or operator call, resolved; arguments coerced to its types. */
  | {
      readonly kind: 'Call'
      readonly type: SqlType
      /** The function's name, or the operator's symbol. */
      readonly name: string
      readonly callee: Callee
      readonly isOperator: boolean
      readonly args: readonly BoundExpr[]
      /** A SQL function the planner inlines (plan/rules/inline-functions.ts). */
      readonly inline?: InlineBody
    }
  /** A conversion chosen by type resolution (a declared cast, I/O through text, or arrays). */
  | {
      readonly kind: 'Coerce'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly coercion: Coercion
      /** CAST / :: (varchar(n) truncates silently) rather than an implicit or assignment
       * coercion; the target's typmod is applied after the conversion either way. */
      readonly isExplicit?: boolean
    }
  /** CASE WHEN c THEN r ... ELSE e END (a simple CASE is bound to equality conditions). */
  | {
      readonly kind: 'Case'
      readonly type: SqlType
      readonly whens: readonly { readonly condition: BoundExpr; readonly result: BoundExpr }[]
      readonly otherwise: BoundExpr
    }
  /** ARRAY[a, b, ...]: a one-dimensional array of the arguments, or, when they are arrays
   * themselves (`isMultidimensional`), an array one dimension deeper (2202E unless they match). */
  | {
      readonly kind: 'ArrayConstructor'
      readonly type: SqlType
      readonly args: readonly BoundExpr[]
      readonly isMultidimensional: boolean
    }
  /** arg[i][j] (an element; `upper` holds each index) or arg[l:u]... (a slice, `isSlice`; an
   * omitted bound is the array's own). */
  | {
      readonly kind: 'Subscript'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly subscripts: readonly {
        readonly lower: BoundExpr | undefined
        readonly upper: BoundExpr | undefined
      }[]
      readonly isSlice: boolean
    }
  /** left op ANY/ALL (array): `test` (reading the element as column `element`) for each
   * element, combined with three-valued OR (ANY) or AND (ALL); NULL for a NULL array. */
  | {
      readonly kind: 'ScalarArrayOp'
      readonly type: SqlType
      readonly isAny: boolean
      readonly array: BoundExpr
      readonly element: ColumnId
      readonly test: BoundExpr
    }
  /** COALESCE(a, b, ...): the first non-NULL argument, later ones not evaluated. */
  | { readonly kind: 'Coalesce'; readonly type: SqlType; readonly args: readonly BoundExpr[] }
  /** GREATEST / LEAST: NULLs ignored, NULL only when all are. */
  | {
      readonly kind: 'MinMax'
      readonly type: SqlType
      readonly isGreatest: boolean
      readonly args: readonly BoundExpr[]
    }
  /** NULLIF(a, b): NULL when `equals` (a = b) is true, else a. */
  | {
      readonly kind: 'NullIf'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly equals: BoundExpr
    }
  /** x IS [NOT] TRUE / FALSE / UNKNOWN: never NULL. */
  | {
      readonly kind: 'BooleanTest'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly test: 'true' | 'false' | 'unknown'
      readonly isNegated: boolean
    }
  /** a IS [NOT] DISTINCT FROM b: `equals` is a = b (NULLs handled around it). */
  | {
      readonly kind: 'IsDistinct'
      readonly type: SqlType
      readonly left: BoundExpr
      readonly right: BoundExpr
      readonly equals: BoundExpr
      readonly isNegated: boolean
    }
  /**
   * A subquery in an expression. EXISTS: any row; scalar: the one column of at most one row;
   * ANY / ALL: `test` (over the subquery's row, the outer row reached as outer references) for
   * each row, combined with SQL's three-valued OR / AND.
   */
  | {
      readonly kind: 'SubLink'
      readonly type: SqlType
      /** `array`: ARRAY(subquery), every row's one column collected into an array. */
      readonly link: 'exists' | 'scalar' | 'any' | 'all' | 'array'
      readonly plan: Rel
      readonly test: BoundExpr | undefined
    }
  /**
   * A set-returning function call (generate_series, unnest, jsonb_each). It lives in a
   * FunctionScan (FROM) or a ProjectSet (select list); elsewhere the binder replaces it by a
   * column of the ProjectSet below. `columns`: the result columns of a function returning
   * several (jsonb_each: key, value) or called with a column definition list; in the select
   * list such a call yields a record.
   */
  | {
      readonly kind: 'SetCall'
      readonly type: SqlType
      readonly name: string
      readonly setFunction: SetCallee
      readonly args: readonly BoundExpr[]
      readonly columns: readonly ResultColumn[] | undefined
      /** Where the call appears (1-based), for errors about its placement. */
      readonly position?: number
    }
  /** An aggregate call while binding; replaced by a column of the Aggregate node. */
  | {
      readonly kind: 'Aggregate'
      readonly type: SqlType
      readonly name: string
      readonly aggregate: BuiltinAggregate<unknown>
      readonly args: readonly BoundExpr[]
      readonly isDistinct: boolean
      readonly filter: BoundExpr | undefined
      /** agg(x ORDER BY y): rows are fed to the aggregate in this order. */
      readonly orderBy: readonly BoundSortKey[]
    }
  /** A window function call (f(...) OVER ...) while binding; replaced by a column of the
   * Window node that computes it (bound-window.ts has the window's parts). */
  | {
      readonly kind: 'WindowCall'
      readonly type: SqlType
      readonly name: string
      /** A window function, or an aggregate over the window frame. */
      readonly function:
        | { readonly kind: 'window'; readonly name: WindowFunctionName }
        | { readonly kind: 'aggregate'; readonly aggregate: BuiltinAggregate<unknown> }
      readonly args: readonly BoundExpr[]
      /** agg(...) FILTER (WHERE ...) OVER ...: rows failing it are left out of the frame. */
      readonly filter: BoundExpr | undefined
      readonly window: BoundWindow
    }

/**
 * A window definition after name resolution (WINDOW w AS (...), OVER (w ...)): rows are
 * partitioned by `partitionBy`, ordered within a partition by `orderBy` (rows equal on every
 * key are peers), and aggregates and frame-reading functions see the frame around each row.
 */
export interface BoundWindow {
  readonly partitionBy: readonly BoundExpr[]
  readonly orderBy: readonly BoundSortKey[]
  readonly frame: BoundFrame
}

export type FrameMode = 'rows' | 'range' | 'groups'

export interface BoundFrameBound {
  readonly kind:
    | 'unboundedPreceding'
    | 'preceding'
    | 'currentRow'
    | 'following'
    | 'unboundedFollowing'
  /** n PRECEDING / FOLLOWING: int8 for ROWS and GROUPS; for RANGE, of the type that is added to
   * or subtracted from the ordering key. */
  readonly offset: BoundExpr | undefined
}

/** ROWS / RANGE / GROUPS BETWEEN start AND end [EXCLUDE ...]; the default is RANGE BETWEEN
 * UNBOUNDED PRECEDING AND CURRENT ROW. */
export interface BoundFrame {
  readonly mode: FrameMode
  readonly start: BoundFrameBound
  readonly end: BoundFrameBound
  readonly exclude: 'noOthers' | 'currentRow' | 'group' | 'ties'
  /** RANGE with an offset: how `key ± offset` is computed and compared. */
  readonly range: BoundRangeOffset | undefined
}

/**
 * RANGE n PRECEDING / FOLLOWING over the one ordering key: `sum` and `difference` compute
 * key + offset and key - offset from a row [key, offset] (columns `keyColumn`, `offsetColumn`),
 * `probe` turns a key into the type they return (date → timestamp), and values of that type are
 * compared. Integers and floats use exact arithmetic in the executor instead (PostgreSQL's
 * in_range functions never overflow), and time adds the interval's time part without wrapping
 * at midnight, so for them the expressions are not used.
 */
export interface BoundRangeOffset {
  readonly arithmetic: 'integer' | 'float' | 'time' | 'general'
  readonly keyColumn: ColumnId
  readonly offsetColumn: ColumnId
  readonly probe: BoundExpr
  readonly sum: BoundExpr
  readonly difference: BoundExpr
}

/** What the executor needs of a function or operator declaration. */
export interface Callee {
  readonly evaluate: BuiltinFunction['evaluate']
  readonly isStrict: boolean
  readonly volatility: BuiltinFunction['volatility']
  /** The OID of a user-defined function (absent for built-ins): what privilege checks and
   * dependency tracking look at. */
  readonly routine?: number
}

/**
 * The body of an inlinable SQL function (`SELECT expr`), bound with each parameter read as
 * column `parameters[i]` (columns of no relation): the planner puts the call's arguments there.
 */
export interface InlineBody {
  readonly parameters: readonly ColumnId[]
  readonly body: BoundExpr
}

/** What the executor needs of a set-returning function's declaration. */
export interface SetCallee {
  readonly evaluate: BuiltinSetFunction['evaluate']
  readonly isStrict: boolean
  readonly volatility: BuiltinSetFunction['volatility']
  /** The OID of a user-defined function (absent for built-ins). */
  readonly routine?: number
}

/** One result column of a set-returning function. */
export interface ResultColumn {
  readonly name: string
  readonly type: SqlType
}

export interface BoundSortKey {
  readonly expr: BoundExpr
  readonly isDescending: boolean
  readonly isNullsFirst: boolean
}

/** One output column of a query: its name, type, the column carrying it, and its origin. */
export interface OutputColumn {
  readonly name: string
  readonly type: SqlType
  readonly column: ColumnId
  readonly origin: ColumnOrigin | undefined
}

/** A SELECT (or VALUES, or set operation): its relational plan and the columns it returns. */
export interface BoundSelect {
  readonly kind: 'Select'
  readonly plan: Rel
  readonly output: readonly OutputColumn[]
  /** Whether some call in the statement can be inlined (set for whole statements; absent for
   * subqueries and unknown): the planner skips the inline-functions rule when false. */
  readonly hasInlineCalls?: boolean
}

export interface BoundRowLock {
  readonly mode: 'share' | 'update'
  readonly policy: 'wait' | 'nowait' | 'skip'
}

export interface BoundCreateTable {
  readonly kind: 'CreateTable'
  readonly schema: string
  readonly name: string
  readonly columns: readonly {
    readonly name: string
    readonly type: SqlType
    readonly isNotNull: boolean
    readonly default?: StoredExpression | undefined
    readonly generated?: StoredExpression | undefined
    /** GENERATED ... AS IDENTITY: the sequence is created with the table. */
    readonly identity?: { readonly kind: IdentityKind; readonly options: SequenceOptions }
    /** serial: an owned sequence and a nextval default are created with the table. */
    readonly isSerial?: boolean
  }[]
  /** Column indexes of the primary key, and its constraint name. */
  readonly primaryKey: { readonly name: string; readonly columns: readonly number[] } | undefined
  /** FOREIGN KEY constraints, in the order written (column ones in column order). */
  readonly foreignKeys: readonly ForeignKeyDefinition[]
  /** CHECK constraints, named; they get OIDs after the table's and its primary key's. */
  readonly checks: readonly {
    readonly name: string
    readonly expression: StoredExpression
    readonly isValidated: boolean
  }[]
  readonly ifNotExists: boolean
  /** UNIQUE column and table constraints, each enforced by an index of the same name. */
  readonly uniques?: readonly BoundUniqueConstraint[]
}

export interface BoundUniqueConstraint {
  readonly name: string
  /** Column indexes, in key order. */
  readonly columns: readonly number[]
  readonly nullsNotDistinct: boolean
}

/** One key of CREATE INDEX: a column (index into the table's columns) or an expression. */
export interface BoundIndexKey {
  readonly column: number | undefined
  readonly expr: BoundExpr | undefined
  readonly descending: boolean
  readonly nullsFirst: boolean
}

/** CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (keys) [INCLUDE] [WHERE]. */
export interface BoundCreateIndex {
  readonly kind: 'CreateIndex'
  readonly table: Table
  readonly name: string
  /** The ColumnIds the key expressions and predicate read (table column i is columns[i]). */
  readonly columns: readonly ColumnId[]
  readonly keys: readonly BoundIndexKey[]
  readonly include: readonly number[]
  readonly predicate: BoundExpr | undefined
  /** The parser's ASTs of expression keys (undefined for column keys) and of the predicate,
   * stored (without locations) in the catalog. */
  readonly nodes: {
    readonly keys: readonly (Node | undefined)[]
    readonly predicate: Node | undefined
  }
  readonly isUnique: boolean
  readonly nullsNotDistinct: boolean
  readonly ifNotExists: boolean
}

/** ALTER INDEX [IF EXISTS] name RENAME TO new_name. */
export interface BoundRenameIndex {
  readonly kind: 'RenameIndex'
  readonly entry: IndexEntry | undefined
  readonly newName: string
  /** IF EXISTS and the index is missing: this NOTICE, nothing else. */
  readonly missingNotice: string | undefined
}

/** A FOREIGN KEY as written: the referenced table is resolved when the constraint is added
 * (sql/execute/ddl/foreign-keys.ts), after the table itself exists. */
export interface ForeignKeyDefinition {
  /** CONSTRAINT name; undefined: chosen as `<table>_<columns>_fkey`. */
  readonly name: string | undefined
  /** Referencing columns (indexes into the table's columns). */
  readonly columns: readonly number[]
  readonly referencedSchema: string | undefined
  readonly referencedName: string
  /** Referenced column names; empty: the referenced table's primary key. */
  readonly referencedColumns: readonly string[]
  readonly onDelete: ReferentialAction
  readonly onUpdate: ReferentialAction
  /** ON DELETE SET NULL / SET DEFAULT (columns): only these columns are set. */
  readonly deleteSetColumns: readonly number[] | undefined
  readonly match: 'simple' | 'full'
  readonly isDeferrable: boolean
  readonly isInitiallyDeferred: boolean
  readonly isValidated: boolean
  /** Where the constraint starts in the statement, for errors. */
  readonly position: number | undefined
}

/**
 * Sequence options as written (bind-sequence.ts); absent: not given. `null` is NO MINVALUE /
 * NO MAXVALUE, RESTART without a value, OWNED BY NONE.
 */
export interface SequenceOptions {
  readonly type?: SqlType
  readonly increment?: bigint
  readonly min?: bigint | null
  readonly max?: bigint | null
  readonly start?: bigint
  readonly restart?: bigint | null
  readonly cache?: bigint
  readonly cycle?: boolean
  readonly ownedBy?: { readonly table: Table; readonly column: number } | null
}

export interface BoundCreateSequence {
  readonly kind: 'CreateSequence'
  readonly schema: string
  readonly name: string
  readonly options: SequenceOptions
  readonly ifNotExists: boolean
}

/** ALTER SEQUENCE [IF EXISTS]: `sequence` undefined when IF EXISTS found none. */
export interface BoundAlterSequence {
  readonly kind: 'AlterSequence'
  readonly sequence: Sequence | undefined
  readonly options: SequenceOptions
  readonly missingNotice: string | undefined
}

/** What one DROP names: a relation (table, view, sequence), an index, or a schema. */
export type DropTarget =
  | { readonly kind: 'relation'; readonly relation: Relation }
  | { readonly kind: 'index'; readonly entry: IndexEntry }
  | { readonly kind: 'schema'; readonly schema: Schema }

/** DROP TABLE / VIEW / INDEX / SEQUENCE / SCHEMA: the objects named (dependents are found at
 * execution), CASCADE, and the NOTICEs of IF EXISTS names that do not exist. */
export interface BoundDrop {
  readonly kind: 'Drop'
  /** The command tag's object: 'TABLE', 'VIEW', 'INDEX', 'SEQUENCE', 'SCHEMA'. */
  readonly objectKind: string
  readonly targets: readonly DropTarget[]
  readonly cascade: boolean
  readonly missingNotices: readonly string[]
}

/** CREATE TYPE schema.name AS ENUM (labels). */
export interface BoundCreateType {
  readonly kind: 'CreateType'
  readonly schema: string
  readonly name: string
  readonly labels: readonly string[]
}

/** ALTER TYPE: ADD VALUE, RENAME VALUE, RENAME TO. */
export interface BoundAlterType {
  readonly kind: 'AlterType'
  readonly type: UserType
  readonly action:
    | {
        readonly kind: 'addValue'
        readonly label: string
        /** BEFORE / AFTER this label; undefined: at the end. */
        readonly neighbor: string | undefined
        readonly isAfter: boolean
        readonly ifNotExists: boolean
      }
    | { readonly kind: 'renameValue'; readonly from: string; readonly to: string }
    | { readonly kind: 'rename'; readonly name: string }
}

/** DROP TYPE: the types named (dependent columns are found at execution). */
export interface BoundDropType {
  readonly kind: 'DropType'
  readonly types: readonly UserType[]
  readonly cascade: boolean
  readonly missingNotices: readonly string[]
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]. */
export interface BoundCreateSchema {
  readonly kind: 'CreateSchema'
  readonly name: string
  readonly owner: string
  readonly ifNotExists: boolean
}

/** CREATE [OR REPLACE] VIEW: the definition to store (catalog View without its OID). */
export interface BoundCreateView {
  readonly kind: 'CreateView'
  readonly schema: string
  readonly name: string
  readonly isReplace: boolean
  readonly columns: View['columns']
  readonly query: StoredQuery
  readonly checkOption: View['checkOption']
  readonly securityInvoker: boolean
  readonly securityBarrier: boolean
  readonly dependsOn: readonly number[]
}

/** A function definition before it has an OID. */
export type FunctionDefinition = Omit<SqlFunction, 'oid'>

/** CREATE [OR REPLACE] FUNCTION: the definition to store (catalog SqlFunction without OID). */
export interface BoundCreateFunction {
  readonly kind: 'CreateFunction'
  readonly isReplace: boolean
  readonly definition: FunctionDefinition
}

/** DROP FUNCTION: the functions named, and IF EXISTS notices for those that do not exist. */
export interface BoundDropFunction {
  readonly kind: 'DropFunction'
  readonly functions: readonly SqlFunction[]
  /** CASCADE: views calling the functions are dropped too (2BP01 otherwise). */
  readonly cascade: boolean
  readonly missingNotices: readonly string[]
}

/** ALTER FUNCTION ... RENAME TO, COMMENT ON FUNCTION: a function's definition replaced by
 * `next` (same OID). */
export interface BoundAlterFunction {
  readonly kind: 'AlterFunction'
  readonly commandTag: string
  readonly previous: SqlFunction
  readonly next: SqlFunction
}

/** ALTER VIEW ... RENAME TO / RENAME COLUMN. */
export interface BoundRenameView {
  readonly kind: 'RenameView'
  /** undefined: IF EXISTS named no relation; `missingNotice` says so. */
  readonly view: View | undefined
  readonly missingNotice: string | undefined
  /** undefined: the view itself is renamed; else the index of the renamed column. */
  readonly column: number | undefined
  readonly newName: string
}

/**
 * WITH CHECK OPTION conditions of the views a row is written through (innermost first): each
 * new row must satisfy every condition, read over the base table's columns as `columns` carry
 * them, or the write fails with 44000 naming the view.
 */
export interface BoundViewChecks {
  readonly columns: readonly ColumnId[]
  readonly checks: readonly { readonly view: string; readonly condition: BoundExpr }[]
}

/** RETURNING: the output columns and their expressions over the written row, whose values
 * are laid out as `columns` (the target table's columns, then those of FROM / USING). */
export interface BoundReturning {
  readonly columns: readonly ColumnId[]
  readonly output: readonly OutputColumn[]
  readonly exprs: readonly BoundExpr[]
}

/** UPDATE ... FROM / DELETE ... USING: the other items as one plan, whose rows carry
 * `columns`; a target row is changed once, joined with the first row meeting `condition`. */
export interface BoundModifyFrom {
  readonly plan: Rel
  readonly columns: readonly ColumnId[]
}

export interface BoundInsert {
  readonly kind: 'Insert'
  readonly table: Table
  /** For each value position, the index of the target column. */
  readonly targetColumns: readonly number[]
  /** VALUES rows, already coerced to the target columns' types. */
  readonly rows: readonly (readonly BoundExpr[])[]
  /** INSERT ... SELECT: a plan whose rows are the values, coerced, in target column order. */
  readonly query: Rel | undefined
  /** Inserting through views with WITH CHECK OPTION. */
  readonly viewChecks?: BoundViewChecks | undefined
  /** Evaluated per row after the given values (overriding them): defaults of the columns not
   * given, and of identity columns under OVERRIDING USER VALUE. */
  readonly defaults: readonly { readonly column: number; readonly expr: BoundExpr }[]
  /** Generated columns, computed last from the row, read through `rowColumns`. */
  readonly generated: readonly { readonly column: number; readonly expr: BoundExpr }[]
  /** The ids the row's columns carry (in table column order) for `generated`. */
  readonly rowColumns: readonly ColumnId[]
  /** RETURNING over the stored row. */
  readonly returning?: BoundReturning | undefined
  /** ON CONFLICT DO NOTHING / DO UPDATE. */
  readonly onConflict?: BoundOnConflict | undefined
}

/** A unique constraint ON CONFLICT arbitrates: the primary key or a unique index. */
export type ConflictArbiter =
  | { readonly kind: 'primaryKey' }
  | { readonly kind: 'index'; readonly index: Index }

/**
 * INSERT ... ON CONFLICT: a proposed row whose key one of the arbiters already holds is not
 * inserted; DO NOTHING skips it, DO UPDATE changes the row holding the key (when `condition`
 * holds). Assignments, generated columns and the condition read the existing row then the
 * proposed one (EXCLUDED), laid out as `columns`.
 */
export interface BoundOnConflict {
  readonly action: 'nothing' | 'update'
  /** PostgreSQL's arbiter indexes (for DO NOTHING without a target, every unique one). */
  readonly arbiters: readonly ConflictArbiter[]
  /** The existing row's columns (what a scan of the table carries), then EXCLUDED's. */
  readonly columns: readonly ColumnId[]
  readonly assignments: readonly { readonly column: number; readonly expr: BoundExpr }[]
  /** Generated columns recomputed over the new row (read through the first half of `columns`). */
  readonly generated: readonly { readonly column: number; readonly expr: BoundExpr }[]
  readonly condition: BoundExpr | undefined
}

/** A data-modifying WITH query: run once, before the statement, its RETURNING rows stored
 * in the work table that references to it scan. */
export interface BoundModifyingCte {
  readonly workTable: number
  readonly statement: BoundInsert | BoundUpdate | BoundDelete
}

/**
 * A statement whose top-level WITH holds data-modifying queries: they run first, in order, each
 * to completion (referenced or not); every part reads the same snapshot, so the main statement
 * does not see their changes (one command id), only their RETURNING rows.
 */
export interface BoundModifyingWith {
  readonly kind: 'ModifyingWith'
  readonly ctes: readonly BoundModifyingCte[]
  readonly main: BoundSelect | BoundInsert | BoundUpdate | BoundDelete
}

export interface BoundUpdate {
  readonly kind: 'Update'
  readonly table: Table
  /** The columns a scan of `table` carries (what `where` and the assignments read). */
  readonly columns: readonly ColumnId[]
  /** Rows to change: those of `table` passing `where`. */
  readonly where: BoundExpr | undefined
  /** New values: column index → expression over the old row. */
  readonly assignments: readonly { readonly column: number; readonly expr: BoundExpr }[]
  /** Updating through views with WITH CHECK OPTION (over `columns`). */
  readonly viewChecks?: BoundViewChecks | undefined
  /** Generated columns: recomputed from the new row (read through `columns`). */
  readonly generated: readonly { readonly column: number; readonly expr: BoundExpr }[]
  /** FROM items: `where` then restricts the target alone (view conditions), `condition` the
   * joined row (the statement's WHERE); assignments read the joined row. */
  readonly from?: BoundModifyFrom | undefined
  readonly condition?: BoundExpr | undefined
  /** RETURNING over the new row (joined with FROM's). */
  readonly returning?: BoundReturning | undefined
}

export interface BoundDelete {
  readonly kind: 'Delete'
  readonly table: Table
  readonly columns: readonly ColumnId[]
  readonly where: BoundExpr | undefined
  /** USING items, as UPDATE's FROM. */
  readonly from?: BoundModifyFrom | undefined
  readonly condition?: BoundExpr | undefined
  /** RETURNING over the deleted row (joined with USING's). */
  readonly returning?: BoundReturning | undefined
}

/** PostgreSQL's isolation levels short of SERIALIZABLE (READ UNCOMMITTED runs as READ COMMITTED
 * but is reported as asked, as in PostgreSQL). */
export type TransactionIsolation = 'read uncommitted' | 'read committed' | 'repeatable read'

export interface BoundTransaction {
  readonly kind: 'Transaction'
  readonly action: 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo'
  /** BEGIN ISOLATION LEVEL ...; undefined: the session default. */
  readonly isolation: TransactionIsolation | undefined
  /** BEGIN READ ONLY / READ WRITE; absent: default_transaction_read_only. */
  readonly isReadOnly?: boolean
  /** SAVEPOINT, RELEASE [SAVEPOINT], ROLLBACK TO [SAVEPOINT]: the savepoint's name. */
  readonly savepoint?: string
}

/** SET TRANSACTION (scope 'transaction') or SET SESSION CHARACTERISTICS AS TRANSACTION
 * (scope 'session': the defaults); an absent mode is not changed. */
export interface BoundSetTransaction {
  readonly kind: 'SetTransaction'
  readonly scope: 'transaction' | 'session'
  readonly isolation?: TransactionIsolation
  readonly isReadOnly?: boolean
}

/** SET / SET LOCAL / RESET / SET ... TO DEFAULT; `value` undefined means the default. */
export interface BoundSet {
  readonly kind: 'Set'
  /** undefined: RESET ALL. */
  readonly name: string | undefined
  readonly value: string | undefined
  readonly isLocal: boolean
}

export interface BoundShow {
  readonly kind: 'Show'
  readonly name: string
}

/** ALTER TABLE | VIEW | SEQUENCE ... SET SCHEMA. */
export interface BoundSetSchema {
  readonly kind: 'SetSchema'
  /** The command tag: ALTER TABLE, ALTER VIEW, ALTER SEQUENCE. */
  readonly tag: string
  /** undefined: IF EXISTS named no relation (`missingNotice` says so). */
  readonly relation: Relation | undefined
  readonly schema: string
  readonly missingNotice: string | undefined
}

/** SET CONSTRAINTS { ALL | name, ... } { DEFERRED | IMMEDIATE }: names are resolved against
 * the catalog at execution (sql/execute/set-constraints.ts). */
export interface BoundSetConstraints {
  readonly kind: 'SetConstraints'
  /** undefined: ALL. */
  readonly names:
    | readonly { readonly schema: string | undefined; readonly name: string }[]
    | undefined
  readonly isDeferred: boolean
}

export interface BoundVacuum {
  readonly kind: 'Vacuum'
  /** ANALYZE (which runs in transaction blocks and collects nothing yet), not VACUUM. */
  readonly isAnalyzeOnly: boolean
}

/** TRUNCATE: the tables named (tables referencing them are added at execution under CASCADE). */
export interface BoundTruncate {
  readonly kind: 'Truncate'
  readonly tables: readonly Table[]
  readonly restartIdentity: boolean
  readonly cascade: boolean
}

/** What COMMENT ON names. */
export type CommentTarget =
  | { readonly kind: 'relation'; readonly relation: Relation }
  | { readonly kind: 'column'; readonly relation: Table | View; readonly column: number }
  | { readonly kind: 'index'; readonly entry: IndexEntry }
  | { readonly kind: 'schema'; readonly schema: Schema }

/** COMMENT ON ... IS: `comment` undefined removes it (NULL or ''). */
export interface BoundComment {
  readonly kind: 'Comment'
  readonly target: CommentTarget
  readonly comment: string | undefined
}

export interface BoundExplain {
  readonly kind: 'Explain'
  readonly statement: BoundSelect
  /** EXPLAIN ANALYZE: run the statement and report each node's rows and loops. */
  readonly analyze: boolean
  /** Node timings (ANALYZE with TIMING on). */
  readonly timing: boolean
  /** Planning Time / Execution Time lines (SUMMARY; on by default with ANALYZE). */
  readonly summary: boolean
}

/**
 * ALTER TABLE (and ALTER TABLE ... RENAME): each subcommand sees the table as the ones before
 * it left it, so they are bound at execution (sql/execute/ddl/alter-table.ts) against the
 * statement's source; binding only finds the table.
 */
export interface BoundAlterTable {
  readonly kind: 'AlterTable'
  readonly node: AlterTableStmt | RenameStmt
  readonly source: SourceText
  /** undefined: IF EXISTS named no table (a notice says so). */
  readonly table: Table | undefined
}

export type BoundStatement =
  | BoundAlterTable
  | BoundCreateFunction
  | BoundDropFunction
  | BoundAlterFunction
  | BoundSelect
  | BoundCreateTable
  | BoundCreateIndex
  | BoundRenameIndex
  | BoundDrop
  | BoundCreateSchema
  | BoundCreateView
  | BoundRenameView
  | BoundCreateSequence
  | BoundAlterSequence
  | BoundCreateType
  | BoundAlterType
  | BoundDropType
  | BoundInsert
  | BoundUpdate
  | BoundDelete
  | BoundModifyingWith
  | BoundTransaction
  | BoundSet
  | BoundSetTransaction
  | BoundShow
  | BoundSetConstraints
  | BoundSetSchema
  | BoundVacuum
  | BoundExplain
  | BoundTruncate
  | BoundComment
  | BoundRoleCommand
  | BoundCopyFrom
  | BoundCopyTo

/** A bound statement plus what execution needs to know about its parameters. */
export interface BoundQuery {
  readonly statement: BoundStatement
  /** Inferred type of each `$n` (text where nothing constrained it). */
  readonly parameterTypes: readonly SqlType[]
  /** 0-based numbers of the parameters nothing constrained (text above): a prepared
   * statement refuses them (42P18), as PostgreSQL does; `execute` reads them as text. */
  readonly untypedParameters: readonly number[]
}
