/** Versions reported to clients. `postgresVersion` is what server_version says: drivers and
 * psql parse its leading number to pick protocol features, so it names the PostgreSQL release
 * whose behaviour bkg-db follows. */
export const engineVersion = '0.1.0'
export const postgresVersion = '15.0'
