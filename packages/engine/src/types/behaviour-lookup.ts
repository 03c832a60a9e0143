/**
 * Late binding of behaviourOf for the behaviours of container types (arrays, records), whose
 * elements may be of any kind: behaviours.ts installs the lookup when it loads, so the family
 * files need not import behaviours.ts (which imports them) and the import graph stays acyclic.
 */
import { InternalError } from '../errors/index.js'
import type { SqlType } from './sql-type.js'
import type { TypeBehaviour } from './type-behaviour.js'

let lookup: ((type: SqlType) => TypeBehaviour) | undefined

export function installBehaviourLookup(find: (type: SqlType) => TypeBehaviour): void {
  lookup = find
}

/** The behaviour of an element or field type. */
export function behaviourFor(type: SqlType): TypeBehaviour {
  if (lookup === undefined) throw new InternalError('type behaviours are not installed')
  return lookup(type)
}
