/**
 * CREATE SEQUENCE and ALTER SEQUENCE binding: the name, and the options as written
 * (`bindSequenceOptions`, also used by identity columns). What the options mean together
 * (defaults by type and direction, bounds checks, the state an ALTER keeps) is decided at
 * execution, against the definition being replaced (execute/ddl/sequence.ts).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { AlterSeqStmt, CreateSeqStmt } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { creationSchema } from './bind-ddl.js'
import { bindSequenceOptions } from './bind-sequence-options.js'
import type { BoundAlterSequence, BoundCreateSequence } from './bound.js'

export function bindCreateSequence(
  context: BindContext,
  create: CreateSeqStmt,
): BoundCreateSequence {
  const relation = create.sequence
  if (relation?.relpersistence === 't') throw notYet('temporary sequences')
  if (relation?.relpersistence === 'u') throw notYet('unlogged sequences')
  const schema = creationSchema(context, relation?.schemaname, relation?.location)
  const name = relation?.relname ?? ''
  const options = bindSequenceOptions(context, create.options ?? [], 'create')
  return {
    kind: 'CreateSequence',
    schema,
    name,
    options,
    ifNotExists: create.if_not_exists === true,
  }
}

export function bindAlterSequence(context: BindContext, alter: AlterSeqStmt): BoundAlterSequence {
  const relation = alter.sequence
  const name = relation?.relname ?? ''
  const schema = relation?.schemaname
  const options = bindSequenceOptions(context, alter.options ?? [], 'alter')
  const found = context.findRelation(schema, name)
  if (found === undefined) {
    const shown = schema === undefined ? name : `${schema}.${name}`
    if (alter.missing_ok === true) {
      return {
        kind: 'AlterSequence',
        sequence: undefined,
        options,
        missingNotice: `relation "${shown}" does not exist, skipping`,
      }
    }
    throw new SqlError(SqlState.undefinedTable, `relation "${shown}" does not exist`)
  }
  if (found.kind !== 'sequence') {
    throw new SqlError(SqlState.wrongObjectType, `"${found.name}" is not a sequence`)
  }
  return { kind: 'AlterSequence', sequence: found, options, missingNotice: undefined }
}

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} are not supported yet`)
}
