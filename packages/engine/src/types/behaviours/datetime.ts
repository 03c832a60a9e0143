/**
 * Type behaviours of the datetime family (see ../type-behaviour.ts).
 */
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'

export const datetimeBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {}
