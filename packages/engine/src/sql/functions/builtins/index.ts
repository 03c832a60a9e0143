/**
 * Every built-in family, in one list for the binder's resolution tables.
 */
import type { BuiltinFamily } from '../registry.js'
import { arrayBuiltins } from './array.js'
import { catalogInfoBuiltins } from './catalog-info.js'
import { commentBuiltins } from './comments.js'
import { datetimeBuiltins } from './datetime.js'
import { enumBuiltins } from './enum.js'
import { jsonBuiltins } from './json.js'
import { mathBuiltins } from './math.js'
import { privilegeBuiltins } from './privileges.js'
import { sequenceBuiltins } from './sequence.js'
import { stringBuiltins } from './string.js'
import { systemBuiltins } from './system.js'

export const builtinFamilies: readonly BuiltinFamily[] = [
  mathBuiltins,
  stringBuiltins,
  datetimeBuiltins,
  jsonBuiltins,
  arrayBuiltins,
  systemBuiltins,
  privilegeBuiltins,
  sequenceBuiltins,
  commentBuiltins,
  enumBuiltins,
  catalogInfoBuiltins,
]
