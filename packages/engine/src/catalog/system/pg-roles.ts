/**
 * Roles and the database-wide catalogs: pg_authid (superusers only, as PostgreSQL's ACL
 * allows), pg_roles, pg_user, pg_auth_members (from catalog/roles.ts), pg_database,
 * pg_tablespace, pg_am, pg_collation, pg_extension, pg_language.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { Role } from '../roles.js'
import { bootstrapRoleOid, isMemberOf } from '../roles.js'
import { pgCatalogOid } from './catalog-objects.js'
import { columnsOf, type SystemRecord, type SystemRelation } from './system-relation.js'

/** The password column of pg_roles and pg_user: never the verifier. */
const hiddenPassword = '********'

function authidRecord(role: Role): SystemRecord {
  return {
    oid: role.oid,
    rolname: role.name,
    rolsuper: role.isSuperuser,
    rolinherit: role.inherit,
    rolcreaterole: role.canCreateRole,
    rolcreatedb: role.canCreateDb,
    rolcanlogin: role.canLogin,
    rolreplication: role.isReplication,
    rolbypassrls: role.bypassRls,
    rolconnlimit: role.connectionLimit,
    // VALID UNTIL is kept as text; the timestamptz column stays NULL (see docs).
    rolvaliduntil: null,
  }
}

export const pgAuthid: SystemRelation = {
  kind: 'system',
  oid: 1260,
  schema: 'pg_catalog',
  name: 'pg_authid',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid rolname:name rolsuper:boolean rolinherit:boolean rolcreaterole:boolean rolcreatedb:boolean rolcanlogin:boolean rolreplication:boolean rolbypassrls:boolean rolconnlimit:integer rolpassword:text rolvaliduntil:timestamp with time zone',
  ),
  *rows({ catalog, user }) {
    if (catalog.findRole(user)?.isSuperuser !== true) {
      throw new SqlError(SqlState.insufficientPrivilege, 'permission denied for table pg_authid')
    }
    for (const role of catalog.roles()) {
      yield { ...authidRecord(role), rolpassword: role.password ?? null }
    }
  },
}

export const pgRoles: SystemRelation = {
  kind: 'system',
  oid: 12000,
  schema: 'pg_catalog',
  name: 'pg_roles',
  relkind: 'v',
  columns: columnsOf(
    'rolname:name rolsuper:boolean rolinherit:boolean rolcreaterole:boolean rolcreatedb:boolean rolcanlogin:boolean rolreplication:boolean rolconnlimit:integer rolpassword:text rolvaliduntil:timestamp with time zone rolbypassrls:boolean rolconfig:text[] oid:oid',
  ),
  *rows({ catalog }) {
    for (const role of catalog.roles()) {
      yield { ...authidRecord(role), rolpassword: hiddenPassword, rolconfig: null }
    }
  },
}

export const pgUser: SystemRelation = {
  kind: 'system',
  oid: 12014,
  schema: 'pg_catalog',
  name: 'pg_user',
  relkind: 'v',
  columns: columnsOf(
    'usename:name usesysid:oid usecreatedb:boolean usesuper:boolean userepl:boolean usebypassrls:boolean passwd:text valuntil:timestamp with time zone useconfig:text[]',
  ),
  *rows({ catalog }) {
    for (const role of catalog.roles()) {
      if (!role.canLogin) continue
      yield {
        usename: role.name,
        usesysid: role.oid,
        usecreatedb: role.canCreateDb,
        usesuper: role.isSuperuser,
        userepl: role.isReplication,
        usebypassrls: role.bypassRls,
        passwd: hiddenPassword,
        valuntil: null,
        useconfig: null,
      }
    }
  },
}

export const pgAuthMembers: SystemRelation = {
  kind: 'system',
  oid: 1261,
  schema: 'pg_catalog',
  name: 'pg_auth_members',
  relkind: 'r',
  columns: columnsOf('roleid:oid member:oid grantor:oid admin_option:boolean'),
  *rows({ catalog }) {
    for (const role of catalog.roles()) {
      for (const membership of role.memberOf) {
        yield {
          roleid: membership.role,
          member: role.oid,
          grantor: membership.grantor,
          admin_option: membership.isAdmin,
        }
      }
    }
  },
}

/** The database's OID: PostgreSQL's first user database gets one near this; bkg-db has one
 * database per data directory. */
export const databaseOid = 5

export const pgDatabase: SystemRelation = {
  kind: 'system',
  oid: 1262,
  schema: 'pg_catalog',
  name: 'pg_database',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid datname:name datdba:oid encoding:integer datlocprovider:"char" datistemplate:boolean datallowconn:boolean datconnlimit:integer datfrozenxid:xid datminmxid:xid dattablespace:oid datcollate:text datctype:text daticulocale:text datcollversion:text datacl:aclitem[]',
  ),
  *rows({ databaseName }) {
    yield {
      oid: databaseOid,
      datname: databaseName,
      datdba: bootstrapRoleOid,
      encoding: 6,
      datlocprovider: 'c',
      datistemplate: false,
      datallowconn: true,
      datconnlimit: -1,
      datfrozenxid: 0n,
      datminmxid: 1n,
      dattablespace: 1663,
      datcollate: 'C.UTF-8',
      datctype: 'C.UTF-8',
      daticulocale: null,
      datcollversion: null,
      datacl: null,
    }
  },
}

export const pgTablespace: SystemRelation = {
  kind: 'system',
  oid: 1213,
  schema: 'pg_catalog',
  name: 'pg_tablespace',
  relkind: 'r',
  columns: columnsOf('oid:oid spcname:name spcowner:oid spcacl:aclitem[] spcoptions:text[]'),
  rows: () => [
    { oid: 1663, spcname: 'pg_default', spcowner: bootstrapRoleOid },
    { oid: 1664, spcname: 'pg_global', spcowner: bootstrapRoleOid },
  ],
}

export const pgAm: SystemRelation = {
  kind: 'system',
  oid: 2601,
  schema: 'pg_catalog',
  name: 'pg_am',
  relkind: 'r',
  columns: columnsOf('oid:oid amname:name amhandler:regproc amtype:"char"'),
  rows: () => [
    { oid: 2, amname: 'heap', amhandler: 3, amtype: 't' },
    { oid: 403, amname: 'btree', amhandler: 330, amtype: 'i' },
    { oid: 405, amname: 'hash', amhandler: 331, amtype: 'i' },
    { oid: 783, amname: 'gist', amhandler: 332, amtype: 'i' },
    { oid: 2742, amname: 'gin', amhandler: 333, amtype: 'i' },
    { oid: 4000, amname: 'spgist', amhandler: 334, amtype: 'i' },
    { oid: 3580, amname: 'brin', amhandler: 335, amtype: 'i' },
  ],
}

export const pgCollation: SystemRelation = {
  kind: 'system',
  oid: 3456,
  schema: 'pg_catalog',
  name: 'pg_collation',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid collname:name collnamespace:oid collowner:oid collprovider:"char" collisdeterministic:boolean collencoding:integer collcollate:text collctype:text colliculocale:text collversion:text',
  ),
  rows: () =>
    [
      { oid: 100, collname: 'default', collprovider: 'd', collencoding: -1 },
      {
        oid: 950,
        collname: 'C',
        collprovider: 'c',
        collencoding: -1,
        collcollate: 'C',
        collctype: 'C',
      },
      {
        oid: 951,
        collname: 'POSIX',
        collprovider: 'c',
        collencoding: -1,
        collcollate: 'POSIX',
        collctype: 'POSIX',
      },
    ].map((row) => ({
      ...row,
      collnamespace: pgCatalogOid,
      collowner: bootstrapRoleOid,
      collisdeterministic: true,
    })),
}

export const pgExtension: SystemRelation = {
  kind: 'system',
  oid: 3079,
  schema: 'pg_catalog',
  name: 'pg_extension',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:boolean extversion:text extconfig:oid[] extcondition:text[]',
  ),
  rows: () => [
    {
      oid: 13559,
      extname: 'plpgsql',
      extowner: bootstrapRoleOid,
      extnamespace: pgCatalogOid,
      extrelocatable: false,
      extversion: '1.0',
      extconfig: null,
      extcondition: null,
    },
  ],
}

/** pg_language: the languages PostgreSQL 15 has; functions here are `sql` (14). */
export const pgLanguage: SystemRelation = {
  kind: 'system',
  oid: 2612,
  schema: 'pg_catalog',
  name: 'pg_language',
  relkind: 'r',
  columns: columnsOf(
    'oid:oid lanname:name lanowner:oid lanispl:boolean lanpltrusted:boolean lanplcallfoid:oid laninline:oid lanvalidator:oid lanacl:aclitem[]',
  ),
  rows: () =>
    [
      { oid: 12, lanname: 'internal', lanispl: false, lanpltrusted: false, lanvalidator: 2246 },
      { oid: 13, lanname: 'c', lanispl: false, lanpltrusted: false, lanvalidator: 2247 },
      { oid: 14, lanname: 'sql', lanispl: false, lanpltrusted: true, lanvalidator: 2248 },
      {
        oid: 13563,
        lanname: 'plpgsql',
        lanispl: true,
        lanpltrusted: true,
        lanplcallfoid: 13560,
        laninline: 13561,
        lanvalidator: 13562,
      },
    ].map((row) => ({
      lanplcallfoid: 0,
      laninline: 0,
      ...row,
      lanowner: bootstrapRoleOid,
      lanacl: null,
    })),
}

/** pg_settings: the session's settings (SHOW's values), described as user-settable strings. */
export const pgSettings: SystemRelation = {
  kind: 'system',
  oid: 12104,
  schema: 'pg_catalog',
  name: 'pg_settings',
  relkind: 'v',
  columns: columnsOf(
    'name:text setting:text unit:text category:text short_desc:text extra_desc:text context:text vartype:text source:text min_val:text max_val:text enumvals:text[] boot_val:text reset_val:text sourcefile:text sourceline:integer pending_restart:boolean',
  ),
  *rows({ settings }) {
    for (const { name, value } of settings?.() ?? []) {
      yield {
        name,
        setting: value,
        category: 'Client Connection Defaults',
        short_desc: '',
        context: 'user',
        vartype: 'string',
        source: 'session',
        pending_restart: false,
      }
    }
  },
}

/**
 * pg_stat_activity: one row per open session. As in PostgreSQL, a role sees the query text and
 * state of sessions of roles whose privileges it has (superusers: all); others' show
 * `<insufficient privilege>` and NULL details. Client address and port are not known to the
 * engine (NULL; client_addr is text, bkg-db has no inet type yet).
 */
export const pgStatActivity: SystemRelation = {
  kind: 'system',
  oid: 12222,
  schema: 'pg_catalog',
  name: 'pg_stat_activity',
  relkind: 'v',
  columns: columnsOf(
    'datid:oid datname:name pid:integer leader_pid:integer usesysid:oid usename:name application_name:text client_addr:text client_hostname:text client_port:integer backend_start:timestamptz xact_start:timestamptz query_start:timestamptz state_change:timestamptz wait_event_type:text wait_event:text state:text backend_xid:xid backend_xmin:xid query_id:bigint query:text backend_type:text',
  ),
  *rows({ catalog, user, databaseName, activities }) {
    const viewer = catalog.findRole(user)
    for (const activity of activities?.() ?? []) {
      const role = catalog.findRole(activity.user)
      const isVisible =
        viewer !== undefined && role !== undefined && isMemberOf(catalog, viewer, role)
      yield {
        datid: databaseOid,
        datname: databaseName,
        pid: activity.pid,
        leader_pid: null,
        usesysid: role?.oid ?? null,
        usename: activity.user,
        application_name: activity.applicationName,
        client_addr: null,
        client_hostname: null,
        client_port: null,
        backend_start: activity.backendStart,
        xact_start: isVisible ? (activity.transactionStart ?? null) : null,
        query_start: isVisible ? (activity.queryStart ?? null) : null,
        state_change: isVisible ? (activity.stateChange ?? null) : null,
        wait_event_type: null,
        wait_event: null,
        state: isVisible ? activity.state : null,
        backend_xid: null,
        backend_xmin: null,
        query_id: null,
        query: isVisible ? activity.query : '<insufficient privilege>',
        backend_type: 'client backend',
      }
    }
  },
}
