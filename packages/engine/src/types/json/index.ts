/**
 * The json family's library (parsing, printing, order, paths and operators of json and jsonb),
 * exported through types/index.ts for the json built-in functions.
 */
export { escapeJson, JsonTextBuilder, jsonbScalarText, jsonbText } from './format.js'
export {
  jsonArrayElement,
  jsonArrayElements,
  jsonArrayLength,
  jsonEach,
  jsonExtractPath,
  jsonObjectField,
  jsonObjectKeys,
  jsonStripNulls,
  jsonTypeof,
} from './json-text-ops.js'
export { type JsonTextContainer, type JsonTextNode, parseJsonTree } from './json-tree.js'
export { JsonbIterator, type JsonbToken } from './jsonb-iterator.js'
export {
  compareJsonbKeys,
  isJsonArray,
  isJsonObject,
  isJsonScalar,
  type JsonArrayNode,
  type JsonNodeType,
  type JsonObjectNode,
  type JsonScalarNode,
  jsonbObject,
  jsonNodeType,
  parseJsonb,
  utf8Length,
} from './jsonb-node.js'
export {
  jsonbConcat,
  jsonbContains,
  jsonbDeleteIndex,
  jsonbDeleteKey,
  jsonbDeleteKeys,
  jsonbExists,
  jsonbStripNulls,
} from './jsonb-ops.js'
export { compareJsonb, jsonbHashKey, writeJsonbKey, writeNumericKey } from './jsonb-order.js'
export {
  isJsonNumberText,
  JsonDigitBudget,
  jsonNumericFromText,
  jsonNumericToFloat32,
  jsonNumericToFloat64,
  jsonNumericToInteger,
} from './numeric-text.js'
export { jsonSyntaxError, parseJson, validateJson } from './parse.js'
export {
  type JsonbPathOperation,
  jsonbArrayElement,
  jsonbGetPath,
  jsonbObjectField,
  jsonbSetPath,
  parsePathIndex,
} from './path.js'
