/**
 * SQL parsing: the only module that touches libpg-query. Turns text into statements of the
 * parser's AST, with errors as SqlError (42601 and position by default). Syntax only.
 * Imports: errors, limits. Tests: parser.test.ts.
 */
export * from './ast.js'
export { bodyStatements } from './function-body.js'
export { ParseCache } from './parse-cache.js'
export { loadParser, type ParsedStatement, parseSql, SourceText } from './parser.js'
export { viewQueryText } from './view-text.js'
