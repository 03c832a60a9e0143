/**
 * information_schema's views psql-less tools read (ORM introspection, migration tools):
 * schemata, tables, columns, views, table_constraints, key_column_usage,
 * constraint_column_usage, referential_constraints, check_constraints, routines, parameters,
 * sequences. Its domains stand in by their base types (sql_identifier: name, cardinal_number:
 * int4, character_data and yes_or_no: varchar). Every object is listed: PostgreSQL lists only
 * those the current role has some privilege on.
 */
import type { SqlType } from '../../types/index.js'
import { formatType, withoutTypmod } from '../../types/index.js'
import type { Catalog } from '../catalog.js'
import type { Table } from '../table.js'
import { namespaceOid } from './catalog-objects.js'
import { actionText, type ConstraintEntry, constraintsOf, defaultText } from './definitions.js'
import {
  columnsOf,
  type SystemRecord,
  type SystemRelation,
  type SystemSource,
} from './system-relation.js'

const yes = (value: boolean) => (value ? 'YES' : 'NO')

function view(
  name: string,
  oid: number,
  columns: string,
  rows: (source: SystemSource) => Iterable<SystemRecord>,
): SystemRelation {
  return {
    kind: 'system',
    oid,
    schema: 'information_schema',
    name,
    relkind: 'v',
    columns: columnsOf(columns),
    rows,
  }
}

/** data_type, udt_name and the size columns information_schema gives a type. */
export function typeFacts(type: SqlType): SystemRecord {
  const dataType =
    type.kind === 'array'
      ? 'ARRAY'
      : type.kind === 'enum'
        ? 'USER-DEFINED'
        : formatType(withoutTypmod(type))
  const typmod = type.typmod
  const isCharacter = type.kind === 'varchar' || type.kind === 'bpchar' || type.kind === 'text'
  const length =
    (type.kind === 'varchar' || type.kind === 'bpchar') && typmod >= 0 ? typmod - 4 : null
  const binary: Partial<Record<string, number>> = {
    int2: 16,
    int4: 32,
    int8: 64,
    float4: 24,
    float8: 53,
  }
  const bits = binary[type.kind]
  const numeric =
    type.kind === 'numeric'
      ? {
          numeric_precision: typmod >= 0 ? ((typmod - 4) >> 16) & 0xffff : null,
          numeric_precision_radix: 10,
          numeric_scale: typmod >= 0 ? (typmod - 4) & 0xffff : null,
        }
      : bits === undefined
        ? {}
        : {
            numeric_precision: bits,
            numeric_precision_radix: 2,
            numeric_scale: type.kind.startsWith('int') ? 0 : null,
          }
  const isDatetime = ['date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval'].includes(
    type.kind,
  )
  return {
    data_type: dataType,
    character_maximum_length: length,
    character_octet_length: isCharacter ? (length === null ? 1073741824 : length * 4) : null,
    ...numeric,
    datetime_precision: isDatetime ? (type.kind === 'date' ? 0 : typmod >= 0 ? typmod : 6) : null,
    udt_catalog: null,
    udt_schema: type.kind === 'enum' ? (type.schema ?? 'public') : 'pg_catalog',
    udt_name: type.name,
  }
}

function* tablesAndViews(catalog: Catalog) {
  for (const relation of catalog.relations()) {
    if (relation.kind === 'table' || relation.kind === 'view') yield relation
  }
}

const schemata = view(
  'schemata',
  13382,
  'catalog_name:sql_identifier schema_name:sql_identifier schema_owner:sql_identifier default_character_set_catalog:sql_identifier default_character_set_schema:sql_identifier default_character_set_name:sql_identifier sql_path:character_data',
  function* ({ catalog, databaseName }) {
    const all = [...catalog.schemas(), { name: 'information_schema', owner: 'postgres' }]
    for (const schema of all) {
      yield { catalog_name: databaseName, schema_name: schema.name, schema_owner: schema.owner }
    }
  },
)

const tables = view(
  'tables',
  13425,
  'table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier table_type:character_data self_referencing_column_name:sql_identifier reference_generation:character_data user_defined_type_catalog:sql_identifier user_defined_type_schema:sql_identifier user_defined_type_name:sql_identifier is_insertable_into:yes_or_no is_typed:yes_or_no commit_action:character_data',
  function* ({ catalog, databaseName }) {
    for (const relation of tablesAndViews(catalog)) {
      yield {
        table_catalog: databaseName,
        table_schema: relation.schema,
        table_name: relation.name,
        table_type: relation.kind === 'table' ? 'BASE TABLE' : 'VIEW',
        is_insertable_into: 'YES',
        is_typed: 'NO',
      }
    }
  },
)

const columns = view(
  'columns',
  13295,
  'table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier column_name:sql_identifier ordinal_position:cardinal_number column_default:character_data is_nullable:yes_or_no data_type:character_data character_maximum_length:cardinal_number character_octet_length:cardinal_number numeric_precision:cardinal_number numeric_precision_radix:cardinal_number numeric_scale:cardinal_number datetime_precision:cardinal_number interval_type:character_data interval_precision:cardinal_number character_set_catalog:sql_identifier character_set_schema:sql_identifier character_set_name:sql_identifier collation_catalog:sql_identifier collation_schema:sql_identifier collation_name:sql_identifier domain_catalog:sql_identifier domain_schema:sql_identifier domain_name:sql_identifier udt_catalog:sql_identifier udt_schema:sql_identifier udt_name:sql_identifier scope_catalog:sql_identifier scope_schema:sql_identifier scope_name:sql_identifier maximum_cardinality:cardinal_number dtd_identifier:sql_identifier is_self_referencing:yes_or_no is_identity:yes_or_no identity_generation:character_data identity_start:character_data identity_increment:character_data identity_maximum:character_data identity_minimum:character_data identity_cycle:yes_or_no is_generated:character_data generation_expression:character_data is_updatable:yes_or_no',
  function* ({ catalog, databaseName, searchPath, quoteIdent }) {
    for (const relation of tablesAndViews(catalog)) {
      for (const [i, column] of relation.columns.entries()) {
        const stored = relation.kind === 'table' ? relation.columns[i] : undefined
        const identity = stored?.identity
        const sequence =
          identity === undefined ? undefined : catalog.findRelationByOid(identity.sequence)
        const bounds = sequence?.kind === 'sequence' ? sequence : undefined
        yield {
          table_catalog: databaseName,
          table_schema: relation.schema,
          table_name: relation.name,
          column_name: column.name,
          ordinal_position: i + 1,
          column_default:
            stored?.default === undefined || stored.generated !== undefined
              ? null
              : defaultText(catalog, searchPath, stored.default.text, quoteIdent),
          is_nullable: yes(!(stored?.isNotNull ?? false)),
          ...typeFacts(column.type),
          udt_catalog: databaseName,
          dtd_identifier: String(i + 1),
          is_self_referencing: 'NO',
          is_identity: yes(identity !== undefined),
          identity_generation:
            identity === undefined ? null : identity.kind === 'always' ? 'ALWAYS' : 'BY DEFAULT',
          identity_start: bounds === undefined ? null : String(bounds.start),
          identity_increment: bounds === undefined ? null : String(bounds.increment),
          identity_maximum: bounds === undefined ? null : String(bounds.max),
          identity_minimum: bounds === undefined ? null : String(bounds.min),
          identity_cycle: bounds === undefined ? 'NO' : yes(bounds.cycle),
          is_generated: stored?.generated === undefined ? 'NEVER' : 'ALWAYS',
          generation_expression: stored?.generated?.text ?? null,
          is_updatable: 'YES',
        }
      }
    }
  },
)

const views = view(
  'views',
  13483,
  'table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier view_definition:character_data check_option:character_data is_updatable:yes_or_no is_insertable_into:yes_or_no is_trigger_updatable:yes_or_no is_trigger_deletable:yes_or_no is_trigger_insertable_into:yes_or_no',
  function* ({ catalog, databaseName }) {
    for (const relation of catalog.relations()) {
      if (relation.kind !== 'view') continue
      yield {
        table_catalog: databaseName,
        table_schema: relation.schema,
        table_name: relation.name,
        view_definition: ` ${relation.query.text};`,
        check_option: relation.checkOption.toUpperCase(),
        is_updatable: 'YES',
        is_insertable_into: 'YES',
        is_trigger_updatable: 'NO',
        is_trigger_deletable: 'NO',
        is_trigger_insertable_into: 'NO',
      }
    }
  },
)

const constraintTypes = { p: 'PRIMARY KEY', u: 'UNIQUE', c: 'CHECK', f: 'FOREIGN KEY' } as const

const tableConstraints = view(
  'table_constraints',
  13411,
  'constraint_catalog:sql_identifier constraint_schema:sql_identifier constraint_name:sql_identifier table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier constraint_type:character_data is_deferrable:yes_or_no initially_deferred:yes_or_no enforced:yes_or_no nulls_distinct:yes_or_no',
  function* ({ catalog, databaseName }) {
    for (const table of catalog.tables()) {
      for (const entry of constraintsOf(table)) {
        const key = entry.kind === 'f' ? entry.key : undefined
        yield {
          constraint_catalog: databaseName,
          constraint_schema: table.schema,
          constraint_name: entry.name,
          table_catalog: databaseName,
          table_schema: table.schema,
          table_name: table.name,
          constraint_type: constraintTypes[entry.kind],
          is_deferrable: yes(key?.isDeferrable ?? false),
          initially_deferred: yes(key?.isInitiallyDeferred ?? false),
          enforced: 'YES',
          nulls_distinct: entry.kind === 'u' ? yes(!entry.index.nullsNotDistinct) : null,
        }
      }
      // NOT NULL columns are CHECK constraints here, named as PostgreSQL names them.
      for (const column of table.columns) {
        if (!column.isNotNull) continue
        yield {
          constraint_catalog: databaseName,
          constraint_schema: table.schema,
          constraint_name: notNullName(catalog, table, column.number),
          table_catalog: databaseName,
          table_schema: table.schema,
          table_name: table.name,
          constraint_type: 'CHECK',
          is_deferrable: 'NO',
          initially_deferred: 'NO',
          enforced: 'YES',
          nulls_distinct: null,
        }
      }
    }
  },
)

/** PostgreSQL's name for a NOT NULL column's CHECK constraint in information_schema. */
function notNullName(catalog: Catalog, table: Table, attnum: number): string {
  return `${namespaceOid(catalog, table.schema)}_${table.oid}_${attnum}_not_null`
}

/** The key columns of a primary key, unique or foreign key constraint (indexes). */
function keyColumns(entry: ConstraintEntry): readonly number[] {
  switch (entry.kind) {
    case 'p':
      return entry.table.primaryKey?.columns ?? []
    case 'u':
      return entry.index.keys.flatMap((key) => (key.column === undefined ? [] : [key.column]))
    case 'f':
      return entry.key.columns
    case 'c':
      return []
  }
}

const keyColumnUsage = view(
  'key_column_usage',
  13329,
  'constraint_catalog:sql_identifier constraint_schema:sql_identifier constraint_name:sql_identifier table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier column_name:sql_identifier ordinal_position:cardinal_number position_in_unique_constraint:cardinal_number',
  function* ({ catalog, databaseName }) {
    for (const table of catalog.tables()) {
      for (const entry of constraintsOf(table)) {
        for (const [i, column] of keyColumns(entry).entries()) {
          yield {
            constraint_catalog: databaseName,
            constraint_schema: table.schema,
            constraint_name: entry.name,
            table_catalog: databaseName,
            table_schema: table.schema,
            table_name: table.name,
            column_name: table.columns[column]?.name ?? null,
            ordinal_position: i + 1,
            position_in_unique_constraint: entry.kind === 'f' ? i + 1 : null,
          }
        }
      }
    }
  },
)

const constraintColumnUsage = view(
  'constraint_column_usage',
  13300,
  'table_catalog:sql_identifier table_schema:sql_identifier table_name:sql_identifier column_name:sql_identifier constraint_catalog:sql_identifier constraint_schema:sql_identifier constraint_name:sql_identifier',
  function* ({ catalog, databaseName }) {
    for (const table of catalog.tables()) {
      for (const entry of constraintsOf(table)) {
        // A foreign key uses the referenced columns; the others their own table's.
        const target =
          entry.kind === 'f' ? catalog.findTableByOid(entry.key.referencedTable) : table
        if (target === undefined) continue
        const used =
          entry.kind === 'f'
            ? entry.key.referencedColumns
            : entry.kind === 'c'
              ? checkColumnIndexes(table, entry.check.expression.text)
              : keyColumns(entry)
        for (const column of used) {
          yield {
            table_catalog: databaseName,
            table_schema: target.schema,
            table_name: target.name,
            column_name: target.columns[column]?.name ?? null,
            constraint_catalog: databaseName,
            constraint_schema: table.schema,
            constraint_name: entry.name,
          }
        }
      }
    }
  },
)

/** The columns a CHECK expression's text names (a word match). */
function checkColumnIndexes(table: Table, text: string): number[] {
  const words = new Set(text.match(/[A-Za-z_][A-Za-z0-9_$]*/g) ?? [])
  return table.columns.flatMap((column, i) => (words.has(column.name) ? [i] : []))
}

const referentialConstraints = view(
  'referential_constraints',
  13339,
  'constraint_catalog:sql_identifier constraint_schema:sql_identifier constraint_name:sql_identifier unique_constraint_catalog:sql_identifier unique_constraint_schema:sql_identifier unique_constraint_name:sql_identifier match_option:character_data update_rule:character_data delete_rule:character_data',
  function* ({ catalog, databaseName }) {
    for (const table of catalog.tables()) {
      for (const key of table.foreignKeys) {
        const referenced = catalog.findTableByOid(key.referencedTable)
        const indexOid = key.referencedIndex ?? referenced?.primaryKey?.oid
        const unique =
          referenced === undefined
            ? undefined
            : constraintsOf(referenced).find((entry) => entry.oid === indexOid)
        yield {
          constraint_catalog: databaseName,
          constraint_schema: table.schema,
          constraint_name: key.name,
          unique_constraint_catalog: databaseName,
          unique_constraint_schema: referenced?.schema ?? null,
          unique_constraint_name: unique?.name ?? null,
          match_option: key.match === 'full' ? 'FULL' : 'NONE',
          update_rule: actionText[key.onUpdate],
          delete_rule: actionText[key.onDelete],
        }
      }
    }
  },
)

const checkConstraints = view(
  'check_constraints',
  13260,
  'constraint_catalog:sql_identifier constraint_schema:sql_identifier constraint_name:sql_identifier check_clause:character_data',
  function* ({ catalog, databaseName, quoteIdent }) {
    for (const table of catalog.tables()) {
      for (const check of table.checks) {
        yield {
          constraint_catalog: databaseName,
          constraint_schema: table.schema,
          constraint_name: check.name,
          check_clause: `(${check.expression.text})`,
        }
      }
      for (const column of table.columns) {
        if (!column.isNotNull) continue
        yield {
          constraint_catalog: databaseName,
          constraint_schema: table.schema,
          constraint_name: notNullName(catalog, table, column.number),
          check_clause: `${quoteIdent(column.name)} IS NOT NULL`,
        }
      }
    }
  },
)

const routines = view(
  'routines',
  13377,
  'specific_catalog:sql_identifier specific_schema:sql_identifier specific_name:sql_identifier routine_catalog:sql_identifier routine_schema:sql_identifier routine_name:sql_identifier routine_type:character_data module_catalog:sql_identifier module_schema:sql_identifier module_name:sql_identifier udt_catalog:sql_identifier udt_schema:sql_identifier udt_name:sql_identifier data_type:character_data character_maximum_length:cardinal_number character_octet_length:cardinal_number character_set_catalog:sql_identifier character_set_schema:sql_identifier character_set_name:sql_identifier collation_catalog:sql_identifier collation_schema:sql_identifier collation_name:sql_identifier numeric_precision:cardinal_number numeric_precision_radix:cardinal_number numeric_scale:cardinal_number datetime_precision:cardinal_number interval_type:character_data interval_precision:cardinal_number type_udt_catalog:sql_identifier type_udt_schema:sql_identifier type_udt_name:sql_identifier scope_catalog:sql_identifier scope_schema:sql_identifier scope_name:sql_identifier maximum_cardinality:cardinal_number dtd_identifier:sql_identifier routine_body:character_data routine_definition:character_data external_name:character_data external_language:character_data parameter_style:character_data is_deterministic:yes_or_no sql_data_access:character_data is_null_call:yes_or_no sql_path:character_data schema_level_routine:yes_or_no max_dynamic_result_sets:cardinal_number is_user_defined_cast:yes_or_no is_implicitly_invocable:yes_or_no security_type:character_data to_sql_specific_catalog:sql_identifier to_sql_specific_schema:sql_identifier to_sql_specific_name:sql_identifier as_locator:yes_or_no created:time_stamp last_altered:time_stamp new_savepoint_level:yes_or_no is_udt_dependent:yes_or_no result_cast_from_data_type:character_data result_cast_as_locator:yes_or_no result_cast_char_max_length:cardinal_number result_cast_char_octet_length:cardinal_number result_cast_char_set_catalog:sql_identifier result_cast_char_set_schema:sql_identifier result_cast_char_set_name:sql_identifier result_cast_collation_catalog:sql_identifier result_cast_collation_schema:sql_identifier result_cast_collation_name:sql_identifier result_cast_numeric_precision:cardinal_number result_cast_numeric_precision_radix:cardinal_number result_cast_numeric_scale:cardinal_number result_cast_datetime_precision:cardinal_number result_cast_interval_type:character_data result_cast_interval_precision:cardinal_number result_cast_type_udt_catalog:sql_identifier result_cast_type_udt_schema:sql_identifier result_cast_type_udt_name:sql_identifier result_cast_scope_catalog:sql_identifier result_cast_scope_schema:sql_identifier result_cast_scope_name:sql_identifier result_cast_maximum_cardinality:cardinal_number result_cast_dtd_identifier:sql_identifier',
  function* ({ catalog, databaseName }) {
    for (const fn of catalog.functions()) {
      const facts = typeFacts(fn.returns.type)
      yield {
        specific_catalog: databaseName,
        specific_schema: fn.schema,
        specific_name: `${fn.name}_${fn.oid}`,
        routine_catalog: databaseName,
        routine_schema: fn.schema,
        routine_name: fn.name,
        routine_type: 'FUNCTION',
        ...facts,
        udt_catalog: null,
        udt_schema: null,
        udt_name: null,
        type_udt_catalog: databaseName,
        type_udt_schema: facts['udt_schema'] ?? null,
        type_udt_name: facts['udt_name'] ?? null,
        dtd_identifier: '0',
        routine_body: 'SQL',
        routine_definition: fn.body.kind === 'text' ? fn.body.text : null,
        parameter_style: null,
        is_deterministic: yes(fn.volatility === 'immutable'),
        sql_data_access: 'MODIFIES',
        is_null_call: yes(fn.isStrict),
        schema_level_routine: 'YES',
        max_dynamic_result_sets: 0,
        is_user_defined_cast: 'NO',
        is_implicitly_invocable: 'NO',
        security_type: fn.isSecurityDefiner ? 'DEFINER' : 'INVOKER',
        as_locator: 'NO',
        is_udt_dependent: 'NO',
        new_savepoint_level: null,
      }
    }
  },
)

const parameters = view(
  'parameters',
  13334,
  'specific_catalog:sql_identifier specific_schema:sql_identifier specific_name:sql_identifier ordinal_position:cardinal_number parameter_mode:character_data is_result:yes_or_no as_locator:yes_or_no parameter_name:sql_identifier data_type:character_data character_maximum_length:cardinal_number character_octet_length:cardinal_number character_set_catalog:sql_identifier character_set_schema:sql_identifier character_set_name:sql_identifier collation_catalog:sql_identifier collation_schema:sql_identifier collation_name:sql_identifier numeric_precision:cardinal_number numeric_precision_radix:cardinal_number numeric_scale:cardinal_number datetime_precision:cardinal_number interval_type:character_data interval_precision:cardinal_number udt_catalog:sql_identifier udt_schema:sql_identifier udt_name:sql_identifier scope_catalog:sql_identifier scope_schema:sql_identifier scope_name:sql_identifier maximum_cardinality:cardinal_number dtd_identifier:sql_identifier parameter_default:character_data',
  function* ({ catalog, databaseName }) {
    for (const fn of catalog.functions()) {
      for (const [i, parameter] of fn.parameters.entries()) {
        const facts = typeFacts(parameter.type)
        yield {
          specific_catalog: databaseName,
          specific_schema: fn.schema,
          specific_name: `${fn.name}_${fn.oid}`,
          ordinal_position: i + 1,
          parameter_mode: 'IN',
          is_result: 'NO',
          as_locator: 'NO',
          parameter_name: parameter.name ?? null,
          ...facts,
          character_maximum_length: null,
          character_octet_length: null,
          numeric_precision: null,
          numeric_precision_radix: null,
          numeric_scale: null,
          datetime_precision: null,
          udt_catalog: databaseName,
          dtd_identifier: String(i + 1),
          parameter_default: parameter.default?.text ?? null,
        }
      }
    }
  },
)

const sequences = view(
  'sequences',
  13386,
  'sequence_catalog:sql_identifier sequence_schema:sql_identifier sequence_name:sql_identifier data_type:character_data numeric_precision:cardinal_number numeric_precision_radix:cardinal_number numeric_scale:cardinal_number start_value:character_data minimum_value:character_data maximum_value:character_data increment:character_data cycle_option:yes_or_no',
  function* ({ catalog, databaseName }) {
    // Identity columns' sequences are internal to their column (PostgreSQL leaves them out).
    const identities = new Set<number>()
    for (const table of catalog.tables()) {
      for (const column of table.columns) {
        if (column.identity !== undefined) identities.add(column.identity.sequence)
      }
    }
    for (const relation of catalog.relations()) {
      if (relation.kind !== 'sequence' || identities.has(relation.oid)) continue
      const facts = typeFacts(relation.type)
      yield {
        sequence_catalog: databaseName,
        sequence_schema: relation.schema,
        sequence_name: relation.name,
        data_type: facts['data_type'] ?? null,
        numeric_precision: facts['numeric_precision'] ?? null,
        numeric_precision_radix: 2,
        numeric_scale: 0,
        start_value: String(relation.start),
        minimum_value: String(relation.min),
        maximum_value: String(relation.max),
        increment: String(relation.increment),
        cycle_option: yes(relation.cycle),
      }
    }
  },
)

export const informationSchemaViews: readonly SystemRelation[] = [
  schemata,
  tables,
  columns,
  views,
  tableConstraints,
  keyColumnUsage,
  constraintColumnUsage,
  referentialConstraints,
  checkConstraints,
  routines,
  parameters,
  sequences,
]
