/**
 * Catalog: the schema objects of one database, as an immutable value. DDL builds a new Catalog
 * (copy on write); a transaction works on its own version and publishes it at commit, so DDL is
 * transactional: a rolled-back CREATE TABLE never existed for anyone else.
 *
 * Table definitions are stored in the kernel (catalog-store.ts); this value is their cache.
 *
 * Invariants:
 *   1. Relation names (tables and their constraint indexes) are unique within a schema.
 *   2. OIDs are never reused within a process; user objects start at 16384 as in PostgreSQL.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import type { Table } from './table.js'

/** First OID for user-created objects (PostgreSQL's FirstNormalObjectId). */
export const firstUserOid = 16384

export const defaultSchema = 'public'

export class Catalog {
  /** Increases with every published change; a transaction's DDL commits only onto the version
   * it started from. */
  readonly version: number
  readonly nextOid: number
  readonly #tables: ReadonlyMap<string, Table>
  /** Every relation name in use (tables and constraint indexes), qualified `schema.name`. */
  readonly #relationNames: ReadonlySet<string>

  private constructor(
    version: number,
    nextOid: number,
    tables: ReadonlyMap<string, Table>,
    relationNames: ReadonlySet<string>,
  ) {
    this.version = version
    this.nextOid = nextOid
    this.#tables = tables
    this.#relationNames = relationNames
  }

  static empty(): Catalog {
    return new Catalog(0, firstUserOid, new Map(), new Set())
  }

  findTable(schema: string, name: string): Table | undefined {
    return this.#tables.get(qualified(schema, name))
  }

  /** The table, or 42P01 `relation "x" does not exist` with the reference's position. */
  getTable(schema: string | undefined, name: string, position: number | undefined): Table {
    const table = this.findTable(schema ?? defaultSchema, name)
    if (table !== undefined) return table
    const shown = schema === undefined ? name : `${schema}.${name}`
    throw new SqlError(
      SqlState.undefinedTable,
      `relation "${shown}" does not exist`,
      position === undefined ? {} : { position },
    )
  }

  findTableByOid(oid: number): Table | undefined {
    for (const table of this.#tables.values()) if (table.oid === oid) return table
    return undefined
  }

  hasRelation(schema: string, name: string): boolean {
    return this.#relationNames.has(qualified(schema, name))
  }

  tables(): Iterable<Table> {
    return this.#tables.values()
  }

  /** A catalog with `table` added; `oidsUsed` OIDs are consumed from nextOid. */
  withTable(table: Table, oidsUsed: number): Catalog {
    assert(!this.hasRelation(table.schema, table.name), 'relation name is free')
    assert(table.oid >= firstUserOid, 'table OIDs are user OIDs')
    const tables = new Map(this.#tables)
    tables.set(qualified(table.schema, table.name), table)
    const names = new Set(this.#relationNames)
    for (const name of relationNamesOf(table)) names.add(qualified(table.schema, name))
    return new Catalog(this.version + 1, this.nextOid + oidsUsed, tables, names)
  }

  /** The same catalog with the OID counter moved forward (after loading stored tables). */
  withNextOid(nextOid: number): Catalog {
    assert(nextOid >= this.nextOid || this.#tables.size === 0, 'the OID counter never goes back')
    return new Catalog(
      this.version,
      Math.max(nextOid, this.nextOid),
      this.#tables,
      this.#relationNames,
    )
  }

  withoutTable(table: Table): Catalog {
    const key = qualified(table.schema, table.name)
    assert(this.#tables.get(key) === table, 'dropped table is in the catalog')
    const tables = new Map(this.#tables)
    tables.delete(key)
    const names = new Set(this.#relationNames)
    for (const name of relationNamesOf(table)) names.delete(qualified(table.schema, name))
    return new Catalog(this.version + 1, this.nextOid, tables, names)
  }
}

function qualified(schema: string, name: string): string {
  return `${schema}\u0000${name}`
}

function relationNamesOf(table: Table): string[] {
  return table.primaryKey === undefined ? [table.name] : [table.name, table.primaryKey.name]
}
