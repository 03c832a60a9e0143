// SqlError and toSqlError by example: the ErrorResponse fields a SqlError carries, copies with a
// position, and how anything thrown while running a statement becomes the error a client sees.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { InternalError, SqlError, SqlState, sqlStateCodes, toSqlError } from './index.js'

test('a SqlError carries its code, message and every ErrorResponse field', () => {
  const error = new SqlError(SqlState.uniqueViolation, 'duplicate key value', {
    detail: 'Key (id)=(1) already exists.',
    hint: 'a hint',
    position: 12,
    schema: 'public',
    table: 'accounts',
    column: 'id',
    dataType: 'integer',
    constraint: 'accounts_pkey',
  })
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'SqlError')
  assert.equal(error.code, '23505')
  assert.equal(error.message, 'duplicate key value')
  assert.equal(error.detail, 'Key (id)=(1) already exists.')
  assert.equal(error.hint, 'a hint')
  assert.equal(error.position, 12)
  assert.equal(error.schema, 'public')
  assert.equal(error.table, 'accounts')
  assert.equal(error.column, 'id')
  assert.equal(error.dataType, 'integer')
  assert.equal(error.constraint, 'accounts_pkey')
  assert.equal(error.severity, 'ERROR', 'severity defaults to ERROR')
  assert.deepEqual(error.fields(), {
    detail: 'Key (id)=(1) already exists.',
    hint: 'a hint',
    position: 12,
    schema: 'public',
    table: 'accounts',
    column: 'id',
    dataType: 'integer',
    constraint: 'accounts_pkey',
    severity: 'ERROR',
  })
})

test('absent fields stay absent; severity and cause are kept', () => {
  const cause = new Error('root')
  const error = new SqlError(
    SqlState.adminShutdown,
    'terminating connection',
    { severity: 'FATAL' },
    { cause },
  )
  assert.equal(error.code, '57P01')
  assert.equal(error.severity, 'FATAL')
  assert.equal(error.cause, cause)
  assert.equal(error.detail, undefined)
  assert.equal(error.position, undefined)
  assert.deepEqual(error.fields(), { severity: 'FATAL' })
  assert.ok(!('position' in error.fields()), 'no undefined-valued keys')
})

test('withPosition returns a copy with the position, the original as cause', () => {
  const original = new SqlError(SqlState.invalidTextRepresentation, 'invalid input syntax', {
    detail: 'd',
    position: 3,
    severity: 'ERROR',
  })
  const positioned = original.withPosition(17)
  assert.notEqual(positioned, original)
  assert.equal(positioned.position, 17)
  assert.equal(original.position, 3, 'the original is unchanged')
  assert.equal(positioned.code, '22P02')
  assert.equal(positioned.message, 'invalid input syntax')
  assert.equal(positioned.detail, 'd')
  assert.equal(positioned.cause, original)
  assert.deepEqual(positioned.fields(), { detail: 'd', position: 17, severity: 'ERROR' })
})

test('toSqlError returns a SqlError unchanged', () => {
  const error = new SqlError(SqlState.undefinedTable, 'relation "x" does not exist')
  assert.equal(toSqlError(error), error)
})

test('toSqlError: InternalError becomes XX000 with its message and itself as cause', () => {
  const bug = new InternalError('index out of range')
  const error = toSqlError(bug)
  assert.ok(error instanceof SqlError)
  assert.equal(error.code, 'XX000')
  assert.equal(error.message, 'index out of range')
  assert.equal(error.cause, bug)
  assert.equal(error.severity, 'ERROR')
})

test('toSqlError: a JavaScript stack overflow becomes 54001 stack depth limit exceeded', () => {
  let overflow: unknown
  const recurse = (n: number): number => recurse(n + 1) + 1
  try {
    recurse(0)
  } catch (error) {
    overflow = error
  }
  assert.ok(overflow instanceof RangeError)
  const error = toSqlError(overflow)
  assert.equal(error.code, '54001')
  assert.equal(error.message, 'stack depth limit exceeded')
  assert.equal(error.hint, 'The statement is nested too deeply.')
  const other = toSqlError(new RangeError('Invalid array length'))
  assert.equal(other.code, 'XX000', 'other RangeErrors are not stack overflows')
  assert.equal(other.message, 'internal error: Invalid array length')
})

test('toSqlError: anything else becomes XX000 "internal error: ..." with the throwable as cause', () => {
  const typeError = new TypeError('x is not a function')
  const fromError = toSqlError(typeError)
  assert.equal(fromError.code, 'XX000')
  assert.equal(fromError.message, 'internal error: x is not a function')
  assert.equal(fromError.cause, typeError)
  const fromString = toSqlError('plain string')
  assert.equal(fromString.code, 'XX000')
  assert.equal(fromString.message, 'internal error: plain string')
  assert.equal(fromString.cause, 'plain string')
  assert.equal(toSqlError(undefined).message, 'internal error: undefined')
  assert.equal(toSqlError(null).message, 'internal error: null')
  assert.equal(toSqlError(42).message, 'internal error: 42')
  assert.equal(toSqlError({ code: '23505' }).code, 'XX000', 'a look-alike object is not trusted')
})

test('InternalError is an Error named InternalError that keeps its cause', () => {
  const cause = new Error('inner')
  const error = new InternalError('outer', { cause })
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'InternalError')
  assert.equal(error.message, 'outer')
  assert.equal(error.cause, cause)
})

test('SQLSTATE table: five-character codes, including the ones the engine raises', () => {
  const codes = Object.values(SqlState) as string[]
  for (const code of codes) assert.match(code, /^[0-9A-Z]{5}$/)
  assert.equal(SqlState.internalError, 'XX000')
  assert.equal(SqlState.dataCorrupted, 'XX001')
  assert.equal(SqlState.statementTooComplex, '54001')
  assert.equal(SqlState.ioError, '58030')
  assert.equal(SqlState.featureNotSupported, '0A000')
  assert.equal(SqlState.serializationFailure, '40001')
  assert.ok(sqlStateCodes.has(SqlState.undefinedTable))
})
