/**
 * Type behaviours of the json family (see ../type-behaviour.ts).
 */
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'

export const jsonBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {}
