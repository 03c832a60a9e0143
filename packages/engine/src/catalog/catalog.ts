/**
 * Catalog: the schema objects of one database, as an immutable value. DDL builds a new Catalog
 * (copy on write); a transaction works on its own version and publishes it at commit, so DDL is
 * transactional: a rolled-back CREATE TABLE never existed for anyone else.
 *
 * Objects: schemas; relations (tables, views, sequences) by OID; indexes and the primary key are
 * part of their table's value but own names in the relation name space; user-defined types
 * (enums) by OID, in a name space of their own (pg_type's). A type's SqlType is copied into the
 * columns that use it: replacing a type (ALTER TYPE) refreshes those columns, so a catalog
 * version never holds two definitions of one type. Definitions are stored
 * in the kernel (catalog-store.ts); this value is their cache.
 *
 * Name resolution follows PostgreSQL: a qualified name looks in its schema; an unqualified one
 * in pg_catalog first, then in each schema of the search path that exists. Objects are created
 * in the first existing schema of the search path.
 *
 * Invariants:
 *   1. Relation names (tables, views, sequences, indexes, primary keys) are unique within a
 *      schema; every relation's schema exists.
 *   2. OIDs are never reused within a process; user objects start at 16384 as in PostgreSQL.
 *   3. Type names are unique within a schema; every column of a user type (or an array of one)
 *      holds the type's current SqlType.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import { arrayOf, enumType, findTypeByOid, type SqlType } from '../types/index.js'
import type { Acl } from './acl.js'
import type {
  IndexEntry,
  NamedRelation,
  Relation,
  Schema,
  Sequence,
  SqlFunction,
  UserType,
  View,
} from './objects.js'
import { builtinRoles, type Role } from './roles.js'
import type { ForeignKey, Table } from './table.js'

/** First OID for user-created objects (PostgreSQL's FirstNormalObjectId). */
export const firstUserOid = 16384

export const defaultSchema = 'public'

/** Schemas every database has, with PostgreSQL's OIDs. Not stored; never dropped. */
export const builtinSchemas: readonly Schema[] = [
  { kind: 'schema', oid: 11, name: 'pg_catalog', owner: 'postgres', isBuiltin: true },
  { kind: 'schema', oid: 2200, name: 'public', owner: 'postgres', isBuiltin: true },
]

/** An object that depends on a relation or function (see Catalog.dependentsOf). */
export type Dependent =
  | { readonly kind: 'view'; readonly view: View }
  | { readonly kind: 'foreign key'; readonly table: Table; readonly name: string }
  | { readonly kind: 'owned sequence'; readonly sequence: Sequence }

/** A search path as schema names, `"$user"` already replaced by the session's user. */
export type SearchPath = readonly string[]

export const defaultSearchPath: SearchPath = [defaultSchema]

export class Catalog {
  /** Increases with every published change; a transaction's DDL commits only onto the version
   * it started from. */
  readonly version: number
  readonly nextOid: number
  readonly #schemas: ReadonlyMap<string, Schema>
  readonly #relations: ReadonlyMap<number, Relation>
  /** Every relation name in use, qualified `schema\0name`. */
  readonly #names: ReadonlyMap<string, NamedRelation>
  /** User-defined functions by OID (their own name space: overloads share a name). */
  readonly #functions: ReadonlyMap<number, SqlFunction>
  /** Functions by bare name, built on first use (the value is immutable). */
  #functionsByName: Map<string, SqlFunction[]> | undefined
  readonly #types: ReadonlyMap<number, UserType>
  /** User type names, qualified `schema\0name`. */
  readonly #typeNames: ReadonlyMap<string, UserType>
  /** Roles by OID (roles.ts), and by name. */
  readonly #roles: ReadonlyMap<number, Role>
  readonly #roleNames: ReadonlyMap<string, Role>
  /** Stored ACLs by object key (privileges.ts: aclKey); absent: the owner's default. */
  readonly #acls: ReadonlyMap<string, Acl>

  private constructor(
    version: number,
    nextOid: number,
    schemas: ReadonlyMap<string, Schema>,
    relations: ReadonlyMap<number, Relation>,
    names: ReadonlyMap<string, NamedRelation>,
    functions: ReadonlyMap<number, SqlFunction>,
    types: ReadonlyMap<number, UserType>,
    typeNames: ReadonlyMap<string, UserType>,
    roles: ReadonlyMap<number, Role>,
    roleNames: ReadonlyMap<string, Role>,
    acls: ReadonlyMap<string, Acl>,
  ) {
    this.version = version
    this.nextOid = nextOid
    this.#schemas = schemas
    this.#relations = relations
    this.#names = names
    this.#functions = functions
    this.#types = types
    this.#typeNames = typeNames
    this.#roles = roles
    this.#roleNames = roleNames
    this.#acls = acls
  }

  /** A catalog with the built-in schemas and roles (roles.ts) and nothing else. */
  static empty(): Catalog {
    const schemas = new Map(builtinSchemas.map((schema) => [schema.name, schema]))
    return new Catalog(
      0,
      firstUserOid,
      schemas,
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(),
      new Map(builtinRoles.map((role) => [role.oid, role])),
      new Map(builtinRoles.map((role) => [role.name, role])),
      new Map(),
    )
  }

  // --- ACLs (acl.ts, privileges.ts) ---

  /** The stored ACL under `key`; undefined: the object has its owner's default. */
  aclOf(key: string): Acl | undefined {
    return this.#acls.get(key)
  }

  /** Every stored ACL by key (the map is replaced, never changed, so identity tells change). */
  get acls(): ReadonlyMap<string, Acl> {
    return this.#acls
  }

  /** A catalog with the ACL under `key` replaced (undefined: removed, back to the default). */
  withAcl(key: string, acl: Acl | undefined): Catalog {
    const acls = new Map(this.#acls)
    if (acl === undefined) acls.delete(key)
    else acls.set(key, acl)
    return this.#with({ acls })
  }

  /** The same catalog with the stored ACLs `load` read. */
  withAclsLoaded(acls: ReadonlyMap<string, Acl>): Catalog {
    return this.#with({ acls })
  }

  // --- roles (roles.ts) ---

  findRole(name: string): Role | undefined {
    return this.#roleNames.get(name)
  }

  /** The role, or 42704 `role "x" does not exist`. */
  getRole(name: string, position?: number): Role {
    const role = this.#roleNames.get(name)
    if (role !== undefined) return role
    throw roleNotFound(name, position)
  }

  findRoleByOid(oid: number): Role | undefined {
    return this.#roles.get(oid)
  }

  roles(): Iterable<Role> {
    return this.#roles.values()
  }

  /** A catalog with `role` added, or with the same OID replacing the role (ALTER ROLE, GRANT,
   * a rename); `oidsUsed` OIDs are consumed. */
  withRole(role: Role, oidsUsed: number): Catalog {
    const previous = this.#roles.get(role.oid)
    const roleNames = new Map(this.#roleNames)
    if (previous !== undefined) roleNames.delete(previous.name)
    assert(!roleNames.has(role.name), 'role name is free')
    for (const membership of role.memberOf) {
      assert(membership.role !== role.oid, 'a role is not a member of itself')
      assert(
        this.#roles.has(membership.role) || membership.role === role.oid,
        'a membership names an existing role',
      )
    }
    roleNames.set(role.name, role)
    const roles = new Map(this.#roles)
    roles.set(role.oid, role)
    return this.#with({ roles, roleNames, oidsUsed })
  }

  /** A catalog without `role`; memberships in it must have been removed first. */
  withoutRole(role: Role): Catalog {
    assert(this.#roles.get(role.oid) === role, 'dropped role is current')
    for (const other of this.#roles.values()) {
      assert(
        other.memberOf.every((m) => m.role !== role.oid),
        'no role is a member of a dropped role',
      )
    }
    const roles = new Map(this.#roles)
    roles.delete(role.oid)
    const roleNames = new Map(this.#roleNames)
    roleNames.delete(role.name)
    return this.#with({ roles, roleNames })
  }

  /** The same catalog with every role replaced by what `load` read (loading stored roles). */
  withRolesLoaded(stored: readonly Role[]): Catalog {
    return this.#with({
      roles: new Map(stored.map((role) => [role.oid, role])),
      roleNames: new Map(stored.map((role) => [role.name, role])),
    })
  }

  // --- functions ---

  /** Functions named `name` in any schema (callers filter by schema or search path). */
  functionsNamed(name: string): readonly SqlFunction[] {
    if (this.#functionsByName === undefined) {
      const byName = new Map<string, SqlFunction[]>()
      for (const fn of this.#functions.values()) {
        const list = byName.get(fn.name)
        if (list === undefined) byName.set(fn.name, [fn])
        else list.push(fn)
      }
      this.#functionsByName = byName
    }
    return this.#functionsByName.get(name) ?? []
  }

  findFunctionByOid(oid: number): SqlFunction | undefined {
    return this.#functions.get(oid)
  }

  functions(): Iterable<SqlFunction> {
    return this.#functions.values()
  }

  /** A catalog with `fn` added (or, with the same OID, replacing the previous definition:
   * CREATE OR REPLACE, ALTER FUNCTION, COMMENT ON FUNCTION). */
  withFunction(fn: SqlFunction, oidsUsed: number): Catalog {
    assert(fn.oid >= firstUserOid, 'function OIDs are user OIDs')
    assert(this.#schemas.has(fn.schema), 'the function schema exists')
    const functions = new Map(this.#functions)
    functions.set(fn.oid, fn)
    return this.#with({ functions, oidsUsed })
  }

  withoutFunction(fn: SqlFunction): Catalog {
    assert(this.#functions.get(fn.oid) === fn, 'dropped function is current')
    const functions = new Map(this.#functions)
    functions.delete(fn.oid)
    return this.#with({ functions })
  }

  // --- schemas ---

  findSchema(name: string): Schema | undefined {
    return this.#schemas.get(name)
  }

  /** The schema, or 3F000 `schema "x" does not exist`. */
  getSchema(name: string, position?: number): Schema {
    const schema = this.#schemas.get(name)
    if (schema !== undefined) return schema
    throw schemaNotFound(name, position)
  }

  schemas(): Iterable<Schema> {
    return this.#schemas.values()
  }

  /** The schema unqualified CREATE statements create in: the first existing schema of the
   * search path (pg_catalog excluded), or 3F000 as in PostgreSQL. */
  creationSchema(searchPath: SearchPath, position?: number): Schema {
    for (const name of searchPath) {
      const schema = this.#schemas.get(name)
      if (schema !== undefined && name !== 'pg_catalog') return schema
    }
    throw new SqlError(
      SqlState.invalidSchemaName,
      'no schema has been selected to create in',
      position === undefined ? {} : { position },
    )
  }

  withSchema(schema: Schema, oidsUsed: number): Catalog {
    assert(!this.#schemas.has(schema.name), 'schema name is free')
    const schemas = new Map(this.#schemas)
    schemas.set(schema.name, schema)
    return this.#with({ schemas, oidsUsed })
  }

  /** A catalog with `previous` replaced by `next` (same name and OID): COMMENT ON SCHEMA. */
  replacingSchema(previous: Schema, next: Schema): Catalog {
    assert(this.#schemas.get(previous.name) === previous, 'replaced schema is current')
    assert(next.oid === previous.oid && next.name === previous.name, 'replacement keeps identity')
    const schemas = new Map(this.#schemas)
    schemas.set(next.name, next)
    return this.#with({ schemas })
  }

  withoutSchema(schema: Schema): Catalog {
    assert(this.#schemas.get(schema.name) === schema, 'dropped schema is in the catalog')
    assert(!schema.isBuiltin, 'built-in schemas are never dropped')
    for (const relation of this.#relations.values()) {
      assert(relation.schema !== schema.name, 'a dropped schema holds no relations')
    }
    for (const fn of this.#functions.values()) {
      assert(fn.schema !== schema.name, 'a dropped schema holds no functions')
    }
    for (const type of this.#types.values()) {
      assert(type.schema !== schema.name, 'a dropped schema holds no types')
    }
    const schemas = new Map(this.#schemas)
    schemas.delete(schema.name)
    return this.#with({ schemas })
  }

  // --- relations ---

  /** Whatever the name denotes in the schema (a table, view, sequence or index). */
  findRelation(schema: string, name: string): NamedRelation | undefined {
    return this.#names.get(qualified(schema, name))
  }

  /** Resolves a possibly qualified relation name with the search path (pg_catalog first). */
  resolveRelation(
    schema: string | undefined,
    name: string,
    searchPath: SearchPath,
  ): NamedRelation | undefined {
    if (schema !== undefined) return this.findRelation(schema, name)
    const found = this.findRelation('pg_catalog', name)
    if (found !== undefined) return found
    for (const candidate of searchPath) {
      const relation = this.findRelation(candidate, name)
      if (relation !== undefined) return relation
    }
    return undefined
  }

  findTable(schema: string, name: string): Table | undefined {
    const relation = this.findRelation(schema, name)
    return relation?.kind === 'table' ? relation : undefined
  }

  /** The table, or 42P01 `relation "x" does not exist` with the reference's position (also
   * for a schema that does not exist, as PostgreSQL), or 42809 for another kind of relation. */
  getTable(
    schema: string | undefined,
    name: string,
    position: number | undefined,
    searchPath: SearchPath = defaultSearchPath,
  ): Table {
    const relation = this.resolveRelation(schema, name, searchPath)
    if (relation?.kind === 'table') return relation
    if (relation !== undefined) throw wrongRelationKind(relation, 'a table', position)
    throw relationNotFound(schema, name, position)
  }

  findRelationByOid(oid: number): Relation | undefined {
    return this.#relations.get(oid)
  }

  findTableByOid(oid: number): Table | undefined {
    const relation = this.#relations.get(oid)
    return relation?.kind === 'table' ? relation : undefined
  }

  hasRelation(schema: string, name: string): boolean {
    return this.#names.has(qualified(schema, name))
  }

  relations(): Iterable<Relation> {
    return this.#relations.values()
  }

  *tables(): Iterable<Table> {
    for (const relation of this.#relations.values()) if (relation.kind === 'table') yield relation
  }

  /** `name`, or `schema.name` when the unqualified name would not find the relation (the way
   * PostgreSQL names objects in messages). */
  displayName(relation: NamedRelation, searchPath: SearchPath): string {
    const found = this.resolveRelation(undefined, relation.name, searchPath)
    return found?.oid === relation.oid ? relation.name : `${relation.schema}.${relation.name}`
  }

  /** Relations of a schema, for DROP SCHEMA. */
  *relationsIn(schema: string): Iterable<Relation> {
    for (const relation of this.#relations.values()) if (relation.schema === schema) yield relation
  }

  /** A catalog with `relation` added; `oidsUsed` OIDs are consumed from nextOid. */
  withRelation(relation: Relation, oidsUsed: number): Catalog {
    assert(relation.oid >= firstUserOid, 'relation OIDs are user OIDs')
    assert(!this.#relations.has(relation.oid), 'relation OID is free')
    assert(this.#schemas.has(relation.schema), 'the relation schema exists')
    const relations = new Map(this.#relations)
    relations.set(relation.oid, relation)
    const names = new Map(this.#names)
    for (const entry of namesOf(relation)) {
      const key = qualified(entry.schema, entry.name)
      assert(!names.has(key), 'relation name is free')
      names.set(key, entry)
    }
    return this.#with({ relations, names, oidsUsed })
  }

  /** A catalog with `previous` replaced by `next` (same OID): ALTER TABLE, CREATE INDEX, a
   * rename. `oidsUsed` OIDs are consumed (for new indexes or constraints). */
  replacingRelation(previous: Relation, next: Relation, oidsUsed: number): Catalog {
    assert(this.#relations.get(previous.oid) === previous, 'replaced relation is current')
    assert(next.oid === previous.oid && next.kind === previous.kind, 'replacement keeps identity')
    assert(this.#schemas.has(next.schema), 'the relation schema exists')
    const relations = new Map(this.#relations)
    relations.set(next.oid, next)
    const names = new Map(this.#names)
    for (const entry of namesOf(previous)) names.delete(qualified(entry.schema, entry.name))
    for (const entry of namesOf(next)) {
      const key = qualified(entry.schema, entry.name)
      assert(!names.has(key), 'relation name is free')
      names.set(key, entry)
    }
    return this.#with({ relations, names, oidsUsed })
  }

  withoutRelation(relation: Relation): Catalog {
    assert(this.#relations.get(relation.oid) === relation, 'dropped relation is current')
    const relations = new Map(this.#relations)
    relations.delete(relation.oid)
    const names = new Map(this.#names)
    for (const entry of namesOf(relation)) names.delete(qualified(entry.schema, entry.name))
    return this.#with({ relations, names })
  }

  /** Kept for callers that predate views and sequences. */
  withTable(table: Table, oidsUsed: number): Catalog {
    return this.withRelation(table, oidsUsed)
  }

  withoutTable(table: Table): Catalog {
    return this.withoutRelation(table)
  }

  /**
   * What depends on relation or function `oid` (PostgreSQL's pg_depend, derived): views reading
   * or calling it, foreign keys of other tables referencing it, sequences owned by one of its
   * columns. A plain DROP is
   * refused while a normal dependent exists; DROP ... CASCADE drops them too. Automatic
   * dependents (owned sequences) go silently with their owner.
   */
  dependentsOf(oid: number): Dependent[] {
    const dependents: Dependent[] = []
    for (const relation of this.#relations.values()) {
      if (relation.oid === oid) continue
      switch (relation.kind) {
        case 'view':
          if (relation.dependsOn.includes(oid)) dependents.push({ kind: 'view', view: relation })
          break
        case 'table':
          for (const key of relation.foreignKeys) {
            if (key.referencedTable === oid) {
              dependents.push({ kind: 'foreign key', table: relation, name: key.name })
            }
          }
          break
        case 'sequence':
          if (relation.ownedBy?.table === oid) {
            dependents.push({ kind: 'owned sequence', sequence: relation })
          }
          break
      }
    }
    return dependents
  }

  /** The foreign keys (with their tables) that reference table `tableOid` through its primary
   * key or unique index `indexOid` (PostgreSQL's dependency of a constraint on an index). */
  foreignKeysUsing(tableOid: number, indexOid: number): { table: Table; key: ForeignKey }[] {
    const table = this.findTableByOid(tableOid)
    const found: { table: Table; key: ForeignKey }[] = []
    for (const relation of this.#relations.values()) {
      if (relation.kind !== 'table') continue
      for (const key of relation.foreignKeys) {
        if (key.referencedTable !== tableOid) continue
        // Keys stored before referencedIndex was recorded reference the primary key.
        const index = key.referencedIndex ?? table?.primaryKey?.oid
        if (index === indexOid) found.push({ table: relation, key })
      }
    }
    return found
  }

  // --- types ---

  /** The user type `name` in `schema`. */
  findType(schema: string, name: string): UserType | undefined {
    return this.#typeNames.get(qualified(schema, name))
  }

  /**
   * Resolves a possibly qualified type name as PostgreSQL does: a qualified name in its schema;
   * an unqualified one in pg_catalog (the built-in types, which the caller has looked at) and
   * then each schema of the search path. Only user types are found here.
   */
  resolveType(
    schema: string | undefined,
    name: string,
    searchPath: SearchPath,
  ): UserType | undefined {
    if (schema !== undefined) return this.findType(schema, name)
    for (const candidate of searchPath) {
      const type = this.findType(candidate, name)
      if (type !== undefined) return type
    }
    return undefined
  }

  findTypeByOid(oid: number): UserType | undefined {
    return this.#types.get(oid)
  }

  /** Any type by OID: built-in, user-defined, or an array of either (what stored definitions
   * and the wire protocol name). */
  sqlTypeByOid(oid: number): SqlType | undefined {
    const builtin = findTypeByOid(oid)
    if (builtin !== undefined) return builtin
    const user = this.#types.get(oid)
    if (user !== undefined) return user.type
    for (const type of this.#types.values()) {
      if (type.type.arrayOid === oid) return arrayOf(type.type)
    }
    return undefined
  }

  types(): Iterable<UserType> {
    return this.#types.values()
  }

  *typesIn(schema: string): Iterable<UserType> {
    for (const type of this.#types.values()) if (type.schema === schema) yield type
  }

  /** `name`, or `schema.name` when the search path would not find the type (messages). */
  typeDisplayName(type: UserType, searchPath: SearchPath): string {
    const found = this.resolveType(undefined, type.name, searchPath)
    return found?.oid === type.oid ? type.name : `${type.schema}.${type.name}`
  }

  withType(type: UserType, oidsUsed: number): Catalog {
    assert(type.oid >= firstUserOid, 'type OIDs are user OIDs')
    assert(!this.#types.has(type.oid), 'type OID is free')
    assert(this.#schemas.has(type.schema), 'the type schema exists')
    const key = qualified(type.schema, type.name)
    assert(!this.#typeNames.has(key), 'type name is free')
    const types = new Map(this.#types)
    types.set(type.oid, type)
    const typeNames = new Map(this.#typeNames)
    typeNames.set(key, type)
    return this.#with({ types, typeNames, oidsUsed })
  }

  /** A catalog with `previous` replaced by `next` (same OID): ALTER TYPE. Every column of the
   * type, or of an array of it, gets the new definition. */
  replacingType(previous: UserType, next: UserType, oidsUsed: number): Catalog {
    assert(this.#types.get(previous.oid) === previous, 'replaced type is current')
    assert(next.oid === previous.oid, 'replacement keeps identity')
    const types = new Map(this.#types)
    types.set(next.oid, next)
    const typeNames = new Map(this.#typeNames)
    typeNames.delete(qualified(previous.schema, previous.name))
    const key = qualified(next.schema, next.name)
    assert(!typeNames.has(key), 'type name is free')
    typeNames.set(key, next)
    const relations = new Map(this.#relations)
    const names = new Map(this.#names)
    for (const relation of this.#relations.values()) {
      const refreshed = withTypeRefreshed(relation, next.type)
      if (refreshed === relation) continue
      relations.set(refreshed.oid, refreshed)
      for (const entry of namesOf(refreshed)) names.set(qualified(entry.schema, entry.name), entry)
    }
    return this.#with({ types, typeNames, relations, names, oidsUsed })
  }

  /** The catalog as it is published at commit: enum labels added by the transaction are no
   * longer uncommitted (types/enum-type.ts). The same catalog when none are. */
  committed(): Catalog {
    let catalog: Catalog = this
    for (const type of this.#types.values()) {
      const members = type.type.enumMembers ?? []
      if (!members.some((m) => m.isUncommitted === true)) continue
      const settled = members.map(({ isUncommitted: _, ...m }) => m)
      const { oid, schema, name } = type
      const next: UserType = {
        ...type,
        type: enumType({ oid, arrayOid: type.type.arrayOid, schema, name, members: settled }),
      }
      catalog = catalog.replacingType(type, next, 0)
    }
    return catalog
  }

  withoutType(type: UserType): Catalog {
    assert(this.#types.get(type.oid) === type, 'dropped type is current')
    const types = new Map(this.#types)
    types.delete(type.oid)
    const typeNames = new Map(this.#typeNames)
    typeNames.delete(qualified(type.schema, type.name))
    return this.#with({ types, typeNames })
  }

  /** The same catalog with the OID counter moved forward (after loading stored objects). */
  withNextOid(nextOid: number): Catalog {
    assert(
      nextOid >= this.nextOid || (this.#relations.size === 0 && this.#functions.size === 0),
      'the OID counter never goes back',
    )
    return new Catalog(
      this.version,
      Math.max(nextOid, this.nextOid),
      this.#schemas,
      this.#relations,
      this.#names,
      this.#functions,
      this.#types,
      this.#typeNames,
      this.#roles,
      this.#roleNames,
      this.#acls,
    )
  }

  #with(changes: {
    schemas?: ReadonlyMap<string, Schema>
    relations?: ReadonlyMap<number, Relation>
    names?: ReadonlyMap<string, NamedRelation>
    functions?: ReadonlyMap<number, SqlFunction>
    types?: ReadonlyMap<number, UserType>
    typeNames?: ReadonlyMap<string, UserType>
    roles?: ReadonlyMap<number, Role>
    roleNames?: ReadonlyMap<string, Role>
    acls?: ReadonlyMap<string, Acl>
    oidsUsed?: number
  }): Catalog {
    return new Catalog(
      this.version + 1,
      this.nextOid + (changes.oidsUsed ?? 0),
      changes.schemas ?? this.#schemas,
      changes.relations ?? this.#relations,
      changes.names ?? this.#names,
      changes.functions ?? this.#functions,
      changes.types ?? this.#types,
      changes.typeNames ?? this.#typeNames,
      changes.roles ?? this.#roles,
      changes.roleNames ?? this.#roleNames,
      changes.acls ?? this.#acls,
    )
  }
}

/** `type` itself if it does not involve `changed`'s OID, else the same shape over `changed`. */
function refreshedType(type: SqlType, changed: SqlType): SqlType {
  if (type.oid === changed.oid) return changed
  if (type.kind === 'array' && type.element?.oid === changed.oid) return arrayOf(changed)
  return type
}

/** The relation with its columns of type `changed` (or arrays of it) given its new value. */
function withTypeRefreshed(relation: Relation, changed: SqlType): Relation {
  if (relation.kind === 'sequence') return relation
  let isChanged = false
  const refresh = <C extends { readonly type: SqlType }>(column: C): C => {
    const type = refreshedType(column.type, changed)
    if (type === column.type) return column
    isChanged = true
    return { ...column, type }
  }
  if (relation.kind === 'table') {
    const columns = relation.columns.map(refresh)
    return isChanged ? { ...relation, columns } : relation
  }
  const columns = relation.columns.map(refresh)
  return isChanged ? { ...relation, columns } : relation
}

function qualified(schema: string, name: string): string {
  return `${schema}\u0000${name}`
}

/** The names a relation owns: its own, and for a table its primary key's and indexes'. */
function namesOf(relation: Relation): NamedRelation[] {
  if (relation.kind !== 'table') return [relation]
  const names: NamedRelation[] = [relation]
  const { schema } = relation
  if (relation.primaryKey !== undefined) {
    const { oid, name } = relation.primaryKey
    names.push({ kind: 'index', oid, schema, name, table: relation, index: undefined })
  }
  for (const index of relation.indexes) {
    const entry: IndexEntry = {
      kind: 'index',
      oid: index.oid,
      schema,
      name: index.name,
      table: relation,
      index,
    }
    names.push(entry)
  }
  return names
}

export function relationNotFound(
  schema: string | undefined,
  name: string,
  position: number | undefined,
): SqlError {
  const shown = schema === undefined ? name : `${schema}.${name}`
  return new SqlError(
    SqlState.undefinedTable,
    `relation "${shown}" does not exist`,
    position === undefined ? {} : { position },
  )
}

/** 42809 for a relation used as another kind: `"x" is an index`, `"x" is not a table`. */
export function wrongRelationKind(
  relation: NamedRelation,
  expected: string,
  position: number | undefined,
): SqlError {
  const message =
    relation.kind === 'index'
      ? `"${relation.name}" is an index`
      : `"${relation.name}" is not ${expected}`
  return new SqlError(SqlState.wrongObjectType, message, position === undefined ? {} : { position })
}

export function schemaNotFound(schema: string, position?: number | undefined): SqlError {
  return new SqlError(
    SqlState.invalidSchemaName,
    `schema "${schema}" does not exist`,
    position === undefined ? {} : { position },
  )
}

export function roleNotFound(name: string, position?: number | undefined): SqlError {
  return new SqlError(
    SqlState.undefinedObject,
    `role "${name}" does not exist`,
    position === undefined ? {} : { position },
  )
}
