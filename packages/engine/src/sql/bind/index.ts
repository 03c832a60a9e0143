/**
 * Binding: parsed statements → bound statements (names resolved against the catalog, types
 * checked and inferred, parameters typed). Plain data out; no execution here.
 * Imports: parse, catalog, types, functions, errors. Tests: binder.test.ts.
 */
export { bindStatement } from './binder.js'
export type * from './bound.js'
