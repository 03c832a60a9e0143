/**
 * Built-in functions, operators, casts and aggregates of the string family (see ../registry.ts):
 * text functions (string-functions.ts), bytea and encodings (string-bytea.ts), format and
 * quoting (string-format.ts), LIKE and SIMILAR TO (string-pattern.ts), regular expressions
 * (string-regex.ts, string-regexp.ts), and the operators, casts and aggregates of text, char(n),
 * name, "char", boolean, bytea, uuid, enums and records (string-operators.ts).
 */
import type { BuiltinFamily } from '../registry.js'
import { stringSetFunctions, stringToArrayFunctions } from './string-arrays.js'
import { byteaFunctions } from './string-bytea.js'
import { formatFunctions } from './string-format.js'
import { stringFunctions } from './string-functions.js'
import { patternFunctions, textAggregates, textCasts, textOperators } from './string-operators.js'
import { regexpFunctions, regexpOperators, regexpSetFunctions } from './string-regexp.js'

export const stringBuiltins: BuiltinFamily = {
  functions: [
    ...stringFunctions,
    ...byteaFunctions,
    ...formatFunctions,
    ...patternFunctions,
    ...regexpFunctions,
    ...stringToArrayFunctions,
  ],
  setFunctions: [...regexpSetFunctions, ...stringSetFunctions],
  operators: [...textOperators, ...regexpOperators],
  casts: textCasts,
  aggregates: textAggregates,
}
