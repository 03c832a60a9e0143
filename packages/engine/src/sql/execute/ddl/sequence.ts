/**
 * CREATE SEQUENCE and ALTER SEQUENCE: the definition the options describe, with PostgreSQL's
 * defaults and checks (its init_params, in the same order, so the same error comes first), stored
 * in the statement's transaction like any DDL. The sequence's state (last value) is not
 * transactional and lives elsewhere (access/sequence-state.ts); every CREATE and ALTER starts a
 * new state epoch, whose initial state the definition records: a rolled-back ALTER leaves the
 * old epoch in use, as PostgreSQL's new relfilenode does.
 */
import {
  type Catalog,
  type Sequence,
  type SequenceEpoch,
  storeObject,
} from '../../../catalog/index.js'
import { SqlError, SqlState } from '../../../errors/index.js'
import { formatType, type SqlType, sqlTypes } from '../../../types/index.js'
import type { BoundAlterSequence, BoundCreateSequence, SequenceOptions } from '../../bind/index.js'
import { currentRoleOf, type ExecutionContext } from '../execution-context.js'
import type { StatementResult } from '../statement-result.js'
import { ddlResult, relationNameTaken } from './ddl-result.js'

const typeBounds: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
}

export function executeCreateSequence(
  create: BoundCreateSequence,
  context: ExecutionContext,
): StatementResult {
  const catalog = context.catalog
  const taken = relationNameTaken(context, create, create.schema, 'CREATE SEQUENCE')
  if (taken !== undefined) return taken
  const sequence = newSequence(context, {
    oid: catalog.nextOid,
    schema: create.schema,
    name: create.name,
    options: create.options,
    what: 'sequence',
  })
  context.catalog = catalog.withRelation(sequence, 1)
  storeObject(context.transaction, sequence, context.catalog.nextOid)
  return ddlResult('CREATE SEQUENCE', context)
}

export function executeAlterSequence(
  alter: BoundAlterSequence,
  context: ExecutionContext,
): StatementResult {
  if (alter.sequence === undefined) {
    if (alter.missingNotice !== undefined) {
      context.notices.push({
        severity: 'NOTICE',
        code: SqlState.successfulCompletion,
        message: alter.missingNotice,
      })
    }
    return ddlResult('ALTER SEQUENCE', context)
  }
  const previous = context.catalog.findRelationByOid(alter.sequence.oid)
  if (previous?.kind !== 'sequence') {
    throw new SqlError(SqlState.internalError, 'altered sequence is in the catalog')
  }
  const next = alteredSequence(context, previous, alter.options)
  context.catalog = context.catalog.replacingRelation(previous, next, 0)
  storeObject(context.transaction, next, context.catalog.nextOid)
  return ddlResult('ALTER SEQUENCE', context)
}

/** A new sequence's definition (CREATE SEQUENCE, serial and identity columns). */
export function newSequence(
  context: ExecutionContext,
  spec: {
    readonly oid: number
    readonly schema: string
    readonly name: string
    readonly options: SequenceOptions
    readonly what: 'sequence' | 'identity column'
    readonly type?: SqlType
    readonly ownedBy?: Sequence['ownedBy']
    /** The owner (a serial column's sequence: its table's); default the current role. */
    readonly owner?: string
  },
): Sequence {
  const fields = resolveOptions(spec.options, undefined, spec.what, spec.type)
  const ownedBy = spec.ownedBy ?? ownedByOf(spec.options, spec.schema)
  return {
    kind: 'sequence',
    oid: spec.oid,
    schema: spec.schema,
    name: spec.name,
    owner: spec.owner ?? currentRoleOf(context),
    ...fields,
    ownedBy,
    epoch: newEpoch(context),
    initial: { value: fields.start, isCalled: false },
  }
}

/** ALTER SEQUENCE (and ALTER of an identity column's options): the new definition, with a new
 * epoch that starts from the current state unless RESTART says otherwise. */
export function alteredSequence(
  context: ExecutionContext,
  previous: Sequence,
  options: SequenceOptions,
): Sequence {
  const state = context.sequences.peek(previous)
  const fields = resolveOptions(options, { ...previous, state }, 'sequence', undefined)
  const restart = options.restart
  const initial =
    restart === undefined
      ? { value: state.last, isCalled: state.isCalled }
      : { value: restart ?? fields.start, isCalled: false }
  checkLastValue(initial.value, fields)
  const ownedBy =
    options.ownedBy === undefined ? previous.ownedBy : ownedByOf(options, previous.schema)
  return { ...previous, ...fields, ownedBy, epoch: newEpoch(context), initial }
}

type SequenceFields = Pick<
  Sequence,
  'type' | 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle'
>

/** PostgreSQL's init_params: defaults, then checks, in its order. */
function resolveOptions(
  options: SequenceOptions,
  previous: (Sequence & { readonly state: { readonly last: bigint } }) | undefined,
  what: 'sequence' | 'identity column',
  columnType: SqlType | undefined,
): SequenceFields {
  const type = options.type ?? columnType ?? previous?.type ?? sqlTypes.int8
  const bounds = typeBounds[type.kind]
  if (bounds === undefined || type.kind === 'array') {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `${what} type must be smallint, integer, or bigint`,
    )
  }
  const [typeMin, typeMax] = bounds
  // A type change resets bounds that were the old type's own.
  const previousBounds = previous === undefined ? undefined : typeBounds[previous.type.kind]
  const isTypeChanged = previous !== undefined && previous.type.kind !== type.kind
  const increment = options.increment ?? previous?.increment ?? 1n
  if (increment === 0n) {
    throw new SqlError(SqlState.invalidParameterValue, 'INCREMENT must not be zero')
  }
  const cycle = options.cycle ?? previous?.cycle ?? false
  const isAscending = increment > 0n
  let max: bigint
  if (options.max !== undefined && options.max !== null) max = options.max
  else if (
    options.max === null ||
    previous === undefined ||
    (isTypeChanged && previous.max === previousBounds?.[1])
  ) {
    max = isAscending ? typeMax : -1n
  } else max = previous.max
  if (max < typeMin || max > typeMax) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `MAXVALUE (${max}) is out of range for sequence data type ${formatType(type)}`,
    )
  }
  let min: bigint
  if (options.min !== undefined && options.min !== null) min = options.min
  else if (
    options.min === null ||
    previous === undefined ||
    (isTypeChanged && previous.min === previousBounds?.[0])
  ) {
    min = isAscending ? 1n : typeMin
  } else min = previous.min
  if (min < typeMin || min > typeMax) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `MINVALUE (${min}) is out of range for sequence data type ${formatType(type)}`,
    )
  }
  if (min >= max) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `MINVALUE (${min}) must be less than MAXVALUE (${max})`,
    )
  }
  const start = options.start ?? previous?.start ?? (isAscending ? min : max)
  if (start < min) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `START value (${start}) cannot be less than MINVALUE (${min})`,
    )
  }
  if (start > max) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `START value (${start}) cannot be greater than MAXVALUE (${max})`,
    )
  }
  if (previous !== undefined && options.restart === undefined) {
    checkLastValue(previous.state.last, { min, max })
  }
  const cache = options.cache ?? previous?.cache ?? 1n
  if (cache <= 0n) {
    throw new SqlError(SqlState.invalidParameterValue, `CACHE (${cache}) must be greater than zero`)
  }
  return { type, start, increment, min, max, cache, cycle }
}

/** The value an ALTER leaves the sequence at must lie within its bounds. */
function checkLastValue(value: bigint, bounds: { readonly min: bigint; readonly max: bigint }) {
  if (value < bounds.min) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `RESTART value (${value}) cannot be less than MINVALUE (${bounds.min})`,
    )
  }
  if (value > bounds.max) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `RESTART value (${value}) cannot be greater than MAXVALUE (${bounds.max})`,
    )
  }
}

/** OWNED BY: the table must be in the sequence's schema (55000 otherwise, as PostgreSQL). */
function ownedByOf(options: SequenceOptions, schema: string): Sequence['ownedBy'] {
  const owner = options.ownedBy
  if (owner === undefined || owner === null) return undefined
  if (owner.table.schema !== schema) {
    throw new SqlError(
      SqlState.objectNotInPrerequisiteState,
      'sequence must be in same schema as table it is linked to',
    )
  }
  return { table: owner.table.oid, column: owner.column }
}

/** A state epoch no other definition has or will have (see Sequence.epoch). */
function newEpoch(context: ExecutionContext): SequenceEpoch {
  return { transaction: context.transaction.id, step: context.catalog.version }
}

/** The sequences owned by a table's columns (serial and identity columns). */
export function sequencesOwnedBy(catalog: Catalog, tableOid: number): Sequence[] {
  const owned: Sequence[] = []
  for (const relation of catalog.relations()) {
    if (relation.kind === 'sequence' && relation.ownedBy?.table === tableOid) owned.push(relation)
  }
  return owned
}
