/**
 * Type behaviours of the numbers family (see ../type-behaviour.ts).
 */
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'

export const numbersBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {}
