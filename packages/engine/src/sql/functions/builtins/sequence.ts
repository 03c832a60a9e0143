/**
 * Sequence functions: nextval, currval, setval, lastval (volatile, as in pg_proc), and the
 * implicit cast text → regclass that lets nextval(text_expression) resolve a name at run time.
 * They only convert values; the state and its rules live behind CallContext.sequences.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { parseValueText, sqlTypes, type Value } from '../../../types/index.js'
import type { BuiltinFamily, CallContext, SequenceAccess } from '../registry.js'

function sequencesOf(call: CallContext): SequenceAccess {
  if (call.sequences === undefined) {
    throw new SqlError(SqlState.internalError, 'sequence functions need a session')
  }
  return call.sequences
}

function oidOf(value: Value): number {
  if (typeof value !== 'number') throw new SqlError(SqlState.internalError, 'regclass is a number')
  return value
}

function bigintOf(value: Value): bigint {
  if (typeof value !== 'bigint') throw new SqlError(SqlState.internalError, 'int8 is a bigint')
  return value
}

export const sequenceBuiltins: BuiltinFamily = {
  functions: [
    {
      name: 'nextval',
      args: ['regclass'],
      returns: 'int8',
      volatility: 'volatile',
      isStrict: true,
      evaluate: ([oid], call) => sequencesOf(call).nextval(oidOf(oid ?? null)),
    },
    {
      name: 'currval',
      args: ['regclass'],
      returns: 'int8',
      volatility: 'volatile',
      isStrict: true,
      evaluate: ([oid], call) => sequencesOf(call).currval(oidOf(oid ?? null)),
    },
    {
      name: 'setval',
      args: ['regclass', 'int8'],
      returns: 'int8',
      volatility: 'volatile',
      isStrict: true,
      evaluate: ([oid, value], call) =>
        sequencesOf(call).setval(oidOf(oid ?? null), bigintOf(value ?? null), true),
    },
    {
      name: 'setval',
      args: ['regclass', 'int8', 'bool'],
      returns: 'int8',
      volatility: 'volatile',
      isStrict: true,
      evaluate: ([oid, value, isCalled], call) =>
        sequencesOf(call).setval(oidOf(oid ?? null), bigintOf(value ?? null), isCalled === true),
    },
    {
      name: 'lastval',
      args: [],
      returns: 'int8',
      volatility: 'volatile',
      isStrict: false,
      evaluate: (_args, call) => sequencesOf(call).lastval(),
    },
  ],
  setFunctions: [],
  operators: [],
  casts: [
    {
      // PostgreSQL's regclass(text): the name is resolved when the cast runs.
      source: 'text',
      target: 'regclass',
      context: 'implicit',
      evaluate: (value, _source, _target, call) =>
        parseValueText(String(value), sqlTypes.regclass, call.types),
    },
  ],
  aggregates: [],
}
