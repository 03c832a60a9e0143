/**
 * The behaviour (input, output, binary form, order, hashing, key encoding) of every type kind,
 * collected from the family files under behaviours/.
 */
import { InternalError } from '../errors/index.js'
import { installBehaviourLookup } from './behaviour-lookup.js'
import { arrayBehaviours } from './behaviours/array.js'
import { datetimeBehaviours } from './behaviours/datetime.js'
import { jsonBehaviours } from './behaviours/json.js'
import { numbersBehaviours } from './behaviours/numbers.js'
import { textBehaviours } from './behaviours/text.js'
import type { SqlType, SqlTypeKind } from './sql-type.js'
import type { TypeBehaviour } from './type-behaviour.js'

const behaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {
  ...numbersBehaviours,
  ...datetimeBehaviours,
  ...jsonBehaviours,
  ...textBehaviours,
  ...arrayBehaviours,
}

export function behaviourOf(type: SqlType): TypeBehaviour {
  const found = behaviours[type.kind]
  if (found === undefined) throw new InternalError(`no behaviour for type ${type.name}`)
  return found
}

// Arrays and records look up their element and field behaviours through this.
installBehaviourLookup(behaviourOf)

/** Kinds the engine handled before type behaviours existed (row codec, keycode, casts). */
const legacyKinds: ReadonlySet<SqlTypeKind> = new Set(['bool', 'int2', 'int4', 'int8', 'text'])

/** Whether values of the type can be used today: SQL naming a type that is not is 0A000. */
export function isTypeImplemented(type: SqlType): boolean {
  if (type.kind === 'array') {
    return type.element !== undefined && isTypeImplemented(type.element) && hasBehaviour(type)
  }
  return legacyKinds.has(type.kind) || hasBehaviour(type)
}

/** Legacy kinds not yet given a behaviour by their family (removed as families land). */
export function isTypeImplementedWithoutBehaviour(type: SqlType): boolean {
  return legacyKinds.has(type.kind) && !hasBehaviour(type)
}

function hasBehaviour(type: SqlType): boolean {
  return behaviours[type.kind] !== undefined
}
