/**
 * Type behaviours of the text family (see ../type-behaviour.ts).
 */
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'

export const textBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {}
