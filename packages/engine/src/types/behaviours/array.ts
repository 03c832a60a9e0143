/**
 * Type behaviours of the array family (see ../type-behaviour.ts).
 */
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'

export const arrayBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {}
