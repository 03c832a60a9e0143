// Differential test of the system catalogs against the real PostgreSQL (the oracle): the same
// catalog queries psql, drivers and ORMs send, over the same schema, on the embedded engine and
// on PostgreSQL 15 at 127.0.0.1:5432. Rows must agree; the queries select names, types (through
// format_type), flags and definitions, never OIDs of user objects, and filter on
// current_schema() (a fresh schema on PostgreSQL, public here). Known differences (expressions
// shown as written rather than deparsed) are avoided by the schema's choice of expressions.
import { scriptDifferentialTest } from './support/script-differential.js'

const here = 'current_schema()'
const inSchema = `c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ${here})`

const script = [
  "CREATE TYPE cq_mood AS ENUM ('sad', 'ok', 'happy')",
  `CREATE TABLE cq_parent (
     id int PRIMARY KEY,
     code varchar(12) NOT NULL UNIQUE,
     price numeric(10,2),
     mood cq_mood,
     tags text[],
     at timestamptz,
     note text DEFAULT 'none'
   )`,
  `CREATE TABLE cq_child (
     id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     parent int NOT NULL REFERENCES cq_parent (id) ON DELETE CASCADE,
     qty smallint,
     big bigint
   )`,
  'CREATE INDEX cq_child_parent ON cq_child (parent)',
  'CREATE UNIQUE INDEX cq_child_qty ON cq_child (qty DESC, parent)',
  'CREATE VIEW cq_view AS SELECT id, code FROM cq_parent',
  'CREATE SEQUENCE cq_seq START 5 INCREMENT 2',
  'CREATE TABLE cq_serial (id serial PRIMARY KEY, n int DEFAULT 7)',
  `SELECT c.relname, d.adnum, pg_get_expr(d.adbin, d.adrelid)
     FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid
    WHERE ${inSchema} AND c.relname = 'cq_serial' ORDER BY 1, 2`,
  // pg_class and pg_namespace (psql \d, \dt, \di, \dv, \ds).
  `SELECT c.relname, c.relkind, c.relnatts, c.relhasindex, c.relpersistence, c.relchecks,
          c.relrowsecurity, c.relacl IS NULL AS noacl
     FROM pg_class c WHERE ${inSchema} ORDER BY c.relname`,
  `SELECT c.relname, pg_catalog.pg_get_userbyid(c.relowner), pg_catalog.pg_table_is_visible(c.oid)
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${here} ORDER BY 1`,
  "SELECT nspname FROM pg_namespace WHERE nspname IN ('pg_catalog', 'public', 'information_schema') ORDER BY 1",
  // pg_attribute with format_type (psql \d table).
  `SELECT c.relname, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
          a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated, a.attisdropped, a.attlen, a.attndims
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE ${inSchema} AND a.attnum > 0 AND c.relkind IN ('r', 'v') ORDER BY 1, 2`,
  // pg_index and pg_get_indexdef (with the schema name taken out).
  `SELECT c2.relname, i.indisprimary, i.indisunique, i.indnatts, i.indnkeyatts,
          replace(pg_catalog.pg_get_indexdef(i.indexrelid), ${here} || '.', '')
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class c2 ON c2.oid = i.indexrelid
    WHERE ${inSchema} ORDER BY 1`,
  // pg_constraint and pg_get_constraintdef.
  `SELECT r.conname, r.contype, r.condeferrable, r.condeferred, r.convalidated, r.conkey, r.confkey,
          r.confupdtype, r.confdeltype, r.confmatchtype, pg_catalog.pg_get_constraintdef(r.oid, true)
     FROM pg_constraint r JOIN pg_class c ON c.oid = r.conrelid
    WHERE ${inSchema} ORDER BY 1`,
  // pg_type: built-in rows and user enums; pg_enum.
  `SELECT oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typdelim, typelem,
          typarray, typalign, typstorage, typcollation
     FROM pg_type WHERE oid IN (16, 17, 18, 19, 20, 21, 23, 25, 26, 114, 700, 701, 1000, 1007,
       1009, 1042, 1043, 1082, 1114, 1184, 1186, 1700, 2950, 3802, 22, 30, 2205, 4089) ORDER BY oid`,
  `SELECT t.typname, t.typtype, t.typcategory, t.typlen, e.typname AS elem
     FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem
    WHERE t.typname IN ('cq_mood', '_cq_mood') ORDER BY 1`,
  `SELECT e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
    WHERE t.typname = 'cq_mood' ORDER BY e.enumsortorder`,
  // What postgres.js asks at connect (fetch_types).
  `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem
    WHERE a.typcategory = 'A' AND b.oid IN (16, 20, 21, 23, 25, 700, 701, 1043, 1082, 1114, 1184, 1700, 3802)
    GROUP BY b.oid, b.typarray ORDER BY b.oid`,
  // pg_sequence, pg_sequences, pg_get_serial_sequence.
  `SELECT c.relname, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
          pg_catalog.format_type(s.seqtypid, NULL)
     FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE ${inSchema} ORDER BY 1`,
  `SELECT sequencename, data_type::text, start_value, increment_by, cycle FROM pg_sequences
    WHERE schemaname = ${here} ORDER BY 1`,
  `SELECT replace(pg_get_serial_sequence('cq_child', 'id'), ${here} || '.', ''),
          pg_get_serial_sequence('cq_parent', 'id')`,
  // The pg_catalog views.
  `SELECT tablename, hasindexes, hasrules, hastriggers, rowsecurity FROM pg_tables
    WHERE schemaname = ${here} ORDER BY 1`,
  `SELECT indexname, tablename, replace(indexdef, ${here} || '.', '') FROM pg_indexes
    WHERE schemaname = ${here} ORDER BY 1`,
  `SELECT viewname FROM pg_views WHERE schemaname = ${here} ORDER BY 1`,
  "SELECT rolname, rolsuper, rolinherit, rolcanlogin FROM pg_roles WHERE rolname = 'postgres'",
  "SELECT amname, amtype FROM pg_am WHERE amname IN ('heap', 'btree') ORDER BY 1",
  "SELECT extname, extversion FROM pg_extension WHERE extname = 'plpgsql'",
  'SELECT pg_catalog.pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()',
  'SELECT count(*) FROM pg_inherits',
  'SELECT count(*) FROM pg_partitioned_table',
  // information_schema.
  `SELECT table_name, table_type, is_insertable_into FROM information_schema.tables
    WHERE table_schema = ${here} ORDER BY 1`,
  `SELECT table_name, column_name, ordinal_position, is_nullable, data_type,
          character_maximum_length, numeric_precision, numeric_scale, datetime_precision, udt_name,
          is_identity, identity_generation, is_generated
     FROM information_schema.columns WHERE table_schema = ${here} ORDER BY 1, 3`,
  `SELECT constraint_name, table_name, constraint_type, is_deferrable, initially_deferred
     FROM information_schema.table_constraints WHERE table_schema = ${here}
      AND constraint_type <> 'CHECK' ORDER BY 1`,
  `SELECT constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint
     FROM information_schema.key_column_usage WHERE table_schema = ${here} ORDER BY 1, 4`,
  `SELECT constraint_name, table_name, column_name FROM information_schema.constraint_column_usage
    WHERE table_schema = ${here} ORDER BY 1, 3`,
  `SELECT constraint_name, unique_constraint_name, match_option, update_rule, delete_rule
     FROM information_schema.referential_constraints WHERE constraint_schema = ${here}`,
  `SELECT sequence_name, data_type, numeric_precision, start_value, minimum_value, maximum_value,
          increment, cycle_option
     FROM information_schema.sequences WHERE sequence_schema = ${here} ORDER BY 1`,
  `SELECT table_name, check_option FROM information_schema.views WHERE table_schema = ${here}`,
  // reg* types and the catalog functions.
  "SELECT 'pg_class'::regclass::oid, 'pg_catalog.pg_type'::regclass::text, 23::regtype::text, 'character varying'::regtype::oid",
  "SELECT 'pg_catalog'::regnamespace::oid, 11::regnamespace::text, 0::regclass::text",
  "SELECT 'cq_nope'::regclass",
  "SELECT 'nope'::regnamespace",
  'SELECT format_type(1043, 24), format_type(1700, 655366), format_type(1007, NULL), format_type(23, NULL)',
  'SELECT current_schemas(false) = ARRAY[current_schema()]::name[], (current_schemas(true))[1]',
  'SELECT pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(123456789::bigint)',
]

scriptDifferentialTest('system catalogs agree with PostgreSQL', 'pgcatalog_diff', script)
